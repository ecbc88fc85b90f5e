package catalog

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

var gluedChannelCases = []struct {
	name string
	in   string
	want []Channel
	warn []string // substrings, in order
}{
	{
		name: "unit-less times (1.001193)",
		in:   channelHeader + "Trực tuyến1Miễn phíDịch vụ bưu chính1Miễn phíTrực tiếp1Miễn phí",
		want: []Channel{
			{Method: MethodOnline, Time: Time{Value: 1, Text: "1"}, Fees: []Fee{{0, "Miễn phí"}}},
			{Method: MethodPostal, Time: Time{Value: 1, Text: "1"}, Fees: []Fee{{0, "Miễn phí"}}},
			{Method: MethodDirect, Time: Time{Value: 1, Text: "1"}, Fees: []Fee{{0, "Miễn phí"}}},
		},
		warn: []string{`channel 1 (Trực tuyến): time "1" has no unit`, `channel 2 (Dịch vụ bưu chính): time "1" has no unit`, `channel 3 (Trực tiếp): time "1" has no unit`},
	},
	{
		name: "amount, fee text and description (1.002099)",
		in:   channelHeader + "Trực tiếp5 Ngày50,000 Việt Nam Đồng(áp dụng mức phí 25.000 đồng/hồ sơ (giảm 50%))Hồ sơ được gửi trực tiếpTrực tuyến7 Ngày làm việc1,200,000 VNĐ",
		want: []Channel{
			{Method: MethodDirect, Time: Time{Value: 5, Unit: UnitDays}, Fees: []Fee{{50000, "50,000 Việt Nam Đồng (áp dụng mức phí 25.000 đồng/hồ sơ (giảm 50%))"}}, Description: "Hồ sơ được gửi trực tiếp"},
			{Method: MethodOnline, Time: Time{Value: 7, Unit: UnitWorkingDays}, Fees: []Fee{{1200000, "1,200,000 VNĐ"}}},
		},
	},
	{
		name: "channel name inside a description is not a channel (1.003777)",
		in:   channelHeader + "Trực tiếp10 NgàyKhông có thông tinTrực tiếp tại cơ quan Công an cấp huyện. - Công an cấp huyện: 10 ngày.Trực tiếp10 NgàyKhông có thông tin- Công an cấp tỉnh: 10 ngày.",
		want: []Channel{
			{Method: MethodDirect, Time: Time{Value: 10, Unit: UnitDays}, Description: "Trực tiếp tại cơ quan Công an cấp huyện. - Công an cấp huyện: 10 ngày."},
			{Method: MethodDirect, Time: Time{Value: 10, Unit: UnitDays}, Description: "- Công an cấp tỉnh: 10 ngày."},
		},
		warn: []string{"channel 1 (Trực tiếp): no fee information", "channel 2 (Trực tiếp): no fee information"},
	},
	{
		name: "time digits glued to the amount are not split (2.002009)",
		in:   channelHeader + "Trực tuyến1100 VNĐ(Phí công bố: 100.000 đồng/lần)",
		want: []Channel{{Method: MethodOnline, Fees: []Fee{{-1, "1100 VNĐ (Phí công bố: 100.000 đồng/lần)"}}}},
		warn: []string{`channel 1 (Trực tuyến): time and fee digits are glued in "1100 VNĐ"`},
	},
	{
		name: "free-text no-deadline times (1.008312)",
		in:   channelHeader + "Trực tuyếnKhông quy địnhMiễn phíQua Cổng DVC Quốc giaDịch vụ bưu chínhKhông quy địnhMiễn phíThông qua dịch vụ bưu chính",
		want: []Channel{
			{Method: MethodOnline, Time: Time{Unit: UnitNone, Text: "Không quy định"}, Fees: []Fee{{0, "Miễn phí"}}, Description: "Qua Cổng DVC Quốc gia"},
			{Method: MethodPostal, Time: Time{Unit: UnitNone, Text: "Không quy định"}, Fees: []Fee{{0, "Miễn phí"}}, Description: "Thông qua dịch vụ bưu chính"},
		},
	},
	{
		name: "unknown free-text time is kept and reported",
		in:   channelHeader + "Trực tuyếnKhông phải trả kết quả cho người nộp thuếMiễn phíQua Cổng",
		want: []Channel{{Method: MethodOnline, Time: Time{Text: "Không phải trả kết quả cho người nộp thuế"}, Fees: []Fee{{0, "Miễn phí"}}, Description: "Qua Cổng"}},
		warn: []string{`cannot read time "Không phải trả kết quả cho người nộp thuế"`},
	},
	{
		name: "no time, USD fee, hours",
		in:   channelHeader + "Trực tiếpKhông có thông tin10 USD(/lần)Dịch vụ bưu chính2 GiờMiễn phí(Không)",
		want: []Channel{
			{Method: MethodDirect, Fees: []Fee{{-1, "10 USD (/lần)"}}},
			{Method: MethodPostal, Time: Time{Value: 2, Unit: UnitHours}, Fees: []Fee{{0, "Miễn phí (Không)"}}},
		},
		warn: []string{"channel 1 (Trực tiếp): no processing time published", `fee in USD "10 USD" kept as text`},
	},
	{
		name: "unbalanced fee parenthesis stays in the description",
		in:   channelHeader + "Trực tiếp3 NgàyMiễn phí(2.400.000 Đồng (Cấp lại do mất",
		want: []Channel{{Method: MethodDirect, Time: Time{Value: 3, Unit: UnitDays}, Fees: []Fee{{0, "Miễn phí"}}, Description: "(2.400.000 Đồng (Cấp lại do mất"}},
		warn: []string{"unbalanced parenthesis"},
	},
	{name: "nothing", in: "Không có thông tin", warn: []string{"channels: none published"}},
	{name: "header only", in: channelHeader, warn: []string{"channels: none published"}},
	{name: "unreadable", in: channelHeader + "Qua fax", warn: []string{`channels: cannot read "Qua fax"`}},
}

