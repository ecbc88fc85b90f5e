package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/catalog"
	"motcua/cccd"
	"motcua/dossier"
	"motcua/ui/admin"
	"motcua/ui/catalogui"
	"motcua/ui/widgets"
	"motcua/vntext"
)

// navItem is one entry of the navigation.
type navItem struct {
	id    NavID
	label string
	icon  fyne.Resource
	build func() Screen
}

// shell is the main window of a session: navigation on the left, the
// screen's title and the session switches on top, the screen, and the
// status bar.
type shell struct {
	u   *UI
	env *Env

	items   []navItem
	screens map[NavID]Screen
	current int

	nav       *widget.List
	title     *widget.Label
	notice    *widget.Label
	body      *fyne.Container
	typingSel *widget.Select
	styleSel  *widget.Select
	langSel   *widget.Select
	userBtn   *widget.Button
	status    struct{ user, desk, date, sync, keys *widget.Label }
	root      fyne.CanvasObject
	pw        *passwordScreen // the voluntary password change, while shown
}

// navSpec says which role sees which entry (the services enforce the same
// matrix; this only hides what cannot be used).
var navSpec = []struct {
	id    NavID
	key   string
	label string
	icon  func() fyne.Resource
	can   func(account.Role) bool
}{
	{NavIntake, "nav.intake", "Tiếp nhận", theme.DocumentCreateIcon, func(r account.Role) bool { return account.Can(r, account.ActReceive) }},
	{NavLookup, "nav.lookup", "Tra cứu hồ sơ", theme.SearchIcon, func(r account.Role) bool {
		return account.Can(r, account.ActTransition) || account.Can(r, account.ActViewReports)
	}},
	{NavCatalog, "nav.catalog", "Thủ tục", theme.ListIcon, func(account.Role) bool { return true }},
	{NavMonitor, "nav.monitor", "Giám sát", theme.VisibilityIcon, func(r account.Role) bool { return account.Can(r, account.ActViewReports) }},
	{NavClose, "nav.close", "Đóng ngày", theme.ConfirmIcon, func(r account.Role) bool { return account.Can(r, account.ActCloseDay) }},
	{NavReports, "nav.reports", "Báo cáo", theme.DocumentIcon, func(r account.Role) bool { return account.Can(r, account.ActViewReports) }},
	{NavSync, "nav.sync", "Đồng bộ", theme.ViewRefreshIcon, func(r account.Role) bool { return account.Can(r, account.ActSync) }},
	{NavAdmin, "nav.admin", "Quản trị", theme.SettingsIcon, admin.Allowed},
}

func newShell(u *UI) *shell {
	s := &shell{u: u, screens: map[NavID]Screen{}, current: -1}
	s.env = &Env{
		App: u.app, Window: u.win, Deps: u.deps, Session: u.session, Typing: u.typing,
		Navigate:    s.navigate,
		StartIntake: s.startIntake,
		Screen: func(id NavID) Screen {
			if i := s.index(id); i >= 0 {
				return s.screen(i)
			}
			return nil
		},
	}
	role := u.session.User.Role
	for _, n := range navSpec {
		if !n.can(role) {
			continue
		}
		item := navItem{id: n.id, label: tr(n.key, n.label), icon: n.icon()}
		switch n.id {
		case NavCatalog:
			item.build = s.buildCatalog
		case NavAdmin:
			item.build = s.buildAdmin
		default:
			f, ok := u.deps.Screens[n.id]
			if !ok || f == nil {
				continue // not provided by this build: not shown
			}
			item.build = func() Screen { return f(s.env) }
		}
		s.items = append(s.items, item)
	}
	return s
}

func (s *shell) buildCatalog() Screen {
	var start func(p *catalog.Procedure)
	if s.has(NavIntake) {
		start = s.startIntake
	}
	return catalogui.New(catalogui.Config{Window: s.u.win, Index: s.u.deps.Index, Typing: s.u.typing, OnStartIntake: start})
}

func (s *shell) buildAdmin() Screen {
	return admin.New(admin.Config{
		Window: s.u.win, Service: s.u.deps.Service, Session: s.u.session, Typing: s.u.typing,
		Holidays: s.u.deps.Holidays, Backups: s.u.deps.Backups, Calendar: s.u.deps.Service.Calendar,
		DataDir: dataDirOf(s.u.deps), Now: s.u.deps.Now,
	})
}

