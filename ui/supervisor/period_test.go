package supervisor

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"motcua/report"
	"motcua/report/xlsx"
)

func (e *env) newPeriod() *Period {
	w := e.window(widget.NewLabel(""))
	s := NewPeriod(w, e.deps)
	w.SetContent(s.Content())
	return s
}

// TestPeriod_Numbers: Biểu II.06a for 1–3 November 2025 over the fixture.
// In scope: a, b, c (new), f, g, h, i (carried over from October); not the
// guidance record d nor the refusal e.
//
//	Đất đai: c new direct, in time (5, 12); h carried, late (6, 10).
//	Hộ tịch: a new direct in time (5, 12); b new online, due 03/11 17:45 so
//	         late at the period's end (4, 13); f carried, overdue (6, 13);
//	         g carried, on the appointment day (6, 9); i carried, early (6, 8).
func TestPeriod_Numbers(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newPeriod()
	s.Dates.Set(ict(t, "2025-11-01 00:00"), ict(t, "2025-11-03 00:00"))
	s.compute()
	s.run.wait()
	p := s.Report()
	if p == nil {
		t.Fatalf("no report: %q", s.status.Text)
	}
	if len(p.Rows) != 2 || p.Rows[0].Name != "Đất đai" || p.Rows[1].Name != "Hộ tịch" {
		t.Fatalf("rows %+v", p.Rows)
	}
	want := map[string][]int{
		//            3  4  5  6  7  8  9 10 11 12 13
		"Đất đai":   {2, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0},
		"Hộ tịch":   {5, 1, 1, 3, 2, 1, 1, 0, 3, 1, 2},
		"Tổng cộng": {7, 1, 2, 4, 3, 1, 1, 1, 4, 2, 2},
	}
	for row := 0; row <= len(p.Rows); row++ {
		name, _, _ := s.cellText(cellID(row, 1))
		var got []int
		for c := 2; c < report.NumCols; c++ {
			text, _, _ := s.cellText(cellID(row, c))
			var n int
			fmt.Sscan(text, &n)
			got = append(got, n)
		}
		if !slices.Equal(got, want[name]) {
			t.Errorf("row %q = %v, want %v", name, got, want[name])
		}
	}
	if !strings.Contains(s.status.Text, "2 lĩnh vực, 7 hồ sơ tiếp nhận") {
		t.Errorf("status %q", s.status.Text)
	}
	e.assertMarkup("period/table.xml")

	// Drill-down: Hộ tịch "từ kỳ trước" (col 6), by tap and by keyboard.
	s.Table.Select(cellID(1, 5))
	s.run.wait()
	if got, want := s.drills.Last.Codes(), e.codesOf("f", "g", "i"); !slices.Equal(got, want) {
		t.Errorf("Hộ tịch col 6 = %v, want %v", got, want)
	}
	if !strings.HasPrefix(s.drills.Last.Title, "Hộ tịch: Tiếp nhận — Từ kỳ trước (6)") {
		t.Errorf("title %q", s.drills.Last.Title)
	}
	s.drills.escape()
	// Totals of col 13 (pending late) with the keyboard: from the first
	// cell, down twice and right to the last column, then Enter.
	e.w.Canvas().Focus(s.Table)
	s.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	s.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	for range report.NumCols - 1 {
		s.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	}
	s.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	s.run.wait()
	got := s.drills.Last.Codes()
	slices.Sort(got)
	if want := e.codesOf("b", "f"); !slices.Equal(got, slices.Sorted(slices.Values(want))) || !strings.HasPrefix(s.drills.Last.Title, "Tổng cộng: Đang giải quyết — Quá hạn (13)") {
		t.Errorf("totals col 13 = %v (%q)", got, s.drills.Last.Title)
	}
	// Label columns do not drill.
	last := s.drills.Last
	s.drills.escape()
	s.drill(cellID(0, 1))
	if s.drills.Last != last {
		t.Error("the field name column drilled down")
	}
}

func cellID(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }

// TestPeriod_Exports: the Excel file reopens with the figures shown; the
// PDF is written; a cancelled export leaves nothing.
func TestPeriod_Exports(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newPeriod()
	s.Recipient.SetText("Văn phòng UBND thành phố Hà Nội")
	s.Dates.Set(ict(t, "2025-11-01 00:00"), ict(t, "2025-11-03 00:00"))
	s.compute()
	s.run.wait()

	var buf bytes.Buffer
	var files []string
	saveTo(s.exp, &buf, &files)
	s.exportExcel()
	s.run.wait()
	if len(files) != 1 || files[0] != "bieu-II06a-20251101-20251103.xlsx" || !strings.HasPrefix(s.exp.Status.Text, "Đã xuất") {
		t.Fatalf("files %v, status %q", files, s.exp.Status.Text)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cell := func(col, row int) string {
		name, _ := excelize.CoordinatesToCellName(col, row)
		v, err := f.GetCellValue(xlsx.PeriodSheet, name)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	first, total := xlsx.PeriodFirstField, xlsx.PeriodFirstField+2
	if cell(2, first) != "Đất đai" || cell(2, first+1) != "Hộ tịch" {
		t.Errorf("field names %q %q", cell(2, first), cell(2, first+1))
	}
	for c, want := range map[int]string{3: "7", 4: "1", 5: "2", 6: "4", 7: "3", 10: "1", 11: "4", 13: "2"} {
		if got := cell(c, total); got != want {
			t.Errorf("totals column %d = %q, want %q", c, got, want)
		}
	}
	if got := cell(6, first+1); got != "3" {
		t.Errorf("Hộ tịch từ kỳ trước = %q", got)
	}
	found := false
	for r := 1; r < 4; r++ {
		for c := 1; c <= 13; c++ {
			if strings.Contains(cell(c, r), "Văn phòng UBND thành phố Hà Nội") {
				found = true
			}
		}
	}
	if !found {
		t.Error("the recipient typed on screen is not in the header")
	}

	buf.Reset()
	s.exportPDF()
	s.run.wait()
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || files[1] != "bieu-II06a-20251101-20251103.pdf" {
		t.Errorf("pdf: %d bytes, files %v", buf.Len(), files)
	}

	// Cancel: the producer sees the cancelled context, nothing is written.
	buf.Reset()
	s.exp.save = func(name string, write func(w io.WriteCloser)) { write(nopCloser{&buf}) }
	s.exp.export("x.xlsx", func(ctx context.Context, w io.Writer) error {
		s.exp.onCancel()
		<-ctx.Done()
		return nil
	})
	s.run.wait()
	if buf.Len() != 0 || !strings.HasPrefix(s.exp.Status.Text, "Đã hủy xuất x.xlsx") {
		t.Errorf("after cancel: %d bytes, %q", buf.Len(), s.exp.Status.Text)
	}
}
