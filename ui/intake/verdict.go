package intake

import (
	"fmt"
	"image"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
	"motcua/workday"
)

// Verdict options, in Choice order (keys 1, 2, 3).
const (
	optReceive = iota
	optSupplement
	optRefuse
)

// verdictStep: the summary and the clerk's verdict.
type verdictStep struct {
	verdict     *kit.Choice
	review      *fyne.Container
	missingInfo *widget.Label
	reasonLabel *widget.Label
	reason      *widgets.VNEntry
	reasonErr2  *widget.Label
	confirm     *kit.Button
	override    *kit.Button
	vErr        *widget.Label
	busy        bool

	ovDialog dialog.Dialog
	ovUser   *kit.Entry
	ovPass   *kit.Entry
	ovReason *widgets.VNEntry
}

// resultView shows the stored dossier with its form preview.
type resultView struct {
	done        *dossier.Dossier
	form        string
	printed     int
	resultBox   *fyne.Container
	resultTitle *widget.Label
	resultInfo  *widget.Label
	preview     *canvas.Image
	previewMsg  *widget.Label
	printBtn    *kit.Button
	printMsg    *widget.Label
}

func (s *screen) buildVerdict() fyne.CanvasObject {
	s.review = container.NewVBox()
	s.verdict = kit.NewChoice([]string{
		tr("v.receive", "Tiếp nhận hồ sơ – in Giấy tiếp nhận và hẹn trả kết quả (mẫu 01)"),
		tr("v.supplement", "Yêu cầu bổ sung, hoàn thiện – in Phiếu yêu cầu bổ sung (mẫu 02)"),
		tr("v.refuse", "Từ chối tiếp nhận – in Phiếu từ chối (mẫu 03)"),
	}, s.keys)
	s.verdict.OnChanged = func(i int) {
		s.refreshVerdictControls()
		if i == optSupplement || i == optRefuse {
			// The reason is what the clerk types next (Ctrl+S records).
			s.focus(s.reason)
		}
	}
	s.verdict.OnSubmit = s.onConfirm
	s.missingInfo = widget.NewLabel("")
	s.missingInfo.Wrapping = fyne.TextWrapWord
	s.reasonLabel = kit.Heading("")
	s.reason = s.newVNMulti()
	s.reason.SetMinRowsVisible(2)
	s.reasonErr2 = kit.ErrorLabel()
	s.confirm = kit.NewButton("", "Ctrl+S", s.keys, s.onConfirm)
	s.confirm.Importance = widget.HighImportance
	s.override = kit.NewButton(tr("v.override", "Yêu cầu lãnh đạo duyệt…"), "Ctrl+L", s.keys, s.onOverride)
	s.vErr = kit.ErrorLabel()
	// The decision stays in view on the left; the review scrolls on the
	// right.
	left := container.NewVScroll(container.NewVBox(
		kit.Heading(tr("v.heading", "6. Kết quả kiểm tra hồ sơ (phím 1, 2, 3)")),
		s.verdict,
		s.missingInfo,
		s.reasonLabel, s.reason, s.reasonErr2,
		container.NewHBox(s.confirm, s.override),
		s.vErr,
	))
	right := container.NewVScroll(container.NewVBox(kit.Heading(tr("v.review", "Tóm tắt hồ sơ")), s.review))
	split := container.NewHSplit(left, right)
	split.Offset = 0.5
	return split
}

func (s *screen) resetVerdict() {
	s.verdict.SetSelected(-1)
	s.reason.SetText("")
	kit.SetError(s.reasonErr2, "")
	kit.SetError(s.vErr, "")
	s.busy = false
	s.review.Objects = nil
	s.review.Refresh()
	s.refreshVerdictControls()
}

