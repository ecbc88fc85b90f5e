package forms

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"motcua/dossier"
	"motcua/workday"
)

// NoAppointment is printed instead of a return time when the procedure has
// no statutory deadline (domain.md §1.2, Mẫu 01 item 10, after R1).
const NoAppointment = "Không có ngày hẹn trả cụ thể theo quy định"

// TimeVN formats a moment as on the forms: "09 giờ 32 phút, ngày 27 tháng
// 10 năm 2023" (domain.md §1.2: the control-slip format of id11462660283;
// decree118.md A.1.1 uses the same "… giờ … phút, ngày … tháng … năm …"
// for the receipt).
func TimeVN(t time.Time) string {
	t = t.In(dossier.Zone)
	return fmt.Sprintf("%02d giờ %02d phút, ngày %02d tháng %02d năm %d", t.Hour(), t.Minute(), t.Day(), int(t.Month()), t.Year())
}

// DateLine formats the place-and-date line of the header: "Thanh Hóa, ngày
// 05 tháng 3 năm 2026". Days below 10 and months below 3 take a leading
// zero, the rule of Decree 30/2020/NĐ-CP on administrative documents.
func DateLine(place string, t time.Time) string {
	t = t.In(dossier.Zone)
	m := strconv.Itoa(int(t.Month()))
	if t.Month() < 3 {
		m = "0" + m
	}
	return fmt.Sprintf("%s, ngày %02d tháng %s năm %d", strings.TrimSpace(place), t.Day(), m, t.Year())
}

// DateVN formats a date as dd/MM/yyyy.
func DateVN(t time.Time) string { return t.In(dossier.Zone).Format("02/01/2006") }

// shortTime formats "dd/MM/yyyy HH:mm" for the book's narrow columns
// (a line break between date and time).
func shortTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(dossier.Zone)
	return t.Format("02/01/2006") + "\n" + t.Format("15:04")
}

// number formats a quantity the Vietnamese way: decimal comma, no
// trailing zeros ("0,5", "5").
func number(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	return strings.Replace(s, ".", ",", 1)
}

// LimitVN formats a statutory time limit ("05 ngày làm việc").
func LimitVN(l workday.Limit) string {
	switch l.Unit {
	case workday.WorkingDays:
		return number(l.Value) + " ngày làm việc"
	case workday.Days:
		return number(l.Value) + " ngày"
	case workday.Hours:
		return number(l.Value) + " giờ làm việc"
	case workday.Months:
		return number(l.Value) + " tháng"
	case workday.SameDay:
		return "Trong ngày làm việc"
	case workday.NoLimit, "":
		return "Không quy định thời hạn"
	}
	return string(l.Unit)
}

// Money formats đồng with dot thousands separators: "1.250.000 đồng".
func Money(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	s := strconv.FormatInt(v, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	out := b.String() + " đồng"
	if neg {
		out = "-" + out
	}
	return out
}

// count formats a number of copies with two digits ("01").
func count(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf("%02d", n)
}

// upper capitalises Vietnamese text (titles, names of units).
func upper(s string) string { return strings.ToUpper(s) }

// honorific returns how a party is addressed: "Ông (Bà)" for a person,
// "Tổ chức" for an organisation.
func honorific(p *dossier.Party) string {
	if p != nil && p.Kind.IsOrganisation() {
		return "Tổ chức"
	}
	return "Ông (Bà)"
}
