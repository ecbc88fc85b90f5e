package xlsx

import (
	"flag"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/internal/benchstore"
	"motcua/report/storesrc"
	"motcua/store"
)

// BenchmarkDayExport: the Excel export of the last day of a store of
// -report.n records (default 1,000,000, cached, see benchstore): reading
// the day's full records (store.ListDay), the tracking book and the
// workbook with its seven sheets (target ≤ 1 s). The dashboard itself is
// built once before the loop (its cost is BenchmarkDayDashboard in
// storesrc).
//
//	go test ./report/xlsx -run XXX -bench DayExport -benchtime 5x
var benchN = flag.Int("report.n", 1_000_000, "records in the benchmark store")

func BenchmarkDayExport(b *testing.B) {
	spec := benchstore.Year(*benchN)
	path, built, err := benchstore.Ensure(spec, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	if built > 0 {
		fmt.Fprintf(os.Stderr, "benchstore: built %s (%d records) in %s\n", path, spec.N, built.Round(time.Second))
	}
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	day := time.Date(2025, 12, 31, 0, 0, 0, 0, dossier.Zone)
	d, err := report.BuildDashboard(storesrc.New(db), report.DashboardOptions{From: day, Now: spec.Now, Records: true, Sync: storesrc.Sync(db)})
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{Now: spec.Now, Office: "Trung tâm Phục vụ hành chính công"}
	cw := &countWriter{}
	var lines int
	for b.Loop() {
		ds, err := db.ListDay(day, store.ListOptions{})
		if err != nil {
			b.Fatal(err)
		}
		book := report.Book(ds)
		lines = len(book)
		cw.n = 0
		if err := WriteDay(cw, d, book, opt); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(d.Records)), "records")
	b.ReportMetric(float64(lines), "book-lines")
	b.ReportMetric(float64(cw.n)/1024, "KiB")
}

type countWriter struct{ n int64 }

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
