package dossierui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// supplementDays is the closure limit after an unanswered supplement
// request (Decree 118 art. 19.5: 15 days unless sector law says otherwise).
const supplementDays = 15

// actionKinds are the actions offered in the detail, in display order.
var actionKinds = []dossier.EventKind{
	dossier.EvTransferred, dossier.EvSupplementRequest, dossier.EvSupplementReceived,
	dossier.EvObligation, dossier.EvObligationPaid, dossier.EvResultReady, dossier.EvReturned,
	dossier.EvExtended, dossier.EvWithdrawn, dossier.EvStopped, dossier.EvAmended,
}

// Offered returns the actions a dossier allows now: the status-changing
// ones from dossier.Transitions for its current status, the extension when
// dossier.Check accepts it (statuses 2, 4, 5, 6; at least one day before
// the appointment; once), and the audited amendment. hint explains an
// extension the rules refuse for other reasons than the status.
func Offered(d *dossier.Dossier, now time.Time) (kinds []dossier.EventKind, hint error) {
	allowed := map[dossier.EventKind]bool{dossier.EvAmended: true}
	if d.Kind != dossier.KindGuidance {
		for _, t := range dossier.Transitions() {
			if t.From == d.Status {
				allowed[t.Kind] = true
			}
		}
		trial := dossier.Event{Kind: dossier.EvExtended, At: now, Actor: "-", Approver: "-", Note: "-", Appointment: d.Appointment.Add(24 * time.Hour)}
		switch err := d.Check(trial); {
		case err == nil:
			allowed[dossier.EvExtended] = true
		case !isStatusConflict(err):
			hint = err
		}
	}
	for _, k := range actionKinds {
		if allowed[k] {
			kinds = append(kinds, k)
		}
	}
	return kinds, hint
}

func isStatusConflict(err error) bool {
	for _, p := range widgets.Problems(err) {
		if p.Field == "status" || p.Field == "kind" {
			return true
		}
	}
	return false
}

// actionName is the button label of an action.
func actionName(k dossier.EventKind) string {
	switch k {
	case dossier.EvTransferred:
		return tr("act.transfer", "Chuyển xử lý")
	case dossier.EvSupplementRequest:
		return tr("act.suppRequest", "Yêu cầu bổ sung")
	case dossier.EvSupplementReceived:
		return tr("act.suppReceived", "Nhận hồ sơ bổ sung")
	case dossier.EvObligation:
		return tr("act.obligation", "Nghĩa vụ tài chính")
	case dossier.EvObligationPaid:
		return tr("act.obligationPaid", "Đã nộp nghĩa vụ tài chính")
	case dossier.EvResultReady:
		return tr("act.result", "Có kết quả")
	case dossier.EvReturned:
		return tr("act.return", "Trả kết quả")
	case dossier.EvExtended:
		return tr("act.extend", "Gia hạn, xin lỗi")
	case dossier.EvWithdrawn:
		return tr("act.withdraw", "Rút hồ sơ")
	case dossier.EvStopped:
		return tr("act.stop", "Dừng xử lý")
	case dossier.EvAmended:
		return tr("act.amend", "Đính chính thông tin")
	}
	return string(k)
}

