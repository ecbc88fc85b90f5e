package forms

import (
	"errors"
	"net/url"
	"strings"

	"motcua/desk"
	"motcua/dossier"
)

// copies are the two liên of the receipt (decree118.md A.1.1, Mẫu 01 line
// 15: one stays at the unit with the control slip, one goes to the
// applicant).
var copies = []string{
	"(Liên 1: Lưu tại %s)",
	"(Liên 2: Giao người nộp hồ sơ)",
}

// receipt builds form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, both
// liên. TT 03 follows the post-7/2025 variant I4 (decree118.md A.1.1: the
// component table STT | Tên giấy tờ | Loại giấy tờ | Số lượng, no
// statutory-time line, a fee line, "(nếu có)" after the book reference);
// TT 01 follows I1 (OpenCPS) and R1 (domain.md §1.2).
func (b *builder) receipt() error {
	d := b.in.Dossier
	if d.Kind != dossier.KindDossier || d.Code == "" {
		return errors.New("form 01 is issued only for a received dossier; a guidance record prints form 02")
	}
	if d.Status == dossier.StatusRefused {
		return errors.New("dossier " + string(d.Code) + " was refused at intake: print form 03")
	}
	if strings.TrimSpace(b.in.QR) == "" {
		return errors.New("form 01 needs the signed receipt QR text (forms.SignReceipt with the desk key)")
	}
	b.portrait()
	for i, label := range copies {
		if i == 0 {
			label = strings.Replace(label, "%s", b.oneStop(), 1)
		}
		b.c.startCopy()
		b.receiptCopy(d, label)
		b.pageNumbers()
	}
	return nil
}

