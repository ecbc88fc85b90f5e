package supervisor

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"motcua/report"
	"motcua/report/xlsx"
)

// newDashboard builds the dashboard in a test window.
func (e *env) newDashboard() *Dashboard {
	w := e.window(widget.NewLabel(""))
	s := NewDashboard(w, e.deps)
	w.SetContent(s.Content())
	return s
}

// show computes the dashboard of one range and waits for it.
func (s *Dashboard) showRange(t *testing.T, from, to string) *report.Dashboard {
	t.Helper()
	s.Dates.From.SetText(from)
	s.Dates.To.SetText(to)
	s.refresh()
	s.run.wait()
	if s.Report() == nil {
		t.Fatalf("no dashboard; status %q", s.Status.Text)
	}
	return s.Report()
}

func TestDashboard_DayNumbers(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newDashboard()
	d := s.showRange(t, "03/11/2025", "03/11/2025")

	for _, c := range []struct {
		what string
		cell report.Cell
		want []string
	}{
		{"received", d.Received, []string{"a", "b", "c"}},
		{"guidance", d.Guidance, []string{"d"}},
		{"refused", d.Refused, []string{"e"}},
		{"due", d.Due, []string{"b"}},
		{"overdue", d.Overdue, []string{"f"}},
		{"resolved", d.Resolved, []string{"h", "g", "i"}},
		{"early", d.Early, []string{"i"}},
		{"on time", d.OnTime, []string{"g"}},
		{"late", d.Late, []string{"h"}},
		{"on time 766", d.OnTime766, []string{"g", "i"}},
		{"late 766", d.Late766, []string{"h"}},
		{"digitised", d.Digitised, []string{"a"}},
		{"online", d.Online, []string{"b"}},
	} {
		got := e.namesOf(c.cell)
		slices.Sort(got)
		want := slices.Sorted(slices.Values(c.want))
		if !slices.Equal(got, want) {
			t.Errorf("%s = %v, want %v", c.what, got, want)
		}
	}
	// The tiles show the same cells.
	for _, c := range []struct {
		tile *Tile
		n    int
	}{{s.Received, 3}, {s.Guidance, 1}, {s.Refused, 1}, {s.Pending, 0}, {s.Due, 1}, {s.Overdue, 1}} {
		if c.tile.Cell.N() != c.n {
			t.Errorf("tile %s = %d, want %d", c.tile.Title, c.tile.Cell.N(), c.n)
		}
	}
	// Rates: 1 of 3 digitised, 1 of 3 online, both rules named.
	if r := s.Rates.Rows(); len(r) != 2 || r[0].Suffix != "33,3%" || r[1].Suffix != "33,3%" {
		t.Errorf("rates rows = %+v", r)
	}
	if r := s.Timeliness.Rows(); len(r) != 3 || r[0].Suffix != "33,3%" || r[0].Bars[0].Cell.N() != 1 {
		t.Errorf("II.06a rows = %+v", r)
	}
	if r := s.Rule766.Rows(); len(r) != 2 || r[0].Suffix != "66,7%" || r[1].Suffix != "33,3%" {
		t.Errorf("766 rows = %+v", r)
	}
	// By clerk: full names, received first, then the counter outcomes.
	clerks := s.Clerk.Rows()
	if len(clerks) != 2 || clerks[0].Label != "Lê Thị Bình (clerk1)" || clerks[1].Label != "Phạm Văn Dũng (clerk2)" {
		t.Fatalf("clerk rows = %+v", clerks)
	}
	if got := barText(clerks[0]); got != "2 tiếp nhận · 1 từ chối" {
		t.Errorf("clerk1 bars = %q", got)
	}
	if got := barText(clerks[1]); got != "1 tiếp nhận · 1 yêu cầu bổ sung" {
		t.Errorf("clerk2 bars = %q", got)
	}
	ch := s.Channel.Rows()
	if len(ch) != 2 || ch[0].Label != "Trực tiếp" || barText(ch[0]) != "2 tiếp nhận · 1 yêu cầu bổ sung · 1 từ chối" || barText(ch[1]) != "1 tiếp nhận" {
		t.Errorf("channel rows: %+v", ch)
	}
	if f := s.Field.Rows(); len(f) != 2 || f[0].Label != "Hộ tịch" || f[1].Label != "Đất đai" {
		t.Errorf("field rows: %+v", f)
	}
	if !strings.Contains(s.Status.Text, "ngày 03/11/2025") {
		t.Errorf("status %q", s.Status.Text)
	}
	e.assertMarkup("dashboard/day.xml")
}

