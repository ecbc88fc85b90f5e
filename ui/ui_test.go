package ui

import (
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/ui/catalogui"
	"motcua/ui/internal/uitest"
	"motcua/ui/widgets"
)

// testClock is a settable clock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type fixture struct {
	t     *testing.T
	store *uitest.MemStore
	clock *testClock
	svc   *desk.Service
	deps  Deps
	win   fyne.Window
	app   fyne.App
	u     *UI
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	widgets.SetLanguage(widgets.LangVietnamese)
	a := test.NewTempApp(t)
	set := uitest.Catalog(t)
	f := &fixture{t: t, store: uitest.NewMemStore(), clock: &testClock{t: time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)}, app: a}
	f.svc = &desk.Service{Store: f.store, Catalog: desk.SetCatalog{Set: set}, Hasher: uitest.PlainHasher{}, Policy: account.DefaultPolicy(), Now: f.clock.Now}
	f.deps = Deps{Service: f.svc, Catalog: set, Now: f.clock.Now, Version: "test"}
	f.win = test.NewWindow(nil)
	f.win.Resize(fyne.NewSize(1280, 760))
	t.Cleanup(func() {
		if f.u != nil {
			f.u.Close()
		}
		f.win.Close()
	})
	return f
}

func (f *fixture) start() {
	f.t.Helper()
	f.u = New(f.app, f.win, f.deps)
	f.u.noTimer = true
	if err := f.u.Start(); err != nil {
		f.t.Fatal(err)
	}
}

// configure runs the setup directly and adds users.
func (f *fixture) configure(users ...desk.UserRequest) {
	f.t.Helper()
	uitest.SetUp(f.t, f.svc, uitest.QuangPhu(), users...)
	for _, u := range users {
		// Clear MustChange as the user would on first login.
		x, _, _ := f.store.GetUser(u.Username)
		x.MustChange = false
		f.store.PutUser(x, account.Audit{})
	}
}

func (f *fixture) login(user, pass string) {
	f.t.Helper()
	f.u.login.username.SetText(user)
	test.Type(f.u.login.password, pass)
	test.Tap(f.u.login.submit)
	if f.u.session == nil {
		f.t.Fatalf("login %s failed: %q", user, f.u.login.errText.Text)
	}
}

