package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"motcua/catalog"
	"motcua/desk"
	"motcua/ui/admin"
	"motcua/ui/widgets"
)

// Deps is everything the desk app's UI needs from the outside; cmd/motcua
// builds it. The UI never sees the store itself: it gets the desk service
// and small interfaces.
type Deps struct {
	// Service is the desk's application service (required). It enforces
	// the permission matrix; the UI only hides what a role cannot use.
	Service *desk.Service
	// Finder looks dossiers up (for the dossier screens).
	Finder desk.Finder
	// Catalog is the procedure catalog in use and Index its search index
	// (nil: built from Catalog by New).
	Catalog *catalog.Set
	Index   *catalog.Index
	// Scans is the folder of attached scans.
	Scans desk.Scans
	// Holidays persists administrators' days-off tables; Backups runs
	// backups. Either may be nil: the admin screens then say what is
	// missing instead of offering the action.
	Holidays admin.HolidayStore
	Backups  admin.Backups
	// SyncStatus returns the sync state shown in the status bar (nil:
	// "offline only"). It is called on the UI goroutine about once a
	// minute and must be quick.
	SyncStatus func() string
	// Now is the clock (nil: time.Now).
	Now func() time.Time
	// SystemIdle, when set, returns how long the whole computer has had
	// no keyboard or mouse input (Windows GetLastInputInfo); the idle lock
	// then also counts mouse work the UI itself cannot see. ok is false
	// when the value is unavailable.
	SystemIdle func() (idle time.Duration, ok bool)
	// Version is the app version shown in the status bar.
	Version string
	// Screens are the screens other packages provide (intake, dossier
	// lookup, supervision …), by navigation entry. A navigation entry
	// without a screen is not shown. Register adds one.
	Screens map[NavID]ScreenFactory
	// StartIntake, when set, starts an intake with a procedure chosen in
	// the catalog browser (Enter on a result). When nil, the shell shows
	// the intake screen and passes the procedure to it if it implements
	// ProcedureStarter.
	StartIntake func(env *Env, p *catalog.Procedure)
	// TrimMemory, when set, is called (on its own goroutine) a moment
	// after each login and unlock to return freed memory to the OS
	// (runtime/debug.FreeOSMemory in the app).
	TrimMemory func()
}

// Register sets the screen of a navigation entry.
func (d *Deps) Register(id NavID, f ScreenFactory) {
	if d.Screens == nil {
		d.Screens = map[NavID]ScreenFactory{}
	}
	d.Screens[id] = f
}

func (d *Deps) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// NavID names a navigation entry of the main window.
type NavID string

// Navigation entries, in the order shown.
const (
	NavIntake  NavID = "intake"  // Tiếp nhận
	NavLookup  NavID = "lookup"  // Tra cứu hồ sơ
	NavCatalog NavID = "catalog" // Thủ tục
	NavMonitor NavID = "monitor" // Giám sát
	NavClose   NavID = "close"   // Đóng ngày
	NavReports NavID = "reports" // Báo cáo
	NavSync    NavID = "sync"    // Đồng bộ
	NavAdmin   NavID = "admin"   // Quản trị
)

// Screen is one screen of the main window. The shell builds it once per
// session (and again after a language switch) and shows Content when its
// navigation entry is chosen. ui/intake.Screen and ui/dossierui screens
// satisfy it; the optional interfaces below add behaviour.
type Screen interface {
	// Title is the screen's heading.
	Title() string
	// Content is the screen's content; called once.
	Content() fyne.CanvasObject
}

// Shortcut is a keyboard shortcut of a screen: a key with modifiers (Ctrl
// combinations, or a function key with no modifier).
type Shortcut struct {
	Key      fyne.KeyName
	Modifier fyne.KeyModifier
	// Help says what it does, e.g. "Lưu và tiếp nhận".
	Help string
	Run  func()
}

// Label returns the key as shown to the clerk, e.g. "Ctrl+S", "F2".
func (s Shortcut) Label() string {
	out := ""
	if s.Modifier&fyne.KeyModifierControl != 0 {
		out += "Ctrl+"
	}
	if s.Modifier&fyne.KeyModifierAlt != 0 {
		out += "Alt+"
	}
	if s.Modifier&fyne.KeyModifierShift != 0 {
		out += "Shift+"
	}
	if s.Key == fyne.KeyEscape {
		return out + "Esc"
	}
	return out + string(s.Key)
}

// Optional screen behaviour, detected with type assertions.
type (
	// Shortcutter lists shortcuts the shell installs on the window while
	// the screen is shown and lists in the status bar.
	Shortcutter interface{ Shortcuts() []Shortcut }
	// Focuser is told each time its screen is shown: it puts the focus
	// where the clerk types next and may install its own canvas
	// shortcuts (the shell removes every Ctrl+letter shortcut before
	// showing another screen).
	Focuser interface{ Focus() }
	// ScanHandler receives scanner bursts that arrive while its screen is
	// shown and no focused field handled them; true when it used one.
	ScanHandler interface{ HandleScan(payload string) bool }
	// KeyHandler receives Esc and F1–F12 while its screen is shown; true
	// when it used the key (otherwise the shell's own F-keys apply).
	KeyHandler interface{ HandleKey(ev *fyne.KeyEvent) bool }
	// ProcedureStarter is an intake screen that can start with a procedure
	// chosen in the catalog browser.
	ProcedureStarter interface{ StartWith(p *catalog.Procedure) }
)

// ScreenFactory builds a screen for a logged-in session.
type ScreenFactory func(env *Env) Screen

// Env is what a screen gets: the app, the window, the dependencies and the
// logged-in session. Navigate and StartIntake are provided by the shell.
type Env struct {
	App     fyne.App
	Window  fyne.Window
	Deps    *Deps
	Session *desk.Session
	// Typing is the session user's typing mode, shared by every VNEntry.
	Typing *widgets.Typing
	// Navigate shows another navigation entry.
	Navigate func(id NavID)
	// StartIntake opens the intake screen with a procedure.
	StartIntake func(p *catalog.Procedure)
	// Screen returns the session's screen of a navigation entry, building
	// it if needed (nil when the role does not have it); e.g. intake opens
	// a scanned receipt's dossier in the lookup screen.
	Screen func(id NavID) Screen
}
