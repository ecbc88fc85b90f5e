package admin

import (
	"errors"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/widgets"
)

var roles = []account.Role{account.RoleClerk, account.RoleSupervisor, account.RoleAdmin}

func roleLabel(r account.Role) string {
	switch r {
	case account.RoleClerk:
		return tr("role.clerk", "Cán bộ tiếp nhận")
	case account.RoleSupervisor:
		return tr("role.supervisor", "Lãnh đạo, giám sát")
	case account.RoleAdmin:
		return tr("role.admin", "Quản trị hệ thống")
	}
	return string(r)
}

// UsersTab lists the desk's users and edits one: create, change name or
// role, reset the password (the user must change it at the next login),
// disable. desk.Service.SaveUser enforces the rules (admins only; an admin
// cannot disable or demote themselves).
type UsersTab struct {
	cfg   *Config
	users []account.User

	List     *widget.List
	Username *widgets.VNEntry
	Name     *widgets.VNEntry
	Role     *widget.Select
	Password *widgets.VNEntry
	Disabled *widget.Check
	NewBtn   *widget.Button
	SaveBtn  *widget.Button
	Heading  *widget.Label
	Status   *widget.Label
	fields   widgets.FormFields
	editing  bool
}

func newUsersTab(cfg *Config) *UsersTab { return &UsersTab{cfg: cfg} }

func (t *UsersTab) build() fyne.CanvasObject {
	t.List = widget.NewList(
		func() int { return len(t.users) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.TextStyle.Bold = true
			return container.NewVBox(name, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			u := t.users[i]
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(u.Name + " (" + u.Username + ")")
			box.Objects[1].(*widget.Label).SetText(t.userLine(u))
		})
	t.List.OnSelected = func(i widget.ListItemID) { t.edit(t.users[i]) }

	t.Username = widgets.NewVNEntry(nil)
	t.Username.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "lan.nt"}))
	t.Name = widgets.NewVNEntry(t.cfg.Typing)
	t.Name.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "Nguyễn Thị Lan"}))
	labels := make([]string, len(roles))
	for i, r := range roles {
		labels[i] = roleLabel(r)
	}
	t.Role = widget.NewSelect(labels, nil)
	t.Password = widgets.NewVNEntry(nil)
	t.Password.Password = true
	t.Disabled = widget.NewCheck(tr("users.disabled", "Ngừng sử dụng tài khoản này"), nil)
	t.fields = widgets.FormFields{
		widgets.NewFormField("username", tr("users.username", "Tên đăng nhập"), t.Username, tr("users.username.help", "Chữ thường không dấu, chữ số, dấu chấm; không đổi được sau khi tạo.")),
		widgets.NewFormField("name", tr("users.name", "Họ và tên"), t.Name, ""),
		widgets.NewFormField("role", tr("users.role", "Vai trò"), t.Role, ""),
		widgets.NewFormField("password", tr("users.password", "Mật khẩu tạm thời"), t.Password, tr("users.password.help", "Bắt buộc khi tạo; khi sửa, chỉ nhập nếu cần đặt lại. Người dùng phải đổi mật khẩu ở lần đăng nhập tiếp theo.")),
		widgets.NewFormField("disabled", "", t.Disabled, ""),
	}
	t.Heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	t.Heading.SizeName = theme.SizeNameSubHeadingText
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	t.NewBtn = widget.NewButtonWithIcon(tr("users.new", "Người dùng mới"), theme.ContentAddIcon(), t.onNew)
	t.SaveBtn = widget.NewButtonWithIcon(tr("users.save", "Lưu người dùng"), theme.DocumentSaveIcon(), t.onSave)
	t.SaveBtn.Importance = widget.HighImportance

	t.reload()
	t.onNew()
	form := container.NewVBox(t.Heading, container.NewVBox(t.fields.Objects()...), container.NewHBox(t.SaveBtn), t.Status)
	left := container.NewBorder(container.NewHBox(t.NewBtn), nil, nil, nil, t.List)
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(form)))
	split.Offset = 0.4
	return split
}

func (t *UsersTab) userLine(u account.User) string {
	s := roleLabel(u.Role)
	switch {
	case u.Disabled:
		s += " · " + tr("users.state.disabled", "đã ngừng sử dụng")
	case u.Locked(t.cfg.now()):
		s += " · " + tr("users.state.locked", "đang tạm khóa")
	case u.MustChange:
		s += " · " + tr("users.state.mustchange", "chờ đổi mật khẩu")
	}
	return s
}

