package dossierui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// actionForm is the dialog of one action on one dossier. Only the fields
// the action needs are set.
type actionForm struct {
	kind    dossier.EventKind
	d       *dossier.Dossier
	dlg     dialog.Dialog
	err     *widget.Label
	confirm *kit.Button
	first   fyne.Focusable
	busy    bool

	dept        *widgets.VNEntry
	note        *widgets.VNEntry
	items       *widget.CheckGroup
	itemNames   []string
	extra       *widgets.VNEntry
	result      *kit.Choice
	amount      *kit.Entry
	collector   *widgets.VNEntry
	collectorID *kit.Entry
	idChecked   *widget.Check
	authorised  *widget.Check
	slip        *kit.Choice
	appt        *kit.Entry
	apprUser    *kit.Entry
	apprPass    *kit.Entry
	field       *kit.Choice
	fields      []string
	old         *widget.Label
	newVal      *widgets.VNEntry
}

func (s *lookup) vn() *widgets.VNEntry { return kit.NewVN(s.deps.Typing, false, s.keys.Scan) }

func (s *lookup) vnMulti() *widgets.VNEntry {
	e := kit.NewVN(s.deps.Typing, true, s.keys.Scan)
	e.SetMinRowsVisible(2)
	return e
}

// openAction shows the dialog of action k for the current dossier.
func (s *lookup) openAction(k dossier.EventKind) {
	d := s.cur
	if d == nil {
		return
	}
	if s.act != nil {
		s.closeAction()
	}
	a := &actionForm{kind: k, d: d, err: kit.ErrorLabel()}
	var rows []fyne.CanvasObject
	field := func(label string, required bool, in fyne.CanvasObject) {
		rows = append(rows, kit.NewField(label, required, in).Label, in)
	}
	var intro []fyne.CanvasObject
	hint := func(t string, imp widget.Importance) {
		l := widget.NewLabel(t)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		intro = append(intro, l)
	}
	hint(label(d)+" – "+ownerName(d)+" – "+shorten(d.Procedure.Name, 90), widget.MediumImportance)
	switch k {
	case dossier.EvTransferred:
		a.dept = s.vn()
		a.dept.SetText(d.Procedure.Agency)
		a.note = s.vn()
		field(tr("f.dept", "Cơ quan, bộ phận giải quyết"), true, a.dept)
		field(tr("f.note", "Ghi chú"), false, a.note)
		if transferNextDay(d) {
			hint(tr("a.transferNext", "Hồ sơ giấy nhận sau 15 giờ: chuyển sáng ngày làm việc tiếp theo (trước {{.T}}), Nghị định 118/2025, Điều 18.", map[string]any{"T": kit.DateTime(d.TransferDue)}), widget.WarningImportance)
		}
		hint(tr("a.transferPrint", "Sau khi ghi nhận, phiếu kiểm soát quá trình giải quyết (mẫu 06) được in."), widget.MediumImportance)
		a.first = a.dept
	case dossier.EvSupplementRequest:
		for _, it := range d.Checklist {
			a.itemNames = append(a.itemNames, shorten(it.Name, 120))
		}
		a.items = widget.NewCheckGroup(a.itemNames, nil)
		a.extra = s.vn()
		a.extra.SetPlaceHolder(tr("a.extraPh", "Nội dung khác cần bổ sung, hoàn thiện"))
		a.note = s.vnMulti()
		rows = append(rows, kit.Heading(tr("f.items", "Thành phần cần bổ sung")), scrollBox(a.items, 180))
		field(tr("f.other", "Nội dung khác"), false, a.extra)
		field(tr("f.reason", "Lý do"), d.Supplements > 0, a.note)
		hint(tr("a.suppRule", "Yêu cầu bổ sung một lần, đầy đủ; gửi trong 03 ngày làm việc kể từ khi nhận hồ sơ. Khi nhận đủ hồ sơ bổ sung, thời hạn giải quyết tính lại từ đầu (Nghị định 118/2025, Điều 19.5). In phiếu yêu cầu bổ sung (mẫu 02)."), widget.MediumImportance)
		if d.Supplements > 0 {
			hint(tr("a.suppSecond", "⚠ Đây là lần yêu cầu bổ sung thứ {{.N}}: phải ghi lý do bằng văn bản; chỉ số quốc gia tính hồ sơ trễ hạn.", map[string]any{"N": d.Supplements + 1}), widget.DangerImportance)
		}
		a.first = a.extra
	case dossier.EvSupplementReceived:
		a.note = s.vn()
		field(tr("f.note", "Ghi chú"), false, a.note)
		if d.TimeLimit.Unit != "none" {
			hint(tr("a.restart", "Hồ sơ bổ sung đã đủ: thời hạn {{.L}} tính lại từ đầu kể từ bây giờ; ngày hẹn trả mới được tính và ghi lại.", map[string]any{"L": kit.LimitText(d.TimeLimit)}), widget.WarningImportance)
		}
		a.first = a.note
	case dossier.EvObligation:
		a.amount = kit.NewEntry(s.keys)
		a.amount.SetPlaceHolder(tr("a.amountPh", "Số tiền (đ)"))
		a.note = s.vn()
		field(tr("f.amount", "Số tiền phải nộp (đ)"), false, a.amount)
		field(tr("f.note", "Ghi chú"), false, a.note)
		a.first = a.amount
	case dossier.EvObligationPaid:
		a.note = s.vn()
		field(tr("f.noteReceipt", "Ghi chú (số biên lai)"), false, a.note)
		a.first = a.note
	case dossier.EvResultReady:
		a.result = kit.NewChoice([]string{tr("a.approved", "Giải quyết được (có kết quả)"), tr("a.refused", "Từ chối giải quyết sau thẩm định")}, s.keys)
		a.result.SetSelected(0)
		a.dept = s.vn()
		a.dept.SetText(d.Department)
		a.note = s.vnMulti()
		field(tr("f.result", "Kết quả"), true, a.result)
		field(tr("f.from", "Đơn vị trả kết quả"), false, a.dept)
		field(tr("f.resultNote", "Lý do (bắt buộc khi từ chối)"), false, a.note)
		hint(tr("a.refusedRule", "Từ chối sau thẩm định phải có văn bản nêu rõ lý do, trả qua Bộ phận Một cửa (Nghị định 118/2025, Điều 19.3)."), widget.MediumImportance)
		a.first = a.result
	case dossier.EvReturned:
		o := d.OwnerParty()
		a.collector = s.vn()
		a.collector.SetText(o.Name)
		a.collectorID = kit.NewEntry(s.keys)
		a.collectorID.SetText(o.IDNumber)
		a.idChecked = widget.NewCheck(tr("a.idChecked", "Đã kiểm tra giấy tờ tùy thân, đối chiếu với giấy tiếp nhận"), nil)
		a.authorised = widget.NewCheck(tr("a.authorised", "Người khác nhận thay (có giấy ủy quyền)"), nil)
		a.amount = kit.NewEntry(s.keys)
		a.amount.SetText(amountText(feesAtReturn(d)))
		a.slip = kit.NewChoice([]string{tr("a.slipPrint", "In giấy biên nhận trả kết quả"), tr("a.slipBook", "Ký nhận vào sổ theo dõi hồ sơ")}, s.keys)
		a.slip.Horizontal = true
		a.slip.SetSelected(0)
		a.note = s.vn()
		field(tr("f.collector", "Người nhận kết quả"), true, a.collector)
		field(tr("f.collectorID", "Số CCCD/hộ chiếu người nhận"), false, a.collectorID)
		rows = append(rows, widget.NewLabel(""), a.idChecked, widget.NewLabel(""), a.authorised)
		field(tr("f.feesDue", "Phí, lệ phí thu khi trả (đ)"), false, a.amount)
		field(tr("f.slip", "Xác nhận"), false, a.slip)
		field(tr("f.note", "Ghi chú"), false, a.note)
		if d.ResultKind == dossier.ResultRefused {
			hint(tr("a.returnRefused", "Kết quả là văn bản từ chối giải quyết: trả kèm văn bản nêu lý do."), widget.WarningImportance)
		}
		hint(tr("a.returnOriginals", "Trả lại bản chính giấy tờ đã nhận để đối chiếu (Nghị định 118/2025, Điều 22.2)."), widget.MediumImportance)
		a.first = a.collector
	case dossier.EvWithdrawn, dossier.EvStopped:
		a.note = s.vnMulti()
		field(tr("f.reason", "Lý do"), true, a.note)
		if k == dossier.EvStopped {
			hint(tr("a.stopPrint", "In thông báo dừng giải quyết hồ sơ (mẫu 05)."), widget.MediumImportance)
		} else {
			hint(tr("a.withdrawRule", "Công dân có đơn đề nghị rút hồ sơ; trả lại hồ sơ giấy."), widget.MediumImportance)
		}
		a.first = a.note
	case dossier.EvExtended:
		a.appt = kit.NewEntry(s.keys)
		a.appt.SetPlaceHolder(tr("a.apptPh", "dd/mm/yyyy HH:MM"))
		a.note = s.vnMulti()
		field(tr("f.newDue", "Ngày hẹn trả mới"), true, a.appt)
		field(tr("f.delay", "Lý do chậm trễ (in trên văn bản xin lỗi)"), true, a.note)
		sess := s.session()
		if sess == nil || !account.Can(sess.User.Role, account.ActApproveExtend) {
			a.apprUser = kit.NewEntry(s.keys)
			a.apprPass = kit.NewEntry(s.keys)
			a.apprPass.Password = true
			field(tr("f.apprUser", "Lãnh đạo duyệt: tên đăng nhập"), true, a.apprUser)
			field(tr("f.apprPass", "Mật khẩu lãnh đạo"), true, a.apprPass)
		}
		hint(tr("a.extendRule", "Hẹn hiện tại: {{.T}}. Gia hạn chậm nhất 01 ngày trước hạn, chỉ một lần, có lãnh đạo duyệt; gửi văn bản xin lỗi (mẫu 04) (Nghị định 118/2025, Điều 19.6).", map[string]any{"T": kit.DateTime(d.Appointment)}), widget.MediumImportance)
		a.first = a.appt
	case dossier.EvAmended:
		for _, f := range dossier.AmendableFields() {
			if strings.HasPrefix(f, "owner.") && d.Owner == nil {
				continue
			}
			a.fields = append(a.fields, f)
		}
		names := make([]string, len(a.fields))
		for i, f := range a.fields {
			names[i] = fieldLabel(f)
		}
		a.field = kit.NewChoice(names, s.keys)
		a.field.SetKeys(nil)
		a.old = widget.NewLabel("")
		a.old.Wrapping = fyne.TextWrapWord
		a.newVal = s.vn()
		a.note = s.vn()
		a.field.OnChanged = func(i int) {
			a.old.SetText(tr("a.old", "Giá trị hiện tại: “{{.V}}”", map[string]any{"V": fieldValue(d, a.fields[i])}))
		}
		a.field.OnSubmit = func() { s.focus(a.newVal) }
		a.field.Choose(0)
		rows = append(rows, kit.Heading(tr("f.field", "Thông tin cần đính chính")), scrollBox(a.field, 220))
		field(tr("f.current", "Hiện tại"), false, a.old)
		field(tr("f.new", "Giá trị mới"), true, a.newVal)
		field(tr("f.amendReason", "Lý do đính chính"), true, a.note)
		hint(tr("a.amendRule", "Thông tin tiếp nhận không bị sửa âm thầm: mỗi đính chính được ghi lại với giá trị cũ, giá trị mới, người sửa và lý do."), widget.MediumImportance)
		a.first = a.field
	}
	a.confirm = kit.NewButton(tr("a.confirm", "Ghi nhận"), "Ctrl+S", s.keys, s.confirmAction)
	a.confirm.Importance = widget.HighImportance
	cancel := kit.NewButton(widgets.X("common.cancel", "Hủy"), "Esc", s.keys, s.closeAction)
	form := container.New(newFormLayout(), rows...)
	content := container.NewVBox(append(intro, form, a.err, container.NewHBox(a.confirm, cancel))...)
	a.dlg = dialog.NewCustomWithoutButtons(actionName(k), content, s.win)
	a.dlg.Resize(fyne.NewSize(720, 0))
	s.act = a
	a.dlg.Show()
	if a.first != nil {
		s.win.Canvas().Focus(a.first)
	}
	setSubmit(s.win, a)
}