func barText(r ChartRow) string {
	var parts []string
	for _, b := range r.Bars {
		parts = append(parts, itemText(b))
	}
	return strings.Join(parts, " · ")
}

// TestDashboard_DrillDown: a tile, a chart bar (tap and keyboard) and a
// list row each lead to the right dossiers.
func TestDashboard_DrillDown(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newDashboard()
	s.showRange(t, "03/11/2025", "03/11/2025")

	s.Received.Tapped(nil)
	s.run.wait()
	dr := s.drills.Last
	if dr == nil || dr.Title != "Tiếp nhận" {
		t.Fatalf("drill %+v", dr)
	}
	if got, want := dr.Codes(), e.codesOf("a", "b", "c"); !slices.Equal(got, want) {
		t.Errorf("received list = %v, want %v", got, want)
	}
	if !strings.HasPrefix(dr.Info.Text, "3 hồ sơ.") {
		t.Errorf("info %q", dr.Info.Text)
	}
	e.assertMarkup("dashboard/drill_received.xml")
	// Enter on the focused row opens it in the dossier screen; the list
	// closes.
	dr.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	dr.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := e.codesOf("b"); !slices.Equal(e.opened, want) {
		t.Errorf("opened %v, want %v", e.opened, want)
	}
	if s.drills.dlg != nil {
		t.Error("the list stayed open after a dossier was opened")
	}

	// The clerk chart: clerk2's guidance record, by keyboard.
	e.w.Canvas().Focus(s.Clerk)
	s.Clerk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.Clerk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	s.Clerk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s.run.wait()
	dr = s.drills.Last
	if dr.Title != "Phạm Văn Dũng (clerk2) — yêu cầu bổ sung" {
		t.Errorf("title %q", dr.Title)
	}
	if got, want := dr.Codes(), e.codesOf("d"); !slices.Equal(got, want) {
		t.Errorf("clerk2 guidance list = %v, want %v", got, want)
	}
	// Esc closes the list.
	if !s.HandleKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) || s.drills.dlg != nil {
		t.Error("Esc did not close the list")
	}

	// A tap on the 766 chart's late bar.
	s.Rule766.Drill(1, 0)
	s.run.wait()
	if got, want := s.drills.Last.Codes(), e.codesOf("h"); !slices.Equal(got, want) {
		t.Errorf("late (766) list = %v, want %v", got, want)
	}
	// Not digitised = received minus digitised.
	s.Rates.Drill(0, 1)
	s.run.wait()
	if got, want := s.drills.Last.Codes(), e.codesOf("b", "c"); !slices.Equal(got, want) {
		t.Errorf("not digitised = %v, want %v", got, want)
	}
}

