package catalog

import (
	"reflect"
	"strings"
	"testing"
	"unicode"
)

var foldCases = []struct{ in, want string }{
	{"Thủ tục đăng ký khai sinh", "thu tuc dang ky khai sinh"},
	{"ĐĂNG KÝ KẾT HÔN", "dang ky ket hon"},
	{"đa\u0306ng ky\u0301", "dang ky"}, // decomposed
	{"Ủy ban  nhân\tdân\n", "uy ban nhan dan"},
	{"  Giấy phép (cấp lại) 1.004227 ", "giay phep (cap lai) 1.004227"},
	{"Ưu tiên Ơn Ỳ ỹ", "uu tien on y y"},
	{"", ""},
	{"\u00a0x\u2003y", "x y"},
}

func TestFold(t *testing.T) {
	for _, c := range foldCases {
		if got := fold(c.in); got != c.want {
			t.Errorf("fold(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, c := range foldCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := fold(s)
		if fold(k) != k {
			t.Fatalf("fold not idempotent: %q -> %q -> %q", s, k, fold(k))
		}
		if strings.Contains(k, "  ") || strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") {
			t.Fatalf("fold(%q) = %q has stray spaces", s, k)
		}
		for _, r := range k {
			if r >= 0x300 && r <= 0x36f || r == 'đ' || r == 'Đ' || r >= 'A' && r <= 'Z' {
				t.Fatalf("fold(%q) = %q keeps %q", s, k, r)
			}
		}
	})
}

func TestSplitNames(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Công dân Việt Nam, Người Việt Nam định cư ở nước ngoài", []string{"Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"}},
		{"Cán bộ, công chức, viên chức", []string{"Cán bộ, công chức, viên chức"}},
		{"Tổ chức (không bao gồm doanh nghiệp, HTX), Doanh nghiệp", []string{"Tổ chức (không bao gồm doanh nghiệp, HTX)", "Doanh nghiệp"}},
		{"Sở Tư pháp\nỦy ban nhân dân cấp tỉnh\n", []string{"Sở Tư pháp", "Ủy ban nhân dân cấp tỉnh"}},
		{"A; B, A", []string{"A", "B"}},
		{"Không có thông tin", nil},
		{"", nil},
	}
	for _, c := range cases {
		if got := splitNames(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("splitNames(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseLevels(t *testing.T) {
	cases := []struct {
		in       string
		want     []Level
		text     string
		warnings int
	}{
		{"Cấp bộ, Cấp tỉnh, Cấp xã", []Level{LevelMinistry, LevelProvince, LevelCommune}, "", 0},
		{"Cấp Xã, Cơ quan khác", []Level{LevelCommune, LevelOther}, "", 0},
		{"Cấp Huyện", []Level{LevelDistrict}, "", 0},
		{"Cấp Bộ, Cấp Bộ", []Level{LevelMinistry}, "", 0},
		{"Cấp tỉnh, Cấp thôn", []Level{LevelProvince}, "Cấp tỉnh, Cấp thôn", 1},
		{"", nil, "", 0},
	}
	for _, c := range cases {
		var w warnings
		got, text := parseLevels(c.in, &w)
		if !reflect.DeepEqual(got, c.want) || text != c.text || len(w) != c.warnings {
			t.Errorf("parseLevels(%q) = %v, %q, %q; want %v, %q, %d warnings", c.in, got, text, w, c.want, c.text, c.warnings)
		}
	}
}

var timeCases = []struct {
	in   string
	want Time
	warn string // substring of the expected warning, "" for none
}{
	{"30 Ngày làm việc", Time{Value: 30, Unit: UnitWorkingDays}, ""},
	{"05 ngày làm việc", Time{Value: 5, Unit: UnitWorkingDays}, ""},
	{"20 Ngày", Time{Value: 20, Unit: UnitDays}, ""},
	{"0.5 Giờ", Time{Value: 0.5, Unit: UnitHours}, ""},
	{"0,5 Giờ", Time{Value: 0.5, Unit: UnitHours}, ""},
	{"3 Tháng", Time{Value: 3, Unit: UnitMonths}, ""},
	{"1 Năm", Time{Value: 12, Unit: UnitMonths, Text: "1 Năm"}, ""},
	{"30 Phút", Time{Value: 0.5, Unit: UnitHours, Text: "30 Phút"}, ""},
	{"Không quy định", Time{Unit: UnitNone, Text: "Không quy định"}, ""},
	{"Không", Time{Unit: UnitNone, Text: "Không"}, ""},
	{"1", Time{Value: 1, Text: "1"}, `time "1" has no unit`},
	{"7 Theo quy định", Time{Value: 7, Text: "7 Theo quy định"}, `unknown time unit "Theo quy định"`},
	{"10-25", Time{Text: "10-25"}, `cannot read time "10-25"`},
	{"Chậm nhất là ngay trước khi tàu rời cảng", Time{Text: "Chậm nhất là ngay trước khi tàu rời cảng"}, "cannot read time"},
	{"Không có thông tin", Time{}, "no processing time published"},
	{"", Time{}, "no processing time published"},
}

func TestParseTimeText(t *testing.T) {
	for _, c := range timeCases {
		var w warnings
		got := parseTimeText(c.in, "channel 1", &w)
		if got != c.want {
			t.Errorf("parseTimeText(%q) = %+v, want %+v", c.in, got, c.want)
		}
		switch {
		case c.warn == "" && len(w) > 0:
			t.Errorf("parseTimeText(%q): unexpected warnings %q", c.in, w)
		case c.warn != "" && (len(w) != 1 || !strings.Contains(w[0], c.warn)):
			t.Errorf("parseTimeText(%q): warnings %q, want one containing %q", c.in, w, c.warn)
		}
		if got.Known() != (got.Unit != UnitUnparsed) || (c.warn != "" && got.Known()) {
			t.Errorf("parseTimeText(%q): Known() = %v with a warning", c.in, got.Known())
		}
	}
}

func FuzzParseTimeText(f *testing.F) {
	for _, c := range timeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w warnings
		tm := parseTimeText(s, "x", &w)
		if tm.Unit == UnitUnparsed && len(w) == 0 {
			t.Fatalf("parseTimeText(%q) unparsed without a warning", s)
		}
		if tm.Unit != UnitUnparsed && len(w) != 0 {
			t.Fatalf("parseTimeText(%q) = %+v with warnings %q", s, tm, w)
		}
		if tm.Value < 0 {
			t.Fatalf("negative time %v", tm.Value)
		}
	})
}