func checkWarnings(t *testing.T, got warnings, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("warnings %q, want %d matching %q", got, len(want), want)
	}
	for i, w := range want {
		if !strings.Contains(got[i], w) {
			t.Errorf("warning %d = %q, want it to contain %q", i, got[i], w)
		}
	}
}

func TestParseGluedChannels(t *testing.T) {
	for _, c := range gluedChannelCases {
		t.Run(c.name, func(t *testing.T) {
			var w warnings
			got := parseGluedChannels(c.in, &w)
			if !reflect.DeepEqual(got, c.want) {
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(c.want)
				t.Fatalf("channels\n got %s\nwant %s", gj, wj)
			}
			checkWarnings(t, w, c.warn)
		})
	}
}

func FuzzParseGluedChannels(f *testing.F) {
	for _, c := range gluedChannelCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w warnings
		for _, ch := range parseGluedChannels(s, &w) {
			if ch.Method < MethodDirect || ch.Method > MethodPostal {
				t.Fatalf("method %d", ch.Method)
			}
			if !ch.Time.Known() && len(w) == 0 {
				t.Fatalf("unparsed time without a warning in %q", s)
			}
			for _, f := range ch.Fees {
				if f.Amount < AmountUnknown {
					t.Fatalf("fee amount %d", f.Amount)
				}
			}
		}
	})
}

const ch = componentHeader

