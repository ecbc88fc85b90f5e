// Package xlsx writes the supervisor's Excel exports with excelize: the
// day (or range) dashboard, Biểu II.06a/VPCP/KSTT for a period and the
// tracking book (Sổ theo dõi hồ sơ). Labels are Vietnamese; fonts Times
// New Roman as on the paper forms.
//
// Output is deterministic: the document properties carry Options.Now (the
// injected clock), nothing reads the wall clock, and every sheet is
// written through the regular (non-streaming) API so the zip entries come
// in excelize's sorted order. Two exports of the same data with the same
// options are byte-identical.
package xlsx

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/dossier"
	"motcua/report"
)

// Options are shared by the exports.
type Options struct {
	// Now is the export time written to the document properties and the
	// "made on" lines (injected clock). Required.
	Now time.Time
	// Office is the one-stop unit printed in the titles.
	Office string
	// Names labels procedures in the dossier list; nil means codes.
	Names report.Names
	// Author goes to the document properties (default "motcua").
	Author string
}

func (o *Options) check() error {
	if o.Now.IsZero() {
		return errors.New("xlsx: the export time (Options.Now) is required")
	}
	if o.Names == nil {
		o.Names = report.CodesOnly{}
	}
	if o.Author == "" {
		o.Author = "motcua"
	}
	return nil
}

const font = "Times New Roman"

// styles are the cell styles of one workbook.
type styles struct {
	title, subtitle, italic, right, bold       int
	head, cell, text, num, pct, date, dateOnly int
	totalLabel, totalNum, numRow               int
}

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	dt, d := "dd/mm/yyyy hh:mm", "dd/mm/yyyy"
	pct := "0.0%"
	intFmt := "#,##0"
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		if s.Font == nil {
			s.Font = &excelize.Font{Family: font, Size: 12}
		}
		id, e := f.NewStyle(s)
		if e != nil {
			err = e
		}
		return id
	}
	center := &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}
	st := styles{
		title:      mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 14, Bold: true}, Alignment: center}),
		subtitle:   mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Alignment: center}),
		italic:     mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Italic: true}, Alignment: center}),
		right:      mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Italic: true}, Alignment: &excelize.Alignment{Horizontal: "right"}}),
		bold:       mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center"}}),
		head:       mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Bold: true}, Border: border, Alignment: center, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"EDEDED"}}}),
		numRow:     mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 11, Italic: true}, Border: border, Alignment: center}),
		cell:       mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}),
		text:       mk(&excelize.Style{Border: border, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "center", WrapText: true}}),
		num:        mk(&excelize.Style{Border: border, CustomNumFmt: &intFmt, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}),
		pct:        mk(&excelize.Style{Border: border, CustomNumFmt: &pct, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}),
		date:       mk(&excelize.Style{Border: border, CustomNumFmt: &dt, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}),
		dateOnly:   mk(&excelize.Style{Border: border, CustomNumFmt: &d, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}}),
		totalLabel: mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: border, Alignment: center}),
		totalNum:   mk(&excelize.Style{Font: &excelize.Font{Family: font, Size: 12, Bold: true}, Border: border, CustomNumFmt: &intFmt, Alignment: &excelize.Alignment{Horizontal: "right", Vertical: "center"}}),
	}
	if err != nil {
		return nil, fmt.Errorf("xlsx styles: %w", err)
	}
	return &st, nil
}

// workbook is one file being written.
type workbook struct {
	f   *excelize.File
	st  *styles
	opt Options
	err error
	// first is true until the default sheet has been renamed.
	first bool
}

func newWorkbook(opt Options, title string) (*workbook, error) {
	if err := opt.check(); err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	if err := f.SetDefaultFont(font); err != nil {
		return nil, err
	}
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	at := opt.Now.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: title, Creator: opt.Author, LastModifiedBy: opt.Author, Created: at, Modified: at,
		Language: "vi-VN", Description: "motcua " + opt.Office,
	}); err != nil {
		return nil, err
	}
	return &workbook{f: f, st: st, opt: opt, first: true}, nil
}

// sheet creates (or renames the default sheet to) name.
func (w *workbook) sheet(name string) string {
	if w.err != nil {
		return name
	}
	if w.first {
		w.first = false
		w.err = w.f.SetSheetName("Sheet1", name)
		return name
	}
	_, w.err = w.f.NewSheet(name)
	return name
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// set writes v at (col,row) with style.
func (w *workbook) set(sh string, col, row int, v any, style int) {
	if w.err != nil {
		return
	}
	c := cellName(col, row)
	if t, ok := v.(time.Time); ok {
		if t.IsZero() {
			v = ""
		} else {
			v = t.In(dossier.Zone)
		}
	}
	if w.err = w.f.SetCellValue(sh, c, v); w.err != nil {
		return
	}
	if style != 0 {
		w.err = w.f.SetCellStyle(sh, c, c, style)
	}
}

// row writes values from column 1 with one style each (styles[i], or the
// last style for the rest).
func (w *workbook) row(sh string, row int, styles []int, vals ...any) {
	if w.err != nil {
		return
	}
	for i, v := range vals {
		s := styles[min(i, len(styles)-1)]
		w.set(sh, i+1, row, v, s)
	}
}

func (w *workbook) merge(sh string, c1, r1, c2, r2 int, v any, style int) {
	if w.err != nil {
		return
	}
	w.set(sh, c1, r1, v, style)
	if c1 != c2 || r1 != r2 {
		if w.err = w.f.MergeCell(sh, cellName(c1, r1), cellName(c2, r2)); w.err != nil {
			return
		}
		w.err = w.f.SetCellStyle(sh, cellName(c1, r1), cellName(c2, r2), style)
	}
}

func (w *workbook) widths(sh string, ws ...float64) {
	for i, x := range ws {
		if w.err != nil {
			return
		}
		c, _ := excelize.ColumnNumberToName(i + 1)
		w.err = w.f.SetColWidth(sh, c, c, x)
	}
}

func (w *workbook) height(sh string, row int, h float64) {
	if w.err == nil {
		w.err = w.f.SetRowHeight(sh, row, h)
	}
}

func (w *workbook) landscape(sh string) {
	if w.err != nil {
		return
	}
	o, a4 := "landscape", 9
	fit := 1
	w.err = w.f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &o, Size: &a4, FitToWidth: &fit})
}

// freeze keeps the first rows visible.
func (w *workbook) freeze(sh string, rows int) {
	if w.err != nil {
		return
	}
	w.err = w.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: rows, TopLeftCell: cellName(1, rows+1), ActivePane: "bottomLeft"})
}

// finish writes the workbook to out and closes it.
func (w *workbook) finish(out io.Writer) error {
	defer w.f.Close()
	if w.err != nil {
		return fmt.Errorf("xlsx: %w", w.err)
	}
	w.f.SetActiveSheet(0)
	if _, err := w.f.WriteTo(out); err != nil {
		return fmt.Errorf("xlsx: write: %w", err)
	}
	return nil
}

func fraction(r report.Ratio) any {
	if r.Den.N() == 0 {
		return ""
	}
	return float64(r.Num.N()) / float64(r.Den.N())
}

func dateVN(t time.Time) string { return t.In(dossier.Zone).Format("02/01/2006") }

// longDate is "ngày 05 tháng 01 năm 2026".
func longDate(t time.Time) string {
	t = t.In(dossier.Zone)
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", t.Day(), int(t.Month()), t.Year())
}
