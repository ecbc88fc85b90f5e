package portal

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"motcua/dossier"
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

// portalServer validates every payload field by field, like a strict
// portal adapter, and answers "đã tồn tại" for a dossier it already holds.
type portalServer struct {
	t        *testing.T
	mu       sync.Mutex
	held     map[string]bool
	calls    []string
	progress int
	problems []string
}

var (
	dateRe   = regexp.MustCompile(`^(\d{14})?$`)
	required = []string{"MaHoSo", "MaTTHC", "TenTTHC", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "SoGiayToChuHoSo", "NgayTiepNhan", "TrangThaiHoSo", "TrichYeuHoSo"}
	dates    = []string{"NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi", "NgayNopHoSo"}
	arrays   = []string{"DinhDanhCHS", "TaiLieuNop", "DanhSachLePhi", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua", "DanhSachTepDinhKemKhac", "DSKetNoiCSDL"}
)

func (p *portalServer) bad(f string, a ...any) {
	p.problems = append(p.problems, strings.TrimSpace(strings.ReplaceAll(strings.Join(append([]string{f}, fmtAll(a)...), " "), "\n", " ")))
}

func fmtAll(a []any) []string {
	var out []string
	for _, x := range a {
		b, _ := json.Marshal(x)
		out = append(out, string(b))
	}
	return out
}

// allStrings checks that every leaf value is a string.
func allStrings(v any) bool {
	switch x := v.(type) {
	case string:
		return true
	case []any:
		for _, e := range x {
			if !allStrings(e) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, e := range x {
			if !allStrings(e) {
				return false
			}
		}
		return true
	}
	return false
}

func (p *portalServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var body map[string]any
	json.NewDecoder(r.Body).Decode(&body)
	if r.Header.Get("dstcode") != "H56" {
		p.bad("missing dstcode header")
	}
	switch r.URL.Path {
	case "/auth":
		if body["username"] != "u" || body["password"] != "p" {
			json.NewEncoder(w).Encode(map[string]any{"error_code": "01", "message": "sai tài khoản"})
			return
		}
		json.NewEncoder(w).Encode(map[string]any{"session": "S1", "error_code": 0})
	case "/service":
		if body["session"] != "S1" || body["madonvi"] != "000.00.06.H56" {
			p.bad("bad session or madonvi", body["session"], body["madonvi"])
		}
		svc, _ := body["service"].(string)
		p.calls = append(p.calls, svc+"/"+toS(body["isUpdating"]))
		data, _ := body["data"].([]any)
		switch svc {
		case "DongBoHoSoMC":
			for _, it := range data {
				m, _ := it.(map[string]any)
				if !allStrings(m) {
					p.bad("a value is not a string")
				}
				for _, f := range required {
					if s, _ := m[f].(string); s == "" {
						p.bad("empty required field", f)
					}
				}
				for _, f := range dates {
					if s, ok := m[f].(string); !ok || !dateRe.MatchString(s) {
						p.bad("bad date", f, m[f])
					}
				}
				for _, f := range arrays {
					if _, ok := m[f].([]any); !ok {
						p.bad("not an array", f)
					}
				}
				if st := toS(m["TrangThaiHoSo"]); !regexp.MustCompile(`^([1-9]|10)$`).MatchString(st) {
					p.bad("bad status", st)
				}
				if k := toS(m["KenhThucHien"]); k != "1" && k != "2" && k != "3" {
					p.bad("bad channel", k)
				}
				code := toS(m["MaHoSo"])
				if p.held[code] && toS(body["isUpdating"]) == "False" {
					json.NewEncoder(w).Encode(map[string]any{"error_code": "99", "message": "Hồ sơ " + code + " đã tồn tại"})
					return
				}
				p.held[code] = true
			}
		case "CapNhatTienDoHoSoMC":
			if len(data) > 10 {
				p.bad("progress chunk larger than 10")
			}
			for _, it := range data {
				m, _ := it.(map[string]any)
				if !allStrings(m) || toS(m["MaHoSo"]) == "" || !regexp.MustCompile(`^\d{14}$`).MatchString(toS(m["ThoiDiemXuLy"])) || len([]rune(toS(m["NguoiXuLy"]))) > 50 {
					p.bad("bad progress item", m)
				}
				p.progress++
			}
		default:
			p.bad("unknown service", svc)
		}
		json.NewEncoder(w).Encode(map[string]any{"error_code": "00", "message": "Thành công"})
	default:
		http.NotFound(w, r)
	}
}

func toS(v any) string { s, _ := v.(string); return s }

func TestClientAgainstValidatingPortal(t *testing.T) {
	ps := &portalServer{t: t, held: map[string]bool{}}
	srv := httptest.NewServer(ps)
	defer srv.Close()
	c := &Client{AdapterURL: srv.URL, AuthPath: "/auth", ServicePath: "/service", Username: "u", Password: "p", DstCode: "H56", MaDonVi: "000.00.06.H56"}
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
	if len(ps.problems) > 0 {
		t.Fatalf("the portal found problems: %v", ps.problems)
	}
	want := "DongBoHoSoMC/False CapNhatTienDoHoSoMC/ DongBoHoSoMC/False DongBoHoSoMC/True CapNhatTienDoHoSoMC/"
	if got := strings.Join(ps.calls, " "); got != want {
		t.Fatalf("calls %s\nwant  %s", got, want)
	}
	if ps.progress != 2*len(progress) {
		t.Fatalf("%d progress items received, want %d", ps.progress, 2*len(progress))
	}
	bad := &Client{AdapterURL: srv.URL, AuthPath: "/auth", ServicePath: "/service", Username: "u", Password: "wrong", DstCode: "H56"}
	if _, err := bad.Push(ctx, h, progress); err == nil || !strings.Contains(err.Error(), "auth") {
		t.Fatalf("bad credentials: %v", err)
	}
}
