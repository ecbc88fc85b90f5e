package supervisor

import (
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/dossier"
	"motcua/report"
	"motcua/ui/intake/kit"
)

// TestBarChart_Tap: a tap on a bar or on its number in the row text
// drills down that bar; a tap elsewhere does nothing.
func TestBarChart_Tap(t *testing.T) {
	test.NewTempApp(t)
	c := NewBarChart(kit.NewKeys())
	var got []string
	c.OnDrill = func(title string, cell report.Cell) { got = append(got, title+" "+num(cell.N())) }
	c.SetRows([]ChartRow{
		{Label: "Trực tiếp", Bars: []Bar{{Name: "tiếp nhận", Cell: report.Cell{IDs: []uint64{1, 2, 3}}}, {Name: "từ chối", Cell: report.Cell{IDs: []uint64{4}}, series: seriesRefused}}},
		{Label: "Trực tuyến", Bars: []Bar{{Name: "tiếp nhận", Cell: report.Cell{IDs: []uint64{5}}}}},
		{Label: "Khác (9)", Bars: []Bar{{Name: "tiếp nhận", Cell: report.Cell{IDs: []uint64{6, 7, 8, 9, 10, 11, 12, 13, 14}}}}, TextOnly: true},
	})
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(800, 200))
	// One hit per bar drawn and per number in the text: row 0 has two bars
	// and two numbers, row 1 one and one, the text-only row one number.
	if len(c.hits) != 7 {
		t.Fatalf("%d hits: %+v", len(c.hits), c.hits)
	}
	center := func(h chartHit) fyne.Position {
		return h.pos.Add(fyne.NewPos(h.size.Width/2, h.size.Height/2))
	}
	for _, h := range c.hits {
		c.Tapped(&fyne.PointEvent{Position: center(h)})
	}
	want := []string{"Trực tiếp — tiếp nhận 3", "Trực tiếp — từ chối 1", "Trực tiếp — tiếp nhận 3", "Trực tiếp — từ chối 1",
		"Trực tuyến — tiếp nhận 1", "Trực tuyến — tiếp nhận 1", "Khác (9) — tiếp nhận 9"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("drills %q, want %q", got, want)
	}
	got = nil
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(5, 5)}) // on a label
	if len(got) != 0 {
		t.Errorf("a tap on a label drilled down: %v", got)
	}
	// The text-only row draws no bar: its single hit is in the text area.
	if h := c.hits[len(c.hits)-1]; h.row != 2 || h.pos.X < c.hits[0].pos.X+c.hits[0].size.Width {
		t.Errorf("text-only row hit %+v", h)
	}
}

func TestOnColor(t *testing.T) {
	for _, c := range []struct {
		bg   color.Color
		want color.Color
	}{
		{color.NRGBA{R: 0x0b, G: 0x5c, B: 0xad, A: 0xff}, color.White}, // desk primary
		{color.NRGBA{R: 0x43, G: 0xf4, B: 0x36, A: 0xff}, color.Black}, // light green
		{color.NRGBA{R: 0xff, G: 0x98, B: 0x00, A: 0xff}, color.Black}, // orange
		{color.NRGBA{R: 0x20, G: 0x20, B: 0x20, A: 0xff}, color.White},
	} {
		if got := onColor(c.bg); got != c.want {
			t.Errorf("onColor(%v) = %v, want %v", c.bg, got, c.want)
		}
	}
}

// TestPresets: the range shortcuts across month, quarter and year ends
// (weeks start on Monday).
func TestPresets(t *testing.T) {
	d := func(s string) time.Time { return ict(t, s+" 00:00") }
	for _, c := range []struct {
		p        preset
		now      string
		from, to string
	}{
		{presetToday(), "2025-11-03", "2025-11-03", "2025-11-03"},
		{presetYesterday(), "2026-01-01", "2025-12-31", "2025-12-31"},
		{presetWeek(), "2025-11-09", "2025-11-03", "2025-11-09"}, // Sunday
		{presetWeek(), "2025-11-03", "2025-11-03", "2025-11-03"}, // Monday
		{presetMonth(), "2025-11-17", "2025-11-01", "2025-11-17"},
		{presetLastMonth(), "2025-03-10", "2025-02-01", "2025-02-28"},
		{presetLastMonth(), "2024-03-10", "2024-02-01", "2024-02-29"},
		{presetLastMonth(), "2026-01-05", "2025-12-01", "2025-12-31"},
		{presetQuarter(), "2025-11-17", "2025-10-01", "2025-11-17"},
		{presetLastQuarter(), "2025-11-17", "2025-07-01", "2025-09-30"},
		{presetLastQuarter(), "2026-02-01", "2025-10-01", "2025-12-31"},
		{presetYear(), "2025-11-17", "2025-01-01", "2025-11-17"},
		{presetLastYear(), "2025-11-17", "2024-01-01", "2024-12-31"},
	} {
		now := ict(t, c.now+" 16:45")
		from, to := c.p.span(now)
		if !from.Equal(d(c.from)) || !to.Equal(d(c.to)) {
			t.Errorf("%s at %s = %s..%s, want %s..%s", c.p.label, c.now, from.Format(time.DateOnly), to.Format(time.DateOnly), c.from, c.to)
		}
	}
}

