package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encoding names a legacy 8-bit Vietnamese encoding. Text typed or pasted
// in one of them reaches the app as Latin-1 "garbage" (each byte read as
// the Windows-1252 character with that code): "NguyÔn V¨n ¢n" (TCVN3) or
// "Nguyeãn Vaên AÂn" (VNI-Windows) for "Nguyễn Văn Ân". domain.md §11 asks
// to convert or reject such text explicitly rather than store it.
type Encoding uint8

// Encodings.
const (
	Unicode    Encoding = iota // not a legacy encoding
	TCVN3                      // TCVN 5712:1993 VN3, the ".Vn" (ABC) fonts
	VNIWindows                 // VNI-Windows, the "VNI-" fonts
)

// String returns "Unicode", "TCVN3" or "VNI-Windows".
func (e Encoding) String() string {
	switch e {
	case TCVN3:
		return "TCVN3"
	case VNIWindows:
		return "VNI-Windows"
	}
	return "Unicode"
}

// tcvn3 maps the TCVN3 codes 0xA1–0xFF (read as U+00A1–U+00FF) to
// Unicode: the 7 capitals Ă Â Ê Ô Ơ Ư Đ and the 134 lower-case letters.
// Codes 0xB0–0xB4 (combining tones in TCVN 5712 VN1) and the VN1 capitals
// with tones are not part of TCVN3 and stay as they are.
var tcvn3 = map[rune]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// FromTCVN3 converts text typed or pasted in TCVN3 to Unicode NFC. TCVN3
// has no codes for capitals with tones (the ".VnTimeH" fonts draw the
// lower-case codes as capitals), so the letters converted in a word are
// made capitals when its ASCII letters are all capitals and either there
// are at least two of them or s has no lower-case ASCII letter at all
// ("NGUYÔN" → "NGUYỄN", "X· HéI" → "XÃ HỘI", but "Hµ Néi" → "Hà Nội").
func FromTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	_, noLower := asciiUpperCount(s)
	forEachWord(s, func(w string, isWord bool) {
		if !isWord {
			b.WriteString(w)
			return
		}
		n, allUpper := asciiUpperCount(w)
		upper := allUpper && n > 0 && (n >= 2 || noLower)
		for _, r := range w {
			if u, ok := tcvn3[r]; ok {
				if upper {
					u = unicode.ToUpper(u)
				}
				r = u
			}
			b.WriteRune(r)
		}
	})
	return NFC(b.String())
}

// VNI-Windows writes a letter as its base followed by a modifier byte.
// vniTone lists the tone modifiers (sắc, huyền, hỏi, ngã, nặng);
// vniHat the circumflex alone and with each tone; vniBreve likewise for ă.
var (
	vniTone  = [5]rune{'ù', 'ø', 'û', 'õ', 'ï'}
	vniHat   = [6]rune{'â', 'á', 'à', 'å', 'ã', 'ä'}
	vniBreve = [6]rune{'ê', 'é', 'è', 'ú', 'ü', 'ë'}
	// vniSingle maps the one-byte letters.
	vniSingle = map[rune]letterTone{
		'ñ': {letter{base: 'd', mark: markStroke}, ToneNone},
		'ô': {letter{base: 'o', mark: markHorn}, ToneNone},
		'ö': {letter{base: 'u', mark: markHorn}, ToneNone},
		'í': {letter{base: 'i'}, ToneAcute},
		'ì': {letter{base: 'i'}, ToneGrave},
		'æ': {letter{base: 'i'}, ToneHook},
		'ó': {letter{base: 'i'}, ToneTilde},
		'ò': {letter{base: 'i'}, ToneDot},
		'î': {letter{base: 'y'}, ToneDot},
	}
)

type letterTone struct {
	l letter
	t Tone
}

// vniModifier decodes a modifier following base (a lower-case letter
// with its mark): the new mark and tone, or ok false.
func vniModifier(base letter, m rune) (mark, Tone, bool) {
	m = unicode.ToLower(m)
	for i, r := range vniTone {
		if r == m && base.isVowel() && base.base != 'i' {
			return base.mark, Tone(i + 1), true
		}
	}
	if base.mark == markNone && (base.base == 'a' || base.base == 'e' || base.base == 'o') {
		for i, r := range vniHat {
			if r == m {
				return markHat, Tone(i), true
			}
		}
	}
	if base.mark == markNone && base.base == 'a' {
		for i, r := range vniBreve {
			if r == m {
				return markBreve, Tone(i), true
			}
		}
	}
	return 0, 0, false
}

