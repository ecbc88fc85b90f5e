package storesrc

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/internal/benchstore"
	"motcua/store"
)

// The benchmarks of issue 6 run on a store of -report.n records (default
// 1,000,000) received over the working days of 2025, built once with
// store.BulkCreate in chunks of 10,000 and cached under os.TempDir() (see
// benchstore.Spec.Path). The first run logs the build time.
//
//	go test ./report/storesrc -run XXX -bench . -benchtime 10x
//
// Targets: day dashboard ≤ 50 ms, year report (II.06a over 365 days) ≤ 2 s.
var benchN = flag.Int("report.n", 1_000_000, "records in the benchmark store")

var (
	benchOnce sync.Once
	benchDB   *store.DB
	benchErr  error
)

func openBench(b *testing.B) (*store.DB, benchstore.Spec) {
	b.Helper()
	spec := benchstore.Year(*benchN)
	benchOnce.Do(func() {
		path, built, err := benchstore.Ensure(spec, b.Logf)
		if err != nil {
			benchErr = err
			return
		}
		if built > 0 {
			fmt.Fprintf(os.Stderr, "benchstore: built %s (%d records) in %s\n", path, spec.N, built.Round(time.Second))
		}
		benchDB, benchErr = store.Open(path, store.Options{ReadOnly: true})
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchDB, spec
}

var lastDay = time.Date(2025, 12, 31, 0, 0, 0, 0, dossier.Zone)

// BenchmarkDayDashboard: the dashboard of the last day of the year
// (target ≤ 50 ms).
func BenchmarkDayDashboard(b *testing.B) {
	db, spec := openBench(b)
	src := New(db)
	var d *report.Dashboard
	for b.Loop() {
		var err error
		d, err = report.BuildDashboard(src, report.DashboardOptions{From: lastDay, Now: spec.Now, Records: true, Sync: Sync(db)})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(d.Received.N()), "received")
	b.ReportMetric(float64(d.Resolved.N()), "resolved")
}

// noResults hides the results part of the dashboard (FinishedBetween),
// to measure everything the store already indexes.
type noResults struct{ *Source }

func (noResults) FinishedBetween(_, _ time.Time, _ func(report.Fact) error) error { return nil }

// BenchmarkDayDashboardIndexedParts: the day dashboard without the
// results scan (receipts by_day, due and overdue by_due).
func BenchmarkDayDashboardIndexedParts(b *testing.B) {
	db, spec := openBench(b)
	src := noResults{New(db)}
	for b.Loop() {
		if _, err := report.BuildDashboard(src, report.DashboardOptions{From: lastDay, Now: spec.Now, Records: true, Sync: Sync(db)}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDayIntake and BenchmarkDayFinished split the dashboard into
// its receipt-day part (by_day index) and its results part (no index by
// end of processing: a scan of every record).
func BenchmarkDayIntake(b *testing.B) {
	db, _ := openBench(b)
	src := New(db)
	for b.Loop() {
		n := 0
		if err := src.Range(lastDay, lastDay, func(report.Fact) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDayFinished(b *testing.B) {
	db, _ := openBench(b)
	src := New(db)
	for b.Loop() {
		n := 0
		if err := src.FinishedBetween(lastDay, lastDay.AddDate(0, 0, 1), func(report.Fact) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkYearReport: Biểu II.06a over the 365 days of 2025 (target ≤ 2 s).
func BenchmarkYearReport(b *testing.B) {
	db, _ := openBench(b)
	src := New(db)
	var p *report.Period
	for b.Loop() {
		var err error
		p, err = report.BuildPeriod(src, report.PeriodOptions{From: time.Date(2025, 1, 1, 0, 0, 0, 0, dossier.Zone), To: lastDay})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(p.TotalN(report.ColReceived)), "dossiers")
}

// BenchmarkAllFacts is the floor of any full scan: decoding every facts
// block once.
func BenchmarkAllFacts(b *testing.B) {
	db, _ := openBench(b)
	for b.Loop() {
		if err := db.AllFacts(func(store.Facts) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
}
