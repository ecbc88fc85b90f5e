package forms

import (
	"errors"
	"strings"
	"time"

	"motcua/desk"
	"motcua/dossier"
)

// contact is the closing line of the counter slips: whom to ask and where
// to read the procedure (decree118.md A.1.1, Mẫu 02 line 8 and Mẫu 03
// line 9).
func (b *builder) contact(d *dossier.Dossier) {
	o := b.in.Office
	s := "Mọi vướng mắc xin liên hệ " + b.oneStop() + " – " + strings.TrimSpace(o.Name)
	if n := clerkName(d); n != "" {
		s += " (công chức hướng dẫn: " + n + ")"
	}
	if p := strings.TrimSpace(o.Phone); p != "" {
		s += ", số điện thoại: " + p
	}
	s += "; thông tin thủ tục hành chính được công khai trên Cổng Dịch vụ công quốc gia."
	b.c.para(b.c.ml, b.c.cw(), fItalic, Left, s)
}

// supplement builds form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, in
// the order of I2 (decree118.md A.1.1, TT 01 Mẫu 02; the same list for
// TT 03, whose layout is unknown). For a guidance record it is the counter
// slip with the guidance number and the missing components; for a
// received dossier it is the request after appraisal (Decree 118 art.
// 19.5) from the supplement-requested event.
func (b *builder) supplement() error {
	d := b.in.Dossier
	var (
		no     string
		when   time.Time
		items  []dossier.Item
		reason string
	)
	if d.Kind == dossier.KindGuidance {
		no = d.GuidanceNo + "/HDHS"
		if strings.Contains(d.GuidanceNo, "/") {
			no = d.GuidanceNo
		}
		when = d.ReceivedAt
		items = d.Missing()
		reason = d.Reason
	} else {
		_, ev, err := b.pick(dossier.EvSupplementRequest)
		if err != nil {
			return errors.New(err.Error() + "; form 02 for a received dossier needs a supplement request")
		}
		no = "…………/HDHS"
		when = ev.At
		reason = ev.Note
		for _, name := range ev.Items {
			it := dossier.Item{Name: name}
			for _, c := range d.Checklist {
				if strings.EqualFold(strings.TrimSpace(c.Name), strings.TrimSpace(name)) {
					it = c
					break
				}
			}
			items = append(items, it)
		}
	}
	c := b.portrait()
	c.startCopy()
	b.header("Số: "+no, when, "")
	b.title()
	sub := &d.Submitter
	c.field(c.ml, b.oneStop()+":", b.in.Office.Name, fBody)
	c.field(c.ml, "Tiếp nhận hồ sơ/yêu cầu của "+honorific(sub)+":", sub.Name, fBold)
	c.field(c.ml, "Nội dung yêu cầu giải quyết:", procedureText(d), fBody)
	b.contactLines(sub)
	c.gap(1)
	if len(items) > 0 {
		c.line("Yêu cầu " + honorific(sub) + " hoàn thiện hồ sơ gồm những nội dung sau:")
		cw := c.cw()
		// The catalog gives originals and copies (catalog.Component), so
		// the quantity has those two columns rather than R1's three.
		ts := tableSpec{cols: []float64{10, cw - 10 - 2*20 - 45, 20, 20, 45}, font: fCell, hfont: fCellB, pad: tablePad, border: thinLine,
			header: [][]hcell{
				{{col: 0, rowspan: 2, text: "TT"}, {col: 1, rowspan: 2, text: "Thành phần hồ sơ"}, {col: 2, span: 2, text: "Số lượng"}, {col: 4, rowspan: 2, text: "Nội dung cần bổ sung, hoàn thiện"}},
				{{col: 2, text: "Bản chính"}, {col: 3, text: "Bản sao"}},
			}}
		var rows [][]cellSpec
		for i, it := range items {
			what := "Nộp bổ sung"
			if it.Decision == dossier.DecisionSubmitted || strings.TrimSpace(it.Note) != "" {
				what = "Hoàn thiện theo quy định"
			}
			if n := strings.TrimSpace(it.Note); n != "" {
				what = n
			}
			rows = append(rows, []cellSpec{
				{text: itoa(i + 1), align: Center},
				{text: strings.TrimSpace(it.Name)},
				{text: count(it.WantOriginals), align: Center},
				{text: count(it.WantCopies), align: Center},
				{text: what},
			})
		}
		c.table(ts, rows)
		c.gap(1.5)
	}
	if r := strings.TrimSpace(reason); r != "" {
		c.field(c.ml, "Lý do:", r, fBody)
	} else {
		c.field(c.ml, "Lý do:", "Hồ sơ chưa đầy đủ thành phần theo quy định của thủ tục hành chính.", fBody)
	}
	b.contact(d)
	c.gap(4)
	c.signatures([]column{{"NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", clerkName(d)}}, 18)
	b.pageNumbers()
	return nil
}

