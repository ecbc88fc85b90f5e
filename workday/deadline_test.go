package workday

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func ts(t testing.TB, s string) time.Time {
	t.Helper()
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02 15:04:05"} {
		if v, err := time.ParseInLocation(layout, s, Zone); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

const tsLayout = "2006-01-02 15:04"

// appointmentCases are the worked examples: domain.md §6.4 (R1), and
// receipts around the 2023, 2025 and 2026 days off of domain.md §6.2.
var appointmentCases = []struct {
	name     string
	received string
	limit    Limit
	want     string // "" = no deadline
}{
	// Working days: counted from the next working day, due at closing.
	{"R1 example (domain.md §6.4)", "2023-10-27 09:32", Limit{5, WorkingDays}, "2023-11-03 17:00"},
	{"receipt minute does not matter", "2023-10-27 16:59", Limit{5, WorkingDays}, "2023-11-03 17:00"},
	{"after closing counts from next day", "2023-10-27 17:00", Limit{5, WorkingDays}, "2023-11-06 17:00"},
	{"rest-day receipt", "2023-10-28 10:00", Limit{5, WorkingDays}, "2023-11-06 17:00"},
	{"Tết 2023", "2023-01-19 10:00", Limit{2, WorkingDays}, "2023-01-30 17:00"},
	{"2/9/2023 on Saturday, 4/9 made up", "2023-08-31 10:00", Limit{1, WorkingDays}, "2023-09-05 17:00"},
	{"Giỗ Tổ 29/4/2023 Sat, off to 3/5", "2023-04-28 10:00", Limit{1, WorkingDays}, "2023-05-04 17:00"},
	{"Tết 2026", "2026-02-13 10:00", Limit{5, WorkingDays}, "2026-02-27 17:00"},
	{"Tết 2026, 1 day", "2026-02-13 10:00", Limit{1, WorkingDays}, "2026-02-23 17:00"},
	{"make-up Saturday 26/4/2025 counts", "2025-04-25 09:00", Limit{1, WorkingDays}, "2025-04-26 17:00"},
	{"30/4–2/5/2025 off (2/5 swapped)", "2025-04-25 09:00", Limit{4, WorkingDays}, "2025-05-05 17:00"},
	{"received on the make-up Saturday", "2025-04-26 08:00", Limit{1, WorkingDays}, "2025-04-28 17:00"},
	{"make-up Saturday 10/1/2026 counts", "2026-01-09 10:00", Limit{1, WorkingDays}, "2026-01-10 17:00"},
	{"1–2/1/2026 off", "2025-12-31 10:00", Limit{1, WorkingDays}, "2026-01-05 17:00"},
	{"make-up Saturday 22/8/2026 counts", "2026-08-21 14:00", Limit{1, WorkingDays}, "2026-08-22 17:00"},
	{"31/8 swapped, 1–2/9/2026 off", "2026-08-28 10:00", Limit{1, WorkingDays}, "2026-09-03 17:00"},
	{"24/11/2026 off", "2026-11-23 10:00", Limit{1, WorkingDays}, "2026-11-25 17:00"},
	{"Giỗ Tổ 2026 on Sunday → 27/4 off", "2026-04-24 10:00", Limit{1, WorkingDays}, "2026-04-28 17:00"},
	{"across years", "2026-12-30 10:00", Limit{3, WorkingDays}, "2027-01-05 17:00"},
	// Fractions of a working day are office time (8 h a day by default).
	{"half a day = 4 office hours", "2023-11-06 09:32", Limit{0.5, WorkingDays}, "2023-11-06 15:32"},
	{"2.5 days", "2023-11-06 09:32", Limit{2.5, WorkingDays}, "2023-11-09 11:00"},
	// Calendar days: from the next day; an end on a rest day moves on.
	{"days", "2023-10-27 09:32", Limit{5, Days}, "2023-11-01 17:00"},
	{"days ending on Saturday", "2023-10-27 09:32", Limit{8, Days}, "2023-11-06 17:00"},
	{"days ending in Tết 2026", "2026-02-13 10:00", Limit{3, Days}, "2026-02-23 17:00"},
	{"days ending on 24/11/2026", "2026-11-13 10:00", Limit{11, Days}, "2026-11-25 17:00"},
	{"days ending on make-up Saturday", "2025-04-16 10:00", Limit{10, Days}, "2025-04-26 17:00"},
	{"days from a rest day", "2023-10-28 10:00", Limit{1, Days}, "2023-10-31 17:00"},
	// Months: same day of month, clamped; rest day moves on.
	{"month", "2025-03-14 10:00", Limit{1, Months}, "2025-04-14 17:00"},
	{"month clamp 31/1 → 28/2", "2023-01-31 10:00", Limit{1, Months}, "2023-02-28 17:00"},
	{"month from a Tết day off", "2025-01-31 10:00", Limit{1, Months}, "2025-03-03 17:00"},
	{"month clamp leap year", "2024-01-31 10:00", Limit{1, Months}, "2024-02-29 17:00"},
	{"month ending on 30/4/2026", "2026-03-30 10:00", Limit{1, Months}, "2026-05-04 17:00"},
	{"month ending in Tết 2026", "2026-01-17 10:00", Limit{1, Months}, "2026-02-23 17:00"},
	{"12 months", "2025-02-28 10:00", Limit{12, Months}, "2026-03-02 17:00"},
	// Hours inside the windows 07:00–11:30, 13:30–17:00.
	{"hours jump lunch", "2023-11-06 10:00", Limit{4, Hours}, "2023-11-06 16:00"},
	{"hours roll to next day", "2023-11-06 10:00", Limit{8, Hours}, "2023-11-07 10:00"},
	{"hours end at a window end", "2023-11-06 09:30", Limit{2, Hours}, "2023-11-06 11:30"},
	{"hours from lunch break", "2023-11-06 12:00", Limit{1, Hours}, "2023-11-06 14:30"},
	{"hours before opening", "2023-11-06 06:00", Limit{1, Hours}, "2023-11-06 08:00"},
	{"hours after closing", "2023-11-06 18:00", Limit{1, Hours}, "2023-11-07 08:00"},
	{"hours over Tết 2026", "2026-02-13 16:00", Limit{8, Hours}, "2026-02-23 16:00"},
	{"hours on the make-up Saturday", "2026-01-10 16:00", Limit{2, Hours}, "2026-01-12 08:00"},
	{"fractional hours", "2023-11-06 10:00", Limit{1.5, Hours}, "2023-11-06 11:30"},
	{"seconds are dropped", "2023-11-06 10:00:59", Limit{0.1, Hours}, "2023-11-06 10:06"},
	// Same day with the 15:00 cut-off.
	{"same day", "2023-11-06 14:59", Limit{0, SameDay}, "2023-11-06 17:00"},
	{"same day at 15:00", "2023-11-06 15:00:59", Limit{0, SameDay}, "2023-11-06 17:00"},
	{"same day after 15:00", "2023-11-06 15:01", Limit{0, SameDay}, "2023-11-07 17:00"},
	{"same day Friday before Tết 2026", "2026-02-13 15:30", Limit{0, SameDay}, "2026-02-23 17:00"},
	{"same day in lunch break", "2023-11-06 12:00", Limit{0, SameDay}, "2023-11-06 17:00"},
	{"same day on a rest day", "2023-11-04 09:00", Limit{0, SameDay}, "2023-11-06 17:00"},
	{"same day before 24/11/2026", "2026-11-23 15:30", Limit{0, SameDay}, "2026-11-25 17:00"},
	// No statutory time limit.
	{"no deadline", "2023-11-06 10:00", Limit{0, NoLimit}, ""},
}

func TestAppointment(t *testing.T) {
	for _, tc := range appointmentCases {
		t.Run(tc.name, func(t *testing.T) {
			due, ok, err := Default().Appointment(ts(t, tc.received), tc.limit, Office{})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if ok || !due.IsZero() {
					t.Fatalf("got %v, %v; want no deadline", due, ok)
				}
				return
			}
			if !ok || due.Format(tsLayout) != tc.want || due.Location() != Zone {
				t.Fatalf("received %s + %s = %s (%v, ok %v), want %s", tc.received, tc.limit, due.Format(tsLayout), due.Location(), ok, tc.want)
			}
		})
	}
}

