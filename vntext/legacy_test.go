package vntext

import (
	"strings"
	"testing"
	"unicode"
)

// toTCVN3 encodes Unicode text as TCVN3 read as Latin-1, with capitals
// written in the lower-case codes as the .VnTimeH fonts do.
func toTCVN3(s string) string {
	enc := map[rune]rune{}
	for code, r := range tcvn3 {
		enc[r] = code
	}
	var b strings.Builder
	for _, r := range NFC(s) {
		if c, ok := enc[r]; ok {
			b.WriteRune(c)
		} else if c, ok := enc[unicode.ToLower(r)]; ok {
			b.WriteRune(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toVNI encodes Unicode text as VNI-Windows read as Latin-1.
func toVNI(s string) string {
	var b strings.Builder
	for _, r := range NFC(s) {
		l, t, ok := decodeRune(r)
		if !ok || r < 0x80 {
			b.WriteRune(r)
			continue
		}
		up := func(m rune) rune {
			if l.upper {
				return unicode.ToUpper(m)
			}
			return m
		}
		// One-byte letters first.
		single := false
		for k, v := range vniSingle {
			if v.l.base == l.base && v.l.mark == l.mark && v.t == t {
				b.WriteRune(up(k))
				single = true
				break
			}
		}
		if single {
			continue
		}
		base := l.base
		switch {
		case l.mark == markHorn && base == 'o':
			b.WriteRune(up('ô'))
		case l.mark == markHorn && base == 'u':
			b.WriteRune(up('ö'))
		default:
			b.WriteRune(up(base))
		}
		switch {
		case l.mark == markHat:
			b.WriteRune(up(vniHat[t]))
		case l.mark == markBreve:
			b.WriteRune(up(vniBreve[t]))
		case t != ToneNone:
			b.WriteRune(up(vniTone[t-1]))
		}
	}
	return b.String()
}

var legacySamples = []string{
	"Nguyễn Văn Ân",
	"Trần Thị Thuỷ",
	"Cộng hoà xã hội chủ nghĩa Việt Nam",
	"Độc lập - Tự do - Hạnh phúc",
	"Đắk Lắk",
	"Thành phố Hồ Chí Minh",
	"Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
	"Phường Bến Nghé, quận Một",
	"người dân đến nộp hồ sơ tại bộ phận một cửa",
	"Khuỷu tay, khuya, ngoằn ngoèo, quốc, giường, thuở, hươu",
}

func TestLegacyKnownStrings(t *testing.T) {
	cases := []struct {
		in   string
		enc  Encoding
		want string
	}{
		{"NguyÔn V¨n ¢n", TCVN3, "Nguyễn Văn Ân"},
		{"B¶o Th¾ng", TCVN3, "Bảo Thắng"},
		{"B¸t X¸t", TCVN3, "Bát Xát"},
		{"Hµ Néi", TCVN3, "Hà Nội"},
		{"Ng\u00adêi", TCVN3, "Người"},
		{"CéNG HOµ X· HéI", TCVN3, "CỘNG HOÀ XÃ HỘI"}, // one-letter X· is a capital in all-caps text
		{"Nguyeãn Vaên AÂn", VNIWindows, "Nguyễn Văn Ân"},
		{"ñöôøng", VNIWindows, "đường"},
		{"Xin chaøo caùc baïn", VNIWindows, "Xin chào các bạn"},
		{"Vieät Nam", VNIWindows, "Việt Nam"},
		{"ÑAÉK LAÉK", VNIWindows, "ĐẮK LẮK"},
		{"Nguyeãn Thò Hoa", VNIWindows, "Nguyễn Thị Hoa"},
		{"khoûe", VNIWindows, "khỏe"},
	}
	for _, c := range cases {
		got := FromLegacy(c.in, c.enc)
		if got != c.want {
			t.Errorf("From%v(%q) = %q, want %q", c.enc, c.in, got, c.want)
		}
		if enc, ok := DetectLegacy(c.in); !ok || enc != c.enc {
			t.Errorf("DetectLegacy(%q) = %v, %v; want %v", c.in, enc, ok, c.enc)
		}
	}
}

func TestLegacyRoundTrip(t *testing.T) {
	for _, s := range legacySamples {
		for _, v := range []string{s, strings.ToUpper(s)} {
			tc := toTCVN3(v)
			if got := FromTCVN3(tc); got != v {
				t.Errorf("FromTCVN3(%q) = %q, want %q", tc, got, v)
			}
			if enc, ok := DetectLegacy(tc); !ok || enc != TCVN3 {
				t.Errorf("DetectLegacy(%q) = %v, %v; want TCVN3", tc, enc, ok)
			}
			vn := toVNI(v)
			if got := FromVNIWindows(vn); got != v {
				t.Errorf("FromVNIWindows(%q) = %q, want %q", vn, got, v)
			}
			if enc, ok := DetectLegacy(vn); !ok || enc != VNIWindows {
				t.Errorf("DetectLegacy(%q) = %v, %v; want VNI-Windows", vn, enc, ok)
			}
		}
	}
}

// TestLegacyEveryLetter converts each of the 134 letters and đ, in both
// cases, through both encodings.
func TestLegacyEveryLetter(t *testing.T) {
	var all []string
	for _, row := range vowelRows {
		for _, r := range row.forms {
			all = append(all, string(r), string(unicode.ToUpper(r)))
		}
	}
	all = append(all, "đ", "Đ")
	for _, s := range all {
		if got := FromVNIWindows(toVNI(s)); got != s {
			t.Errorf("VNI round trip %q -> %q -> %q", s, toVNI(s), got)
		}
		if unicode.IsLower([]rune(s)[0]) {
			if got := FromTCVN3(toTCVN3(s)); got != s {
				t.Errorf("TCVN3 round trip %q -> %q -> %q", s, toTCVN3(s), got)
			}
		}
	}
}

func TestLegacyNotDetected(t *testing.T) {
	// "Thò" alone is a Vietnamese word as it stands, though VNI would read
	// it "Thị": a single valid word is never taken for a legacy encoding.
	for _, s := range append([]string{"Thò",
		"", "Nguyen Van An", "Müller", "Café au lait", "naïve façade", "25°C", "© 2025 Bộ Công an",
		"Straße", "Ελληνικά", "José Martí", "Ångström", "½ ha", "Nguyễn Văn Müller",
		"Nguye\u0302\u0303n", // decomposed Unicode
	}, legacySamples...) {
		if enc, ok := DetectLegacy(s); ok {
			t.Errorf("DetectLegacy(%q) = %v, true; want not legacy", s, enc)
		}
	}
	// Unicode text survives the converters that are not needed on it
	// only when it has no Latin-1 letters; DetectLegacy is what callers use.
	if FromLegacy("Nguyễn", Unicode) != "Nguyễn" {
		t.Error("FromLegacy(Unicode) changed text")
	}
}

func FuzzDetectLegacy(f *testing.F) {
	for _, s := range legacySamples {
		f.Add(toTCVN3(s))
		f.Add(toVNI(s))
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc, ok := DetectLegacy(s)
		if ok != (enc != Unicode) {
			t.Fatalf("DetectLegacy(%q) = %v, %v", s, enc, ok)
		}
		for _, out := range []string{FromTCVN3(s), FromVNIWindows(s)} {
			if NFC(out) != out {
				t.Fatalf("conversion of %q not NFC: %q", s, out)
			}
		}
	})
}
