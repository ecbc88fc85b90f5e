package workday

import (
	"fmt"
	"sync"
	"time"
)

// Calendar answers which days the civil service works. For each year it
// uses, in order: an administrator's override table (New), the built-in
// notice table (2021–2026), or the statutory rules alone. A Calendar is
// immutable and safe for concurrent use.
type Calendar struct {
	overrides map[int]YearTable

	mu    sync.Mutex
	years map[int]*yearInfo
}

type yearInfo struct {
	table  YearTable
	origin Origin
	first  int     // day number of 1 January
	status []uint8 // per day of the year: statusWeek, statusOff or statusWork
}

const (
	statusWeek uint8 = iota // follows the week: Monday–Friday working
	statusOff
	statusWork
)

// New returns a calendar using the built-in notices, with each override
// table replacing the built-in (or rule-derived) table of its year. Each
// override is validated; two overrides for one year are an error.
func New(overrides ...YearTable) (*Calendar, error) {
	c := &Calendar{overrides: map[int]YearTable{}, years: map[int]*yearInfo{}}
	for i, t := range overrides {
		if err := t.Validate(); err != nil {
			return nil, fmt.Errorf("override %d (year %d): %w", i, t.Year, err)
		}
		if _, dup := c.overrides[t.Year]; dup {
			return nil, fmt.Errorf("override %d: a second table for year %d", i, t.Year)
		}
		t = cloneTable(t)
		t.sortDays()
		c.overrides[t.Year] = t
	}
	return c, nil
}

var defaultCalendar = sync.OnceValue(func() *Calendar {
	c, _ := New() // cannot fail without overrides
	return c
})

// Default returns the shared calendar of built-in notices and rules,
// without overrides.
func Default() *Calendar { return defaultCalendar() }

// Table returns the table in force for year y and where it comes from.
// For a year without a notice or override it is derived from the rules
// (FromRules), and its Source says so. The result is a copy.
func (c *Calendar) Table(y int) (YearTable, Origin, error) {
	yi, err := c.year(y)
	if err != nil {
		return YearTable{}, "", err
	}
	return cloneTable(yi.table), yi.origin, nil
}

// IsWorkingDay reports whether the offices are open on d: a Monday to
// Friday not listed as off, or a Saturday or Sunday listed as a make-up
// working day.
func (c *Calendar) IsWorkingDay(d Date) (bool, error) {
	if !d.valid() {
		return false, fmt.Errorf("date %04d-%02d-%02d does not exist", d.Year, int(d.Month), d.Day)
	}
	return c.working(dayNumber(d))
}

// NextWorkingDay returns the first working day strictly after d.
func (c *Calendar) NextWorkingDay(d Date) (Date, error) {
	if !d.valid() {
		return Date{}, fmt.Errorf("date %04d-%02d-%02d does not exist", d.Year, int(d.Month), d.Day)
	}
	n, err := c.nextWorking(dayNumber(d))
	if err != nil {
		return Date{}, err
	}
	return dateOfDay(n), nil
}

// WorkingDaysBetween counts the working days after from's date up to and
// including to's date (dates in Zone); it is negative when to is earlier.
// A result finished at done against a due time due is late by
// WorkingDaysBetween(due, done) working days (0 = late the same day).
func (c *Calendar) WorkingDaysBetween(from, to time.Time) (int, error) {
	a, b := dayNumber(DateOf(from)), dayNumber(DateOf(to))
	sign := 1
	if b < a {
		a, b, sign = b, a, -1
	}
	n := 0
	for d := a + 1; d <= b; d++ {
		w, err := c.working(d)
		if err != nil {
			return 0, err
		}
		if w {
			n++
		}
	}
	return sign * n, nil
}

func (c *Calendar) working(day int) (bool, error) {
	d := dateOfDay(day)
	yi, err := c.year(d.Year)
	if err != nil {
		return false, err
	}
	switch yi.status[day-yi.first] {
	case statusOff:
		return false, nil
	case statusWork:
		return true, nil
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday, nil
}

// nextWorking returns the first working day number after day.
func (c *Calendar) nextWorking(day int) (int, error) {
	return c.workingFrom(day + 1)
}

// workingFrom returns the first working day number on or after day.
func (c *Calendar) workingFrom(day int) (int, error) {
	for {
		w, err := c.working(day)
		if err != nil {
			return 0, err
		}
		if w {
			return day, nil
		}
		day++
	}
}

func (c *Calendar) year(y int) (*yearInfo, error) {
	if y < MinYear || y > MaxYear {
		return nil, fmt.Errorf("year %d: %w (%d–%d)", y, ErrOutOfRange, MinYear, MaxYear)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if yi, ok := c.years[y]; ok {
		return yi, nil
	}
	yi := &yearInfo{first: dayNumber(Date{y, time.January, 1})}
	if t, ok := c.overrides[y]; ok {
		yi.table, yi.origin = t, FromOverride
	} else if t, ok := builtinTables()[y]; ok {
		yi.table, yi.origin = t, FromNotice
	} else {
		yi.table, yi.origin = ruleTable(y), FromRules
	}
	yi.status = make([]uint8, dayNumber(Date{y + 1, time.January, 1})-yi.first)
	for _, d := range yi.table.Days {
		if d.Kind == Work {
			yi.status[dayNumber(d.Date)-yi.first] = statusWork
		} else {
			yi.status[dayNumber(d.Date)-yi.first] = statusOff
		}
	}
	c.years[y] = yi
	return yi, nil
}

func cloneTable(t YearTable) YearTable {
	t.Days = append([]Day(nil), t.Days...)
	return t
}
