package intake

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/cccd"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// applicantStep: the submitter (người nộp) and, when filing for someone
// else, the owner (chủ hồ sơ) with the authorisation paper. A CCCD QR scan
// (domain.md §5) fills a citizen and marks it verified.
type applicantStep struct {
	scanEntry *kit.Entry
	scanErr   *widget.Label
	sub       *partyForm
	own       *partyForm
	ownerOn   *widget.Check
	ownerBox  *fyne.Container
	authz     *widgets.VNEntry
	authzErr  *widget.Label
}

// partyForm is the form of one party.
type partyForm struct {
	s        *screen
	path     string // "submitter" or "owner"
	kind     *kit.Choice
	passport *widget.Check
	id       *kit.Entry
	name     *widgets.VNEntry
	birth    *kit.Entry
	sex      *kit.Choice
	address  *widgets.VNEntry
	phone    *kit.Entry
	email    *kit.Entry
	tax      *kit.Entry
	badge    *widget.Label
	fields   map[string]*kit.Field
	box      *fyne.Container

	verified bool
	oldID    string
	filling  bool
}

// kinds offered, in Choice order.
var partyKinds = []dossier.PartyKind{dossier.PartyCitizen, dossier.PartyBusiness, dossier.PartyStateAgency, dossier.PartyOrganisation}

func (s *screen) newPartyForm(path, title string) *partyForm {
	f := &partyForm{s: s, path: path, fields: map[string]*kit.Field{}}
	f.kind = kit.NewChoice([]string{
		tr("party.citizen", "Công dân"), tr("party.business", "Doanh nghiệp"),
		tr("party.state", "Cơ quan nhà nước"), tr("party.org", "Tổ chức khác"),
	}, s.keys)
	f.kind.Horizontal = true
	f.kind.SetSelected(0)
	f.kind.OnChanged = func(int) { f.refreshKind() }
	f.kind.OnSubmit = func() { f.focusFirst() }
	f.passport = widget.NewCheck(tr("party.passport", "Người nước ngoài (số hộ chiếu)"), nil)
	f.id = s.newEntry()
	f.id.SetPlaceHolder(tr("party.idPh", "12 chữ số"))
	f.name = s.newVN()
	f.birth = s.newEntry()
	f.birth.SetPlaceHolder(tr("party.birthPh", "ngày/tháng/năm"))
	f.sex = kit.NewChoice([]string{"Nam", "Nữ"}, s.keys)
	f.sex.Horizontal = true
	f.sex.OnSubmit = func() { s.focus(f.address) }
	f.address = s.newVN()
	f.phone = s.newEntry()
	f.email = s.newEntry()
	f.tax = s.newEntry()
	f.tax.SetPlaceHolder(tr("party.taxPh", "10 chữ số, chi nhánh: 10 chữ số-3 chữ số"))
	f.badge = widget.NewLabel("")
	f.badge.Importance = widget.SuccessImportance
	f.badge.Hide()
	// Editing identity data after a scan drops the verified mark.
	unverify := func(string) {
		if !f.filling && f.verified {
			f.verified = false
			f.oldID = ""
			f.refreshBadge()
		}
	}
	f.id.OnChanged, f.name.OnChanged, f.birth.OnChanged = unverify, unverify, unverify
	f.sex.OnChanged = func(int) { unverify("") }
	// Enter moves on through the fields; after the last, the step is done.
	f.id.OnSubmitted = func(string) { s.focus(f.name) }
	f.name.OnSubmitted = func(string) { f.afterName() }
	f.birth.OnSubmitted = func(string) { s.focus(f.sex) }
	f.address.OnSubmitted = func(string) { s.focus(f.phone) }
	f.phone.OnSubmitted = func(string) { s.focus(f.email) }
	f.email.OnSubmitted = func(string) { f.afterLast() }
	f.tax.OnSubmitted = func(string) { s.focus(f.address) }

	add := func(key, label string, required bool, in fyne.CanvasObject) *kit.Field {
		fl := kit.NewField(label, required, in)
		f.fields[key] = fl
		return fl
	}
	form := kit.Form(
		add("kind", tr("party.kind", "Loại"), false, f.kind),
		add("id_number", tr("party.id", "Số định danh (CCCD)"), true, kit.Row(nil, f.id, f.passport)),
		add("tax_code", tr("party.tax", "Mã số thuế"), false, f.tax),
		add("name", tr("party.name", "Họ và tên"), true, f.name),
		add("birth_date", tr("party.birth", "Ngày sinh"), false, f.birth),
		add("sex", tr("party.sex", "Giới tính"), false, f.sex),
		add("address", tr("party.address", "Địa chỉ"), false, f.address),
		add("phone", tr("party.phone", "Điện thoại"), false, f.phone),
		add("email", tr("party.email", "Thư điện tử"), false, f.email),
	)
	f.box = container.NewVBox(container.NewBorder(nil, nil, kit.Heading(title), f.badge), form)
	f.refreshKind()
	return f
}