// refreshVerdict rebuilds the review and picks the usual verdict: receive
// when nothing required is missing, otherwise a supplement request.
func (s *screen) refreshVerdict() {
	s.review.Objects = nil
	line := func(label, value string) {
		l := widget.NewLabel(label + ": " + value)
		l.Wrapping = fyne.TextWrapWord
		s.review.Add(l)
	}
	if s.proc != nil {
		line(tr("r.procedure", "Thủ tục"), s.proc.Code+" – "+s.proc.Name)
		if s.caseName != "" {
			line(tr("r.case", "Trường hợp"), s.caseName)
		}
		ret := tr("ch.returnCounter", "Tại quầy")
		if s.returnBy.Selected() == 1 {
			ret = tr("ch.returnPost", "Qua bưu chính công ích")
		}
		line(tr("r.channel", "Cách nộp"), s.channelValue().Vietnamese()+" · "+tr("r.return", "nhận kết quả: {{.R}}", map[string]any{"R": strings.ToLower(ret)}))
		if l, ok := s.limitValue(); ok {
			v := kit.LimitText(l)
			if due := s.appointmentPreview(l); due != "" {
				v += " · " + tr("r.due", "hẹn trả dự kiến {{.D}}", map[string]any{"D": due})
			}
			line(tr("r.limit", "Thời hạn"), v)
		}
	}
	sub, own, _ := s.parties()
	line(tr("r.submitter", "Người nộp"), partyLine(sub))
	if own != nil {
		line(tr("r.owner", "Chủ hồ sơ"), partyLine(*own))
	}
	for i, it := range s.items {
		txt := fmt.Sprintf("%d. %s — %s", i+1, shorten(it.Name, 90), decisionText(it))
		l := widget.NewLabel(txt)
		l.Wrapping = fyne.TextWrapWord
		if it.Decision == dossier.DecisionUnset || (!it.Provided() && (it.MustSubmit || it.PresentOnly)) {
			l.Importance = widget.DangerImportance
		}
		s.review.Add(l)
	}
	line(tr("r.fees", "Phí, lệ phí"), kit.Money(s.totalFees()))
	s.review.Refresh()
	if s.verdict.Selected() < 0 {
		if len(s.missing()) > 0 {
			s.verdict.SetSelected(optSupplement)
		} else {
			s.verdict.SetSelected(optReceive)
		}
	}
	s.refreshVerdictControls()
}

func partyLine(p dossier.Party) string {
	parts := []string{p.Name}
	if p.IDNumber != "" {
		parts = append(parts, p.IDNumber)
	}
	if p.TaxCode != "" {
		parts = append(parts, tr("r.tax", "MST {{.T}}", map[string]any{"T": p.TaxCode}))
	}
	if p.Phone != "" {
		parts = append(parts, p.Phone)
	}
	out := strings.Join(parts, " – ")
	if p.Verified {
		out += " " + tr("r.verified", "(✔ đã xác thực CCCD)")
	}
	if strings.TrimSpace(p.Name) == "" {
		return tr("r.noParty", "(chưa nhập)")
	}
	return out
}

func decisionText(it dossier.Item) string {
	switch it.Decision {
	case dossier.DecisionUnset:
		return tr("r.unset", "✗ chưa kiểm tra")
	case dossier.DecisionSubmitted:
		var p []string
		if it.Originals > 0 {
			p = append(p, tr("r.nOriginals", "{{.N}} bản chính", map[string]any{"N": it.Originals}))
		}
		if it.CertifiedCopies > 0 {
			p = append(p, tr("r.nCertified", "{{.N}} bản sao chứng thực", map[string]any{"N": it.CertifiedCopies}))
		}
		if it.Copies > 0 {
			p = append(p, tr("r.nCopies", "{{.N}} bản sao", map[string]any{"N": it.Copies}))
		}
		if len(p) == 0 {
			return tr("r.noCount", "✗ đã nộp nhưng chưa ghi số bản")
		}
		return strings.Join(p, ", ")
	case dossier.DecisionPresented:
		return tr("r.presented", "xuất trình")
	case dossier.DecisionNationalData:
		return tr("r.national", "lấy từ CSDL quốc gia")
	case dossier.DecisionMissing:
		if it.MustSubmit || it.PresentOnly {
			return tr("r.missing", "✗ thiếu")
		}
		return tr("r.notSubmitted", "không nộp")
	case dossier.DecisionNotApplicable:
		return tr("r.na", "không nộp (không bắt buộc)")
	}
	return "?"
}

