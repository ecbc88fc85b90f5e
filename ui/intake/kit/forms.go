package kit

import "motcua/desk"

// Form kinds the screens print, named as forms.Kind slugs.
const (
	FormReceipt    = "receipt"    // Giấy tiếp nhận hồ sơ và hẹn trả kết quả
	FormSupplement = "supplement" // Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
	FormRefusal    = "refusal"    // Phiếu từ chối tiếp nhận giải quyết hồ sơ
	FormApology    = "apology"    // Phiếu xin lỗi và hẹn lại / văn bản xin lỗi, gia hạn
	FormStop       = "stop"       // Thông báo dừng giải quyết hồ sơ (TT 03 only)
	FormControl    = "control"    // Phiếu kiểm soát quá trình giải quyết hồ sơ
	FormBook       = "book"       // Sổ theo dõi hồ sơ
)

// formOrder is the numbering of each form set: TT 03/2025 Phụ lục I has
// 01–07; TT 01/2018 has 01–06 with the control slip as 05, the book as 06
// and no stop notice (../shared/docs/decree118.md A.1 and C).
var formOrder = map[desk.FormSet][]string{
	desk.FormsTT03: {FormReceipt, FormSupplement, FormRefusal, FormApology, FormStop, FormControl, FormBook},
	desk.FormsTT01: {FormReceipt, FormSupplement, FormRefusal, FormApology, FormControl, FormBook},
}

// FormNumber returns the two-digit number of a form kind in the office's
// form set ("06" for the control slip under TT 03/2025, "05" under TT
// 01/2018); false when the set has no such form. An unset set is TT 03.
func FormNumber(set desk.FormSet, kind string) (string, bool) {
	if set == "" {
		set = desk.FormsTT03
	}
	for i, k := range formOrder[set] {
		if k == kind {
			return string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10)), true
		}
	}
	return "", false
}