var gluedComponentCases = []struct {
	name string
	in   string
	want []Case
	warn []string
}{
	{
		name: "submit, present-only, notes and default case (1.001193)",
		in: "* Giấy tờ phải nộp:" + ch + "- Giấy chứng sinh.1 bản chính- Văn bản ủy quyền0 bản chính,1 bản sao" +
			"* Giấy tờ phải xuất trình:" + ch + "- Hộ chiếu/Thẻ căn cước công dân1 bản chính" +
			"* Lưu ý:" + ch + "- Cá nhân có quyền lựa chọn nơi đăng ký.0 bản chính" +
			"--" + ch + "- Tờ khai đăng ký khai sinh theo mẫu;To khai.docx1 bản chính",
		want: []Case{{
			Components: []Component{
				{Name: "- Giấy chứng sinh.", Originals: 1, MustSubmit: true},
				{Name: "- Văn bản ủy quyền", Copies: 1, MustSubmit: true},
				{Name: "- Hộ chiếu/Thẻ căn cước công dân", Originals: 1},
				{Name: "- Tờ khai đăng ký khai sinh theo mẫu;", Originals: 1, MustSubmit: true, Template: "To khai.docx"},
			},
			Notes: []string{"- Cá nhân có quyền lựa chọn nơi đăng ký."},
		}},
	},
	{
		name: "named cases; a repeated heading reuses its case",
		in: "Trường hợp cấp mới:" + ch + "Đơn đề nghị1 bản chínhBản sao giấy phép0 bản chính,1 bản sao" +
			"Trường hợp cấp lại:" + ch + "Đơn đề nghị cấp lại2 bản sao" +
			"Trường hợp cấp mới:" + ch + "Ảnh 4x6cm2 bản chính",
		want: []Case{
			{Name: "Trường hợp cấp mới:", Components: []Component{
				{Name: "Đơn đề nghị", Originals: 1, MustSubmit: true},
				{Name: "Bản sao giấy phép", Copies: 1, MustSubmit: true},
				{Name: "Ảnh 4x6cm", Originals: 2, MustSubmit: true},
			}},
			{Name: "Trường hợp cấp lại:", Components: []Component{{Name: "Đơn đề nghị cấp lại", Copies: 2, MustSubmit: true}}},
		},
	},
	{
		name: "quantities inside names are text (1.000020, 1.001280)",
		in: "--" + ch + "01 bản sao có chứng thực giấy tờ tùy thân0 bản chính,1 bản sao" +
			"Giấy phép xuất khẩu: 01 bản chính1 bản chính" +
			"Hóa đơn thương mại: 01 bản chính;0 bản chính,1 bản sao" +
			"Văn bản đề nghị xin tái xuất (01 bản chính)0 bản chính" +
			"Đơn đề nghị, trong đó nêu rõ nội dung1 bản chính (2). Đối với trường hợp cấp bổ sung" + ch + "Đơn đề nghị cấp bổ sung ra nước ngoài 1 bản chính",
		want: []Case{
			{Components: []Component{
				{Name: "01 bản sao có chứng thực giấy tờ tùy thân", Copies: 1, MustSubmit: true},
				{Name: "Giấy phép xuất khẩu: 01 bản chính", Originals: 1, MustSubmit: true},
				{Name: "Hóa đơn thương mại: 01 bản chính;", Copies: 1, MustSubmit: true},
				{Name: "Văn bản đề nghị xin tái xuất (01 bản chính)", MustSubmit: true},
				{Name: "Đơn đề nghị, trong đó nêu rõ nội dung", Originals: 1, MustSubmit: true},
			}},
			{Name: "(2). Đối với trường hợp cấp bổ sung", Components: []Component{{Name: "Đơn đề nghị cấp bổ sung ra nước ngoài", Originals: 1, MustSubmit: true}}},
		},
	},
	{
		name: "template that cannot be split is reported",
		in:   "--" + ch + "Đơn đề nghị theo quy địnhvăn bản đề nghị.docx1 bản chính",
		want: []Case{{Components: []Component{{Name: "Đơn đề nghị theo quy địnhvăn bản đề nghị.docx", Originals: 1, MustSubmit: true}}}},
		warn: []string{"template file name glued to the document name, not split"},
	},
	{
		name: "row without quantity at the end",
		in:   "--" + ch + "Tờ khai1 bản chínhTài liệu chứng minh năng lực",
		want: []Case{{Components: []Component{{Name: "Tờ khai", Originals: 1, MustSubmit: true}}}},
		warn: []string{`text without quantity "Tài liệu chứng minh năng lực"`},
	},
	{name: "none", in: "--", warn: []string{"components: none published"}},
	{name: "no header", in: "KQ.G04.000398", warn: []string{"header row missing"}},
	{name: "empty block", in: "--" + ch + "Chỉ có chữ", warn: []string{"text without quantity", "has no rows", "none could be read"}},
}

