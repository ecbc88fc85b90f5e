package catalog

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

var bqpFeeCases = []struct {
	in   string
	want []Fee
	warn []string
}{
	{"Phí : 0 Đồng", []Fee{{0, "Phí : 0 Đồng"}}, nil},
	{"Phí : 2.000.000 Đồng (Thẩm định cấp phép)", []Fee{{2000000, "Phí : 2.000.000 Đồng (Thẩm định cấp phép)"}}, nil},
	{"Phí : 20000 Đồng", []Fee{{20000, "Phí : 20000 Đồng"}}, nil},
	{"Phí : Không Đồng", []Fee{{0, "Phí : Không Đồng"}}, nil},
	{"Lệ phí : 10 USD (Lệ phí: 10 USD/Giấy phép)", []Fee{{-1, "Lệ phí : 10 USD (Lệ phí: 10 USD/Giấy phép)"}}, []string{"fee in USD"}},
	{"Phí : 5 USD (Người nước ngoài dưới 14 tuổi)\nLệ phí : 1.5 USD", []Fee{{-1, "Phí : 5 USD (Người nước ngoài dưới 14 tuổi)"}, {-1, "Lệ phí : 1.5 USD"}}, []string{"fee in USD", "fee in USD"}},
	{"Phí :  Đồng (Theo quy định của Bộ Tài chính)\nFile đính kèm: a.pdf", []Fee{{-1, "Phí :  Đồng (Theo quy định của Bộ Tài chính)\nFile đính kèm: a.pdf"}}, []string{"fee amount missing"}},
	{"Phí : o Đồng", []Fee{{-1, "Phí : o Đồng"}}, []string{"cannot read fee amount"}},
	{"Phí : 1.\tMức thu bằng 50% mức thu phí Đồng", []Fee{{-1, "Phí : 1.\tMức thu bằng 50% mức thu phí Đồng"}}, []string{"cannot read fee amount"}},
	{"", nil, []string{"no fee information"}},
	{"Miễn phí theo quy định", []Fee{{-1, "Miễn phí theo quy định"}}, []string{"cannot read fee"}},
}

func TestParseBQPFees(t *testing.T) {
	for _, c := range bqpFeeCases {
		var w warnings
		got := parseBQPFees(c.in, "channel 1", &w)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("parseBQPFees(%q) = %+v, want %+v", c.in, got, c.want)
		}
		if len(w) != len(c.warn) {
			t.Errorf("parseBQPFees(%q) warnings %q, want %q", c.in, w, c.warn)
			continue
		}
		for i := range w {
			if !strings.Contains(w[i], c.warn[i]) {
				t.Errorf("parseBQPFees(%q) warning %q, want %q", c.in, w[i], c.warn[i])
			}
		}
	}
}

func FuzzParseBQPFees(f *testing.F) {
	for _, c := range bqpFeeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w warnings
		for _, fee := range parseBQPFees(s, "x", &w) {
			if fee.Amount < AmountUnknown {
				t.Fatalf("amount %d", fee.Amount)
			}
			if fee.Amount == AmountUnknown && len(w) == 0 {
				t.Fatalf("unknown amount without a warning: %q", s)
			}
		}
	})
}

func bqpRecordJSON(mut func(m map[string]any)) []byte {
	m := map[string]any{
		"thu_tuc_id":  "1.013124",
		"source_file": "ChiTietTTHC_1.013124.doc",
		"metadata": map[string]any{
			"mã_thủ_tục": "1.013124", "tên_thủ_tục": "Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu",
			"số_quyết_định": "Quyết định số 6225/QĐ-BQP", "cấp_thực_hiện": "Cấp Bộ",
			"loại_thủ_tục": "TTHC được luật giao quy định chi tiết", "lĩnh_vực": "Ứng phó sự cố tràn dầu",
		},
		"content": map[string]any{
			"trình_tự_thực_hiện": "Bước 1: nộp hồ sơ", "cách_thức_thực_hiện": "", "đối_tượng_thực_hiện": "Doanh nghiệp, Tổ chức nước ngoài",
			"cơ_quan_thực_hiện": "Văn phòng Ủy ban Quốc gia Ứng phó sự cố, thiên tai và Tìm kiếm cứu nạn", "cơ_quan_có_thẩm_quyền": "Không có thông tin",
			"cơ_quan_được_ủy_quyền": "Không có thông tin", "cơ_quan_phối_hợp": "Không có thông tin", "địa_chỉ_tiếp_nhận_hs": "Không có thông tin",
			"kết_quả_thực_hiện": "Quyết định phê duyệt kế hoạch", "yêu_cầu_điều_kiện_thực_hiện": "Không có thông tin", "từ_khóa": "Không có thông tin", "mô_tả": "Không có thông tin",
		},
		"tables": map[string]any{
			"hinh_thuc_nop": []any{
				map[string]any{"hinh_thuc": "Trực tiếp", "thoi_han_giai_quyet": "30 Ngày làm việc", "phi_le_phi": "Phí : 0 Đồng", "mo_ta": ""},
				map[string]any{"hinh_thuc": "Dịch vụ bưu chính", "thoi_han_giai_quyet": "Không quy định", "phi_le_phi": "", "mo_ta": "Gửi qua bưu chính"},
			},
			"thanh_phan_ho_so": []any{
				map[string]any{"ten_giay_to": "Kế hoạch ứng phó sự cố tràn dầu", "so_luong": "5-PHLCII.doc\n6-PHLCIII.doc", "ghi_chu": "Bản chính: 1\nBản sao: 0"},
				map[string]any{"ten_giay_to": "Văn bản đề nghị", "so_luong": "", "ghi_chu": "Bản chính: 0\nBản sao: 2"},
			},
			"can_cu_phap_ly": []any{
				map[string]any{"so_ky_hieu": "12/2021/QĐ-TTg", "trich_yeu": "Quyết định ban hành Quy chế ứng phó sự cố tràn dầu", "ngay_ban_hanh": "24-03-2021", "co_quan_ban_hanh": "Thủ tướng Chính phủ"},
			},
		},
	}
	if mut != nil {
		mut(m)
	}
	b, _ := json.Marshal(m)
	return b
}

