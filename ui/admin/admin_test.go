package admin

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/account"
	"motcua/desk"
	"motcua/ui/internal/uitest"
	"motcua/ui/widgets"
	"motcua/workday"
)

type fixture struct {
	store *uitest.MemStore
	svc   *desk.Service
	admin *desk.Session
	win   fyne.Window
	scr   *Screen
	hol   *memHolidays
	bak   *fakeBackups
}

type memHolidays struct {
	tables map[int]workday.YearTable
	audits []account.Audit
}

func (m *memHolidays) YearTable(y int) (workday.YearTable, bool, error) {
	t, ok := m.tables[y]
	return t, ok, nil
}

func (m *memHolidays) SaveYearTable(t workday.YearTable, a account.Audit) error {
	if err := t.Validate(); err != nil {
		return err
	}
	m.tables[t.Year] = t
	m.audits = append(m.audits, a)
	return nil
}

type fakeBackups struct {
	paths []string
	err   error
}

func (f *fakeBackups) BackupFile(p string) (BackupReport, error) {
	if f.err != nil {
		return BackupReport{}, f.err
	}
	f.paths = append(f.paths, p)
	return BackupReport{Size: 3 << 20, Dossiers: 1234}, nil
}
func (f *fakeBackups) DBPath() string { return "/data/motcua/motcua.db" }

var now = time.Date(2026, 3, 2, 9, 30, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	t.Helper()
	widgets.SetLanguage(widgets.LangVietnamese)
	test.NewTempApp(t)
	f := &fixture{store: uitest.NewMemStore(), hol: &memHolidays{tables: map[int]workday.YearTable{}}, bak: &fakeBackups{}}
	f.svc = &desk.Service{Store: f.store, Hasher: uitest.PlainHasher{}, Policy: account.DefaultPolicy(), Now: func() time.Time { return now }}
	f.admin = uitest.SetUp(t, f.svc, uitest.QuangPhu())
	f.win = test.NewWindow(nil)
	f.win.Resize(fyne.NewSize(1280, 760))
	t.Cleanup(f.win.Close)
	f.scr = New(Config{Window: f.win, Service: f.svc, Session: f.admin, Typing: &widgets.Typing{}, Holidays: f.hol, Backups: f.bak,
		DataDir: "/data/motcua", Now: func() time.Time { return now }})
	f.scr.Backup.inline = true
	f.win.SetContent(f.scr.Content())
	return f
}

func TestUsers_CreateResetDisable(t *testing.T) {
	f := newFixture(t)
	u := f.scr.Users
	test.AssertRendersToMarkup(t, "users.xml", f.win.Canvas())

	// Invalid: bad user name, no name, weak password.
	test.Type(u.Username, "Lan NT")
	test.Type(u.Password, "abc")
	test.Tap(u.SaveBtn)
	if got := u.fields[0].Error.Text; got != "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang và gạch dưới." {
		t.Fatalf("username error %q", got)
	}
	if got := u.fields[1].Error.Text; got != "Nhập họ và tên." {
		t.Fatalf("name error %q", got)
	}
	if got := u.fields[3].Error.Text; got != "Mật khẩu phải có ít nhất 8 ký tự." {
		t.Fatalf("password error %q", got)
	}
	if len(u.Users()) != 1 {
		t.Fatal("an invalid user was stored")
	}
	u.Username.SetText("lan.nt")
	u.Name.SetText("Nguyễn Thị Lan")
	u.Password.SetText("lanvui2026")
	test.Tap(u.SaveBtn)
	if len(u.Users()) != 2 || u.Status.Text != "Đã lưu người dùng lan.nt. Người dùng phải đổi mật khẩu ở lần đăng nhập tiếp theo." {
		t.Fatalf("create: %d users, status %q, errors %q", len(u.Users()), u.Status.Text, u.fields[0].Error.Text)
	}
	x, _, _ := f.store.GetUser("lan.nt")
	if x.Role != account.RoleClerk || !x.MustChange {
		t.Fatalf("stored %+v", x)
	}
	// The same name again is refused with a hint.
	test.Tap(u.NewBtn)
	u.Username.SetText("lan.nt")
	u.Name.SetText("Ai đó")
	u.Password.SetText("khac2026xx")
	test.Tap(u.SaveBtn)
	if u.fields[0].Error.Text != "Tên đăng nhập này đã có; chọn người dùng trong danh sách để sửa." {
		t.Fatalf("duplicate: %q", u.fields[0].Error.Text)
	}
	// Edit: promote and disable.
	for i, us := range u.Users() {
		if us.Username == "lan.nt" {
			u.List.Select(i)
		}
	}
	if u.Username.Text != "lan.nt" || !u.Username.Disabled() {
		t.Fatal("edit did not load the user")
	}
	u.Role.SetSelectedIndex(1)
	u.Disabled.SetChecked(true)
	test.Tap(u.SaveBtn)
	x, _, _ = f.store.GetUser("lan.nt")
	if x.Role != account.RoleSupervisor || !x.Disabled {
		t.Fatalf("edit stored %+v (%q)", x, u.Status.Text)
	}
	// An admin cannot demote themselves.
	for i, us := range u.Users() {
		if us.Username == "quantri" {
			u.List.Select(i)
		}
	}
	u.Role.SetSelectedIndex(0)
	test.Tap(u.SaveBtn)
	if got := u.fields[2].Error.Text; got != "Không thể khóa hoặc hạ quyền tài khoản quản trị của chính mình." {
		t.Fatalf("self-demotion: %q", got)
	}
}

