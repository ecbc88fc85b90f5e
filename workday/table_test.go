package workday

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

func mustDate(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// weekdays expands "from..to" ranges and single dates to the weekdays they
// contain, as domain.md writes "off Sat 14/2 – Sun 22/2".
func weekdays(t testing.TB, spans ...string) []string {
	t.Helper()
	var out []string
	for _, s := range spans {
		a, b, ok := strings.Cut(s, "..")
		if !ok {
			b = a
		}
		for n := dayNumber(mustDate(t, a)); n <= dayNumber(mustDate(t, b)); n++ {
			if wd := dateOfDay(n).Weekday(); wd != time.Saturday && wd != time.Sunday {
				out = append(out, dateOfDay(n).String())
			}
		}
	}
	sort.Strings(out)
	return out
}

func kinds(tb YearTable, k Kind) []string {
	var out []string
	for _, d := range tb.Days {
		if d.Kind == k {
			out = append(out, d.Date.String())
		}
	}
	sort.Strings(out)
	return out
}

// TestBuiltinNotices checks each built-in year against domain.md §6.2 (and,
// for 2021–2022, the notices' content as described in the brief and the
// tables' notes). Ranges are the holiday periods as announced, weekends
// included; art. 111(3) compensation days not in domain.md's table are
// listed separately.
func TestBuiltinNotices(t *testing.T) {
	cases := []struct {
		year   int
		source string
		off    []string
		work   []string
	}{
		{2021, "4875/TB-LĐTBXH", weekdays(t, "2021-01-01", "2021-02-10..2021-02-16", "2021-04-21",
			"2021-04-30..2021-05-03", "2021-09-02..2021-09-05"), nil},
		{2022, "119/TB-LĐTBXH", weekdays(t, "2022-01-01..2022-01-03", "2022-01-29..2022-02-06",
			"2022-04-10..2022-04-11", "2022-04-30..2022-05-03", "2022-09-01..2022-09-04"), nil},
		{2023, "5034/TB-LĐTBXH", weekdays(t, "2023-01-02", // 1/1 on a Sunday, made up on Monday 2/1 (art. 111(3))
			"2023-01-20..2023-01-26", "2023-04-29..2023-05-03", "2023-09-01..2023-09-04"), nil},
		{2024, "5015/TB-LĐTBXH", weekdays(t, "2024-01-01", "2024-02-08..2024-02-14", "2024-04-18",
			"2024-04-27..2024-05-01", "2024-08-31..2024-09-03"), []string{"2024-05-04"}},
		{2025, "6150/TB-BLĐTBXH", weekdays(t, "2025-01-01", "2025-01-27..2025-01-31", "2025-04-07",
			"2025-04-30", "2025-05-01..2025-05-02", "2025-09-01..2025-09-02"), []string{"2025-04-26"}},
		{2026, "9441/TB-BNV", weekdays(t, "2026-01-01..2026-01-02", "2026-02-14..2026-02-22", "2026-04-27",
			"2026-04-30..2026-05-03", "2026-08-29..2026-09-02", "2026-11-24"), []string{"2026-01-10", "2026-08-22"}},
	}
	for _, tc := range cases {
		tb, origin, err := Default().Table(tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if origin != FromNotice || !strings.Contains(tb.Source, tc.source) {
			t.Errorf("%d: origin %s, source %q; want notice %s", tc.year, origin, tb.Source, tc.source)
		}
		if got := kinds(tb, Off); !reflect.DeepEqual(got, tc.off) {
			t.Errorf("%d off:\n got %v\nwant %v", tc.year, got, tc.off)
		}
		if got := kinds(tb, Work); !reflect.DeepEqual(got, tc.work) {
			t.Errorf("%d work: got %v, want %v", tc.year, got, tc.work)
		}
		if tb.Note == "" {
			t.Errorf("%d: built-in table has no note on its provenance", tc.year)
		}
	}
}

// TestRuleTables checks tables derived from the statutory rules alone.
func TestRuleTables(t *testing.T) {
	cases := []struct {
		year int
		off  []string
	}{
		// 2027: Tết mùng 1 = Sat 06/02; window 05/02–09/02, weekend days
		// made up Wed 10 and Thu 11; 1/5 Saturday → Mon 03/05; 2/9 Thu → 3/9.
		{2027, []string{"2027-01-01", "2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
			"2027-04-16", "2027-04-30", "2027-05-03", "2027-09-02", "2027-09-03", "2027-11-24"}},
		// 2028: 1/1 Saturday → Mon 03/01; Tết 25/01–29/01 (Sat) → Mon 31/01;
		// 30/4 Sunday → Tue 02/05 (Mon is 1/5); 2/9 Saturday → 1/9 + Mon 4/9.
		{2028, []string{"2028-01-03", "2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28", "2028-01-31",
			"2028-04-04", "2028-05-01", "2028-05-02", "2028-09-01", "2028-09-04", "2028-11-24"}},
		// 2020 under Labour Code 2012: 2/9 is one day, no 24/11.
		{2020, []string{"2020-01-01", "2020-01-24", "2020-01-27", "2020-01-28", "2020-01-29", "2020-01-30",
			"2020-04-02", "2020-04-30", "2020-05-01", "2020-09-02"}},
	}
	for _, tc := range cases {
		tb, origin, err := Default().Table(tc.year)
		if err != nil {
			t.Fatal(err)
		}
		if origin != FromRules || !strings.Contains(tb.Source, "không có thông báo") {
			t.Errorf("%d: origin %s, source %q; want rule-derived, no notice", tc.year, origin, tb.Source)
		}
		if got := kinds(tb, Off); !reflect.DeepEqual(got, tc.off) {
			t.Errorf("%d off:\n got %v\nwant %v", tc.year, got, tc.off)
		}
		if len(kinds(tb, Work)) != 0 {
			t.Errorf("%d: rule tables have no make-up days", tc.year)
		}
	}
	// Every rule-derived table is itself valid.
	for y := MinYear; y <= MaxYear; y++ {
		if err := ruleTable(y).Validate(); err != nil {
			t.Fatalf("rule table %d: %v", y, err)
		}
	}
}

// The default second National Day day reproduces every notice 2021–2026.
func TestNationalDayAdjacentDefault(t *testing.T) {
	for y := 2021; y <= 2026; y++ {
		var adj int
		for _, h := range statutoryHolidays(y) {
			if h.name == nameNationalAdj {
				adj = h.day
			}
		}
		tb, _, _ := Default().Table(y)
		found := false
		for _, d := range tb.Days {
			if dayNumber(d.Date) == adj && d.Kind == Off {
				found = true
			}
		}
		if !found {
			t.Errorf("%d: rule picks %s as the second National Day day, the notice does not", y, dateOfDay(adj))
		}
	}
}

func validTable(t testing.TB) YearTable {
	tb := ruleTable(2027)
	tb.Source = "TB 1/TB-BNV"
	return tb
}

func tableJSON(t testing.TB, tb YearTable) string {
	b, err := json.Marshal(tb)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// tableErrorCases are invalid tables with the error each must produce.
// They double as fuzz seeds.
func tableErrorCases(t testing.TB) []struct{ name, in, want string } {
	base := tableJSON(t, validTable(t))
	with := func(extra string) string { // append one day
		return strings.Replace(base, `"days":[`, `"days":[`+extra+`,`, 1)
	}
	return []struct{ name, in, want string }{
		{"not json", `{"year":`, "year table:"},
		{"unknown field", strings.Replace(base, `"year":2027`, `"year":2027,"yaer":1`, 1), "unknown field"},
		{"trailing data", base + `{}`, "unexpected data after"},
		{"missing year", strings.Replace(base, `"year":2027,`, ``, 1), "year: missing"},
		{"year out of range", strings.Replace(base, `"year":2027`, `"year":2013`, 1), "2013 is outside 2014–2199"},
		{"empty source", strings.Replace(base, `"source":"TB 1/TB-BNV"`, `"source":" "`, 1), "source: empty"},
		{"bad date", with(`{"date":"2027-02-30","kind":"off","reason":"x"}`), `days[0].date: date "2027-02-30" does not exist`},
		{"bad date format", with(`{"date":"30/01/2027","kind":"off","reason":"x"}`), "want YYYY-MM-DD"},
		{"wrong year", with(`{"date":"2026-12-31","kind":"off","reason":"x"}`), "2026-12-31 is not in year 2027"},
		{"duplicate", with(`{"date":"2027-01-01","kind":"off","reason":"x"}`), "2027-01-01 is listed twice"},
		{"work on weekday", with(`{"date":"2027-01-04","kind":"work","reason":"x"}`), "2027-01-04 is a Monday, already a working day"},
		{"off on weekend", with(`{"date":"2027-01-02","kind":"off","reason":"x"}`), "2027-01-02 is a Saturday, already a rest day"},
		{"work on holiday", with(`{"date":"2027-05-01","kind":"work","reason":"x"}`), "2027-05-01 is a public holiday"},
		{"bad kind", with(`{"date":"2027-03-01","kind":"holiday","reason":"x"}`), `kind: "holiday": want "off" or "work"`},
		{"empty reason", with(`{"date":"2027-03-01","kind":"off","reason":""}`), "reason: empty"},
		{"tab in reason", with(`{"date":"2027-03-01","kind":"off","reason":"a\tb"}`), "control character U+0009"},
		{"missing holiday", strings.Replace(base, `{"date":"2027-04-30","kind":"off","reason":"Ngày Chiến thắng (30/4)"},`, ``, 1),
			"2027-04-30 (Ngày Chiến thắng (30/4)) is a Friday and must be listed as off"},
		{"missing Tết", strings.Replace(base, `{"date":"2027-02-08","kind":"off","reason":"Tết Nguyên đán"},`, ``, 1),
			"2027-02-08 (Tết Nguyên đán) is a Monday and must be listed as off"},
		{"no days", `{"year":2027,"source":"x","days":[]}`, "2027-01-01 (Tết Dương lịch) is a Friday and must be listed as off"},
	}
}

func TestParseYearTableErrors(t *testing.T) {
	for _, tc := range tableErrorCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			tb, err := ParseYearTable([]byte(tc.in))
			if err == nil {
				t.Fatalf("accepted: %+v", tb)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
			if !reflect.DeepEqual(tb, YearTable{}) {
				t.Fatalf("returned a table with the error: %+v", tb)
			}
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	tb := validTable(t)
	tb.Source = ""
	tb.Days = append(tb.Days, Day{Date: Date{2027, 1, 4}, Kind: Work, Reason: "x"}, Day{Date: Date{2027, 1, 9}, Kind: Off, Reason: ""})
	err := tb.Validate()
	var fields []string
	var unwrap interface{ Unwrap() []error }
	if !errors.As(err, &unwrap) {
		t.Fatalf("want joined errors, got %v", err)
	}
	for _, e := range unwrap.Unwrap() {
		var ve *ValidationError
		if !errors.As(e, &ve) {
			t.Fatalf("%v is not a *ValidationError", e)
		}
		fields = append(fields, ve.Field)
	}
	want := []string{"source", "days[12]", "days[13]", "days[13].reason"}
	if !reflect.DeepEqual(fields, want) {
		t.Fatalf("fields %v, want %v (error: %v)", fields, want, err)
	}
	if err := (YearTable{Year: 3000}).Validate(); !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("year 3000: %v", err)
	}
}

func TestYearTableJSONRoundTrip(t *testing.T) {
	for y := 2021; y <= 2027; y++ {
		tb, _, err := Default().Table(y)
		if err != nil {
			t.Fatal(err)
		}
		tb.Source = "TB test" // rule tables carry a source too; any text is fine
		b, err := json.MarshalIndent(tb, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseYearTable(b)
		if err != nil {
			t.Fatalf("%d: %v\n%s", y, err, b)
		}
		if !reflect.DeepEqual(back, tb) {
			t.Fatalf("%d: round trip changed the table:\n%+v\n%+v", y, back, tb)
		}
		// json.Unmarshal into a YearTable validates as well.
		var via YearTable
		if err := json.Unmarshal(b, &via); err != nil || !reflect.DeepEqual(via, tb) {
			t.Fatalf("%d: json.Unmarshal: %v", y, err)
		}
	}
	// Unsorted input comes back sorted; output is deterministic.
	tb := validTable(t)
	tb.Days[0], tb.Days[len(tb.Days)-1] = tb.Days[len(tb.Days)-1], tb.Days[0]
	a, _ := json.Marshal(tb)
	if want := tableJSON(t, validTable(t)); string(a) != want {
		t.Fatalf("marshal of unsorted days:\n%s\nwant\n%s", a, want)
	}
	if !strings.HasPrefix(string(a), `{"year":2027,"source":"TB 1/TB-BNV","note":`) || !strings.Contains(string(a), `{"date":"2027-01-01","kind":"off","reason":"Tết Dương lịch"}`) {
		t.Fatalf("unexpected format: %s", a)
	}
	var bad YearTable
	if err := json.Unmarshal([]byte(`{"year":2027}`), &bad); err == nil {
		t.Fatal("json.Unmarshal accepted an invalid table")
	}
}

func TestCalendarOverrides(t *testing.T) {
	// An override for 2026 that drops the 31/08 swap replaces the notice.
	tb, _, _ := Default().Table(2026)
	var days []Day
	for _, d := range tb.Days {
		if d.Date != (Date{2026, 8, 31}) && d.Date != (Date{2026, 8, 22}) {
			days = append(days, d)
		}
	}
	tb.Days, tb.Source = days, "Quyết định test"
	tb.Days[0], tb.Days[1] = tb.Days[1], tb.Days[0] // unsorted input is accepted and sorted
	c, err := New(tb)
	if err != nil {
		t.Fatal(err)
	}
	got, origin, _ := c.Table(2026)
	if origin != FromOverride || got.Source != "Quyết định test" || got.Days[0].Date != (Date{2026, 1, 1}) {
		t.Fatalf("origin %s source %q first day %s", origin, got.Source, got.Days[0].Date)
	}
	for _, tc := range []struct {
		d       Date
		def, ov bool
	}{
		{Date{2026, 8, 31}, false, true},
		{Date{2026, 8, 22}, true, false},
		{Date{2026, 9, 2}, false, false},
	} {
		def, _ := Default().IsWorkingDay(tc.d)
		ov, _ := c.IsWorkingDay(tc.d)
		if def != tc.def || ov != tc.ov {
			t.Errorf("%s working: default %v override %v; want %v %v", tc.d, def, ov, tc.def, tc.ov)
		}
	}
	// The override is copied: changing the caller's slice changes nothing.
	tb.Days[1].Kind = Work
	if w, _ := c.IsWorkingDay(Date{2026, 1, 1}); w {
		t.Fatal("calendar shares the override's slice")
	}
	if _, err := New(validTable(t), validTable(t)); err == nil || !strings.Contains(err.Error(), "second table for year 2027") {
		t.Fatalf("duplicate override: %v", err)
	}
	bad := validTable(t)
	bad.Source = ""
	if _, err := New(bad); err == nil || !strings.Contains(err.Error(), "source: empty") {
		t.Fatalf("invalid override: %v", err)
	}
	if _, _, err := Default().Table(2013); !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("Table(2013): %v", err)
	}
	if _, err := Default().IsWorkingDay(Date{2200, 1, 1}); !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("IsWorkingDay(2200): %v", err)
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Date
		err  string
	}{
		{"2026-02-17", Date{2026, 2, 17}, ""},
		{"2024-02-29", Date{2024, 2, 29}, ""},
		{"2023-02-29", Date{}, "does not exist"},
		{"2026-13-01", Date{}, "does not exist"},
		{"2026-00-10", Date{}, "does not exist"},
		{"2026-1-01", Date{}, "want YYYY-MM-DD"},
		{"2026/01/01", Date{}, "want YYYY-MM-DD"},
		{"+026-01-01", Date{}, "want YYYY-MM-DD"},
		{"", Date{}, "want YYYY-MM-DD"},
	} {
		got, err := ParseDate(tc.in)
		if tc.err == "" && (err != nil || got != tc.want) {
			t.Errorf("ParseDate(%q) = %v, %v", tc.in, got, err)
		}
		if tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ParseDate(%q) error %v, want %q", tc.in, err, tc.err)
		}
	}
	// dayNumber and dateOfDay are inverse, and Weekday agrees with time.
	for n := dayNumber(Date{1899, 1, 1}); n < dayNumber(Date{2201, 1, 1}); n += 17 {
		d := dateOfDay(n)
		if dayNumber(d) != n || !d.valid() {
			t.Fatalf("day %d → %v → %d", n, d, dayNumber(d))
		}
		if w := time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday(); w != d.Weekday() {
			t.Fatalf("%s weekday %v, time says %v", d, d.Weekday(), w)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-17", "2023-02-29", "2026-1-01", "", "9999-12-31", "0000-01-01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, d)
		}
	})
}

func FuzzParseYearTable(f *testing.F) {
	for _, tc := range tableErrorCases(f) {
		f.Add([]byte(tc.in))
	}
	for y := 2021; y <= 2026; y++ {
		b, _ := noticeFS.ReadFile("notices/" + time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format("2006") + ".json")
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ParseYearTable(b)
		if err != nil {
			return
		}
		if err := tb.Validate(); err != nil {
			t.Fatalf("parsed table does not validate: %v", err)
		}
		out, err := json.Marshal(tb)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseYearTable(out)
		if err != nil || !reflect.DeepEqual(back, tb) {
			t.Fatalf("round trip: %v\n%+v\n%+v", err, back, tb)
		}
	})
}
