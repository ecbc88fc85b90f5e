// Package admin holds the administrator's screens of the desk app: users
// and roles, office and desk settings, the days-off table editor, and
// backups. Every action is also checked by the desk services (permission
// matrix, account.Require); the screens only hide what a role cannot use.
package admin

import (
	"embed"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"motcua/account"
	"motcua/desk"
	"motcua/ui/widgets"
	"motcua/workday"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err)
	}
}

// tr returns the text of an admin string in the selected language.
func tr(key, vi string, data ...any) string { return widgets.X("admin."+key, vi, data...) }

// HolidayStore persists the administrators' days-off tables, one per year
// (workday.YearTable; its JSON is the import/export format). The store
// implements it; the desk's calendar uses the saved tables as overrides
// (workday.New).
type HolidayStore interface {
	// YearTable returns the saved table of a year; false when none is
	// saved (the built-in notice or rule table applies).
	YearTable(year int) (workday.YearTable, bool, error)
	// SaveYearTable stores a validated table with an audit entry.
	SaveYearTable(t workday.YearTable, a account.Audit) error
}

// Backups makes hot backups of the desk database.
type Backups interface {
	// BackupFile writes a verified backup to path (atomically).
	BackupFile(path string) (BackupReport, error)
	// DBPath is the live database file (for the restore instructions).
	DBPath() string
}

// BackupReport is what a verified backup contains.
type BackupReport struct {
	Size     int64
	Dossiers int
	Problems int
}

// Config is what the admin screen needs.
type Config struct {
	Window  fyne.Window
	Service *desk.Service
	Session *desk.Session
	Typing  *widgets.Typing
	// Holidays and Backups may be nil (the tab explains what is missing).
	Holidays HolidayStore
	Backups  Backups
	// Calendar gives the built-in tables shown for years without a saved
	// one (nil: workday.Default).
	Calendar func() *workday.Calendar
	// OnHolidaysSaved is called after a table is saved (the app rebuilds
	// its calendar).
	OnHolidaysSaved func(year int)
	// DataDir is the default backup folder's parent (desk.DataDir()).
	DataDir string
	// Now is the clock (nil: time.Now).
	Now func() time.Time
}

func (c *Config) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Screen is the administration screen: one tab per area the role may use.
type Screen struct {
	cfg  Config
	tabs *container.AppTabs

	Users    *UsersTab
	Settings *SettingsTab
	Holidays *HolidaysTab
	Backup   *BackupTab
}

// New builds the admin screen for the session's role.
func New(cfg Config) *Screen {
	s := &Screen{cfg: cfg}
	s.tabs = container.NewAppTabs()
	role := cfg.Session.User.Role
	if account.Can(role, account.ActUsers) {
		s.Users = newUsersTab(&s.cfg)
		s.tabs.Append(container.NewTabItem(tr("tab.users", "Người dùng"), s.Users.build()))
	}
	if account.Can(role, account.ActSettings) {
		s.Settings = newSettingsTab(&s.cfg)
		s.tabs.Append(container.NewTabItem(tr("tab.settings", "Cơ quan và quầy"), s.Settings.build()))
	}
	if account.Can(role, account.ActHolidays) {
		s.Holidays = newHolidaysTab(&s.cfg)
		s.tabs.Append(container.NewTabItem(tr("tab.holidays", "Ngày nghỉ, ngày làm bù"), s.Holidays.build()))
	}
	if account.Can(role, account.ActBackup) {
		s.Backup = newBackupTab(&s.cfg)
		s.tabs.Append(container.NewTabItem(tr("tab.backup", "Sao lưu"), s.Backup.build()))
	}
	return s
}

// Allowed reports whether a role may use any admin tab.
func Allowed(r account.Role) bool {
	return account.Can(r, account.ActUsers) || account.Can(r, account.ActSettings) || account.Can(r, account.ActHolidays)
}

// Title is the screen's heading.
func (s *Screen) Title() string { return tr("title", "Quản trị") }

// Content returns the screen.
func (s *Screen) Content() fyne.CanvasObject { return s.tabs }