// closeMsgCases are service messages and their Vietnamese sentences; they
// seed FuzzCloseErrorText.
var closeMsgCases = []struct{ msg, want string }{
	{"daily close: clerk a has 3 records but no paper count", "Cán bộ a: có 3 bản ghi trong hệ thống nhưng chưa nhập số trên sổ giấy."},
	{"daily close: clerk (no clerk recorded): paper counts must not be negative", "Cán bộ (không rõ cán bộ): số trên sổ giấy không được âm."},
	{"daily close: sign-off at 2025-11-03 09:00 is before the last record of the day (2025-11-03 10:30)", "Giờ ký (2025-11-03 09:00) sớm hơn bản ghi cuối cùng của ngày (2025-11-03 10:30): chỉ đóng ngày sau khi đã hết tiếp nhận."},
	{"daily close: amendment: the reason is required", "Điều chỉnh phải ghi lý do."},
	{"daily close: amendment changes nothing", "Điều chỉnh không làm thay đổi gì so với biên bản đã ký."},
	{"daily close: amendment: the reason is required\ndaily close: amendment time must be after the sign-off and any earlier amendment (2025-11-03 17:30:00)", "Điều chỉnh phải ghi lý do.\nThời điểm điều chỉnh phải sau lần ký hoặc lần điều chỉnh trước (kiểm tra đồng hồ của máy)."},
}

func TestCloseErrorText(t *testing.T) {
	for _, c := range closeMsgCases {
		err := dossier.Errorf(dossier.KindInvalid, "close", "%s", c.msg)
		if got := closeErrorText(err); got != c.want {
			t.Errorf("%q → %q, want %q", c.msg, got, c.want)
		}
	}
}

// FuzzCloseErrorText: any service message gives some text and no panic;
// FuzzChangeText likewise for amendment lines.
func FuzzCloseErrorText(f *testing.F) {
	for _, c := range closeMsgCases {
		f.Add(c.msg)
	}
	f.Fuzz(func(t *testing.T, msg string) {
		if strings.TrimSpace(msg) == "" {
			return
		}
		if got := closeErrorText(dossier.Errorf(dossier.KindInvalid, "close", "%s", msg)); got == "" {
			t.Errorf("no text for %q", msg)
		}
	})
}

func FuzzChangeText(f *testing.F) {
	for _, s := range []string{"clerk a: paper received 4 → 5", "clerk a b: records refused 0 → 2", `clerk x: note "a \"q\"" → ""`, "clerk y: removed", "something else"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := changeText(s, map[string]string{"a": "Lê Thị Bình"})
		if s != "" && got == "" {
			t.Errorf("no text for %q", s)
		}
	})
}

func TestChangeText(t *testing.T) {
	names := map[string]string{"a": "Lê Thị Bình"}
	for _, c := range []struct{ in, want string }{
		{"clerk a: paper received 4 → 5", "Cán bộ Lê Thị Bình (a): tiếp nhận (sổ giấy) 4 → 5"},
		{"clerk b: records guidance 1 → 0", "Cán bộ b: hướng dẫn bổ sung (hệ thống) 1 → 0"},
		{`clerk a: note "cũ" → "mới"`, "Cán bộ Lê Thị Bình (a): ghi chú «cũ» → «mới»"},
		{"clerk : removed", "Cán bộ (không rõ cán bộ): bỏ khỏi biên bản"},
		{"unknown line", "unknown line"},
	} {
		if got := changeText(c.in, names); got != c.want {
			t.Errorf("%q → %q, want %q", c.in, got, c.want)
		}
	}
}

// TestPeriod_Stop: "Dừng" abandons a computation; its result never shows.
func TestPeriod_Stop(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	g := gated{Source: e.svc.Reports, gate: make(chan struct{})}
	e.deps.Reports = g
	s := e.newPeriod()
	s.Dates.Set(ict(t, "2025-11-01 00:00"), ict(t, "2025-11-03 00:00"))
	s.compute()
	if !s.Busy() || !s.stop.Visible() {
		t.Fatal("no spinner or stop button while computing")
	}
	s.stop.OnTapped()
	close(g.gate)
	s.run.wait()
	if s.Report() != nil || s.Busy() || s.status.Text != "Đã dừng lập báo cáo." {
		t.Errorf("after stop: report %v, busy %v, status %q", s.Report() != nil, s.Busy(), s.status.Text)
	}
	if !s.xlsxBtn.Disabled() {
		t.Error("export offered without a report")
	}
}
