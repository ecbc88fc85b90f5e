// Package pdf renders the period report Biểu II.06a/VPCP/KSTT
// (report.Period, domain.md §7.2) as a PDF table in the shape supervisors
// file, the same layout as the Excel export (report/xlsx WritePeriod): the
// form number and the units in the top corners, the title and the
// reporting period, the three-level header (Tiếp nhận 3–6, Đã giải quyết
// 7–10, Đang giải quyết 11–13), the numbered column row "(1) … (13)", one
// row per field, the totals row and the signature block. A4 landscape,
// the embedded Noto Serif (assets/fonts) so every Vietnamese letter
// prints; the header is repeated on each page.
//
// Output is deterministic: the document dates are Options.Now (the
// injected clock) and fpdf sorts its catalogs, so the same period and
// options give the same bytes.
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"motcua/assets/fonts"
	"motcua/dossier"
	"motcua/report"
)

// Options tune WritePeriod.
type Options struct {
	// Now is the creation date of the document and, when the header has
	// no Prepared date, the date of the signature line. Required.
	Now time.Time
	// Office is the reporting unit when the header names none.
	Office string
}

// Page geometry in millimetres (A4 landscape).
const (
	pageW  = 297.0
	pageH  = 210.0
	margin = 10.0
	family = "notoserif"
)

// colW are the widths of the 13 columns (sum = pageW − 2·margin).
var colW = [report.NumCols]float64{10, 69, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18, 18}

// WritePeriod writes Biểu II.06a for p to w.
func WritePeriod(w io.Writer, p *report.Period, opt Options) error {
	if p == nil {
		return errors.New("period report: nothing to render")
	}
	if opt.Now.IsZero() {
		return errors.New("period report PDF: the creation date (Options.Now) is required")
	}
	r := newRenderer(p, opt)
	r.document()
	if err := r.pdf.Error(); err != nil {
		return fmt.Errorf("period report PDF: %w", err)
	}
	if err := r.pdf.Output(w); err != nil {
		return fmt.Errorf("period report PDF: %w", err)
	}
	return nil
}

type renderer struct {
	pdf *fpdf.Fpdf
	p   *report.Period
	opt Options
	y   float64
}

func newRenderer(p *report.Period, opt Options) *renderer {
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "L", UnitStr: "mm", Size: fpdf.SizeType{Wd: 210, Ht: 297}})
	f.SetCatalogSort(true)
	f.SetCompression(true)
	created := opt.Now.In(dossier.Zone).Truncate(time.Second)
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.SetTitle("Biểu số II.06a/VPCP/KSTT", true)
	f.SetSubject(fmt.Sprintf("Kỳ báo cáo từ %s đến %s", dateVN(p.From), dateVN(p.To)), true)
	f.SetCreator("motcua", true)
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(false, margin)
	for _, st := range []string{"", "B", "I"} {
		f.AddUTF8FontFromBytes(family, st, fonts.Style(st))
	}
	f.AliasNbPages("{nb}")
	f.SetFooterFunc(func() {
		f.SetFont(family, "I", 8)
		f.SetXY(margin, pageH-margin+2)
		f.CellFormat(pageW-2*margin, 4, fmt.Sprintf("Biểu số II.06a/VPCP/KSTT — trang %d/{nb}", f.PageNo()), "", 0, "R", false, 0, "")
	})
	return &renderer{pdf: f, p: p, opt: opt}
}

// lineH is the line height in mm of a font size in points.
func lineH(size float64) float64 { return size * 0.3528 * 1.22 }

// text writes lines of s wrapped to width w, aligned in the box (x, y, w,
// h), vertically centred.
func (r *renderer) text(x, y, w, h float64, s, style string, size float64, align string) {
	f := r.pdf
	f.SetFont(family, style, size)
	var lines []string
	for _, part := range strings.Split(s, "\n") {
		if part == "" {
			lines = append(lines, "")
			continue
		}
		lines = append(lines, f.SplitText(part, w-1.6)...)
	}
	lh := lineH(size)
	top := y + (h-float64(len(lines))*lh)/2
	for i, l := range lines {
		f.SetXY(x+0.8, top+float64(i)*lh)
		f.CellFormat(w-1.6, lh, l, "", 0, align, false, 0, "")
	}
}

