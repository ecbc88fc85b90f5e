package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"motcua/workday"
)

// calendar: lunar dates and the civil-service days off. These commands
// never open the database.
//
//	motcuactl calendar lunar YYYY-MM-DD
//	    prints the lunar date "YYYY-MM-DD" (lunar year, month, day),
//	    followed by " leap" in a leap month.
//	motcuactl calendar solar YYYY-MM-DD [--leap]
//	    prints the solar date "YYYY-MM-DD" of a lunar date.
//	motcuactl calendar days-off YEAR [--table FILE]...
//	    prints one "YYYY-MM-DD<TAB>reason — source" line per weekday off,
//	    and one "YYYY-MM-DD<TAB>làm bù (ngày làm việc): reason — source"
//	    line per make-up working day, in date order. The source is the
//	    notice; for a year without one it reads "… (tính theo quy tắc,
//	    không có thông báo)".
//	motcuactl calendar export YEAR [--table FILE]...
//	    prints the year's table in the admin JSON format (workday.YearTable).
//	motcuactl calendar check FILE
//	    validates an admin JSON table and prints a one-line summary.
//
// --table FILE (repeatable) applies an admin JSON table as an override of
// its year, as the desk will do with tables stored in its database.
// Importing a table into the database ("calendar import") belongs with the
// store and is not here yet.
func init() {
	register(&command{
		Name:    "calendar",
		Summary: "lunar dates and days off: calendar lunar|solar|days-off|export|check",
		Run:     runCalendar,
	})
}

func runCalendar(e *env, args []string) error {
	return subcommands("calendar", args, map[string]func([]string) error{
		"lunar":    func(a []string) error { return calendarLunar(e, a) },
		"solar":    func(a []string) error { return calendarSolar(e, a) },
		"days-off": func(a []string) error { return calendarDaysOff(e, a) },
		"export":   func(a []string) error { return calendarExport(e, a) },
		"check":    func(a []string) error { return calendarCheck(e, a) },
	})
}

// makeUpMarker starts the reason of a make-up working day in days-off.
const makeUpMarker = "làm bù (ngày làm việc): "

func calendarLunar(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar lunar", flag.ContinueOnError)
	pos, err := parseN(fs, args, 1, "usage: calendar lunar YYYY-MM-DD")
	if err != nil {
		return err
	}
	d, err := workday.ParseDate(pos[0])
	if err != nil {
		return usagef("%v", err)
	}
	l, err := workday.SolarToLunar(d)
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, l)
	return nil
}

func calendarSolar(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar solar", flag.ContinueOnError)
	leap := fs.Bool("leap", false, "the date is in a leap month")
	pos, err := parseN(fs, args, 1, "usage: calendar solar YYYY-MM-DD [--leap] (a lunar date)")
	if err != nil {
		return err
	}
	// A lunar date is written like a solar one but may be "…-02-30".
	parts := strings.Split(pos[0], "-")
	if len(parts) != 3 || len(parts[0]) != 4 || len(parts[1]) != 2 || len(parts[2]) != 2 {
		return usagef("lunar date %q: want YYYY-MM-DD", pos[0])
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return usagef("lunar date %q: want YYYY-MM-DD", pos[0])
		}
		n[i] = v
	}
	d, err := workday.LunarToSolar(workday.Lunar{Year: n[0], Month: n[1], Day: n[2], Leap: *leap})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.Stdout, d)
	return nil
}

// calTableFlag collects repeated --table FILE flags.
type calTableFlag []string

func (f *calTableFlag) String() string     { return strings.Join(*f, ",") }
func (f *calTableFlag) Set(s string) error { *f = append(*f, s); return nil }

// loadCalendar builds the calendar used by calendar and deadline: built-in
// notices and rules, overridden by the given admin JSON table files. When
// the store keeps admin tables, this is where they are read and merged
// (the files given on the command line taking precedence).
func loadCalendar(files []string) (*workday.Calendar, error) {
	if len(files) == 0 {
		return workday.Default(), nil
	}
	tables := make([]workday.YearTable, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		t, err := workday.ParseYearTable(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		tables = append(tables, t)
	}
	return workday.New(tables...)
}

func parseYearArg(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 {
		return 0, usagef("year %q: want YYYY", s)
	}
	return y, nil
}

// yearTableArgs parses "YEAR [--table FILE]..." and returns the table in
// force for YEAR.
func yearTableArgs(name string, args []string) (workday.YearTable, workday.Origin, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var files calTableFlag
	fs.Var(&files, "table", "admin JSON table overriding its year (repeatable)")
	pos, err := parseN(fs, args, 1, fmt.Sprintf("usage: %s YEAR [--table FILE]...", name))
	if err != nil {
		return workday.YearTable{}, "", err
	}
	y, err := parseYearArg(pos[0])
	if err != nil {
		return workday.YearTable{}, "", err
	}
	cal, err := loadCalendar(files)
	if err != nil {
		return workday.YearTable{}, "", err
	}
	return cal.Table(y)
}

// daysOffLine formats one days-off line (without the newline).
func daysOffLine(t workday.YearTable, d workday.Day) string {
	src := d.Source
	if src == "" {
		src = t.Source
	}
	reason := d.Reason
	if d.Kind == workday.Work {
		reason = makeUpMarker + reason
	}
	return d.Date.String() + "\t" + reason + " — " + src
}

func calendarDaysOff(e *env, args []string) error {
	t, _, err := yearTableArgs("calendar days-off", args)
	if err != nil {
		return err
	}
	for _, d := range t.Days {
		fmt.Fprintln(e.Stdout, daysOffLine(t, d))
	}
	return nil
}

func calendarExport(e *env, args []string) error {
	t, _, err := yearTableArgs("calendar export", args)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(e.Stdout, "%s\n", b)
	return err
}

func calendarCheck(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar check", flag.ContinueOnError)
	pos, err := parseN(fs, args, 1, "usage: calendar check FILE")
	if err != nil {
		return err
	}
	b, err := os.ReadFile(pos[0])
	if err != nil {
		return err
	}
	t, err := workday.ParseYearTable(b)
	if err != nil {
		var lines []string
		for _, l := range strings.Split(err.Error(), "\n") {
			lines = append(lines, "  "+l)
		}
		return errors.New(pos[0] + " is not a valid year table:\n" + strings.Join(lines, "\n"))
	}
	off, work := 0, 0
	for _, d := range t.Days {
		if d.Kind == workday.Work {
			work++
		} else {
			off++
		}
	}
	fmt.Fprintf(e.Stdout, "ok: %d (%s): %d weekdays off, %d make-up working days\n", t.Year, t.Source, off, work)
	return nil
}
