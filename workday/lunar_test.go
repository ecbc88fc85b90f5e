package workday

import (
	"math"
	"testing"
	"time"
)

// tetDates are the Vietnamese Tết (mùng 1 tháng Giêng) dates 1980–2030.
// Sources: the commonly published Vietnamese almanac dates; 1985 = 21/01
// and 2007 = 17/02 per domain.md §6.3. The years where the Chinese
// (UTC+8) date differs are marked. TestTetIndependent re-derives every
// entry from Meeus' full new-moon and solstice series, an algorithm
// independent of the one under test.
var tetDates = []struct {
	year  int
	month time.Month
	day   int
	china string // Chinese New Year where it differs
}{
	{1980, 2, 16, ""}, {1981, 2, 5, ""}, {1982, 1, 25, ""}, {1983, 2, 13, ""},
	{1984, 2, 2, ""}, {1985, 1, 21, "1985-02-20"}, {1986, 2, 9, ""}, {1987, 1, 29, ""},
	{1988, 2, 17, ""}, {1989, 2, 6, ""}, {1990, 1, 27, ""}, {1991, 2, 15, ""},
	{1992, 2, 4, ""}, {1993, 1, 23, ""}, {1994, 2, 10, ""}, {1995, 1, 31, ""},
	{1996, 2, 19, ""}, {1997, 2, 7, ""}, {1998, 1, 28, ""}, {1999, 2, 16, ""},
	{2000, 2, 5, ""}, {2001, 1, 24, ""}, {2002, 2, 12, ""}, {2003, 2, 1, ""},
	{2004, 1, 22, ""}, {2005, 2, 9, ""}, {2006, 1, 29, ""}, {2007, 2, 17, "2007-02-18"},
	{2008, 2, 7, ""}, {2009, 1, 26, ""}, {2010, 2, 14, ""}, {2011, 2, 3, ""},
	{2012, 1, 23, ""}, {2013, 2, 10, ""}, {2014, 1, 31, ""}, {2015, 2, 19, ""},
	{2016, 2, 8, ""}, {2017, 1, 28, ""}, {2018, 2, 16, ""}, {2019, 2, 5, ""},
	{2020, 1, 25, ""}, {2021, 2, 12, ""}, {2022, 2, 1, ""}, {2023, 1, 22, ""},
	{2024, 2, 10, ""}, {2025, 1, 29, ""}, {2026, 2, 17, ""}, {2027, 2, 6, ""},
	{2028, 1, 26, ""}, {2029, 2, 13, ""}, {2030, 2, 2, "2030-02-03"},
}

func TestTetDates(t *testing.T) {
	if len(tetDates) != 51 {
		t.Fatalf("table has %d years, want 1980–2030", len(tetDates))
	}
	for i, tc := range tetDates {
		if tc.year != 1980+i {
			t.Fatalf("table entry %d is year %d", i, tc.year)
		}
		d := Date{tc.year, tc.month, tc.day}
		l, err := SolarToLunar(d)
		if err != nil || l != (Lunar{tc.year, 1, 1, false}) {
			t.Errorf("SolarToLunar(%s) = %v, %v; want %04d-01-01", d, l, err, tc.year)
		}
		back, err := LunarToSolar(Lunar{Year: tc.year, Month: 1, Day: 1})
		if err != nil || back != d {
			t.Errorf("LunarToSolar(%d-01-01) = %v, %v; want %s", tc.year, back, err, d)
		}
		eve, _ := SolarToLunar(dateOfDay(dayNumber(d) - 1))
		if eve.Year != tc.year-1 || eve.Month != 12 || eve.Leap || eve.Day < 29 {
			t.Errorf("day before Tết %d is %v, want the last day of month 12 of %d", tc.year, eve, tc.year-1)
		}
		if tc.china != "" {
			cn, _ := ParseDate(tc.china)
			if l, _ := SolarToLunar(cn); l.Month == 1 && l.Day == 1 {
				t.Errorf("%s (Chinese New Year) is Vietnamese Tết too; the UTC+7 calendar must differ", cn)
			}
		}
	}
}