func TestParseGluedComponents(t *testing.T) {
	for _, c := range gluedComponentCases {
		t.Run(c.name, func(t *testing.T) {
			var w warnings
			got := parseGluedComponents(c.in, &w)
			if !reflect.DeepEqual(got, c.want) {
				gj, _ := json.MarshalIndent(got, "", " ")
				wj, _ := json.MarshalIndent(c.want, "", " ")
				t.Fatalf("cases\n got %s\nwant %s", gj, wj)
			}
			checkWarnings(t, w, c.warn)
		})
	}
}

func FuzzParseGluedComponents(f *testing.F) {
	for _, c := range gluedComponentCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w warnings
		for _, c := range parseGluedComponents(s, &w) {
			if len(c.Components) == 0 && len(c.Notes) == 0 {
				t.Fatalf("empty case %q from %q", c.Name, s)
			}
			for _, k := range c.Components {
				if k.Name == "" || k.Originals < 0 || k.Copies < 0 {
					t.Fatalf("bad component %+v from %q", k, s)
				}
			}
		}
	})
}

var templateCases = []struct{ in, name, tmpl string }{
	{"Văn bản đề nghị hủy tài khoản điện tử (NA20).Mau NA20-BCA.docx", "Văn bản đề nghị hủy tài khoản điện tử (NA20).", "Mau NA20-BCA.docx"},
	{"Phiếu khai báo tạm trú (mẫu NA17)101-Mau A17 tam tru.doc", "Phiếu khai báo tạm trú (mẫu NA17)", "101-Mau A17 tam tru.doc"},
	{"Đơn xin thường trú;Mẫu-NA12,-Đơn-xin.-doc.doc", "Đơn xin thường trú;", "Mẫu-NA12,-Đơn-xin.-doc.doc"},
	{"Tờ khai đề nghị cấp thẻ ABTC (mẫu TK06) (1).pdf", "Tờ khai đề nghị cấp thẻ ABTC (mẫu TK06) (1).pdf", ""},
	{"Giấy đề nghị cấp giấy phép theo mẫuTK 1.001023 (all).docx", "Giấy đề nghị cấp giấy phép theo mẫu", "TK 1.001023 (all).docx"},
	{"Văn bản đề nghị theo Mẫu 04 Nghị định số 23/2026/NĐ-CPMau04.docx", "Văn bản đề nghị theo Mẫu 04 Nghị định số 23/2026/NĐ-CP", "Mau04.docx"},
	{"Văn bản đề nghị cấp giấy phép theo mẫu1.000312.docx", "Văn bản đề nghị cấp giấy phép theo mẫu", "1.000312.docx"},
	{"Ảnh màu cỡ 4x6 cm có nền trắngmau so 12.doc", "Ảnh màu cỡ 4x6 cm có nền trắngmau so 12.doc", ""},
	{"Đơn theo Quyết định 54/2015/QĐ-TTg ngày 1/1.Mẫu 01.docMẫu 02.pdf", "Đơn theo Quyết định 54/2015/QĐ-TTg ngày 1/1.", "Mẫu 01.doc\nMẫu 02.pdf"},
	{"Giấy đề nghị (bổ sung),PL 01 TT 62.docx", "Giấy đề nghị (bổ sung),", "PL 01 TT 62.docx"},
	{"Lệ phí 1.200.000 đồng", "Lệ phí 1.200.000 đồng", ""},
}

func TestSplitTemplate(t *testing.T) {
	for _, c := range templateCases {
		name, tmpl, _ := splitTemplate(c.in)
		if name != c.name || tmpl != c.tmpl {
			t.Errorf("splitTemplate(%q) = %q, %q; want %q, %q", c.in, name, tmpl, c.name, c.tmpl)
		}
	}
}