func dataDirOf(d *Deps) string {
	if d.Backups != nil {
		p := d.Backups.DBPath()
		if i := strings.LastIndexAny(p, `/\`); i > 0 {
			return p[:i]
		}
	}
	return "."
}

func (s *shell) has(id NavID) bool { return s.index(id) >= 0 }

func (s *shell) index(id NavID) int {
	for i, it := range s.items {
		if it.id == id {
			return i
		}
	}
	return -1
}

func (s *shell) build() fyne.CanvasObject {
	sess := s.u.session
	appName := widget.NewLabelWithStyle("motcua", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	appName.SizeName = theme.SizeNameSubHeadingText
	office := widget.NewLabel(sess.Office.Name)
	office.Wrapping = fyne.TextWrapWord
	office.SizeName = theme.SizeNameCaptionText

	s.nav = widget.NewList(
		func() int { return len(s.items) },
		func() fyne.CanvasObject {
			key := widget.NewLabel("")
			key.Importance = widget.LowImportance
			key.SizeName = theme.SizeNameCaptionText
			return container.NewBorder(nil, nil, widget.NewIcon(theme.HomeIcon()), key, widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			c.Objects[0].(*widget.Label).SetText(s.items[i].label)
			c.Objects[1].(*widget.Icon).SetResource(s.items[i].icon)
			c.Objects[2].(*widget.Label).SetText(fmt.Sprintf("Ctrl+%d", i+1))
		})
	s.nav.OnSelected = func(i widget.ListItemID) { s.show(i) }

	s.userBtn = widget.NewButtonWithIcon(sess.User.Name, theme.AccountIcon(), s.onUserMenu)
	s.userBtn.Alignment = widget.ButtonAlignLeading
	navBg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	left := container.NewStack(navBg, container.NewBorder(
		container.NewVBox(container.NewPadded(container.NewVBox(appName, office)), widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), s.userBtn),
		nil, nil, s.nav))

	s.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameHeadingText
	s.notice = widget.NewLabel("")
	s.notice.Importance = widget.SuccessImportance
	s.typingSel = widget.NewSelect(typingLabels(), nil)
	s.typingSel.SetSelectedIndex(int(s.u.typing.Method))
	s.typingSel.OnChanged = func(string) { s.onTyping() }
	s.styleSel = widget.NewSelect(styleLabels(), nil)
	s.styleSel.SetSelectedIndex(int(s.u.typing.Style))
	s.styleSel.OnChanged = func(string) { s.onTyping() }
	s.langSel = widget.NewSelect([]string{"Tiếng Việt", "English"}, nil)
	if widgets.Language() == widgets.LangEnglish {
		s.langSel.SetSelectedIndex(1)
	} else {
		s.langSel.SetSelectedIndex(0)
	}
	s.langSel.OnChanged = func(string) { s.onLanguage() }
	wrap := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
	}
	switches := container.NewHBox(
		widget.NewLabel(tr("shell.typing", "Gõ tiếng Việt:")), wrap(s.typingSel, 170), wrap(s.styleSel, 150), wrap(s.langSel, 140))
	header := container.NewBorder(nil, widget.NewSeparator(), nil, switches, container.NewHBox(s.title, s.notice))

	s.body = container.NewStack()
	for _, l := range []**widget.Label{&s.status.user, &s.status.desk, &s.status.date, &s.status.sync, &s.status.keys} {
		*l = widget.NewLabel("")
		(*l).SizeName = theme.SizeNameCaptionText
	}
	s.status.keys.Importance = widget.LowImportance
	s.status.keys.Truncation = fyne.TextTruncateEllipsis
	sep := func() fyne.CanvasObject { return widget.NewSeparator() }
	statusBar := container.NewBorder(widget.NewSeparator(), nil,
		container.NewHBox(s.status.user, sep(), s.status.desk, sep(), s.status.date, sep(), s.status.sync, sep()), nil,
		s.status.keys)

	main := container.NewBorder(container.NewPadded(header), nil, nil, nil, container.NewPadded(s.body))
	split := container.NewHSplit(left, main)
	split.Offset = 0.16
	s.root = container.NewBorder(nil, statusBar, nil, nil, split)
	s.refreshStatus()
	s.u.win.SetTitle(fmt.Sprintf("motcua — %s — %s", sess.Office.Name, sess.User.Name))
	return s.root
}

func typingLabels() []string {
	return []string{
		tr("typing.off", "Không (Unikey)"),
		"Telex",
		"VNI",
	}
}

func styleLabels() []string {
	return []string{tr("typing.modern", "Dấu mới: hoà"), tr("typing.old", "Dấu cũ: hòa")}
}

// showFirst shows the first entry: intake for receiving roles, the first
// allowed entry otherwise.
func (s *shell) showFirst() {
	if len(s.items) > 0 {
		s.nav.Select(0)
	}
}

// navigate shows the entry id (no-op when the role does not have it).
func (s *shell) navigate(id NavID) {
	if i := s.index(id); i >= 0 {
		if i == s.current {
			s.refocus()
			return
		}
		s.nav.Select(i)
	}
}

// screen returns the screen of entry i, building it on first use.
func (s *shell) screen(i int) Screen {
	it := s.items[i]
	if sc, ok := s.screens[it.id]; ok {
		return sc
	}
	sc := it.build()
	s.screens[it.id] = sc
	return sc
}

// Current returns the screen shown.
func (s *shell) Current() Screen {
	if s.current < 0 {
		return nil
	}
	return s.screens[s.items[s.current].id]
}

func (s *shell) show(i int) {
	widgets.NoteActivity()
	sc := s.screen(i)
	s.current = i
	s.title.SetText(sc.Title())
	s.notice.SetText("")
	s.body.Objects = []fyne.CanvasObject{sc.Content()}
	s.body.Refresh()
	s.installShortcuts(sc)
	s.refreshStatus()
	s.refocus()
}

// refocus tells the current screen it is shown (it puts the focus where
// the clerk types next and may install its own shortcuts).
func (s *shell) refocus() {
	if f, ok := s.Current().(Focuser); ok {
		f.Focus()
	}
}

var ctrlKeys = []fyne.KeyName{fyne.KeyA, fyne.KeyB, fyne.KeyC, fyne.KeyD, fyne.KeyE, fyne.KeyF, fyne.KeyG, fyne.KeyH,
	fyne.KeyI, fyne.KeyJ, fyne.KeyK, fyne.KeyL, fyne.KeyM, fyne.KeyN, fyne.KeyO, fyne.KeyP, fyne.KeyQ, fyne.KeyR,
	fyne.KeyS, fyne.KeyT, fyne.KeyU, fyne.KeyV, fyne.KeyW, fyne.KeyX, fyne.KeyY, fyne.KeyZ}

var digitKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

// globalShortcuts are the shell's own shortcuts.
func (s *shell) globalShortcuts() []Shortcut {
	var out []Shortcut
	for i := range s.items {
		if i >= len(digitKeys) {
			break
		}
		i := i
		out = append(out, Shortcut{Key: digitKeys[i], Modifier: fyne.KeyModifierShortcutDefault, Run: func() { s.nav.Select(i) }})
	}
	if s.has(NavIntake) {
		out = append(out, Shortcut{Key: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault, Help: tr("key.new", "hồ sơ mới"), Run: func() { s.navigate(NavIntake) }})
	}
	out = append(out, Shortcut{Key: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault, Help: tr("key.find", "tìm thủ tục"), Run: func() { s.navigate(NavCatalog) }})
	out = append(out, Shortcut{Key: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift, Help: tr("key.lock", "khóa màn hình"), Run: s.u.Lock})
	return out
}

// installShortcuts replaces the window's Ctrl shortcuts with the shell's
// and the screen's.
func (s *shell) installShortcuts(sc Screen) {
	c := s.u.win.Canvas()
	for _, k := range ctrlKeys {
		c.RemoveShortcut(&desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault})
	}
	all := s.globalShortcuts()
	if sh, ok := sc.(Shortcutter); ok {
		all = append(all, sh.Shortcuts()...)
	}
	for _, k := range all {
		run := k.Run
		c.AddShortcut(&desktop.CustomShortcut{KeyName: k.Key, Modifier: k.Modifier}, func(fyne.Shortcut) {
			widgets.NoteActivity()
			run()
		})
	}
	var help []string
	help = append(help, tr("key.nav", "Ctrl+1…{{.N}}: chuyển mục", map[string]int{"N": min(len(s.items), 9)}))
	if s.has(NavLookup) {
		help = append(help, "F3: "+tr("key.lookup", "tra cứu hồ sơ"))
	}
	for _, k := range all {
		if k.Help != "" {
			help = append(help, k.Label()+": "+k.Help)
		}
	}
	s.status.keys.SetText(strings.Join(help, " · "))
}

// onKey handles Esc and the F-keys: the screen first, then F3 (lookup).
func (s *shell) onKey(ev *fyne.KeyEvent) bool {
	if h, ok := s.Current().(KeyHandler); ok && h.HandleKey(ev) {
		return true
	}
	switch ev.Name {
	case fyne.KeyF3:
		if s.has(NavLookup) {
			s.navigate(NavLookup)
			return true
		}
	}
	return false
}

// onScan routes a scanner burst: the screen shown, else a CCCD goes to
// intake and anything else (a receipt QR, a code) to the dossier lookup.
func (s *shell) onScan(payload string) {
	if h, ok := s.Current().(ScanHandler); ok && h.HandleScan(payload) {
		return
	}
	target := NavLookup
	if cccd.IsLikelyCCCD(payload) && s.has(NavIntake) {
		target = NavIntake
	}
	if s.has(target) && (s.current < 0 || s.items[s.current].id != target) {
		s.navigate(target)
		if h, ok := s.Current().(ScanHandler); ok && h.HandleScan(payload) {
			return
		}
	}
	s.setNotice(tr("scan.unused", "Mã vừa quét không dùng được ở màn hình này."))
}

// startIntake shows intake with a procedure chosen elsewhere.
func (s *shell) startIntake(p *catalog.Procedure) {
	if s.u.deps.StartIntake != nil {
		s.u.deps.StartIntake(s.env, p)
		return
	}
	if !s.has(NavIntake) {
		return
	}
	s.navigate(NavIntake)
	if st, ok := s.Current().(ProcedureStarter); ok {
		st.StartWith(p)
	}
}

func (s *shell) setNotice(msg string) { s.notice.SetText(msg) }

var weekdays = [...]string{"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"}

// refreshStatus updates the status bar.
func (s *shell) refreshStatus() {
	sess := s.u.session
	if sess == nil || s.status.user == nil {
		return
	}
	s.status.user.SetText(fmt.Sprintf("%s · %s", sess.User.Name, roleName(sess.User.Role)))
	s.status.desk.SetText(tr("status.desk", "Quầy số {{.N}}", map[string]int{"N": sess.Desk.Number}))
	now := s.u.deps.now().In(dossier.Zone)
	day := weekdays[now.Weekday()]
	if widgets.Language() == widgets.LangEnglish {
		day = now.Weekday().String()
	}
	s.status.date.SetText(fmt.Sprintf("%s, %s", day, now.Format("02/01/2006 15:04")))
	sync := tr("status.offline", "Chỉ làm việc ngoại tuyến")
	if s.u.deps.SyncStatus != nil {
		sync = s.u.deps.SyncStatus()
	}
	s.status.sync.SetText(sync)
}

func roleName(r account.Role) string {
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

// onTyping stores the typing mode chosen (it applies from the next key).
func (s *shell) onTyping() {
	s.u.typing.Method = vntext.Method(max(0, s.typingSel.SelectedIndex()))
	s.u.typing.Style = vntext.ToneStyle(max(0, s.styleSel.SelectedIndex()))
	s.savePrefs()
}

func (s *shell) savePrefs() {
	m, st := s.u.typing.Strings()
	if err := s.u.deps.Service.SavePreferences(s.u.session, m, st, widgets.Language()); err != nil {
		widgets.ShowError(err, s.u.win)
	}
}

// onLanguage switches the language, remembers it and rebuilds the screens.
// Work in progress on the intake or dossier screens would be lost: ask
// first.
func (s *shell) onLanguage() {
	l := widgets.LangVietnamese
	if s.langSel.SelectedIndex() == 1 {
		l = widgets.LangEnglish
	}
	if l == widgets.Language() {
		return
	}
	_, intake := s.screens[NavIntake]
	_, lookup := s.screens[NavLookup]
	if !intake && !lookup {
		s.switchLanguage(l)
		return
	}
	widgets.Confirm(tr("lang.confirm.title", "Đổi ngôn ngữ"),
		tr("lang.confirm", "Các màn hình sẽ được dựng lại bằng ngôn ngữ mới; thông tin đang nhập dở (hồ sơ chưa lưu) sẽ không được giữ. Tiếp tục?"),
		tr("lang.confirm.yes", "Đổi ngôn ngữ"), func(ok bool) {
			if ok {
				s.switchLanguage(l)
				return
			}
			if widgets.Language() == widgets.LangEnglish {
				s.langSel.SetSelectedIndex(1)
			} else {
				s.langSel.SetSelectedIndex(0)
			}
		}, s.u.win)
}

func (s *shell) switchLanguage(l string) {
	widgets.SetLanguage(l)
	s.savePrefs()
	id := NavID("")
	if s.current >= 0 {
		id = s.items[s.current].id
	}
	s.u.enterShell()
	if id != "" {
		s.u.shell.navigate(id)
	}
}

// onUserMenu shows the session menu: password, lock, logout.
func (s *shell) onUserMenu() {
	m := fyne.NewMenu("",
		fyne.NewMenuItem(tr("menu.password", "Đổi mật khẩu"), s.onChangePassword),
		fyne.NewMenuItem(tr("menu.lock", "Khóa màn hình (Ctrl+Shift+L)"), s.u.Lock),
		fyne.NewMenuItemSeparator(),
		fyne.NewMenuItem(tr("menu.logout", "Đăng xuất"), s.u.Logout),
	)
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.userBtn)
	widget.ShowPopUpMenuAtPosition(m, s.u.win.Canvas(), pos.Add(fyne.NewPos(0, -s.userBtn.Size().Height*3.2)))
}

func (s *shell) onChangePassword() {
	p := newPasswordScreen(s.u, false)
	s.pw = p
	p.done = func() {
		s.pw = nil
		s.u.setContent(s.root)
		s.refocus()
	}
	s.u.setContent(p.build())
	p.focus()
}
