package dossierui

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/ui/internal/uitest"
	"motcua/ui/widgets"
)

func TestMain(m *testing.M) { uitest.Main(m) }

// env is a desk with a real store, a clerk and a supervisor, and a test
// window.
type env struct {
	t     *testing.T
	db    *store.DB
	svc   *desk.Service
	clerk *desk.Session
	sup   *desk.Session
	sess  *desk.Session // the session the screens use
	forms *uitest.Forms
	w     fyne.Window
	now   time.Time
	deps  Deps
	books map[string]*bytes.Buffer
	clock *uitest.KeyClock
}

func newEnv(t *testing.T) *env {
	t.Helper()
	set := uitest.Catalog(t)
	e := &env{t: t, forms: &uitest.Forms{}, now: time.Date(2025, 11, 3, 9, 30, 0, 0, dossier.Zone), books: map[string]*bytes.Buffer{}}
	clk := func() time.Time { return e.now }
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{Now: clk, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	uitest.CheckAtEnd(t, func() ([]store.Problem, error) { r, err := db.Check(); return r.Problems, err }, db.Close)
	e.db = db
	e.svc = &desk.Service{Store: db, Catalog: desk.SetCatalog{Set: set}, Hasher: uitest.Hasher, Now: clk}
	uitest.SetUp(t, e.svc, uitest.BaDinh(), uitest.Clerk1, uitest.Sup1)
	e.clerk = uitest.Login(t, e.svc, "clerk1", uitest.ClerkPass)
	e.sup = uitest.Login(t, e.svc, "sup1", uitest.SupPass)
	e.sess = e.clerk
	test.NewTempApp(t)
	e.clock = uitest.UseKeyClock(t, e.now)
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

// Keys, scans and golden markup go through the shared helpers.
func (e *env) typeText(s string)     { uitest.TypeText(e.w, s) }
func (e *env) key(name fyne.KeyName) { uitest.Key(e.w, name) }
func (e *env) ctrl(key fyne.KeyName) { uitest.Ctrl(e.w, key) }
func (e *env) scan(payload string)   { uitest.Scan(e.w, e.clock, payload) }
func (e *env) markup(name string)    { e.t.Helper(); uitest.Markup(e.t, e.w, name) }

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