// appointmentPreview computes the appointment the receipt would print now
// (the service computes the stored one at the moment it records).
func (s *screen) appointmentPreview(l workday.Limit) string {
	sess := s.session()
	if sess == nil {
		return ""
	}
	off, err := sess.Office.OfficeHours()
	if err != nil {
		return ""
	}
	cal := workday.Default()
	if s.deps.Service != nil && s.deps.Service.Calendar != nil {
		if c := s.deps.Service.Calendar(); c != nil {
			cal = c
		}
	}
	due, ok, err := cal.Appointment(s.deps.Now().In(dossier.Zone), l, off)
	if err != nil {
		return ""
	}
	if !ok {
		return tr("r.noDue", "không có ngày hẹn cụ thể")
	}
	return kit.DateTime(due)
}

// refreshVerdictControls labels the reason field and the button for the
// chosen verdict.
func (s *screen) refreshVerdictControls() {
	miss := s.missing()
	s.override.Hide()
	s.confirm.Enable()
	s.missingInfo.Hide()
	switch s.verdict.Selected() {
	case optReceive:
		s.confirm.SetText(tr("v.doReceive", "Tiếp nhận") + " (Ctrl+S)")
		s.reasonLabel.Hide()
		s.reason.Hide()
		if len(miss) > 0 {
			s.confirm.Disable()
			s.override.Show()
			s.missingInfo.Importance = widget.DangerImportance
			s.missingInfo.SetText(tr("v.cannotReceive", "Chưa tiếp nhận được: còn thiếu {{.M}}. Yêu cầu bổ sung (phím 2), hoặc lãnh đạo duyệt tiếp nhận kèm lý do (Ctrl+L).", map[string]any{"M": quoteList(miss)}))
			s.missingInfo.Show()
		}
		if n := s.unchecked(); n > 0 {
			s.missingInfo.Importance = widget.DangerImportance
			s.missingInfo.SetText(tr("v.unchecked", "Còn {{.N}} thành phần chưa kiểm tra (bước 3).", map[string]any{"N": n}))
			s.missingInfo.Show()
		}
	case optSupplement:
		s.confirm.SetText(tr("v.doSupplement", "Lập phiếu yêu cầu bổ sung") + " (Ctrl+S)")
		s.reasonLabel.SetText(tr("v.suppReason", "Nội dung cần bổ sung, hoàn thiện và lý do"))
		s.reasonLabel.Show()
		s.reason.Show()
		s.reason.SetPlaceHolder(tr("v.suppPh", "Ví dụ: Tờ khai chưa có chữ ký; bản sao chưa chứng thực"))
		if len(miss) > 0 {
			s.missingInfo.Importance = widget.WarningImportance
			s.missingInfo.SetText(tr("v.willList", "Phiếu sẽ liệt kê một lần đầy đủ các thành phần còn thiếu: {{.M}}.", map[string]any{"M": quoteList(miss)}))
		} else {
			s.missingInfo.Importance = widget.WarningImportance
			s.missingInfo.SetText(tr("v.nothingMissing", "Không có thành phần bắt buộc nào thiếu: ghi rõ nội dung cần bổ sung, hoàn thiện."))
		}
		s.missingInfo.Show()
	case optRefuse:
		s.confirm.SetText(tr("v.doRefuse", "Từ chối tiếp nhận") + " (Ctrl+S)")
		s.reasonLabel.SetText(tr("v.refuseReason", "Lý do từ chối *"))
		s.reasonLabel.Show()
		s.reason.Show()
		s.reason.SetPlaceHolder(tr("v.refusePh", "Ví dụ: Không thuộc thẩm quyền giải quyết của UBND xã"))
	default:
		s.confirm.SetText(tr("v.choose", "Chọn kết quả (phím 1, 2, 3)"))
		s.confirm.Disable()
		s.reasonLabel.Hide()
		s.reason.Hide()
	}
	kit.SetError(s.reasonErr2, "")
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "“" + shorten(n, 60) + "”"
	}
	return strings.Join(q, ", ")
}

