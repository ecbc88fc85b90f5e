package catalog

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// noInfo is the portal's own "no data" marker.
const noInfo = "Không có thông tin"

// clean trims s and maps the portal's "no data" marker to "".
func clean(s string) string {
	s = strings.TrimSpace(s)
	if isNoInfo(s) {
		return ""
	}
	return s
}

func isNoInfo(s string) bool {
	switch fold(strings.TrimRight(strings.TrimSpace(s), ".")) {
	case "khong co thong tin", "":
		return true
	}
	return false
}

// warnings collects the problems found while reading one record.
type warnings []string

func (w *warnings) addf(format string, a ...any) { *w = append(*w, fmt.Sprintf(format, a...)) }

// splitNames splits a published list of names joined by ", " (or newlines
// or "; "). A ", " only separates when it is outside parentheses and the
// next word starts with an upper-case letter, so "Cán bộ, công chức, viên
// chức" and "Tổ chức (không bao gồm doanh nghiệp, HTX)" stay whole.
func splitNames(s string) []string {
	s = strings.TrimSpace(s)
	if isNoInfo(s) {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(x string) {
		x = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(x), ",;"))
		if x == "" || isNoInfo(x) || seen[x] {
			return
		}
		seen[x] = true
		out = append(out, x)
	}
	depth := 0
	start := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '(':
			depth++
		case r == ')':
			if depth > 0 {
				depth--
			}
		case r == '\n':
			add(s[start:i])
			start = i + size
			depth = 0
		case (r == ',' || r == ';') && depth == 0 && i+1 < len(s) && s[i+1] == ' ':
			next, _ := utf8.DecodeRuneInString(s[i+2:])
			if unicode.IsUpper(next) {
				add(s[start:i])
				start = i + 2
			}
		}
		i += size
	}
	add(s[start:])
	return out
}

// agencies turns a list of agency names into Agency values.
func agencies(names []string) []Agency {
	if len(names) == 0 {
		return nil
	}
	out := make([]Agency, len(names))
	for i, n := range names {
		out[i] = Agency{Name: n}
	}
	return out
}

// levelNames maps folded level wording to a Level.
var levelNames = map[string]Level{
	"cap bo":         LevelMinistry,
	"cap trung uong": LevelMinistry,
	"cap tinh":       LevelProvince,
	"cap huyen":      LevelDistrict,
	"cap xa":         LevelCommune,
	"co quan khac":   LevelOther,
}

// parseLevels reads a published level list ("Cấp bộ, Cấp tỉnh"). Unknown
// names are reported and the whole wording is kept in text.
func parseLevels(s string, w *warnings) (levels []Level, text string) {
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" || isNoInfo(part) {
			continue
		}
		l, ok := levelNames[fold(part)]
		if !ok {
			w.addf("level: unknown level %q", part)
			text = strings.TrimSpace(s)
			continue
		}
		levels = appendLevel(levels, l)
	}
	return levels, text
}

func appendLevel(ls []Level, l Level) []Level {
	for _, x := range ls {
		if x == l {
			return ls
		}
	}
	return append(ls, l)
}

// unitWords maps folded unit wording to a unit and a multiplier (years and
// minutes convert exactly to months and hours).
var unitWords = map[string]struct {
	unit TimeUnit
	mul  float64
}{
	"ngay lam viec": {UnitWorkingDays, 1},
	"working_day":   {UnitWorkingDays, 1},
	"working-days":  {UnitWorkingDays, 1},
	"ngay":          {UnitDays, 1},
	"day":           {UnitDays, 1},
	"days":          {UnitDays, 1},
	"gio":           {UnitHours, 1},
	"hour":          {UnitHours, 1},
	"hours":         {UnitHours, 1},
	"phut":          {UnitHours, 1.0 / 60},
	"minute":        {UnitHours, 1.0 / 60},
	"thang":         {UnitMonths, 1},
	"month":         {UnitMonths, 1},
	"months":        {UnitMonths, 1},
	"nam":           {UnitMonths, 12},
	"year":          {UnitMonths, 12},
}

