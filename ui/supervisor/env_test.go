package supervisor

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/report"
	"motcua/report/storesrc"
	"motcua/store"
	"motcua/syncproto"
	"motcua/ui/internal/uitest"
)

func TestMain(m *testing.M) {
	queueDone = true
	uitest.Main(m)
}

var scheme = dossier.DefaultCodeScheme("000.00.06.H56", 1, 1)

// env is a desk with a real store, two clerks and a supervisor, the
// supervisor screens' dependencies and a test window.
type env struct {
	t      *testing.T
	db     *store.DB
	svc    *desk.Service
	clerk  *desk.Session
	sup    *desk.Session
	sess   *desk.Session // the session the screens use
	now    time.Time
	deps   Deps
	w      fyne.Window
	opened []string
	// codes of the fixture records by name (a, b, …).
	codes map[string]string
	ids   map[string]uint64
	books []string
}

// ict parses "2006-01-02 15:04" in Vietnam time.
func ict(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, dossier.Zone)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// names labels the fixture's fields and procedures.
type names map[string]string

func (n names) FieldName(c string) string     { return n["f:"+c] }
func (n names) ProcedureName(c string) string { return n["p:"+c] }

var testNames = names{"f:HT": "Hộ tịch", "f:DD": "Đất đai", "p:1.001193": "Đăng ký khai sinh", "p:1.004227": "Đăng ký biến động đất đai"}

// storeOutbox adapts the store for the sync panel, as cmd/motcua does.
type storeOutbox struct{ db *store.DB }