// height is the height the text s needs in width w.
func (r *renderer) height(w float64, s, style string, size float64) float64 {
	r.pdf.SetFont(family, style, size)
	n := 0
	for _, part := range strings.Split(s, "\n") {
		n += max(1, len(r.pdf.SplitText(part, w-1.6)))
	}
	return float64(n)*lineH(size) + 2
}

// box draws a bordered cell with centred text.
func (r *renderer) box(x, y, w, h float64, s, style string, size float64, align string) {
	r.pdf.SetLineWidth(0.2)
	r.pdf.Rect(x, y, w, h, "D")
	r.text(x, y, w, h, s, style, size, align)
}

// colX is the left edge of column c (1-based).
func colX(c int) float64 {
	x := margin
	for i := 1; i < c; i++ {
		x += colW[i-1]
	}
	return x
}

// span is the width of columns a..b.
func span(a, b int) float64 {
	w := 0.0
	for i := a; i <= b; i++ {
		w += colW[i-1]
	}
	return w
}

func dateVN(t time.Time) string { return t.In(dossier.Zone).Format("02/01/2006") }

func longDate(t time.Time) string {
	t = t.In(dossier.Zone)
	return fmt.Sprintf("ngày %02d tháng %02d năm %d", t.Day(), int(t.Month()), t.Year())
}