// showDossier renders the detail of d (nil: a hint).
func (s *lookup) showDossier(d *dossier.Dossier) {
	if d == nil || s.cur == nil || s.cur.ID != d.ID {
		s.setMsg("", widget.MediumImportance)
	}
	s.cur = d
	s.detail.Objects = nil
	if d == nil {
		s.detail.Add(kit.Hint(tr("detail.none", "Chọn một hồ sơ trong danh sách (↑/↓ trong ô tra cứu) để xem chi tiết, quá trình xử lý và các thao tác.")))
		s.detail.Refresh()
		return
	}
	now := s.deps.now()
	add := func(o fyne.CanvasObject) { s.detail.Add(o) }
	line := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		l := widget.NewLabel(label + ": " + value)
		l.Wrapping = fyne.TextWrapWord
		add(l)
	}
	title := widget.NewLabelWithStyle(label(d), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	st := widget.NewLabelWithStyle(statusText(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	st.Importance = widget.HighImportance
	add(container.NewBorder(nil, nil, title, nil, st))
	if txt, imp := dueText(d, now); txt != "" {
		l := widget.NewLabelWithStyle(txt, fyne.TextAlignLeading, fyne.TextStyle{Bold: imp == widget.DangerImportance || imp == widget.WarningImportance})
		l.Importance = imp
		add(l)
	}
	line(tr("d.procedure", "Thủ tục"), d.Procedure.Code+" – "+d.Procedure.Name)
	if d.Case != "" {
		line(tr("d.case", "Trường hợp"), d.Case)
	}
	line(tr("d.owner", "Chủ hồ sơ"), partyText(*d.OwnerParty()))
	if d.Owner != nil {
		line(tr("d.submitter", "Người nộp (được ủy quyền)"), partyText(d.Submitter))
		line(tr("d.authz", "Giấy ủy quyền"), d.Authorisation)
	}
	line(tr("d.received", "Tiếp nhận"), tr("d.receivedBy", "{{.T}} · {{.C}} · {{.D}} · {{.K}}", map[string]any{
		"T": kit.DateTime(d.ReceivedAt), "C": nonEmpty(d.ClerkName, d.Clerk), "D": d.Desk, "K": d.Channel.Vietnamese()}))
	if d.Kind != dossier.KindGuidance {
		line(tr("d.limit", "Thời hạn"), kit.LimitText(d.TimeLimit)+noteSuffix(d.LimitNote))
		if !d.FirstAppointment.IsZero() && !d.FirstAppointment.Equal(d.Appointment) {
			line(tr("d.firstDue", "Hẹn trả ban đầu"), kit.DateTime(d.FirstAppointment))
		}
		if !d.Appointment.IsZero() {
			line(tr("d.due", "Hẹn trả"), kit.DateTime(d.Appointment))
		}
	}
	line(tr("d.department", "Cơ quan giải quyết"), d.Department)
	if d.Status == dossier.StatusReceived && !d.TransferDue.IsZero() {
		txt := tr("d.transferToday", "chuyển trong ngày, trước {{.T}}", map[string]any{"T": kit.DateTime(d.TransferDue)})
		if transferNextDay(d) {
			txt = tr("d.transferNext", "nhận sau 15 giờ: chuyển sáng ngày làm việc tiếp theo ({{.T}})", map[string]any{"T": kit.DateTime(d.TransferDue)})
		}
		l := widget.NewLabel(tr("d.transfer", "Chuyển hồ sơ giấy") + ": " + txt)
		l.Wrapping = fyne.TextWrapWord
		if now.After(d.TransferDue) {
			l.Importance = widget.DangerImportance
			l.SetText("⚠ " + l.Text + " – " + tr("d.transferLate", "đã quá giờ chuyển"))
		}
		add(l)
	}
	if d.Supplements > 0 {
		txt := tr("d.supplements", "{{.N}} lần", map[string]any{"N": d.Supplements})
		if d.Supplements > 1 {
			txt += " – " + tr("d.suppLate", "yêu cầu bổ sung lần 2 trở lên: chỉ số quốc gia tính hồ sơ trễ hạn")
		}
		line(tr("d.supp", "Yêu cầu bổ sung"), txt)
	}
	if desk.SupplementOverdue(d, now, supplementDays) {
		l := widget.NewLabel(tr("d.suppOverdue", "⚠ Chờ bổ sung quá {{.N}} ngày (từ {{.T}}): đóng hồ sơ theo Nghị định 118/2025, Điều 19.5.", map[string]any{"N": supplementDays, "T": kit.Date(d.SupplementSince)}))
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		add(l)
	} else if !d.SupplementSince.IsZero() {
		line(tr("d.suppSince", "Chờ bổ sung từ"), kit.DateTime(d.SupplementSince))
	}
	if d.Extended {
		line(tr("d.extended", "Gia hạn"), tr("d.extendedOnce", "đã gia hạn một lần (không được gia hạn thêm)"))
	}
	if d.Override != nil {
		line(tr("d.override", "Tiếp nhận khi còn thiếu"), tr("d.overrideBy", "lãnh đạo {{.B}} duyệt: {{.R}}", map[string]any{"B": d.Override.By, "R": d.Override.Reason}))
	}
	if d.Reason != "" {
		line(tr("d.reason", "Lý do"), d.Reason)
	}
	if fees := d.TotalFees(); len(d.Fees) > 0 {
		line(tr("d.fees", "Phí, lệ phí"), kit.Money(fees)+feesDueText(d))
	}

	// Actions allowed by the rules for this status.
	kinds, hint := Offered(d, now)
	var btns []fyne.CanvasObject
	for _, k := range kinds {
		k := k
		b := kit.NewButton(actionName(k), "", s.keys, func() { s.openAction(k) })
		if k == dossier.EvReturned || k == dossier.EvTransferred {
			b.Importance = widget.HighImportance
		}
		btns = append(btns, b)
	}
	if desk.SupplementOverdue(d, now, supplementDays) {
		btns = append(btns, kit.NewButton(tr("act.close", "Đóng hồ sơ quá hạn bổ sung"), "", s.keys, s.onCloseUnsupplemented))
	}
	for _, f := range reprintForms(d) {
		f := f
		btns = append(btns, kit.NewButton(tr("act.reprint", "In lại {{.F}}", map[string]any{"F": formName(f)}), "", s.keys, func() { s.print(d, f, true) }))
	}
	add(widget.NewSeparator())
	add(kit.Heading(tr("d.actions", "Thao tác")))
	if len(btns) == 0 {
		add(kit.Hint(tr("d.noActions", "Hồ sơ ở trạng thái cuối: không còn thao tác nào.")))
	} else {
		add(container.NewGridWithColumns(3, btns...))
	}
	if hint != nil {
		l := kit.Hint(tr("d.extendHint", "Không gia hạn được: {{.E}}", map[string]any{"E": widgets.ErrorText(hint)}))
		add(l)
	}

	add(widget.NewSeparator())
	add(kit.Heading(tr("d.checklist", "Thành phần hồ sơ")))
	for i, it := range d.Checklist {
		l := widget.NewLabel(fmt.Sprintf("%d. %s — %s", i+1, shorten(it.Name, 100), itemText(it)))
		l.Wrapping = fyne.TextWrapWord
		if !it.Provided() && (it.MustSubmit || it.PresentOnly) {
			l.Importance = widget.DangerImportance
		}
		add(l)
	}

	add(widget.NewSeparator())
	add(kit.Heading(tr("d.timeline", "Quá trình xử lý")))
	for i := len(d.History) - 1; i >= 0; i-- {
		add(s.eventView(d, d.History[i], i))
	}
	s.detail.Refresh()
}

func nonEmpty(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

func noteSuffix(n string) string {
	if n == "" {
		return ""
	}
	return " (" + tr("d.limitNote", "căn cứ: {{.N}}", map[string]any{"N": n}) + ")"
}

// feesDueText names what is still to collect at return.
func feesDueText(d *dossier.Dossier) string {
	var due int64
	for _, f := range d.Fees {
		if f.When == dossier.FeeAtReturn && !f.Paid {
			due += f.Amount
		}
	}
	if due == 0 {
		return ""
	}
	return " · " + tr("d.feesAtReturn", "thu khi trả kết quả: {{.A}}", map[string]any{"A": kit.Money(due)})
}

func partyText(p dossier.Party) string {
	parts := []string{p.Name}
	if p.IDNumber != "" {
		parts = append(parts, p.IDNumber)
	}
	if p.TaxCode != "" {
		parts = append(parts, "MST "+p.TaxCode)
	}
	if p.Phone != "" {
		parts = append(parts, p.Phone)
	}
	if p.Address != "" {
		parts = append(parts, p.Address)
	}
	out := strings.Join(parts, " · ")
	if p.Verified {
		out += " ✔"
	}
	return out
}

func itemText(it dossier.Item) string {
	switch it.Decision {
	case dossier.DecisionSubmitted:
		var p []string
		if it.Originals > 0 {
			p = append(p, tr("i.originals", "{{.N}} bản chính", map[string]any{"N": it.Originals}))
		}
		if it.CertifiedCopies > 0 {
			p = append(p, tr("i.certified", "{{.N}} bản sao chứng thực", map[string]any{"N": it.CertifiedCopies}))
		}
		if it.Copies > 0 {
			p = append(p, tr("i.copies", "{{.N}} bản sao", map[string]any{"N": it.Copies}))
		}
		out := strings.Join(p, ", ")
		if n := len(it.Scans); n > 0 {
			out += " · " + tr("i.scans", "{{.N}} tệp quét", map[string]any{"N": n})
		}
		return out
	case dossier.DecisionPresented:
		return tr("i.presented", "xuất trình")
	case dossier.DecisionNationalData:
		return tr("i.national", "lấy từ CSDL quốc gia")
	case dossier.DecisionMissing:
		return tr("i.missing", "✗ thiếu")
	case dossier.DecisionNotApplicable:
		return tr("i.na", "không nộp")
	}
	return tr("i.unset", "chưa kiểm tra")
}

// reprintForms are the forms that can be printed again for d.
func reprintForms(d *dossier.Dossier) []string {
	switch {
	case d.Kind == dossier.KindGuidance:
		return []string{FormSupplement}
	case d.Status == dossier.StatusRefused:
		return []string{FormRefusal}
	}
	out := []string{FormReceipt}
	for _, ev := range d.History {
		switch ev.Kind {
		case dossier.EvTransferred:
			out = appendOnce(out, FormControl)
		case dossier.EvExtended:
			out = appendOnce(out, FormApology)
		case dossier.EvStopped:
			out = appendOnce(out, FormStop)
		case dossier.EvReturned:
			out = appendOnce(out, FormReturn)
		}
	}
	return out
}

func appendOnce(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

func formName(f string) string {
	switch f {
	case FormReceipt:
		return tr("form.receipt", "giấy tiếp nhận (01)")
	case FormSupplement:
		return tr("form.supplement", "phiếu yêu cầu bổ sung (02)")
	case FormRefusal:
		return tr("form.refusal", "phiếu từ chối (03)")
	case FormApology:
		return tr("form.apology", "văn bản xin lỗi, gia hạn (04)")
	case FormStop:
		return tr("form.stop", "thông báo dừng (05)")
	case FormControl:
		return tr("form.control", "phiếu kiểm soát (06)")
	case FormReturn:
		return tr("form.return", "giấy biên nhận trả kết quả")
	}
	return f
}

// eventView renders one history event: when, who, where, what.
func (s *lookup) eventView(d *dossier.Dossier, ev dossier.Event, i int) fyne.CanvasObject {
	head := tr("ev.head", "{{.T}} · {{.A}} · {{.D}}", map[string]any{"T": kit.Short(ev.At), "A": ev.Actor, "D": nonEmpty(ev.Desk, "—")})
	what := eventText(d, ev, i)
	if ev.From != ev.To && ev.To != dossier.StatusNone {
		what += " → " + ev.To.String() + " " + ev.To.Vietnamese()
	}
	h := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l := widget.NewLabel(what)
	l.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(h, l)
	for _, x := range eventDetails(ev) {
		dl := kit.Hint(x)
		box.Add(dl)
	}
	return box
}

// eventText says what an event did, in Vietnamese.
func eventText(d *dossier.Dossier, ev dossier.Event, i int) string {
	switch ev.Kind {
	case dossier.EvReceived:
		return tr("ev.received", "Tiếp nhận hồ sơ")
	case dossier.EvRefused:
		return tr("ev.refused", "Từ chối tiếp nhận (mẫu 03)")
	case dossier.EvGuidance:
		return tr("ev.guidance", "Hướng dẫn bổ sung, hoàn thiện hồ sơ (phiếu {{.N}})", map[string]any{"N": d.GuidanceNo})
	case dossier.EvTransferred:
		return tr("ev.transferred", "Chuyển hồ sơ đến {{.D}} (phiếu kiểm soát)", map[string]any{"D": ev.Department})
	case dossier.EvSupplementRequest:
		n := 0
		for _, e := range d.History[:i+1] {
			if e.Kind == dossier.EvSupplementRequest {
				n++
			}
		}
		return tr("ev.suppRequest", "Yêu cầu bổ sung, hoàn thiện hồ sơ (lần {{.N}})", map[string]any{"N": n})
	case dossier.EvSupplementReceived:
		if ev.Appointment.IsZero() {
			return tr("ev.suppReceivedNoDue", "Nhận đủ hồ sơ bổ sung")
		}
		return tr("ev.suppReceived", "Nhận đủ hồ sơ bổ sung: thời hạn tính lại từ đầu, hẹn trả mới {{.T}}", map[string]any{"T": kit.DateTime(ev.Appointment)})
	case dossier.EvObligation:
		return tr("ev.obligation", "Yêu cầu thực hiện nghĩa vụ tài chính: {{.A}}", map[string]any{"A": kit.Money(ev.Amount)})
	case dossier.EvObligationPaid:
		return tr("ev.obligationPaid", "Đã thực hiện nghĩa vụ tài chính")
	case dossier.EvResultReady:
		if ev.Result == dossier.ResultRefused {
			return tr("ev.resultRefused", "Có kết quả: từ chối giải quyết sau thẩm định")
		}
		return tr("ev.resultApproved", "Có kết quả giải quyết")
	case dossier.EvReturned:
		c := ev.Collector
		if c == nil {
			return tr("ev.returned0", "Trả kết quả")
		}
		txt := tr("ev.returned", "Trả kết quả cho {{.N}}", map[string]any{"N": c.Name})
		if c.IDNumber != "" {
			txt += " (" + c.IDNumber + ")"
		}
		if c.Authorised {
			txt += ", " + tr("ev.onBehalf", "nhận thay")
		}
		if c.IDChecked {
			txt += ", " + tr("ev.idChecked", "đã kiểm tra giấy tờ tùy thân")
		}
		if ev.Amount > 0 {
			txt += ", " + tr("ev.collected", "thu {{.A}}", map[string]any{"A": kit.Money(ev.Amount)})
		}
		return txt
	case dossier.EvWithdrawn:
		return tr("ev.withdrawn", "Công dân rút hồ sơ")
	case dossier.EvStopped:
		return tr("ev.stopped", "Dừng xử lý (mẫu 05)")
	case dossier.EvExtended:
		return tr("ev.extended", "Gia hạn, gửi văn bản xin lỗi (mẫu 04): hẹn trả mới {{.T}}, lãnh đạo duyệt: {{.B}}", map[string]any{"T": kit.DateTime(ev.Appointment), "B": ev.Approver})
	case dossier.EvAmended:
		if a := ev.Amend; a != nil {
			return tr("ev.amended", "Đính chính {{.F}}: “{{.O}}” → “{{.N}}”", map[string]any{"F": fieldLabel(a.Field), "O": a.Old, "N": a.New})
		}
		return tr("ev.amended0", "Đính chính thông tin")
	case dossier.EvNote:
		return tr("ev.note", "Ghi chú")
	}
	return string(ev.Kind)
}

// eventDetails lists an event's items, department, notes and reasons.
func eventDetails(ev dossier.Event) []string {
	var out []string
	if len(ev.Items) > 0 {
		out = append(out, tr("ev.items", "Nội dung: {{.I}}", map[string]any{"I": strings.Join(ev.Items, "; ")}))
	}
	if ev.Kind == dossier.EvResultReady && ev.Department != "" {
		out = append(out, tr("ev.from", "Đơn vị trả kết quả: {{.D}}", map[string]any{"D": ev.Department}))
	}
	if ev.Kind == dossier.EvAmended && ev.Amend != nil {
		out = append(out, tr("ev.reason", "Lý do: {{.R}}", map[string]any{"R": ev.Amend.Reason}))
	}
	if strings.TrimSpace(ev.Note) != "" {
		out = append(out, tr("ev.noteText", "Ghi chú, lý do: {{.N}}", map[string]any{"N": ev.Note}))
	}
	return out
}

// fieldLabel names an amendable field path in Vietnamese.
func fieldLabel(path string) string {
	who, name, ok := strings.Cut(path, ".")
	if !ok {
		switch path {
		case "summary":
			return tr("f.summary", "Trích yếu")
		case "authorisation":
			return tr("f.authorisation", "Giấy ủy quyền")
		}
		return path
	}
	w := tr("f.submitter", "Người nộp")
	if who == "owner" {
		w = tr("f.owner", "Chủ hồ sơ")
	}
	n := map[string]string{
		"name": tr("f.name", "họ tên"), "id_number": tr("f.id", "số định danh"), "old_id": tr("f.oldID", "số CMND cũ"),
		"birth_date": tr("f.birth", "ngày sinh"), "sex": tr("f.sex", "giới tính"), "address": tr("f.address", "địa chỉ"),
		"phone": tr("f.phone", "điện thoại"), "email": tr("f.email", "thư điện tử"), "tax_code": tr("f.tax", "mã số thuế"),
	}[name]
	if n == "" {
		n = name
	}
	return w + " – " + n
}
