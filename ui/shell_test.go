package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/desk"
)

func TestShell_Shortcuts(t *testing.T) {
	f := newFixture(t)
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	intake := &fakeIntake{content: widget.NewLabel("intake")}
	lookup := &fakeIntake{content: widget.NewLabel("lookup")}
	f.deps.Register(NavIntake, func(*Env) Screen { return intake })
	f.deps.Register(NavLookup, func(*Env) Screen { return lookup })
	f.start()
	f.login("lan.nt", "lanvui2026")
	c := f.win.Canvas().(fyne.Shortcutable)
	ctrl := func(k fyne.KeyName, mod fyne.KeyModifier) {
		c.TypedShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: mod})
	}
	// Ctrl+3 is the third entry (Thủ tục); Ctrl+N goes back to intake.
	ctrl(fyne.Key3, fyne.KeyModifierShortcutDefault)
	if f.u.shell.items[f.u.shell.current].id != NavCatalog {
		t.Fatalf("Ctrl+3 shows %s", f.u.shell.items[f.u.shell.current].id)
	}
	ctrl(fyne.KeyN, fyne.KeyModifierShortcutDefault)
	if f.u.Current() != Screen(intake) {
		t.Fatal("Ctrl+N did not show intake")
	}
	// F3 reaches the shell through the window's key handler.
	f.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyF3})
	if f.u.Current() != Screen(lookup) {
		t.Fatal("F3 did not show the lookup")
	}
	if f.u.shell.status.keys.Text == "" {
		t.Fatal("no shortcut help in the status bar")
	}
	// Ctrl+Shift+L locks.
	ctrl(fyne.KeyL, fyne.KeyModifierShortcutDefault|fyne.KeyModifierShift)
	if !f.u.locked {
		t.Fatal("Ctrl+Shift+L did not lock")
	}
}

func TestShell_ChangePasswordFromMenu(t *testing.T) {
	f := newFixture(t)
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	f.start()
	f.login("lan.nt", "lanvui2026")
	f.u.shell.onChangePassword()
	ps := findPasswordScreen(f)
	if ps == nil || ps.forced {
		t.Fatal("no voluntary password change shown")
	}
	test.Type(ps.old, "sai-mat-khau1")
	test.Type(ps.new1, "lanmoi2026")
	test.Type(ps.new2, "lanmoi2026")
	test.Tap(ps.submit)
	if ps.fields[0].Error.Text != "Mật khẩu hiện tại không đúng." {
		t.Fatalf("wrong old password: %q", ps.fields[0].Error.Text)
	}
	ps.old.SetText("lanvui2026")
	test.Tap(ps.submit)
	if f.u.shell.notice.Text != "Đã đổi mật khẩu." {
		t.Fatalf("notice %q", f.u.shell.notice.Text)
	}
	if _, err := f.svc.Login("lan.nt", "lanmoi2026"); err != nil {
		t.Fatalf("new password does not work: %v", err)
	}
}

// findPasswordScreen returns the password screen the shell opened.
func findPasswordScreen(f *fixture) *passwordScreen {
	if f.u.passwd != nil {
		return f.u.passwd
	}
	return f.u.shell.pw
}
