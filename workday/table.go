package workday

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind says whether a listed date is a day off or a working day.
type Kind string

const (
	// Off is a weekday on which the offices are closed: a public holiday,
	// a compensatory day (art. 111(3)) or a swapped day (nghỉ hoán đổi).
	Off Kind = "off"
	// Work is a Saturday or Sunday on which the offices are open: a
	// make-up working day (làm bù) for a swapped day.
	Work Kind = "work"
)

// Day is one entry of a YearTable.
type Day struct {
	Date   Date   `json:"date"`
	Kind   Kind   `json:"kind"`
	Reason string `json:"reason"`           // Vietnamese, e.g. "Tết Nguyên đán"
	Source string `json:"source,omitempty"` // notice for this day, if not the table's
}

// YearTable is the complete list of exceptions to the Monday–Friday
// working week for one year, for the civil service: every weekday off and
// every make-up working Saturday or Sunday. Days not listed follow the
// week (Monday–Friday working, Saturday and Sunday rest).
//
// JSON format (the admin import/export format; ParseYearTable reads it,
// MarshalJSON writes it):
//
//	{
//	  "year": 2026,
//	  "source": "TB 9441/TB-BNV",          // the notice(s) the table follows
//	  "note": "free text, optional",
//	  "days": [
//	    {"date": "2026-01-02", "kind": "off", "reason": "Nghỉ hoán đổi dịp Tết Dương lịch",
//	     "source": "CV 12729/VPCP-KGVX"},   // per-day source is optional
//	    {"date": "2026-01-10", "kind": "work", "reason": "Làm bù cho thứ Sáu 02/01/2026"}
//	  ]
//	}
//
// Unknown fields are rejected. Validate lists the rules a table must meet.
type YearTable struct {
	Year   int    `json:"year"`
	Source string `json:"source"`
	Note   string `json:"note,omitempty"`
	Days   []Day  `json:"days"`
}

// Origin says where a Calendar took a year's table from.
type Origin string

const (
	// FromOverride: an administrator's table passed to New.
	FromOverride Origin = "override"
	// FromNotice: a built-in table transcribing the year's official notices.
	FromNotice Origin = "notice"
	// FromRules: derived from the statutory rules alone; no notice is
	// known for the year ("rule-derived, no notice").
	FromRules Origin = "rules"
)

// ValidationError is one specific problem with a table, an office or a
// limit. Validation functions return one *ValidationError or several
// joined with errors.Join; use errors.As to inspect them.
type ValidationError struct {
	Field string // e.g. "days[3].date", "windows[1]", "value"
	Msg   string
	err   error // wrapped sentinel, if any
}

// Unwrap returns the wrapped sentinel error (ErrOutOfRange), if any.
func (e *ValidationError) Unwrap() error { return e.err }

func (e *ValidationError) Error() string {
	if e.Field == "" {
		return e.Msg
	}
	return e.Field + ": " + e.Msg
}

func verr(field, format string, a ...any) error {
	return &ValidationError{Field: field, Msg: fmt.Sprintf(format, a...)}
}

// ErrOutOfRange is wrapped by errors about years outside MinYear–MaxYear.
var ErrOutOfRange = errors.New("year outside the supported range")

// Days-off tables and deadlines are supported for these years. 2014 is the
// first full year under Labour Code 2012 (in force 1/5/2013); years before
// 2021 follow that code (2 September is a single day), later years Labour
// Code 2019.
const (
	MinYear = 2014
	MaxYear = LunarMaxYear
)

const (
	maxReasonRunes = 200
	maxSourceRunes = 300
	maxNoteRunes   = 4000
	maxTableDays   = 366
)

