// Command motcua-uidemo is a developer tool (not shipped): it opens the
// intake and dossier screens on a throw-away desk in a temporary folder and
// drives them, through the same key and rune events the window delivers, to
// one scripted state, so that the real window can be looked at and
// photographed under Xvfb (scripts in this folder, README screenshots in
// docs/screenshots/intake-*.png).
//
//	motcua-uidemo -state checklist        (see states below)
//	motcua-uidemo -list
//
// The desk is set up with demo values; nothing outside the temporary
// folder is touched.
package main

import (
	"flag"
	"fmt"
	"image"
	"log"
	"os"
	"path/filepath"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/pwhash"
	"motcua/store"
	"motcua/ui/dossierui"
	"motcua/ui/intake"
	"motcua/ui/widgets"
	"motcua/wire"
)

// A CCCD QR payload shape (domain.md §5.1) with a made-up person.
const cccdDemo = "001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Số 5 ngõ 12 phố Đội Cấn, phường Ba Đình, Hà Nội|15042021"

// states lists what each state shows.
var states = map[string]string{
	"procedure":  "step 1: the catalog search while typing a name",
	"channel":    "step 2: channel, time limit and fee of 1.001280",
	"limit":      "step 2: birth registration, whose catalog time has no unit: unit and basis",
	"checklist":  "step 3: five components decided with the keys, one scan attached",
	"applicant":  "step 4: the submitter filled by a CCCD scan, phone and e-mail typed",
	"fees":       "step 5: the catalog fee",
	"verdict":    "step 6: the review and the verdict",
	"supplement": "step 6: a missing component: the supplement request",
	"result":     "after Ctrl+S: the receipt preview (form 01)",
	"lookup":     "dossier screen: the lookup with due marks",
	"transfer":   "dossier screen: the transfer dialog",
	"return":     "dossier screen: the return dialog",
	"batch":      "dossier screen: the batch transfer with the 15:00 flag",
	"book":       "dossier screen: the tracking book",
}

func main() {
	state := flag.String("state", "procedure", "state to show (see -list)")
	list := flag.Bool("list", false, "list the states")
	english := flag.Bool("en", false, "English")
	flag.Parse()
	if *list {
		keys := make([]string, 0, len(states))
		for k := range states {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Printf("%-11s %s\n", k, states[k])
		}
		return
	}
	if _, ok := supStates[*state]; ok {
		runSupervisor(*state, *english) // supervisor.go: the supervisor screens on a -db store
		return
	}
	if _, ok := states[*state]; !ok {
		log.Fatalf("unknown state %q (-list)", *state)
	}
	if *english {
		widgets.SetLanguage(widgets.LangEnglish)
	}
	dir, err := os.MkdirTemp("", "motcua-uidemo-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	d := &demo{dir: dir}
	if err := d.open(); err != nil {
		log.Fatal(err)
	}
	defer d.desk.Close()
	d.run(*state)
}

type demo struct {
	dir   string
	desk  *wire.Desk
	sess  *desk.Session
	win   fyne.Window
	in    *intake.Screen
	ds    *dossierui.Screen
	tabs  *container.AppTabs
	clock time.Time
}

// now is the demo clock: Monday 3 November 2025, moved by the script.
func (d *demo) now() time.Time { return d.clock }

func (d *demo) open() error {
	d.clock = time.Date(2025, 11, 3, 9, 32, 0, 0, dossier.Zone)
	dk, err := wire.Open(wire.Options{Path: filepath.Join(d.dir, "motcua.db"), Now: d.now, Hasher: pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}})
	if err != nil {
		return err
	}
	d.desk = dk
	o := desk.DefaultOffice()
	o.ParentAgency, o.Name, o.AgencyCode, o.Place = "UBND TỈNH MẪU (DỮ LIỆU DEMO)", "Bộ phận Một cửa UBND phường Mẫu", "000.00.00.DEMO", "Hà Nội"
	o.LookupURL = "https://example.invalid/tra-cuu"
	scan := filepath.Join(d.dir, "may-quet")
	if err := os.MkdirAll(scan, 0o700); err != nil {
		return err
	}
	if err := dk.Service.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1, ScanFolder: scan},
		AdminUsername: "quantri", AdminName: "Quản trị viên", AdminPassword: "Matkhau-2026"}); err != nil {
		return err
	}
	admin, err := dk.Service.Login("quantri", "Matkhau-2026")
	if err != nil {
		return err
	}
	for _, u := range []desk.UserRequest{
		{Username: "canbo", Name: "Lê Thị Bình", Role: account.RoleClerk, Password: "Tiepnhan-01"},
		{Username: "lanhdao", Name: "Trần Văn Cường", Role: account.RoleSupervisor, Password: "Giamsat-01"},
	} {
		if err := dk.Service.SaveUser(admin, u); err != nil {
			return err
		}
	}
	d.sess, err = dk.Service.Login("canbo", "Tiepnhan-01")
	return err
}

