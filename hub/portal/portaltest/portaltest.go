// Package portaltest is a local stand-in for the national portal's LGSP
// adapter (../shared/docs/domain.md §3.1 a) for tests: it authenticates,
// validates every DongBoHoSoMC and CapNhatTienDoHoSoMC payload field by
// field (every value a string, dates yyyyMMddHHmmss, status and channel
// codes, progress chunks of at most 10, progress only for a dossier it
// holds), answers "đã tồn tại" to a new dossier it already holds, answers
// TraCuuHoSo, and records what it holds. The real portal is not reachable
// from here and publishes no specification (§3), so this server encodes
// the rules the domain report reconstructs.
package portaltest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Fixed credentials and codes of the test portal.
const (
	User     = "u"
	Password = "p"
	DstCode  = "H56"
	AuthPath = "/auth"
	SvcPath  = "/service"
)

// Server is the test portal. Its exported hooks may be set before use or
// changed with Set.
type Server struct {
	*httptest.Server
	// MaDonVi is the unit every call must name.
	MaDonVi string

	mu       sync.Mutex
	held     map[string]map[string]any
	progress map[string][]map[string]any
	calls    []string
	problems []string
	sessions int
	down     bool
	reject   func(code string) string
	rejectP  func(code string) string
	expire   bool
}

// New starts a test portal for the unit madonvi.
func New(madonvi string) *Server {
	s := &Server{MaDonVi: madonvi, held: map[string]map[string]any{}, progress: map[string][]map[string]any{}}
	s.Server = httptest.NewServer(s)
	return s
}

// SetDown makes the portal answer 503 to everything (down for maintenance).
func (s *Server) SetDown(down bool) {
	s.mu.Lock()
	s.down = down
	s.mu.Unlock()
}

// SetReject installs a rule refusing dossiers: it returns the portal's
// message for a refused code, "" to accept.
func (s *Server) SetReject(fn func(code string) string) {
	s.mu.Lock()
	s.reject = fn
	s.mu.Unlock()
}

// SetRejectProgress installs a rule refusing progress items of a code
// (the message, "" to accept).
func (s *Server) SetRejectProgress(fn func(code string) string) {
	s.mu.Lock()
	s.rejectP = fn
	s.mu.Unlock()
}

// ExpireSession makes the next service call fail with an expired session.
func (s *Server) ExpireSession() {
	s.mu.Lock()
	s.expire = true
	s.mu.Unlock()
}

// Held returns the codes the portal holds, sorted.
func (s *Server) Held() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.held))
	for c := range s.held {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// Dossier returns the DongBoHoSoMC item held for a code (nil if none).
func (s *Server) Dossier(code string) map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[code]
}

// Progress returns the progress items received for a code, in order.
func (s *Server) Progress(code string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.progress[code]...)
}

// Calls returns the service calls made ("DongBoHoSoMC/False",
// "CapNhatTienDoHoSoMC/", "TraCuuHoSo/") and clears the list.
func (s *Server) Calls() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.calls
	s.calls = nil
	return out
}

// Problems returns what the portal found wrong in the payloads.
func (s *Server) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.problems...)
}

// Sessions counts successful authentications.
func (s *Server) Sessions() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sessions
}

var (
	dateRe     = regexp.MustCompile(`^(\d{14})?$`)
	fullDateRe = regexp.MustCompile(`^\d{14}$`)
	statusRe   = regexp.MustCompile(`^([1-9]|10)$`)
	required   = []string{"MaHoSo", "MaTTHC", "TenTTHC", "KenhThucHien", "ChuHoSo", "LoaiDoiTuong", "SoGiayToChuHoSo", "NgayTiepNhan", "TrangThaiHoSo", "TrichYeuHoSo"}
	dates      = []string{"NgayTiepNhan", "NgayHenTra", "NgayKetThucXuLy", "NgayTra", "NgayTuChoi", "NgayNopHoSo"}
	arrays     = []string{"DinhDanhCHS", "TaiLieuNop", "DanhSachLePhi", "DanhSachHoSoBoSung", "DanhSachGiayToKetQua", "DanhSachTepDinhKemKhac", "DSKetNoiCSDL"}
)

