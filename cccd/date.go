package cccd

import (
	"bytes"
	"fmt"
	"strconv"
	"time"
)

// Date is a calendar date as printed on the card, without time of day or
// zone. Use In(dossier.Zone) for a time.Time at midnight in Vietnam
// (UTC+7). The zero Date means "absent". JSON: "YYYY-MM-DD", or "" when
// absent.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// IsZero reports whether d is absent.
func (d Date) IsZero() bool { return d == Date{} }

// String returns "YYYY-MM-DD", or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// MarshalJSON writes "YYYY-MM-DD" ("" when absent).
func (d Date) MarshalJSON() ([]byte, error) {
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or "".
func (d *Date) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte(`""`)) || bytes.Equal(b, []byte("null")) {
		*d = Date{}
		return nil
	}
	s, err := strconv.Unquote(string(b))
	if err != nil {
		return fmt.Errorf("cccd: date %s is not a JSON string", b)
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return fmt.Errorf("cccd: date %q is not YYYY-MM-DD", s)
	}
	*d = Date{t.Year(), t.Month(), t.Day()}
	return nil
}

// parseDDMMYYYY parses the card's date format. s must be 8 ASCII digits.
func parseDDMMYYYY(s string) (Date, bool) {
	if !isDigits(s, 8) {
		return Date{}, false
	}
	day, _ := strconv.Atoi(s[0:2])
	month, _ := strconv.Atoi(s[2:4])
	year, _ := strconv.Atoi(s[4:8])
	if year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1 {
		return Date{}, false
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day || int(t.Month()) != month {
		return Date{}, false // 31022000
	}
	return Date{year, time.Month(month), day}, true
}

func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