// demoForms previews with the real forms (wire.Forms, form numbers of the
// office's set) and prints nothing.
type demoForms struct{ d *demo }

func (f demoForms) Preview(x *dossier.Dossier, form string) (image.Image, error) {
	return f.d.desk.Forms().Preview(x, form)
}

func (f demoForms) Print(*dossier.Dossier, string, bool) error { return nil }

func (d *demo) run(state string) {
	a := app.NewWithID("vn.motcua.uidemo")
	d.win = a.NewWindow("motcua – " + states[state])
	dk := d.desk
	d.in = intake.New(d.win, intake.Deps{
		Service: dk.Service, Session: func() *desk.Session { return d.sess }, Search: dk.Search, Catalog: dk,
		Scans: dk.Scans, Forms: demoForms{d}, Now: d.now, Typing: &widgets.Typing{},
	})
	d.ds = dossierui.New(d.win, dossierui.Deps{
		Service: dk.Service, Session: func() *desk.Session { return d.sess }, Finder: dk.DB,
		ListDay: func(day time.Time, limit int) ([]*dossier.Dossier, error) {
			return dk.DB.ListDay(day, storeList(limit))
		},
		ByStatus: func(s dossier.Status, limit int) ([]*dossier.Dossier, error) {
			ids, err := dk.DB.ByStatus(s, 0, limit)
			if err != nil {
				return nil, err
			}
			var out []*dossier.Dossier
			for _, id := range ids {
				x, err := dk.DB.DossierByID(id)
				if err != nil {
					return nil, err
				}
				out = append(out, x)
			}
			return out, nil
		},
		Forms: demoForms{d}, Now: d.now, Typing: &widgets.Typing{},
	})
	d.tabs = container.NewAppTabs(
		container.NewTabItem(d.in.Title(), d.in.Content()),
		container.NewTabItem(d.ds.Title(), d.ds.Content()),
	)
	d.tabs.OnSelected = func(*container.TabItem) { d.focus() }
	sc := widgets.CaptureScans(d.win)
	sc.SetOnScan(func(p string) {
		if d.tabs.SelectedIndex() == 0 {
			d.in.HandleScan(p)
		} else {
			d.ds.HandleScan(p)
		}
	})
	sc.SetOnKey(func(ev *fyne.KeyEvent) bool {
		if d.tabs.SelectedIndex() == 0 {
			return d.in.HandleKey(ev)
		}
		return d.ds.HandleKey(ev)
	})
	d.win.SetContent(d.tabs)
	d.win.Resize(fyne.NewSize(1366, 740))
	go func() {
		time.Sleep(700 * time.Millisecond)
		fyne.DoAndWait(d.focus)
		d.script(state)
		fmt.Fprintln(os.Stderr, "ready", state)
	}()
	d.win.ShowAndRun()
}

func (d *demo) focus() {
	if d.tabs.SelectedIndex() == 0 {
		d.in.Focus()
	} else {
		d.ds.Focus()
	}
}

// Input helpers: each runs on the UI goroutine, as the window delivers
// keys, then gives the window a moment to draw.

func (d *demo) do(fn func()) {
	fyne.DoAndWait(fn)
	time.Sleep(120 * time.Millisecond)
}

func (d *demo) typ(s string) {
	for _, r := range s {
		d.do(func() {
			c := d.win.Canvas()
			if f := c.Focused(); f != nil {
				f.TypedRune(r)
			} else if h := c.OnTypedRune(); h != nil {
				h(r)
			}
		})
	}
}

func (d *demo) key(k fyne.KeyName) {
	d.do(func() {
		c := d.win.Canvas()
		ev := &fyne.KeyEvent{Name: k}
		if k == fyne.KeyTab {
			c.FocusNext()
			return
		}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else if h := c.OnTypedKey(); h != nil {
			h(ev)
		}
	})
}

func (d *demo) ctrl(k fyne.KeyName) {
	d.do(func() {
		c := d.win.Canvas()
		sc := &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
		if f, ok := c.Focused().(fyne.Shortcutable); ok {
			f.TypedShortcut(sc)
			return
		}
		c.(fyne.Shortcutable).TypedShortcut(sc)
	})
}

// scan types a payload at scanner speed (one UI call), ended by Enter.
func (d *demo) scan(p string) {
	d.do(func() {
		c := d.win.Canvas()
		for _, r := range p {
			if f := c.Focused(); f != nil {
				f.TypedRune(r)
			} else {
				c.OnTypedRune()(r)
			}
		}
		ev := &fyne.KeyEvent{Name: fyne.KeyReturn}
		if f := c.Focused(); f != nil {
			f.TypedKey(ev)
		} else {
			c.OnTypedKey()(ev)
		}
	})
}

