package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/ui/widgets"
)

// lockScreen covers the main window after account.Policy.IdleLock without
// input (or Ctrl+Shift+L). The same user continues with their password
// and finds the screen as they left it; another user may log in instead,
// which ends the first user's session (their unsaved work is dropped).
type lockScreen struct {
	u *UI

	user      *widget.Label
	username  *widgets.VNEntry
	password  *widgets.VNEntry
	unlock    *widget.Button
	other     *widget.Button
	userField *widgets.FormField
	errText   *widget.Label
}

func newLockScreen(u *UI) *lockScreen { return &lockScreen{u: u} }

func (s *lockScreen) build() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(tr("lock.title", "Màn hình đã khóa"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	u := s.u.session.User
	s.user = widget.NewLabel(tr("lock.user", "Đang làm việc: {{.Name}} ({{.User}}). Nhập mật khẩu để tiếp tục.", map[string]string{"Name": u.Name, "User": u.Username}))
	s.user.Wrapping = fyne.TextWrapWord
	s.username = widgets.NewVNEntry(nil)
	s.username.SetText(u.Username)
	s.userField = widgets.NewFormField("username", tr("login.username", "Tên đăng nhập"), s.username, "")
	s.userField.Object().Hide()
	s.password = widgets.NewVNEntry(nil)
	s.password.Password = true
	s.password.OnSubmitted = func(string) { s.onUnlock() }
	s.username.OnSubmitted = func(string) { s.u.win.Canvas().Focus(s.password) }
	s.unlock = widget.NewButtonWithIcon(tr("lock.unlock", "Mở khóa (Enter)"), theme.LoginIcon(), s.onUnlock)
	s.unlock.Importance = widget.HighImportance
	s.other = widget.NewButton(tr("lock.other", "Người khác đăng nhập"), s.onOther)
	s.errText = widget.NewLabel("")
	s.errText.Importance = widget.DangerImportance
	s.errText.Wrapping = fyne.TextWrapWord
	s.errText.Hide()
	form := container.NewVBox(title, s.user, s.userField.Object(),
		widgets.NewFormField("password", tr("login.password", "Mật khẩu"), s.password, "").Object(),
		s.errText, container.NewGridWithColumns(2, s.other, s.unlock))
	return centered(form, 480)
}

func (s *lockScreen) focus() { s.u.win.Canvas().Focus(s.password) }

// onOther lets another user log in.
func (s *lockScreen) onOther() {
	s.username.SetText("")
	s.userField.Object().Show()
	s.user.SetText(tr("lock.otherinfo", "Người dùng khác đăng nhập sẽ kết thúc phiên làm việc của {{.Name}}; những gì đang nhập dở sẽ không được lưu.", map[string]string{"Name": s.u.session.User.Name}))
	s.u.win.Canvas().Focus(s.username)
}

func (s *lockScreen) onUnlock() {
	name := strings.ToLower(strings.TrimSpace(s.username.Text))
	sess, err := s.u.deps.Service.Login(name, s.password.Text)
	if err != nil {
		s.errText.SetText(widgets.ErrorText(err))
		s.errText.Show()
		s.password.SetText("")
		s.u.win.Canvas().Focus(s.password)
		return
	}
	if sess.User.Username == s.u.session.User.Username {
		s.u.unlock(sess)
		return
	}
	s.u.switchUser(sess)
}
