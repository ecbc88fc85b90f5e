package kit

import (
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/internal/i18ncheck"
	"motcua/ui/widgets"
	"motcua/workday"
)

func TestTranslations(t *testing.T) { i18ncheck.Check(t, ".", "kit.") }

func TestMoney(t *testing.T) {
	cases := []struct {
		in   int64
		want string
	}{{0, "0 đ"}, {500, "500 đ"}, {50000, "50.000 đ"}, {1234567, "1.234.567 đ"}, {-2000, "-2.000 đ"}}
	for _, c := range cases {
		if got := Money(c.in); got != c.want {
			t.Errorf("Money(%d) = %q, want %q", c.in, got, c.want)
		}
	}
}

var moneyCases = []struct {
	in   string
	want int64
	ok   bool
}{
	{"", 0, true}, {"50.000", 50000, true}, {"50,000 đ", 50000, true}, {"50 000 VND", 50000, true},
	{"1.200.000đ", 1200000, true}, {"12a", 0, false}, {"-5", 0, false}, {"đ", 0, true}, {"99999999999999999999", 0, false},
}

func TestParseMoney(t *testing.T) {
	for _, c := range moneyCases {
		got, err := ParseMoney(c.in)
		if (err == nil) != c.ok || (c.ok && got != c.want) {
			t.Errorf("ParseMoney(%q) = %d, %v; want %d ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func FuzzParseMoney(f *testing.F) {
	for _, c := range moneyCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseMoney(s)
		if err == nil && n < 0 {
			t.Fatalf("%q → %d", s, n)
		}
		if err == nil && n > 0 {
			// What Money prints, ParseMoney reads back.
			if back, err := ParseMoney(Money(n)); err != nil || back != n {
				t.Fatalf("round trip %d: %d %v", n, back, err)
			}
		}
	})
}

var dateCases = []struct {
	in, want string // want "" = error
}{
	{"03/11/2025", "2025-11-03 17:00"}, {"3/11/2025", "2025-11-03 17:00"}, {"03112025", "2025-11-03 17:00"},
	{"03-11-2025 09:30", "2025-11-03 09:30"}, {"03/11/2025 9h", "2025-11-03 09:00"}, {"03/11/2025 16:5", "2025-11-03 16:05"},
	{"31/02/2025", ""}, {"03/11/2025 24:00", ""}, {"03/11/2025 10:61", ""}, {"hôm nay", ""}, {"", ""},
}

func TestParseDateTime(t *testing.T) {
	for _, c := range dateCases {
		got, err := ParseDateTime(c.in)
		switch {
		case c.want == "" && err == nil:
			t.Errorf("ParseDateTime(%q) = %v, want an error", c.in, got)
		case c.want != "" && (err != nil || got.Format("2006-01-02 15:04") != c.want || got.Location() != dossier.Zone):
			t.Errorf("ParseDateTime(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}

func FuzzParseDateTime(f *testing.F) {
	for _, c := range dateCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDateTime(s)
		if err == nil && d.Location() != dossier.Zone {
			t.Fatalf("%q: zone %v", s, d.Location())
		}
	})
}

func TestFormats(t *testing.T) {
	widgets.SetLanguage(widgets.LangVietnamese)
	at := time.Date(2025, 11, 6, 9, 5, 0, 0, dossier.Zone)
	if got := DateTime(at); got != "09 giờ 05 phút, ngày 06/11/2025" {
		t.Errorf("DateTime %q", got)
	}
	if got := DateTime(at.UTC()); got != "09 giờ 05 phút, ngày 06/11/2025" {
		t.Errorf("DateTime of a UTC time %q: must print Vietnam time", got)
	}
	for _, c := range []struct {
		l    workday.Limit
		want string
	}{
		{workday.Limit{Value: 5, Unit: workday.WorkingDays}, "5 ngày làm việc"},
		{workday.Limit{Value: 0.5, Unit: workday.WorkingDays}, "0,5 ngày làm việc"},
		{workday.Limit{Value: 30, Unit: workday.Days}, "30 ngày"},
		{workday.Limit{Value: 8, Unit: workday.Hours}, "8 giờ làm việc"},
		{workday.Limit{Unit: workday.NoLimit}, "Không quy định thời hạn"},
	} {
		if got := LimitText(c.l); got != c.want {
			t.Errorf("LimitText(%v) = %q, want %q", c.l, got, c.want)
		}
	}
	if BirthDate("1990-01-02") != "02/01/1990" || BirthDate("x") != "x" {
		t.Error("BirthDate")
	}
}

func TestFormNumber(t *testing.T) {
	cases := []struct {
		set  desk.FormSet
		kind string
		want string
	}{
		{desk.FormsTT03, FormReceipt, "01"}, {desk.FormsTT03, FormStop, "05"}, {desk.FormsTT03, FormControl, "06"},
		{desk.FormsTT03, FormBook, "07"}, {"", FormApology, "04"}, {desk.FormsTT01, FormControl, "05"},
		{desk.FormsTT01, FormBook, "06"}, {desk.FormsTT01, FormStop, ""}, {desk.FormsTT03, "return", ""},
	}
	for _, c := range cases {
		got, ok := FormNumber(c.set, c.kind)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FormNumber(%q, %q) = %q %v, want %q", c.set, c.kind, got, ok, c.want)
		}
	}
}

// TestGuard: a person's keys act; a scanner burst's runes do not, the
// first rune's action is undone, and the payload is delivered on Enter.
func TestGuard(t *testing.T) {
	t0 := time.Date(2025, 11, 3, 9, 0, 0, 0, dossier.Zone)
	clock := t0
	Now = func() time.Time { return clock }
	defer func() { Now = time.Now }()
	k := NewKeys()
	var got []string
	k.Scan = func(p string) bool { got = append(got, p); return true }
	undone := 0
	step := func(d time.Duration, r rune) bool {
		clock = clock.Add(d)
		return k.Guard(r, func() { undone++ })
	}
	// A person: 150 ms between keys.
	for _, r := range "1131" {
		if step(150*time.Millisecond, r) {
			t.Fatalf("person's %q taken as a burst", r)
		}
	}
	clock = clock.Add(150 * time.Millisecond)
	if k.GuardEnter() {
		t.Fatal("person's Enter taken as the end of a burst")
	}
	// A scanner: 4 ms between runes, after a pause.
	clock = clock.Add(time.Second)
	payload := "001090123456|012345678|NGUYEN VAN AN|01011990|Nam|Ha Noi|15042021"
	for i, r := range payload {
		acted := !step(4*time.Millisecond, r)
		if i == 0 && !acted {
			t.Fatal("the first rune cannot be known as a burst yet")
		}
		if i > 0 && acted {
			t.Fatalf("rune %d of the burst acted", i)
		}
	}
	clock = clock.Add(4 * time.Millisecond)
	if !k.GuardEnter() || undone != 1 || len(got) != 1 || got[0] != payload {
		t.Fatalf("enter: undone %d, delivered %q", undone, got)
	}
	// A short fast pair is swallowed, not delivered.
	clock = clock.Add(time.Second)
	step(0, '1')
	step(5*time.Millisecond, '2')
	clock = clock.Add(5 * time.Millisecond)
	if !k.GuardEnter() || len(got) != 1 {
		t.Fatalf("short burst: %q", got)
	}
}