func (f *partyForm) kindValue() dossier.PartyKind {
	if i := f.kind.Selected(); i >= 0 {
		return partyKinds[i]
	}
	return dossier.PartyCitizen
}

// refreshKind shows the citizen or the organisation fields.
func (f *partyForm) refreshKind() {
	org := f.kindValue().IsOrganisation()
	show := func(key string, on bool) {
		if on {
			f.fields[key].Show()
		} else {
			f.fields[key].Hide()
		}
	}
	show("id_number", !org)
	show("birth_date", !org)
	show("sex", !org)
	show("tax_code", org)
	if org {
		f.fields["name"].Label.SetText(tr("party.orgName", "Tên tổ chức") + " *")
		f.fields["tax_code"].Label.SetText(tr("party.tax", "Mã số thuế") + map[bool]string{true: " *", false: ""}[f.kindValue() == dossier.PartyBusiness])
	} else {
		f.fields["name"].Label.SetText(tr("party.name", "Họ và tên") + " *")
	}
}

func (f *partyForm) afterName() {
	if f.kindValue().IsOrganisation() {
		f.s.focus(f.address)
		return
	}
	f.s.focus(f.birth)
}

// afterLast: Enter on the last field goes to the owner, the authorisation
// or the next step.
func (f *partyForm) afterLast() {
	s := f.s
	if f == s.sub && s.ownerOn.Checked {
		s.own.focusFirst()
		return
	}
	if s.ownerOn.Checked && strings.TrimSpace(s.authz.Text) == "" {
		f.s.focus(s.authz)
		return
	}
	s.goTo(stepFees)
}

// focusFirst focuses the first empty field.
func (f *partyForm) focusFirst() {
	if f.kindValue().IsOrganisation() {
		for _, e := range []fyne.Focusable{f.tax, f.name, f.address, f.phone} {
			if entryText(e) == "" {
				f.s.focus(e)
				return
			}
		}
		f.s.focus(f.email)
		return
	}
	for _, e := range []fyne.Focusable{f.id, f.name, f.birth, f.address, f.phone} {
		if entryText(e) == "" {
			f.s.focus(e)
			return
		}
	}
	f.s.focus(f.email)
}

func entryText(o fyne.Focusable) string {
	switch e := o.(type) {
	case *kit.Entry:
		return strings.TrimSpace(e.Text)
	case *widgets.VNEntry:
		return strings.TrimSpace(e.Text)
	}
	return ""
}

func (f *partyForm) reset() {
	f.filling = true
	f.kind.SetSelected(0)
	f.passport.SetChecked(false)
	for _, e := range []*kit.Entry{f.id, f.birth, f.phone, f.email, f.tax} {
		e.SetText("")
	}
	f.name.SetText("")
	f.address.SetText("")
	f.sex.SetSelected(-1)
	f.verified = false
	f.oldID = ""
	f.filling = false
	f.refreshKind()
	f.refreshBadge()
	f.showErrors(nil)
}

