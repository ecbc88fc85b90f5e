package vntext

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// vnBases are the Vietnamese vowel letters with their hat/breve/horn marks
// written decomposed; vnTones the five tone marks.
var (
	vnBases = []string{"a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031B", "u", "u\u031B", "y"}
	vnTones = []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
)

func TestNFCUnicodeVersion(t *testing.T) {
	if unicodeVersion != norm.Version {
		t.Fatalf("tables.go is for Unicode %s but x/text norm is %s: run go generate ./vntext", unicodeVersion, norm.Version)
	}
}

func TestNFCTable(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"Nguyen Van A", "Nguyen Van A"},
		{"Nguye\u0302\u0303n", "Nguyễn"},
		{"e\u0323\u0302", "ệ"}, // canonical order
		{"e\u0302\u0323", "ệ"}, // reversed order, same text
		{"\u00ea\u0323", "ệ"},  // precomposed ê + dot below
		{"\u1eb9\u0302", "ệ"},  // ẹ + circumflex
		{"u\u031B\u0301", "ứ"}, // horn + acute
		{"u\u0301\u031B", "ứ"}, // acute before horn (ccc 230 > 216)
		{"o\u031B\u0323", "ợ"}, // horn (216) before dot below (220)
		{"o\u0323\u031B", "ợ"}, // dot below first
		{"D\u0303", "D\u0303"}, // no composite
		{"\u0301a", "\u0301a"}, // leading mark stays
		{"a\u0340", "à"},       // U+0340 is a singleton for U+0300
		{"Tr\u1EA7n Th\u1ECB", "Trần Thị"},
		{"\u212B", "Å"},             // Angstrom sign
		{"\u1100\u1161\u11A8", "각"}, // Hangul LVT
		{"Cafe\u0301 x", "Café x"},
		{"\xffe\u0301", "\xffé"},     // invalid byte kept
		{"e\u0301\u0301", "é\u0301"}, // second acute blocked
	}
	for _, c := range cases {
		if got := NFC(c.in); got != c.want {
			t.Errorf("NFC(%+q) = %+q, want %+q", c.in, got, c.want)
		}
		if utf8.ValidString(c.in) {
			if ref := norm.NFC.String(c.in); ref != c.want {
				t.Errorf("test case wrong: norm.NFC(%+q) = %+q, want %+q", c.in, ref, c.want)
			}
		}
	}
}

// TestNFCVietnameseLetters checks every Vietnamese letter, lower and upper
// case, written decomposed with the tone before or after the shape mark.
func TestNFCVietnameseLetters(t *testing.T) {
	n := 0
	for _, base := range vnBases {
		for _, tone := range vnTones {
			for _, up := range []bool{false, true} {
				b := base
				if up {
					b = strings.ToUpper(base[:1]) + base[1:]
				}
				forms := []string{b + tone}
				if len(b) > 1 && tone != "" {
					forms = append(forms, b[:1]+tone+b[1:])
				}
				want := norm.NFC.String(b + tone)
				if utf8.RuneCountInString(want) != 1 {
					t.Fatalf("norm did not compose %+q: %+q", b+tone, want)
				}
				for _, f := range forms {
					n++
					// Marks of the same class (230: breve, circumflex and
					// the tones other than the dot below) do not commute, so
					// each order is compared with norm on its own.
					if got, ref := NFC(f), norm.NFC.String(f); got != ref {
						t.Errorf("NFC(%+q) = %+q, want %+q", f, got, ref)
					}
					if got := NFC(want); got != want {
						t.Errorf("NFC(%+q) changed a composed letter to %+q", want, got)
					}
				}
			}
		}
	}
	for _, d := range []string{"đ", "Đ"} {
		if NFC(d) != d {
			t.Errorf("NFC(%q) changed", d)
		}
	}
	if n < 134 {
		t.Fatalf("only %d forms checked", n)
	}
}

// TestNFCEveryRune compares NFC with norm on every code point alone and
// after "a" and before U+0301.
func TestNFCEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		for _, s := range []string{string(r), "a" + string(r), string(r) + "\u0301"} {
			if got, want := NFC(s), norm.NFC.String(s); got != want {
				t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
			}
		}
	}
}