func TestLeapMonths(t *testing.T) {
	// Leap months of 1980–2031 (Vietnam). They match the Chinese calendar
	// except 1984/85 (China: leap 10 of 1984) and 1987 (China: leap 6).
	want := map[int]int{1982: 4, 1985: 2, 1987: 7, 1990: 5, 1993: 3, 1995: 8, 1998: 5,
		2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4,
		2023: 2, 2025: 6, 2028: 5, 2031: 3}
	for y := 1980; y <= 2031; y++ {
		got := 0
		for m := 1; m <= 12; m++ {
			if _, err := LunarToSolar(Lunar{Year: y, Month: m, Day: 1, Leap: true}); err == nil {
				if got != 0 {
					t.Errorf("%d: two leap months %d and %d", y, got, m)
				}
				got = m
			}
		}
		if got != want[y] {
			t.Errorf("%d: leap month %d, want %d", y, got, want[y])
		}
	}
	cases := []struct {
		solar Date
		lunar Lunar
	}{
		{Date{2023, 3, 22}, Lunar{2023, 2, 1, true}},
		{Date{2023, 3, 21}, Lunar{2023, 2, 30, false}},
		{Date{2023, 4, 19}, Lunar{2023, 2, 29, true}},
		{Date{2023, 4, 20}, Lunar{2023, 3, 1, false}},
		{Date{2020, 5, 23}, Lunar{2020, 4, 1, true}},
		{Date{2020, 6, 21}, Lunar{2020, 5, 1, false}},
		{Date{2025, 7, 25}, Lunar{2025, 6, 1, true}},
		{Date{2025, 8, 23}, Lunar{2025, 7, 1, false}},
		{Date{1985, 3, 21}, Lunar{1985, 2, 1, true}},
		{Date{1987, 8, 24}, Lunar{1987, 7, 1, true}},
		{Date{2026, 4, 26}, Lunar{2026, 3, 10, false}}, // Giỗ Tổ 2026, domain.md §6.2
		{Date{2025, 4, 7}, Lunar{2025, 3, 10, false}},  // Giỗ Tổ 2025
		{Date{2024, 2, 9}, Lunar{2023, 12, 30, false}}, // 30 Tết Giáp Thìn
	}
	for _, tc := range cases {
		got, err := SolarToLunar(tc.solar)
		if err != nil || got != tc.lunar {
			t.Errorf("SolarToLunar(%s) = %v, %v; want %v", tc.solar, got, err, tc.lunar)
		}
		back, err := LunarToSolar(tc.lunar)
		if err != nil || back != tc.solar {
			t.Errorf("LunarToSolar(%v) = %v, %v; want %s", tc.lunar, back, err, tc.solar)
		}
	}
}

func TestLunarErrors(t *testing.T) {
	for _, l := range []Lunar{
		{2024, 2, 1, true},   // 2024 has no leap month
		{2023, 3, 1, true},   // 2023's leap month is 2
		{2023, 13, 1, false}, // no month 13
		{2023, 0, 1, false},
		{2023, 1, 0, false},
		{2023, 1, 31, false},
		{2021, 12, 30, false}, // month 12 of Tân Sửu has 29 days (mùng 1 Nhâm Dần = 01/02/2022)
		{1850, 1, 1, false},
		{2300, 1, 1, false},
	} {
		if d, err := LunarToSolar(l); err == nil {
			t.Errorf("LunarToSolar(%v) = %s, want an error", l, d)
		}
	}
	for _, d := range []Date{{2026, 2, 30}, {1899, 12, 31}, {2200, 1, 1}, {}} {
		if l, err := SolarToLunar(d); err == nil {
			t.Errorf("SolarToLunar(%v) = %v, want an error", d, l)
		}
	}
}