// onSave (Ctrl+S): on the verdict step it records; elsewhere it goes
// there.
func (s *screen) onSave() {
	if s.modal != nil && s.modal == s.ovDialog {
		s.confirmOverride()
		return
	}
	if s.done != nil || s.busy || s.modal != nil {
		return
	}
	if s.step != stepVerdict {
		s.goTo(stepVerdict)
		return
	}
	s.onConfirm()
}

// onConfirm records the chosen verdict.
func (s *screen) onConfirm() {
	if s.done != nil || s.busy {
		return
	}
	switch s.verdict.Selected() {
	case optReceive:
		if miss := s.missing(); len(miss) > 0 {
			kit.SetError(s.vErr, tr("v.useOverride", "Còn thiếu thành phần bắt buộc: chọn Yêu cầu bổ sung (phím 2) hoặc Yêu cầu lãnh đạo duyệt (Ctrl+L)."))
			return
		}
		s.submit(dossier.VerdictReceive, nil)
	case optSupplement:
		s.submit(dossier.VerdictSupplement, nil)
	case optRefuse:
		if strings.TrimSpace(s.reason.Text) == "" {
			kit.SetError(s.reasonErr2, tr("v.refuseNeedsReason", "Từ chối phải ghi rõ lý do (Nghị định 118/2025, Điều 17.1.c)."))
			s.focus(s.reason)
			return
		}
		s.submit(dossier.VerdictRefuse, nil)
	default:
		s.focus(s.verdict)
	}
}

// onOverride (Ctrl+L) asks a supervisor, at the desk, to approve receiving
// a dossier with missing required components (audited by the service).
func (s *screen) onOverride() {
	if s.done != nil || s.busy || s.step != stepVerdict || len(s.missing()) == 0 {
		return
	}
	s.ovUser = s.newEntry()
	s.ovPass = s.newEntry()
	s.ovPass.Password = true
	s.ovReason = s.newVNMulti()
	s.ovReason.SetMinRowsVisible(2)
	s.ovUser.OnSubmitted = func(string) { s.focus(s.ovPass) }
	s.ovPass.OnSubmitted = func(string) { s.focus(s.ovReason) }
	intro := widget.NewLabel(tr("ov.intro", "Hồ sơ còn thiếu: {{.M}}. Lãnh đạo nhập tài khoản, mật khẩu và lý do để cho tiếp nhận; việc duyệt được ghi vào nhật ký.", map[string]any{"M": quoteList(s.missing())}))
	intro.Wrapping = fyne.TextWrapWord
	form := kit.Form(
		kit.NewField(tr("ov.user", "Tên đăng nhập của lãnh đạo"), true, s.ovUser),
		kit.NewField(tr("ov.pass", "Mật khẩu"), true, s.ovPass),
		kit.NewField(tr("ov.reason", "Lý do cho tiếp nhận"), true, s.ovReason),
	)
	s.ovDialog = dialog.NewCustomConfirm(tr("ov.title", "Lãnh đạo duyệt tiếp nhận hồ sơ chưa đủ"), tr("ov.ok", "Duyệt và tiếp nhận"),
		widgets.X("common.cancel", "Hủy"), container.NewVBox(intro, form), func(ok bool) {
			if ok {
				s.confirmOverride()
			}
		}, s.win)
	s.ovDialog.Resize(fyne.NewSize(560, 0))
	s.showModal(s.ovDialog)
	s.win.Canvas().Focus(s.ovUser)
}

// confirmOverride submits with the supervisor's approval.
func (s *screen) confirmOverride() {
	ov := &desk.OverrideRequest{Username: strings.TrimSpace(s.ovUser.Text), Password: s.ovPass.Text, Reason: s.ovReason.Text}
	if s.ovDialog != nil {
		s.ovDialog.Hide()
	}
	s.submit(dossier.VerdictReceive, ov)
}

