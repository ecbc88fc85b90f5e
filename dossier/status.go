package dossier

import (
	"strconv"
	"strings"
)

// Status is a dossier status from the national portal's list
// ("TrangThaiHoSo", domain.md §1.4, confirmed by two independent sources).
// The zero value means "no status": a counter guidance record (supplement
// requested before reception) that never became a dossier.
type Status uint8

// The national status codes 1–10.
const (
	StatusNone        Status = 0
	StatusSubmitted   Status = 1  // Mới đăng ký: filed online, not yet received
	StatusReceived    Status = 2  // Được tiếp nhận
	StatusRefused     Status = 3  // Không được tiếp nhận
	StatusProcessing  Status = 4  // Đang xử lý
	StatusSupplement  Status = 5  // Yêu cầu bổ sung giấy tờ
	StatusObligation  Status = 6  // Yêu cầu thực hiện nghĩa vụ tài chính
	StatusWithdrawn   Status = 7  // Công dân yêu cầu rút hồ sơ
	StatusStopped     Status = 8  // Dừng xử lý
	StatusResultReady Status = 9  // Đã xử lý xong
	StatusReturned    Status = 10 // Đã trả kết quả
)

// MaxStatus is the highest national status code.
const MaxStatus = StatusReturned

var statusInfo = [...]struct{ vi, en, slug string }{
	StatusNone:        {"Hướng dẫn bổ sung (chưa tiếp nhận)", "guidance only (not received)", "none"},
	StatusSubmitted:   {"Mới đăng ký", "submitted online", "submitted"},
	StatusReceived:    {"Được tiếp nhận", "received", "received"},
	StatusRefused:     {"Không được tiếp nhận", "refused", "refused"},
	StatusProcessing:  {"Đang xử lý", "processing", "processing"},
	StatusSupplement:  {"Yêu cầu bổ sung giấy tờ", "supplement requested", "supplement"},
	StatusObligation:  {"Yêu cầu thực hiện nghĩa vụ tài chính", "financial obligation requested", "obligation"},
	StatusWithdrawn:   {"Công dân yêu cầu rút hồ sơ", "withdrawn", "withdrawn"},
	StatusStopped:     {"Dừng xử lý", "stopped", "stopped"},
	StatusResultReady: {"Đã xử lý xong", "result ready", "result-ready"},
	StatusReturned:    {"Đã trả kết quả", "returned", "returned"},
}

// Valid reports whether s is one of the national codes 1–10.
func (s Status) Valid() bool { return s >= StatusSubmitted && s <= MaxStatus }

// Vietnamese returns the official Vietnamese name.
func (s Status) Vietnamese() string {
	if int(s) < len(statusInfo) {
		return statusInfo[s].vi
	}
	return "Trạng thái " + strconv.Itoa(int(s))
}

// English returns a short English name for logs and CLIs.
func (s Status) English() string {
	if int(s) < len(statusInfo) {
		return statusInfo[s].en
	}
	return "status " + strconv.Itoa(int(s))
}

// Slug returns the machine name accepted by ParseStatus ("received").
func (s Status) Slug() string {
	if int(s) < len(statusInfo) {
		return statusInfo[s].slug
	}
	return strconv.Itoa(int(s))
}

// String returns the national code as a decimal string, the form used on
// the wire and in CLI output.
func (s Status) String() string { return strconv.Itoa(int(s)) }

// Open reports whether the dossier is still being handled: received and
// not yet finished (result ready counts as finished processing, but the
// dossier is not closed until returned).
func (s Status) Open() bool {
	switch s {
	case StatusSubmitted, StatusReceived, StatusProcessing, StatusSupplement, StatusObligation:
		return true
	}
	return false
}

// Terminal reports whether no further transition is possible.
func (s Status) Terminal() bool {
	switch s {
	case StatusRefused, StatusWithdrawn, StatusReturned:
		return true
	}
	return false
}

// ParseStatus accepts the national code ("5"), the slug ("supplement"), the
// English name or the Vietnamese name (case- and diacritic-sensitive match
// after trimming and lower-casing).
func ParseStatus(s string) (Status, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if n, err := strconv.Atoi(t); err == nil {
		if st := Status(n); n >= 1 && n <= int(MaxStatus) && st.Valid() {
			return st, nil
		}
		return 0, Errorf(KindInvalid, "status", "status code %d is not in the national list 1–10", n)
	}
	for i := StatusSubmitted; i <= MaxStatus; i++ {
		in := statusInfo[i]
		if t == in.slug || t == in.en || t == strings.ToLower(in.vi) {
			return i, nil
		}
	}
	return 0, Errorf(KindInvalid, "status", "unknown status %q (use 1–10 or a name such as received, processing, returned)", s)
}