// setSubmit makes Enter in single-line fields move to the next field, and
// in the last one confirm.
func setSubmit(w fyne.Window, a *actionForm) {
	next := func(to fyne.Focusable) func(string) {
		return func(string) { focusIn(w, to) }
	}
	if a.dept != nil && a.note != nil {
		a.dept.OnSubmitted = next(a.note)
	}
	if a.extra != nil && a.note != nil {
		a.extra.OnSubmitted = next(a.note)
	}
	if a.collector != nil {
		a.collector.OnSubmitted = next(a.collectorID)
		a.collectorID.OnSubmitted = next(a.amount)
		a.amount.OnSubmitted = next(a.note)
	} else if a.amount != nil && a.note != nil {
		a.amount.OnSubmitted = next(a.note)
	}
	if a.appt != nil {
		a.appt.OnSubmitted = next(a.note)
	}
	if a.apprUser != nil {
		a.apprUser.OnSubmitted = next(a.apprPass)
	}
	if a.newVal != nil {
		a.newVal.OnSubmitted = next(a.note)
	}
}

// closeAction closes the open dialog.
func (s *lookup) closeAction() {
	if s.act == nil {
		return
	}
	s.act.dlg.Hide()
	s.act = nil
	s.focus(s.query)
}

// request builds the transition request from the dialog; problems the
// screen can see before asking the service are returned as text.
func (a *actionForm) request() (desk.TransitionRequest, string) {
	req := desk.TransitionRequest{Kind: a.kind}
	if a.note != nil {
		req.Note = a.note.Text
	}
	switch a.kind {
	case dossier.EvTransferred:
		req.Department = a.dept.Text
	case dossier.EvSupplementRequest:
		for _, sel := range a.items.Selected {
			for i, n := range a.itemNames {
				if n == sel {
					req.Items = append(req.Items, a.d.Checklist[i].Name)
				}
			}
		}
		if x := strings.TrimSpace(a.extra.Text); x != "" {
			req.Items = append(req.Items, x)
		}
	case dossier.EvObligation:
		v, err := kit.ParseMoney(a.amount.Text)
		if err != nil {
			return req, tr("a.amountErr", "Số tiền chỉ gồm chữ số, ví dụ 150.000.")
		}
		req.Amount = v
	case dossier.EvResultReady:
		req.Result = dossier.ResultApproved
		if a.result.Selected() == 1 {
			req.Result = dossier.ResultRefused
		}
		req.Department = a.dept.Text
	case dossier.EvReturned:
		v, err := kit.ParseMoney(a.amount.Text)
		if err != nil {
			return req, tr("a.amountErr", "Số tiền chỉ gồm chữ số, ví dụ 150.000.")
		}
		req.Amount = v
		req.Collector = &dossier.Collector{Name: a.collector.Text, IDNumber: strings.ReplaceAll(strings.TrimSpace(a.collectorID.Text), " ", ""), IDChecked: a.idChecked.Checked, Authorised: a.authorised.Checked}
	case dossier.EvExtended:
		t, err := kit.ParseDateTime(a.appt.Text)
		if err != nil {
			return req, tr("a.apptErr", "Ngày hẹn mới nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 20/11/2025 16:00.")
		}
		req.NewAppointment = t
		if a.apprUser != nil {
			req.Approval = &desk.OverrideRequest{Username: strings.TrimSpace(a.apprUser.Text), Password: a.apprPass.Text}
		}
	case dossier.EvAmended:
		i := a.field.Selected()
		if i < 0 {
			return req, tr("a.fieldErr", "Chọn thông tin cần đính chính.")
		}
		path := a.fields[i]
		nv := a.newVal.Text
		if strings.HasSuffix(path, ".birth_date") {
			if t, err := kit.ParseDate(nv); err == nil {
				nv = t.Format("2006-01-02")
			}
		}
		req.Amend = &dossier.Amendment{Field: path, Old: fieldValue(a.d, path), New: nv, Reason: a.note.Text}
		req.Note = ""
	}
	return req, ""
}

