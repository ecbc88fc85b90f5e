package vntext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

type typingCase struct {
	m     Method
	style ToneStyle
	keys  string
	want  string
}

// typingCases are real key sequences. Those of domain.md §11 come first.
var typingCases = []typingCase{
	// domain.md §11
	{Telex, Modern, "Nguyeenx Vawn Aan", "Nguyễn Văn Ân"},
	{Telex, Old, "Traanf Thij Thuyr", "Trần Thị Thủy"},
	{Telex, Modern, "Traanf Thij Thuyr", "Trần Thị Thuỷ"},
	{Telex, Modern, "Ddawks Lawks", "Đắk Lắk"},
	{Telex, Modern, "Quangr Ngaix", "Quảng Ngãi"},
	{Telex, Modern, "nguowif", "người"},
	{Telex, Modern, "truowngf", "trường"},
	{Telex, Modern, "tieengs", "tiếng"},
	{Telex, Modern, "ass", "as"},
	{Telex, Modern, "dd", "đ"},
	{Telex, Modern, "ddd", "dd"},
	// Marks and tones after the syllable.
	{Telex, Modern, "tiengse", "tiếng"},
	{Telex, Modern, "nguyenxe", "nguyễn"},
	{Telex, Modern, "truongwf", "trường"},
	{Telex, Modern, "truongfw", "trường"},
	{Telex, Modern, "vanw", "văn"},
	{Telex, Modern, "dungwj", "dựng"},
	{Telex, Modern, "hocj", "học"},
	{Telex, Modern, "toans", "toán"},
	{Telex, Modern, "hoangf", "hoàng"},
	{Telex, Modern, "khueechs", "khuếch"},
	// Tone placement, modern and old.
	{Telex, Modern, "hoaf", "hoà"},
	{Telex, Old, "hoaf", "hòa"},
	{Telex, Modern, "khoer", "khoẻ"},
	{Telex, Old, "khoer", "khỏe"},
	{Telex, Modern, "thuys", "thuý"},
	{Telex, Old, "thuys", "thúy"},
	{Telex, Modern, "mais", "mái"},
	{Telex, Modern, "chaos", "cháo"},
	{Telex, Modern, "mias", "mía"},
	{Telex, Modern, "muas", "múa"},
	{Telex, Modern, "khoais", "khoái"},
	{Telex, Old, "khoais", "khoái"},
	{Telex, Modern, "khuyru", "khuỷu"},
	{Telex, Old, "khuyru", "khuỷu"},
	{Telex, Modern, "khuyur", "khuỷu"},
	{Telex, Modern, "ngoayf", "ngoày"},
	{Telex, Modern, "khuyeenr", "khuyển"},
	{Telex, Modern, "yeeus", "yếu"},
	{Telex, Modern, "ruowuj", "rượu"},
	{Telex, Modern, "huowu", "hươu"},
	{Telex, Modern, "tuooir", "tuổi"},
	{Telex, Modern, "thuowr", "thuở"},
	{Telex, Modern, "huow", "huơ"},
	{Telex, Modern, "muwa", "mưa"},
	{Telex, Modern, "muaw", "mưa"},
	{Telex, Modern, "guiwr", "gửi"},
	// Tone moves when the cluster changes.
	{Telex, Old, "hoafn", "hoàn"},
	{Telex, Old, "hoaf\bn", "hòn"},
	{Telex, Modern, "thuyr\bys", "thuý"},
	{Telex, Modern, "mufa", "mùa"},
	{Telex, Modern, "tofan", "toàn"},
	{Telex, Old, "khofe", "khòe"},
	{Telex, Modern, "khofe", "khoè"},
	{Telex, Modern, "cuar", "của"},
	// qu and gi.
	{Telex, Modern, "quas", "quá"},
	{Telex, Modern, "gias", "giá"},
	{Telex, Modern, "gif", "gì"},
	{Telex, Modern, "gifn", "gìn"},
	{Telex, Modern, "ginf", "gìn"},
	{Telex, Modern, "giuwx", "giữ"},
	{Telex, Modern, "giuwxa", "giữa"},
	{Telex, Modern, "giuwowngf", "giường"},
	{Telex, Modern, "gieengs", "giếng"},
	{Telex, Modern, "quoocs", "quốc"},
	{Telex, Modern, "quyf", "quỳ"},
	{Telex, Modern, "quyr", "quỷ"},
	{Telex, Old, "quyr", "quỷ"},
	{Telex, Modern, "quyeenf", "quyền"},
	{Telex, Modern, "quawn", "quăn"},
	{Telex, Modern, "quaan", "quân"},
	{Telex, Modern, "quynhf", "quỳnh"},
	{Telex, Modern, "nghieeng", "nghiêng"},
	{Telex, Modern, "ngheef", "nghề"},
	// Undo by repeating.
	{Telex, Modern, "aa", "â"},
	{Telex, Modern, "aaa", "aa"},
	{Telex, Modern, "aw", "ă"},
	{Telex, Modern, "aww", "aw"},
	{Telex, Modern, "w", "ư"},
	{Telex, Modern, "ww", "w"},
	{Telex, Modern, "uww", "uw"},
	{Telex, Modern, "tuowngw", "tuongw"},
	{Telex, Modern, "toanss", "toans"},
	{Telex, Modern, "asz", "a"},
	{Telex, Modern, "az", "az"},
	{Telex, Modern, "asf", "à"},
	{Telex, Modern, "xooong", "xoong"},
	{Telex, Modern, "ddaa", "đâ"},
	// Capitals.
	{Telex, Modern, "NGUYEENX", "NGUYỄN"},
	{Telex, Modern, "DDAWKS LAWKS", "ĐẮK LẮK"},
	{Telex, Modern, "Ddoongf Thaps", "Đồng Tháp"},
	{Telex, Modern, "TRUOWNGF", "TRƯỜNG"},
	{Telex, Modern, "W", "Ư"},
	{Telex, Modern, "AS", "Á"},
	{Telex, Modern, "ASS", "AS"},
	{Telex, Modern, "HOAF", "HOÀ"},
	// Words that are not Vietnamese stay as typed.
	{Telex, Modern, "windows", "windows"},
	{Telex, Modern, "Windows 11", "Windows 11"},
	{Telex, Modern, "Schmidt", "Schmidt"},
	{Telex, Modern, "street", "street"},
	{Telex, Modern, "email", "email"},
	{Telex, Modern, "zalo", "zalo"},
	{Telex, Modern, "john", "john"},
	{Telex, Modern, "Krooong", "Kroong"},
	{Telex, Modern, "Kroong Buks", "Krông Búk"},
	// Punctuation and digits end words.
	{Telex, Modern, "Xin chaof, tooi laf Lan.", "Xin chào, tôi là Lan."},
	{Telex, Modern, "soos 12 ddaf", "số 12 đà"},
	{Telex, Modern, "Thuaanj-Thanhf", "Thuận-Thành"},
	// Full names and addresses.
	{Telex, Modern, "Lee Thij Hoongf Nhung", "Lê Thị Hồng Nhung"},
	{Telex, Modern, "Phamj Minh Ddwcs", "Phạm Minh Đức"},
	{Telex, Modern, "Huyf*nh", "Huỳ*nh"},
	{Telex, Old, "Huyf*nh", "Hùy*nh"},
	{Telex, Modern, "Huyhnf", "Huyhnf"},
	{Telex, Modern, "Huynhf", "Huỳnh"},
	{Telex, Modern, "Vox Thij Thanh Thuyr", "Võ Thị Thanh Thuỷ"},
	{Telex, Modern, "phuwowngf Beesn Nghes", "phường Bến Nghé"},
	{Telex, Modern, "thaanf Thij Kieeuf", "thần Thị Kiều"},
	{Telex, Modern, "Ddawng kys khai sinh", "Đăng ký khai sinh"},
	{Telex, Modern, "Tooj", "Tộ"},
	{Telex, Modern, "Hoaf Bifnh", "Hoà Bình"},
	{Telex, Old, "Hoaf Bifnh", "Hòa Bình"},
	{Telex, Modern, "Thuaaj", "Thuậ"},
	{Telex, Modern, "khuaays", "khuấy"},
	{Telex, Modern, "hoawcj", "hoặc"},
	{Telex, Modern, "ngoawts", "ngoắt"},
	{Telex, Modern, "uyeen", "uyên"},
	{Telex, Modern, "khuyas", "khuýa"},
	{Telex, Modern, "buowms", "bướm"},
	// VNI.
	{VNI, Modern, "Nguye6n4 Va8n A6n", "Nguyễn Văn Ân"},
	{VNI, Modern, "Nguyen64 Van8 An6", "Nguyễn Văn Ân"},
	{VNI, Old, "Tra6n2 Thi5 Thuy3", "Trần Thị Thủy"},
	{VNI, Modern, "Tra6n2 Thi5 Thuy3", "Trần Thị Thuỷ"},
	{VNI, Modern, "D9a8k1 La8k1", "Đắk Lắk"},
	{VNI, Modern, "Quang3 Ngai4", "Quảng Ngãi"},
	{VNI, Modern, "nguoi72", "người"},
	{VNI, Modern, "nguo7i2", "người"},
	{VNI, Modern, "tru7o7ng2", "trường"},
	{VNI, Modern, "truong72", "trường"},
	{VNI, Modern, "tie6ng1", "tiếng"},
	{VNI, Modern, "a11", "a1"},
	{VNI, Modern, "d99", "d9"},
	{VNI, Modern, "a66", "a6"},
	{VNI, Modern, "a88", "a8"},
	{VNI, Modern, "u77", "u7"},
	{VNI, Modern, "a10", "a"},
	{VNI, Modern, "a0", "a0"},
	{VNI, Modern, "hoa2", "hoà"},
	{VNI, Old, "hoa2", "hòa"},
	{VNI, Modern, "khuyu3", "khuỷu"},
	{VNI, Modern, "thuo73", "thuở"},
	{VNI, Modern, "huou7", "hươu"},
	{VNI, Modern, "gi2n", "gìn"},
	{VNI, Modern, "giu74", "giữ"},
	{VNI, Modern, "quo6c1", "quốc"},
	{VNI, Modern, "nghie6ng", "nghiêng"},
	{VNI, Modern, "7", "7"},
	{VNI, Modern, "so61 12", "số 12"},
	{VNI, Modern, "windows", "windows"},
	{VNI, Modern, "w", "w"},
	// Off.
	{Off, Modern, "Nguyeenx", "Nguyeenx"},
	{Off, Modern, "a1", "a1"},
}