func (s *Server) bad(format string, a ...any) {
	s.problems = append(s.problems, fmt.Sprintf(format, a...))
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

func str(v any) string { s, _ := v.(string); return s }

func answer(w http.ResponseWriter, code any, msg string, extra map[string]any) {
	m := map[string]any{"error_code": code, "message": msg}
	for k, v := range extra {
		m[k] = v
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(m)
}

// checkHoSo validates one DongBoHoSoMC item.
func (s *Server) checkHoSo(m map[string]any) {
	code := str(m["MaHoSo"])
	if !allStrings(m) {
		s.bad("%s: a value is not a string", code)
	}
	for _, f := range required {
		if str(m[f]) == "" {
			s.bad("%s: empty required field %s", code, f)
		}
	}
	for _, f := range dates {
		if v, ok := m[f].(string); !ok || !dateRe.MatchString(v) {
			s.bad("%s: bad date %s=%v", code, f, m[f])
		}
	}
	for _, f := range arrays {
		if _, ok := m[f].([]any); !ok {
			s.bad("%s: %s is not an array", code, f)
		}
	}
	if st := str(m["TrangThaiHoSo"]); !statusRe.MatchString(st) {
		s.bad("%s: bad status %q", code, st)
	}
	if k := str(m["KenhThucHien"]); k != "1" && k != "2" && k != "3" {
		s.bad("%s: bad channel %q", code, k)
	}
}

// ServeHTTP implements the adapter.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.down {
		http.Error(w, "portal under maintenance", http.StatusServiceUnavailable)
		return
	}
	var body map[string]any
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		s.bad("unreadable request body: %v", err)
		answer(w, "96", "dữ liệu không hợp lệ", nil)
		return
	}
	if r.Header.Get("dstcode") != DstCode {
		s.bad("missing or wrong dstcode header %q", r.Header.Get("dstcode"))
	}
	switch r.URL.Path {
	case AuthPath:
		if body["username"] != User || body["password"] != Password {
			answer(w, "01", "sai tài khoản hoặc mật khẩu", nil)
			return
		}
		s.sessions++
		answer(w, 0, "", map[string]any{"session": fmt.Sprintf("S%d", s.sessions)})
	case SvcPath:
		if s.expire || body["session"] != fmt.Sprintf("S%d", s.sessions) || s.sessions == 0 {
			s.expire = false
			answer(w, "02", "session hết hạn", nil)
			return
		}
		if body["madonvi"] != s.MaDonVi {
			s.bad("madonvi %v, want %s", body["madonvi"], s.MaDonVi)
		}
		svc := str(body["service"])
		s.calls = append(s.calls, svc+"/"+str(body["isUpdating"]))
		data, _ := body["data"].([]any)
		switch svc {
		case "DongBoHoSoMC":
			upd := str(body["isUpdating"])
			if upd != "True" && upd != "False" {
				s.bad("isUpdating %q, want True or False", upd)
			}
			if len(data) == 0 {
				s.bad("DongBoHoSoMC without data")
			}
			for _, it := range data {
				m, _ := it.(map[string]any)
				s.checkHoSo(m)
				code := str(m["MaHoSo"])
				if s.reject != nil {
					if msg := s.reject(code); msg != "" {
						answer(w, "99", msg, nil)
						return
					}
				}
				_, has := s.held[code]
				switch {
				case has && upd == "False":
					answer(w, "99", "Hồ sơ "+code+" đã tồn tại", nil)
					return
				case !has && upd == "True":
					answer(w, "98", "Hồ sơ "+code+" không tồn tại trên hệ thống", nil)
					return
				}
				s.held[code] = m
			}
		case "CapNhatTienDoHoSoMC":
			if len(data) > 10 {
				s.bad("progress chunk of %d items, at most 10", len(data))
			}
			for _, it := range data {
				m, _ := it.(map[string]any)
				code := str(m["MaHoSo"])
				if !allStrings(m) || code == "" || !fullDateRe.MatchString(str(m["ThoiDiemXuLy"])) ||
					len([]rune(str(m["NguoiXuLy"]))) > 50 || !statusRe.MatchString(str(m["TrangThai"])) {
					s.bad("bad progress item %v", m)
				}
				if s.rejectP != nil {
					if msg := s.rejectP(code); msg != "" {
						answer(w, "99", msg, nil)
						return
					}
				}
				if _, ok := s.held[code]; !ok {
					s.bad("progress for %s before the dossier was synchronised", code)
					answer(w, "97", "Hồ sơ "+code+" chưa được đồng bộ", nil)
					return
				}
				s.progress[code] = append(s.progress[code], m)
			}
		case "TraCuuHoSo":
			code := str(body["mahoso"])
			if m, ok := s.held[code]; ok {
				answer(w, "00", "Thành công", map[string]any{"data": []any{m}})
			} else {
				answer(w, "00", "Không tìm thấy hồ sơ", map[string]any{"data": []any{}})
			}
			return
		default:
			s.bad("unknown service %q", svc)
			answer(w, "95", "dịch vụ không tồn tại", nil)
			return
		}
		answer(w, "00", "Thành công", nil)
	default:
		http.NotFound(w, r)
	}
}

// ProgressKey is a compact form of a progress item for comparisons:
// "ThoiDiemXuLy TrangThai NoiDungXuLy".
func ProgressKey(m map[string]any) string {
	return strings.Join([]string{str(m["ThoiDiemXuLy"]), str(m["TrangThai"]), str(m["NoiDungXuLy"])}, " ")
}