// confirmAction records the action with desk.Service.Transition; a
// refusal is shown in Vietnamese and the dialog stays open.
func (s *lookup) confirmAction() {
	a := s.act
	if a == nil || a.busy {
		return
	}
	req, problem := a.request()
	if problem != "" {
		kit.SetError(a.err, problem)
		return
	}
	sess := s.session()
	if sess == nil || s.deps.Service == nil {
		kit.SetError(a.err, tr("a.session", "Phiên làm việc đã hết: đăng nhập lại."))
		return
	}
	a.busy = true
	a.confirm.Disable()
	code := label(a.d)
	var d *dossier.Dossier
	var err error
	s.run(func() { d, err = s.deps.Service.Transition(sess, code, req) }, func() {
		a.busy = false
		a.confirm.Enable()
		if err != nil {
			kit.SetError(a.err, widgets.ErrorText(err))
			return
		}
		if s.act == a {
			s.closeAction()
		}
		s.replace(d)
		s.setMsg(doneText(a, d), widget.SuccessImportance)
		if f := formAfter(a); f != "" {
			s.print(d, f, false)
		}
	})
}

// formAfter is the form printed after an action.
func formAfter(a *actionForm) string {
	switch a.kind {
	case dossier.EvTransferred:
		return FormControl
	case dossier.EvSupplementRequest:
		return FormSupplement
	case dossier.EvStopped:
		return FormStop
	case dossier.EvExtended:
		return FormApology
	case dossier.EvReturned:
		if a.slip.Selected() == 0 {
			return FormReturn
		}
	}
	return ""
}

