package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/hub/portal/portaltest"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func at(day, hh, mm int) time.Time { return time.Date(2026, 3, day, hh, mm, 0, 0, dossier.Zone) }

// richDossier went through the whole life cycle with a supplement.
func richDossier(t *testing.T) *dossier.Dossier {
	d := &dossier.Dossier{
		Kind: dossier.KindDossier, Code: "000.00.06.H56-260302-0007",
		Procedure: dossier.ProcedureRef{Code: "1.001193", Name: "Đăng ký khai sinh", Version: "v3", FieldCode: "G03-TP01", FieldName: "Hộ tịch", Agency: "UBND xã Thử"},
		Channel:   dossier.ChannelDirect,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Người Thử Một", IDNumber: "038090000001", OldID: "123456789", Phone: "0912345678", Email: "thu@example.vn"},
		Checklist: []dossier.Item{
			{Code: "TP1", Name: "Tờ khai đăng ký khai sinh", MustSubmit: true, Decision: dossier.DecisionSubmitted, Originals: 1,
				Scans: []dossier.Scan{{Name: "to-khai.pdf", SHA256: strings.Repeat("ab", 32), Size: 1000, MIME: "application/pdf"}}},
			{Code: "TP2", Name: "Giấy chứng sinh", MustSubmit: true, Decision: dossier.DecisionNationalData},
		},
		Fees:             []dossier.Fee{{Name: "Lệ phí đăng ký khai sinh", Amount: 0, CatalogAmount: 0, When: dossier.FeeAtIntake}},
		TimeLimit:        dossier.Limit{Value: 3, Unit: "working-days"},
		ReceivedAt:       at(2, 8, 30),
		FirstAppointment: at(5, 16, 0), Clerk: "clerk1", Desk: "quay-01", Summary: "Khai sinh cho con",
		Status:  dossier.StatusReceived,
		History: []dossier.Event{{Kind: dossier.EvReceived, At: at(2, 8, 30), Actor: "clerk1", To: dossier.StatusReceived}},
	}
	d.Appointment = d.FirstAppointment
	for _, ev := range []dossier.Event{
		{Kind: dossier.EvTransferred, At: at(2, 14, 0), Actor: "clerk1", Department: "Công chức tư pháp"},
		{Kind: dossier.EvSupplementRequest, At: at(3, 9, 0), Actor: "tp01", Items: []string{"Giấy chứng sinh bản chính"}, Note: "thiếu bản chính"},
		{Kind: dossier.EvSupplementReceived, At: at(4, 10, 0), Actor: "clerk1", Appointment: at(9, 16, 0)},
		{Kind: dossier.EvResultReady, At: at(6, 15, 0), Actor: "tp01", Result: dossier.ResultApproved, Department: "Công chức tư pháp"},
		{Kind: dossier.EvReturned, At: at(7, 9, 0), Actor: "clerk1", Collector: &dossier.Collector{Name: "Người Thử Một", IDChecked: true}},
	} {
		if err := d.Apply(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
	}
	return d
}

func TestMapGolden(t *testing.T) {
	h, progress, err := Map(richDossier(t), Options{FileURL: func(s string) string { return "https://files.example.vn/" + s }})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(map[string]any{"DongBoHoSoMC": h, "CapNhatTienDoHoSoMC": progress}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "hoso.golden.json")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("mapping differs from %s (run go test -update after checking):\n%s", path, got)
	}
}