func (o storeOutbox) OutboxStats() (syncproto.OutboxStats, error) { return o.db.OutboxStats() }
func (o storeOutbox) Retry(seq uint64) error                      { return o.db.Retry(seq) }
func (o storeOutbox) QuarantineItems() ([]Quarantined, error) {
	l, err := o.db.QuarantineList()
	out := make([]Quarantined, 0, len(l))
	for _, q := range l {
		x := Quarantined{Seq: q.Seq, Reason: q.Reason, At: q.At, Attempts: q.Attempts}
		if es, err := o.db.AuditEntries(q.Seq, 1); err == nil && len(es) == 1 && es[0].Seq == q.Seq {
			x.Object, x.Action = es[0].Object, es[0].Action
		}
		out = append(out, x)
	}
	return out, err
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, now: ict(t, "2025-11-03 17:30"), codes: map[string]string{}, ids: map[string]uint64{}}
	clk := func() time.Time { return e.now }
	db, err := store.Open(filepath.Join(t.TempDir(), "desk.db"), store.Options{Now: clk, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	uitest.CheckAtEnd(t, func() ([]store.Problem, error) { r, err := db.Check(); return r.Problems, err }, db.Close)
	e.db = db
	e.svc = &desk.Service{Store: db, Catalog: desk.SetCatalog{Set: &catalog.Set{}}, Hasher: uitest.Hasher,
		Now: clk, Days: db, Reports: storesrc.New(db)}
	uitest.SetUp(t, e.svc, uitest.BaDinh(), uitest.Clerk1, uitest.Clerk2, uitest.Sup1)
	e.clerk = uitest.Login(t, e.svc, "clerk1", uitest.ClerkPass)
	e.sup = uitest.Login(t, e.svc, "sup1", uitest.SupPass)
	e.sess = e.sup
	test.NewTempApp(t)
	uitest.UseKeyClock(t, e.now)
	e.deps = Deps{
		Service:     e.svc,
		Session:     func() *desk.Session { return e.sess },
		Names:       testNames,
		Records:     db,
		OpenDossier: func(code string) { e.opened = append(e.opened, code) },
		Outbox:      storeOutbox{db},
		PrintBook: func(day time.Time) error {
			e.books = append(e.books, "print "+day.Format("2006-01-02"))
			return nil
		},
		ExportBook: func(format string, from, to time.Time, w io.Writer) error {
			_, err := io.WriteString(w, format+" "+from.Format("2006-01-02")+" "+to.Format("2006-01-02"))
			return err
		},
		DBPath: db.Path(),
		Now:    clk,
	}
	return e
}

// window shows content in a test window of a desk screen's size.
func (e *env) window(content fyne.CanvasObject) fyne.Window {
	e.w = test.NewTempWindow(e.t, content)
	e.w.Resize(fyne.NewSize(1280, 900))
	return e.w
}

// rec builds a record for the fixture.
type rec struct {
	name    string
	kind    dossier.RecordKind
	clerk   string
	field   string
	channel dossier.Channel
	recv    string
	appt    string
	// result: the result is ready at this time ("" = still open).
	result string
	// refused at intake.
	refused   bool
	digitised bool
}

func (e *env) build(r rec) *dossier.Dossier {
	t := e.t
	at := ict(t, r.recv)
	proc := dossier.ProcedureRef{Code: "1.001193", Name: "Đăng ký khai sinh", FieldCode: "HT", FieldName: "Hộ tịch", Agency: "UBND phường"}
	if r.field == "DD" {
		proc = dossier.ProcedureRef{Code: "1.004227", Name: "Đăng ký biến động đất đai", FieldCode: "DD", FieldName: "Đất đai", Agency: "Văn phòng đăng ký đất đai"}
	}
	d := &dossier.Dossier{Kind: r.kind, Procedure: proc, Channel: r.channel,
		Submitter:  dossier.Party{Kind: dossier.PartyCitizen, Name: "Người nộp " + r.name, Address: "Phường Ba Đình", Phone: "0912345678"},
		Checklist:  []dossier.Item{{Name: "Tờ khai", MustSubmit: true, Decision: dossier.DecisionSubmitted, Originals: 1}},
		TimeLimit:  dossier.Limit{Value: 5, Unit: "working-days"},
		ReceivedAt: at, Clerk: r.clerk, Desk: "quay-01"}
	if r.digitised {
		d.Checklist[0].Decision = dossier.DecisionNationalData
	}
	switch {
	case r.kind == dossier.KindGuidance:
		d.Reason = "Thiếu giấy chứng sinh"
		d.History = []dossier.Event{{Kind: dossier.EvGuidance, At: at, Actor: r.clerk}}
	case r.refused:
		d.Status, d.FinishedAt, d.Reason = dossier.StatusRefused, at, "Không thuộc thẩm quyền"
		d.History = []dossier.Event{{Kind: dossier.EvRefused, At: at, Actor: r.clerk, To: dossier.StatusRefused}}
	default:
		d.Status = dossier.StatusReceived
		d.FirstAppointment = ict(t, r.appt)
		d.Appointment = d.FirstAppointment
		d.History = []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: r.clerk, To: dossier.StatusReceived}}
		if r.result != "" {
			for _, ev := range []dossier.Event{
				{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: r.clerk, Department: "Phòng Tư pháp"},
				{Kind: dossier.EvResultReady, At: ict(t, r.result), Actor: r.clerk, Result: dossier.ResultApproved},
			} {
				if err := d.Apply(ev); err != nil {
					t.Fatalf("fixture %s: %v", r.name, err)
				}
			}
		}
	}
	return d
}

// add stores records (in receipt order) and remembers their codes.
func (e *env) add(outbox bool, rs ...rec) {
	e.t.Helper()
	ds := make([]*dossier.Dossier, len(rs))
	for i, r := range rs {
		ds[i] = e.build(r)
	}
	if err := e.db.BulkCreate(ds, scheme, store.BulkOptions{Outbox: outbox}); err != nil {
		e.t.Fatal(err)
	}
	for i, d := range ds {
		code := string(d.Code)
		if d.Kind == dossier.KindGuidance {
			code = d.GuidanceNo
		}
		e.codes[rs[i].name] = code
		e.ids[rs[i].name] = d.ID
	}
}