func (r *renderer) document() {
	f := r.pdf
	h := r.p.Header
	office := h.Reporter
	if office == "" {
		office = r.opt.Office
	}
	f.AddPage()
	r.y = margin
	right := 120.0
	r.text(margin, r.y, 90, 5, "Biểu số II.06a/VPCP/KSTT", "B", 10, "L")
	r.text(pageW-margin-right, r.y, right, 5, "Đơn vị báo cáo: "+office, "B", 10, "L")
	r.y += r.height(right, "Đơn vị báo cáo: "+office, "B", 10) - 1
	r.text(pageW-margin-right, r.y, right, 5, "Đơn vị nhận báo cáo: "+h.Recipient, "B", 10, "L")
	r.y += r.height(right, "Đơn vị nhận báo cáo: "+h.Recipient, "B", 10) + 2
	title := "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"
	th := r.height(200, title, "B", 13)
	r.text((pageW-200)/2, r.y, 200, th, title, "B", 13, "C")
	r.y += th
	r.text(margin, r.y, pageW-2*margin, 6, fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s", dateVN(r.p.From), dateVN(r.p.To)), "I", 10, "C")
	r.y += 7
	if r.p.NamesFromCodes {
		r.text(margin, r.y, 180, 5, "Ghi chú: chưa có danh mục lĩnh vực, cột (2) ghi mã lĩnh vực.", "I", 9, "L")
	}
	r.text(pageW-margin-80, r.y, 80, 5, "Đơn vị tính: Số hồ sơ TTHC", "I", 9, "R")
	r.y += 6
	r.header()
	for i := range r.p.Rows {
		row := &r.p.Rows[i]
		var nums [report.NumCols + 1]string
		for c := report.ColReceived; c <= report.ColPendingLate; c++ {
			nums[c] = fmt.Sprint(row.N(c))
		}
		r.row(fmt.Sprint(row.No), row.Name, nums, "")
	}
	var totals [report.NumCols + 1]string
	for c := report.ColReceived; c <= report.ColPendingLate; c++ {
		totals[c] = fmt.Sprint(r.p.TotalN(c))
	}
	r.row("", "Tổng cộng", totals, "B")
	r.signatures()
}

// header draws the three header rows and the numbered row.
func (r *renderer) header() {
	y := r.y
	const hA, hB, hN = 10.0, 7.0, 5.0
	subs := []struct {
		c int
		s string
	}{
		{4, "Số mới tiếp nhận trực tuyến"}, {5, "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính"}, {6, "Số từ kỳ trước chuyển qua"},
		{8, "Trước hạn"}, {9, "Đúng hạn"}, {10, "Quá hạn"}, {12, "Trong hạn"}, {13, "Quá hạn"},
	}
	hC := 12.0
	for _, x := range subs {
		hC = max(hC, r.height(colW[x.c-1], x.s, "B", 8)+1)
	}
	all := hA + hB + hC
	r.box(colX(1), y, colW[0], all, "TT", "B", 9, "C")
	r.box(colX(2), y, colW[1], all, "Lĩnh vực, công việc giải quyết theo cấp", "B", 9, "C")
	r.box(colX(3), y, span(3, 6), hA, "Số hồ sơ nhận giải quyết", "B", 9, "C")
	r.box(colX(7), y, span(7, 10), hA, "Kết quả giải quyết: số hồ sơ đã giải quyết", "B", 9, "C")
	r.box(colX(11), y, span(11, 13), hA, "Số hồ sơ đang giải quyết", "B", 9, "C")
	y += hA
	r.box(colX(3), y, colW[2], hB+hC, "Tổng số", "B", 8.5, "C")
	r.box(colX(4), y, span(4, 6), hB, "Trong đó", "B", 8.5, "C")
	r.box(colX(7), y, colW[6], hB+hC, "Tổng số", "B", 8.5, "C")
	r.box(colX(8), y, span(8, 10), hB, "Trong đó", "B", 8.5, "C")
	r.box(colX(11), y, colW[10], hB+hC, "Tổng số", "B", 8.5, "C")
	r.box(colX(12), y, span(12, 13), hB, "Trong đó", "B", 8.5, "C")
	y += hB
	for _, x := range subs {
		r.box(colX(x.c), y, colW[x.c-1], hC, x.s, "B", 8, "C")
	}
	y += hC
	for c := 1; c <= report.NumCols; c++ {
		r.box(colX(c), y, colW[c-1], hN, fmt.Sprintf("(%d)", c), "I", 8, "C")
	}
	r.y = y + hN
}

// row draws one table row, starting a new page (with the header) when it
// does not fit.
func (r *renderer) row(no, name string, nums [report.NumCols + 1]string, style string) {
	h := max(r.height(colW[1], name, style, 9), 6)
	if r.y+h > pageH-margin-2 {
		r.pdf.AddPage()
		r.y = margin
		r.header()
	}
	if no == "" && style == "B" {
		r.box(colX(1), r.y, span(1, 2), h, name, "B", 9, "C")
	} else {
		r.box(colX(1), r.y, colW[0], h, no, style, 9, "C")
		r.box(colX(2), r.y, colW[1], h, name, style, 9, "L")
	}
	for c := int(report.ColReceived); c <= int(report.ColPendingLate); c++ {
		st := style
		if c == int(report.ColReceived) || c == int(report.ColResolved) || c == int(report.ColPending) {
			st = "B"
		}
		r.box(colX(c), r.y, colW[c-1], h, nums[c], st, 9, "C")
	}
	r.y += h
}

// signatures draws the date line and the two signature blocks.
func (r *renderer) signatures() {
	const need = 42.0
	if r.y+need > pageH-margin {
		r.pdf.AddPage()
		r.y = margin
	}
	h := r.p.Header
	y := r.y + 5
	place := h.Place
	if place != "" {
		place += ", "
	}
	prepared := h.Prepared
	if prepared.IsZero() {
		prepared = r.opt.Now
	}
	left, right := margin+10, pageW-margin-110
	r.text(right, y, 100, 5, place+longDate(prepared), "I", 10, "C")
	y += 6
	r.text(left, y, 100, 5, "NGƯỜI LẬP BIỂU", "B", 10, "C")
	r.text(right, y, 100, 5, "THỦ TRƯỞNG ĐƠN VỊ", "B", 10, "C")
	y += 5
	r.text(left, y, 100, 5, "(Ký, ghi rõ họ tên)", "I", 9, "C")
	r.text(right, y, 100, 5, "(Ký tên, đóng dấu)", "I", 9, "C")
	y += 22
	r.text(left, y, 100, 5, h.Preparer, "B", 10, "C")
	r.text(right, y, 100, 5, h.Head, "B", 10, "C")
	r.y = y + 6
}
