package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// calRun runs motcuactl with args and returns stdout, stderr and the exit
// code. --db points nowhere: these commands must not touch a database.
func calRun(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"--db", filepath.Join(t.TempDir(), "absent", "none.db")}, args...), strings.NewReader(""), &out, &errb)
	return out.String(), errb.String(), code
}

func TestCalendarLunar(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		code     int
	}{
		{"2026-02-17", "2026-01-01\n", 0}, // Tết Bính Ngọ
		{"1985-01-21", "1985-01-01\n", 0}, // Tết 1985 in Vietnam (China: 20/02)
		{"2007-02-17", "2007-01-01\n", 0}, // Tết 2007 in Vietnam (China: 18/02)
		{"2023-03-22", "2023-02-01 leap\n", 0},
		{"2025-07-25", "2025-06-01 leap\n", 0},
		{"2024-02-09", "2023-12-30\n", 0},
		{"2026-04-26", "2026-03-10\n", 0}, // Giỗ Tổ 2026
		{"2026-02-30", "", 2},
		{"17/02/2026", "", 2},
		{"1850-01-01", "", 1},
	} {
		out, errOut, code := calRun(t, "calendar", "lunar", tc.in)
		if out != tc.want || code != tc.code {
			t.Errorf("calendar lunar %s: %q (exit %d, stderr %q), want %q exit %d", tc.in, out, code, errOut, tc.want, tc.code)
		}
		if tc.code != 0 && !strings.HasPrefix(errOut, "motcuactl calendar: ") {
			t.Errorf("calendar lunar %s: stderr %q", tc.in, errOut)
		}
	}
	if _, _, code := calRun(t, "calendar", "lunar"); code != 2 {
		t.Errorf("missing date: exit %d", code)
	}
}

func TestCalendarSolar(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"2026-03-10"}, "2026-04-26\n", 0},
		{[]string{"2023-02-01", "--leap"}, "2023-03-22\n", 0},
		{[]string{"2023-02-30"}, "2023-03-21\n", 0},
		{[]string{"2024-02-01", "--leap"}, "", 1},
		{[]string{"2021-12-30"}, "", 1},
		{[]string{"2026-3-10"}, "", 2},
	} {
		out, errOut, code := calRun(t, append([]string{"calendar", "solar"}, tc.args...)...)
		if out != tc.want || code != tc.code {
			t.Errorf("calendar solar %v: %q (exit %d, stderr %q), want %q exit %d", tc.args, out, code, errOut, tc.want, tc.code)
		}
	}
}

const daysOff2026 = `2026-01-01	Tết Dương lịch — TB 9441/TB-BNV
2026-01-02	Nghỉ hoán đổi dịp Tết Dương lịch (làm bù thứ Bảy 10/01/2026) — CV 12729/VPCP-KGVX (25/12/2025)
2026-01-10	làm bù (ngày làm việc): Làm bù cho thứ Sáu 02/01/2026 — CV 12729/VPCP-KGVX (25/12/2025)
2026-02-16	Tết Nguyên đán — CV 8764/BNV-CVL; CV 9859/VPCP-KGVX
2026-02-17	Tết Nguyên đán — CV 8764/BNV-CVL; CV 9859/VPCP-KGVX
2026-02-18	Tết Nguyên đán — CV 8764/BNV-CVL; CV 9859/VPCP-KGVX
2026-02-19	Tết Nguyên đán — CV 8764/BNV-CVL; CV 9859/VPCP-KGVX
2026-02-20	Tết Nguyên đán — CV 8764/BNV-CVL; CV 9859/VPCP-KGVX
2026-04-27	Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04) — CV 3383/BNV-CVL
2026-04-30	Ngày Chiến thắng (30/4) — CV 3383/BNV-CVL
2026-05-01	Ngày Quốc tế Lao động (1/5) — CV 3383/BNV-CVL
2026-08-22	làm bù (ngày làm việc): Làm bù cho thứ Hai 31/08/2026 — TB 9441/TB-BNV
2026-08-31	Nghỉ hoán đổi dịp Quốc khánh (làm bù thứ Bảy 22/08/2026) — TB 9441/TB-BNV
2026-09-01	Quốc khánh (ngày liền kề) — TB 9441/TB-BNV
2026-09-02	Quốc khánh (2/9) — TB 9441/TB-BNV
2026-11-24	Ngày Văn hóa Việt Nam (24/11) — Nghị quyết 28/2026/QH16 (số hiệu chưa xác nhận)
`

const daysOff2025 = `2025-01-01	Tết Dương lịch — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-01-27	Tết Nguyên đán — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-01-28	Tết Nguyên đán — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-01-29	Tết Nguyên đán — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-01-30	Tết Nguyên đán — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-01-31	Tết Nguyên đán — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-04-07	Giỗ Tổ Hùng Vương (10/3 âm lịch) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-04-26	làm bù (ngày làm việc): Làm bù cho thứ Sáu 02/05/2025 — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-04-30	Ngày Chiến thắng (30/4) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-05-01	Ngày Quốc tế Lao động (1/5) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-05-02	Nghỉ hoán đổi dịp 30/4–1/5 (làm bù thứ Bảy 26/04/2025) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-09-01	Quốc khánh (ngày liền kề) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
2025-09-02	Quốc khánh (2/9) — TB 6150/TB-BLĐTBXH; CV 8726/VPCP-KGVX (26/11/2024)
`