func TestAppointmentOtherZone(t *testing.T) {
	// 02:32 UTC is 09:32 in Vietnam.
	r := time.Date(2023, 10, 27, 2, 32, 0, 0, time.UTC)
	due, _, err := Default().Appointment(r, Limit{5, WorkingDays}, Office{})
	if err != nil || due.Format(tsLayout) != "2023-11-03 17:00" {
		t.Fatalf("%v %v", due, err)
	}
}

func TestAppointmentCustomOffice(t *testing.T) {
	o := Office{Windows: []Window{{7*60 + 30, 11*60 + 30}, {13 * 60, 17 * 60}}, Cutoff: 16 * 60}
	for _, tc := range []struct {
		received string
		limit    Limit
		want     string
	}{
		{"2023-11-06 09:32", Limit{5, WorkingDays}, "2023-11-13 17:00"},
		{"2023-11-06 11:00", Limit{1, Hours}, "2023-11-06 13:30"},
		{"2023-11-06 15:30", Limit{0, SameDay}, "2023-11-06 17:00"},
		{"2023-11-06 16:01", Limit{0, SameDay}, "2023-11-07 17:00"},
		{"2023-11-06 07:00", Limit{0.5, WorkingDays}, "2023-11-06 11:30"},
	} {
		due, _, err := Default().Appointment(ts(t, tc.received), tc.limit, o)
		if err != nil || due.Format(tsLayout) != tc.want {
			t.Errorf("%s + %s = %s, %v; want %s", tc.received, tc.limit, due.Format(tsLayout), err, tc.want)
		}
	}
}