func TestScreen_TabsFollowRole(t *testing.T) {
	f := newFixture(t)
	clerk := *f.admin
	clerk.User.Role = account.RoleClerk
	s := New(Config{Window: f.win, Service: f.svc, Session: &clerk, Holidays: f.hol})
	if s.Users != nil || s.Settings != nil || s.Holidays != nil || s.Backup == nil {
		t.Fatal("a clerk sees admin tabs")
	}
	if Allowed(account.RoleClerk) || !Allowed(account.RoleAdmin) {
		t.Fatal("Allowed")
	}
}

func TestSettings_SaveOfficeAndDesk(t *testing.T) {
	f := newFixture(t)
	st := f.scr.Settings
	st.Office.LookupURL.SetText("tra cuu")
	st.Office.Slots.SetText("mười")
	test.Tap(st.SaveOffice)
	errs := map[string]string{}
	for _, fl := range st.Office.Fields {
		errs[fl.Path] = fl.Error.Text
	}
	if errs["lookup_url"] == "" || errs["slots"] != "Nhập số ô mã bằng chữ số, từ 1 đến 99." {
		t.Fatalf("errors %v", errs)
	}
	st.Office.LookupURL.SetText("https://dichvucong.thanhhoa.gov.vn/tra-cuu")
	st.Office.Slots.SetText("10")
	st.Office.Address.SetText("Số 1 đường Lê Lợi")
	test.Tap(st.SaveOffice)
	o, _, _ := f.svc.Config()
	if o.Address != "Số 1 đường Lê Lợi" || o.LookupURL == "" || st.Status.Text != "Đã lưu thông tin cơ quan." {
		t.Fatalf("office %+v status %q", o, st.Status.Text)
	}
	st.Desk.Slot.SetText("11")
	test.Tap(st.SaveDesk)
	if st.Desk.Fields[2].Error.Text != "Ô mã của quầy phải từ 1 đến số ô mã của cơ quan." {
		t.Fatalf("slot error %q", st.Desk.Fields[2].Error.Text)
	}
	st.Desk.Slot.SetText("4")
	st.Desk.Printer.SetText("EPSON TM-T82")
	test.Tap(st.SaveDesk)
	_, d, _ := f.svc.Config()
	if d.Slot != 4 || d.Printer != "EPSON TM-T82" || d.KeyID == "" {
		t.Fatalf("desk %+v", d)
	}
}