// TestNFCQuickRanges verifies the shortcut in runeNeedsCheck: the Latin
// ranges it skips contain no rune of nfcCheckTable.
func TestNFCQuickRanges(t *testing.T) {
	for _, e := range nfcCheckTable {
		for r := e.lo; r <= e.hi; r++ {
			if r < 0x0300 || (r >= 0x1E00 && r <= 0x1EFF) {
				t.Fatalf("U+%04X needs checking but runeNeedsCheck skips it", r)
			}
		}
	}
	// And the table really is what norm says.
	for r := rune(0x80); r < 0x3000; r++ {
		s := string(r)
		if !norm.NFC.IsNormalString(s) && !runeNeedsCheck(r) {
			t.Fatalf("U+%04X is not NFC but not flagged", r)
		}
	}
}

// randomText draws runes from Vietnamese and Latin letters, combining
// marks, Greek, Cyrillic, Hangul jamo and a few other scripts.
func randomText(rng *rand.Rand, n int) string {
	pools := [][]rune{
		[]rune("aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcdghklmnpqrstvx ,.0123456789"),
		[]rune("àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"),
		{0x0300, 0x0301, 0x0302, 0x0303, 0x0306, 0x0309, 0x031B, 0x0323, 0x0308, 0x0327, 0x0328, 0x030C, 0x0345, 0x0344, 0x0340, 0x0341, 0x0315, 0x05B0, 0x0591, 0x093C},
		[]rune("αεηιουωΑΩаеиоуАЕÅçñüöÇŒß€中文"),
		{0x1100, 0x1161, 0x11A8, 0xAC00, 0x0915, 0x093E, 0x0B47, 0x0B3E, 0x1F71, 0x212B, 0x2126},
	}
	var b strings.Builder
	for range n {
		p := pools[rng.IntN(len(pools))]
		b.WriteRune(p[rng.IntN(len(p))])
	}
	return b.String()
}

func TestNFCRandomMixes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 200000 {
		s := randomText(rng, 1+i%24)
		if got, want := NFC(s), norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
		d := norm.NFD.String(s)
		if got, want := NFC(d), norm.NFC.String(s); got != want {
			t.Fatalf("NFC(NFD %+q) = %+q, want %+q", d, got, want)
		}
	}
}

func TestNFCNoAllocFastPath(t *testing.T) {
	for _, s := range []string{"Nguyen Van A", "Nguyễn Văn Ân, Đắk Lắk, Trường Thuỷ", "Ελληνικά và Tiếng Việt"} {
		if a := testing.AllocsPerRun(100, func() { _ = NFC(s) }); a != 0 {
			t.Errorf("NFC(%q) allocates %v times", s, a)
		}
	}
}

func FuzzNFC(f *testing.F) {
	for _, s := range []string{"Nguye\u0302\u0303n", "e\u0302\u0323", "a\u0340", "\u1100\u1161\u11A8", "Trần Thị Thủy", "\xff\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NFC(s)
		if !utf8.ValidString(s) {
			return
		}
		if want := norm.NFC.String(s); got != want {
			t.Fatalf("NFC(%+q) = %+q, want %+q", s, got, want)
		}
	})
}

var benchNFD = norm.NFD.String("Nguyễn Văn Ân, thường trú tại Phường Đắk Lắk, Tỉnh Quảng Ngãi")

func BenchmarkNFC(b *testing.B) {
	for _, bc := range []struct{ name, s string }{
		{"ascii", "Nguyen Van An, thuong tru tai Phuong Dak Lak, Tinh Quang Ngai"},
		{"composed", norm.NFC.String(benchNFD)},
		{"decomposed", benchNFD},
	} {
		b.Run(bc.name+"/vntext", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = NFC(bc.s)
			}
		})
		b.Run(bc.name+"/norm", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = norm.NFC.String(bc.s)
			}
		})
	}
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(7, 11)) }