func TestRestart(t *testing.T) {
	// Decree 118 art. 19.5: the full limit counts again from the complete
	// dossier. Supplement completed Mon 28/4/2025 10:00, 5 working days:
	// 29/4, (30/4–4/5 off), 5, 6, 7, 8/5.
	due, ok, err := Default().Restart(ts(t, "2025-04-28 10:00"), Limit{5, WorkingDays}, Office{})
	if err != nil || !ok || due.Format(tsLayout) != "2025-05-08 17:00" {
		t.Fatalf("%v %v %v", due, ok, err)
	}
	orig, _, _ := Default().Appointment(ts(t, "2025-04-21 10:00"), Limit{5, WorkingDays}, Office{})
	if !due.After(orig) {
		t.Fatalf("restart %v not after the original due %v", due, orig)
	}
}

func TestTransferDue(t *testing.T) {
	for _, tc := range []struct{ received, want string }{
		{"2023-11-06 09:00", "2023-11-06 17:00"},
		{"2023-11-06 15:00", "2023-11-06 17:00"},
		{"2023-11-06 15:00:59", "2023-11-06 17:00"},
		{"2023-11-06 15:01", "2023-11-07 07:00"},
		{"2023-11-06 06:30", "2023-11-06 17:00"},
		{"2023-11-06 18:00", "2023-11-07 07:00"},
		{"2026-02-13 15:30", "2026-02-23 07:00"}, // Friday before Tết 2026
		{"2026-01-10 09:00", "2026-01-10 17:00"}, // make-up Saturday
		{"2026-01-11 09:00", "2026-01-12 07:00"}, // Sunday
		{"2026-11-23 16:00", "2026-11-25 07:00"}, // 24/11 off
	} {
		got, err := Default().TransferDue(ts(t, tc.received), Office{})
		if err != nil || got.Format(tsLayout) != tc.want {
			t.Errorf("TransferDue(%s) = %s, %v; want %s", tc.received, got.Format(tsLayout), err, tc.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     int
	}{
		{"2023-11-03 17:00", "2023-11-06 10:00", 1},
		{"2023-11-03 17:00", "2023-11-03 17:30", 0},
		{"2023-11-06 10:00", "2023-11-03 17:00", -1},
		{"2026-02-13 17:00", "2026-02-23 08:00", 1},
		{"2026-01-09 17:00", "2026-01-12 08:00", 2}, // make-up Saturday 10/1 counts
		{"2023-10-27 09:32", "2023-11-03 17:00", 5},
	} {
		got, err := Default().WorkingDaysBetween(ts(t, tc.from), ts(t, tc.to))
		if err != nil || got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, %v; want %d", tc.from, tc.to, got, err, tc.want)
		}
	}
	if _, err := Default().WorkingDaysBetween(ts(t, "2199-12-30 10:00"), ts(t, "2200-01-02 10:00")); !errors.Is(err, ErrOutOfRange) {
		t.Fatalf("beyond MaxYear: %v", err)
	}
}

func TestNextWorkingDay(t *testing.T) {
	for _, tc := range []struct{ d, want string }{
		{"2026-02-13", "2026-02-23"},
		{"2026-01-09", "2026-01-10"},
		{"2025-12-31", "2026-01-05"},
	} {
		got, err := Default().NextWorkingDay(mustDate(t, tc.d))
		if err != nil || got.String() != tc.want {
			t.Errorf("NextWorkingDay(%s) = %s, %v; want %s", tc.d, got, err, tc.want)
		}
	}
	if _, err := Default().NextWorkingDay(Date{2026, 2, 30}); err == nil {
		t.Error("NextWorkingDay accepted 2026-02-30")
	}
}

func TestLimitValidate(t *testing.T) {
	for _, tc := range []struct {
		l    Limit
		want string // "" = valid
	}{
		{Limit{5, WorkingDays}, ""},
		{Limit{0.5, WorkingDays}, ""},
		{Limit{30, Days}, ""},
		{Limit{0.25, Hours}, ""},
		{Limit{3, Months}, ""},
		{Limit{0, SameDay}, ""},
		{Limit{0, NoLimit}, ""},
		{Limit{0, WorkingDays}, "must be positive"},
		{Limit{-1, Days}, "must be positive"},
		{Limit{1.5, Days}, "must be a whole number"},
		{Limit{0.5, Months}, "must be a whole number"},
		{Limit{0.01, Hours}, "less than one minute"},
		{Limit{1, SameDay}, "takes no value"},
		{Limit{2, NoLimit}, "takes no value"},
		{Limit{5, "weeks"}, `unit: "weeks": want working-days`},
		{Limit{5, ""}, `unit: "": want`},
		{Limit{math.NaN(), WorkingDays}, "not a number"},
		{Limit{math.Inf(1), Hours}, "not a number"},
		{Limit{1e6, WorkingDays}, "more than the supported 2600"},
		{Limit{121, Months}, "more than the supported 120"},
	} {
		err := tc.l.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: %v, want %q", tc.l, err, tc.want)
		}
		if tc.want != "" {
			if _, _, err := Default().Appointment(ts(t, "2023-11-06 10:00"), tc.l, Office{}); err == nil {
				t.Errorf("Appointment accepted %+v", tc.l)
			}
		}
	}
}

