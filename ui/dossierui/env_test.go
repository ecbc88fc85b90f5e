package dossierui

import (
	"bytes"
	"flag"
	"image"
	"io"
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
	catErr  error
)

func defaultCatalog(t *testing.T) *catalog.Set {
	t.Helper()
	catOnce.Do(func() { catSet, catErr = catalog.LoadDefault() })
	if catErr != nil {
		t.Fatal(catErr)
	}
	return catSet
}

// fakeForms records print calls.
type fakeForms struct{ prints []string }

func (f *fakeForms) Preview(d *dossier.Dossier, form string) (image.Image, error) {
	return image.NewGray(image.Rect(0, 0, 2, 2)), nil
}

func (f *fakeForms) Print(d *dossier.Dossier, form string, copy bool) error {
	s := form + " " + label(d)
	if copy {
		s += " copy"
	}
	f.prints = append(f.prints, s)
	return nil
}

// env is a desk with a real store, a clerk and a supervisor, and a test
// window.
type env struct {
	t     *testing.T
	db    *store.DB
	svc   *desk.Service
	clerk *desk.Session
	sup   *desk.Session
	sess  *desk.Session // the session the screens use
	forms *fakeForms
	w     fyne.Window
	now   time.Time
	deps  Deps
	books map[string]*bytes.Buffer
	// keyStep is the time between keystrokes: a person 150 ms, a scanner 4 ms.
	keyStep time.Duration
}

const (
	clerkPass = "Tiepnhan-01"
	supPass   = "Giamsat-01"
)

func newEnv(t *testing.T) *env {
	t.Helper()
	set := defaultCatalog(t)
	e := &env{t: t, forms: &fakeForms{}, now: time.Date(2025, 11, 3, 9, 30, 0, 0, dossier.Zone), books: map[string]*bytes.Buffer{}}
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
	if err := e.svc.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1}, AdminUsername: "admin", AdminName: "Quản Trị", AdminPassword: "Quantri-2026"}); err != nil {
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
	if e.sup, err = e.svc.Login("sup1", supPass); err != nil {
		t.Fatal(err)
	}
	e.sess = e.clerk
	test.NewTempApp(t)
	e.keyStep = 150 * time.Millisecond
	kt := e.now
	kit.Now = func() time.Time { kt = kt.Add(e.keyStep); return kt }
	t.Cleanup(func() { kit.Now = time.Now })
	e.deps = Deps{
		Service: e.svc,
		Session: func() *desk.Session { return e.sess },
		Finder:  db,
		ListDay: func(day time.Time, limit int) ([]*dossier.Dossier, error) {
			return db.ListDay(day, store.ListOptions{Limit: limit})
		},
		ByStatus: func(s dossier.Status, limit int) ([]*dossier.Dossier, error) {
			ids, err := db.ByStatus(s, 0, limit)
			if err != nil {
				return nil, err
			}
			out := make([]*dossier.Dossier, 0, len(ids))
			for _, id := range ids {
				d, err := db.DossierByID(id)
				if err != nil {
					return nil, err
				}
				out = append(out, d)
			}
			return out, nil
		},
		Forms: e.forms,
		ExportBook: func(format string, from, to time.Time, w io.Writer) error {
			_, err := io.WriteString(w, format+" "+from.Format("2006-01-02")+" "+to.Format("2006-01-02"))
			return err
		},
		Now: clk,
	}
	return e
}

// window puts a screen in a test window with the shell's key routing.
func (e *env) window(content fyne.CanvasObject, onKey func(*fyne.KeyEvent) bool, onScan func(string) bool) {
	e.w = test.NewTempWindow(e.t, content)
	e.w.Resize(fyne.NewSize(1366, 860))
	sc := widgets.CaptureScans(e.w)
	sc.SetOnKey(onKey)
	if onScan != nil {
		sc.SetOnScan(func(p string) { onScan(p) })
	}
}

// receive stores a complete 1.001280 dossier received at the given time.
func (e *env) receive(at time.Time, name, id, phone string, feeAtReturn bool) *dossier.Dossier {
	e.t.Helper()
	e.now = at
	p, err := e.svc.Catalog.Procedure("1.001280")
	if err != nil {
		e.t.Fatal(err)
	}
	items, err := desk.Checklist(p, "")
	if err != nil {
		e.t.Fatal(err)
	}
	for i := range items {
		items[i].Decision, items[i].Originals = dossier.DecisionSubmitted, 1
	}
	req := desk.IntakeRequest{
		ProcedureCode: "1.001280", Channel: dossier.ChannelDirect, Checklist: items, Verdict: dossier.VerdictReceive,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: name, IDNumber: id, Phone: phone, Address: "Phường Ba Đình, Hà Nội"},
	}
	if feeAtReturn {
		req.Fees = []dossier.Fee{{Name: "Lệ phí cấp giấy thông hành", Amount: 50000, CatalogAmount: 50000, When: dossier.FeeAtReturn}}
	}
	d, err := e.svc.Receive(e.clerk, req)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// transition applies a change directly through the service.
func (e *env) transition(code string, req desk.TransitionRequest) *dossier.Dossier {
	e.t.Helper()
	d, err := e.svc.Transition(e.clerk, code, req)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func (e *env) typeText(s string) {
	c := e.w.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
	}
}

// scan types a payload at scanner speed ended by Enter.
func (e *env) scan(payload string) {
	kit.Now() // (advances the key clock)
	e.keyStep = time.Second
	kit.Now() // a pause before the scan
	e.keyStep = 4 * time.Millisecond
	e.typeText(payload)
	e.key(fyne.KeyReturn)
	e.keyStep = 150 * time.Millisecond
}

func (e *env) key(name fyne.KeyName) {
	c := e.w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	f := c.Focused()
	if name == fyne.KeyTab {
		c.FocusNext()
		return
	}
	if f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

func (e *env) ctrl(key fyne.KeyName) {
	c := e.w.Canvas()
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

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

func (e *env) stored(code string) *dossier.Dossier {
	e.t.Helper()
	d, err := e.db.Dossier(code)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

// lookupScreen builds the lookup screen in a window.
func (e *env) lookupScreen() *Screen {
	s := New(nil, e.deps)
	s.setInline()
	e.window(s.Content(), s.HandleKey, s.HandleScan)
	s.setWindow(e.w)
	s.Focus()
	return s
}
