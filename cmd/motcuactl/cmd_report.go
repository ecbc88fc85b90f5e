package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/report"
	"motcua/report/storesrc"
	"motcua/report/xlsx"
	"motcua/store"
)

// Report commands (issue 6). Output formats are contracts.
//
//	motcuactl report daily --date YYYY-MM-DD [--xlsx OUT]
//	motcuactl report period --from YYYY-MM-DD --to YYYY-MM-DD --xlsx OUT [--recipient TEXT]
//
// Both print a summary to stdout, one item per line, fields separated by a
// TAB, numbers in decimal, rates as "12.5%" ("-" when the base is 0):
//
//	report	daily	2026-03-10	as-of	2026-03-10 15:00
//	office	<office name, or "-">
//	names	catalog	<N> procedures          (or: names	codes	no catalog in the database; codes shown)
//
// daily then prints, in this order:
//
//	received	<n>	online	<n>	<rate>	direct	<n>	postal	<n>
//	guidance	<n>            (supplement requested at the counter, form 02)
//	refused	<n>                (refused at intake, form 03)
//	pending-online	<n>        (filed online, not yet received)
//	digitised	<n>	<rate>     (766 indicator 4.3, of received)
//	due	<n>                    (open, current appointment on the day)
//	overdue	<n>                (open, past the appointment at as-of; waiting for a supplement excluded)
//	resolved	<n>	early	<n>	on-time	<n>	late	<n>	on-time-766	<n>	<rate>
//	sync	pending	<n>	quarantined	<n>	last-seq	<n>	acked	<n>
//	by-channel	<code>	<name>	<received>	<guidance>	<refused>     (one line per channel)
//	by-field	<key>	<name>	<received>	<guidance>	<refused>       (most received first)
//	by-procedure	<code>	<name>	<received>	<guidance>	<refused>
//	by-clerk	<user>	<user>	<received>	<guidance>	<refused>
//
// "resolved" counts dossiers whose processing ended on the day; early /
// on-time / late use the date-only rule of Biểu II.06a, on-time-766 the
// 766 rule (end ≤ appointment to the second).
//
// period then prints the form, one line per field and the totals:
//
//	columns	TT	key	name	3	4	5	6	7	8	9	10	11	12	13
//	row	<TT>	<key>	<name>	<col 3> … <col 13>
//	total	-	-	Tổng cộng	<col 3> … <col 13>
//
// When an Excel file is written the last line is "xlsx	<path>".
func init() {
	register(&command{Name: "report", Summary: "supervisor reports: report daily --date D [--xlsx OUT] | report period --from D --to D --xlsx OUT", Run: runReport})
}

// reportNow is the clock of the report commands (tests replace it).
var reportNow = time.Now

func runReport(e *env, args []string) error {
	return subcommands("report", args, map[string]func([]string) error{
		"daily":  func(a []string) error { return reportDaily(e, a) },
		"period": func(a []string) error { return reportPeriod(e, a) },
	})
}

func parseDay(flagName, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, usagef("--%s YYYY-MM-DD is required", flagName)
	}
	t, err := time.ParseInLocation(time.DateOnly, s, dossier.Zone)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want YYYY-MM-DD", flagName, s)
	}
	return t, nil
}

// reportContext is what both reports read besides the facts.
type reportContext struct {
	office desk.Office
	names  report.Names
	// namesLine is the "names" line of the output.
	namesLine string
}

func loadReportContext(db *store.DB) (reportContext, error) {
	var c reportContext
	if _, err := db.GetSetting("office", &c.office); err != nil {
		return c, fmt.Errorf("office settings: %w", err)
	}
	set, _, err := db.CatalogSet()
	if err != nil {
		return c, fmt.Errorf("catalog: %w", err)
	}
	if set == nil || set.Len() == 0 {
		c.names = report.CodesOnly{}
		c.namesLine = "names\tcodes\tno catalog in the database; codes shown"
	} else {
		c.names = report.NewCatalogNames(set)
		c.namesLine = fmt.Sprintf("names\tcatalog\t%d procedures", set.Len())
	}
	return c, nil
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "-"
	}
	return s
}

func rate(r report.Ratio) string {
	if r.Den.N() == 0 {
		return "-"
	}
	return strconv.FormatFloat(r.Percent(), 'f', 1, 64) + "%"
}