func TestOfficeValidate(t *testing.T) {
	w := func(s string) []Window {
		ws, err := ParseWindows(s)
		if err != nil {
			t.Fatal(err)
		}
		return ws
	}
	for _, tc := range []struct {
		o    Office
		want string
	}{
		{DefaultOffice(), ""},
		{Office{Windows: w("08:00-12:00"), Cutoff: 11 * 60}, ""},
		{Office{Windows: w("00:00-24:00"), Cutoff: 15 * 60}, ""},
		{Office{Cutoff: 15 * 60}, "windows: none"},
		{Office{Windows: w("13:30-12:00"), Cutoff: 12 * 60}, "windows[0]: 13:30-12:00 ends before it starts"},
		{Office{Windows: w("07:00-11:30,11:00-17:00"), Cutoff: 15 * 60}, "windows[1]: 11:00-17:00 starts before window 07:00-11:30 ends"},
		{Office{Windows: w("13:30-17:00,07:00-11:30"), Cutoff: 15 * 60}, "windows[1]"},
		{Office{Windows: w("07:00-11:30,13:30-17:00"), Cutoff: 18 * 60}, "cutoff: 18:00 is outside office hours 07:00–17:00"},
		{Office{Windows: w("07:00-11:30,13:30-17:00")}, "cutoff: 00:00 is outside"},
		{Office{Windows: []Window{{-5, 60}}, Cutoff: 30}, "outside 00:00–24:00"},
	} {
		err := tc.o.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%+v: %v, want %q", tc.o, err, tc.want)
		}
		if tc.want != "" {
			if _, _, err := Default().Appointment(ts(t, "2023-11-06 10:00"), Limit{1, Hours}, tc.o); err == nil {
				t.Errorf("Appointment accepted office %+v", tc.o)
			}
			if _, err := Default().TransferDue(ts(t, "2023-11-06 10:00"), tc.o); err == nil {
				t.Errorf("TransferDue accepted office %+v", tc.o)
			}
		}
	}
	if got := DefaultOffice().String(); got != "07:00-11:30,13:30-17:00 cut-off 15:00" {
		t.Errorf("DefaultOffice().String() = %q", got)
	}
}