func doneText(a *actionForm, d *dossier.Dossier) string {
	switch a.kind {
	case dossier.EvTransferred:
		return tr("done.transfer", "Đã chuyển hồ sơ {{.C}} đến {{.D}}.", map[string]any{"C": label(d), "D": d.Department})
	case dossier.EvSupplementReceived:
		if d.Appointment.IsZero() {
			return tr("done.suppNoDue", "Đã nhận hồ sơ bổ sung.")
		}
		return tr("done.supp", "Đã nhận hồ sơ bổ sung: thời hạn tính lại từ đầu, hẹn trả mới {{.T}}.", map[string]any{"T": kit.DateTime(d.Appointment)})
	case dossier.EvReturned:
		if a.slip.Selected() == 1 {
			return tr("done.returnBook", "Đã trả kết quả; người nhận ký vào sổ theo dõi hồ sơ.")
		}
		return tr("done.return", "Đã trả kết quả.")
	case dossier.EvExtended:
		return tr("done.extend", "Đã gia hạn: hẹn trả mới {{.T}}. Báo cho người nộp qua điện thoại, tin nhắn hoặc thư điện tử.", map[string]any{"T": kit.DateTime(d.Appointment)})
	}
	return tr("done.generic", "Đã ghi nhận: {{.A}}.", map[string]any{"A": actionName(a.kind)})
}

