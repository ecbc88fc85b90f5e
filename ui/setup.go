package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/admin"
	"motcua/ui/widgets"
)

// Steps of the first-run setup.
const (
	setupOffice = iota
	setupDesk
	setupAdmin
	setupSteps
)

// setupScreen is the first-run setup wizard (issue 4): the office, this
// desk, and the first administrator, stored by desk.Service.Setup. Each
// step is checked before the next (the same validation Setup runs), and
// problems are shown under their fields in Vietnamese.
type setupScreen struct {
	u    *UI
	step int

	office *admin.OfficeForm
	desk   *admin.DeskForm

	adminUser, adminName, adminPass, adminPass2 *widgets.VNEntry
	adminFields                                 widgets.FormFields

	heading  *widget.Label
	stepInfo *widget.Label
	body     *fyne.Container
	scroll   *container.Scroll
	errText  *widget.Label
	back     *widget.Button
	next     *widget.Button
	panels   [setupSteps]fyne.CanvasObject
	root     *fyne.Container
}

func newSetupScreen(u *UI) *setupScreen { return &setupScreen{u: u} }

func (s *setupScreen) build() fyne.CanvasObject {
	s.office = admin.NewOfficeForm(s.u.typing, false)
	s.office.Set(desk.DefaultOffice())
	s.desk = admin.NewDeskForm(false)
	s.desk.Set(desk.Desk{ID: "quay-01", Number: 1, Slot: 1})

	s.adminUser = widgets.NewVNEntry(nil)
	s.adminUser.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "quantri"}))
	s.adminName = widgets.NewVNEntry(s.u.typing)
	s.adminName.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "Nguyễn Văn An"}))
	s.adminPass = widgets.NewVNEntry(nil)
	s.adminPass.Password = true
	s.adminPass2 = widgets.NewVNEntry(nil)
	s.adminPass2.Password = true
	min := s.u.policy().MinLength
	s.adminFields = widgets.FormFields{
		widgets.NewFormField("username", tr("setup.admin.user", "Tên đăng nhập của quản trị viên"), s.adminUser, tr("setup.admin.user.help", "Chữ thường không dấu, chữ số, dấu chấm; ví dụ: quantri.")),
		widgets.NewFormField("admin_name", tr("setup.admin.name", "Họ và tên"), s.adminName, ""),
		widgets.NewFormField("password", tr("setup.admin.pass", "Mật khẩu"), s.adminPass, tr("setup.admin.pass.help", "Ít nhất {{.N}} ký tự, có cả chữ và số, không chứa tên đăng nhập.", map[string]int{"N": min})),
		widgets.NewFormField("password2", tr("setup.admin.pass2", "Nhập lại mật khẩu"), s.adminPass2, ""),
	}
	// Enter moves on through the fields, then to the next step.
	chain := func(es []*widgets.VNEntry) {
		for i, e := range es {
			if i+1 < len(es) {
				nxt := es[i+1]
				e.OnSubmitted = func(string) { s.u.win.Canvas().Focus(nxt) }
			} else {
				e.OnSubmitted = func(string) { s.onNext() }
			}
		}
	}
	chain([]*widgets.VNEntry{s.office.ParentAgency, s.office.Name, s.office.AgencyCode, s.office.Place, s.office.Address, s.office.Hours, s.office.Cutoff, s.office.LookupURL, s.office.Slots})
	chain([]*widgets.VNEntry{s.desk.ID, s.desk.Number, s.desk.Slot})
	chain([]*widgets.VNEntry{s.adminUser, s.adminName, s.adminPass, s.adminPass2})

	s.panels[setupOffice] = s.office.Object()
	s.panels[setupDesk] = container.NewVBox(s.desk.Object(), deskNote())
	s.panels[setupAdmin] = container.NewGridWithColumns(2, s.adminFields.Objects()...)

	title := widget.NewLabelWithStyle(tr("setup.title", "Cài đặt lần đầu cho quầy một cửa"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(tr("setup.intro", "Nhập thông tin của cơ quan, của quầy này và tạo tài khoản quản trị đầu tiên. Có thể sửa lại sau trong mục Quản trị."))
	intro.Wrapping = fyne.TextWrapWord
	s.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.heading.SizeName = theme.SizeNameSubHeadingText
	s.stepInfo = widget.NewLabel("")
	s.body = container.NewStack()
	s.scroll = container.NewVScroll(container.NewPadded(s.body))
	s.errText = widget.NewLabel("")
	s.errText.Importance = widget.DangerImportance
	s.errText.Wrapping = fyne.TextWrapWord
	s.errText.Hide()
	s.back = widget.NewButtonWithIcon(tr("setup.back", "Quay lại"), theme.NavigateBackIcon(), s.onBack)
	s.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), s.onNext)
	s.next.Importance = widget.HighImportance
	s.next.IconPlacement = widget.ButtonIconTrailingText

	top := container.NewVBox(title, intro, widget.NewSeparator(), container.NewHBox(s.heading, s.stepInfo))
	bottom := container.NewVBox(s.errText, container.NewBorder(nil, nil, s.back, s.next))
	s.goTo(setupOffice)
	s.root = container.NewPadded(container.NewBorder(top, bottom, nil, nil, s.scroll))
	return s.root
}