func typeInto(e *widgets.VNEntry, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestSetupWizard(t *testing.T) {
	f := newFixture(t)
	f.start()
	s := f.u.setup
	if s == nil {
		t.Fatal("an empty database must show the setup")
	}
	test.AssertRendersToMarkup(t, "setup_office.xml", f.win.Canvas())

	// Step 1 with missing fields: errors under the fields, no progress.
	s.office.AgencyCode.SetText("abc xyz")
	s.office.LookupURL.SetText("ftp://tra-cuu")
	s.office.Cutoff.SetText("25:00")
	test.Tap(s.next)
	if s.step != setupOffice {
		t.Fatal("went on with an invalid office")
	}
	wantErr := map[int]string{
		0: "Nhập tên cơ quan chủ quản (in ở góc trái mọi biểu mẫu).",
		1: "Nhập tên bộ phận một cửa (ví dụ: Bộ phận Một cửa UBND xã …).",
		2: "Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa và dấu chấm.",
		3: "Nhập địa danh in trước ngày tháng (ví dụ: Thanh Hóa).",
		6: "Giờ chốt nhận hồ sơ trong ngày chưa hợp lệ; nhập dạng 15:00.",
		7: "Địa chỉ tra cứu phải là địa chỉ web bắt đầu bằng http:// hoặc https://.",
	}
	for i, want := range wantErr {
		if got := s.office.Fields[i].Error.Text; got != want {
			t.Errorf("field %s: error %q, want %q", s.office.Fields[i].Path, got, want)
		}
	}
	test.AssertRendersToMarkup(t, "setup_office_errors.xml", f.win.Canvas())

	// Telex typing in the setup fields.
	f.u.typing.Method, f.u.typing.Style = 1, 1 // Telex, old tone style (Hóa)
	typeInto(s.office.ParentAgency, "UBND TIRNH THANH HOAS")
	typeInto(s.office.Name, "Booj phaanj Mootj cuwra UBND xax Quangr Phus")
	if s.office.Name.Text != "Bộ phận Một cửa UBND xã Quảng Phú" {
		t.Fatalf("Telex in setup: %q", s.office.Name.Text)
	}
	typeInto(s.office.AgencyCode, "000.00.12.H56")
	typeInto(s.office.Place, "Thanh Hoas")
	typeInto(s.office.Cutoff, "15:00")
	typeInto(s.office.LookupURL, "https://dichvucong.thanhhoa.gov.vn/tra-cuu")
	test.Tap(s.next)
	if s.step != setupDesk {
		t.Fatalf("office step not accepted: %q", s.errText.Text)
	}
	// Step 2: a slot beyond the office's slots.
	typeInto(s.desk.Slot, "12")
	test.Tap(s.next)
	if s.step != setupDesk || s.desk.Fields[2].Error.Text != "Ô mã của quầy phải từ 1 đến số ô mã của cơ quan." {
		t.Fatalf("slot 12 of 10: step %d, error %q", s.step, s.desk.Fields[2].Error.Text)
	}
	typeInto(s.desk.Slot, "3")
	typeInto(s.desk.Number, "3")
	typeInto(s.desk.ID, "quay-03")
	test.Tap(s.next)
	if s.step != setupAdmin {
		t.Fatal("desk step not accepted")
	}
	// Step 3: weak password, then mismatch, then good.
	typeInto(s.adminUser, "quantri")
	typeInto(s.adminName, "Traafn Vawn Quarn")
	typeInto(s.adminPass, "abc")
	typeInto(s.adminPass2, "abc")
	test.Tap(s.next)
	if got := s.adminFields[2].Error.Text; got != "Mật khẩu phải có ít nhất 8 ký tự." {
		t.Fatalf("weak password error %q", got)
	}
	typeInto(s.adminPass, "matkhau2026")
	typeInto(s.adminPass2, "matkhau2025")
	test.Tap(s.next)
	if got := s.adminFields[3].Error.Text; got != "Hai lần nhập mật khẩu không giống nhau." {
		t.Fatalf("mismatch error %q", got)
	}
	typeInto(s.adminPass2, "matkhau2026")
	test.Tap(s.next)
	ok, err := f.svc.Configured()
	if err != nil || !ok {
		t.Fatalf("setup not stored: %v %v (%q)", ok, err, s.errText.Text)
	}
	o, d, _ := f.svc.Config()
	if o.Name != "Bộ phận Một cửa UBND xã Quảng Phú" || o.ParentAgency != "UBND TỈNH THANH HÓA" || d.Slot != 3 || d.Number != 3 {
		t.Fatalf("stored %+v %+v", o, d)
	}
	u, _, _ := f.store.GetUser("quantri")
	if u.Name != "Trần Văn Quản" || u.Role != account.RoleAdmin {
		t.Fatalf("admin %+v", u)
	}
	if f.u.login == nil || f.u.login.username.Text != "quantri" || !f.u.login.info.Visible() {
		t.Fatal("login not shown after setup")
	}
}

func TestLogin_WrongPasswordAndLockout(t *testing.T) {
	f := newFixture(t)
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	f.start()
	l := f.u.login
	test.AssertRendersToMarkup(t, "login.xml", f.win.Canvas())
	for i := range 5 {
		l.username.SetText("lan.nt")
		test.Type(l.password, "sai-mat-khau1")
		test.Tap(l.submit)
		if f.u.session != nil {
			t.Fatal("logged in with a wrong password")
		}
		if i < 4 && l.errText.Text != "Sai tên đăng nhập hoặc mật khẩu." {
			t.Fatalf("attempt %d: %q", i, l.errText.Text)
		}
		if l.password.Text != "" {
			t.Fatal("password not cleared after a failure")
		}
	}
	test.Type(l.password, "lanvui2026")
	test.Tap(l.submit)
	if f.u.session != nil {
		t.Fatal("a locked account logged in")
	}
	want := "Tài khoản đang tạm khóa do đăng nhập sai nhiều lần, đến 16:45 02/03/2026. Chờ hết thời gian khóa hoặc nhờ quản trị viên đặt lại mật khẩu."
	if l.errText.Text != want {
		t.Fatalf("lockout message %q", l.errText.Text)
	}
	f.clock.Add(16 * time.Minute)
	test.Type(l.password, "lanvui2026")
	test.Tap(l.submit)
	if f.u.session == nil || f.u.shell == nil {
		t.Fatalf("login after the lock expired: %q", l.errText.Text)
	}
}

func navLabels(s *shell) []string {
	var out []string
	for _, it := range s.items {
		out = append(out, it.label)
	}
	return out
}

// fakeIntake stands in for ui/intake in the shell tests.
type fakeIntake struct {
	started *catalog.Procedure
	scans   []string
	focused int
	content fyne.CanvasObject
}

func (f *fakeIntake) Title() string                    { return "Tiếp nhận hồ sơ" }
func (f *fakeIntake) Content() fyne.CanvasObject       { return f.content }
func (f *fakeIntake) Focus()                           { f.focused++ }
func (f *fakeIntake) StartWith(p *catalog.Procedure)   { f.started = p }
func (f *fakeIntake) HandleScan(p string) bool         { f.scans = append(f.scans, p); return true }
func (f *fakeIntake) HandleKey(ev *fyne.KeyEvent) bool { return false }

func TestShell_RolesAndNavigation(t *testing.T) {
	f := newFixture(t)
	f.configure(
		desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"},
		desk.UserRequest{Username: "hung.lv", Name: "Lê Văn Hùng", Role: account.RoleSupervisor, Password: "hungvui2026"},
	)
	intake := &fakeIntake{content: widget.NewLabel("intake")}
	f.deps.Register(NavIntake, func(env *Env) Screen {
		if env.Session == nil || env.Typing == nil || env.Window == nil {
			t.Error("screen built without session, typing or window")
		}
		return intake
	})
	f.deps.Register(NavMonitor, func(env *Env) Screen { return &fakeIntake{content: widget.NewLabel("monitor")} })
	f.start()

	f.login("lan.nt", "lanvui2026")
	if got := strings.Join(navLabels(f.u.shell), ","); got != "Tiếp nhận,Thủ tục" {
		t.Fatalf("clerk navigation %q", got)
	}
	if intake.focused != 1 {
		t.Fatalf("intake shown first and focused %d times", intake.focused)
	}
	// Catalog: Enter on a result starts intake with it.
	f.u.shell.navigate(NavCatalog)
	cat := f.u.shell.Current().(*catalogui.Screen)
	test.Type(cat.Search, "1.001193")
	cat.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if intake.started == nil || catalog.BaseCode(intake.started.Code) != "1.001193" {
		t.Fatalf("intake started with %v", intake.started)
	}
	if f.u.shell.Current() != Screen(intake) {
		t.Fatal("intake not shown after starting from the catalog")
	}
	// A CCCD scanned anywhere goes to intake.
	f.u.shell.navigate(NavCatalog)
	payload := "001099012345|012345678|Nguyễn Văn An|01011990|Nam|Số 1 phố Huế, Hà Nội|15082021"
	f.u.onScan(payload)
	if len(intake.scans) != 1 || intake.scans[0] != payload || f.u.shell.Current() != Screen(intake) {
		t.Fatalf("scan routed to %v", intake.scans)
	}
	f.u.Logout()

	f.login("hung.lv", "hungvui2026")
	if got := strings.Join(navLabels(f.u.shell), ","); got != "Tiếp nhận,Thủ tục,Giám sát" {
		t.Fatalf("supervisor navigation %q", got)
	}
	f.u.Logout()

	f.login("quantri", "matkhau2026")
	if got := strings.Join(navLabels(f.u.shell), ","); got != "Thủ tục,Giám sát,Quản trị" {
		t.Fatalf("admin navigation %q", got)
	}
	if !strings.Contains(f.store.Actions(), "user.logout") {
		t.Fatal("logout not audited")
	}
}

func TestShell_Golden(t *testing.T) {
	f := newFixture(t)
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	f.deps.SyncStatus = func() string { return "Đồng bộ: 0 chờ gửi" }
	f.start()
	f.login("lan.nt", "lanvui2026")
	test.AssertRendersToMarkup(t, "shell_catalog.xml", f.win.Canvas())
	cat := f.u.shell.Current().(*catalogui.Screen)
	test.Type(cat.Search, "dang ky khai sinh")
	test.AssertRendersToMarkup(t, "catalog_search.xml", f.win.Canvas())
}

func TestShell_LanguageAndTypingRemembered(t *testing.T) {
	f := newFixture(t)
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	f.start()
	f.login("lan.nt", "lanvui2026")
	s := f.u.shell
	s.typingSel.SetSelectedIndex(1) // Telex
	s.styleSel.SetSelectedIndex(1)  // old style
	s.langSel.SetSelectedIndex(1)   // English
	defer widgets.SetLanguage(widgets.LangVietnamese)
	u, _, _ := f.store.GetUser("lan.nt")
	if u.Typing != "telex" || u.ToneStyle != "old" || u.Language != "en" {
		t.Fatalf("preferences stored %q %q %q", u.Typing, u.ToneStyle, u.Language)
	}
	if got := strings.Join(navLabels(f.u.shell), ","); got != "Procedures" {
		t.Fatalf("English navigation %q", got)
	}
	f.u.Logout()
	widgets.SetLanguage(widgets.LangVietnamese)
	f.login("lan.nt", "lanvui2026")
	if widgets.Language() != widgets.LangEnglish || f.u.typing.Method != 1 || f.u.typing.Style != 1 {
		t.Fatalf("preferences not applied at login: %s %+v", widgets.Language(), *f.u.typing)
	}
}

func TestIdleLock(t *testing.T) {
	f := newFixture(t)
	f.configure(
		desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"},
		desk.UserRequest{Username: "hung.lv", Name: "Lê Văn Hùng", Role: account.RoleSupervisor, Password: "hungvui2026"},
	)
	f.start()
	f.login("lan.nt", "lanvui2026")
	shell := f.u.shell
	f.clock.Add(9 * time.Minute)
	f.u.CheckIdle()
	if f.u.locked {
		t.Fatal("locked before the idle time")
	}
	widgets.NoteActivity() // a key at 9 minutes restarts the count
	f.clock.Add(9 * time.Minute)
	f.u.CheckIdle()
	if f.u.locked {
		t.Fatal("activity did not restart the idle count")
	}
	// Mouse work the UI cannot see, reported by the system, keeps it open.
	f.u.deps.SystemIdle = func() (time.Duration, bool) { return 2 * time.Minute, true }
	f.clock.Add(1 * time.Minute)
	f.u.CheckIdle()
	if f.u.locked {
		t.Fatal("locked although the system saw input 2 minutes ago")
	}
	f.u.deps.SystemIdle = func() (time.Duration, bool) { return 0, false }
	f.u.CheckIdle()
	if !f.u.locked || f.u.lock == nil {
		t.Fatal("not locked after 10 idle minutes")
	}
	test.AssertRendersToMarkup(t, "lock.xml", f.win.Canvas())
	l := f.u.lock
	test.Type(l.password, "sai-mat-khau1")
	test.Tap(l.unlock)
	if !f.u.locked || l.errText.Text != "Sai tên đăng nhập hoặc mật khẩu." {
		t.Fatalf("wrong password: locked %v, %q", f.u.locked, l.errText.Text)
	}
	test.Type(l.password, "lanvui2026")
	test.Tap(l.unlock)
	if f.u.locked || f.u.shell != shell {
		t.Fatal("the same user did not continue in the same shell")
	}
	// Locked again; another user logs in and replaces the session.
	f.u.Lock()
	l = f.u.lock
	test.Tap(l.other)
	test.Type(l.username, "hung.lv")
	test.Type(l.password, "hungvui2026")
	test.Tap(l.unlock)
	if f.u.locked || f.u.session.User.Username != "hung.lv" || f.u.shell == shell {
		t.Fatal("another user did not replace the session")
	}
	if !strings.Contains(f.store.Actions(), "user.lock") || !strings.Contains(f.store.Actions(), "user.logout") {
		t.Fatalf("lock/logout not audited: %s", f.store.Actions())
	}
}

func TestForcedPasswordChange(t *testing.T) {
	f := newFixture(t)
	f.configure()
	admin, _ := f.svc.Login("quantri", "matkhau2026")
	if err := f.svc.SaveUser(admin, desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "tamthoi2026"}); err != nil {
		t.Fatal(err)
	}
	f.start()
	f.u.login.username.SetText("lan.nt")
	test.Type(f.u.login.password, "tamthoi2026")
	test.Tap(f.u.login.submit)
	p := f.u.passwd
	if p == nil || f.u.shell != nil {
		t.Fatal("MustChange did not force the password change")
	}
	test.Type(p.old, "tamthoi2026")
	test.Type(p.new1, "tamthoi2026")
	test.Type(p.new2, "tamthoi2026")
	test.Tap(p.submit)
	if p.fields[1].Error.Text != "Mật khẩu mới phải khác mật khẩu hiện tại." {
		t.Fatalf("same password: %q", p.fields[1].Error.Text)
	}
	typeInto(p.new1, "lanmoi2026")
	typeInto(p.new2, "lanmoi2026")
	test.Tap(p.submit)
	if f.u.shell == nil {
		t.Fatalf("shell not shown after the change: %q %q", p.fields[0].Error.Text, p.errText.Text)
	}
	u, _, _ := f.store.GetUser("lan.nt")
	if u.MustChange {
		t.Fatal("MustChange still set")
	}
}

