package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/receipt"
	"motcua/store"
	"motcua/wire"
	"motcua/workday"
)

func fat(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, dossier.Zone)
}

// formsDB makes a desk database with the office and desk settings, the
// desk key and two dossiers received on 27/10/2023 (the first transferred
// and extended). It returns the path, the codes and the desk key.
func formsDB(t *testing.T, set desk.FormSet) (string, []string, receipt.Key) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := wire.OpenStore(path, store.Options{NoSync: true, Now: func() time.Time { return fat(2023, 10, 27, 9, 0) }})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	o := desk.DefaultOffice()
	o.ParentAgency = "UBND tỉnh Thanh Hóa"
	o.Name = "Trung tâm Phục vụ hành chính công phường Hạc Thành"
	o.AgencyCode = "000.00.06.H56"
	o.Place = "Thanh Hóa"
	o.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu"
	o.Forms = set
	key, err := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{5}, 32)), "Quầy 03 – Hạc Thành")
	if err != nil {
		t.Fatal(err)
	}
	dk := desk.Desk{ID: "quay-03", Number: 3, Slot: 1, KeyID: key.ID}
	a := store.Audit{Actor: "test"}
	if err := db.PutSetting("office", o, a); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSetting("desk", dk, a); err != nil {
		t.Fatal(err)
	}
	if err := db.PutKey(key.ID, key.Record(receipt.OriginLocal, fat(2023, 10, 1, 8, 0)), a); err != nil {
		t.Fatal(err)
	}
	var codes []string
	for i, recv := range []time.Time{fat(2023, 10, 27, 9, 32), fat(2023, 10, 27, 10, 5)} {
		d := &dossier.Dossier{
			Kind:      dossier.KindDossier,
			Procedure: dossier.ProcedureRef{Code: "1.001193.000.00.00.H56", Name: "Đăng ký khai sinh", Version: "v1", Agency: "UBND phường Hạc Thành"},
			Channel:   dossier.ChannelDirect,
			Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: []string{"Nguyễn Thị Ánh Tuyết", "Trần Văn Đức"}[i], IDNumber: "038190001234", Address: "Hạc Thành, Thanh Hóa"},
			Checklist: []dossier.Item{{Name: "Tờ khai đăng ký khai sinh", MustSubmit: true, Decision: dossier.DecisionSubmitted, Originals: 1}},
			TimeLimit: workday.Limit{Value: 5, Unit: workday.WorkingDays}, ReceivedAt: recv,
			FirstAppointment: fat(2023, 11, 3, 9, 32), Appointment: fat(2023, 11, 3, 9, 32), TransferDue: fat(2023, 10, 27, 17, 0),
			Clerk: "binhlv", ClerkName: "Lê Văn Bình", Desk: "quay-03", Status: dossier.StatusReceived,
			History: []dossier.Event{{Kind: dossier.EvReceived, At: recv, Actor: "binhlv", To: dossier.StatusReceived}},
		}
		if err := db.CreateDossier(d, o.CodeScheme(dk)); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, string(d.Code))
	}
	_, err = db.UpdateDossier(codes[0], func(d *dossier.Dossier) error {
		if err := d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: fat(2023, 10, 27, 14, 0), Actor: "binhlv", Department: "Phòng Văn hóa – Xã hội"}); err != nil {
			return err
		}
		return d.Apply(dossier.Event{Kind: dossier.EvExtended, At: fat(2023, 11, 1, 10, 0), Actor: "binhlv", Approver: "tp", Note: "cần xác minh thêm", Appointment: fat(2023, 11, 10, 16, 0)})
	})
	if err != nil {
		t.Fatal(err)
	}
	return path, codes, key
}

