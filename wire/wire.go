// Package wire assembles a desk from its parts — the store, the catalog,
// the calendar and the desk services — for both programs that run a desk:
// the GUI (cmd/motcua) and the admin CLI (cmd/motcuactl). It never imports
// Fyne.
package wire

import (
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/pwhash"
	"motcua/report/storesrc"
	"motcua/store"
	"motcua/vault"
	"motcua/workday"
)

// Options tune Open.
type Options struct {
	// Path of the database ("" = desk.DefaultDBPath()).
	Path    string
	Timeout time.Duration
	Now     func() time.Time
	Logger  *slog.Logger
	// OnCommit is called after commits (sync wake-up).
	OnCommit func()
	// Progress reports long first-start work (importing the catalog).
	Progress func(msg string)
	// Hasher overrides the password hasher (tests use cheap parameters).
	Hasher account.Hasher
}

// Desk is an opened desk.
type Desk struct {
	DB      *store.DB
	Service *desk.Service
	Scans   desk.Scans
	DataDir string

	commitHook atomic.Pointer[func()]

	mu    sync.RWMutex
	set   *catalog.Set
	index *catalog.Index
	cal   *workday.Calendar
}

// Open opens the database, makes sure it holds the catalog (the embedded
// default is imported on first start and when a newer build ships a newer
// default; content hashes keep this idempotent), and builds the services.
func Open(opt Options) (*Desk, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	path := opt.Path
	if path == "" {
		p, err := desk.DefaultDBPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	var d *Desk
	onCommit := func() {
		if opt.OnCommit != nil {
			opt.OnCommit()
		}
		if d != nil {
			if f := d.commitHook.Load(); f != nil {
				(*f)()
			}
		}
	}
	db, err := OpenStore(path, store.Options{Timeout: opt.Timeout, Now: opt.Now, Logger: opt.Logger, OnCommit: onCommit})
	if err != nil {
		return nil, err
	}
	d, err = fromDB(db, opt)
	if err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// FromDB builds a desk around an opened database (the caller keeps closing
// it).
func FromDB(db *store.DB) (*Desk, error) { return fromDB(db, Options{Now: time.Now}) }

func fromDB(db *store.DB, opt Options) (*Desk, error) {
	d := &Desk{DB: db, DataDir: dirOf(db.Path())}
	d.Scans = desk.Scans{Dir: d.DataDir + "/scans"}
	if err := d.loadCatalog(opt.Progress); err != nil {
		return nil, err
	}
	if err := d.ReloadCalendar(); err != nil {
		return nil, err
	}
	h := opt.Hasher
	if h == nil {
		h = pwhash.Default()
	}
	d.Service = &desk.Service{Store: db, Catalog: d, Calendar: d.Calendar, Hasher: h, Now: opt.Now, Days: db, Reports: storesrc.New(db), Holidays: db}
	d.Service.OnCalendarChange = func() {
		if err := d.ReloadCalendar(); err != nil && opt.Logger != nil {
			opt.Logger.Error("reload the calendar", "err", err)
		}
	}
	return d, nil
}

// OpenStore opens the database at path with its encryption key (the key
// file next to it, created with a new database).
func OpenStore(path string, opt store.Options) (*store.DB, error) {
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, err
		}
	}
	v, err := vault.Open(path)
	if err != nil {
		return nil, err
	}
	opt.Sealer = v
	return store.Open(path, opt)
}

func dirOf(p string) string {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i] == '/' || p[i] == '\\' {
			return p[:i]
		}
	}
	return "."
}

// loadCatalog reads the catalog snapshot, importing the embedded default
// first when the database lacks it or has an older one.
func (d *Desk) loadCatalog(progress func(string)) error {
	set, stamp, err := d.DB.CatalogSet()
	if err != nil {
		return fmt.Errorf("catalog: %w", err)
	}
	defStamp, err := catalog.DefaultStamp()
	if err != nil {
		return err
	}
	if set == nil || stamp != defStamp {
		def, err := catalog.LoadDefault()
		if err != nil {
			return err
		}
		if progress != nil {
			progress(fmt.Sprintf("Đang nạp danh mục %d thủ tục hành chính…", def.Len()))
		}
		if _, err := d.DB.ImportCatalog(def, def.Stamp, account.Audit{Actor: "system", Object: def.Stamp}); err != nil {
			return fmt.Errorf("import the default catalog: %w", err)
		}
		if set, _, err = d.DB.CatalogSet(); err != nil {
			return err
		}
	}
	d.setCatalog(set)
	return nil
}