// TestLunarCalendarStructure walks every day of the supported range and
// checks the calendar's shape and the round trip: days count 1..29 or 30,
// months follow each other (a leap month repeats the previous number),
// years turn at month 1, each year has at most one leap month.
func TestLunarCalendarStructure(t *testing.T) {
	first := dayNumber(Date{LunarMinYear, 1, 1})
	last := dayNumber(Date{LunarMaxYear, 12, 31})
	prev, err := SolarToLunar(dateOfDay(first))
	if err != nil {
		t.Fatal(err)
	}
	leapInYear := map[int]int{}
	for n := first + 1; n <= last; n++ {
		d := dateOfDay(n)
		l, err := SolarToLunar(d)
		if err != nil {
			t.Fatalf("%s: %v", d, err)
		}
		if back, err := LunarToSolar(l); err != nil || back != d {
			t.Fatalf("round trip %s → %v → %v, %v", d, l, back, err)
		}
		if l.Day != 1 {
			if l.Day != prev.Day+1 || l.Month != prev.Month || l.Leap != prev.Leap || l.Year != prev.Year {
				t.Fatalf("%s: %v follows %v", d, l, prev)
			}
		} else {
			if prev.Day != 29 && prev.Day != 30 {
				t.Fatalf("%s: month before %v had %d days", d, l, prev.Day)
			}
			switch {
			case l.Leap:
				if l.Month != prev.Month || prev.Leap || l.Year != prev.Year {
					t.Fatalf("%s: leap month %v after %v", d, l, prev)
				}
				if m, dup := leapInYear[l.Year]; dup {
					t.Fatalf("lunar year %d has leap months %d and %d", l.Year, m, l.Month)
				}
				leapInYear[l.Year] = l.Month
			case prev.Month == 12:
				if l.Month != 1 || l.Year != prev.Year+1 {
					t.Fatalf("%s: %v after %v", d, l, prev)
				}
			default:
				if l.Month != prev.Month+1 || l.Year != prev.Year {
					t.Fatalf("%s: %v after %v", d, l, prev)
				}
			}
		}
		prev = l
	}
}

func FuzzLunarRoundTrip(f *testing.F) {
	for _, tc := range tetDates {
		f.Add(tc.year, int(tc.month), tc.day)
	}
	f.Add(2023, 3, 22)
	f.Add(1900, 1, 1)
	f.Add(2199, 12, 31)
	f.Fuzz(func(t *testing.T, y, m, d int) {
		sd := Date{y, time.Month(m), d}
		l, err := SolarToLunar(sd)
		if err != nil {
			if sd.valid() && y >= LunarMinYear && y <= LunarMaxYear {
				t.Fatalf("SolarToLunar(%v): %v", sd, err)
			}
			return
		}
		back, err := LunarToSolar(l)
		if err != nil || back != sd {
			t.Fatalf("%s → %v → %v, %v", sd, l, back, err)
		}
	})
}

// --- Independent check: J. Meeus, Astronomical Algorithms (1998), full
// series for the new moon (ch. 49) and the December solstice (ch. 27),
// which the code under test does not use.

func rad(deg float64) float64 { return deg * math.Pi / 180 }

