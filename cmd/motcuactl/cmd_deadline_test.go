package main

import (
	"strings"
	"testing"
)

func TestDeadline(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string // full stdout
	}{
		{"R1 example", []string{"--received", "2023-10-27 09:32", "--time", "5", "--unit", "working-days"},
			"2023-11-03 17:00\n" +
				"limit: 5 working-days (office 07:00-11:30,13:30-17:00 cut-off 15:00)\n" +
				"received: 2023-10-27 09:32 Friday\n" +
				"calendar 2023: notice TB 5034/TB-LĐTBXH; CV 8056/VPCP-KGVX (01/12/2022)\n" +
				"rest days skipped: 2 (2 weekend days, 0 days off)\n"},
		{"Tết 2026", []string{"--received", "2026-02-13 10:00", "--time", "5", "--unit", "working-days"},
			"2026-02-27 17:00\n" +
				"limit: 5 working-days (office 07:00-11:30,13:30-17:00 cut-off 15:00)\n" +
				"received: 2026-02-13 10:00 Friday\n" +
				"calendar 2026: notice TB 9441/TB-BNV\n" +
				"rest days skipped: 9 (4 weekend days, 5 days off)\n" +
				"day off: 2026-02-16 Monday (Tết Nguyên đán)\n" +
				"day off: 2026-02-17 Tuesday (Tết Nguyên đán)\n" +
				"day off: 2026-02-18 Wednesday (Tết Nguyên đán)\n" +
				"day off: 2026-02-19 Thursday (Tết Nguyên đán)\n" +
				"day off: 2026-02-20 Friday (Tết Nguyên đán)\n"},
		{"make-up Saturday 2025", []string{"--unit", "working-days", "--time", "4", "--received", "2025-04-24 09:00"},
			"2025-04-29 17:00\n" +
				"limit: 4 working-days (office 07:00-11:30,13:30-17:00 cut-off 15:00)\n" +
				"received: 2025-04-24 09:00 Thursday\n" +
				"calendar 2025: notice TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)\n" +
				"rest days skipped: 1 (1 weekend days, 0 days off)\n" +
				"make-up working day counted: 2025-04-26 Saturday\n"},
		{"across a rule-derived year", []string{"--received", "2026-12-30 10:00", "--time", "3", "--unit", "working-days"},
			"2027-01-05 17:00\n" +
				"limit: 3 working-days (office 07:00-11:30,13:30-17:00 cut-off 15:00)\n" +
				"received: 2026-12-30 10:00 Wednesday\n" +
				"calendar 2026: notice TB 9441/TB-BNV\n" +
				"calendar 2027: rule-derived, no notice\n" +
				"rest days skipped: 3 (2 weekend days, 1 days off)\n" +
				"day off: 2027-01-01 Friday (Tết Dương lịch)\n"},
		{"hours", []string{"--received", "2023-11-06 10:00", "--time", "4", "--unit", "hours"},
			"2023-11-06 16:00\n" +
				"limit: 4 hours (office 07:00-11:30,13:30-17:00 cut-off 15:00)\n" +
				"received: 2023-11-06 10:00 Monday\n" +
				"calendar 2023: notice TB 5034/TB-LĐTBXH; CV 8056/VPCP-KGVX (01/12/2022)\n" +
				"rest days skipped: 0 (0 weekend days, 0 days off)\n"},
		{"custom office", []string{"--received", "2023-11-06 11:00", "--time", "1", "--unit", "hours", "--office", "07:30-11:30,13:00-17:00", "--cutoff", "16:00"},
			"2023-11-06 13:30\n" +
				"limit: 1 hours (office 07:30-11:30,13:00-17:00 cut-off 16:00)\n" +
				"received: 2023-11-06 11:00 Monday\n" +
				"calendar 2023: notice TB 5034/TB-LĐTBXH; CV 8056/VPCP-KGVX (01/12/2022)\n" +
				"rest days skipped: 0 (0 weekend days, 0 days off)\n"},
		{"none", []string{"--received", "2023-11-06 10:00", "--unit", "none"},
			"none\nlimit: none (no statutory time limit; no appointment)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := calRun(t, append([]string{"deadline"}, tc.args...)...)
			if code != 0 || out != tc.want {
				t.Fatalf("exit %d, stderr %q, stdout:\n%s\nwant:\n%s", code, errOut, out, tc.want)
			}
		})
	}
}

// The first line is the contract; check it for each unit.
func TestDeadlineFirstLine(t *testing.T) {
	for _, tc := range []struct {
		received, time, unit, want string
	}{
		{"2026-02-13 10:00", "3", "days", "2026-02-23 17:00"},
		{"2026-03-30 10:00", "1", "months", "2026-05-04 17:00"},
		{"2026-11-23 15:30", "0", "same-day", "2026-11-25 17:00"},
		{"2026-08-28 10:00", "1", "working-days", "2026-09-03 17:00"},
		{"2023-11-06 09:32", "0.5", "working-days", "2023-11-06 15:32"},
	} {
		out, errOut, code := calRun(t, "deadline", "--received", tc.received, "--time", tc.time, "--unit", tc.unit)
		first, _, _ := strings.Cut(out, "\n")
		if code != 0 || first != tc.want {
			t.Errorf("%s + %s %s: %q (exit %d, %q), want %q", tc.received, tc.time, tc.unit, first, code, errOut, tc.want)
		}
	}
}

func TestDeadlineErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--time", "5", "--unit", "working-days"}, 2, "usage: deadline"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "5"}, 2, "usage: deadline"},
		{[]string{"--received", "06/11/2023 10:00", "--time", "5", "--unit", "days"}, 2, `--received "06/11/2023 10:00"`},
		{[]string{"--received", "2023-11-06 10:00", "--time", "5", "--unit", "weeks"}, 2, `unit: "weeks"`},
		{[]string{"--received", "2023-11-06 10:00", "--time", "1.5", "--unit", "days"}, 2, "must be a whole number"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "0", "--unit", "working-days"}, 2, "must be positive"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "x", "--unit", "days"}, 2, "invalid value"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "1", "--unit", "days", "--office", "13:00-12:00"}, 2, "ends before it starts"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "1", "--unit", "days", "--cutoff", "18:00"}, 2, "cutoff: 18:00 is outside office hours"},
		{[]string{"--received", "2023-11-06 10:00", "--time", "1", "--unit", "days", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"--received", "2013-11-06 10:00", "--time", "1", "--unit", "days"}, 1, "outside the supported range"},
	} {
		out, errOut, code := calRun(t, append([]string{"deadline"}, tc.args...)...)
		if code != tc.code || out != "" || !strings.Contains(errOut, tc.msg) || !strings.HasPrefix(errOut, "motcuactl deadline: ") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.msg)
		}
	}
}