// formNumber is the number of a form kind in the office's form set (the
// return slip keeps its name).
func formNumber(sess *desk.Session, kind string) (string, bool) {
	if kind == FormReturn {
		return FormReturn, true
	}
	var set desk.FormSet
	if sess != nil {
		set = sess.Office.Forms
	}
	return kit.FormNumber(set, kind)
}

// print prints a form off the UI goroutine and reports the outcome.
func (s *lookup) print(d *dossier.Dossier, kind string, copy bool) {
	if s.deps.Forms == nil {
		return
	}
	form, ok := formNumber(s.session(), kind)
	if !ok {
		s.setMsg(s.msg.Text+"\n"+tr("print.noForm", "Bộ biểu mẫu của cơ quan không có {{.F}}.", map[string]any{"F": formName(kind)}), widget.WarningImportance)
		return
	}
	var err error
	s.run(func() { err = s.deps.Forms.Print(d, form, copy) }, func() {
		if err != nil {
			s.setMsg(s.msg.Text+"\n"+tr("print.err", "Chưa in được {{.F}}: {{.E}}", map[string]any{"F": formName(kind), "E": widgets.ErrorText(err)}), widget.DangerImportance)
			return
		}
		txt := tr("print.ok", "Đã gửi lệnh in {{.F}}.", map[string]any{"F": formName(kind)})
		if s.msg.Text != "" {
			txt = s.msg.Text + "\n" + txt
		}
		s.setMsg(txt, s.msg.Importance)
	})
}