// noDeadline lists the folded wordings that explicitly state that there is
// no time limit.
var noDeadline = map[string]bool{
	"khong quy dinh":          true,
	"khong":                   true,
	"khong co thoi han":       true,
	"khong thoi han":          true,
	"khong quy dinh thoi han": true,
}

// parseNumber reads a time value: "5", "05", "0.5", "0,5".
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if (r < '0' || r > '9') && r != '.' && r != ',' {
			return 0, false
		}
	}
	if strings.Count(s, ".")+strings.Count(s, ",") > 1 {
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || v < 0 {
		return 0, false
	}
	return v, true
}

// parseTimeText reads a separately published processing time such as
// "30 Ngày làm việc", "0.5 Giờ" or "Không quy định". Anything else is
// returned with UnitUnparsed and a warning naming the wording.
func parseTimeText(s string, what string, w *warnings) Time {
	s = strings.TrimSpace(s)
	if s == "" || isNoInfo(s) {
		w.addf("%s: no processing time published", what)
		return Time{}
	}
	f := strings.TrimRight(fold(s), ". ")
	if noDeadline[f] {
		return Time{Unit: UnitNone, Text: s}
	}
	num := f
	unitWord := ""
	if i := strings.IndexByte(f, ' '); i > 0 {
		num, unitWord = f[:i], f[i+1:]
	}
	v, ok := parseNumber(num)
	if !ok {
		w.addf("%s: cannot read time %q", what, s)
		return Time{Text: s}
	}
	if unitWord == "" {
		w.addf("%s: time %q has no unit", what, s)
		return Time{Value: v, Text: s}
	}
	u, ok := unitWords[unitWord]
	if !ok {
		w.addf("%s: unknown time unit %q", what, strings.TrimSpace(s[len(num):]))
		return Time{Value: v, Text: s}
	}
	t := Time{Value: v * u.mul, Unit: u.unit}
	if u.mul != 1 {
		t.Text = s
	}
	return t
}

// parseAmount reads an integer VND amount written with or without
// thousands separators: "50000", "50,000", "2.000.000". It rejects
// decimals ("1.5") and anything else.
func parseAmount(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	digits := make([]byte, 0, len(s))
	group := -1 // digits since the last separator; -1 before any separator
	var sep byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
			if group >= 0 {
				group++
			}
		case c == '.' || c == ',':
			if i == 0 || (sep != 0 && c != sep) || (group >= 0 && group != 3) {
				return 0, false
			}
			if group < 0 && len(digits) > 3 {
				return 0, false
			}
			sep = c
			group = 0
		default:
			return 0, false
		}
	}
	if group >= 0 && group != 3 {
		return 0, false
	}
	v, err := strconv.ParseInt(string(digits), 10, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// parseMethodName maps a published channel name to a Method.
func parseMethodName(s string) (Method, bool) {
	switch strings.TrimRight(fold(s), ": .") {
	case "truc tiep", "direct", "1":
		return MethodDirect, true
	case "truc tuyen", "online", "2":
		return MethodOnline, true
	case "dich vu buu chinh", "buu chinh", "buu chinh cong ich", "dich vu buu chinh cong ich", "postal", "3":
		return MethodPostal, true
	}
	return MethodUnknown, false
}

// normDate normalises "dd-mm-yyyy", "dd/mm/yyyy" to "yyyy-mm-dd"; other
// text is returned trimmed.
func normDate(s string) string {
	s = strings.TrimSpace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == '/' || r == '.' })
	if len(parts) == 3 && len(parts[2]) == 4 && len(parts[0]) <= 2 && len(parts[1]) <= 2 {
		d, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		y, e3 := strconv.Atoi(parts[2])
		if e1 == nil && e2 == nil && e3 == nil && d >= 1 && d <= 31 && m >= 1 && m <= 12 {
			return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		}
	}
	if len(parts) == 3 && len(parts[0]) == 4 {
		y, e1 := strconv.Atoi(parts[0])
		m, e2 := strconv.Atoi(parts[1])
		d, e3 := strconv.Atoi(strings.SplitN(parts[2], "T", 2)[0])
		if e1 == nil && e2 == nil && e3 == nil && d >= 1 && d <= 31 && m >= 1 && m <= 12 {
			return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
		}
	}
	return s
}

// truncate shortens s for warning messages.
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