// receive stores a complete 1.001280 dossier at the given time.
func (d *demo) receive(at time.Time, name, id, phone string) *dossier.Dossier {
	d.clock = at
	p, err := d.desk.Procedure("1.001280")
	if err != nil {
		log.Fatal(err)
	}
	items, err := desk.Checklist(p, "")
	if err != nil {
		log.Fatal(err)
	}
	for i := range items {
		items[i].Decision, items[i].Originals = dossier.DecisionSubmitted, 1
	}
	x, err := d.desk.Service.Receive(d.sess, desk.IntakeRequest{ProcedureCode: "1.001280", Channel: dossier.ChannelDirect, Checklist: items,
		Verdict: dossier.VerdictReceive, Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: name, IDNumber: id, Phone: phone, Address: "Phường Ba Đình, Hà Nội"}})
	if err != nil {
		log.Fatal(err)
	}
	return x
}

func (d *demo) script(state string) {
	switch state {
	case "procedure":
		d.typ("giấy thông hành biên giới lào")
		return
	case "limit":
		d.typ("1.001193")
		d.key(fyne.KeyReturn)
		d.key(fyne.KeyReturn)
		d.typ("5")
		d.key(fyne.KeyReturn)
		d.typ("Luật Hộ tịch 2014, Điều 16: giải quyết ngay trong ngày")
		return
	case "lookup", "transfer", "return", "batch", "book":
		d.dossierScript(state)
		return
	}
	d.typ("1.001280")
	d.key(fyne.KeyReturn)
	if state == "channel" {
		return
	}
	d.key(fyne.KeyReturn)
	keys := "11311"
	switch state {
	case "supplement":
		keys = "11011"
	case "checklist":
		keys = "113"
	}
	for _, k := range keys {
		d.typ(string(k))
	}
	if state == "checklist" {
		d.key(fyne.KeyTab)
		d.key(fyne.KeyTab)
		d.key(fyne.KeyTab)
		d.key(fyne.KeyTab)
		d.typ("Bản sao có dấu đỏ, còn rõ chữ")
		return
	}
	d.key(fyne.KeyReturn)
	d.scan(cccdDemo)
	d.typ("0912345678")
	d.key(fyne.KeyReturn)
	d.typ("an.nguyen@example.vn")
	if state == "applicant" {
		return
	}
	d.key(fyne.KeyReturn)
	if state == "fees" {
		return
	}
	d.key(fyne.KeyReturn)
	if state == "supplement" {
		d.typ("Bổ sung bản sao giấy khai sinh của trẻ dưới 14 tuổi")
		return
	}
	if state == "verdict" {
		return
	}
	d.ctrl(fyne.KeyS)
	time.Sleep(1500 * time.Millisecond)
}

func (d *demo) dossierScript(state string) {
	a := d.receive(time.Date(2025, 11, 3, 8, 5, 0, 0, dossier.Zone), "Nguyễn Văn An", "001090123456", "0912345678")
	b := d.receive(time.Date(2025, 11, 3, 9, 10, 0, 0, dossier.Zone), "Đặng Thị Bích", "001190654321", "0987654321")
	d.receive(time.Date(2025, 11, 3, 15, 20, 0, 0, dossier.Zone), "Hoàng Minh Đức", "079088001122", "0903111222")
	d.receive(time.Date(2025, 11, 3, 15, 40, 0, 0, dossier.Zone), "Vũ Thị Hà", "001195000111", "0904000111")
	d.clock = time.Date(2025, 11, 3, 16, 10, 0, 0, dossier.Zone)
	tr := func(code string, req desk.TransitionRequest) {
		if _, err := d.desk.Service.Transition(d.sess, code, req); err != nil {
			log.Fatal(err)
		}
	}
	if state == "return" || state == "lookup" {
		tr(string(a.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh, Công an tỉnh"})
		d.clock = time.Date(2025, 11, 5, 14, 0, 0, 0, dossier.Zone)
		tr(string(a.Code), desk.TransitionRequest{Kind: dossier.EvResultReady, Result: dossier.ResultApproved})
		d.clock = time.Date(2025, 11, 6, 9, 15, 0, 0, dossier.Zone)
	}
	if state == "lookup" {
		tr(string(b.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh, Công an tỉnh"})
		d.clock = time.Date(2025, 11, 7, 8, 30, 0, 0, dossier.Zone)
	}
	d.do(func() { d.tabs.SelectIndex(1) })
	switch state {
	case "lookup":
		d.typ("dang thi bich")
		d.key(fyne.KeyReturn)
		d.key(fyne.KeyReturn)
		d.do(func() { d.ds.Open(string(b.Code)) })
	case "transfer":
		d.do(func() { d.ds.Open(string(a.Code)) })
		d.do(func() { d.ds.OpenAction(dossier.EvTransferred) })
	case "return":
		d.do(func() { d.ds.Open(string(a.Code)) })
		d.do(func() { d.ds.OpenAction(dossier.EvReturned) })
	case "batch":
		d.do(func() { d.ds.Content().(*container.AppTabs).SelectIndex(1) })
		d.typ("")
	case "book":
		d.do(func() { d.ds.Content().(*container.AppTabs).SelectIndex(2) })
	}
}

func storeList(limit int) store.ListOptions { return store.ListOptions{Limit: limit} }