func TestParseWindowsAndClock(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"07:00-11:30,13:30-17:00", ""},
		{" 07:00-11:30 , 13:30-17:00 ", ""},
		{"", "empty"},
		{"07:00", "want HH:MM-HH:MM"},
		{"7:00-11:30", "want HH:MM"},
		{"07:00-25:00", "does not exist"},
		{"07:60-11:00", "does not exist"},
		{"24:01-24:02", "does not exist"},
	} {
		_, err := ParseWindows(tc.in)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("ParseWindows(%q): %v, want %q", tc.in, err, tc.want)
		}
	}
	c, err := ParseClock("24:00")
	if err != nil || c != 1440 || c.String() != "24:00" {
		t.Errorf("ParseClock(24:00) = %v, %v", c, err)
	}
	var o Office
	if err := o.Cutoff.UnmarshalText([]byte("15:00")); err != nil || o.Cutoff != 900 {
		t.Errorf("UnmarshalText: %v %v", o.Cutoff, err)
	}
}

func FuzzParseWindows(f *testing.F) {
	for _, s := range []string{"07:00-11:30,13:30-17:00", "", "07:00", "24:00-24:00", "00:00-24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws, err := ParseWindows(s)
		if err != nil {
			return
		}
		for _, w := range ws {
			if w.Start < 0 || w.Start > 1440 || w.End < 0 || w.End > 1440 {
				t.Fatalf("%q gave out-of-range window %v", s, w)
			}
			back, err := ParseClock(w.Start.String())
			if err != nil || back != w.Start {
				t.Fatalf("clock round trip %v: %v %v", w.Start, back, err)
			}
		}
	})
}

// checkInvariants verifies what holds for every appointment: not before
// receipt, on a working day, inside the office windows (or at a window's
// end), and for whole working days exactly N working days after the
// normalised receipt day.
func checkInvariants(t *testing.T, c *Calendar, received time.Time, l Limit, o Office, due time.Time) {
	t.Helper()
	if due.Before(received) {
		t.Fatalf("%s + %s = %s: before receipt", received, l, due)
	}
	w, err := c.IsWorkingDay(DateOf(due))
	if err != nil || !w {
		t.Fatalf("%s + %s = %s: not a working day", received, l, due)
	}
	m := due.Hour()*60 + due.Minute()
	inside := false
	for _, win := range o.orDefault().Windows {
		if m > int(win.Start) && m <= int(win.End) {
			inside = true
		}
	}
	if !inside || due.Second() != 0 || due.Nanosecond() != 0 {
		t.Fatalf("%s + %s = %s: outside office time", received, l, due)
	}
	if l.Unit == WorkingDays && l.Value == math.Trunc(l.Value) {
		p, _ := c.normalise(received, o.orDefault())
		n, _ := c.WorkingDaysBetween(p.time(), due)
		if n != int(l.Value) {
			t.Fatalf("%s + %s = %s: %d working days apart", received, l, due, n)
		}
	}
}

