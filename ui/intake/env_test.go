package intake

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/ui/internal/uitest"
	"motcua/ui/widgets"
)

func TestMain(m *testing.M) { uitest.Main(m) }

var (
	catIdxOnce sync.Once
	catIdx     *catalog.Index
)

// defaultCatalog returns the default catalog and its search index, built
// once.
func defaultCatalog(t *testing.T) (*catalog.Set, *catalog.Index) {
	t.Helper()
	set := uitest.Catalog(t)
	catIdxOnce.Do(func() { catIdx = catalog.NewIndex(set.Procedures) })
	return set, catIdx
}

// env is a desk with a real store in a temporary folder, a clerk logged in
// and the intake screen in a test window.
type env struct {
	t      *testing.T
	db     *store.DB
	svc    *desk.Service
	clerk  *desk.Session
	forms  *uitest.Forms
	w      fyne.Window
	s      *Screen
	clock  *uitest.KeyClock
	now    time.Time
	keys   int // key presses and clicks beyond free text
	scans  int // scanner triggers
	folder string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	set, idx := defaultCatalog(t)
	e := &env{t: t, forms: &uitest.Forms{}, now: time.Date(2025, 11, 3, 9, 32, 0, 0, dossier.Zone)}
	clk := func() time.Time { return e.now }
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{Now: clk, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	uitest.CheckAtEnd(t, func() ([]store.Problem, error) { r, err := db.Check(); return r.Problems, err }, db.Close)
	e.db = db
	e.svc = &desk.Service{Store: db, Catalog: desk.SetCatalog{Set: set}, Hasher: uitest.Hasher, Now: clk}
	e.folder = t.TempDir()
	setup := uitest.BaDinh()
	setup.Desk.ScanFolder = e.folder
	uitest.SetUp(t, e.svc, setup, uitest.Clerk1, uitest.Sup1)
	e.clerk = uitest.Login(t, e.svc, "clerk1", uitest.ClerkPass)

	test.NewTempApp(t)
	e.clock = uitest.UseKeyClock(t, e.now)
	e.w = test.NewTempWindow(t, nil)
	e.s = New(e.w, Deps{
		Service: e.svc,
		Session: func() *desk.Session { return e.clerk },
		Search:  idx.Search,
		Catalog: desk.SetCatalog{Set: set},
		Scans:   desk.Scans{Dir: filepath.Join(t.TempDir(), "scans")},
		Forms:   e.forms,
		Now:     clk,
	})
	e.s.inline = true
	e.w.SetContent(e.s.Content())
	e.w.Resize(fyne.NewSize(1280, 860))
	// The shell's window-level scanner capture and key routing.
	sc := widgets.CaptureScans(e.w)
	sc.Now = e.clock.Now
	sc.SetOnScan(func(p string) { e.s.HandleScan(p) })
	sc.SetOnKey(e.s.HandleKey)
	e.s.Focus()
	return e
}

// focused returns the focused widget.
func (e *env) focused() fyne.Focusable { return e.w.Canvas().Focused() }

// typeText types free text into the focused widget (not counted).
func (e *env) typeText(s string) { uitest.TypeText(e.w, s) }

// press types one key that is a decision (a digit), counted.
func (e *env) press(r rune) {
	e.t.Helper()
	e.keys++
	e.typeText(string(r))
}

// key presses a named key as the GLFW driver delivers it, counted.
func (e *env) key(name fyne.KeyName) {
	e.t.Helper()
	e.keys++
	uitest.Key(e.w, name)
}

// ctrl presses Ctrl+key as the GLFW driver delivers it, counted.
func (e *env) ctrl(key fyne.KeyName) {
	e.t.Helper()
	e.keys++
	uitest.Ctrl(e.w, key)
}

// tap clicks a widget, counted.
func (e *env) tap(o fyne.Tappable) {
	e.t.Helper()
	e.keys++
	test.Tap(o)
}

// clickInto clicks into a text field (Fyne focuses entries on mouse
// down, which test.Tap does not simulate), counted.
func (e *env) clickInto(f fyne.Focusable) {
	e.t.Helper()
	e.keys++
	e.w.Canvas().Focus(f)
}

// scan simulates the keyboard-wedge scanner: one trigger pull, counted
// apart.
func (e *env) scan(payload string) {
	e.t.Helper()
	e.scans++
	uitest.Scan(e.w, e.clock, payload)
}

// markup asserts the window against a golden file (rewritten with -update).
func (e *env) markup(name string) {
	e.t.Helper()
	uitest.Markup(e.t, e.w, name)
}

// stored reads a dossier back from the store.
func (e *env) stored(code string) *dossier.Dossier {
	e.t.Helper()
	d, err := e.db.Dossier(code)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// A real CCCD QR payload shape (domain.md §5.1), decomposed Unicode in the
// name to check NFC storage.
const cccdPayload = "001090123456|012345678|NGUYE\u0302\u0303N VĂN AN|01011990|Nam|Số 5 ngõ 12 phố Đội Cấn, phường Ba Đình, Hà Nội|15042021"