func deskNote() fyne.CanvasObject {
	l := widget.NewLabel(tr("setup.desk.note", "Máy in được chọn sau, trong Quản trị › Cơ quan và quầy. Nếu cơ quan có nhiều quầy, mỗi quầy cài đặt với cùng mã định danh và một ô mã khác nhau."))
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.LowImportance
	return l
}

func (s *setupScreen) goTo(step int) {
	s.step = step
	names := [setupSteps]string{
		tr("setup.step.office", "Cơ quan"),
		tr("setup.step.desk", "Quầy này"),
		tr("setup.step.admin", "Quản trị viên đầu tiên"),
	}
	s.heading.SetText(names[step])
	s.stepInfo.SetText(tr("setup.stepof", "Bước {{.I}}/{{.N}}", map[string]int{"I": step + 1, "N": setupSteps}))
	s.body.Objects = []fyne.CanvasObject{s.panels[step]}
	s.body.Refresh()
	s.scroll.ScrollToTop()
	if step == setupOffice {
		s.back.Disable()
	} else {
		s.back.Enable()
	}
	if step == setupAdmin {
		s.next.SetText(tr("setup.finish", "Hoàn tất cài đặt"))
	} else {
		s.next.SetText(tr("setup.next", "Tiếp tục"))
	}
	s.setError("")
	s.focus()
}

func (s *setupScreen) focus() {
	var f fyne.Focusable
	switch s.step {
	case setupOffice:
		f = s.office.ParentAgency
	case setupDesk:
		f = s.desk.ID
	default:
		f = s.adminUser
	}
	s.u.win.Canvas().Focus(f)
}

func (s *setupScreen) setError(msg string) {
	s.errText.SetText(msg)
	if msg == "" {
		s.errText.Hide()
	} else {
		s.errText.Show()
	}
	if s.root != nil {
		s.root.Refresh() // error lines changed the fields' heights
	}
}

func (s *setupScreen) onBack() {
	if s.step > 0 {
		s.goTo(s.step - 1)
	}
}

func (s *setupScreen) onNext() {
	widgets.NoteActivity()
	switch s.step {
	case setupOffice:
		o, err := s.office.Validate()
		if rest := s.office.Fields.ShowErrors(err); err != nil {
			s.setError(orDefault(rest, tr("setup.fix", "Sửa các ô được đánh dấu đỏ rồi bấm Tiếp tục.")))
			return
		}
		_ = o
		s.goTo(setupDesk)
	case setupDesk:
		o, _ := s.office.Office()
		_, err := s.desk.Validate(o)
		if rest := s.desk.ShowErrors(err); err != nil {
			s.setError(orDefault(rest, tr("setup.fix", "Sửa các ô được đánh dấu đỏ rồi bấm Tiếp tục.")))
			return
		}
		s.goTo(setupAdmin)
	case setupAdmin:
		s.finish()
	}
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// Request returns the setup request the wizard describes.
func (s *setupScreen) request() (desk.SetupRequest, error) {
	o, err := s.office.Office()
	if err != nil {
		return desk.SetupRequest{}, err
	}
	d, err := s.desk.Desk()
	if err != nil {
		return desk.SetupRequest{}, err
	}
	return desk.SetupRequest{
		Office: o, Desk: d,
		AdminUsername: strings.ToLower(strings.TrimSpace(s.adminUser.Text)),
		AdminName:     s.adminName.Text,
		AdminPassword: s.adminPass.Text,
	}, nil
}

func (s *setupScreen) finish() {
	req, err := s.request()
	if err == nil && s.adminPass.Text != s.adminPass2.Text {
		err = dossier.Errorf(dossier.KindInvalid, "password2", "the passwords differ")
	}
	if err == nil {
		err = s.u.deps.Service.Setup(req)
	}
	if err != nil {
		s.showSetupErrors(err)
		return
	}
	s.u.showLogin(req.AdminUsername)
	s.u.login.setInfo(tr("setup.done", "Đã cài đặt xong. Đăng nhập bằng tài khoản quản trị vừa tạo."))
}

// showSetupErrors puts the problems under their fields and goes to the
// first step that has one.
func (s *setupScreen) showSetupErrors(err error) {
	if widgets.FieldError(err, "password2") != "" {
		s.adminFields.Clear()
		s.adminFields[3].SetError(tr("setup.pass.differ", "Hai lần nhập mật khẩu không giống nhau."))
		s.setError("")
		return
	}
	restO := s.office.Fields.ShowErrors(err)
	restD := s.desk.ShowErrors(err)
	restA := s.adminFields.ShowErrors(err)
	switch {
	case s.office.Fields.Has(err):
		s.goTo(setupOffice)
		s.office.Fields.ShowErrors(err)
	case s.desk.Fields.Has(err):
		s.goTo(setupDesk)
		s.desk.ShowErrors(err)
	}
	// Problems that belong to no field of any step (e.g. the desk was
	// set up meanwhile) are shown at the bottom.
	var rest []string
	for _, p := range widgets.Problems(err) {
		if strings.Contains(restO, p.Text) && strings.Contains(restD, p.Text) && strings.Contains(restA, p.Text) {
			rest = append(rest, p.Text)
		}
	}
	if len(rest) > 0 {
		s.setError(strings.Join(rest, "\n"))
	} else {
		s.setError(tr("setup.fix", "Sửa các ô được đánh dấu đỏ rồi bấm Tiếp tục."))
	}
}
