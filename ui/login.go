package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/ui/widgets"
)

// loginScreen asks for the user name and password (desk.Service.Login,
// which enforces the lockout after repeated failures).
type loginScreen struct {
	u *UI

	office   *widget.Label
	username *widgets.VNEntry
	password *widgets.VNEntry
	submit   *widget.Button
	info     *widget.Label
	errText  *widget.Label
}

func newLoginScreen(u *UI) *loginScreen { return &loginScreen{u: u} }

func (s *loginScreen) build() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(tr("login.title", "Đăng nhập"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	s.office = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	s.office.Wrapping = fyne.TextWrapWord
	if o, d, err := s.u.deps.Service.Config(); err == nil {
		s.office.SetText(tr("login.office", "{{.O}} · Quầy số {{.N}}", map[string]any{"O": o.Name, "N": d.Number}))
		s.u.win.SetTitle("motcua — " + o.Name)
	}
	s.username = widgets.NewVNEntry(nil)
	s.username.SetPlaceHolder(tr("login.username.ph", "tên đăng nhập"))
	s.password = widgets.NewVNEntry(nil)
	s.password.Password = true
	s.password.SetPlaceHolder(tr("login.password.ph", "mật khẩu"))
	s.username.OnSubmitted = func(string) { s.u.win.Canvas().Focus(s.password) }
	s.password.OnSubmitted = func(string) { s.onLogin() }
	s.submit = widget.NewButtonWithIcon(tr("login.submit", "Đăng nhập (Enter)"), theme.LoginIcon(), s.onLogin)
	s.submit.Importance = widget.HighImportance
	s.info = widget.NewLabel("")
	s.info.Importance = widget.SuccessImportance
	s.info.Wrapping = fyne.TextWrapWord
	s.info.Hide()
	s.errText = widget.NewLabel("")
	s.errText.Importance = widget.DangerImportance
	s.errText.Wrapping = fyne.TextWrapWord
	s.errText.Hide()

	form := container.NewVBox(
		title, s.office, s.info,
		widgets.NewFormField("username", tr("login.username", "Tên đăng nhập"), s.username, "").Object(),
		widgets.NewFormField("password", tr("login.password", "Mật khẩu"), s.password, "").Object(),
		s.errText, s.submit,
	)
	return centered(form, 440)
}

// centered puts a card of the given width in the middle of the window.
func centered(content fyne.CanvasObject, width float32) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	card := container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), container.NewPadded(container.NewPadded(content)))
	sized := container.New(&fixedWidth{w: width}, card)
	return container.NewStack(bg, container.NewVBox(layout.NewSpacer(), container.NewHBox(layout.NewSpacer(), sized, layout.NewSpacer()), layout.NewSpacer()))
}

// fixedWidth lays one object out at a fixed width and its minimum height.
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

func (s *loginScreen) prefill(username string) {
	s.username.SetText(username)
	if username != "" {
		s.u.win.Canvas().Focus(s.password)
	} else {
		s.u.win.Canvas().Focus(s.username)
	}
}

func (s *loginScreen) setInfo(msg string) {
	s.info.SetText(msg)
	s.info.Show()
}

func (s *loginScreen) onLogin() {
	sess, err := s.u.deps.Service.Login(s.username.Text, s.password.Text)
	if err != nil {
		s.info.Hide()
		s.errText.SetText(widgets.ErrorText(err))
		s.errText.Show()
		s.password.SetText("")
		s.u.win.Canvas().Focus(s.password)
		return
	}
	s.u.loggedIn(sess)
}

// passwordScreen changes the session user's password; forced after an
// administrator's reset (account.User.MustChange).
type passwordScreen struct {
	u      *UI
	forced bool

	old, new1, new2 *widgets.VNEntry
	fields          widgets.FormFields
	submit, cancel  *widget.Button
	errText         *widget.Label
	done            func()
}

func newPasswordScreen(u *UI, forced bool) *passwordScreen {
	return &passwordScreen{u: u, forced: forced}
}

func (s *passwordScreen) build() fyne.CanvasObject {
	title := widget.NewLabelWithStyle(tr("pw.title", "Đổi mật khẩu"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel(tr("pw.intro", "Đặt mật khẩu mới: ít nhất {{.N}} ký tự, có cả chữ và số, không chứa tên đăng nhập.", map[string]int{"N": s.u.policy().MinLength}))
	if s.forced {
		intro.SetText(tr("pw.forced", "Mật khẩu của bạn vừa được quản trị viên đặt lại. Hãy đặt mật khẩu mới trước khi làm việc.") + " " + intro.Text)
	}
	intro.Wrapping = fyne.TextWrapWord
	mk := func() *widgets.VNEntry {
		e := widgets.NewVNEntry(nil)
		e.Password = true
		return e
	}
	s.old, s.new1, s.new2 = mk(), mk(), mk()
	s.fields = widgets.FormFields{
		widgets.NewFormField("old_password", tr("pw.old", "Mật khẩu hiện tại"), s.old, ""),
		widgets.NewFormField("password", tr("pw.new", "Mật khẩu mới"), s.new1, ""),
		widgets.NewFormField("password2", tr("pw.new2", "Nhập lại mật khẩu mới"), s.new2, ""),
	}
	s.old.OnSubmitted = func(string) { s.u.win.Canvas().Focus(s.new1) }
	s.new1.OnSubmitted = func(string) { s.u.win.Canvas().Focus(s.new2) }
	s.new2.OnSubmitted = func(string) { s.onSubmit() }
	s.submit = widget.NewButtonWithIcon(tr("pw.submit", "Đổi mật khẩu"), theme.ConfirmIcon(), s.onSubmit)
	s.submit.Importance = widget.HighImportance
	s.cancel = widget.NewButton(tr("pw.cancel", "Hủy"), s.onCancel)
	if s.forced {
		s.cancel.SetText(tr("pw.logout", "Đăng xuất"))
	}
	s.errText = widget.NewLabel("")
	s.errText.Importance = widget.DangerImportance
	s.errText.Wrapping = fyne.TextWrapWord
	s.errText.Hide()
	form := container.NewVBox(title, intro, container.NewVBox(s.fields.Objects()...), s.errText,
		container.NewGridWithColumns(2, s.cancel, s.submit))
	return centered(form, 480)
}

func (s *passwordScreen) focus() { s.u.win.Canvas().Focus(s.old) }

func (s *passwordScreen) onCancel() {
	if s.forced {
		s.u.Logout()
		return
	}
	if s.done != nil {
		s.done()
	}
}

func (s *passwordScreen) onSubmit() {
	widgets.NoteActivity()
	s.errText.Hide()
	if s.new1.Text != s.new2.Text {
		s.fields.Clear()
		s.fields[2].SetError(tr("setup.pass.differ", "Hai lần nhập mật khẩu không giống nhau."))
		return
	}
	if err := s.u.deps.Service.ChangePassword(s.u.session, s.old.Text, s.new1.Text); err != nil {
		if rest := s.fields.ShowErrors(err); rest != "" {
			s.errText.SetText(rest)
			s.errText.Show()
		}
		return
	}
	s.fields.Clear()
	if s.forced {
		s.u.enterShell()
		return
	}
	if s.done != nil {
		s.done()
	}
	if s.u.shell != nil {
		s.u.shell.setNotice(tr("pw.changed", "Đã đổi mật khẩu."))
	}
}