// request builds the desk request from the screen.
func (s *screen) request(v dossier.Verdict, ov *desk.OverrideRequest) (desk.IntakeRequest, bool) {
	sub, own, authz := s.parties()
	fees, ok := s.feeValues()
	req := desk.IntakeRequest{
		ProcedureCode: s.proc.Code,
		Case:          s.caseName,
		Channel:       s.channelValue(),
		ChannelRow:    s.rowIndex(),
		Submitter:     sub,
		Owner:         own,
		Authorisation: authz,
		Checklist:     s.checklistItems(),
		Fees:          fees,
		Verdict:       v,
		Override:      ov,
	}
	if s.returnBy.Selected() == 1 {
		req.ReturnBy = dossier.ReturnByPost
	}
	if v != dossier.VerdictReceive {
		req.Reason = s.reason.Text
	}
	if s.limitNeeded() {
		if v == dossier.VerdictReceive && !s.checkChannel(true) {
			return req, false
		}
		if l, err := s.typedLimit(); err == nil {
			req.TimeLimit = &l
			req.LimitReason = s.limitReason.Text
		}
	}
	return req, ok
}

// submit records the verdict with desk.Service.Receive (one transaction).
func (s *screen) submit(v dossier.Verdict, ov *desk.OverrideRequest) {
	kit.SetError(s.vErr, "")
	kit.SetError(s.errText, "")
	sess := s.session()
	if sess == nil || s.deps.Service == nil {
		kit.SetError(s.vErr, tr("err.session", "Phiên làm việc đã hết: đăng nhập lại."))
		return
	}
	if s.proc == nil {
		s.goTo(stepProcedure)
		return
	}
	req, ok := s.request(v, ov)
	if !ok {
		kit.SetError(s.errText, tr("err.fix", "Sửa các ô báo đỏ rồi ghi nhận lại."))
		s.show(s.step)
		return
	}
	s.busy = true
	s.confirm.Disable()
	var d *dossier.Dossier
	var err error
	s.run(func() { d, err = s.deps.Service.Receive(sess, req) }, func() {
		s.busy = false
		s.refreshVerdictControls()
		if err != nil {
			s.showErrors(err)
			return
		}
		s.finish(d)
	})
}

// showErrors puts the service's problems under their fields, marks the
// steps that have problems and lists everything under the form.
func (s *screen) showErrors(err error) {
	s.stepErr = [nSteps]bool{}
	var lines []string
	stepName := [nSteps]string{
		tr("step.procedure", "Thủ tục"), tr("step.channel", "Cách nộp, trường hợp"), tr("step.checklist", "Thành phần hồ sơ"),
		tr("step.applicant", "Người nộp"), tr("step.fees", "Phí, lệ phí"), tr("step.verdict", "Kết quả"),
	}
	for i, r := range s.rows {
		var msgs []string
		for _, p := range widgets.Problems(err) {
			if hasPrefixIndex(p.Field, "checklist", i) {
				msgs = append(msgs, p.Text)
			}
		}
		kit.SetError(r.err, joinLines(msgs))
	}
	if s.showApplicantErrors(err) {
		s.stepErr[stepApplicant] = true
	}
	if s.showFeeErrors(err) {
		s.stepErr[stepFees] = true
	}
	kit.SetError(s.unitErr, widgets.FieldError(err, "time_limit"))
	kit.SetError(s.reasonErr, widgets.FieldError(err, "limit_reason"))
	for _, p := range widgets.Problems(err) {
		st := stepFor(p.Field)
		s.stepErr[st] = true
		switch st {
		case stepProcedure:
			kit.SetError(s.pErr, p.Text)
		case stepChannel:
			if p.Field == "case" || strings.HasPrefix(p.Field, "channel") {
				kit.SetError(s.chErr, p.Text)
			}
		case stepChecklist:
			if p.Field == "checklist" {
				kit.SetError(s.ckErr, p.Text)
			}
		case stepVerdict:
			if p.Field == "reason" {
				kit.SetError(s.reasonErr2, p.Text)
			}
		}
		lines = append(lines, tr("err.line", "Bước {{.N}} ({{.S}}) – {{.T}}", map[string]any{"N": st + 1, "S": stepName[st], "T": p.Text}))
	}
	kit.SetError(s.vErr, strings.Join(dedupe(lines), "\n"))
	kit.SetError(s.errText, tr("err.summary", "Chưa ghi nhận được: {{.N}} vấn đề, xem các bước đánh dấu “!”.", map[string]any{"N": len(dedupe(lines))}))
	s.show(s.step)
}

