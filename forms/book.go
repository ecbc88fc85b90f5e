package forms

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"motcua/dossier"
)

// bookColumns are the tracking book's columns (domain.md §1.2, Mẫu 06
// old / 07 new, the official column list as recalled [U]): seven
// identification columns, five dates under "Ngày, tháng, năm", then "Ký
// nhận" and "Ghi chú". Widths in mm for A4 landscape with 12 mm margins.
var bookCols = []float64{8, 25, 35, 12, 25, 28, 23, 17, 17, 17, 17, 17, 14, 18}

const bookMargin = 12.0

// book builds the tracking book for the dossiers received in [From, To],
// landscape, with the column headers repeated on every page and "Trang
// n/N" at the foot.
func (b *builder) book() error {
	in := b.in
	if in.From.IsZero() || in.To.IsZero() {
		return errors.New("the tracking book needs the first and last receipt days")
	}
	from, to := dossier.Day(in.From), dossier.Day(in.To)
	if to.Before(from) {
		return fmt.Errorf("the book's last day %s is before its first day %s", DateVN(to), DateVN(from))
	}
	var ds []*dossier.Dossier
	for _, d := range in.Dossiers {
		if d == nil || d.Kind != dossier.KindDossier || d.Status == dossier.StatusRefused {
			continue
		}
		day := dossier.Day(d.ReceivedAt)
		if day.Before(from) || day.After(to) {
			continue
		}
		ds = append(ds, d)
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if !ds[i].ReceivedAt.Equal(ds[j].ReceivedAt) {
			return ds[i].ReceivedAt.Before(ds[j].ReceivedAt)
		}
		return ds[i].Code < ds[j].Code
	})
	printed := in.Now
	if printed.IsZero() {
		printed = to
	}
	b.c = newComposer(b.doc, A4Long, A4Short, bookMargin, bookMargin, 10, 12)
	c := b.c
	c.startCopy()
	b.header("", printed, "")
	b.title()
	period := "Ngày " + DateVN(from)
	if !to.Equal(from) {
		period = "Từ ngày " + DateVN(from) + " đến ngày " + DateVN(to)
	}
	c.para(c.ml, c.cw(), fItalic, Center, period)
	c.gap(2)

	f8 := Font{Family, Regular, 8}
	f8b := Font{Family, Bold, 8}
	f8i := Font{Family, Italic, 8}
	titles := []string{"STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết"}
	var h1, h2, h3 []hcell
	for i, t := range titles {
		h1 = append(h1, hcell{col: i, rowspan: 2, text: t})
	}
	h1 = append(h1, hcell{col: 7, span: 5, text: "Ngày, tháng, năm"})
	for i, t := range []string{"Nhận hồ sơ", "Hẹn trả kết quả", "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết", "Trả kết quả cho cá nhân, tổ chức"} {
		h2 = append(h2, hcell{col: 7 + i, text: t})
	}
	h1 = append(h1, hcell{col: 12, rowspan: 2, text: "Ký nhận"}, hcell{col: 13, rowspan: 2, text: "Ghi chú"})
	for i := range bookCols {
		h3 = append(h3, hcell{col: i, text: "(" + itoa(i+1) + ")"})
	}
	ts := tableSpec{cols: bookCols, font: f8, hfont: f8b, pad: 1, border: thinLine, header: [][]hcell{h1, h2, h3}, minRowH: 9}
	var rows [][]cellSpec
	for i, d := range ds {
		rows = append(rows, bookRow(i+1, d, &f8i))
	}
	if len(rows) == 0 {
		rows = append(rows, []cellSpec{{text: "Không có hồ sơ được tiếp nhận trong thời gian này.", span: len(bookCols), align: Center}})
	}
	c.table(ts, rows)
	c.gap(3)
	c.para(c.ml, c.cw(), Font{Family, Italic, 9}, Left, fmt.Sprintf("Tổng số: %d hồ sơ. Sổ in lúc %s.", len(ds), TimeVN(printed)))
	b.pageNumbers()
	return nil
}

// bookRow is one dossier's line in the book.
func bookRow(n int, d *dossier.Dossier, fi *Font) []cellSpec {
	owner := d.OwnerParty()
	addr := strings.TrimSpace(owner.Address)
	if p := strings.TrimSpace(owner.Phone); p != "" {
		if addr != "" {
			addr += "\n"
		}
		addr += p
	}
	agency := strings.TrimSpace(d.Department)
	if agency == "" {
		agency = strings.TrimSpace(d.Procedure.Agency)
	}
	var transferred, result = "", ""
	for _, ev := range d.History {
		switch ev.Kind {
		case dossier.EvTransferred:
			if transferred == "" {
				transferred = shortTime(ev.At)
			}
		case dossier.EvResultReady:
			result = shortTime(ev.At)
		}
	}
	due := shortTime(d.FirstAppointment)
	if d.FirstAppointment.IsZero() {
		due = "Không hẹn"
	}
	var notes []string
	if d.Extended {
		notes = append(notes, "Gia hạn đến "+strings.Replace(shortTime(d.Appointment), "\n", " ", 1))
	}
	if d.Supplements > 0 {
		notes = append(notes, fmt.Sprintf("Yêu cầu bổ sung %d lần", d.Supplements))
	}
	switch d.Status {
	case dossier.StatusStopped:
		notes = append(notes, "Dừng giải quyết")
	case dossier.StatusWithdrawn:
		notes = append(notes, "Rút hồ sơ")
	}
	if d.ResultKind == dossier.ResultRefused {
		notes = append(notes, "Từ chối giải quyết")
	}
	if d.ReturnBy == dossier.ReturnByPost {
		notes = append(notes, "Trả qua bưu chính")
	}
	if d.Owner != nil {
		notes = append(notes, "Người nộp: "+strings.TrimSpace(d.Submitter.Name))
	}
	return []cellSpec{
		{text: itoa(n), align: Center},
		{text: string(d.Code)},
		{text: procedureText(d)},
		{text: "01", align: Center},
		{text: owner.Name},
		{text: addr},
		{text: agency},
		{text: shortTime(d.ReceivedAt), align: Center},
		{text: due, align: Center},
		{text: transferred, align: Center},
		{text: result, align: Center},
		{text: shortTime(d.ReturnedAt), align: Center},
		{},
		{text: strings.Join(notes, "; "), font: fi},
	}
}
