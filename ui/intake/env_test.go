package intake

import (
	"flag"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/pwhash"
	"motcua/store"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

var update = flag.Bool("update", false, "rewrite the golden markup files")

func TestMain(m *testing.M) {
	flag.Parse()
	widgets.SetLanguage(widgets.LangVietnamese)
	os.Exit(m.Run())
}

var (
	catOnce sync.Once
	catSet  *catalog.Set
	catIdx  *catalog.Index
	catErr  error
)

func defaultCatalog(t *testing.T) (*catalog.Set, *catalog.Index) {
	t.Helper()
	catOnce.Do(func() {
		catSet, catErr = catalog.LoadDefault()
		if catErr == nil {
			catIdx = catalog.NewIndex(catSet.Procedures)
		}
	})
	if catErr != nil {
		t.Fatal(catErr)
	}
	return catSet, catIdx
}

// fakeForms records preview and print calls (the forms package is wired by
// the integrator).
type fakeForms struct {
	previews []string
	prints   []string
	fail     error
}

func (f *fakeForms) Preview(d *dossier.Dossier, form string) (image.Image, error) {
	f.previews = append(f.previews, form+" "+label(d))
	img := image.NewNRGBA(image.Rect(0, 0, 21, 29))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(1, 1, color.Black)
	return img, f.fail
}

func (f *fakeForms) Print(d *dossier.Dossier, form string, copy bool) error {
	c := ""
	if copy {
		c = " copy"
	}
	f.prints = append(f.prints, form+" "+label(d)+c)
	return f.fail
}

func label(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return d.GuidanceNo
	}
	return string(d.Code)
}

// keyClock is the keystroke clock: a person types a key every 150 ms, a
// scanner every 4 ms (domain.md §5.3; cccd.DefaultBurstConfig).
type keyClock struct {
	t    time.Time
	step time.Duration
}

func (c *keyClock) now() time.Time {
	c.t = c.t.Add(c.step)
	return c.t
}

// env is a desk with a real store in a temporary folder, a clerk logged in
// and the intake screen in a test window.
type env struct {
	t      *testing.T
	db     *store.DB
	svc    *desk.Service
	clerk  *desk.Session
	forms  *fakeForms
	w      fyne.Window
	s      *Screen
	clock  *keyClock
	now    time.Time
	keys   int // key presses and clicks beyond free text
	scans  int // scanner triggers
	folder string
}

const (
	clerkPass = "Tiepnhan-01"
	supPass   = "Giamsat-01"
)

func newEnv(t *testing.T) *env {
	t.Helper()
	set, idx := defaultCatalog(t)
	e := &env{t: t, forms: &fakeForms{}, now: time.Date(2025, 11, 3, 9, 32, 0, 0, dossier.Zone)}
	clk := func() time.Time { return e.now }
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{Now: clk, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		rep, err := db.Check()
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("store check: %v %v", err, rep.Problems)
		}
		db.Close()
	})
	e.db = db
	e.svc = &desk.Service{Store: db, Catalog: desk.SetCatalog{Set: set}, Hasher: pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}, Now: clk}
	o := desk.DefaultOffice()
	o.Name, o.ParentAgency, o.AgencyCode, o.Place = "Bộ phận Một cửa UBND phường Ba Đình", "UBND PHƯỜNG BA ĐÌNH", "000.00.06.H56", "Hà Nội"
	o.LookupURL = "https://dichvucong.example.vn/tra-cuu"
	e.folder = t.TempDir()
	if err := e.svc.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1, ScanFolder: e.folder}, AdminUsername: "admin", AdminName: "Quản Trị", AdminPassword: "Quantri-2026"}); err != nil {
		t.Fatal(err)
	}
	admin, err := e.svc.Login("admin", "Quantri-2026")
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []desk.UserRequest{
		{Username: "clerk1", Name: "Lê Thị Bình", Role: account.RoleClerk, Password: clerkPass},
		{Username: "sup1", Name: "Trần Văn Cường", Role: account.RoleSupervisor, Password: supPass},
	} {
		if err := e.svc.SaveUser(admin, u); err != nil {
			t.Fatal(err)
		}
	}
	if e.clerk, err = e.svc.Login("clerk1", clerkPass); err != nil {
		t.Fatal(err)
	}

	test.NewTempApp(t)
	e.clock = &keyClock{t: e.now, step: 150 * time.Millisecond}
	kit.Now = e.clock.now
	t.Cleanup(func() { kit.Now = time.Now })
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
	sc.Now = e.clock.now
	sc.SetOnScan(func(p string) { e.s.HandleScan(p) })
	sc.SetOnKey(e.s.HandleKey)
	e.s.Focus()
	return e
}

// focused returns the focused widget.
func (e *env) focused() fyne.Focusable { return e.w.Canvas().Focused() }

// typeText types free text into the focused widget (not counted).
func (e *env) typeText(s string) {
	e.t.Helper()
	c := e.w.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
	}
}

// press types one key that is a decision (a digit), counted.
func (e *env) press(r rune) {
	e.t.Helper()
	e.keys++
	e.typeText(string(r))
}

// key presses a named key as the GLFW driver delivers it, counted: Tab
// moves the focus unless the widget takes it, other keys go to the focused
// widget, or to the canvas when nothing has focus.
func (e *env) key(name fyne.KeyName) {
	e.t.Helper()
	e.keys++
	e.rawKey(name)
}

func (e *env) rawKey(name fyne.KeyName) {
	c := e.w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	f := c.Focused()
	if name == fyne.KeyTab {
		if t, ok := f.(fyne.Tabbable); ok && t.AcceptsTab() {
			f.TypedKey(ev)
		} else {
			c.FocusNext()
		}
		return
	}
	if f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// ctrl presses Ctrl+key as the GLFW driver delivers it, counted.
func (e *env) ctrl(key fyne.KeyName) {
	e.t.Helper()
	e.keys++
	c := e.w.Canvas()
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
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

// scan simulates the keyboard-wedge scanner: the payload at scanner speed
// into whatever has focus, ended by Enter. One trigger pull, counted apart.
func (e *env) scan(payload string) {
	e.t.Helper()
	e.scans++
	e.clock.t = e.clock.t.Add(time.Second) // the clerk takes the card
	step := e.clock.step
	e.clock.step = 4 * time.Millisecond
	e.typeText(payload)
	e.rawKey(fyne.KeyReturn)
	e.clock.step = step
}

// markup asserts the window against a golden file (rewritten with -update).
func (e *env) markup(name string) {
	e.t.Helper()
	if *update {
		p := filepath.Join("testdata", name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			e.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(test.RenderToMarkup(e.w.Canvas())), 0o644); err != nil {
			e.t.Fatal(err)
		}
		return
	}
	test.AssertRendersToMarkup(e.t, name, e.w.Canvas())
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