func (f *partyForm) refreshBadge() {
	if f.verified {
		f.badge.SetText(tr("party.verified", "✔ Đã xác thực bằng mã QR trên CCCD"))
		f.badge.Show()
	} else {
		f.badge.Hide()
	}
}

// party reads the form. Text is stored NFC by desk.Service.Receive; the
// VNEntry fields hold NFC already.
func (f *partyForm) party() dossier.Party {
	p := dossier.Party{Kind: f.kindValue(), Name: f.name.Text, Address: f.address.Text, Phone: strings.TrimSpace(f.phone.Text), Email: strings.TrimSpace(f.email.Text)}
	if p.Kind.IsOrganisation() {
		p.TaxCode = strings.TrimSpace(f.tax.Text)
		return p
	}
	p.IDNumber = strings.ReplaceAll(strings.TrimSpace(f.id.Text), " ", "")
	p.Passport = f.passport.Checked
	p.OldID = f.oldID
	if b := strings.TrimSpace(f.birth.Text); b != "" {
		if d, err := kit.ParseDate(b); err == nil {
			p.BirthDate = d.Format("2006-01-02")
		} else {
			p.BirthDate = b // reported as a birth date error
		}
	}
	switch f.sex.Selected() {
	case 0:
		p.Sex = "Nam"
	case 1:
		p.Sex = "Nữ"
	}
	p.Verified = f.verified
	return p
}

// fill puts a scanned card into the form and marks it verified.
func (f *partyForm) fill(c cccd.Card) {
	f.filling = true
	f.kind.SetSelected(0)
	f.passport.SetChecked(false)
	f.refreshKind()
	f.id.SetText(c.ID)
	f.name.SetText(c.Name)
	f.birth.SetText(kit.BirthDate(c.BirthDate.String()))
	switch c.Sex {
	case "Nam":
		f.sex.SetSelected(0)
	case "Nữ":
		f.sex.SetSelected(1)
	}
	f.address.SetText(c.Address)
	f.oldID = ""
	if len(c.OldID) == 9 {
		f.oldID = c.OldID
	}
	f.verified = true
	f.filling = false
	f.refreshBadge()
	f.showErrors(nil)
}

// showErrors puts the problems of err that concern this party under its
// fields; it returns whether there were any.
func (f *partyForm) showErrors(err error) bool {
	any := false
	for key, fl := range f.fields {
		msg := widgets.FieldError(err, f.path+"."+key)
		if key == "id_number" && msg == "" {
			msg = widgets.FieldError(err, f.path+".old_id")
		}
		fl.SetError(msg)
		any = any || msg != ""
	}
	return any
}

func (s *screen) buildApplicant() fyne.CanvasObject {
	s.scanEntry = s.newEntry()
	s.scanEntry.SetPlaceHolder(tr("app.scanPh", "F2 – quét mã QR trên thẻ CCCD (hoặc quét ở bất kỳ ô nào)"))
	s.scanEntry.OnScan = s.onScan
	s.scanEntry.OnSubmitted = func(t string) {
		if strings.TrimSpace(t) == "" {
			s.sub.focusFirst()
			return
		}
		// Text typed or pasted into the scan field is always read as a
		// CCCD payload, so a wrong one is explained.
		if !s.onScan(t) {
			s.scanFailed(scanErrorText(cccdParseErr(t)))
		}
	}
	s.scanErr = kit.ErrorLabel()
	s.sub = s.newPartyForm("submitter", tr("app.submitter", "Người nộp hồ sơ"))
	s.own = s.newPartyForm("owner", tr("app.owner", "Chủ hồ sơ (người ủy quyền)"))
	s.authz = s.newVN()
	s.authz.SetPlaceHolder(tr("app.authzPh", "Giấy ủy quyền: số, ngày, nơi chứng thực"))
	s.authz.OnSubmitted = func(string) { s.goTo(stepFees) }
	s.authzErr = kit.ErrorLabel()
	s.ownerOn = widget.NewCheck(tr("app.ownerOn", "Nộp thay (ủy quyền): chủ hồ sơ là người hoặc tổ chức khác"), func(on bool) {
		if on {
			s.ownerBox.Show()
		} else {
			s.ownerBox.Hide()
		}
	})
	s.ownerBox = container.NewVBox(
		s.own.box,
		container.NewBorder(nil, nil, widget.NewLabel(tr("app.authz", "Giấy ủy quyền *")), nil, s.authz),
		s.authzErr,
	)
	s.ownerBox.Hide()
	help := kit.Hint(tr("app.help", "Quét CCCD để điền tự động: lần quét đầu điền người nộp; khi nộp thay, lần quét sau điền chủ hồ sơ. Enter chuyển ô tiếp theo."))
	scan := container.NewBorder(nil, nil, widget.NewLabel(tr("app.scan", "Quét CCCD")), nil, s.scanEntry)
	return container.NewVScroll(container.NewVBox(
		kit.Heading(tr("app.heading", "4. Người nộp hồ sơ")),
		help, scan, s.scanErr,
		s.sub.box,
		s.ownerOn,
		s.ownerBox,
	))
}