func TestCalendarDaysOff(t *testing.T) {
	for _, tc := range []struct{ year, want string }{{"2026", daysOff2026}, {"2025", daysOff2025}} {
		out, errOut, code := calRun(t, "calendar", "days-off", tc.year)
		if code != 0 || out != tc.want {
			t.Errorf("days-off %s (exit %d, stderr %q):\n%s\nwant:\n%s", tc.year, code, errOut, out, tc.want)
		}
	}
	// A year without a notice is marked rule-derived on every line.
	out, _, code := calRun(t, "calendar", "days-off", "2027")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != 12 || lines[0] != "2027-01-01\tTết Dương lịch — Bộ luật Lao động 2019, điều 111–112 (tính theo quy tắc, không có thông báo)" {
		t.Fatalf("days-off 2027 (exit %d):\n%s", code, out)
	}
	for _, l := range lines {
		if !strings.Contains(l, "không có thông báo") {
			t.Errorf("2027 line not marked rule-derived: %q", l)
		}
	}
	for _, args := range [][]string{{"calendar", "days-off"}, {"calendar", "days-off", "26"}, {"calendar", "days-off", "2026", "2027"}, {"calendar", "days-off", "2026", "--bogus"}} {
		if _, _, code := calRun(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, errOut, code := calRun(t, "calendar", "days-off", "2013"); code != 1 || !strings.Contains(errOut, "outside the supported range") {
		t.Errorf("days-off 2013: exit %d %q", code, errOut)
	}
}

func TestCalendarExportCheckAndOverride(t *testing.T) {
	dir := t.TempDir()
	out, _, code := calRun(t, "calendar", "export", "2026")
	if code != 0 || !strings.HasPrefix(out, "{\n  \"year\": 2026,\n  \"source\": \"TB 9441/TB-BNV\",") {
		t.Fatalf("export (exit %d):\n%s", code, out)
	}
	// Edit the export: drop the 31/08 swap and its make-up Saturday.
	var kept []string
	skip := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, `"date": "2026-08-22"`) || strings.Contains(l, `"date": "2026-08-31"`) {
			skip = 4 // this line and the kind, reason, closing lines
			kept = kept[:len(kept)-1]
		}
		if skip > 0 {
			skip--
			if skip == 0 && !strings.HasPrefix(strings.TrimSpace(l), "}") {
				t.Fatalf("unexpected export layout near %q", l)
			}
			continue
		}
		kept = append(kept, l)
	}
	edited := strings.Replace(strings.Join(kept, "\n"), `"source": "TB 9441/TB-BNV"`, `"source": "Quyết định 1/QĐ-UBND (thử)"`, 1)
	file := filepath.Join(dir, "2026.json")
	if err := os.WriteFile(file, []byte(edited), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := calRun(t, "calendar", "check", file); code != 0 || out != "ok: 2026 (Quyết định 1/QĐ-UBND (thử)): 13 weekdays off, 1 make-up working days\n" {
		t.Fatalf("check (exit %d, stderr %q): %q\n%s", code, errOut, out, edited)
	}
	out, _, _ = calRun(t, "calendar", "days-off", "2026", "--table", file)
	if strings.Contains(out, "2026-08-31") || strings.Contains(out, "2026-08-22") || !strings.Contains(out, "2026-09-01\tQuốc khánh (ngày liền kề) — Quyết định 1/QĐ-UBND (thử)\n") {
		t.Fatalf("days-off with override:\n%s", out)
	}
	// The deadline command uses the override too: 31/08 is now a working day.
	out, _, _ = calRun(t, "deadline", "--received", "2026-08-28 10:00", "--time", "1", "--unit", "working-days", "--table", file)
	if !strings.HasPrefix(out, "2026-08-31 17:00\n") || !strings.Contains(out, "calendar 2026: admin table (Quyết định 1/QĐ-UBND (thử))\n") {
		t.Fatalf("deadline with override:\n%s", out)
	}

	// An invalid table is rejected with every problem named.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"year":2026,"source":"x","days":[{"date":"2026-01-03","kind":"off","reason":"a"},{"date":"2026-01-05","kind":"work","reason":"b"}]}`), 0o600)
	out, errOut, code := calRun(t, "calendar", "check", bad)
	if code != 1 || out != "" ||
		!strings.Contains(errOut, "days[0]: 2026-01-03 is a Saturday, already a rest day") ||
		!strings.Contains(errOut, "days[1]: 2026-01-05 is a Monday, already a working day") ||
		!strings.Contains(errOut, "2026-01-01 (Tết Dương lịch) is a Thursday and must be listed as off") {
		t.Fatalf("check bad (exit %d): %q %q", code, out, errOut)
	}
	if _, errOut, code := calRun(t, "calendar", "days-off", "2026", "--table", bad); code != 1 || !strings.Contains(errOut, "bad.json") {
		t.Fatalf("days-off with bad table: exit %d %q", code, errOut)
	}
	if _, _, code := calRun(t, "calendar", "check", filepath.Join(dir, "missing.json")); code != 1 {
		t.Fatalf("check missing file: exit %d", code)
	}
	if _, _, code := calRun(t, "calendar", "nope"); code != 2 {
		t.Fatalf("unknown subcommand: exit %d", code)
	}
}