func runForm(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatal("pdftotext is required (MOTCUA_REQUIRE_TOOLS=1): apt-get install poppler-utils")
		}
		return ""
	}
	out, err := exec.Command(tool, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func TestFormPrint(t *testing.T) {
	old := formNow
	formNow = func() time.Time { return fat(2023, 11, 10, 17, 5) }
	defer func() { formNow = old }()
	db, codes, _ := formsDB(t, desk.FormsTT03)
	dir := t.TempDir()
	cases := []struct {
		args  []string
		pages string
		title string
	}{
		{[]string{"form", "print", codes[0], "--form", "01"}, "2 pages", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"},
		{[]string{"form", "print", "--form", "04", codes[0]}, "1 page", "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"},
		{[]string{"form", "print", codes[0], "--form", "6", "--copy"}, "1 page", "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"},
		{[]string{"form", "print", codes[1], "--form", "07"}, "1 page", "SỔ THEO DÕI HỒ SƠ"},
		{[]string{"form", "print", "--form", "07", "--from", "2023-10-26", "--to", "2023-10-27"}, "1 page", "SỔ THEO DÕI HỒ SƠ"},
	}
	for i, tc := range cases {
		out := filepath.Join(dir, "f"+string(rune('a'+i))+".pdf")
		code, stdout, stderr := runForm(t, "", append([]string{"--db", db}, append(tc.args, "--out", out)...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		if !strings.HasPrefix(stdout, "wrote "+out+": form ") || !strings.Contains(stdout, tc.pages) {
			t.Errorf("%v: stdout %q", tc.args, stdout)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("%v: no PDF: %v", tc.args, err)
		}
		if txt := pdfText(t, out); txt != "" {
			if !strings.Contains(txt, tc.title) {
				t.Errorf("%v: title %q not in the PDF", tc.args, tc.title)
			}
			if marked := strings.Contains(txt, "BẢN SAO"); marked != strings.Contains(strings.Join(tc.args, " "), "--copy") {
				t.Errorf("%v: copy mark %v", tc.args, marked)
			}
			if strings.Contains(tc.title, "SỔ") {
				// The narrow code column wraps after the agency part.
				for _, c := range codes {
					if !strings.Contains(txt, c[len("000.00.06.H56-"):]) {
						t.Errorf("book lacks %s", c)
					}
				}
			}
		}
	}
	// The same command twice gives the same bytes (fixed clock).
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "b.pdf")
	runForm(t, "", "--db", db, "form", "print", codes[0], "--form", "01", "--out", a)
	runForm(t, "", "--db", db, "form", "print", codes[0], "--form", "01", "--out", b)
	ab, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ab, bb) {
		t.Error("form print is not deterministic")
	}
	// Thermal receipt.
	th := filepath.Join(dir, "r.bin")
	code, stdout, stderr := runForm(t, "", "--db", db, "form", "print", codes[0], "--form", "01", "--thermal", "--out", th)
	tb, _ := os.ReadFile(th)
	if code != 0 || !strings.Contains(stdout, "80 mm thermal receipt") || !bytes.HasPrefix(tb, []byte{0x1B, 0x40, 0x1D, 0x76, 0x30}) {
		t.Fatalf("thermal: %d %q %q", code, stdout, stderr)
	}
}

func TestFormPrintErrors(t *testing.T) {
	db, codes, _ := formsDB(t, desk.FormsTT01)
	out := filepath.Join(t.TempDir(), "x.pdf")
	empty := filepath.Join(t.TempDir(), "empty.db")
	e, err := wire.OpenStore(empty, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	cases := []struct {
		db   string
		args []string
		code int
		want string
	}{
		{db, []string{"form", "print", codes[0]}, 2, "usage: form print"},
		{db, []string{"form", "print", codes[0], "--form", "07", "--out", out}, 2, "does not exist in set tt01-2018"},
		{db, []string{"form", "print", codes[0], "--form", "01", "--out", out, "--thermal", "--copy"}, 0, ""},
		{db, []string{"form", "print", codes[0], "--form", "02", "--out", out, "--thermal"}, 2, "--thermal prints the receipt"},
		{db, []string{"form", "print", "000.00.06.H56-231027-0999", "--form", "01", "--out", out}, 1, "no dossier"},
		{db, []string{"form", "print", codes[1], "--form", "04", "--out", out}, 1, "no extended event"},
		{db, []string{"form", "print", "--form", "05", "--from", "2023-10-27", "--out", out}, 2, "tracking book only"},
		{db, []string{"form", "print", "--form", "06", "--from", "27/10/2023", "--out", out}, 2, ""},
		{db, []string{"form", "print", "--form", "06", "--from", "2023-10-28", "--to", "2023-10-27", "--out", out}, 2, "before --from"},
		{db, []string{"form", "print", "--form", "06", "--from", "2022-01-01", "--to", "2023-10-27", "--out", out}, 2, "at most 366"},
		{db, []string{"form", "print", "--form", "06", "--out", out}, 2, "needs CODE"},
		{db, []string{"form", "print", "--form", "06", "--to", "2023-10-27", "--out", out}, 2, "--to needs --from"},
		{empty, []string{"form", "print", "X", "--form", "01", "--out", out}, 1, "office settings are not set: run the desk app setup or motcuactl setup first"},
		{empty, []string{"form", "list"}, 1, "run the desk app setup or motcuactl setup first"},
	}
	for _, tc := range cases {
		code, _, stderr := runForm(t, "", append([]string{"--db", tc.db}, tc.args...)...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d %q, want %d %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	code, stdout, _ := runForm(t, "", "--db", db, "form", "list")
	if code != 0 || stdout != "form set tt01-2018\n01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả\n02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ\n03 Phiếu từ chối tiếp nhận giải quyết hồ sơ\n04 Phiếu xin lỗi và hẹn lại ngày trả kết quả\n05 Phiếu kiểm soát quá trình giải quyết hồ sơ\n06 Sổ theo dõi hồ sơ\nreturn Giấy biên nhận trả kết quả\n" {
		t.Errorf("form list: %q", stdout)
	}
}