var amountCases = []struct {
	in   string
	want int64
	ok   bool
}{
	{"0", 0, true}, {"50000", 50000, true}, {"50,000", 50000, true}, {"1,200,000", 1200000, true},
	{"2.000.000", 2000000, true}, {"135", 135, true},
	{"1.5", 0, false}, {"1,20", 0, false}, {"12,0000", 0, false}, {"1.000,000", 0, false},
	{",000", 0, false}, {"", 0, false}, {"1.", 0, false}, {"1234,567", 0, false}, {"o", 0, false},
	{"99999999999999999999", 0, false},
}

func TestParseAmount(t *testing.T) {
	for _, c := range amountCases {
		got, ok := parseAmount(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("parseAmount(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func FuzzParseAmount(f *testing.F) {
	for _, c := range amountCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, ok := parseAmount(s)
		if ok && v < 0 {
			t.Fatalf("parseAmount(%q) = %d", s, v)
		}
		if ok && strings.IndexFunc(strings.TrimSpace(s), func(r rune) bool { return !unicode.IsDigit(r) && r != '.' && r != ',' }) >= 0 {
			t.Fatalf("parseAmount(%q) accepted non-digits", s)
		}
	})
}

func TestNormDateAndMethods(t *testing.T) {
	for in, want := range map[string]string{
		"20-11-2014": "2014-11-20", "1/7/2025": "2025-07-01", "2015-11-15": "2015-11-15",
		"2015-11-15T00:00:00": "2015-11-15", "32/13/2020": "32/13/2020", "ngày 1 tháng 7": "ngày 1 tháng 7",
	} {
		if got := normDate(in); got != want {
			t.Errorf("normDate(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]Method{
		"Trực tiếp": MethodDirect, "TRỰC TUYẾN": MethodOnline, "Dịch vụ bưu chính": MethodPostal,
		"Bưu chính công ích": MethodPostal, "1": MethodDirect, "3": MethodPostal, "fax": MethodUnknown,
	} {
		if got, _ := parseMethodName(in); got != want {
			t.Errorf("parseMethodName(%q) = %v, want %v", in, got, want)
		}
	}
	if MethodPostal.String() != "Dịch vụ bưu chính" || Method(9).String() != "Không xác định" {
		t.Error("Method.String")
	}
}

func TestBaseCodeAndGet(t *testing.T) {
	for in, want := range map[string]string{
		"1.001193": "1.001193", "1.001193.000.00.00.H48": "1.001193", "abc": "abc", "1": "1", ".5.6": ".5.6",
	} {
		if got := BaseCode(in); got != want {
			t.Errorf("BaseCode(%q) = %q, want %q", in, got, want)
		}
	}
	s := NewSet("", []*Procedure{{Code: "2.000001"}, {Code: "1.001193"}, {Code: "1.001193.000.00.00.H48"}})
	if s.Procedures[0].Code != "1.001193" || s.Len() != 3 {
		t.Fatalf("NewSet order: %v", s.Procedures)
	}
	for code, want := range map[string]string{
		"1.001193": "1.001193", " 1.001193.000.00.00.H48": "1.001193.000.00.00.H48", "1.001193.000.00.00.H99": "1.001193",
	} {
		if p, ok := s.Get(code); !ok || p.Code != want {
			t.Errorf("Get(%q) = %v", code, p)
		}
	}
	if _, ok := s.Get("9.999999"); ok {
		t.Error("Get(9.999999) found something")
	}
	// a set decoded from JSON has no lookup map
	js := &Set{Procedures: s.Procedures}
	if p, ok := js.Get("1.001193.000.00.00.H99"); !ok || p.Code != "1.001193" {
		t.Errorf("Get on a JSON set = %v, %v", p, ok)
	}
}
