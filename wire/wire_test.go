package wire

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/pwhash"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/workday"
)

func openTestDesk(t *testing.T) (*Desk, *desk.Session) {
	t.Helper()
	d, err := Open(Options{Path: filepath.Join(t.TempDir(), "m.db"), Hasher: pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		rep, err := d.DB.Check()
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("check: %v %v", err, rep.Problems)
		}
		d.Close()
	})
	o := desk.DefaultOffice()
	o.Name, o.ParentAgency, o.AgencyCode, o.Place = "Bộ phận Một cửa", "UBND XÃ A", "000.00.06.H56", "Thanh Hóa"
	if err := d.Service.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1}, AdminUsername: "admin", AdminName: "Quản trị", AdminPassword: "Quantri-2026"}); err != nil {
		t.Fatal(err)
	}
	s, err := d.Service.SystemSession("test")
	if err != nil {
		t.Fatal(err)
	}
	return d, s
}

func receive(t *testing.T, d *Desk, s *desk.Session) *dossier.Dossier {
	t.Helper()
	p, _ := d.Procedure("1.001193")
	items, _ := desk.Checklist(p, "")
	for i := range items {
		switch {
		case items[i].MustSubmit:
			items[i].Decision, items[i].Originals = dossier.DecisionSubmitted, 1
		case items[i].PresentOnly:
			items[i].Decision = dossier.DecisionPresented
		default:
			items[i].Decision = dossier.DecisionNotApplicable
		}
	}
	x, err := d.Service.Receive(s, desk.IntakeRequest{ProcedureCode: "1.001193", Channel: dossier.ChannelDirect, Verdict: dossier.VerdictReceive,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyễn Văn An", IDNumber: "001090123456"}, Checklist: items,
		TimeLimit: &workday.Limit{Value: 5, Unit: workday.WorkingDays}, LimitReason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestApplier_IdempotentHubChanges(t *testing.T) {
	d, s := openTestDesk(t)
	x := receive(t, d, s)
	if _, err := d.Service.TransitionTo(s, string(x.Code), dossier.StatusProcessing, ""); err != nil {
		t.Fatal(err)
	}
	a := d.Applier()
	ch := syncproto.Change{Cursor: 1, ID: "0123456789abcdef", Kind: syncproto.ChangeDossier, At: time.Now(), By: "Phòng Tư pháp", Code: string(x.Code),
		Event: &dossier.Event{Kind: dossier.EvResultReady, At: time.Now(), Actor: "tp01", Result: dossier.ResultApproved, Department: "Phòng Tư pháp"}}
	for range 2 {
		if err := a.Apply(ch); err != nil {
			t.Fatal(err)
		}
	}
	got, _ := d.DB.Dossier(string(x.Code))
	if got.Status != dossier.StatusResultReady || len(got.History) != 3 {
		t.Fatalf("status %d, %d events", got.Status, len(got.History))
	}
	// A change for a dossier this desk does not hold, or one the rules
	// refuse, can never apply.
	other := ch
	other.ID, other.Code = "fedcba9876543210", "000.00.06.H56-200101-0001"
	if err := a.Apply(other); !errors.Is(err, syncer.ErrNotApplicable) {
		t.Fatalf("unknown dossier: %v", err)
	}
	again := ch
	again.ID = "aaaaaaaaaaaaaaaa"
	if err := a.Apply(again); !errors.Is(err, syncer.ErrNotApplicable) {
		t.Fatalf("refused transition: %v", err)
	}
	// Cursor round trip keeps the other sync fields.
	d.DB.PutSetting("sync", map[string]string{"hub_url": "https://hub.example"}, account.Audit{Actor: "t"})
	if err := a.SetPullCursor(42); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	d.DB.GetSetting("sync", &m)
	if c, _ := a.PullCursor(); c != 42 || m["hub_url"] != "https://hub.example" {
		t.Fatalf("cursor %d, setting %v", c, m)
	}
	// Catalog and holidays from the hub.
	p, _ := d.Procedure("1.001193")
	cp := *p
	cp.Name += " (cập nhật)"
	cp.Version = catalog.Version{}
	var buf bytes.Buffer
	catalog.NewSet("", []*catalog.Procedure{&cp}).Encode(&buf)
	if err := a.Apply(syncproto.Change{Cursor: 2, ID: "bbbbbbbbbbbbbbbb", Kind: syncproto.ChangeCatalog, At: time.Now(), By: "Sở", Version: "v2", Data: buf.Bytes()}); err != nil {
		t.Fatal(err)
	}
	if q, _ := d.Procedure("1.001193"); q.Name != cp.Name {
		t.Fatalf("catalog not reloaded: %s", q.Name)
	}
	tbl, _, _ := d.Calendar().Table(2027)
	tbl.Source = "Thông báo của Bộ Nội vụ (kiểm thử)"
	data, _ := tbl.MarshalJSON()
	if err := a.Apply(syncproto.Change{Cursor: 3, ID: "cccccccccccccccc", Kind: syncproto.ChangeHolidays, At: time.Now(), By: "Sở", Version: "2027", Data: data}); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := d.DB.YearTable(2027); !ok {
		t.Fatal("holiday table not stored")
	}
}

func TestForms_PreviewPDFAndSignedQR(t *testing.T) {
	d, s := openTestDesk(t)
	x := receive(t, d, s)
	f := d.Forms()
	img, err := f.Preview(x, "01")
	if err != nil || img.Bounds().Dx() < 500 {
		t.Fatalf("preview %v %v", img, err)
	}
	var buf bytes.Buffer
	if err := f.PDF(&buf, x, "01", true); err != nil || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF")) {
		t.Fatalf("pdf: %v", err)
	}
	if got := f.ForEvent(x, x.History[0]); len(got) == 0 || got[0] != "01" {
		t.Fatalf("forms for receipt: %v", got)
	}
	doc, err := f.Document(x, "07", false)
	if err != nil || len(doc.Pages) == 0 {
		t.Fatalf("book: %v", err)
	}
}

func TestAutoBackupRetention(t *testing.T) {
	d, _ := openTestDesk(t)
	clk := time.Date(2026, 3, 2, 17, 0, 0, 0, dossier.Zone)
	d.Service.Now = func() time.Time { clk = clk.Add(time.Second); return clk }
	o, _, _ := d.Service.Config()
	o.BackupKeep = 2
	o.BackupDir = filepath.Join(t.TempDir(), "usb")
	d.DB.PutSetting(desk.SettingOffice, o, account.Audit{Actor: "t"})
	if _, err := d.NewRecoveryCode(); err != nil {
		t.Fatal(err)
	}
	var last string
	for range 3 {
		p, err := d.AutoBackup("close")
		if err != nil {
			t.Fatal(err)
		}
		last = p
	}
	ents, _ := os.ReadDir(o.BackupDir)
	if len(ents) != 4 { // 2 backups + 2 key copies
		t.Fatalf("%d files kept", len(ents))
	}
	if _, err := os.Stat(last + ".key"); err != nil {
		t.Fatal("no key copy next to the backup")
	}
	if d.LastBackup().IsZero() {
		t.Fatal("last backup unknown")
	}
}

func TestPurgeExpiredAndCollectScans(t *testing.T) {
	d, s := openTestDesk(t)
	scanFile := filepath.Join(t.TempDir(), "cccd.png")
	os.WriteFile(scanFile, []byte("\x89PNG\r\n\x1a\nfake image"), 0o600)
	sc, err := d.Scans.Attach(scanFile)
	if err != nil {
		t.Fatal(err)
	}
	x := receive(t, d, s)
	// Attach the scan through an amendment-free path: receive again with it.
	p, _ := d.Procedure("1.001193")
	items, _ := desk.Checklist(p, "")
	for i := range items {
		switch {
		case items[i].MustSubmit:
			items[i].Decision, items[i].Originals = dossier.DecisionSubmitted, 1
			items[i].Scans = []dossier.Scan{sc}
		case items[i].PresentOnly:
			items[i].Decision = dossier.DecisionPresented
		default:
			items[i].Decision = dossier.DecisionNotApplicable
		}
	}
	y, err := d.Service.Receive(s, desk.IntakeRequest{ProcedureCode: "1.001193", Channel: dossier.ChannelDirect, Verdict: dossier.VerdictReceive,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Trần Thị Bình", IDNumber: "001190000002"}, Checklist: items,
		TimeLimit: &workday.Limit{Value: 1, Unit: workday.WorkingDays}, LimitReason: "test"})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []dossier.Status{dossier.StatusProcessing, dossier.StatusResultReady, dossier.StatusReturned} {
		if _, err := d.Service.TransitionTo(s, string(y.Code), to, ""); err != nil {
			t.Fatal(err)
		}
	}
	o := s.Office
	o.RetentionYears = 1
	admin, err := d.Service.Login("admin", "Quantri-2026")
	if err != nil {
		t.Fatal(err)
	}
	admin.Office = o
	base := d.Service.Now
	d.Service.Now = func() time.Time { return base().AddDate(2, 0, 0) }
	if n, err := d.PurgeExpired(admin, true); err != nil || n != 1 {
		t.Fatalf("dry run %d %v (only the returned dossier is due; %s is open)", n, err, x.Code)
	}
	if n, err := d.PurgeExpired(admin, false); err != nil || n != 1 {
		t.Fatalf("purge %d %v", n, err)
	}
	got, _ := d.DB.Dossier(string(y.Code))
	if got.Submitter.Name != dossier.Redacted || got.Submitter.IDNumber != "" || len(got.Checklist[0].Scans) != 0 {
		t.Fatalf("not redacted: %+v", got.Submitter)
	}
	if found, _ := d.DB.Find(dossier.Query{IDNumber: "001190000002"}); len(found) != 0 {
		t.Fatal("the purged ID number is still indexed")
	}
	if n, err := d.CollectScans(false); err != nil || n != 1 {
		t.Fatalf("scan gc %d %v", n, err)
	}
	if _, err := d.Scans.Open(sc); err == nil {
		t.Fatal("scan file still there")
	}
}

func TestExitBackupSkipsWhenNothingChanged(t *testing.T) {
	d, s := openTestDesk(t)
	o, _, _ := d.Service.Config()
	o.BackupDir = filepath.Join(t.TempDir(), "bk")
	d.DB.PutSetting(desk.SettingOffice, o, account.Audit{Actor: "t"})
	p1, err := d.ExitBackup()
	if err != nil || p1 == "" {
		t.Fatalf("first exit backup %q %v", p1, err)
	}
	if p, err := d.ExitBackup(); err != nil || p != "" {
		t.Fatalf("nothing changed, yet a backup was made: %q %v", p, err)
	}
	receive(t, d, s)
	time.Sleep(1100 * time.Millisecond) // backup names carry the second
	if p, err := d.ExitBackup(); err != nil || p == "" || p == p1 {
		t.Fatalf("a dossier was received, yet no backup: %q %v", p, err)
	}
}

// The hub's code floors raise the day counter only with codes of this
// office inside this desk's block; anything else is ignored.
func TestApplier_RaiseCodeFloors(t *testing.T) {
	d, s := openTestDesk(t)
	x := receive(t, d, s)
	day := string(x.Code[:strings.LastIndexByte(string(x.Code), '-')]) // AGENCY-yyMMdd
	other := strings.Replace(day, "000.00.06.H56", "000.00.07.H56", 1)
	floors := []string{day + "-0007", other + "-0050", day + "-1500", "not a code", day + "-0003"}
	raised, err := d.Applier().RaiseCodeFloors(floors)
	if err != nil || len(raised) != 1 || raised[0] != day+"-0007" {
		t.Fatalf("raised %v, %v", raised, err)
	}
	if y := receive(t, d, s); string(y.Code) != day+"-0008" {
		t.Fatalf("next code %s, want %s-0008", y.Code, day)
	}
	if raised, err := d.Applier().RaiseCodeFloors(floors); err != nil || len(raised) != 0 {
		t.Fatalf("second time raised %v, %v", raised, err)
	}
}