// meeusNewMoon returns the JDE (Terrestrial Time) of new moon number k
// (k = 0 is the new moon of 2000-01-06).
func meeusNewMoon(k float64) float64 {
	T := k / 1236.85
	T2, T3, T4 := T*T, T*T*T, T*T*T*T
	jde := 2451550.09766 + 29.530588861*k + 0.00015437*T2 - 0.000000150*T3 + 0.00000000073*T4
	E := 1 - 0.002516*T - 0.0000074*T2
	M := rad(2.5534 + 29.10535670*k - 0.0000014*T2 - 0.00000011*T3)
	Mp := rad(201.5643 + 385.81693528*k + 0.0107582*T2 + 0.00001238*T3 - 0.000000058*T4)
	F := rad(160.7108 + 390.67050284*k - 0.0016118*T2 - 0.00000227*T3 + 0.000000011*T4)
	O := rad(124.7746 - 1.56375588*k + 0.0020672*T2 + 0.00000215*T3)
	s := math.Sin
	c := -0.40720*s(Mp) + 0.17241*E*s(M) + 0.01608*s(2*Mp) + 0.01039*s(2*F) +
		0.00739*E*s(Mp-M) - 0.00514*E*s(Mp+M) + 0.00208*E*E*s(2*M) - 0.00111*s(Mp-2*F) -
		0.00057*s(Mp+2*F) + 0.00056*E*s(2*Mp+M) - 0.00042*s(3*Mp) + 0.00042*E*s(M+2*F) +
		0.00038*E*s(M-2*F) - 0.00024*E*s(2*Mp-M) - 0.00017*s(O) - 0.00007*s(Mp+2*M) +
		0.00004*s(2*Mp-2*F) + 0.00004*s(3*M) + 0.00003*s(Mp+M-2*F) + 0.00003*s(2*Mp+2*F) -
		0.00003*s(Mp+M+2*F) + 0.00003*s(Mp-M+2*F) - 0.00002*s(Mp-M-2*F) - 0.00002*s(3*Mp+M) +
		0.00002*s(4*Mp)
	A := []struct{ a0, a1, coef float64 }{
		{299.77, 0.107408, 325}, {251.88, 0.016321, 165}, {251.83, 26.651886, 164},
		{349.42, 36.412478, 126}, {84.66, 18.206239, 110}, {141.74, 53.303771, 62},
		{207.14, 2.453732, 60}, {154.84, 7.306860, 56}, {34.52, 27.261239, 47},
		{207.19, 0.121824, 42}, {291.34, 1.844379, 40}, {161.72, 24.198154, 37},
		{239.56, 25.513099, 35}, {331.55, 3.592518, 23},
	}
	for i, a := range A {
		arg := a.a0 + a.a1*k
		if i == 0 {
			arg -= 0.009173 * T2
		}
		c += a.coef * 1e-6 * s(rad(arg))
	}
	return jde + c
}

// meeusDecemberSolstice returns the JDE of the December solstice of year y.
func meeusDecemberSolstice(y int) float64 {
	Y := (float64(y) - 2000) / 1000
	jde0 := 2451900.05952 + 365242.74049*Y - 0.06223*Y*Y - 0.00823*Y*Y*Y + 0.00032*Y*Y*Y*Y
	T := (jde0 - 2451545.0) / 36525
	W := rad(35999.373*T - 2.47)
	dl := 1 + 0.0334*math.Cos(W) + 0.0007*math.Cos(2*W)
	terms := [][3]float64{
		{485, 324.96, 1934.136}, {203, 337.23, 32964.467}, {199, 342.08, 20.186},
		{182, 27.85, 445267.112}, {156, 73.14, 45036.886}, {136, 171.52, 22518.443},
		{77, 222.54, 65928.934}, {74, 296.72, 3034.906}, {70, 243.58, 9037.513},
		{58, 119.81, 33718.147}, {52, 297.17, 150.678}, {50, 21.02, 2281.232},
		{45, 247.54, 29929.562}, {44, 325.15, 31555.956}, {29, 60.93, 4443.417},
		{18, 155.12, 67555.328}, {17, 288.79, 4562.452}, {16, 198.04, 62894.029},
		{14, 199.76, 31436.921}, {12, 95.39, 14577.848}, {12, 287.11, 31931.756},
		{12, 320.81, 34777.259}, {9, 227.73, 1222.114}, {8, 15.45, 16859.074},
	}
	S := 0.0
	for _, tm := range terms {
		S += tm[0] * math.Cos(rad(tm[1]+tm[2]*T))
	}
	return jde0 + 0.00001*S/dl
}