var legalCases = []struct {
	name string
	in   string
	want []LegalDoc
	warn []string
}{
	{
		name: "glued pairs (1.001193)",
		in: legalHeader + "Thông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền HĐND tỉnh85/2019/TT-BTC" +
			"Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 hướng dẫn Luật Hộ tịch123/2015/NĐ-CP" +
			"Nghị quyết số 66.7/2025/NQ-CP của Chính phủ66.7/2025/NQ-CP" +
			"Luật 60/2014/QH1360/2014/QH13" +
			"Quyết định số 12/2021/QĐ-TTg về ứng phó12/2021/QĐ-TTg" +
			"Luật số 43/2024/QH15 ngày 29/6/202443/2024/QH15" +
			"Thông tư sửa đổi Thông tư 85/2019/TT-BTC.106/2021/TT-BTC",
		want: []LegalDoc{
			{Number: "85/2019/TT-BTC", Title: "Thông tư Hướng dẫn về phí và lệ phí thuộc thẩm quyền HĐND tỉnh"},
			{Number: "123/2015/NĐ-CP", Title: "Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 hướng dẫn Luật Hộ tịch"},
			{Number: "66.7/2025/NQ-CP", Title: "Nghị quyết số 66.7/2025/NQ-CP của Chính phủ"},
			{Number: "60/2014/QH13", Title: "Luật 60/2014/QH13"},
			{Number: "12/2021/QĐ-TTg", Title: "Quyết định số 12/2021/QĐ-TTg về ứng phó"},
			{Number: "43/2024/QH15", Title: "Luật số 43/2024/QH15 ngày 29/6/2024"},
			{Number: "106/2021/TT-BTC", Title: "Thông tư sửa đổi Thông tư 85/2019/TT-BTC."},
		},
	},
	{
		name: "number cut after the year",
		in:   legalHeader + "Luật Đầu tư61/2020/QH14Nghị định sửa đổi thủ tục14/2026",
		want: []LegalDoc{{Number: "61/2020/QH14", Title: "Luật Đầu tư"}, {Number: "14/2026", Title: "Nghị định sửa đổi thủ tục"}},
	},
	{
		name: "no number",
		in:   legalHeader + "Luật thú y19/6/2015",
		want: []LegalDoc{{Title: "Luật thú y19/6/2015"}},
		warn: []string{"legal basis: cannot find the document number"},
	},
	{name: "no data", in: "Không có thông tin"},
}

func TestParseGluedLegal(t *testing.T) {
	for _, c := range legalCases {
		t.Run(c.name, func(t *testing.T) {
			var w warnings
			got := parseGluedLegal(c.in, &w)
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("legal basis\n got %q\nwant %q", got, c.want)
			}
			checkWarnings(t, w, c.warn)
		})
	}
}

func FuzzParseGluedLegal(f *testing.F) {
	for _, c := range legalCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w warnings
		for _, d := range parseGluedLegal(s, &w) {
			if d.Number != "" && !docNumberRe.MatchString(d.Number) && !shortNumberRe.MatchString(d.Number) {
				t.Fatalf("bad number %q from %q", d.Number, s)
			}
		}
	})
}

func TestParseGluedResults(t *testing.T) {
	in := "Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cưMã: KQ.G01.000064Phiếu khai báo tạm vắng (CT03)Mã: KQ.G01.000061" +
		"Từ khóaKhai báo tạm vắng, tạm vắngMô tảKhông có thông tinChọn cơ quan thực hiệnTỉnh/ Thành phốNộp hồ sơ"
	res, kw := parseGluedResults(in)
	want := []Result{
		{Code: "KQ.G01.000064", Name: "Cập nhật thông tin trong Cơ sở dữ liệu quốc gia về dân cư"},
		{Code: "KQ.G01.000061", Name: "Phiếu khai báo tạm vắng (CT03)"},
	}
	if !reflect.DeepEqual(res, want) || !reflect.DeepEqual(kw, []string{"Khai báo tạm vắng", "tạm vắng"}) {
		t.Fatalf("parseGluedResults = %q, %q", res, kw)
	}
	res, kw = parseGluedResults("Văn bản chấp thuậnTừ khóaKhông có thông tinMô tảKhông có thông tin")
	if !reflect.DeepEqual(res, []Result{{Name: "Văn bản chấp thuận"}}) || kw != nil {
		t.Fatalf("parseGluedResults without code = %q, %q", res, kw)
	}
}

