package forms

import (
	"fmt"
	"strconv"
	"strings"

	"motcua/desk"
	"motcua/dossier"
)

// Kind is what a form is for, independent of the numbering of the office's
// form set.
type Kind uint8

// Form kinds (domain.md §1.1, decree118.md A.1 and C).
const (
	KindReceipt    Kind = 1 // Giấy tiếp nhận hồ sơ và hẹn trả kết quả
	KindSupplement Kind = 2 // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
	KindRefusal    Kind = 3 // Phiếu từ chối tiếp nhận giải quyết hồ sơ
	KindApology    Kind = 4 // TT 03: Văn bản xin lỗi và đề nghị gia hạn…; TT 01: Phiếu xin lỗi và hẹn lại…
	KindStop       Kind = 5 // Thông báo dừng giải quyết hồ sơ (TT 03 only)
	KindControl    Kind = 6 // Phiếu kiểm soát quá trình giải quyết hồ sơ
	KindBook       Kind = 7 // Sổ theo dõi hồ sơ
	// KindReturn is the return slip (Giấy biên nhận trả kết quả, domain.md
	// §1.2 "related non-numbered slip"): not one of the numbered forms of
	// either set; its number is "return".
	KindReturn Kind = 8
)

// Kinds lists every kind in TT 03 order.
var Kinds = []Kind{KindReceipt, KindSupplement, KindRefusal, KindApology, KindStop, KindControl, KindBook, KindReturn}

var kindSlugs = map[Kind]string{
	KindReceipt: "receipt", KindSupplement: "supplement", KindRefusal: "refusal", KindApology: "apology",
	KindStop: "stop", KindControl: "control", KindBook: "book", KindReturn: "return",
}

// String returns the kind's slug ("receipt").
func (k Kind) String() string {
	if s, ok := kindSlugs[k]; ok {
		return s
	}
	return "kind-" + strconv.Itoa(int(k))
}

// MarshalText encodes the slug.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText decodes a slug.
func (k *Kind) UnmarshalText(b []byte) error {
	for kk, s := range kindSlugs {
		if s == string(b) {
			*k = kk
			return nil
		}
	}
	return fmt.Errorf("unknown form kind %q", b)
}

// numbers maps each set's form numbers to kinds. TT 03/2025 Phụ lục I has
// 01–07 (decree118.md A.1); TT 01/2018 has 01–06, with the control slip
// as 05 and the book as 06 and no stop notice (decree118.md C).
var numbers = map[desk.FormSet][]Kind{
	desk.FormsTT03: {KindReceipt, KindSupplement, KindRefusal, KindApology, KindStop, KindControl, KindBook},
	desk.FormsTT01: {KindReceipt, KindSupplement, KindRefusal, KindApology, KindControl, KindBook},
}

// setOrDefault treats an unset form set as TT 03/2025, the current one.
func setOrDefault(set desk.FormSet) desk.FormSet {
	if set == "" {
		return desk.FormsTT03
	}
	return set
}

// Number returns the kind's two-digit number in the set ("06"), false when
// the set has no such form (the stop notice in TT 01/2018).
func (k Kind) Number(set desk.FormSet) (string, bool) {
	if k == KindReturn {
		if _, ok := numbers[setOrDefault(set)]; ok {
			return "return", true
		}
		return "", false
	}
	for i, kk := range numbers[setOrDefault(set)] {
		if kk == k {
			return fmt.Sprintf("%02d", i+1), true
		}
	}
	return "", false
}

// KindOf returns the kind numbered n ("6", "06", "Mẫu 06") in the set.
func KindOf(set desk.FormSet, n string) (Kind, error) {
	set = setOrDefault(set)
	list, ok := numbers[set]
	if !ok {
		return 0, fmt.Errorf("unknown form set %q (want %s or %s)", set, desk.FormsTT03, desk.FormsTT01)
	}
	s := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n), "Mẫu"))
	if s == "return" {
		return KindReturn, nil
	}
	i, err := strconv.Atoi(s)
	if err != nil || i < 1 || i > len(list) {
		return 0, fmt.Errorf("form %q does not exist in set %s (01–%02d)", n, set, len(list))
	}
	return list[i-1], nil
}

// Title returns the form's title in the set, in sentence case.
func (k Kind) Title(set desk.FormSet) string {
	switch k {
	case KindReceipt:
		return "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
	case KindSupplement:
		return "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"
	case KindRefusal:
		return "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
	case KindApology:
		if setOrDefault(set) == desk.FormsTT01 {
			return "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
		}
		// decree118.md A.1: the TT 03 title, supported by NĐ 118 art. 19.6.
		return "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
	case KindStop:
		return "Thông báo dừng giải quyết hồ sơ"
	case KindControl:
		return "Phiếu kiểm soát quá trình giải quyết hồ sơ"
	case KindBook:
		return "Sổ theo dõi hồ sơ"
	case KindReturn:
		return "Giấy biên nhận trả kết quả"
	}
	return ""
}

// ForEvent returns the forms to print when ev has just been applied to d,
// in printing order, and false when the event prints nothing. The intake
// and lifecycle flows call it (domain.md §1.3; decree118.md B.4, B.8):
//
//	received              → 01 receipt and the control slip (06; 05 in TT 01)
//	guidance              → 02 supplement request (counter guidance record)
//	supplement-requested  → 02 supplement request (after appraisal, art. 19.5)
//	refused               → 03 refusal at intake (art. 17.1.c)
//	result-ready, refused → 03 refusal after appraisal (art. 19.3)
//	extended              → 04 apology and extension (art. 19.6)
//	stopped               → 05 stop notice (TT 03 only; art. 21)
//	transferred           → the control slip, with the handover filled in
func ForEvent(set desk.FormSet, d *dossier.Dossier, ev dossier.Event) ([]Kind, bool) {
	var out []Kind
	switch ev.Kind {
	case dossier.EvReceived:
		out = []Kind{KindReceipt, KindControl}
	case dossier.EvGuidance, dossier.EvSupplementRequest:
		out = []Kind{KindSupplement}
	case dossier.EvRefused:
		out = []Kind{KindRefusal}
	case dossier.EvResultReady:
		if ev.Result == dossier.ResultRefused {
			out = []Kind{KindRefusal}
		}
	case dossier.EvExtended:
		out = []Kind{KindApology}
	case dossier.EvStopped:
		out = []Kind{KindStop}
	case dossier.EvTransferred:
		out = []Kind{KindControl}
	case dossier.EvReturned:
		out = []Kind{KindReturn}
	}
	if d != nil && d.Kind == dossier.KindGuidance && ev.Kind != dossier.EvGuidance {
		out = nil
	}
	// Keep only the forms the set has.
	kept := out[:0]
	for _, k := range out {
		if _, ok := k.Number(set); ok {
			kept = append(kept, k)
		}
	}
	return kept, len(kept) > 0
}