// FromVNIWindows converts text typed or pasted in VNI-Windows to Unicode
// NFC ("Nguyeãn" → "Nguyễn", "ñöôøng" → "đường").
func FromVNIWindows(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		lr := unicode.ToLower(r)
		upper := lr != r
		var base letter
		isBase := false
		switch {
		case lr == 'a' || lr == 'e' || lr == 'o' || lr == 'u' || lr == 'y':
			base, isBase = letter{base: lr}, true
		case lr == 'ô' || lr == 'ö':
			base, isBase = vniSingle[lr].l, true
		}
		if isBase && i+1 < len(rs) {
			if m, t, ok := vniModifier(base, rs[i+1]); ok {
				l := letter{base: base.base, mark: m, upper: upper}
				b.WriteRune(l.render(t))
				i++
				continue
			}
		}
		if lt, ok := vniSingle[lr]; ok {
			l := lt.l
			l.upper = upper
			b.WriteRune(l.render(lt.t))
			continue
		}
		b.WriteRune(r)
	}
	return NFC(b.String())
}

// FromLegacy converts s from enc; Unicode returns s unchanged.
func FromLegacy(s string, enc Encoding) string {
	switch enc {
	case TCVN3:
		return FromTCVN3(s)
	case VNIWindows:
		return FromVNIWindows(s)
	}
	return s
}

// DetectLegacy reports whether s looks like Vietnamese typed or pasted in a
// legacy encoding, and which. The rule, word by word: a word holding a
// character of U+00A1–U+00FF that is not a Vietnamese syllable as it
// stands is suspect; the encoding is the one whose conversion turns at
// least two thirds of the suspect words into Vietnamese syllables, and
// more of them than the other encoding does. Unicode Vietnamese, ASCII and
// foreign words with accents ("Müller", "café") are not detected.
func DetectLegacy(s string) (Encoding, bool) {
	latin1 := false
	for _, r := range s {
		if r >= 0xA1 && r <= 0xFF {
			latin1 = true
			break
		}
	}
	if !latin1 {
		return Unicode, false
	}
	suspect, tcvn, vni := 0, 0, 0
	forEachWord(s, func(w string, isWord bool) {
		if !isWord || !hasLatin1(w) || isSyllable(w) {
			return
		}
		suspect++
		if isSyllable(FromTCVN3(w)) {
			tcvn++
		}
		if isSyllable(FromVNIWindows(w)) {
			vni++
		}
	})
	switch {
	case suspect == 0:
		return Unicode, false
	case tcvn > vni && 3*tcvn >= 2*suspect:
		return TCVN3, true
	case vni > tcvn && 3*vni >= 2*suspect:
		return VNIWindows, true
	}
	return Unicode, false
}

// isSyllable reports whether w is one complete Vietnamese syllable.
func isSyllable(w string) bool {
	p, ok := parseWord([]rune(NFC(w)))
	return ok && p.valid(false)
}

func hasLatin1(w string) bool {
	for _, r := range w {
		if r >= 0xA1 && r <= 0xFF {
			return true
		}
	}
	return false
}

// asciiUpperCount counts the ASCII capitals of w and reports whether w has
// no lower-case ASCII letter.
func asciiUpperCount(w string) (int, bool) {
	n := 0
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'a' && c <= 'z':
			return n, false
		case c >= 'A' && c <= 'Z':
			n++
		}
	}
	return n, true
}

// forEachWord splits s into words (runs of letters, combining marks and
// characters of U+00A1–U+00FF, which legacy encodings use for letters) and
// the text between them, calling f on each piece in order.
func forEachWord(s string, f func(piece string, isWord bool)) {
	inWord := func(r rune) bool {
		return (r >= 0xA1 && r <= 0xFF) || unicode.IsLetter(r) || unicode.IsMark(r)
	}
	start, word := 0, false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := inWord(r)
		if i > start && w != word {
			f(s[start:i], word)
			start = i
		}
		word = w
		i += size
	}
	if start < len(s) {
		f(s[start:], word)
	}
}