func TestApplyString(t *testing.T) {
	if len(typingCases) < 120 {
		t.Fatalf("only %d cases", len(typingCases))
	}
	for _, c := range typingCases {
		got := ApplyString(c.m, c.style, c.keys)
		if got != c.want {
			t.Errorf("%v/%v %q = %q, want %q", c.m, c.style, c.keys, got, c.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("%q: output %+q not NFC", c.keys, got)
		}
	}
}

// TestApplyWord drives Apply directly with words the engine has not seen
// (the cursor moved into existing text).
func TestApplyWord(t *testing.T) {
	cases := []struct {
		m        Method
		word     string
		key      rune
		want     string
		consumed bool
	}{
		{Telex, "Nguyễn", 's', "Nguyến", true},
		{Telex, "Nguyễn", 'x', "Nguyênx", true}, // undo: only the tone
		{Telex, "hòa", 'n', "hoàn", true},       // tone moves
		{Telex, "ho\u0300a", 'n', "hoàn", true}, // decomposed input
		{Telex, "tieng", 'e', "tiêng", true},
		{Telex, "tieng", 'k', "tiengk", false},
		{Telex, "ban", ' ', "ban ", false},
		{Telex, "", 'a', "a", false},
		{Telex, "", 'w', "ư", true},
		{Telex, "abc", 's', "abcs", false},
		{Telex, "Müller", 's', "Müllers", false},
		{VNI, "Tien", '6', "Tiên", true},
		{VNI, "Tiên", '1', "Tiến", true},
		{VNI, "a", '9', "a9", false},
		{Off, "a", 's', "as", false},
		{Telex, "a", '\u0301', "á", true}, // a combining key composes
	}
	for _, c := range cases {
		e := Engine{Method: c.m}
		got, consumed := e.Apply([]rune(c.word), c.key)
		if string(got) != c.want || consumed != c.consumed {
			t.Errorf("%v Apply(%q, %q) = %q, %v; want %q, %v", c.m, c.word, c.key, string(got), consumed, c.want, c.consumed)
		}
	}
}

func TestWordStart(t *testing.T) {
	cases := []struct {
		text string
		want int
	}{
		{"", 0}, {"abc", 0}, {"ab c", 3}, {"số 12", 5}, {"Nguyễn", 0}, {"x, Trần", 3}, {"e\u0301", 0},
	}
	for _, c := range cases {
		if got := WordStart([]rune(c.text)); got != c.want {
			t.Errorf("WordStart(%q) = %d, want %d", c.text, got, c.want)
		}
	}
}

func TestParseMethod(t *testing.T) {
	for _, m := range []Method{Off, Telex, VNI} {
		got, err := ParseMethod(strings.ToUpper(m.String()))
		if err != nil || got != m {
			t.Errorf("ParseMethod(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := ParseMethod("viqr"); err == nil || !strings.Contains(err.Error(), `"viqr"`) {
		t.Errorf("ParseMethod(viqr) error = %v", err)
	}
}

// TestEveryLetterTelexVNI types every Vietnamese letter with every tone in
// both methods, alone and after a consonant.
func TestEveryLetterTelexVNI(t *testing.T) {
	telexShape := map[string]string{"a": "a", "ă": "aw", "â": "aa", "e": "e", "ê": "ee", "i": "i", "o": "o", "ô": "oo", "ơ": "ow", "u": "u", "ư": "uw", "y": "y"}
	vniShape := map[string]string{"a": "a", "ă": "a8", "â": "a6", "e": "e", "ê": "e6", "i": "i", "o": "o", "ô": "o6", "ơ": "o7", "u": "u", "ư": "u7", "y": "y"}
	telexTone := []string{"", "s", "f", "r", "x", "j"}
	for _, row := range vowelRows {
		base := string(row.forms[:utf8.RuneLen([]rune(row.forms)[0])])
		for ti, r := range []rune(row.forms) {
			for _, onset := range []string{"", "b", "Th"} {
				want := onset + string(r)
				if row.mark == markBreve || (row.mark == markHat && row.base == 'a') {
					// ă and â never end a syllable; test them closed.
					want += "n"
				}
				tail := strings.TrimPrefix(want, onset+string(r))
				tk := onset + telexShape[base] + tail + telexTone[ti]
				if got := ApplyString(Telex, Modern, tk); got != want {
					t.Errorf("Telex %q = %q, want %q", tk, got, want)
				}
				vk := onset + vniShape[base] + tail
				if ti != 0 {
					vk += string(rune('0' + ti))
				}
				if got := ApplyString(VNI, Modern, vk); got != want {
					t.Errorf("VNI %q = %q, want %q", vk, got, want)
				}
			}
		}
	}
}

func TestEngineNeverPanicsRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	alphabet := []rune("aeiouydwsfrxjzqgnhtcAEOUWDSF0123456789 .,\bé\u0301ñ")
	for i := range 20000 {
		var b strings.Builder
		for range 1 + i%30 {
			b.WriteRune(alphabet[rng.IntN(len(alphabet))])
		}
		for _, m := range []Method{Telex, VNI} {
			checkTyped(t, m, Modern, b.String())
		}
	}
}

func checkTyped(t *testing.T, m Method, style ToneStyle, keys string) {
	t.Helper()
	got := ApplyString(m, style, keys)
	if !utf8.ValidString(got) {
		t.Fatalf("%v %+q: invalid UTF-8 %+q", m, keys, got)
	}
	if !norm.NFC.IsNormalString(got) {
		t.Fatalf("%v %+q: not NFC: %+q", m, keys, got)
	}
}

func FuzzApplyString(f *testing.F) {
	for _, c := range typingCases {
		f.Add(uint8(c.m), uint8(c.style), c.keys)
	}
	f.Fuzz(func(t *testing.T, m, style uint8, keys string) {
		checkTyped(t, Method(m%3), ToneStyle(style%2), keys)
	})
}

func BenchmarkApplyString(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = ApplyString(Telex, Modern, "Nguyeenx Vawn Aan, phuwowngf Beesn Nghes")
	}
}