func (s *screen) resetApplicant() {
	s.scanEntry.SetText("")
	kit.SetError(s.scanErr, "")
	s.sub.reset()
	s.own.reset()
	s.ownerOn.SetChecked(false)
	s.authz.SetText("")
	kit.SetError(s.authzErr, "")
}

// focusApplicant puts the cursor in the first empty field of the
// submitter: the clerk types there, or fires the scanner (a burst is
// recognised in any field).
func (s *screen) focusApplicant() { s.sub.focusFirst() }

// focusScan (F2) goes to the scan field.
func (s *screen) focusScan() {
	if s.done != nil {
		return
	}
	if s.step != stepApplicant {
		s.goTo(stepApplicant)
		if s.step != stepApplicant {
			return
		}
	}
	s.scanEntry.SetText("")
	s.focus(s.scanEntry)
}

// scanTarget chooses whom a scan fills: the owner when the clerk is in the
// owner's form, or when filing for someone else and the submitter is
// already verified; otherwise the submitter.
func (s *screen) scanTarget() *partyForm {
	if !s.ownerOn.Checked {
		return s.sub
	}
	if f := s.win.Canvas().Focused(); f != nil {
		for _, o := range []fyne.Focusable{s.own.kind, s.own.id, s.own.name, s.own.birth, s.own.sex, s.own.address, s.own.phone, s.own.email, s.own.tax} {
			if o == f {
				return s.own
			}
		}
	}
	if s.sub.verified && !s.own.verified {
		return s.own
	}
	return s.sub
}

// onScan handles a scanner burst: a CCCD QR fills the applicant; a receipt
// QR opens its dossier; anything else is left alone (false). A payload
// that looks like a CCCD but does not parse changes nothing and shows why.
func (s *screen) onScan(payload string) bool {
	if kind, code := desk.ClassifyQuery(payload); kind == desk.QueryReceipt {
		if s.deps.OpenDossier != nil {
			s.deps.OpenDossier(code)
			return true
		}
		return false
	}
	if !cccd.IsLikelyCCCD(payload) && strings.Count(payload, "|") < 3 {
		return false
	}
	if s.done != nil {
		return true
	}
	card, err := cccd.Parse(payload)
	if err != nil {
		s.scanFailed(scanErrorText(err))
		return true
	}
	kit.SetError(s.scanErr, "")
	target := s.scanTarget()
	target.fill(card)
	who := tr("app.submitter", "Người nộp hồ sơ")
	if target == s.own {
		who = tr("app.owner", "Chủ hồ sơ (người ủy quyền)")
	}
	msg := tr("app.scanned", "Đã đọc CCCD: {{.N}} – {{.ID}} → {{.W}}.", map[string]any{"N": card.Name, "ID": card.ID, "W": who})
	if w := warningText(card.Warnings); w != "" {
		msg += " " + w
		s.setStatus(msg, widget.WarningImportance)
	} else {
		s.setStatus(msg, widget.SuccessImportance)
	}
	s.scanEntry.SetText("")
	s.refreshSummary()
	if s.step == stepApplicant {
		target.focusFirst()
	}
	return true
}