// A login and an unlock (each a password check with its 64 MiB work area)
// hand the freed memory back to the OS soon after; a failed one does not.
func TestTrimMemoryAfterLoginAndUnlock(t *testing.T) {
	old := trimDelay
	trimDelay = 0
	defer func() { trimDelay = old }()
	var trims atomic.Int32
	f := newFixture(t)
	f.deps.TrimMemory = func() { trims.Add(1) }
	f.configure(desk.UserRequest{Username: "lan.nt", Name: "Nguyễn Thị Lan", Role: account.RoleClerk, Password: "lanvui2026"})
	f.start()
	wait := func(n int32) {
		t.Helper()
		for deadline := time.Now().Add(5 * time.Second); trims.Load() < n && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond) // and no more than n
		if got := trims.Load(); got != n {
			t.Fatalf("%d memory trims, want %d", got, n)
		}
	}
	l := f.u.login
	l.username.SetText("lan.nt")
	test.Type(l.password, "sai-mat-khau1")
	test.Tap(l.submit)
	wait(0)
	f.login("lan.nt", "lanvui2026")
	wait(1)
	f.u.Lock()
	test.Type(f.u.lock.password, "lanvui2026")
	test.Tap(f.u.lock.unlock)
	if f.u.locked {
		t.Fatal("still locked")
	}
	wait(2)
}