func TestHolidays_EditValidateSave(t *testing.T) {
	f := newFixture(t)
	h := f.scr.Holidays
	if h.Table().Year != 2026 || len(h.Table().Days) == 0 {
		t.Fatalf("2026 table not loaded: %+v", h.Table())
	}
	if !strings.Contains(h.Origin.Text, "thông báo chính thức") {
		t.Fatalf("origin %q", h.Origin.Text)
	}
	test.AssertRendersToMarkup(t, "holidays.xml", f.win.Canvas())
	n := len(h.Table().Days)
	// Day form problems.
	if h.AddDay("31/02/2026", workday.Off, "", "") {
		t.Fatal("accepted 31/02")
	}
	if h.dayForm[0].Error.Text != "Nhập ngày dạng DD/MM/YYYY, ví dụ 02/09/2026." || h.dayForm[2].Error.Text != "Ghi lý do nghỉ hoặc làm bù." {
		t.Fatalf("day errors %q / %q", h.dayForm[0].Error.Text, h.dayForm[2].Error.Text)
	}
	if h.AddDay("05/01/2027", workday.Off, "x", "") || h.dayForm[0].Error.Text != "Ngày phải thuộc năm 2026." {
		t.Fatalf("other year: %q", h.dayForm[0].Error.Text)
	}
	// A Saturday listed as off makes the table invalid; saving refuses.
	if !h.AddDay("07/03/2026", workday.Off, "Nghỉ thử", "") {
		t.Fatal("AddDay failed")
	}
	if len(h.Table().Days) != n+1 {
		t.Fatal("day not added")
	}
	if err := h.SaveTable(); err == nil {
		t.Fatal("saved an invalid table")
	}
	if !strings.Contains(h.Status.Text, "Ngày 07/03/2026 là thứ Bảy hoặc Chủ nhật, vốn là ngày nghỉ") {
		t.Fatalf("status %q", h.Status.Text)
	}
	if len(f.hol.tables) != 0 {
		t.Fatal("invalid table stored")
	}
	// Replace it by a valid make-up Saturday and save.
	h.AddDay("2026-03-07", workday.Work, "Làm bù thử", "CV 1/TEST")
	if len(h.Table().Days) != n+1 {
		t.Fatal("same date not replaced")
	}
	if err := h.SaveTable(); err != nil {
		t.Fatalf("save: %v (%q)", err, h.Status.Text)
	}
	saved, ok := f.hol.tables[2026]
	if !ok || len(saved.Days) != n+1 || len(f.hol.audits) != 1 || f.hol.audits[0].Actor != "quantri" {
		t.Fatalf("stored %v %d audits %+v", ok, len(saved.Days), f.hol.audits)
	}
	// Reload shows the saved table.
	h.LoadYear(2026)
	if !strings.Contains(h.Origin.Text, "quản trị viên lưu") {
		t.Fatalf("origin after save %q", h.Origin.Text)
	}
}

func TestHolidays_ImportExport(t *testing.T) {
	f := newFixture(t)
	h := f.scr.Holidays
	b, err := h.ExportJSON()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := workday.ParseYearTable(b); err != nil {
		t.Fatalf("export does not parse: %v", err)
	}
	before := h.Table()
	// Not JSON: nothing changes.
	if err := h.ImportJSON([]byte("không phải json")); err == nil {
		t.Fatal("imported garbage")
	}
	if h.Status.Text != "Tệp không đúng định dạng bảng ngày nghỉ (JSON có year, source, days)." {
		t.Fatalf("status %q", h.Status.Text)
	}
	// A table missing 30/4 (a weekday in 2027): invalid, nothing changes.
	bad := `{"year":2027,"source":"TB thử","days":[]}`
	if err := h.ImportJSON([]byte(bad)); err == nil {
		t.Fatal("imported an invalid table")
	}
	if !strings.Contains(h.Status.Text, "là ngày lễ theo luật rơi vào ngày làm việc") {
		t.Fatalf("status %q", h.Status.Text)
	}
	if h.Table().Year != before.Year || len(h.Table().Days) != len(before.Days) {
		t.Fatal("a failed import changed the table")
	}
	// A valid table of another year switches the year.
	tab, _, _ := workday.Default().Table(2025)
	good, _ := json.Marshal(tab)
	if err := h.ImportJSON(good); err != nil {
		t.Fatal(err)
	}
	if h.Table().Year != 2025 || h.Year.Selected != "2025" {
		t.Fatalf("year %d / %q", h.Table().Year, h.Year.Selected)
	}
}

func TestBackup(t *testing.T) {
	f := newFixture(t)
	b := f.scr.Backup
	test.Tap(b.Run)
	if len(f.bak.paths) != 1 || f.bak.paths[0] != "/data/motcua/backups/motcua-20260302-163000.db" {
		t.Fatalf("backup paths %v", f.bak.paths)
	}
	if b.Status.Text != "Đã sao lưu 1234 hồ sơ (3.0 MB) vào /data/motcua/backups/motcua-20260302-163000.db." {
		t.Fatalf("status %q", b.Status.Text)
	}
	if !strings.Contains(b.Restore.Text, `motcuactl --db "/data/motcua/motcua.db" restore`) {
		t.Fatalf("restore text %q", b.Restore.Text)
	}
	f.bak.err = errors.New("disk gone")
	test.Tap(b.Run)
	if !strings.HasPrefix(b.Status.Text, "Sao lưu không thành công.") {
		t.Fatalf("failure status %q", b.Status.Text)
	}
}