// TestAppointmentProperties checks, on receipts drawn with a fixed seed
// over 2021–2027 (every minute of the day, rest days included), that the
// appointment is never before receipt, never on a rest day, and never
// decreases when the limit grows.
func TestAppointmentProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 2026))
	c := Default()
	start := ts(t, "2021-01-01 00:00")
	span := int64(ts(t, "2027-12-31 23:59").Sub(start) / time.Minute)
	offices := []Office{{}, {Windows: []Window{{8 * 60, 12 * 60}, {13 * 60, 16*60 + 30}}, Cutoff: 14 * 60}}
	steps := map[Unit][]float64{
		WorkingDays: {0.25, 0.5, 1, 1.5, 2, 3, 5, 7, 10, 12.5, 15, 20, 30, 45, 60},
		Days:        {1, 2, 3, 5, 7, 10, 15, 20, 30, 45, 60, 90},
		Hours:       {0.5, 1, 2, 4, 4.5, 8, 12, 16, 24, 40, 80},
		Months:      {1, 2, 3, 6, 12, 24},
	}
	for i := 0; i < 3000; i++ {
		received := start.Add(time.Duration(rng.Int64N(span)) * time.Minute)
		o := offices[i%len(offices)]
		for unit, values := range steps {
			prev := time.Time{}
			for _, v := range values {
				l := Limit{v, unit}
				due, ok, err := c.Appointment(received, l, o)
				if err != nil || !ok {
					t.Fatalf("%s + %s: %v %v", received, l, ok, err)
				}
				checkInvariants(t, c, received, l, o, due)
				if due.Before(prev) {
					t.Fatalf("%s: %s gives %s, earlier than the previous smaller limit (%s)", received, l, due, prev)
				}
				prev = due
			}
		}
		same, _, err := c.Appointment(received, Limit{0, SameDay}, o)
		if err != nil {
			t.Fatal(err)
		}
		checkInvariants(t, c, received, Limit{0, SameDay}, o, same)
		one, _, _ := c.Appointment(received, Limit{1, WorkingDays}, o)
		if same.After(one) {
			t.Fatalf("%s: same-day %s after 1 working day %s", received, same, one)
		}
		tr, err := c.TransferDue(received, o)
		if err != nil || tr.Before(received) || tr.After(one) {
			t.Fatalf("%s: transfer due %s (1 working day: %s) %v", received, tr, one, err)
		}
	}
}

func FuzzAppointment(f *testing.F) {
	units := []Unit{WorkingDays, Days, Hours, Months, SameDay, NoLimit}
	for _, tc := range appointmentCases {
		r, _ := time.ParseInLocation(tsLayout, tc.received[:16], Zone)
		for i, u := range units {
			if u == tc.limit.Unit {
				f.Add(r.Unix(), tc.limit.Value, uint8(i))
			}
		}
	}
	f.Fuzz(func(t *testing.T, unix int64, v float64, u uint8) {
		l := Limit{v, units[int(u)%len(units)]}
		received := time.Unix(unix, 0)
		due, ok, err := Default().Appointment(received, l, Office{})
		if err != nil {
			if l.Validate() == nil && received.Year() > MinYear && received.Year() < MaxYear-20 {
				t.Fatalf("%s + %s: %v", received, l, err)
			}
			return
		}
		if !ok {
			if l.Unit != NoLimit {
				t.Fatalf("%s + %s: no deadline", received, l)
			}
			return
		}
		checkInvariants(t, Default(), received, l, Office{}, due)
	})
}

// A Calendar is safe for concurrent use (run with -race).
func TestCalendarConcurrent(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := Default().Appointment(ts(t, "2026-02-13 10:00"), Limit{5, WorkingDays}, Office{})
	done := make(chan time.Time)
	for i := 0; i < 8; i++ {
		go func() {
			for y := 2030; y < 2040; y++ { // years built concurrently
				c.IsWorkingDay(Date{y, 1, 1})
			}
			due, _, _ := c.Appointment(ts(t, "2026-02-13 10:00"), Limit{5, WorkingDays}, Office{})
			done <- due
		}()
	}
	for i := 0; i < 8; i++ {
		if got := <-done; !got.Equal(want) {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}