// ParseYearTable decodes and validates a JSON year table. Days are
// returned sorted by date. Any problem yields an error naming the field
// and what is wrong; nothing is returned then.
func ParseYearTable(b []byte) (YearTable, error) {
	var raw struct {
		Year   *int     `json:"year"`
		Source string   `json:"source"`
		Note   string   `json:"note"`
		Days   []rawDay `json:"days"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&raw); err != nil {
		return YearTable{}, fmt.Errorf("year table: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return YearTable{}, errors.New("year table: unexpected data after the JSON object")
	}
	if raw.Year == nil {
		return YearTable{}, verr("year", "missing")
	}
	t := YearTable{Year: *raw.Year, Source: raw.Source, Note: raw.Note}
	var errs []error
	for i, rd := range raw.Days {
		field := fmt.Sprintf("days[%d]", i)
		d, err := ParseDate(rd.Date)
		if err != nil {
			errs = append(errs, verr(field+".date", "%v", err))
			continue
		}
		t.Days = append(t.Days, Day{Date: d, Kind: Kind(rd.Kind), Reason: rd.Reason, Source: rd.Source})
	}
	if len(errs) > 0 {
		return YearTable{}, errors.Join(errs...)
	}
	if err := t.Validate(); err != nil {
		return YearTable{}, err
	}
	t.sortDays()
	return t, nil
}

type rawDay struct {
	Date   string `json:"date"`
	Kind   string `json:"kind"`
	Reason string `json:"reason"`
	Source string `json:"source"`
}

// MarshalJSON writes the table in the format read by ParseYearTable, with
// the days sorted by date. It does not validate.
func (t YearTable) MarshalJSON() ([]byte, error) {
	type plain YearTable // no methods: avoids recursion
	c := t
	c.Days = append([]Day(nil), t.Days...)
	c.sortDays()
	if c.Days == nil {
		c.Days = []Day{}
	}
	return json.Marshal(plain(c))
}

// UnmarshalJSON decodes with ParseYearTable, so a table embedded in other
// JSON is validated too.
func (t *YearTable) UnmarshalJSON(b []byte) error {
	v, err := ParseYearTable(b)
	if err != nil {
		return err
	}
	*t = v
	return nil
}

func (t *YearTable) sortDays() {
	sort.SliceStable(t.Days, func(i, j int) bool { return t.Days[i].Date.before(t.Days[j].Date) })
}

// Validate checks the table:
//   - year within MinYear–MaxYear; source names a notice (non-empty);
//   - each day: a real date in that year, kind "off" or "work", a
//     non-empty reason; texts without control characters (they would
//     break the tab-separated CLI output) and of bounded length;
//   - no date listed twice;
//   - "off" only on a weekday (Saturday and Sunday are rest days anyway);
//   - "work" only on a Saturday or Sunday, and never on a public holiday;
//   - every statutory holiday that falls on a weekday is listed as off:
//     1/1, 30/4, 1/5, 2/9, Giỗ Tổ (10/3 lunar), mùng 1–3 Tết, and 24/11
//     from 2026 (Labour Code 2019 art. 112; domain.md §6.1). Notices choose
//     the other Tết days, the second National Day day and the swaps, so
//     those are not checked.
//
// All problems are reported, joined.
func (t YearTable) Validate() error {
	if t.Year < MinYear || t.Year > MaxYear {
		return &ValidationError{Field: "year", Msg: fmt.Sprintf("%d is outside %d–%d", t.Year, MinYear, MaxYear), err: ErrOutOfRange}
	}
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	if strings.TrimSpace(t.Source) == "" {
		add(verr("source", "empty; name the notice the table follows (e.g. \"TB 9441/TB-BNV\")"))
	} else if msg := checkText(t.Source, maxSourceRunes); msg != "" {
		add(verr("source", "%s", msg))
	}
	if msg := checkText(strings.NewReplacer("\r", " ", "\n", " ", "\t", " ").Replace(t.Note), maxNoteRunes); msg != "" {
		add(verr("note", "%s", msg))
	}
	if len(t.Days) > maxTableDays {
		add(verr("days", "%d entries; a year has at most %d", len(t.Days), maxTableDays))
		return errors.Join(errs...)
	}
	hol := statutoryHolidays(t.Year)
	holidayName := map[int]string{}
	for _, h := range hol {
		if _, dup := holidayName[h.day]; !dup {
			holidayName[h.day] = h.name
		}
	}
	seen := map[int]int{}
	listedOff := map[int]bool{}
	for i, d := range t.Days {
		field := fmt.Sprintf("days[%d]", i)
		if !d.Date.valid() {
			add(verr(field+".date", "%04d-%02d-%02d does not exist", d.Date.Year, int(d.Date.Month), d.Date.Day))
			continue
		}
		if d.Date.Year != t.Year {
			add(verr(field+".date", "%s is not in year %d", d.Date, t.Year))
			continue
		}
		n := dayNumber(d.Date)
		if j, dup := seen[n]; dup {
			add(verr(field+".date", "%s is listed twice (also days[%d])", d.Date, j))
			continue
		}
		seen[n] = i
		wd := d.Date.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		switch d.Kind {
		case Off:
			if weekend {
				add(verr(field, "%s is a %s, already a rest day; list only weekdays off", d.Date, wd))
			}
			listedOff[n] = true
		case Work:
			if !weekend {
				add(verr(field, "%s is a %s, already a working day; a make-up working day must be a Saturday or Sunday", d.Date, wd))
			} else if name, ok := holidayName[n]; ok {
				add(verr(field, "%s is a public holiday (%s) and cannot be a working day", d.Date, name))
			}
		default:
			add(verr(field+".kind", "%q: want \"off\" or \"work\"", string(d.Kind)))
		}
		if strings.TrimSpace(d.Reason) == "" {
			add(verr(field+".reason", "empty"))
		} else if msg := checkText(d.Reason, maxReasonRunes); msg != "" {
			add(verr(field+".reason", "%s", msg))
		}
		if d.Source != "" {
			if msg := checkText(d.Source, maxSourceRunes); msg != "" {
				add(verr(field+".source", "%s", msg))
			}
		}
	}
	for _, h := range hol {
		if !h.required {
			continue
		}
		d := dateOfDay(h.day)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if !listedOff[h.day] {
			add(verr("days", "%s (%s) is a %s and must be listed as off", d, h.name, d.Weekday()))
		}
	}
	return errors.Join(errs...)
}

// checkText returns what is wrong with an admin-entered text, or "".
func checkText(s string, max int) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("%d characters, at most %d", n, max)
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return fmt.Sprintf("contains the control character %U", r)
		}
	}
	return ""
}