// writeXLSX renders into memory first so a failed export leaves no
// half-written file.
func writeXLSX(path string, render func(w io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func reportDaily(e *env, args []string) error {
	fs := flag.NewFlagSet("report daily", flag.ContinueOnError)
	date := fs.String("date", "", "the day (YYYY-MM-DD, Vietnam time)")
	out := fs.String("xlsx", "", "also write the Excel workbook to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	day, err := parseDay("date", *date)
	if err != nil {
		return err
	}
	now := reportNow().In(dossier.Zone)
	return e.withDB(func(db *store.DB) error {
		ctx, err := loadReportContext(db)
		if err != nil {
			return err
		}
		d, err := report.BuildDashboard(storesrc.New(db), report.DashboardOptions{From: day, Now: now, Names: ctx.names, Sync: storesrc.Sync(db), Records: *out != ""})
		if err != nil {
			return err
		}
		w := e.Stdout
		fmt.Fprintf(w, "report\tdaily\t%s\tas-of\t%s\n", day.Format(time.DateOnly), now.Format("2006-01-02 15:04"))
		fmt.Fprintf(w, "office\t%s\n", orDash(ctx.office.Name))
		fmt.Fprintln(w, ctx.namesLine)
		ch := map[string]int{}
		for _, g := range d.ByChannel {
			ch[g.Key] = g.Received.N()
		}
		fmt.Fprintf(w, "received\t%d\tonline\t%d\t%s\tdirect\t%d\tpostal\t%d\n", d.Received.N(), d.Online.N(), rate(d.OnlineShare()), ch["1"], ch["3"])
		fmt.Fprintf(w, "guidance\t%d\n", d.Guidance.N())
		fmt.Fprintf(w, "refused\t%d\n", d.Refused.N())
		fmt.Fprintf(w, "pending-online\t%d\n", d.Pending.N())
		fmt.Fprintf(w, "digitised\t%d\t%s\n", d.Digitised.N(), rate(d.DigitisationRate()))
		fmt.Fprintf(w, "due\t%d\n", d.Due.N())
		fmt.Fprintf(w, "overdue\t%d\n", d.Overdue.N())
		fmt.Fprintf(w, "resolved\t%d\tearly\t%d\ton-time\t%d\tlate\t%d\ton-time-766\t%d\t%s\n",
			d.Resolved.N(), d.Early.N(), d.OnTime.N(), d.Late.N(), d.OnTime766.N(), rate(d.OnTimeRate766()))
		if d.Sync.Known {
			fmt.Fprintf(w, "sync\tpending\t%d\tquarantined\t%d\tlast-seq\t%d\tacked\t%d\n", d.Sync.Pending, d.Sync.Quarantined, d.Sync.LastSeq, d.Sync.Acked)
		} else {
			fmt.Fprintln(w, "sync\tunknown")
		}
		for _, b := range []struct {
			name string
			gs   []report.Group
		}{{"by-channel", d.ByChannel}, {"by-field", d.ByField}, {"by-procedure", d.ByProcedure}, {"by-clerk", d.ByClerk}} {
			for _, g := range b.gs {
				fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\n", b.name, orDash(g.Key), g.Name, g.Received.N(), g.Guidance.N(), g.Refused.N())
			}
		}
		if *out == "" {
			return nil
		}
		ds, err := db.ListDay(day, store.ListOptions{})
		if err != nil {
			return fmt.Errorf("dossiers of %s: %w", day.Format(time.DateOnly), err)
		}
		err = writeXLSX(*out, func(x io.Writer) error {
			return xlsx.WriteDay(x, d, report.Book(ds), xlsx.Options{Now: now, Office: ctx.office.Name, Names: ctx.names, Author: "motcuactl"})
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "xlsx\t%s\n", *out)
		return nil
	})
}

func reportPeriod(e *env, args []string) error {
	fs := flag.NewFlagSet("report period", flag.ContinueOnError)
	fromS := fs.String("from", "", "first day (YYYY-MM-DD)")
	toS := fs.String("to", "", "last day (YYYY-MM-DD), inclusive")
	out := fs.String("xlsx", "", "write Biểu II.06a to this Excel file (required)")
	recipient := fs.String("recipient", "", "đơn vị nhận báo cáo (the unit the report goes to)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	from, err := parseDay("from", *fromS)
	if err != nil {
		return err
	}
	to, err := parseDay("to", *toS)
	if err != nil {
		return err
	}
	if to.Before(from) {
		return usagef("--to %s is before --from %s", *toS, *fromS)
	}
	if *out == "" {
		return usagef("--xlsx OUT is required")
	}
	now := reportNow().In(dossier.Zone)
	return e.withDB(func(db *store.DB) error {
		ctx, err := loadReportContext(db)
		if err != nil {
			return err
		}
		h := report.PeriodHeader{Reporter: ctx.office.Name, Recipient: strings.TrimSpace(*recipient), Place: ctx.office.Place, Prepared: now}
		p, err := report.BuildPeriod(storesrc.New(db), report.PeriodOptions{From: from, To: to, Header: h, Names: ctx.names})
		if err != nil {
			return err
		}
		w := e.Stdout
		fmt.Fprintf(w, "report\tperiod\t%s..%s\tas-of\t%s\n", from.Format(time.DateOnly), to.Format(time.DateOnly), now.Format("2006-01-02 15:04"))
		fmt.Fprintf(w, "office\t%s\n", orDash(ctx.office.Name))
		fmt.Fprintln(w, ctx.namesLine)
		fmt.Fprint(w, "columns\tTT\tkey\tname")
		for c := report.ColReceived; c <= report.ColPendingLate; c++ {
			fmt.Fprintf(w, "\t%d", c)
		}
		fmt.Fprintln(w)
		for i := range p.Rows {
			r := &p.Rows[i]
			fmt.Fprintf(w, "row\t%d\t%s\t%s", r.No, orDash(r.Key), r.Name)
			for c := report.ColReceived; c <= report.ColPendingLate; c++ {
				fmt.Fprintf(w, "\t%d", r.N(c))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprint(w, "total\t-\t-\tTổng cộng")
		for c := report.ColReceived; c <= report.ColPendingLate; c++ {
			fmt.Fprintf(w, "\t%d", p.TotalN(c))
		}
		fmt.Fprintln(w)
		err = writeXLSX(*out, func(x io.Writer) error {
			return xlsx.WritePeriod(x, p, xlsx.Options{Now: now, Office: ctx.office.Name, Names: ctx.names, Author: "motcuactl"})
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "xlsx\t%s\n", *out)
		return nil
	})
}