// onCloseUnsupplemented stops a dossier whose supplement did not arrive
// within 15 days (Decree 118 art. 19.5).
func (s *lookup) onCloseUnsupplemented() {
	d := s.cur
	sess := s.session()
	if d == nil || sess == nil {
		return
	}
	widgets.Confirm(tr("close.title", "Đóng hồ sơ quá hạn bổ sung"),
		tr("close.msg", "Hồ sơ {{.C}} chờ bổ sung quá {{.N}} ngày. Dừng xử lý theo Nghị định 118/2025, Điều 19.5?", map[string]any{"C": label(d), "N": supplementDays}),
		tr("close.yes", "Dừng xử lý"), func(ok bool) {
			if ok {
				s.closeUnsupplemented(d)
			}
		}, s.win)
}

func (s *lookup) closeUnsupplemented(d *dossier.Dossier) {
	sess := s.session()
	var nd *dossier.Dossier
	var err error
	s.run(func() { nd, err = s.deps.Service.CloseUnsupplemented(sess, label(d), supplementDays) }, func() {
		if err != nil {
			s.setMsg(widgets.ErrorText(err), widget.DangerImportance)
			return
		}
		s.replace(nd)
		s.setMsg(tr("done.closed", "Đã dừng xử lý hồ sơ quá hạn bổ sung."), widget.SuccessImportance)
		s.print(nd, FormStop, false)
	})
}

// feesAtReturn is the amount still to collect when the result is returned.
func feesAtReturn(d *dossier.Dossier) int64 {
	var n int64
	for _, f := range d.Fees {
		if f.When == dossier.FeeAtReturn && !f.Paid {
			n += f.Amount
		}
	}
	return n
}

func amountText(n int64) string {
	if n <= 0 {
		return "0"
	}
	m := kit.Money(n)
	return strings.TrimSuffix(m, " đ")
}

// fieldValue reads an amendable field as text.
func fieldValue(d *dossier.Dossier, path string) string {
	switch path {
	case "summary":
		return d.Summary
	case "authorisation":
		return d.Authorisation
	}
	who, name, _ := strings.Cut(path, ".")
	p := &d.Submitter
	if who == "owner" {
		if d.Owner == nil {
			return ""
		}
		p = d.Owner
	}
	switch name {
	case "name":
		return p.Name
	case "id_number":
		return p.IDNumber
	case "old_id":
		return p.OldID
	case "birth_date":
		return p.BirthDate
	case "sex":
		return p.Sex
	case "address":
		return p.Address
	case "phone":
		return p.Phone
	case "email":
		return p.Email
	case "tax_code":
		return p.TaxCode
	}
	return ""
}

// scrollBox scrolls o vertically in at least h points.
func scrollBox(o fyne.CanvasObject, h float32) fyne.CanvasObject {
	sc := container.NewVScroll(o)
	sc.SetMinSize(fyne.NewSize(420, h))
	return sc
}