// scanFailed shows why a scan was not used; nothing else changes.
func (s *screen) scanFailed(msg string) {
	kit.SetError(s.scanErr, msg)
	s.setStatus(msg, widget.DangerImportance)
	s.scanEntry.SetText("")
}

func cccdParseErr(t string) error {
	_, err := cccd.Parse(t)
	if err == nil {
		return errors.New("not used")
	}
	return err
}

// scanErrorText explains a CCCD parse error in Vietnamese.
func scanErrorText(err error) string {
	var e *cccd.Error
	if !errors.As(err, &e) {
		return tr("scan.bad", "Không đọc được mã vừa quét. Quét lại.")
	}
	if e.Kind == cccd.NotCCCD {
		return tr("scan.notCCCD", "Mã vừa quét không phải mã QR trên thẻ CCCD (trường đầu phải là số định danh 12 chữ số). Không có gì thay đổi.")
	}
	switch {
	case strings.Contains(e.Msg, "no name"):
		return tr("scan.noName", "Mã QR CCCD thiếu họ tên. Quét lại; nếu vẫn lỗi, nhập tay. Không có gì thay đổi.")
	case strings.Contains(e.Msg, "(birth date)"):
		return tr("scan.birth", "Ngày sinh trong mã QR CCCD không phải ngày hợp lệ. Quét lại; nếu vẫn lỗi, nhập tay. Không có gì thay đổi.")
	case strings.Contains(e.Msg, "(sex)"):
		return tr("scan.sex", "Giới tính trong mã QR CCCD không đọc được (phải là Nam hoặc Nữ). Không có gì thay đổi.")
	case strings.Contains(e.Msg, "truncated"):
		return tr("scan.truncated", "Mã QR CCCD bị cắt cụt (thiếu ngày cấp): giữ thẻ yên và quét lại. Không có gì thay đổi.")
	case strings.Contains(e.Msg, "(issue date)"):
		return tr("scan.issue", "Ngày cấp trong mã QR CCCD không phải ngày hợp lệ. Không có gì thay đổi.")
	}
	return tr("scan.field", "Mã QR CCCD bị lỗi ở trường thứ {{.N}}. Quét lại; nếu vẫn lỗi, nhập tay. Không có gì thay đổi.", map[string]any{"N": e.Field})
}

// warningText lists what the clerk should check on a parsed card.
func warningText(ws []cccd.Warning) string {
	var out []string
	for _, w := range ws {
		switch w.Kind {
		case cccd.WarnProvince, cccd.WarnCentury, cccd.WarnSex, cccd.WarnYear:
			out = append(out, tr("scan.warnID", "số định danh không khớp mã tỉnh, năm sinh hoặc giới tính trên thẻ"))
		case cccd.WarnIssueBeforeBirth:
			out = append(out, tr("scan.warnIssue", "ngày cấp trước ngày sinh"))
		}
	}
	if len(out) == 0 {
		return ""
	}
	return tr("scan.warn", "Lưu ý, đối chiếu với thẻ: {{.W}}.", map[string]any{"W": strings.Join(dedupe(out), "; ")})
}

// parties returns the submitter, the owner (nil when the submitter is the
// owner) and the authorisation text.
func (s *screen) parties() (dossier.Party, *dossier.Party, string) {
	sub := s.sub.party()
	if !s.ownerOn.Checked {
		return sub, nil, ""
	}
	o := s.own.party()
	return sub, &o, s.authz.Text
}

// showApplicantErrors puts service errors under the fields of step 4.
func (s *screen) showApplicantErrors(err error) bool {
	a := s.sub.showErrors(err)
	b := s.own.showErrors(err)
	msg := widgets.FieldError(err, "authorisation")
	kit.SetError(s.authzErr, msg)
	return a || b || msg != ""
}

var _ = fmt.Sprint
