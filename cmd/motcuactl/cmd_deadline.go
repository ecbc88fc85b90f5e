package main

import (
	"flag"
	"fmt"
	"time"

	"motcua/workday"
)

// deadline: the appointment date of a dossier (workday.Calendar.Appointment).
//
//	motcuactl deadline --received "YYYY-MM-DD HH:MM" --time N
//	    --unit working-days|days|hours|months|same-day|none
//	    [--office 07:00-11:30,13:30-17:00] [--cutoff 15:00] [--table FILE]...
//
// The first line of output is the appointment "YYYY-MM-DD HH:MM" (Vietnam
// time), or "none" when the procedure has no time limit. Later lines
// explain: the limit and office hours, the receipt, the calendar years used
// (notice or rule-derived), the rest days skipped and any make-up working
// days counted. It never opens the database.
func init() {
	register(&command{
		Name:    "deadline",
		Summary: "appointment date: deadline --received \"YYYY-MM-DD HH:MM\" --time N --unit U",
		Run:     runDeadline,
	})
}

const deadlineTimeLayout = "2006-01-02 15:04"

func runDeadline(e *env, args []string) error {
	fs := flag.NewFlagSet("deadline", flag.ContinueOnError)
	received := fs.String("received", "", `receipt time "YYYY-MM-DD HH:MM" (Vietnam time)`)
	value := fs.Float64("time", 0, "time limit value (fractions allowed for working-days and hours)")
	unit := fs.String("unit", "", "working-days, days, hours, months, same-day or none")
	officeFlag := fs.String("office", "", "office windows, default 07:00-11:30,13:30-17:00")
	cutoffFlag := fs.String("cutoff", "", "same-day cut-off, default 15:00")
	var tables calTableFlag
	fs.Var(&tables, "table", "admin JSON table overriding its year (repeatable)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *received == "" || *unit == "" {
		return usagef(`usage: deadline --received "YYYY-MM-DD HH:MM" --time N --unit working-days|days|hours|months|same-day|none`)
	}
	rt, err := time.ParseInLocation(deadlineTimeLayout, *received, workday.Zone)
	if err != nil {
		return usagef("--received %q: want \"YYYY-MM-DD HH:MM\"", *received)
	}
	limit := workday.Limit{Value: *value, Unit: workday.Unit(*unit)}
	if err := limit.Validate(); err != nil {
		return usagef("--time/--unit: %v", err)
	}
	cal, office, err := deadlineSetup(tables, *officeFlag, *cutoffFlag)
	if err != nil {
		return err
	}
	due, ok, err := cal.Appointment(rt, limit, office)
	if err != nil {
		return err
	}
	w := e.Stdout
	if !ok {
		fmt.Fprintln(w, "none")
		fmt.Fprintln(w, "limit: none (no statutory time limit; no appointment)")
		return nil
	}
	fmt.Fprintln(w, due.Format(deadlineTimeLayout))
	fmt.Fprintf(w, "limit: %s (office %s)\n", limit, office)
	fmt.Fprintf(w, "received: %s %s\n", rt.Format(deadlineTimeLayout), rt.Weekday())
	return deadlineExplain(w, cal, rt, due)
}

// deadlineSetup returns the calendar and office hours for the command:
// built-in defaults, overridden by the flags. When the store keeps the
// office hours and admin holiday tables, read them here (flags still win).
func deadlineSetup(tables []string, officeFlag, cutoffFlag string) (*workday.Calendar, workday.Office, error) {
	cal, err := loadCalendar(tables)
	if err != nil {
		return nil, workday.Office{}, err
	}
	office := workday.DefaultOffice()
	if officeFlag != "" {
		ws, err := workday.ParseWindows(officeFlag)
		if err != nil {
			return nil, workday.Office{}, usagef("--office: %v", err)
		}
		office.Windows = ws
	}
	if cutoffFlag != "" {
		c, err := workday.ParseClock(cutoffFlag)
		if err != nil {
			return nil, workday.Office{}, usagef("--cutoff: %v", err)
		}
		office.Cutoff = c
	}
	if err := office.Validate(); err != nil {
		return nil, workday.Office{}, usagef("office hours: %v", err)
	}
	return cal, office, nil
}

// deadlineExplain prints the calendar years used, the rest days between
// the receipt day and the due day (both excluded), and the make-up working
// days counted.
func deadlineExplain(w interface{ Write([]byte) (int, error) }, cal *workday.Calendar, received, due time.Time) error {
	from, to := workday.DateOf(received), workday.DateOf(due)
	listed := map[workday.Date]workday.Day{}
	for y := from.Year; y <= to.Year; y++ {
		t, origin, err := cal.Table(y)
		if err != nil {
			return err
		}
		switch origin {
		case workday.FromRules:
			fmt.Fprintf(w, "calendar %d: rule-derived, no notice\n", y)
		case workday.FromOverride:
			fmt.Fprintf(w, "calendar %d: admin table (%s)\n", y, t.Source)
		default:
			fmt.Fprintf(w, "calendar %d: notice %s\n", y, t.Source)
		}
		for _, d := range t.Days {
			listed[d.Date] = d
		}
	}
	var weekend int
	var off, work []string
	last := time.Date(to.Year, to.Month, to.Day, 0, 0, 0, 0, workday.Zone)
	for d := time.Date(from.Year, from.Month, from.Day+1, 0, 0, 0, 0, workday.Zone); d.Before(last); d = d.AddDate(0, 0, 1) {
		date := workday.DateOf(d)
		entry, isListed := listed[date]
		switch {
		case isListed && entry.Kind == workday.Off:
			off = append(off, fmt.Sprintf("day off: %s %s (%s)", date, date.Weekday(), entry.Reason))
		case isListed && entry.Kind == workday.Work:
			work = append(work, fmt.Sprintf("make-up working day counted: %s %s", date, date.Weekday()))
		case date.Weekday() == time.Saturday || date.Weekday() == time.Sunday:
			weekend++
		}
	}
	fmt.Fprintf(w, "rest days skipped: %d (%d weekend days, %d days off)\n", weekend+len(off), weekend, len(off))
	for _, l := range append(off, work...) {
		fmt.Fprintln(w, l)
	}
	return nil
}