// fixture: the day 2025-11-03 (Monday) and a few earlier dossiers that
// finish, fall due or are overdue on it. The clock is 17:30 that day.
//
//	a clerk1 direct HT, digitised, open, due 10/11   → received
//	b clerk1 online HT, open, due 03/11 17:45         → received, due today
//	c clerk2 direct DD, open, due 06/11               → received
//	d clerk2 guidance record                          → guidance
//	e clerk1 refused at intake                        → refused
//	f clerk1 (24/10) open, due 31/10                  → overdue
//	g clerk2 (27/10) result 03/11 09:00, due 03/11 10:00 → on time (both rules)
//	h clerk2 (20/10) DD result 03/11 08:30, due 30/10  → late (both)
//	i clerk1 (28/10) result 03/11 14:00, due 05/11     → early (II.06a), on time (766)
func (e *env) fixture(outbox bool) {
	e.add(outbox,
		rec{name: "h", clerk: "clerk2", field: "DD", channel: dossier.ChannelDirect, recv: "2025-10-20 09:00", appt: "2025-10-30 10:00", result: "2025-11-03 08:30"},
		rec{name: "f", clerk: "clerk1", field: "HT", channel: dossier.ChannelDirect, recv: "2025-10-24 09:00", appt: "2025-10-31 10:00"},
		rec{name: "g", clerk: "clerk2", field: "HT", channel: dossier.ChannelDirect, recv: "2025-10-27 09:00", appt: "2025-11-03 10:00", result: "2025-11-03 09:00"},
		rec{name: "i", clerk: "clerk1", field: "HT", channel: dossier.ChannelDirect, recv: "2025-10-28 09:00", appt: "2025-11-05 10:00", result: "2025-11-03 14:00"},
		rec{name: "a", clerk: "clerk1", field: "HT", channel: dossier.ChannelDirect, recv: "2025-11-03 08:10", appt: "2025-11-10 10:00", digitised: true},
		rec{name: "b", clerk: "clerk1", field: "HT", channel: dossier.ChannelOnline, recv: "2025-11-03 09:00", appt: "2025-11-03 17:45"},
		rec{name: "c", clerk: "clerk2", field: "DD", channel: dossier.ChannelDirect, recv: "2025-11-03 09:30", appt: "2025-11-06 10:00"},
		rec{name: "d", kind: dossier.KindGuidance, clerk: "clerk2", field: "HT", channel: dossier.ChannelDirect, recv: "2025-11-03 10:00"},
		rec{name: "e", clerk: "clerk1", field: "HT", channel: dossier.ChannelDirect, recv: "2025-11-03 10:30", refused: true},
	)
}

// codesOf returns the fixture codes of names, in order.
func (e *env) codesOf(ns ...string) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = e.codes[n]
	}
	return out
}

// nopCloser is a WriteCloser over a buffer.
type nopCloser struct{ *bytes.Buffer }

func (nopCloser) Close() error { return nil }

// saveTo replaces an exporter's file dialog: it "chooses" buf.
func saveTo(e *exporter, buf *bytes.Buffer, names *[]string) {
	e.save = func(name string, write func(w io.WriteCloser)) {
		*names = append(*names, name)
		write(nopCloser{buf})
	}
}

// cellIDs returns the ids of a cell as fixture names.
func (e *env) namesOf(c report.Cell) []string {
	by := map[uint64]string{}
	for n, id := range e.ids {
		by[id] = n
	}
	var out []string
	for _, id := range c.IDs {
		out = append(out, by[id])
	}
	return out
}

// volatile matches what differs between runs: audit chain hashes (the
// chain starts from random keys) and temporary folders.
var volatile = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`mã [0-9a-f]{12}…`), "mã HASH…"},
	{regexp.MustCompile(`/tmp/Test[^/<"]*/[0-9]+`), "TMPDIR"},
	// The width of a text holding one of them varies with it.
	{regexp.MustCompile(`(<text[^>]*?) size="[0-9]+x[0-9]+"([^>]*>[^<]*(?:HASH|TMPDIR))`), "$1$2"},
}

func normalise(s string) string {
	for _, v := range volatile {
		s = v.re.ReplaceAllString(s, v.with)
	}
	return s
}

// assertMarkup compares the window's markup (with the volatile parts
// normalised) with the golden file testdata/name; -update rewrites it.
func (e *env) assertMarkup(name string) {
	e.t.Helper()
	got := normalise(test.RenderToMarkup(e.w.Canvas()))
	p := filepath.Join("testdata", name)
	if *uitest.Update {
		uitest.WriteGolden(e.t, name, got)
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		e.t.Fatalf("golden %s: %v (run with -update to create it)", name, err)
	}
	if got != string(want) {
		failed := filepath.Join("testdata", "failed", name)
		os.MkdirAll(filepath.Dir(failed), 0o755)
		os.WriteFile(failed, []byte(got), 0o644)
		e.t.Errorf("markup of %s differs from the golden file; the actual markup is in %s (diff them, -update accepts it)", name, failed)
	}
}
