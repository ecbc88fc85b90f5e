package main

// The supervisor screens (ui/supervisor) on a realistic store: a COPY of
// the database given with -db, filled beforehand with
//
//	motcuactl --db /tmp/sup/motcua.db gen --dossiers 20000 --outbox
//
// The copy gets a supervisor "lanhdao" and the generated clerks as users
// (gen creates none); the original is never opened.
//
//	motcua-uidemo -db /tmp/sup/motcua.db -state dashboard [-en]
//
// States (supStates): dashboard, dash-month, drill, close, closed, period,
// period-year, sync, sync-nohub. The script prints "ready STATE" to stderr
// when the screen is drawn (for import -window root).

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/forms"
	"motcua/pwhash"
	"motcua/report"
	"motcua/store"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/ui"
	"motcua/ui/supervisor"
	"motcua/ui/widgets"
	"motcua/wire"
)

var supDB = flag.String("db", "", "supervisor states: a database filled by motcuactl gen (a copy is used)")

// supStates are the supervisor states (need -db). They are not in -list,
// whose states shots.sh runs without a database.
var supStates = map[string]string{
	"dashboard":   "supervisor: today's dashboard (-db)",
	"dash-month":  "supervisor: this month's dashboard, scrolled to the charts (-db)",
	"drill":       "supervisor: the drill-down list of today's received dossiers (-db)",
	"close":       "supervisor: daily close of today, paper counts typed, one unexplained difference (-db)",
	"closed":      "supervisor: yesterday closed and amended (-db)",
	"period":      "supervisor: Biểu II.06a of last month (-db)",
	"period-year": "supervisor: Biểu II.06a of this year, a cell drilled down (-db)",
	"sync":        "supervisor: sync panel with quarantined changes (demo worker status) (-db)",
	"sync-nohub":  "supervisor: sync panel without a hub, USB commands (-db)",
}

// copyFile copies a file (the database or its key).
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// demoWorker is a sync worker status for the screenshot of the panel
// (no hub runs here).
type demoWorker struct{ st syncer.Status }

func (w *demoWorker) Status() syncer.Status { return w.st }
func (w *demoWorker) SyncNow()              {}

// outbox adapts the store for the sync panel (as cmd/motcua does).
type outbox struct{ db *store.DB }

func (o outbox) OutboxStats() (syncproto.OutboxStats, error) { return o.db.OutboxStats() }
func (o outbox) Retry(seq uint64) error                      { return o.db.Retry(seq) }
func (o outbox) QuarantineItems() ([]supervisor.Quarantined, error) {
	l, err := o.db.QuarantineList()
	out := make([]supervisor.Quarantined, 0, len(l))
	for _, q := range l {
		x := supervisor.Quarantined{Seq: q.Seq, Reason: q.Reason, At: q.At, Attempts: q.Attempts}
		if es, err := o.db.AuditEntries(q.Seq, 1); err == nil && len(es) == 1 && es[0].Seq == q.Seq {
			x.Object, x.Action = es[0].Object, es[0].Action
		}
		out = append(out, x)
	}
	return out, err
}

// openSupervisorDesk copies -db into dir and adds the users.
func openSupervisorDesk(dir string) (*wire.Desk, *desk.Session, error) {
	if *supDB == "" {
		return nil, nil, errors.New("the supervisor states need -db (a database filled by motcuactl gen)")
	}
	path := filepath.Join(dir, "motcua.db")
	if err := copyFile(*supDB, path); err != nil {
		return nil, nil, err
	}
	if err := copyFile(*supDB+".key", path+".key"); err != nil {
		return nil, nil, err
	}
	dk, err := wire.Open(wire.Options{Path: path, Hasher: pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}})
	if err != nil {
		return nil, nil, err
	}
	o, d, err := dk.Service.Config()
	if err != nil {
		return nil, nil, err
	}
	if _, ok, _ := dk.DB.GetUser("quantri"); !ok {
		if err := dk.Service.Setup(desk.SetupRequest{Office: o, Desk: d, AdminUsername: "quantri", AdminName: "Quản trị viên", AdminPassword: "Matkhau-2026"}); err != nil {
			return nil, nil, err
		}
	}
	admin, err := dk.Service.Login("quantri", "Matkhau-2026")
	if err != nil {
		return nil, nil, err
	}
	for _, u := range []desk.UserRequest{
		{Username: "lanhdao", Name: "Nguyễn Thị Hoa", Role: account.RoleSupervisor, Password: "Giamsat-01"},
		{Username: "clerk1", Name: "Lê Thị Bình", Role: account.RoleClerk, Password: "Tiepnhan-01"},
		{Username: "clerk2", Name: "Trần Văn Cường", Role: account.RoleClerk, Password: "Tiepnhan-01"},
		{Username: "clerk3", Name: "Phạm Thu Hà", Role: account.RoleClerk, Password: "Tiepnhan-01"},
		{Username: "clerk4", Name: "Hoàng Minh Đức", Role: account.RoleClerk, Password: "Tiepnhan-01"},
	} {
		if err := dk.Service.SaveUser(admin, u); err != nil {
			return nil, nil, err
		}
	}
	sess, err := dk.Service.Login("lanhdao", "Giamsat-01")
	return dk, sess, err
}

