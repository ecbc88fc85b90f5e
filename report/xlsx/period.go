package xlsx

import (
	"fmt"
	"io"

	"motcua/report"
)

// PeriodSheet is the sheet name of Biểu II.06a.
const PeriodSheet = "Biểu II.06a"

// Layout of the II.06a sheet (1-based rows), exported for tests and for
// anyone reading the file back.
const (
	PeriodHeaderRow  = 7  // first of the three header rows (7–9)
	PeriodNumberRow  = 10 // "(1) … (13)"
	PeriodFirstField = 11 // first field row; the totals row follows the last field
)

// WritePeriod writes Biểu II.06a/VPCP/KSTT for p in the shape supervisors
// file: form number and units in the top corners, the title and the
// reporting period, the three-level header (Tiếp nhận 3–6, Đã giải quyết
// 7–10, Đang giải quyết 11–13) with merged cells, the numbered column row
// "(1) … (13)", one row per field, the totals row and the signature block.
func WritePeriod(out io.Writer, p *report.Period, opt Options) error {
	w, err := newWorkbook(opt, "Biểu II.06a/VPCP/KSTT")
	if err != nil {
		return err
	}
	w.periodSheet(p)
	return w.finish(out)
}

func (w *workbook) periodSheet(p *report.Period) {
	st := w.st
	sh := w.sheet(PeriodSheet)
	w.widths(sh, 6, 42, 11, 12, 14, 11, 11, 11, 11, 11, 11, 11, 11)
	h := p.Header
	office := h.Reporter
	if office == "" {
		office = w.opt.Office
	}
	w.merge(sh, 1, 1, 4, 1, "Biểu số II.06a/VPCP/KSTT", st.bold)
	w.merge(sh, 9, 1, 13, 1, "Đơn vị báo cáo: "+office, st.bold)
	w.merge(sh, 9, 2, 13, 2, "Đơn vị nhận báo cáo: "+h.Recipient, st.bold)
	w.merge(sh, 1, 3, 13, 3, "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", st.title)
	w.height(sh, 3, 36)
	w.merge(sh, 1, 4, 13, 4, fmt.Sprintf("Kỳ báo cáo: từ ngày %s đến ngày %s", dateVN(p.From), dateVN(p.To)), st.italic)
	if p.NamesFromCodes {
		w.merge(sh, 1, 5, 8, 5, "Ghi chú: chưa có danh mục lĩnh vực, cột (2) ghi mã lĩnh vực.", st.right)
	}
	w.merge(sh, 9, 5, 13, 5, "Đơn vị tính: Số hồ sơ TTHC", st.right)

	r := PeriodHeaderRow
	w.merge(sh, 1, r, 1, r+2, "TT", st.head)
	w.merge(sh, 2, r, 2, r+2, "Lĩnh vực, công việc giải quyết theo cấp", st.head)
	w.merge(sh, 3, r, 6, r, "Số hồ sơ nhận giải quyết", st.head)
	w.merge(sh, 7, r, 10, r, "Kết quả giải quyết: số hồ sơ đã giải quyết", st.head)
	w.merge(sh, 11, r, 13, r, "Số hồ sơ đang giải quyết", st.head)
	w.merge(sh, 3, r+1, 3, r+2, "Tổng số", st.head)
	w.merge(sh, 4, r+1, 6, r+1, "Trong đó", st.head)
	w.merge(sh, 7, r+1, 7, r+2, "Tổng số", st.head)
	w.merge(sh, 8, r+1, 10, r+1, "Trong đó", st.head)
	w.merge(sh, 11, r+1, 11, r+2, "Tổng số", st.head)
	w.merge(sh, 12, r+1, 13, r+1, "Trong đó", st.head)
	for i, s := range []string{"Số mới tiếp nhận trực tuyến", "Số mới tiếp nhận trực tiếp và qua dịch vụ bưu chính", "Số từ kỳ trước chuyển qua",
		"", "Trước hạn", "Đúng hạn", "Quá hạn", "", "Trong hạn", "Quá hạn"} {
		if s != "" {
			w.set(sh, 4+i, r+2, s, st.head)
		}
	}
	w.height(sh, r, 30)
	w.height(sh, r+2, 62)
	for c := 1; c <= report.NumCols; c++ {
		w.set(sh, c, PeriodNumberRow, fmt.Sprintf("(%d)", c), st.numRow)
	}
	row := PeriodFirstField
	for i := range p.Rows {
		fr := &p.Rows[i]
		w.set(sh, 1, row, fr.No, st.cell)
		w.set(sh, 2, row, fr.Name, st.text)
		for c := report.ColReceived; c <= report.ColPendingLate; c++ {
			w.set(sh, int(c), row, fr.N(c), st.num)
		}
		row++
	}
	w.merge(sh, 1, row, 2, row, "Tổng cộng", st.totalLabel)
	for c := report.ColReceived; c <= report.ColPendingLate; c++ {
		w.set(sh, int(c), row, p.TotalN(c), st.totalNum)
	}
	w.freeze(sh, PeriodNumberRow)

	// Signature block.
	row += 2
	place := h.Place
	if place != "" {
		place += ", "
	}
	prepared := h.Prepared
	if prepared.IsZero() {
		prepared = w.opt.Now
	}
	w.merge(sh, 9, row, 13, row, place+longDate(prepared), st.italic)
	w.merge(sh, 1, row+1, 5, row+1, "NGƯỜI LẬP BIỂU", st.subtitle)
	w.merge(sh, 9, row+1, 13, row+1, "THỦ TRƯỞNG ĐƠN VỊ", st.subtitle)
	w.merge(sh, 1, row+2, 5, row+2, "(Ký, ghi rõ họ tên)", st.italic)
	w.merge(sh, 9, row+2, 13, row+2, "(Ký tên, đóng dấu)", st.italic)
	w.merge(sh, 1, row+6, 5, row+6, h.Preparer, st.subtitle)
	w.merge(sh, 9, row+6, 13, row+6, h.Head, st.subtitle)
	w.landscape(sh)
}