func (b *builder) receiptCopy(d *dossier.Dossier, label string) {
	c := b.c
	b.header("", d.ReceivedAt, "")
	b.title()

	// Code block: the code and the copy label, the barcode under them, the
	// QR on the right (domain.md §1.2 Mẫu 01 item 1).
	const qrSize = 24.0
	top := c.y
	left := c.cw() - qrSize - 4
	y := top + c.place(c.ml, top, left, fBold, Left, "Mã hồ sơ: "+string(d.Code))
	y += c.place(c.ml, y, left, fItalic, Left, label)
	y += 1
	bw := min(left, 80.0)
	c.add(Item{Image: &Image{X: r2(c.ml), Y: r2(y), W: r2(bw), H: 11, Kind: Barcode, Data: string(d.Code)}})
	y += 11
	qx := c.pw - c.mr - qrSize
	c.add(Item{Image: &Image{X: r2(qx), Y: r2(top), W: qrSize, H: qrSize, Kind: QR, Data: b.in.QR}})
	c.y = r2(max(y, top+qrSize) + 2)

	tt03 := b.set == desk.FormsTT03
	c.field(c.ml, b.oneStop()+":", b.in.Office.Name, fBody)
	sub := &d.Submitter
	c.field(c.ml, "Tiếp nhận hồ sơ của:", honorific(sub)+" "+sub.Name, fBold)
	b.idLine(sub)
	b.contactLines(sub)
	if d.Owner != nil {
		c.field(c.ml, "Chủ hồ sơ:", honorific(d.Owner)+" "+d.Owner.Name, fBold)
		c.field(c.ml, "Địa chỉ chủ hồ sơ:", d.Owner.Address, fBody)
		if a := strings.TrimSpace(d.Authorisation); a != "" {
			c.field(c.ml, "Giấy ủy quyền:", a, fBody)
		}
	}
	c.field(c.ml, b.procedureLabel(), procedureText(d), fBold)
	if s := strings.TrimSpace(d.Summary); tt03 && s != "" && s != strings.TrimSpace(d.Procedure.Name) {
		c.field(c.ml, "Nội dung yêu cầu giải quyết:", s, fBody)
	}

	n := 0
	item := func(s string) {
		n++
		c.line(itoa(n) + ". " + s)
	}
	if tt03 {
		item("Thành phần hồ sơ, yêu cầu và số lượng mỗi loại giấy tờ gồm:")
		b.componentsTT03(d)
		item("Số lượng hồ sơ: 01 (bộ)")
	} else {
		item("Thành phần hồ sơ nộp gồm:")
		b.componentsTT01(d)
		item("Số bộ hồ sơ: 01 (bộ)")
		item("Thời gian giải quyết hồ sơ theo quy định là: " + LimitVN(d.TimeLimit))
	}
	item("Thời gian nhận hồ sơ: " + TimeVN(d.ReceivedAt))
	due := NoAppointment
	if !d.FirstAppointment.IsZero() {
		due = TimeVN(d.FirstAppointment)
	}
	item("Thời gian trả kết quả giải quyết hồ sơ: " + due)
	where := strings.TrimSpace(b.in.Office.Name)
	if a := strings.TrimSpace(b.in.Office.Address); a != "" {
		where += ", " + a
	}
	if d.ReturnBy == dossier.ReturnByPost {
		where = "Qua dịch vụ bưu chính công ích"
		if a := strings.TrimSpace(d.OwnerParty().Address); a != "" {
			where += ", đến địa chỉ: " + a
		}
	}
	if tt03 {
		item("Đăng ký trả kết quả tại: " + where)
		item("Phí, lệ phí (nếu có): " + feesText(d))
		c.line("Vào Sổ theo dõi hồ sơ, Quyển số: ………… Số thứ tự: ………… (nếu có)")
	} else {
		item("Đăng ký nhận kết quả tại: " + where)
		c.line("Vào Sổ theo dõi hồ sơ, Quyển số: ………… Số thứ tự: …………")
	}
	c.gap(1)

	unit := b.oneStop()
	look := "Cổng Dịch vụ công quốc gia"
	if u, err := url.Parse(b.in.Office.LookupURL); err == nil && u.Host != "" {
		look = u.Host
	}
	for _, s := range []string{
		"Ghi chú: Giấy tiếp nhận hồ sơ và hẹn trả kết quả được lập thành 02 liên: 01 liên chuyển kèm Phiếu kiểm soát quá trình giải quyết hồ sơ và lưu tại " + unit + "; 01 liên giao cho người nộp hồ sơ. Người nộp hồ sơ có thể đăng ký nhận kết quả tại " + unit + " hoặc qua dịch vụ bưu chính công ích.",
		"- Người nộp hồ sơ mang theo Giấy này khi đến nhận kết quả; trường hợp mất Giấy, xuất trình giấy tờ tùy thân. Nếu chủ hồ sơ không trực tiếp đến nhận kết quả thì người nhận thay phải có giấy ủy quyền theo quy định.",
		"- Tra cứu tình trạng hồ sơ: quét mã QR hoặc nhập mã hồ sơ tại " + look + ".",
	} {
		c.para(c.ml, c.cw(), fNote, Left, s)
	}
	c.gap(1.5)
	c.signatures([]column{
		{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", d.Submitter.Name},
		{"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", clerkName(d)},
	}, 13)
}

// received lists the components handed in, shown, or taken from national
// data, in checklist order.
func received(d *dossier.Dossier) []dossier.Item {
	var out []dossier.Item
	for _, it := range d.Checklist {
		switch it.Decision {
		case dossier.DecisionSubmitted, dossier.DecisionPresented, dossier.DecisionNationalData:
			out = append(out, it)
		}
	}
	return out
}

func itemName(it dossier.Item) string {
	s := strings.TrimSpace(it.Name)
	if n := strings.TrimSpace(it.Note); n != "" {
		s += " (" + n + ")"
	}
	return s
}

// componentsTT03: STT | Tên giấy tờ | Loại giấy tờ | Số lượng.
func (b *builder) componentsTT03(d *dossier.Dossier) {
	c := b.c
	cw := c.cw()
	ts := tableSpec{cols: []float64{11, cw - 11 - 42 - 20, 42, 20}, font: fCell, hfont: fCellB, pad: tablePad, border: thinLine,
		header: [][]hcell{{{col: 0, text: "STT"}, {col: 1, text: "Tên giấy tờ"}, {col: 2, text: "Loại giấy tờ"}, {col: 3, text: "Số lượng"}}}}
	var rows [][]cellSpec
	for i, it := range received(d) {
		var kinds, counts []string
		switch it.Decision {
		case dossier.DecisionSubmitted:
			for _, kc := range []struct {
				n    int
				name string
			}{{it.Originals, "Bản chính"}, {it.CertifiedCopies, "Bản chứng thực"}, {it.Copies, "Bản photo"}} {
				if kc.n > 0 {
					kinds = append(kinds, kc.name)
					counts = append(counts, count(kc.n))
				}
			}
		case dossier.DecisionPresented:
			kinds, counts = []string{"Xuất trình (đã trả lại)"}, []string{"–"}
		case dossier.DecisionNationalData:
			kinds, counts = []string{"Khai thác từ cơ sở dữ liệu"}, []string{"–"}
		}
		rows = append(rows, []cellSpec{
			{text: itoa(i + 1), align: Center},
			{text: itemName(it)},
			{text: strings.Join(kinds, "\n")},
			{text: strings.Join(counts, "\n"), align: Center},
		})
	}
	if len(rows) == 0 {
		rows = append(rows, []cellSpec{{}, {text: "Không có giấy tờ nộp bản giấy."}, {}, {}})
	}
	c.table(ts, rows)
	c.gap(1.5)
}

// componentsTT01: TT | Thành phần hồ sơ | Số lượng {Bản chính | Bản
// chứng thực | Bản photo} (R1, domain.md §1.2 Mẫu 01 item 6).
func (b *builder) componentsTT01(d *dossier.Dossier) {
	c := b.c
	cw := c.cw()
	ts := tableSpec{cols: []float64{10, cw - 10 - 3*19, 19, 19, 19}, font: fCell, hfont: fCellB, pad: tablePad, border: thinLine,
		header: [][]hcell{
			{{col: 0, rowspan: 2, text: "TT"}, {col: 1, rowspan: 2, text: "Thành phần hồ sơ"}, {col: 2, span: 3, text: "Số lượng"}},
			{{col: 2, text: "Bản chính"}, {col: 3, text: "Bản chứng thực"}, {col: 4, text: "Bản photo"}},
		}}
	var rows [][]cellSpec
	for i, it := range received(d) {
		row := []cellSpec{{text: itoa(i + 1), align: Center}, {text: itemName(it)}}
		switch it.Decision {
		case dossier.DecisionPresented:
			row = append(row, cellSpec{text: "Xuất trình, đã trả lại", span: 3, align: Center})
		case dossier.DecisionNationalData:
			row = append(row, cellSpec{text: "Khai thác từ cơ sở dữ liệu", span: 3, align: Center})
		default:
			row = append(row, cellSpec{text: count(it.Originals), align: Center}, cellSpec{text: count(it.CertifiedCopies), align: Center}, cellSpec{text: count(it.Copies), align: Center})
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		rows = append(rows, []cellSpec{{}, {text: "Không có giấy tờ nộp bản giấy."}, {}, {}, {}})
	}
	c.table(ts, rows)
	c.gap(1.5)
}

// feesText lists the fees: "Lệ phí cấp …: 50.000 đồng (đã thu); …" or
// "Không".
func feesText(d *dossier.Dossier) string {
	if len(d.Fees) == 0 {
		return "Không"
	}
	var parts []string
	for _, f := range d.Fees {
		s := strings.TrimSpace(f.Name) + ": " + Money(f.Amount)
		switch {
		case f.Amount == 0:
			s = strings.TrimSpace(f.Name) + ": miễn"
		case f.When == dossier.FeeAtReturn:
			s += " (nộp khi nhận kết quả)"
		case f.Paid:
			s += " (đã nộp)"
		default:
			s += " (nộp khi tiếp nhận)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