func TestParseBQP(t *testing.T) {
	p, w, err := parseBQP(bqpRecordJSON(nil))
	if err != nil {
		t.Fatal(err)
	}
	want := &Procedure{
		Code: "1.013124", Name: "Thủ tục thẩm định và phê duyệt kế hoạch ứng phó sự cố tràn dầu",
		Levels: []Level{LevelMinistry}, Field: Field{Name: "Ứng phó sự cố tràn dầu"}, Kind: "TTHC được luật giao quy định chi tiết",
		Agencies:       Agencies{Executing: []Agency{{Name: "Văn phòng Ủy ban Quốc gia Ứng phó sự cố, thiên tai và Tìm kiếm cứu nạn"}}},
		Subjects:       []string{"Doanh nghiệp", "Tổ chức nước ngoài"},
		LegalBasis:     []LegalDoc{{Number: "12/2021/QĐ-TTg", Title: "Quyết định ban hành Quy chế ứng phó sự cố tràn dầu", Date: "2021-03-24", Issuer: "Thủ tướng Chính phủ"}},
		Results:        []Result{{Name: "Quyết định phê duyệt kế hoạch"}},
		Steps:          []Step{{Text: "Bước 1: nộp hồ sơ"}},
		DecisionNumber: "6225/QĐ-BQP",
		Channels: []Channel{
			{Method: MethodDirect, Time: Time{Value: 30, Unit: UnitWorkingDays}, Fees: []Fee{{0, "Phí : 0 Đồng"}}},
			{Method: MethodPostal, Time: Time{Unit: UnitNone, Text: "Không quy định"}, Description: "Gửi qua bưu chính"},
		},
		Cases: []Case{{Components: []Component{
			{Name: "Kế hoạch ứng phó sự cố tràn dầu", Originals: 1, MustSubmit: true, Template: "5-PHLCII.doc\n6-PHLCIII.doc"},
			{Name: "Văn bản đề nghị", Copies: 2, MustSubmit: true},
		}}},
	}
	if !reflect.DeepEqual(p, want) {
		gj, _ := json.MarshalIndent(p, "", " ")
		t.Fatalf("parseBQP:\n%s", gj)
	}
	if len(w) != 1 || !strings.Contains(w[0], "channel 2 (Dịch vụ bưu chính): no fee information") {
		t.Errorf("warnings %q", w)
	}
	for _, c := range []struct {
		mut  func(m map[string]any)
		want string
	}{
		{func(m map[string]any) { m["thu_tuc_id"] = "1.999999" }, `thu_tuc_id "1.999999" differs`},
		{func(m map[string]any) { m["metadata"].(map[string]any)["tên_thủ_tục"] = "" }, "empty name"},
		{func(m map[string]any) { m["metadata"].(map[string]any)["mã_thủ_tục"] = ""; m["thu_tuc_id"] = "" }, "missing procedure code"},
		{func(m map[string]any) { m["tables"] = "x" }, "bqp record"},
	} {
		if _, _, err := parseBQP(bqpRecordJSON(c.mut)); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error = %v, want %q", err, c.want)
		}
	}
	// unreadable quantity and unknown method are reported
	p, w, _ = parseBQP(bqpRecordJSON(func(m map[string]any) {
		tb := m["tables"].(map[string]any)
		tb["thanh_phan_ho_so"] = []any{map[string]any{"ten_giay_to": "Đơn", "so_luong": "", "ghi_chu": "01 bộ"}}
		tb["hinh_thuc_nop"] = []any{map[string]any{"hinh_thuc": "Fax", "thoi_han_giai_quyet": "10-25", "phi_le_phi": "Phí : 0 Đồng"}}
	}))
	if len(w) != 3 || !strings.Contains(w[0], `unknown submission method "Fax"`) || !strings.Contains(w[1], `cannot read time "10-25"`) || !strings.Contains(w[2], `cannot read quantity "01 bộ"`) {
		t.Errorf("warnings %q", w)
	}
	if p.Channels[0].Method != MethodUnknown || p.Cases[0].Components[0].Originals != 0 {
		t.Errorf("%+v", p)
	}
}