func TestParseDVCQGRecord(t *testing.T) {
	rec := map[string]string{
		"ma_thu_tuc": "1.002099", "ten_thu_tuc": "Đăng ký hoạt động của chi nhánh của tổ chức hành nghề luật sư",
		"so_quyet_dinh": "1262/QĐ-BTP", "cap_thuc_hien": "Cấp tỉnh", "loai_thu_tuc": "TTHC được giao luật quy định chi tiết",
		"linh_vuc": "Luật sư", "doi_tuong_thuc_hien": "Tổ chức (không bao gồm doanh nghiệp, HTX)",
		"co_quan_co_tham_quyen": "", "co_quan_thuc_hien": "Sở Tư pháp", "dia_chi_tiep_nhan": "",
		"co_quan_duoc_uy_quyen": "", "co_quan_phoi_hop": "Không có thông tin", "thu_tuc_lien_quan": "Không có thông tin",
		"trinh_tu_thuc_hien":  "Bước 1: nộp hồ sơ.\nBước 2: nhận kết quả.",
		"cach_thuc_thuc_hien": channelHeader + "Trực tiếp5 Ngày50,000 Việt Nam Đồng",
		"thanh_phan_ho_so":    "--" + ch + "Quyết định thành lập chi nhánh1 bản chính",
		"can_cu_phap_ly":      legalHeader + "Luật Luật sư65/2006/QH11",
		"yeu_cau_dieu_kien":   "Không có thông tinTừ khóaKhông có thông tinMô tảKhông có thông tin",
		"ket_qua_xu_ly":       "Giấy đăng ký hoạt động của chi nhánhMã: KQ.G15.000093Từ khóaKhông có thông tin",
		"raw_text":            "",
	}
	b, _ := json.Marshal(rec)
	p, w, err := parseDVCQG(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 0 {
		t.Errorf("warnings %q", w)
	}
	if p.Code != "1.002099" || p.DecisionNumber != "1262/QĐ-BTP" || !reflect.DeepEqual(p.Levels, []Level{LevelProvince}) ||
		p.Field.Name != "Luật sư" || p.Conditions != "" || len(p.Agencies.Coordinating) != 0 ||
		p.Agencies.Executing[0].Name != "Sở Tư pháp" || p.Components() != 1 || p.Channels[0].Fees[0].Amount != 50000 ||
		p.LegalBasis[0].Number != "65/2006/QH11" || p.Results[0].Code != "KQ.G15.000093" || p.Steps[0].Text == "" {
		j, _ := json.MarshalIndent(p, "", " ")
		t.Fatalf("parsed record:\n%s", j)
	}
	for _, bad := range []struct{ json, want string }{
		{`{"ma_thu_tuc": "", "ten_thu_tuc": "x", "cach_thuc_thuc_hien": ""}`, "missing procedure code"},
		{`{"ma_thu_tuc": "1.002099", "ten_thu_tuc": " ", "cach_thuc_thuc_hien": ""}`, "empty name"},
		{`{"ma_thu_tuc": 5, "cach_thuc_thuc_hien": ""}`, "dvcqg record"},
	} {
		if _, _, err := parseDVCQG([]byte(bad.json)); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("parseDVCQG(%s) error = %v, want %q", bad.json, err, bad.want)
		}
	}
}

func TestComponentsFromPage(t *testing.T) {
	channels := channelHeader + "Trực tiếp6 Ngày làm việcMiễn phí"
	page := "Tên thủ tục…Cách Thức Thực Hiện" + channels + "Thành phần hồ sơ--" + ch + "Sổ BHXH1 bản chínhCăn cứ pháp lý" + legalHeader
	got, ok := componentsFromPage(page, channels)
	if !ok || got != "--"+ch+"Sổ BHXH1 bản chính" {
		t.Fatalf("componentsFromPage = %q, %v", got, ok)
	}
	if _, ok := componentsFromPage("Thành phần hồ sơ--Căn cứ pháp lý", ""); ok {
		t.Fatal("found components in a section without the header row")
	}
}
