package desk_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/pwhash"
	"motcua/report"
	"motcua/report/storesrc"
	"motcua/store"
	"motcua/workday"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

var defaultSet *catalog.Set

func catalogSet(t *testing.T) *catalog.Set {
	t.Helper()
	if defaultSet == nil {
		s, err := catalog.LoadDefault()
		if err != nil {
			t.Fatal(err)
		}
		defaultSet = s
	}
	return defaultSet
}

type fixture struct {
	svc   *desk.Service
	db    *store.DB
	clk   *clock
	clerk *desk.Session
	sup   *desk.Session
	admin *desk.Session
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	clk := &clock{t: time.Date(2023, 10, 27, 9, 32, 0, 0, dossier.Zone)}
	db, err := store.Open(filepath.Join(t.TempDir(), "m.db"), store.Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		rep, err := db.Check()
		if err != nil || len(rep.Problems) > 0 {
			t.Errorf("check: %v %v", err, rep.Problems)
		}
		db.Close()
	})
	svc := &desk.Service{Store: db, Catalog: desk.SetCatalog{Set: catalogSet(t)}, Hasher: pwhash.Argon2id{MemoryKiB: 64, Passes: 1, Lanes: 1}, Now: clk.now,
		Days: db, Reports: storesrc.New(db)}
	o := desk.DefaultOffice()
	o.Name, o.ParentAgency, o.AgencyCode, o.Place = "Bộ phận Một cửa UBND phường Ba Đình", "UBND PHƯỜNG BA ĐÌNH", "000.00.06.H56", "Hà Nội"
	o.LookupURL = "https://dichvucong.example.vn/tra-cuu"
	err = svc.Setup(desk.SetupRequest{Office: o, Desk: desk.Desk{ID: "quay-01", Number: 1, Slot: 1}, AdminUsername: "admin", AdminName: "Quản Trị", AdminPassword: "Quantri-2026"})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{svc: svc, db: db, clk: clk}
	f.admin = f.login(t, "admin", "Quantri-2026")
	for _, u := range []desk.UserRequest{{Username: "clerk1", Name: "Lê Thị Bình", Role: account.RoleClerk, Password: "Tiepnhan-01"}, {Username: "sup1", Name: "Trần Văn Cường", Role: account.RoleSupervisor, Password: "Giamsat-01"}} {
		if err := svc.SaveUser(f.admin, u); err != nil {
			t.Fatal(err)
		}
	}
	f.clerk = f.login(t, "clerk1", "Tiepnhan-01")
	f.sup = f.login(t, "sup1", "Giamsat-01")
	return f
}