func (d *Desk) setCatalog(s *catalog.Set) {
	ix := catalog.NewIndex(s.Procedures)
	d.mu.Lock()
	d.set, d.index = s, ix
	d.mu.Unlock()
}

// ReloadCatalog re-reads the catalog after an import.
func (d *Desk) ReloadCatalog() error {
	set, _, err := d.DB.CatalogSet()
	if err != nil {
		return err
	}
	if set != nil {
		d.setCatalog(set)
	}
	return nil
}

// ReloadCalendar re-reads the admin's holiday tables.
func (d *Desk) ReloadCalendar() error {
	c, err := d.DB.Calendar()
	if err != nil {
		return fmt.Errorf("holiday tables: %w", err)
	}
	d.mu.Lock()
	d.cal = c
	d.mu.Unlock()
	return nil
}

// Calendar returns the current working-day calendar.
func (d *Desk) Calendar() *workday.Calendar {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.cal
}

// Procedure implements desk.Catalog over the current catalog.
func (d *Desk) Procedure(code string) (*catalog.Procedure, error) {
	d.mu.RLock()
	s := d.set
	d.mu.RUnlock()
	return desk.SetCatalog{Set: s}.Procedure(code)
}

// Set returns the current catalog.
func (d *Desk) Set() *catalog.Set {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.set
}

// Search searches the current catalog.
func (d *Desk) Search(q string, f catalog.Filter, limit int) []catalog.Hit {
	d.mu.RLock()
	ix := d.index
	d.mu.RUnlock()
	return ix.Search(q, f, limit)
}

// Index returns the current search index.
func (d *Desk) Index() *catalog.Index {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.index
}

// OnCommit sets the function called after every commit of dossiers or
// outbox events (the sync worker's Notify).
func (d *Desk) OnCommit(f func()) { d.commitHook.Store(&f) }

// Close closes the database.
func (d *Desk) Close() error { return d.DB.Close() }

// NewRecoveryCode makes a new recovery code for the encryption key of this
// desk, stores its wrapped copy in the key file and returns the code: show
// it once to the administrator (backups can be restored on another machine
// only with it).
func (d *Desk) NewRecoveryCode() (string, error) {
	v, err := vault.Open(d.DB.Path())
	if err != nil {
		return "", err
	}
	code, err := vault.NewRecoveryCode()
	if err != nil {
		return "", err
	}
	if err := v.SetRecovery(d.DB.Path(), code); err != nil {
		return "", err
	}
	return code, d.DB.Audit(account.Audit{Actor: "system", Action: "key.recovery-code", Object: v.ID()})
}

// Backup writes a verified hot backup to out and, next to it (out+".key"),
// the recovery copy of the encryption key. It reports whether the key copy
// was written (no recovery code set yet means the backup can only be
// restored on this machine).
func (d *Desk) Backup(out string) (store.CheckReport, bool, error) {
	rep, err := d.DB.BackupFile(out)
	if err != nil {
		return rep, false, err
	}
	keyCopy := vault.ExportRecoveryFile(d.DB.Path(), vault.KeyPath(out)) == nil
	return rep, keyCopy, nil
}

// Restore replaces the database at dst with the backup at src. Without a
// recovery code it uses this machine's key (same desk); with one it opens
// the backup's key copy (src+".key") and installs the key for this machine.
func Restore(src, dst, recoveryCode string) (store.CheckReport, error) {
	var v *vault.Vault
	var err error
	if recoveryCode != "" {
		if v, err = vault.Recover(vault.KeyPath(src), recoveryCode); err != nil {
			return store.CheckReport{}, err
		}
	} else if v, err = vault.Open(dst); err != nil {
		return store.CheckReport{}, fmt.Errorf("%w (restoring on another machine needs the recovery code)", err)
	}
	rep, err := store.Restore(src, dst, v)
	if err != nil {
		return rep, err
	}
	if recoveryCode != "" {
		if err := v.Install(dst, vault.KeyPath(src)); err != nil {
			return rep, err
		}
	}
	return rep, nil
}