// supervisorScreen is what the demo needs from a supervisor screen.
type supervisorScreen interface {
	Title() string
	Content() fyne.CanvasObject
	Focus()
	HandleKey(ev *fyne.KeyEvent) bool
}

func runSupervisor(state string, english bool) {
	if english {
		widgets.SetLanguage(widgets.LangEnglish)
	}
	dir, err := os.MkdirTemp("", "motcua-uidemo-sup-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	dk, sess, err := openSupervisorDesk(dir)
	if err != nil {
		log.Fatal(err)
	}
	defer dk.Close()
	now := func() time.Time { return time.Now().In(dossier.Zone) }
	dk.Service.Now = now
	today := dossier.Day(now())

	deps := supervisor.Deps{
		Service: dk.Service, Session: func() *desk.Session { return sess },
		Names: report.NewCatalogNames(dk.Set()), Records: dk.DB,
		OpenDossier: func(code string) { log.Printf("open dossier %s", code) },
		Outbox:      outbox{dk.DB}, Backups: dk, DBPath: dk.DB.Path(), Now: now, Typing: &widgets.Typing{},
		ExportBook: func(format string, from, to time.Time, w io.Writer) error {
			o, d, err := dk.Service.Config()
			if err != nil {
				return err
			}
			ds, err := dk.DB.ListDay(from, store.ListOptions{})
			if err != nil {
				return err
			}
			doc, err := forms.Build(forms.KindBook, forms.Input{Office: o, Desk: d, Dossiers: ds, From: from, To: to, Now: now()})
			if err != nil {
				return err
			}
			return forms.PDF(w, doc, now())
		},
	}
	var closedDay time.Time
	switch state {
	case "sync":
		items, err := dk.DB.Pending(0, 3)
		if err != nil {
			log.Fatal(err)
		}
		reasons := []string{
			"conflict: dossier %s already exists at the hub with other content (anomaly recorded)",
			"invalid event for %s: procedure 1.009994 is not in the province's catalog",
		}
		for i, it := range items[:min(2, len(items))] {
			obj := "?"
			if es, err := dk.DB.AuditEntries(it.Seq, 1); err == nil && len(es) == 1 {
				obj = es[0].Object
			}
			if err := dk.DB.Quarantine(it.Seq, fmt.Sprintf(reasons[i], obj)); err != nil {
				log.Fatal(err)
			}
		}
		deps.Sync = &demoWorker{st: syncer.Status{Running: true, LastSuccess: now().Add(-47 * time.Minute),
			LastError:   `push: Post "https://hub.motcua.example.vn/api/v1/batches": dial tcp 10.20.0.5:443: connect: connection refused`,
			LastErrorAt: now().Add(-2 * time.Minute), NextAttempt: now().Add(3 * time.Minute), Failures: 4}}
		deps.Progress = &supervisor.ProgressRelay{}
	case "closed":
		closedDay = closeYesterday(dk, sess, today)
	}

	a := app.NewWithID("vn.motcua.uidemo")
	a.Settings().SetTheme(ui.Theme()) // the desk app's theme, as in cmd/motcua
	win := a.NewWindow("motcua – " + supStates[state])
	d := &demo{win: win}
	var sc supervisorScreen
	var dash *supervisor.Dashboard
	var cl *supervisor.Close
	var per *supervisor.Period
	switch state {
	case "dashboard", "dash-month", "drill":
		dash = supervisor.NewDashboard(win, deps)
		sc = dash
	case "close", "closed":
		cl = supervisor.NewClose(win, deps)
		sc = cl
	case "period", "period-year":
		per = supervisor.NewPeriod(win, deps)
		sc = per
	default:
		sc = supervisor.NewSync(win, deps)
	}
	widgets.CaptureScans(win).SetOnKey(sc.HandleKey)
	win.SetContent(sc.Content())
	// The shell's navigation takes about 190 of the desk window's 1280
	// pixels: the screens get the rest.
	win.Resize(fyne.NewSize(1100, 740))
	if state == "dash-month" {
		win.Resize(fyne.NewSize(1100, 1750)) // the whole page (Xvfb -screen 0 1366x1800x24)
	}
	wait := func(busy func() bool) {
		for i := 0; i < 600; i++ {
			var b bool
			fyne.DoAndWait(func() { b = busy() })
			if !b {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	go func() {
		time.Sleep(700 * time.Millisecond)
		fyne.DoAndWait(sc.Focus)
		time.Sleep(300 * time.Millisecond)
		switch state {
		case "dashboard", "drill":
			wait(dash.Busy)
			if state == "drill" {
				d.do(func() { dash.Received.Tapped(nil) })
				time.Sleep(1500 * time.Millisecond)
			}
		case "dash-month":
			wait(dash.Busy)
			d.do(func() { dash.Dates.Presets[3].OnTapped() })
			time.Sleep(300 * time.Millisecond)
			wait(dash.Busy)
		case "close":
			wait(cl.Busy)
			d.do(func() {
				for i, l := range cl.Lines {
					for k := range l.Paper {
						n, _ := strconv.Atoi(strings.ReplaceAll(l.Records[k].Text, ".", ""))
						if i == 1 && k == 0 {
							n++
						}
						l.Paper[k].SetText(fmt.Sprint(n))
					}
				}
			})
			d.do(func() { cl.Sign.OnTapped() })
		case "closed":
			d.do(func() {
				cl.Dates.From.SetText(closedDay.Format("02/01/2006"))
				cl.Dates.From.OnSubmitted("")
			})
			time.Sleep(300 * time.Millisecond)
			wait(cl.Busy)
		case "period", "period-year":
			p := 1 // tháng trước
			if state == "period-year" {
				p = 4 // năm nay
			}
			d.do(func() { per.Dates.Presets[p].OnTapped() })
			time.Sleep(300 * time.Millisecond)
			wait(per.Busy)
			if state == "period-year" {
				d.do(func() { per.Table.Select(widgetCell(3, 9)) })
				time.Sleep(1500 * time.Millisecond)
			}
		default:
			time.Sleep(700 * time.Millisecond)
		}
		time.Sleep(500 * time.Millisecond)
		fmt.Fprintln(os.Stderr, "ready", state)
	}()
	win.ShowAndRun()
}

// closeYesterday closes the last working day before today through the
// service (one difference with its note) and amends it once.
func closeYesterday(dk *wire.Desk, sess *desk.Session, today time.Time) time.Time {
	day := today.AddDate(0, 0, -1)
	for i := 0; i < 7; i++ {
		d, err := report.BuildDashboard(dk.Service.Reports, report.DashboardOptions{From: day, To: day, Now: time.Now()})
		if err != nil {
			log.Fatal(err)
		}
		if d.Received.N() > 0 {
			paper := map[string]report.PaperCount{}
			notes := map[string]string{}
			for i, g := range d.ByClerk {
				p := report.PaperCount{Received: g.Received.N(), Guidance: g.Guidance.N(), Refused: g.Refused.N()}
				if i == 0 {
					p.Received--
					notes[g.Key] = "Một phiếu tiếp nhận bị kẹp nhầm vào sổ của ngày hôm sau"
				}
				paper[g.Key] = p
			}
			if _, err := dk.Service.CloseDay(sess, report.CloseInput{Day: day, Paper: paper, Notes: notes, Note: "Đã đối chiếu với sổ giấy của từng cán bộ."}); err != nil {
				log.Fatal(err)
			}
			p := paper[d.ByClerk[0].Key]
			p.Received++
			if _, err := dk.Service.AmendClose(sess, day, report.AmendInput{Reason: "Tìm thấy phiếu kẹp nhầm; số giấy khớp với hệ thống",
				Paper: map[string]report.PaperCount{d.ByClerk[0].Key: p}, Notes: map[string]string{d.ByClerk[0].Key: ""}}); err != nil {
				log.Fatal(err)
			}
			return day
		}
		day = day.AddDate(0, 0, -1)
	}
	log.Fatal("no day with records in the last week")
	return day
}

func widgetCell(row, col int) widget.TableCellID { return widget.TableCellID{Row: row, Col: col} }
