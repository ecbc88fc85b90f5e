package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

var foldCases = []struct{ in, want string }{
	{"", ""},
	{"abc", "abc"},
	{"  Giấy phép  XÂY DỰNG (cấp lại)", "giay phep xay dung cap lai"},
	{"Thủ tục 1.004227", "thu tuc 1.004227"},
	{"Đăng ký khai sinh", "dang ky khai sinh"},
	{"ĐẮK LẮK", "dak lak"},
	{"đ Đ ð Ð", "d d d d"},
	{"Nghị định 118/2025/NĐ-CP", "nghi dinh 118 2025 nd cp"},
	{"Nguye\u0302\u0303n", "nguyen"}, // decomposed
	{"Trường\tthuở\r\nxưa", "truong thuo xua"},
	{"ươ ƯƠ ă Ă â Â ê Ê ô Ô", "uo uo a a a a e e o o"},
	{"áàảãạ ÝỲỶỸỴ", "aaaaa yyyyy"},
	{"a--b", "a b"},
	{"  ", ""},
	{"...", "..."},
	{"Café Müller ÅÇ", "cafe muller ac"},
	{"a\xffb", "a b"},
	{"Ελληνικά", "ελληνικα"},
	{"中文 測試", "中文 測試"},
	{"\u0301abc", "abc"},
}

func TestFold(t *testing.T) {
	for _, c := range foldCases {
		if got := Fold(c.in); got != c.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", c.in, got, c.want)
		}
		if got := string(AppendFold([]byte("x:"), c.in)); got != "x:"+c.want {
			t.Errorf("AppendFold(%+q) = %+q", c.in, got)
		}
		if got := Fold(c.want); got != c.want {
			t.Errorf("Fold not idempotent on %+q: %+q", c.want, got)
		}
	}
}

// TestFoldEveryVietnameseLetter checks that each of the 134 letters folds
// to its base, composed or decomposed.
func TestFoldEveryVietnameseLetter(t *testing.T) {
	n := 0
	for _, row := range vowelRows {
		for _, r := range row.forms {
			for _, s := range []string{string(r), strings.ToUpper(string(r))} {
				n++
				if got := Fold(s); got != string(row.base) {
					t.Errorf("Fold(%q) = %q, want %q", s, got, string(row.base))
				}
				if got := Fold(norm.NFD.String(s)); got != string(row.base) {
					t.Errorf("Fold(NFD %q) = %q", s, got)
				}
			}
		}
	}
	if n != 144 {
		t.Fatalf("checked %d letters", n)
	}
}

// TestFoldMatchesNFC checks Fold(s) == Fold(NFC(s)) == Fold(NFD(s)) on
// random text.
func TestFoldMatchesNFC(t *testing.T) {
	rng := newRand()
	for i := range 20000 {
		s := randomText(rng, 1+i%20)
		f := Fold(s)
		if !utf8.ValidString(f) {
			t.Fatalf("Fold(%+q) invalid UTF-8", s)
		}
		if g := Fold(norm.NFC.String(s)); g != f {
			t.Fatalf("Fold(%+q) = %+q but Fold(NFC) = %+q", s, f, g)
		}
		if g := Fold(norm.NFD.String(s)); g != f {
			t.Fatalf("Fold(%+q) = %+q but Fold(NFD) = %+q", s, f, g)
		}
	}
}

func TestFoldAllocs(t *testing.T) {
	if a := testing.AllocsPerRun(100, func() { _ = Fold("giay phep xay dung") }); a != 0 {
		t.Errorf("Fold of a key allocates %v", a)
	}
	if a := testing.AllocsPerRun(100, func() { _ = Fold("Giấy phép xây dựng") }); a != 1 {
		t.Errorf("Fold allocates %v, want 1", a)
	}
	buf := make([]byte, 0, 64)
	if a := testing.AllocsPerRun(100, func() { buf = AppendFold(buf[:0], "Giấy phép xây dựng") }); a != 0 {
		t.Errorf("AppendFold allocates %v", a)
	}
}

func FuzzFold(f *testing.F) {
	for _, c := range foldCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("invalid UTF-8 %+q", got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%+q) = %+q: bad spaces", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold not idempotent: %+q -> %+q -> %+q", s, got, Fold(got))
		}
	})
}

func BenchmarkFold(b *testing.B) {
	s := "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất"
	b.ReportAllocs()
	for b.Loop() {
		_ = Fold(s)
	}
}

func BenchmarkAppendFold(b *testing.B) {
	s := "Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất"
	buf := make([]byte, 0, 256)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendFold(buf[:0], s)
	}
}
