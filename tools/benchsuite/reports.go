//go:build linux

package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/storesrc"
	"motcua/report/xlsx"
	"motcua/store"
	"motcua/wire"
	"motcua/workday"
)

// benchReports: the supervisor's day dashboard (≤ 50 ms) and Biểu II.06a
// over a year (≤ 2 s) on the 1M store through report/storesrc, as the app
// and motcuactl build them (catalog names, sync state, the day's record
// list); baseline: a full scan decoding every facts block
// (store.AllFacts), the floor of any report that reads everything.
func (s *suite) benchReports(ctx context.Context) ([]Row, error) {
	db, err := wire.OpenStore(s.big.DB(), store.Options{ReadOnly: true, Timeout: 2 * time.Second})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	set, _, err := db.CatalogSet()
	if err != nil {
		return nil, err
	}
	var names report.Names = report.CodesOnly{}
	if set != nil {
		names = report.NewCatalogNames(set)
	}
	cal, err := db.Calendar()
	if err != nil {
		return nil, err
	}
	built := s.big.Meta.BuiltAt.In(dossier.Zone)
	// The dashboard day: the last full working day before the store was
	// generated (the generator's receipts stop at its clock), seen the
	// next morning... at the generator's clock.
	day := dossier.Day(built).AddDate(0, 0, -1)
	for i := 0; i < 30; i++ {
		ok, err := cal.IsWorkingDay(workday.DateOf(day))
		if err == nil && ok {
			break
		}
		day = day.AddDate(0, 0, -1)
	}
	now := built
	yearTo := dossier.Day(built)
	yearFrom := yearTo.AddDate(0, 0, -364)
	src := storesrc.New(db)
	dash := func() (*report.Dashboard, error) {
		return report.BuildDashboard(src, report.DashboardOptions{From: day, Now: now, Names: names, Sync: storesrc.Sync(db), Records: true})
	}
	year := func() (*report.Period, error) {
		return report.BuildPeriod(src, report.PeriodOptions{From: yearFrom, To: yearTo, Names: names})
	}
	// The day's Excel export as "motcuactl report daily --xlsx" and the
	// supervisor's export button build it: the dashboard with its record
	// list, the day's dossiers decoded for the tracking book, the workbook.
	var xlsxBytes int64
	dayXLSX := func() error {
		d, err := report.BuildDashboard(src, report.DashboardOptions{From: day, Now: now, Names: names, Sync: storesrc.Sync(db), Records: true})
		if err != nil {
			return err
		}
		ds, err := db.ListDay(day, store.ListOptions{})
		if err != nil {
			return err
		}
		cw := &countWriter{}
		if err := xlsx.WriteDay(cw, d, report.Book(ds), xlsx.Options{Now: now, Office: "Bench", Names: names, Author: "benchsuite"}); err != nil {
			return err
		}
		xlsxBytes = cw.n
		return nil
	}
	facts := 0
	scan := func() error {
		facts = 0
		return db.AllFacts(func(store.Facts) error { facts++; return nil })
	}
	// Warm-up: the first pass reads the file into the page cache.
	s.progress("reports: warm-up (reads the store into the page cache)")
	d, err := dash()
	if err != nil {
		return nil, fmt.Errorf("dashboard: %w", err)
	}
	p, err := year()
	if err != nil {
		return nil, fmt.Errorf("year report: %w", err)
	}
	if err := scan(); err != nil {
		return nil, err
	}
	if err := dayXLSX(); err != nil {
		return nil, fmt.Errorf("day Excel export: %w", err)
	}
	const rounds, dashPerRound = 5, 8
	var tDash, tYear, tScan, tXLSX []time.Duration
	for r := range rounds {
		for range dashPerRound {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			t := time.Now()
			if _, err := dash(); err != nil {
				return nil, err
			}
			tDash = append(tDash, time.Since(t))
		}
		t := time.Now()
		if _, err := year(); err != nil {
			return nil, err
		}
		tYear = append(tYear, time.Since(t))
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t = time.Now()
		if err := scan(); err != nil {
			return nil, err
		}
		tScan = append(tScan, time.Since(t))
		t = time.Now()
		if err := dayXLSX(); err != nil {
			return nil, err
		}
		tXLSX = append(tXLSX, time.Since(t))
		s.progress("reports: round %d/%d: dashboard %s, year %s, full scan %s", r+1, rounds, dur(median(tDash)), dur(tYear[r]), dur(tScan[r]))
	}
	// The dashboard as the supervisor's screen opens it: today, at the
	// real clock, without the record list.
	today := dossier.Day(icNow())
	var tToday []time.Duration
	var td *report.Dashboard
	for range 8 {
		t := time.Now()
		td, err = report.BuildDashboard(src, report.DashboardOptions{From: today, Now: icNow(), Names: names, Sync: storesrc.Sync(db)})
		if err != nil {
			return nil, fmt.Errorf("today's dashboard: %w", err)
		}
		tToday = append(tToday, time.Since(t))
	}
	md, my, ms0 := median(tDash), median(tYear), median(tScan)
	scanIs := fmt.Sprintf("full scan of all facts (store.AllFacts, %s facts blocks), median", thousands(facts))
	dr := Row{ID: "dashboard", Target: "day dashboard (" + s.scale() + " store)", Measured: ms(md), Baseline: dur(ms0), Ratio: ratio(float64(md), float64(ms0)),
		Goal: "≤ 50 ms", Value: float64(md) / 1e6, BaselineValue: float64(ms0) / 1e6, Unit: "ms", Samples: len(tDash), BaselineIs: scanIs}
	dr.judge(md <= 50*time.Millisecond)
	dr.note("day %s seen at %s (the store's generation time), with the day's record list, catalog names and sync state; median %s, p90 %s, max %s",
		day.Format("2006-01-02"), now.Format("2006-01-02 15:04"), dur(md), dur(quantile(tDash, 0.9)), dur(quantile(tDash, 1)))
	dr.note("dashboard content: %d received that day, %d resolved, %d due, %d overdue", d.Received.N(), d.Resolved.N(), d.Due.N(), d.Overdue.N())
	dr.note("as the supervisor's screen opens it (today %s at the real clock, no record list): median %s, max %s; %d received today, %d due, %d overdue (due and overdue counted from the by_due entries, which carry the facts)",
		today.Format("2006-01-02"), dur(median(tToday)), dur(quantile(tToday, 1)), td.Received.N(), td.Due.N(), td.Overdue.N())
	yr := Row{ID: "year", Target: "year report, Biểu II.06a (" + s.scale() + " store)", Measured: dur(my), Baseline: dur(ms0), Ratio: ratio(float64(my), float64(ms0)),
		Goal: "≤ 2 s", Value: my.Seconds(), BaselineValue: ms0.Seconds(), Unit: "s", Samples: len(tYear), BaselineIs: scanIs}
	yr.judge(my <= 2*time.Second)
	yr.note("period %s – %s (the 365 days the store covers); median %s, min %s, max %s; %d received in the period",
		yearFrom.Format("2006-01-02"), yearTo.Format("2006-01-02"), dur(my), dur(quantile(tYear, 0)), dur(quantile(tYear, 1)), p.TotalN(report.ColReceived))
	mx := median(tXLSX)
	xr := Row{ID: "xlsx", Target: "day Excel export (" + s.scale() + " store)", Measured: dur(mx), Baseline: dur(ms0), Ratio: ratio(float64(mx), float64(ms0)),
		Goal: "≤ 1 s", Value: mx.Seconds(), BaselineValue: ms0.Seconds(), Unit: "s", Samples: len(tXLSX), BaselineIs: scanIs}
	xr.judge(mx <= time.Second)
	xr.note("day %s: dashboard with the record list, the day's %d dossiers decoded for the tracking book, xlsx.WriteDay (%s bytes); median %s, max %s",
		day.Format("2006-01-02"), d.Received.N()+d.Guidance.N(), thousands(int(xlsxBytes)), dur(mx), dur(quantile(tXLSX, 1)))
	if dr.Status == Fail {
		ev, err := s.profile(ctx, "dashboard", 3*time.Second, func() error { _, err := dash(); return err })
		if err != nil {
			return nil, err
		}
		dr.note("%s", ev)
	}
	if yr.Status == Fail {
		ev, err := s.profile(ctx, "year", 6*time.Second, func() error { _, err := year(); return err })
		if err != nil {
			return nil, err
		}
		yr.note("%s", ev)
	}
	if xr.Status == Fail {
		ev, err := s.profile(ctx, "xlsx", 6*time.Second, dayXLSX)
		if err != nil {
			return nil, err
		}
		xr.note("%s", ev)
	}
	return []Row{dr, yr, xr}, nil
}

// countWriter counts what is written to it.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countWriter)(nil)