// stepFor tells which step a field path belongs to.
func stepFor(field string) int {
	switch {
	case strings.HasPrefix(field, "procedure"):
		return stepProcedure
	case field == "case", strings.HasPrefix(field, "channel"), strings.HasPrefix(field, "time_limit"), field == "limit_reason", field == "return_by":
		return stepChannel
	case strings.HasPrefix(field, "checklist"):
		return stepChecklist
	case strings.HasPrefix(field, "submitter"), strings.HasPrefix(field, "owner"), field == "authorisation":
		return stepApplicant
	case strings.HasPrefix(field, "fees"):
		return stepFees
	}
	return stepVerdict
}

func (s *screen) buildResult() fyne.CanvasObject {
	s.resultTitle = kit.Heading("")
	s.resultInfo = widget.NewLabel("")
	s.resultInfo.Wrapping = fyne.TextWrapWord
	s.preview = canvas.NewImageFromImage(nil)
	s.preview.FillMode = canvas.ImageFillContain
	// A small minimum: the page is scaled to the space the window gives.
	s.preview.SetMinSize(fyne.NewSize(210, 297))
	s.previewMsg = kit.Hint("")
	s.printBtn = kit.NewButton(tr("res.print", "In"), "Ctrl+P", s.keys, s.onPrint)
	s.printBtn.Importance = widget.HighImportance
	next := kit.NewButton(tr("new", "Hồ sơ mới"), "Ctrl+N", s.keys, s.onNew)
	s.printMsg = widget.NewLabel("")
	s.printMsg.Wrapping = fyne.TextWrapWord
	left := container.NewVBox(s.resultTitle, s.resultInfo, container.NewHBox(s.printBtn, next), s.printMsg)
	right := container.NewBorder(s.previewMsg, nil, nil, nil, s.preview)
	split := container.NewHSplit(container.NewVScroll(left), right)
	split.Offset = 0.45
	s.resultBox = container.NewStack(split)
	s.resultBox.Hide()
	return s.resultBox
}