func (f *fixture) login(t *testing.T, u, p string) *desk.Session {
	t.Helper()
	s, err := f.svc.Login(u, p)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// intake builds a complete request for birth registration (1.001193).
func (f *fixture) intake(t *testing.T) desk.IntakeRequest {
	t.Helper()
	p, err := f.svc.Catalog.Procedure("1.001193")
	if err != nil {
		t.Fatal(err)
	}
	items, err := desk.Checklist(p, "")
	if err != nil {
		t.Fatal(err)
	}
	for i := range items {
		if items[i].MustSubmit {
			items[i].Decision, items[i].Originals = dossier.DecisionSubmitted, 1
		} else if items[i].PresentOnly {
			items[i].Decision = dossier.DecisionPresented
		} else {
			items[i].Decision = dossier.DecisionNotApplicable
		}
	}
	return desk.IntakeRequest{
		ProcedureCode: "1.001193",
		Channel:       dossier.ChannelDirect,
		Submitter:     dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyê\u0303n Văn An", IDNumber: "001090123456", Phone: "0912345678"},
		Checklist:     items,
		Verdict:       dossier.VerdictReceive,
		// The published record gives "1" with no unit; the Law on Civil
		// Status art. 16 says same day (next working day after 15:00).
		TimeLimit:   &workday.Limit{Unit: workday.SameDay},
		LimitReason: "Luật Hộ tịch 2014 Điều 16: giải quyết ngay trong ngày; sau 15 giờ thì trả trong ngày làm việc tiếp theo",
	}
}

func TestReceive_CodeAppointmentAndNFC(t *testing.T) {
	f := newFixture(t)
	req := f.intake(t)
	d, err := f.svc.Receive(f.clerk, req)
	if err != nil {
		t.Fatal(err)
	}
	if d.Code != "000.00.06.H56-231027-0001" {
		t.Fatalf("code %s", d.Code)
	}
	if d.Submitter.Name != "Nguyễn Văn An" {
		t.Fatalf("name not NFC: %q", d.Submitter.Name)
	}
	if want := time.Date(2023, 10, 27, 17, 0, 0, 0, dossier.Zone); !d.Appointment.Equal(want) {
		t.Fatalf("same-day limit received 09:32 → %v, want %v", d.Appointment, want)
	}
	if d.Status != dossier.StatusReceived || d.Appointment.IsZero() || !d.Appointment.Equal(d.FirstAppointment) || d.Procedure.Version == "" {
		t.Fatalf("%+v", d)
	}
	got, err := f.db.Dossier(string(d.Code))
	if err != nil || got.Appointment.IsZero() {
		t.Fatalf("stored: %v", err)
	}
	t.Logf("1.001193 received Fri 27/10/2023 09:32, limit %v → %s", d.TimeLimit, d.Appointment.Format("2006-01-02 15:04"))
}

func TestReceive_MissingNeedsSupervisor(t *testing.T) {
	f := newFixture(t)
	req := f.intake(t)
	req.Checklist[0].Decision = dossier.DecisionMissing
	if _, err := f.svc.Receive(f.clerk, req); err == nil || !strings.Contains(err.Error(), "missing") {
		t.Fatalf("received with a missing component: %v", err)
	}
	req.Override = &desk.OverrideRequest{Username: "sup1", Password: "wrong", Reason: "x"}
	if _, err := f.svc.Receive(f.clerk, req); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("wrong supervisor password: %v", err)
	}
	req.Override = &desk.OverrideRequest{Username: "clerk1", Password: "Tiepnhan-01", Reason: "x"}
	if _, err := f.svc.Receive(f.clerk, req); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk overrode: %v", err)
	}
	req.Override = &desk.OverrideRequest{Username: "sup1", Password: "Giamsat-01", Reason: "Công dân bổ sung sau theo chỉ đạo"}
	d, err := f.svc.Receive(f.clerk, req)
	if err != nil || d.Override == nil || d.Override.By != "sup1" {
		t.Fatalf("override: %v", err)
	}
	// A supplement request at the counter is a guidance record.
	req.Override = nil
	req.Verdict = dossier.VerdictSupplement
	g, err := f.svc.Receive(f.clerk, req)
	if err != nil || g.Kind != dossier.KindGuidance || g.GuidanceNo != "HD-231027-0001" || g.Code != "" {
		t.Fatalf("guidance: %+v %v", g, err)
	}
	req.Verdict = dossier.VerdictRefuse
	if _, err := f.svc.Receive(f.clerk, req); err == nil {
		t.Fatal("refusal without a reason")
	}
	req.Reason = "Không thuộc thẩm quyền"
	r, err := f.svc.Receive(f.clerk, req)
	if err != nil || r.Status != dossier.StatusRefused || r.Code == "" || r.FinishedAt.IsZero() {
		t.Fatalf("refusal: %+v %v", r, err)
	}
}

func TestPermissionsEnforcedInServices(t *testing.T) {
	f := newFixture(t)
	if _, err := f.svc.Receive(f.admin, f.intake(t)); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("admin received a dossier: %v", err)
	}
	if err := f.svc.SaveUser(f.clerk, desk.UserRequest{Username: "x1", Name: "X", Role: account.RoleAdmin, Password: "Abcdefg-12"}); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk created an admin: %v", err)
	}
	if err := f.svc.SaveOffice(f.clerk, f.clerk.Office); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk changed settings: %v", err)
	}
}

func TestLoginLockout(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 5; i++ {
		if _, err := f.svc.Login("clerk1", "nope"); err == nil {
			t.Fatal("bad password accepted")
		}
	}
	if _, err := f.svc.Login("clerk1", "Tiepnhan-01"); err == nil || !strings.Contains(err.Error(), "locked") {
		t.Fatalf("not locked: %v", err)
	}
	f.clk.t = f.clk.t.Add(16 * time.Minute)
	if _, err := f.svc.Login("clerk1", "Tiepnhan-01"); err != nil {
		t.Fatalf("still locked after 16 minutes: %v", err)
	}
	entries, _ := f.db.AuditEntries(0, 1000)
	var failed int
	for _, e := range entries {
		if e.Action == "user.login-failed" {
			failed++
		}
	}
	if failed != 5 {
		t.Fatalf("%d failed logins audited", failed)
	}
}