func TestMapRules(t *testing.T) {
	d := richDossier(t)
	h, progress, err := Map(d, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct{ name, got, want string }{
		{"received", h.NgayTiepNhan, "20260302083000"},
		{"appointment is the restarted one", h.NgayHenTra, "20260309160000"},
		{"end of processing = result ready", h.NgayKetThucXuLy, "20260306150000"},
		{"returned", h.NgayTra, "20260307090000"},
		{"status", h.TrangThaiHoSo, "10"},
		{"channel", h.KenhThucHien, "1"},
		{"digitised", h.HoSoCoThanhPhanSoHoa, "1"},
		{"owner id", h.SoGiayToChuHoSo, "038090000001"},
		{"unit defaults to agency", h.DonViXuLy, "UBND xã Thử"},
		{"no refusal date", h.NgayTuChoi, ""},
		{"supplement answered", h.DanhSachHoSoBoSung[0].TrangThaiBoSung, "1"},
		{"first progress", progress[0].NoiDungXuLy, "Tiếp nhận hồ sơ"},
		{"last progress status", progress[len(progress)-1].TrangThai, "10"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(h.DinhDanhCHS) != 2 || h.DinhDanhCHS[1].LoaiDinhDanh != "2" {
		t.Errorf("identifiers %+v", h.DinhDanhCHS)
	}
	// Refused at the counter: NgayTuChoi, no end of processing.
	r := &dossier.Dossier{Kind: dossier.KindDossier, Code: "000.00.06.H56-260302-0008", Channel: dossier.ChannelDirect,
		Submitter:  dossier.Party{Kind: dossier.PartyBusiness, Name: "Công ty Thử", TaxCode: "0101234567"},
		ReceivedAt: at(2, 9, 0), FinishedAt: at(2, 9, 0), Status: dossier.StatusRefused, Reason: "không thuộc thẩm quyền",
		History: []dossier.Event{{Kind: dossier.EvRefused, At: at(2, 9, 0), Actor: "clerk1", To: dossier.StatusRefused}}}
	h, _, err = Map(r, Options{})
	if err != nil || h.NgayTuChoi != "20260302090000" || h.NgayKetThucXuLy != "" || h.LoaiDoiTuong != "2" || h.SoGiayToChuHoSo != "0101234567" || h.NgayHenTra != "" {
		t.Fatalf("refused %+v %v", h, err)
	}
	if _, _, err := Map(&dossier.Dossier{Kind: dossier.KindGuidance, GuidanceNo: "HD-260302-0001"}, Options{}); err == nil {
		t.Fatal("guidance record mapped")
	}
}

func newClient(url string) *Client {
	return &Client{AdapterURL: url, AuthPath: portaltest.AuthPath, ServicePath: portaltest.SvcPath, Username: portaltest.User,
		Password: portaltest.Password, DstCode: portaltest.DstCode, MaDonVi: "000.00.06.H56"}
}

func TestClientAgainstValidatingPortal(t *testing.T) {
	ps := portaltest.New("000.00.06.H56")
	defer ps.Close()
	c := newClient(ps.URL)
	h, progress, err := Map(richDossier(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if upd, err := c.Push(ctx, h, progress); err != nil || upd {
		t.Fatalf("first push: updated=%v %v", upd, err)
	}
	// Second time the portal says "đã tồn tại": the client updates.
	if upd, err := c.Push(ctx, h, progress); err != nil || !upd {
		t.Fatalf("second push: updated=%v %v", upd, err)
	}
	if p := ps.Problems(); len(p) > 0 {
		t.Fatalf("the portal found problems: %v", p)
	}
	want := "DongBoHoSoMC/False CapNhatTienDoHoSoMC/ DongBoHoSoMC/False DongBoHoSoMC/True CapNhatTienDoHoSoMC/"
	if got := strings.Join(ps.Calls(), " "); got != want {
		t.Fatalf("calls %s\nwant  %s", got, want)
	}
	if n := len(ps.Progress(h.MaHoSo)); n != 2*len(progress) {
		t.Fatalf("%d progress items received, want %d", n, 2*len(progress))
	}
	bad := newClient(ps.URL)
	bad.Password = "wrong"
	if _, err := bad.Push(ctx, h, progress); err == nil || !strings.Contains(err.Error(), "auth") || IsRejection(err) {
		t.Fatalf("bad credentials: %v (a credentials problem is not a rejection of the dossier)", err)
	}
}

// TestUpsertDecisions: isUpdating follows what the hub knows and what the
// portal answers; an update the portal refuses because it does not hold
// the dossier is checked with TraCuuHoSo and sent as new; an expired
// session is renewed once.
func TestUpsertDecisions(t *testing.T) {
	ps := portaltest.New("000.00.06.H56")
	defer ps.Close()
	c := newClient(ps.URL)
	ctx := context.Background()
	h, progress, err := Map(richDossier(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		known   bool
		setup   func()
		calls   string
		updated bool
		wantErr string
	}{
		{"new dossier", false, nil, "DongBoHoSoMC/False", false, ""},
		{"known: update at once", true, nil, "DongBoHoSoMC/True", true, ""},
		{"unknown to the hub, held by the portal", false, nil, "DongBoHoSoMC/False DongBoHoSoMC/True", true, ""},
		{"session expired", true, ps.ExpireSession, "DongBoHoSoMC/True", true, ""},
		{"refused", true, func() { ps.SetReject(func(string) string { return "MaTTHC không hợp lệ" }) }, "DongBoHoSoMC/True TraCuuHoSo/", true, "MaTTHC không hợp lệ"},
	}
	for _, tc := range cases {
		ps.SetReject(nil)
		ps.Calls()
		if tc.setup != nil {
			tc.setup()
		}
		a, err := c.Upsert(ctx, h, tc.known)
		if got := strings.Join(ps.Calls(), " "); got != tc.calls || a.Updated != tc.updated {
			t.Errorf("%s: calls %q updated %v, want %q %v", tc.name, got, a.Updated, tc.calls, tc.updated)
		}
		if tc.wantErr == "" && (err != nil || a.Message != "Thành công") {
			t.Errorf("%s: %v %+v", tc.name, err, a)
		}
		if tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr) || !IsRejection(err)) {
			t.Errorf("%s: error %v, want a rejection %q", tc.name, err, tc.wantErr)
		}
	}
	// The portal lost the dossier: the update is refused, TraCuuHoSo says
	// it is not there, and it goes again as new.
	ps2 := portaltest.New("000.00.06.H56")
	defer ps2.Close()
	c2 := newClient(ps2.URL)
	a, err := c2.Upsert(ctx, h, true)
	if got := strings.Join(ps2.Calls(), " "); err != nil || a.Updated || got != "DongBoHoSoMC/True TraCuuHoSo/ DongBoHoSoMC/False" {
		t.Fatalf("update of a dossier the portal lacks: %v %+v calls %s", err, a, got)
	}
	if n, err := c2.Progress(ctx, append(append(append([]TienDo{}, progress...), progress...), progress...)); err != nil || n != 3*len(progress) {
		t.Fatalf("progress %d %v", n, err)
	}
	if p := ps.Problems(); len(p) > 0 {
		t.Fatalf("problems %v", p)
	}
	if p := ps2.Problems(); len(p) > 0 {
		t.Fatalf("problems %v", p)
	}
	// The portal down: not a rejection of the dossier.
	ps2.SetDown(true)
	if _, err := c2.Upsert(ctx, h, true); err == nil || IsRejection(err) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("portal down: %v", err)
	}
}

var replyCases = []struct {
	name, body string
	ok         bool
	err        string
}{
	{"number zero", `{"error_code":0,"message":"x"}`, true, ""},
	{"string 00", `{"error_code":"00","session":"s"}`, true, ""},
	{"error", `{"error_code":"99","message":"đã tồn tại"}`, false, ""},
	{"no error code", `{"message":"ok"}`, false, "no error_code"},
	{"null error code", `{"error_code":null}`, false, "no error_code"},
	{"not json", `<html>`, false, "unreadable"},
	{"array", `[1]`, false, "unreadable"},
}

func TestParseReply(t *testing.T) {
	for _, c := range replyCases {
		r, err := parseReply([]byte(c.body))
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: %v, want %q", c.name, err, c.err)
			}
			continue
		}
		if err != nil || r.ok() != c.ok {
			t.Errorf("%s: ok=%v %v", c.name, r != nil && r.ok(), err)
		}
	}
}

// FuzzParseReply: any adapter answer decodes or fails with an error,
// never a panic; a decoded answer has an error code.
func FuzzParseReply(f *testing.F) {
	for _, c := range replyCases {
		f.Add([]byte(c.body))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := parseReply(b)
		if err != nil {
			return
		}
		if len(r.ErrorCode) == 0 {
			t.Fatal("decoded answer without error_code")
		}
		_ = r.ok()
		_ = r.code()
	})
}