// TestDashboard_Range: a range counts every day in it; the range is
// checked.
func TestDashboard_Range(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newDashboard()
	d := s.showRange(t, "20/10/2025", "03/11/2025")
	if got := e.namesOf(d.Received); len(got) != 7 {
		t.Errorf("received %v, want 7 dossiers", got)
	}
	s.Dates.From.SetText("05/11/2025")
	s.Dates.To.SetText("03/11/2025")
	s.refresh()
	if s.Dates.Err.Text != "\"Đến ngày\" phải trùng hoặc sau \"Từ ngày\"." || !s.Dates.Err.Visible() {
		t.Errorf("range error %q", s.Dates.Err.Text)
	}
	s.Dates.From.SetText("31/02/2025")
	s.refresh()
	if !strings.HasPrefix(s.Dates.Err.Text, "Ngày nhập theo dạng ngày/tháng/năm") {
		t.Errorf("date error %q", s.Dates.Err.Text)
	}
	// The presets.
	s.Dates.Presets[2].OnTapped() // Tuần này: Monday 03/11 … today
	s.run.wait()
	if s.Dates.From.Text != "03/11/2025" || s.Dates.To.Text != "03/11/2025" {
		t.Errorf("this week = %s..%s", s.Dates.From.Text, s.Dates.To.Text)
	}
	s.Dates.Presets[3].OnTapped() // Tháng này
	s.run.wait()
	if s.Dates.From.Text != "01/11/2025" || s.Report().From.Day() != 1 {
		t.Errorf("this month from %s", s.Dates.From.Text)
	}
}

// gated blocks every Range call until its gate is opened.
type gated struct {
	report.Source
	gate chan struct{}
}

func (g gated) Range(from, to time.Time, fn func(report.Fact) error) error {
	<-g.gate
	return g.Source.Range(from, to, fn)
}

// TestDashboard_OffUIThread: the computation runs on its own goroutine:
// refresh returns at once with a spinner while the store is still being
// read, and a newer request replaces an older one.
func TestDashboard_OffUIThread(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	g := gated{Source: e.svc.Reports, gate: make(chan struct{})}
	e.deps.Reports = g
	s := e.newDashboard()
	s.Dates.From.SetText("03/11/2025")
	s.Dates.To.SetText("03/11/2025")
	returned := make(chan struct{})
	go func() {
		s.refresh()
		close(returned)
	}()
	select {
	case <-returned:
	case <-time.After(10 * time.Second):
		t.Fatal("refresh blocked while the store was being read")
	}
	if !s.act.busy || !strings.HasPrefix(s.Status.Text, "Đang tính số liệu") || s.Report() != nil {
		t.Fatalf("while computing: spinner %v, status %q", s.act.busy, s.Status.Text)
	}
	// A second request for another day supersedes the first.
	s.Dates.From.SetText("20/10/2025")
	s.Dates.To.SetText("20/10/2025")
	s.refresh()
	close(g.gate)
	s.run.wait()
	if d := s.Report(); d == nil || d.From.Day() != 20 || s.act.busy {
		t.Fatalf("after: %+v, spinner %v", d, s.act.busy)
	}
}

// TestDashboard_Excel: the export writes the dashboard workbook with the
// day's list.
func TestDashboard_Excel(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newDashboard()
	s.showRange(t, "03/11/2025", "03/11/2025")
	var buf bytes.Buffer
	var files []string
	saveTo(s.exp, &buf, &files)
	s.exportExcel()
	s.run.wait()
	if len(files) != 1 || files[0] != "giam-sat-20251103-20251103.xlsx" {
		t.Fatalf("files %v", files)
	}
	if !strings.HasPrefix(s.exp.Status.Text, "Đã xuất") {
		t.Fatalf("status %q", s.exp.Status.Text)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(xlsx.ListSheet)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range rows[xlsx.TableFirstRow-1:] {
		for _, c := range r {
			if strings.HasPrefix(c, "000.00.06.H56-") || strings.HasPrefix(c, "HD-") {
				codes = append(codes, c)
			}
		}
	}
	want := e.codesOf("a", "b", "c", "d", "e")
	slices.Sort(codes)
	slices.Sort(want)
	if !slices.Equal(codes, want) {
		t.Errorf("list sheet codes %v, want %v", codes, want)
	}
	book, err := f.GetRows(xlsx.BookSheet)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(book) - (xlsx.BookFirstRow - 1); n < 3 {
		t.Errorf("book has %d lines, want the 3 received dossiers", n)
	}
}