func TestLifecycle_RestartAndExtension(t *testing.T) {
	f := newFixture(t)
	req := f.intake(t)
	req.TimeLimit = &workday.Limit{Value: 5, Unit: workday.WorkingDays}
	req.LimitReason = "xác minh theo Luật Hộ tịch Điều 16.1"
	d, err := f.svc.Receive(f.clerk, req)
	if err != nil {
		t.Fatal(err)
	}
	code := string(d.Code)
	step := func(s *desk.Session, req desk.TransitionRequest) *dossier.Dossier {
		t.Helper()
		f.clk.t = f.clk.t.Add(time.Hour)
		d, err := f.svc.Transition(s, code, req)
		if err != nil {
			t.Fatalf("%s: %v", req.Kind, err)
		}
		return d
	}
	step(f.clerk, desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Tư pháp"})
	step(f.clerk, desk.TransitionRequest{Kind: dossier.EvSupplementRequest, Items: []string{"Giấy chứng sinh"}, Note: "bản mờ"})
	f.clk.t = time.Date(2023, 11, 6, 10, 0, 0, 0, dossier.Zone)
	d = step(f.clerk, desk.TransitionRequest{Kind: dossier.EvSupplementReceived})
	if !d.Appointment.After(d.FirstAppointment) {
		t.Fatalf("time limit did not restart: first %v now %v", d.FirstAppointment, d.Appointment)
	}
	// A clerk cannot approve an extension alone; a supervisor can.
	if want := time.Date(2023, 11, 13, 17, 0, 0, 0, dossier.Zone); !d.Appointment.Equal(want) {
		t.Fatalf("restart from Mon 6/11 10:00 + 5 working days = %v, want %v", d.Appointment, want)
	}
	f.clk.t = d.Appointment.Add(-72 * time.Hour)
	if _, err := f.svc.Transition(f.clerk, code, desk.TransitionRequest{Kind: dossier.EvExtended, Note: "chờ xác minh", NewAppointment: d.Appointment.Add(96 * time.Hour)}); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk extended alone: %v", err)
	}
	d = step(f.clerk, desk.TransitionRequest{Kind: dossier.EvExtended, Note: "chờ xác minh", NewAppointment: d.Appointment.Add(96 * time.Hour), Approval: &desk.OverrideRequest{Username: "sup1", Password: "Giamsat-01"}})
	if !d.Extended || d.History[len(d.History)-1].Approver != "sup1" {
		t.Fatalf("extension not recorded: %+v", d.History[len(d.History)-1])
	}
	step(f.clerk, desk.TransitionRequest{Kind: dossier.EvResultReady, Result: dossier.ResultApproved})
	d = step(f.clerk, desk.TransitionRequest{Kind: dossier.EvReturned, Collector: &dossier.Collector{Name: "Nguyễn Văn An", IDChecked: true}})
	if d.Status != dossier.StatusReturned {
		t.Fatalf("status %d", d.Status)
	}
	if _, err := f.svc.TransitionTo(f.clerk, code, dossier.StatusProcessing, ""); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("moved a returned dossier: %v", err)
	}
}

