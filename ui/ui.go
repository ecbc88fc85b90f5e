// Package ui is the desk app's user interface: the main window with its
// navigation and status bar, first-run setup, login, the idle lock and
// password changes, the language and typing-mode switches, and the theme.
// Screens live in subpackages (catalogui, admin, intake, dossierui) and
// are registered through Deps. The package never imports the store: it
// receives the desk service and interfaces (docs/architecture.md).
package ui

import (
	"embed"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/ui/widgets"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err)
	}
}

func tr(key, vi string, data ...any) string { return widgets.X("ui."+key, vi, data...) }

// UI is the desk app's window controller: it shows setup, login, the main
// shell or the lock screen.
type UI struct {
	app     fyne.App
	win     fyne.Window
	deps    *Deps
	capture *widgets.ScanCapture

	session *desk.Session
	typing  *widgets.Typing

	setup  *setupScreen
	login  *loginScreen
	passwd *passwordScreen
	lock   *lockScreen
	shell  *shell

	mu       sync.Mutex
	lastSeen time.Time // last user input, for the idle lock
	// noTimer leaves the session ticker off (tests call CheckIdle).
	noTimer  bool
	locked   bool
	stopIdle chan struct{}
}

// New prepares the UI in window w. Call Start to show the first screen.
func New(a fyne.App, w fyne.Window, deps Deps) *UI {
	if deps.Index == nil && deps.Catalog != nil {
		deps.Index = catalog.NewIndex(deps.Catalog.Procedures)
	}
	u := &UI{app: a, win: w, deps: &deps, typing: &widgets.Typing{}}
	a.Settings().SetTheme(Theme())
	u.capture = widgets.CaptureScans(w)
	u.capture.SetOnScan(u.onScan)
	u.capture.SetOnKey(u.onKey)
	widgets.OnActivity(u.noteActivity)
	w.SetTitle("motcua")
	return u
}

// Start shows the first-run setup on an unconfigured desk, else login.
func (u *UI) Start() error {
	ok, err := u.deps.Service.Configured()
	if err != nil {
		return err
	}
	if !ok {
		u.showSetup()
		return nil
	}
	u.showLogin("")
	return nil
}

// Session returns the logged-in session (nil when nobody is logged in).
func (u *UI) Session() *desk.Session { return u.session }

// Close stops the UI's background timers.
func (u *UI) Close() {
	u.stopIdleTimer()
	widgets.OnActivity(nil)
}

func (u *UI) policy() account.Policy {
	p := u.deps.Service.Policy
	if p.MinLength == 0 {
		p = account.DefaultPolicy()
	}
	return p
}

func (u *UI) setContent(o fyne.CanvasObject) {
	u.win.SetContent(newActivityLayer(o))
}

func (u *UI) showSetup() {
	u.setup = newSetupScreen(u)
	u.setContent(u.setup.build())
	u.setup.focus()
}

func (u *UI) showLogin(username string) {
	u.login = newLoginScreen(u)
	u.setContent(u.login.build())
	u.login.prefill(username)
}

// loggedIn continues after a successful login: a forced password change,
// then the main window.
func (u *UI) loggedIn(s *desk.Session) {
	u.session = s
	u.trimMemorySoon()
	widgets.SetLanguage(s.User.Language)
	*u.typing = widgets.ParseTyping(s.User.Typing, s.User.ToneStyle)
	if s.User.MustChange {
		u.passwd = newPasswordScreen(u, true)
		u.setContent(u.passwd.build())
		u.passwd.focus()
		return
	}
	u.enterShell()
}

func (u *UI) enterShell() {
	u.shell = newShell(u)
	u.setContent(u.shell.build())
	u.shell.showFirst()
	u.noteActivity()
	u.startIdleTimer()
}

// Logout ends the session and shows the login screen.
func (u *UI) Logout() {
	if u.session != nil {
		_ = u.deps.Service.Store.Audit(account.Audit{Actor: u.session.Actor(), Action: "user.logout", Object: u.session.User.Username})
	}
	name := ""
	if u.session != nil {
		name = u.session.User.Username
	}
	u.stopIdleTimer()
	u.session, u.shell, u.locked = nil, nil, false
	u.showLogin(name)
}