// refusal builds form 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ, in
// the order of I3 (decree118.md A.1.1): at intake (status 3, the reason
// on the record) or after appraisal (result-ready refused, Decree 118 art.
// 19.3, the reason on the event).
func (b *builder) refusal() error {
	d := b.in.Dossier
	var (
		when   time.Time
		reason string
	)
	switch {
	case d.Kind == dossier.KindGuidance:
		return errors.New("a guidance record was not refused: print form 02")
	case d.Status == dossier.StatusRefused:
		when, reason = d.ReceivedAt, d.Reason
		if len(d.History) > 0 && d.History[0].Kind == dossier.EvRefused {
			when = d.History[0].At
			if reason == "" {
				reason = d.History[0].Note
			}
		}
	default:
		_, ev, err := b.pick(dossier.EvResultReady)
		if err != nil || ev.Result != dossier.ResultRefused {
			return errors.New("dossier " + recordNo(d) + " was neither refused at intake nor refused after appraisal")
		}
		when, reason = ev.At, ev.Note
	}
	c := b.portrait()
	c.startCopy()
	b.header("Số: …………/TCHS", when, "")
	b.title()
	sub := &d.Submitter
	c.field(c.ml, b.oneStop()+":", b.in.Office.Name, fBody)
	c.field(c.ml, "Tiếp nhận hồ sơ của:", honorific(sub)+" "+sub.Name, fBold)
	b.contactLines(sub)
	c.field(c.ml, "Nội dung yêu cầu giải quyết:", procedureText(d), fBody)
	if d.Code != "" {
		c.field(c.ml, "Mã hồ sơ:", string(d.Code), fBody)
	}
	c.gap(1)
	c.line("Qua kiểm tra, đối chiếu hồ sơ, " + strings.TrimSpace(b.in.Office.Name) + " từ chối tiếp nhận, giải quyết hồ sơ của " + honorific(sub) + " với lý do cụ thể như sau:")
	r := strings.TrimSpace(reason)
	if r == "" {
		return errors.New("the refusal of " + recordNo(d) + " has no reason on record (Decree 118 art. 17.1.c requires one)")
	}
	c.para(c.ml+6, c.cw()-6, fBody, Left, r)
	c.gap(1)
	c.line("Xin thông báo cho " + honorific(sub) + " được biết và thực hiện.")
	b.contact(d)
	c.gap(4)
	c.signatures([]column{
		{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", sub.Name},
		{"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", clerkName(d)},
	}, 18)
	b.pageNumbers()
	return nil
}

// recipients prints the "Nơi nhận" block of a letter at the left of the
// signature (Decree 30/2020 layout), returning its bottom.
func (b *builder) recipients(top float64, lines []string) float64 {
	c := b.c
	y := top + c.place(c.ml, top, c.cw()/2-5, Font{Family, BoldItalic, 11}, Left, "Nơi nhận:")
	for _, l := range lines {
		y += c.place(c.ml, y, c.cw()/2-5, Font{Family, Regular, 10}, Left, l)
	}
	return y
}

// headSignature is the signature of the head of the agency, with the seal
// (domain.md §1.2 Mẫu 04 item 6), next to the recipients.
func (b *builder) headSignature(recips []string) {
	c := b.c
	c.need(40)
	top := c.y
	bottom := b.recipients(top, recips)
	c.signatures([]column{{"THỦ TRƯỞNG CƠ QUAN", "(Ký, ghi rõ họ tên và đóng dấu)", ""}}, 22)
	c.y = r2(max(c.y, bottom))
}

// apology builds form 04 from the extension event: TT 03 "Văn bản xin lỗi
// và đề nghị gia hạn thời gian giải quyết" (Decree 118 art. 19.6: the
// reason for the delay and the proposed new time), TT 01 "Phiếu xin lỗi
// và hẹn lại ngày trả kết quả" (domain.md §1.2 Mẫu 04, order of I5/I6).
func (b *builder) apology() error {
	d := b.in.Dossier
	i, ev, err := b.pick(dossier.EvExtended)
	if err != nil {
		return errors.New(err.Error() + "; form 04 needs the delay reason and the new appointment of an extension")
	}
	old := d.AsOf(i - 1).Appointment
	tt03 := b.set == desk.FormsTT03
	c := b.portrait()
	c.startCopy()
	if tt03 {
		b.header("Số: …………", ev.At, "V/v xin lỗi và đề nghị gia hạn thời gian giải quyết hồ sơ")
	} else {
		b.header("Số: …………/PXL", ev.At, "")
	}
	b.title()
	owner := d.OwnerParty()
	c.field(c.ml+15, "Kính gửi:", honorific(owner)+" "+owner.Name, fBold)
	if a := strings.TrimSpace(owner.Address); a != "" {
		c.field(c.ml+15, "Địa chỉ:", a, fBody)
	}
	if p := strings.TrimSpace(owner.Phone); p != "" {
		c.field(c.ml+15, "Số điện thoại:", p, fBody)
	}
	c.gap(1.5)
	unit := strings.TrimSpace(b.in.Office.Name)
	oldText := NoAppointment
	if !old.IsZero() {
		oldText = TimeVN(old)
	}
	c.line("Ngày " + DateVN(d.ReceivedAt) + ", " + unit + " tiếp nhận hồ sơ của " + honorific(owner) + " đề nghị giải quyết thủ tục: " + procedureText(d) + ".")
	c.line("Mã hồ sơ: " + string(d.Code) + ". Thời gian hẹn trả kết quả giải quyết hồ sơ: " + oldText + ".")
	dept := strings.TrimSpace(d.AsOf(i).Department)
	late := "Tuy nhiên, đến nay hồ sơ của " + honorific(owner) + " chưa được giải quyết xong"
	if dept != "" {
		late += " tại " + dept
	}
	c.line(late + ". Lý do: " + strings.TrimSpace(ev.Note) + ".")
	c.line("Sự chậm trễ này đã gây phiền hà, tốn kém chi phí, thời gian của " + honorific(owner) + ". " + unit + " thành thật xin lỗi " + honorific(owner) + " và mong nhận được sự thông cảm.")
	where := unit
	if a := strings.TrimSpace(b.in.Office.Address); a != "" {
		where += ", " + a
	}
	if tt03 {
		c.line("Đề nghị gia hạn thời gian giải quyết hồ sơ; thời gian trả kết quả giải quyết hồ sơ sau khi gia hạn: " + TimeVN(ev.Appointment) + ", tại " + where + ".")
	} else {
		c.line("Hẹn lại thời gian trả kết quả giải quyết hồ sơ: " + TimeVN(ev.Appointment) + ", tại " + where + ".")
	}
	c.line("Trân trọng./.")
	c.gap(3)
	recips := []string{"- Như trên;", "- " + b.oneStop() + ";"}
	if dept != "" {
		recips = append(recips, "- "+dept+";")
	}
	recips = append(recips, "- Lưu: VT.")
	b.headSignature(recips)
	b.pageNumbers()
	return nil
}

// stop builds form 05 of TT 03, Thông báo dừng giải quyết hồ sơ, from the
// stop (or withdrawal) event. Its layout is unknown (decree118.md A.1.1
// [U]); the content is what Decree 118 art. 21 requires: the dossier, the
// moment and the reason of the stop, and that paper originals and fees are
// settled under sector law.
func (b *builder) stop() error {
	d := b.in.Dossier
	_, ev, err := b.pick(dossier.EvStopped, dossier.EvWithdrawn)
	if err != nil {
		return errors.New(err.Error() + "; form 05 needs a stop")
	}
	c := b.portrait()
	c.startCopy()
	b.header("Số: …………/TB", ev.At, "")
	b.title()
	owner := d.OwnerParty()
	c.field(c.ml+15, "Kính gửi:", honorific(owner)+" "+owner.Name, fBold)
	if a := strings.TrimSpace(owner.Address); a != "" {
		c.field(c.ml+15, "Địa chỉ:", a, fBody)
	}
	c.gap(1.5)
	unit := strings.TrimSpace(b.in.Office.Name)
	c.line(unit + " thông báo: hồ sơ mã số " + string(d.Code) + " của " + honorific(owner) + ", đề nghị giải quyết thủ tục: " + procedureText(d) + ", tiếp nhận lúc " + TimeVN(d.ReceivedAt) + ", được dừng giải quyết kể từ " + TimeVN(ev.At) + ".")
	c.field(c.ml, "Lý do:", strings.TrimSpace(ev.Note), fBody)
	c.line("Việc trả lại hồ sơ giấy (nếu có) và phí, lệ phí đã nộp (nếu có) được thực hiện theo quy định của pháp luật chuyên ngành.")
	c.line("Xin thông báo để " + honorific(owner) + " được biết./.")
	c.gap(3)
	recips := []string{"- Như trên;"}
	if dept := strings.TrimSpace(d.Department); dept != "" {
		recips = append(recips, "- "+dept+";")
	}
	recips = append(recips, "- Lưu: VT.")
	b.headSignature(recips)
	b.pageNumbers()
	return nil
}