func TestClassifyQuery(t *testing.T) {
	cases := map[string]desk.QueryKind{
		"000.00.06.H56-231027-0361": desk.QueryCode,
		"hd-231027-0001":            desk.QueryCode,
		"001090123456":              desk.QueryID,
		"012345678":                 desk.QueryID,
		"0912 345 678":              desk.QueryPhone,
		"+84912345678":              desk.QueryPhone,
		"0101234567-001":            desk.QueryID,
		"Nguyễn Văn An":             desk.QueryName,
		"":                          desk.QueryRecent,
		"https://dvc.example.vn/tra-cuu?c=000.00.06.H56-231027-0361&s=abc": desk.QueryReceipt,
	}
	for in, want := range cases {
		if got, _ := desk.ClassifyQuery(in); got != want {
			t.Errorf("ClassifyQuery(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestReceive_TimeLimitNeverGuessed(t *testing.T) {
	f := newFixture(t)
	req := f.intake(t)
	req.TimeLimit, req.LimitReason = nil, ""
	_, err := f.svc.Receive(f.clerk, req)
	if err == nil || !strings.Contains(err.Error(), "without a unit") {
		t.Fatalf("catalog time without unit was accepted: %v", err)
	}
	req.TimeLimit = &workday.Limit{Value: 3, Unit: workday.WorkingDays}
	if _, err := f.svc.Receive(f.clerk, req); err == nil || !strings.Contains(err.Error(), "reason") {
		t.Fatalf("override without reason: %v", err)
	}
}

func TestCloseDay(t *testing.T) {
	f := newFixture(t)
	d, err := f.svc.Receive(f.clerk, f.intake(t))
	if err != nil {
		t.Fatal(err)
	}
	day := dossier.Day(d.ReceivedAt)
	f.clk.t = f.clk.t.Add(6 * time.Hour)
	if _, err := f.svc.CloseDay(f.clerk, report.CloseInput{Day: day}); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("a clerk closed the day: %v", err)
	}
	// The paper count must match the records, or carry a note.
	if _, err := f.svc.CloseDay(f.sup, report.CloseInput{Day: day, Paper: map[string]report.PaperCount{"clerk1": {Received: 2}}}); err == nil {
		t.Fatal("a difference without a note was accepted")
	}
	c, err := f.svc.CloseDay(f.sup, report.CloseInput{Day: day, Paper: map[string]report.PaperCount{"clerk1": {Received: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	if c.Totals.Received != 1 || c.SignedBy != "sup1" || c.AuditSeq == 0 {
		t.Fatalf("%+v", c)
	}
	if _, err := f.svc.CloseDay(f.sup, report.CloseInput{Day: day, Paper: map[string]report.PaperCount{"clerk1": {Received: 1}}}); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("closed twice: %v", err)
	}
	// No intake on a closed day.
	if _, err := f.svc.Receive(f.clerk, f.intake(t)); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("received on a closed day: %v", err)
	}
	// Corrections to its dossiers need a supervisor.
	am := desk.TransitionRequest{Kind: dossier.EvAmended, Amend: &dossier.Amendment{Field: "submitter.phone", Old: "0912345678", New: "0987654321", Reason: "khách báo nhầm"}}
	if _, err := f.svc.Transition(f.clerk, string(d.Code), am); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk amended a closed day: %v", err)
	}
	if _, err := f.svc.Transition(f.sup, string(d.Code), am); err != nil {
		t.Fatal(err)
	}
	// Paper counts change only through an amendment with a reason.
	f.clk.t = f.clk.t.Add(time.Hour)
	c, err = f.svc.AmendClose(f.sup, day, report.AmendInput{Reason: "đếm lại", Paper: map[string]report.PaperCount{"clerk1": {Received: 2}}, Notes: map[string]string{"clerk1": "một giấy biên nhận in hỏng"}})
	if err != nil || len(c.Amendments) != 1 {
		t.Fatalf("amend: %v", err)
	}
}

func TestHolidaysAndUsersNeedAdmin(t *testing.T) {
	f := newFixture(t)
	f.svc.Holidays = f.db
	reloaded := 0
	f.svc.OnCalendarChange = func() { reloaded++ }
	tbl, _, err := workday.Default().Table(2027)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SaveYearTable(f.clerk, tbl); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("clerk saved holidays: %v", err)
	}
	if _, err := f.svc.Users(f.sup); dossier.ErrorKind(err) != dossier.KindForbidden {
		t.Fatalf("supervisor listed users: %v", err)
	}
	if err := f.svc.SaveYearTable(f.admin, tbl); err != nil || reloaded != 1 {
		t.Fatalf("admin: %v, reloaded %d", err, reloaded)
	}
	if us, err := f.svc.Users(f.admin); err != nil || len(us) != 3 {
		t.Fatalf("users %d %v", len(us), err)
	}
}

// TestReceive_ConditionalComponents: the real 1.001193 lists conditions
// ("Trường hợp trẻ em bị bỏ rơi…") among its components; the clerk marks
// them not applicable and receives without a supervisor, while the
// unconditional birth certificate still cannot be skipped.
func TestReceive_ConditionalComponents(t *testing.T) {
	f := newFixture(t)
	req := f.intake(t)
	unconditional := -1
	for i := range req.Checklist {
		it := &req.Checklist[i]
		if it.Conditional {
			it.Decision, it.Originals = dossier.DecisionNotApplicable, 0
		} else if it.MustSubmit {
			unconditional = i
		}
	}
	if unconditional < 0 {
		t.Fatal("1.001193 has no unconditional must-submit component")
	}
	if _, err := f.svc.Receive(f.clerk, req); err != nil {
		t.Fatalf("conditional items marked not applicable: %v", err)
	}
	req.Checklist[unconditional].Decision = dossier.DecisionNotApplicable
	if _, err := f.svc.Receive(f.clerk, req); err == nil || !strings.Contains(err.Error(), "cannot be marked not applicable") {
		t.Fatalf("unconditional item skipped: %v", err)
	}
}
