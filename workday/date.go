package workday

import (
	"errors"
	"fmt"
	"time"
)

// Zone is Vietnam's civil time zone: a fixed UTC+7 offset named "ICT".
// Vietnam has no daylight saving time. Every date and appointment in this
// package is interpreted in Zone; instants in other zones are converted.
var Zone = time.FixedZone("ICT", 7*60*60)

// Date is a civil (Gregorian) date in Vietnam, without a time of day.
// The zero Date is invalid.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the civil date of t in Zone.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Zone).Date()
	return Date{y, m, d}
}

// ParseDate parses exactly "YYYY-MM-DD" (four-digit year, zero-padded month
// and day) and rejects dates that do not exist, such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	num := func(part string) (int, bool) {
		n := 0
		for i := 0; i < len(part); i++ {
			c := part[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(s[0:4])
	m, ok2 := num(s[5:7])
	d, ok3 := num(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	dt := Date{y, time.Month(m), d}
	if !dt.valid() {
		return Date{}, fmt.Errorf("date %q does not exist", s)
	}
	return dt, nil
}

// String formats d as "YYYY-MM-DD".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	// 1970-01-01 was a Thursday.
	return time.Weekday(mod(dayNumber(d)+4, 7))
}

// MarshalText formats d as "YYYY-MM-DD" (used by encoding/json).
func (d Date) MarshalText() ([]byte, error) {
	if !d.valid() {
		return nil, errors.New("workday: invalid date " + d.String())
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses "YYYY-MM-DD" with ParseDate.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func (d Date) valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

func (d Date) before(o Date) bool { return dayNumber(d) < dayNumber(o) }

func isLeapYear(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeapYear(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func mod(a, b int) int {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}

// dayNumber returns the number of days from 1970-01-01 to d in the
// proleptic Gregorian calendar (H. Hinnant, "chrono-compatible low-level
// date algorithms", days_from_civil).
func dayNumber(d Date) int {
	y := d.Year
	m := int(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateOfDay is the inverse of dayNumber (civil_from_days).
func dateOfDay(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), d}
}

// at returns the instant minute-of-day minutes after midnight of day
// number day, in Zone.
func at(day, minute int) time.Time {
	d := dateOfDay(day)
	return time.Date(d.Year, d.Month, d.Day, 0, minute, 0, 0, Zone)
}

// viWeekday names a weekday in Vietnamese as used in the notices
// ("thứ Bảy", "Chủ nhật").
func viWeekday(w time.Weekday) string {
	return [...]string{"Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"}[w]
}
