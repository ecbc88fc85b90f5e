package supervisor

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/storesrc"
	"motcua/store"
)

// The dashboard of one day on a large store (issue 6: 1M dossiers from
// motcuactl gen). The store is the one the report benchmarks build and
// cache (go test ./report/storesrc -bench .), found in os.TempDir(), or
// the file given with -bench.db; without one the benchmarks skip.
//
//	go test -tags migrated_fynedo ./ui/supervisor -run XXX -bench Dashboard -benchtime 5x
//
// Three numbers, measured apart:
//
//	compute  report.BuildDashboard over the store (runs on the worker goroutine)
//	call     what refresh costs the UI goroutine before it returns (the spinner)
//	fill     what showing a computed dashboard costs the UI goroutine
var (
	benchDB  = flag.String("bench.db", "", "large desk store for the dashboard benchmarks (default: the report benchmarks' cached store)")
	benchDay = flag.String("bench.day", "2025-12-31", "day of the dashboard benchmarks")
)

func bigStore(b *testing.B) (*store.DB, time.Time) {
	b.Helper()
	path := *benchDB
	if path == "" {
		m, _ := filepath.Glob(filepath.Join(os.TempDir(), "motcua-report-bench-*-1000000-*.db"))
		if len(m) == 0 {
			b.Skip("no large store: run go test ./report/storesrc -run XXX -bench . once (it builds and caches 1M dossiers), or pass -bench.db")
		}
		path = m[0]
	}
	db, err := store.Open(path, store.Options{ReadOnly: true, Timeout: 5 * time.Second})
	if err != nil {
		b.Skipf("large store %s: %v", path, err)
	}
	b.Cleanup(func() { db.Close() })
	day, err := time.ParseInLocation(time.DateOnly, *benchDay, dossier.Zone)
	if err != nil {
		b.Fatal(err)
	}
	return db, day
}

func BenchmarkDashboardDay(b *testing.B) {
	db, day := bigStore(b)
	src := storesrc.New(db)
	now := day.Add(17 * time.Hour)
	opt := report.DashboardOptions{From: day, To: day, Now: now}
	var d *report.Dashboard
	b.Run("compute", func(b *testing.B) {
		for b.Loop() {
			var err error
			if d, err = report.BuildDashboard(src, opt); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(d.Received.N()), "received")
	})
	test.NewTempApp(b)
	w := test.NewTempWindow(b, widget.NewLabel(""))
	w.Resize(fyne.NewSize(1280, 900))
	s := NewDashboard(w, Deps{Reports: src, Records: db, Now: func() time.Time { return now }})
	w.SetContent(s.Content())
	s.Dates.Set(day, day)
	b.Run("call", func(b *testing.B) {
		for b.Loop() {
			s.refresh()
			b.StopTimer()
			s.run.wait()
			b.StartTimer()
		}
		if s.Report() == nil || s.Report().Received.N() != d.Received.N() {
			b.Fatalf("the screen shows %+v", s.Report())
		}
	})
	b.Run("fill", func(b *testing.B) {
		for b.Loop() {
			s.d = d
			s.fill()
		}
	})
}