// onScan routes a scanner burst typed while no field handled it.
func (u *UI) onScan(payload string) {
	if u.shell != nil && !u.locked {
		u.shell.onScan(payload)
	}
}

// onKey routes Esc and F-keys.
func (u *UI) onKey(ev *fyne.KeyEvent) bool {
	if u.shell != nil && !u.locked {
		return u.shell.onKey(ev)
	}
	return false
}

func (u *UI) noteActivity() {
	now := u.deps.now()
	u.mu.Lock()
	u.lastSeen = now
	u.mu.Unlock()
}

// CheckIdle locks the screen when the session has been idle for
// account.Policy.IdleLock; the idle timer calls it, tests call it directly.
func (u *UI) CheckIdle() {
	idle := u.policy().IdleLock
	if idle <= 0 || u.session == nil || u.locked || u.shell == nil {
		return
	}
	u.mu.Lock()
	since := u.deps.now().Sub(u.lastSeen)
	u.mu.Unlock()
	if u.deps.SystemIdle != nil {
		if sys, ok := u.deps.SystemIdle(); ok && sys < since {
			since = sys
		}
	}
	if since >= idle {
		u.Lock()
	}
}

// startIdleTimer starts the session's ticker: the idle check and the
// status bar clock.
func (u *UI) startIdleTimer() {
	u.stopIdleTimer()
	if u.noTimer {
		return
	}
	stop := make(chan struct{})
	u.stopIdle = stop
	go func() {
		t := time.NewTicker(5 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				fyne.Do(u.tick)
			}
		}
	}()
}

func (u *UI) tick() {
	u.CheckIdle()
	if u.shell != nil && !u.locked {
		u.shell.refreshStatus()
	}
}

func (u *UI) stopIdleTimer() {
	if u.stopIdle != nil {
		close(u.stopIdle)
		u.stopIdle = nil
	}
}

// Lock hides the main window behind the lock screen; the same user
// continues with their password, another user logging in ends the first
// user's session.
func (u *UI) Lock() {
	if u.session == nil || u.locked {
		return
	}
	u.locked = true
	_ = u.deps.Service.Store.Audit(account.Audit{Actor: u.session.Actor(), Action: "user.lock", Object: u.session.User.Username})
	u.lock = newLockScreen(u)
	u.setContent(u.lock.build())
	u.lock.focus()
}

// unlock returns to the main window after the same user's password.
func (u *UI) unlock(s *desk.Session) {
	u.locked = false
	u.trimMemorySoon()
	u.session.User = s.User
	u.noteActivity()
	u.setContent(u.shell.root)
	u.shell.refocus()
}

// switchUser ends the locked session and continues with another user.
func (u *UI) switchUser(s *desk.Session) {
	if u.session != nil {
		_ = u.deps.Service.Store.Audit(account.Audit{Actor: u.session.Actor(), Action: "user.logout", Object: u.session.User.Username, Detail: "replaced at the lock screen by " + s.User.Username})
	}
	u.stopIdleTimer()
	u.shell, u.locked = nil, false
	u.loggedIn(s)
}

// Navigate shows a navigation entry of the logged-in session.
func (u *UI) Navigate(id NavID) {
	if u.shell != nil && !u.locked {
		u.shell.navigate(id)
	}
}

// Current returns the screen shown in the main window (nil before login).
func (u *UI) Current() Screen {
	if u.shell == nil {
		return nil
	}
	return u.shell.Current()
}

// Login logs a user in as the login screen does (scripted demos).
func (u *UI) Login(username, password string) error {
	s, err := u.deps.Service.Login(username, password)
	if err != nil {
		return err
	}
	u.loggedIn(s)
	return nil
}

// trimDelay is how long after a login the memory is trimmed: long enough
// for the first screen to be built.
var trimDelay = 1500 * time.Millisecond

// trimMemorySoon calls Deps.TrimMemory a moment after a login or unlock.
// A password check fills a 64 MiB work area (argon2id) and the first
// screens leave start-up garbage; returning them to the OS at once keeps
// tens of MB off a clerk's PC that the runtime would otherwise hold until
// its scavenger gets to them.
func (u *UI) trimMemorySoon() {
	if u.deps.TrimMemory != nil {
		time.AfterFunc(trimDelay, u.deps.TrimMemory)
	}
}