// finish shows the stored record and its form.
func (s *screen) finish(d *dossier.Dossier) {
	s.done = d
	s.printed = 0
	s.printMsg.SetText("")
	var info []string
	switch {
	case d.Kind == dossier.KindGuidance:
		s.form = kit.FormSupplement
		s.resultTitle.SetText(tr("res.guidance", "Đã lập phiếu yêu cầu bổ sung, hoàn thiện hồ sơ số {{.N}}", map[string]any{"N": d.GuidanceNo}))
		info = append(info, tr("res.guidanceInfo", "Hồ sơ chưa được tiếp nhận. Giao phiếu cho người nộp: phiếu liệt kê một lần đầy đủ nội dung cần bổ sung (Nghị định 118/2025, Điều 16.3)."))
	case d.Status == dossier.StatusRefused:
		s.form = kit.FormRefusal
		s.resultTitle.SetText(tr("res.refused", "Đã từ chối tiếp nhận hồ sơ {{.C}}", map[string]any{"C": string(d.Code)}))
		info = append(info, tr("res.refusedInfo", "Lý do: {{.R}}", map[string]any{"R": d.Reason}))
	default:
		s.form = kit.FormReceipt
		s.resultTitle.SetText(tr("res.received", "Đã tiếp nhận hồ sơ {{.C}}", map[string]any{"C": string(d.Code)}))
		if d.Appointment.IsZero() {
			info = append(info, tr("res.noDue", "Thủ tục không có ngày hẹn trả cụ thể."))
		} else {
			info = append(info, tr("res.due", "Hẹn trả kết quả: {{.D}}", map[string]any{"D": kit.DateTime(d.Appointment)}))
		}
		if !d.TransferDue.IsZero() {
			if dossier.Day(d.TransferDue).After(dossier.Day(d.ReceivedAt)) {
				info = append(info, tr("res.transferNext", "Hồ sơ giấy nhận sau 15 giờ: chuyển sáng ngày làm việc tiếp theo ({{.D}}).", map[string]any{"D": kit.DateTime(d.TransferDue)}))
			} else {
				info = append(info, tr("res.transferToday", "Chuyển hồ sơ giấy đến cơ quan giải quyết trong ngày (trước {{.D}}).", map[string]any{"D": kit.DateTime(d.TransferDue)}))
			}
		}
		if d.Override != nil {
			info = append(info, tr("res.override", "Tiếp nhận theo duyệt của lãnh đạo {{.B}}: {{.R}}", map[string]any{"B": d.Override.By, "R": d.Override.Reason}))
		}
	}
	info = append(info, tr("res.next", "Ctrl+P để in, Ctrl+N để tiếp nhận hồ sơ mới."))
	s.resultInfo.SetText(strings.Join(info, "\n"))
	s.preview.Image = nil
	s.preview.Refresh()
	s.setStatus("", widget.MediumImportance)
	s.previewMsg.SetText(tr("res.previewing", "Đang tạo bản xem trước…"))
	kit.SetError(s.errText, "")
	s.show(s.step)
	if s.deps.Forms == nil {
		s.previewMsg.SetText(tr("res.noForms", "Chưa cấu hình in biểu mẫu."))
		return
	}
	form, ok := s.formNumber()
	if !ok {
		s.previewMsg.SetText(tr("res.noForm", "Bộ biểu mẫu của cơ quan không có mẫu này."))
		return
	}
	var img image.Image
	var err error
	s.run(func() { img, err = s.deps.Forms.Preview(d, form) }, func() {
		if s.done != d {
			return
		}
		if err != nil {
			s.previewMsg.SetText(tr("res.previewErr", "Không tạo được bản xem trước: {{.E}}", map[string]any{"E": widgets.ErrorText(err)}))
			return
		}
		s.previewMsg.SetText(tr("res.preview", "Bản xem trước"))
		s.preview.Image = img
		s.preview.Refresh()
	})
}

// formNumber is the number of the result's form in the office's set.
func (s *screen) formNumber() (string, bool) {
	var set desk.FormSet
	if sess := s.session(); sess != nil {
		set = sess.Office.Forms
	}
	return kit.FormNumber(set, s.form)
}

// onPrint (Ctrl+P) prints the form of the stored record; reprints are
// marked as copies.
func (s *screen) onPrint() {
	d := s.done
	if d == nil || s.deps.Forms == nil {
		return
	}
	copy := s.printed > 0
	form, ok := s.formNumber()
	if !ok {
		s.printMsg.SetText(tr("res.noForm", "Bộ biểu mẫu của cơ quan không có mẫu này."))
		return
	}
	s.printMsg.SetText(tr("res.printing", "Đang gửi lệnh in…"))
	var err error
	s.run(func() { err = s.deps.Forms.Print(d, form, copy) }, func() {
		if err != nil {
			s.printMsg.Importance = widget.DangerImportance
			s.printMsg.SetText(widgets.ErrorText(err))
			return
		}
		s.printed++
		s.printMsg.Importance = widget.SuccessImportance
		if copy {
			s.printMsg.SetText(tr("res.printedCopy", "Đã in lại (đánh dấu bản sao)."))
		} else {
			s.printMsg.SetText(tr("res.printed", "Đã gửi lệnh in."))
		}
	})
}