// deltaT approximates TT−UT in days (Espenak & Meeus polynomials); an
// error of seconds is irrelevant here.
func deltaT(jde float64) float64 {
	y := 2000 + (jde-2451545.0)/365.25
	var s float64
	switch {
	case y < 1986:
		t := y - 1975
		s = 45.45 + 1.067*t - t*t/260 - t*t*t/718
	case y < 2005:
		t := y - 2000
		s = 63.86 + 0.3345*t - 0.060374*t*t + 0.0017275*t*t*t + 0.000651814*t*t*t*t + 0.00002373599*t*t*t*t*t
	default:
		t := y - 2000
		s = 62.92 + 0.32217*t + 0.005589*t*t
	}
	return s / 86400
}

// localDay returns the UTC+7 day number (days since 1970-01-01) of a JDE,
// and the minutes from the nearer local midnight (the safety margin).
func localDay(jde float64) (day int, margin float64) {
	local := jde - deltaT(jde) + 0.5 + 7.0/24 - julianOffset
	day = int(math.Floor(local))
	frac := local - float64(day)
	return day, math.Min(frac, 1-frac) * 24 * 60
}

func TestMeeusReferenceInstants(t *testing.T) {
	// Published instants (UTC), to check the transcription of the series.
	utc := func(s string) float64 {
		tm, err := time.Parse("2006-01-02 15:04", s)
		if err != nil {
			t.Fatal(err)
		}
		return float64(tm.Unix())/86400 + julianOffset - 0.5 // JD of 1970-01-01 00:00 UTC is 2440587.5
	}
	for _, tc := range []struct {
		name string
		jde  float64
		want string
	}{
		{"new moon 2007-02", meeusNewMoon(math.Round((utc("2007-02-17 16:14") - 2451550.1) / 29.530588861)), "2007-02-17 16:14"},
		{"new moon 2024-02", meeusNewMoon(math.Round((utc("2024-02-09 22:59") - 2451550.1) / 29.530588861)), "2024-02-09 22:59"},
		{"new moon 2023-01", meeusNewMoon(math.Round((utc("2023-01-21 20:53") - 2451550.1) / 29.530588861)), "2023-01-21 20:53"},
		{"solstice 2000", meeusDecemberSolstice(2000), "2000-12-21 13:37"},
		{"solstice 2020", meeusDecemberSolstice(2020), "2020-12-21 10:02"},
		{"solstice 2024", meeusDecemberSolstice(2024), "2024-12-21 09:20"},
	} {
		got := tc.jde - deltaT(tc.jde)
		if diff := math.Abs(got-utc(tc.want)) * 24 * 60; diff > 3 {
			t.Errorf("%s: off by %.1f min from %s UTC", tc.name, diff, tc.want)
		}
	}
}

// tetMeeus derives Tết of year y from the rule "month 11 contains the
// winter solstice; Tết begins two lunations after month 11" (no leap month
// 11 or 12 occurs in 1980–2030), with every event shifted by shift days.
func tetMeeus(y int, shift float64) int {
	solJDE := meeusDecemberSolstice(y-1) + shift
	sol, _ := localDay(solJDE)
	nm := func(k float64) int { d, _ := localDay(meeusNewMoon(k) + shift); return d }
	k := math.Floor((solJDE - 2451550.09766) / 29.530588861)
	for nm(k+1) <= sol {
		k++
	}
	for nm(k) > sol {
		k--
	}
	return nm(k + 2)
}

// TestTetIndependent re-derives each Tết of tetDates with Meeus' full
// series. To be robust against the residual error of the series and of
// ΔT (about a minute), every event is also shifted by ±10 minutes: the
// derived date must not change.
func TestTetIndependent(t *testing.T) {
	const tenMinutes = 10.0 / (24 * 60)
	for _, tc := range tetDates {
		want := dayNumber(Date{tc.year, tc.month, tc.day})
		for _, shift := range []float64{0, -tenMinutes, tenMinutes} {
			if got := tetMeeus(tc.year, shift); got != want {
				t.Errorf("Tết %d (events shifted %+.0f min): Meeus gives %s, table says %s",
					tc.year, shift*24*60, dateOfDay(got), dateOfDay(want))
			}
		}
	}
}
