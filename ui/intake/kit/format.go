package kit

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"motcua/dossier"
	"motcua/workday"
)

// Money formats đồng with dot thousands separators: "50.000 đ".
func Money(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String() + " đ"
	}
	return b.String() + " đ"
}

// ParseMoney reads an amount typed by a clerk: digits with optional dot,
// comma or space separators and an optional "đ"/"VND" suffix. Empty is 0.
func ParseMoney(s string) (int64, error) {
	t := strings.TrimSpace(strings.ToLower(s))
	for _, suf := range []string{"vnđ", "vnd", "đồng", "đ", "d"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, suf))
	}
	t = strings.NewReplacer(".", "", ",", "", " ", "", "\u00a0", "").Replace(t)
	if t == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not an amount in đồng", s)
	}
	return n, nil
}

// DateTime formats a time as printed on the counter forms:
// "15 giờ 04 phút, ngày 02/01/2006".
func DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(dossier.Zone)
	return tr("datetime", "{{.H}} giờ {{.M}} phút, ngày {{.D}}", map[string]any{
		"H": fmt.Sprintf("%02d", t.Hour()), "M": fmt.Sprintf("%02d", t.Minute()), "D": t.Format("02/01/2006")})
}

// Short formats a time compactly for lists: "02/01/2006 15:04".
func Short(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format("02/01/2006 15:04")
}

// Date formats a day: "02/01/2006".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format("02/01/2006")
}

// ParseDate reads a day typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy,
// ddmmyyyy) and returns midnight of that day in dossier.Zone.
func ParseDate(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	if len(t) == 8 && isDigits(t) {
		t = t[:2] + "/" + t[2:4] + "/" + t[4:]
	}
	t = strings.NewReplacer("-", "/", ".", "/").Replace(t)
	for _, layout := range []string{"02/01/2006", "2/1/2006", "2006/01/02"} {
		if d, err := time.ParseInLocation(layout, t, dossier.Zone); err == nil {
			return d, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date dd/mm/yyyy", s)
}

// ParseDateTime reads "dd/mm/yyyy HH:MM" (the time defaults to 17:00, the
// end of the afternoon window, when only a day is typed).
func ParseDateTime(s string) (time.Time, error) {
	t := strings.TrimSpace(s)
	day, clock, found := strings.Cut(t, " ")
	d, err := ParseDate(day)
	if err != nil {
		return time.Time{}, err
	}
	hh, mm := 17, 0
	if found {
		c := strings.TrimSpace(clock)
		h, m, ok := strings.Cut(strings.ReplaceAll(c, "h", ":"), ":")
		hv, err1 := strconv.Atoi(strings.TrimSpace(h))
		mv := 0
		var err2 error
		if ok && strings.TrimSpace(m) != "" {
			mv, err2 = strconv.Atoi(strings.TrimSpace(m))
		}
		if err1 != nil || err2 != nil || hv < 0 || hv > 23 || mv < 0 || mv > 59 {
			return time.Time{}, fmt.Errorf("%q is not a time HH:MM", clock)
		}
		hh, mm = hv, mv
	}
	return time.Date(d.Year(), d.Month(), d.Day(), hh, mm, 0, 0, dossier.Zone), nil
}

// BirthDate converts "YYYY-MM-DD" (the stored form) to "dd/mm/yyyy".
func BirthDate(iso string) string {
	if d, err := time.Parse("2006-01-02", iso); err == nil {
		return d.Format("02/01/2006")
	}
	return iso
}

// LimitText is a time limit in Vietnamese: "5 ngày làm việc", "Trong ngày".
func LimitText(l workday.Limit) string {
	v := strconv.FormatFloat(l.Value, 'f', -1, 64)
	v = strings.Replace(v, ".", ",", 1)
	n := map[string]any{"V": v}
	switch l.Unit {
	case workday.WorkingDays:
		return tr("limit.workingDays", "{{.V}} ngày làm việc", n)
	case workday.Days:
		return tr("limit.days", "{{.V}} ngày", n)
	case workday.Hours:
		return tr("limit.hours", "{{.V}} giờ làm việc", n)
	case workday.Months:
		return tr("limit.months", "{{.V}} tháng", n)
	case workday.SameDay:
		return tr("limit.sameDay", "Trong ngày (sau 15 giờ: ngày làm việc tiếp theo)")
	case workday.NoLimit:
		return tr("limit.none", "Không quy định thời hạn")
	}
	return tr("limit.unknown", "Chưa rõ")
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