// reload reads the users.
func (t *UsersTab) reload() {
	us, err := t.cfg.Service.Users(t.cfg.Session)
	if err != nil {
		t.Status.SetText(widgets.ErrorText(err))
		return
	}
	sort.Slice(us, func(i, j int) bool { return us[i].Username < us[j].Username })
	t.users = us
	t.List.Refresh()
}

// Users returns the listed users.
func (t *UsersTab) Users() []account.User { return t.users }

func (t *UsersTab) onNew() {
	t.editing = false
	t.List.UnselectAll()
	t.Heading.SetText(tr("users.heading.new", "Thêm người dùng"))
	t.Username.SetText("")
	t.Username.Enable()
	t.Name.SetText("")
	t.Role.SetSelectedIndex(0)
	t.Password.SetText("")
	t.Disabled.SetChecked(false)
	t.fields.Clear()
	t.Status.SetText("")
	focus(t.cfg.Window, t.Username)
}

func (t *UsersTab) edit(u account.User) {
	t.editing = true
	t.Heading.SetText(tr("users.heading.edit", "Sửa người dùng {{.U}}", map[string]string{"U": u.Username}))
	t.Username.SetText(u.Username)
	t.Username.Disable()
	t.Name.SetText(u.Name)
	for i, r := range roles {
		if r == u.Role {
			t.Role.SetSelectedIndex(i)
		}
	}
	t.Password.SetText("")
	t.Disabled.SetChecked(u.Disabled)
	t.fields.Clear()
	t.Status.SetText("")
}

func (t *UsersTab) onSave() {
	widgets.NoteActivity()
	req := desk.UserRequest{
		Username: strings.TrimSpace(t.Username.Text),
		Name:     t.Name.Text,
		Password: t.Password.Text,
		Disabled: t.Disabled.Checked,
	}
	if i := t.Role.SelectedIndex(); i >= 0 {
		req.Role = roles[i]
	}
	if !t.editing {
		for _, u := range t.users {
			if u.Username == strings.ToLower(req.Username) {
				t.fields.ShowErrors(nil)
				t.fields[0].SetError(tr("users.exists", "Tên đăng nhập này đã có; chọn người dùng trong danh sách để sửa."))
				return
			}
		}
	}
	// Check everything the service checks one by one, so the
	// administrator sees every problem at once.
	var es dossier.Errors
	add := func(err error) {
		var e *dossier.Error
		if errors.As(err, &e) {
			es = append(es, e)
		}
	}
	if !t.editing {
		add(account.ValidateUsername(strings.ToLower(req.Username)))
		if req.Password == "" {
			add(dossier.Errorf(dossier.KindInvalid, "password", "a password is required"))
		}
	}
	if strings.TrimSpace(req.Name) == "" {
		add(dossier.Errorf(dossier.KindInvalid, "name", "the full name is required"))
	}
	if req.Password != "" {
		p := t.cfg.Service.Policy
		if p.MinLength == 0 {
			p = account.DefaultPolicy()
		}
		add(p.ValidatePassword(req.Password, strings.ToLower(req.Username)))
	}
	if len(es) > 0 {
		t.Status.SetText(t.fields.ShowErrors(es))
		return
	}
	if err := t.cfg.Service.SaveUser(t.cfg.Session, req); err != nil {
		t.Status.SetText(t.fields.ShowErrors(err))
		return
	}
	t.fields.Clear()
	msg := tr("users.saved", "Đã lưu người dùng {{.U}}.", map[string]string{"U": strings.ToLower(req.Username)})
	if req.Password != "" {
		msg += " " + tr("users.saved.password", "Người dùng phải đổi mật khẩu ở lần đăng nhập tiếp theo.")
	}
	t.reload()
	t.Password.SetText("")
	for i, u := range t.users {
		if u.Username == strings.ToLower(req.Username) {
			t.List.Select(i)
		}
	}
	t.Status.SetText(msg)
}

// focus puts the keyboard focus on o when the window shows it.
func focus(w fyne.Window, o fyne.Focusable) {
	if w != nil {
		w.Canvas().Focus(o)
	}
}
