package vntext

import (
	"unicode"
	"unicode/utf8"
)

// Fold returns the search key of s: the NFC text lower-cased, with every
// diacritic removed (Vietnamese tones and the marks of ă â ê ô ơ ư), đ and
// Đ (and the look-alike Icelandic ð Ð) folded to d, letters, digits and
// '.' kept, and every other rune (spaces, punctuation, symbols, control
// characters, invalid bytes) turned into a separator; runs of separators
// collapse to one space and the result is trimmed.
//
//	Fold("  Giấy phép  XÂY DỰNG (cấp lại)") == "giay phep xay dung cap lai"
//	Fold("Thủ tục 1.004227") == "thu tuc 1.004227"
//
// Decomposed input is composed first, so it folds exactly like its NFC
// form. A string that is already a search key is returned
// without allocating; otherwise Fold allocates once (see AppendFold to
// reuse a buffer).
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var buf [256]byte
	return string(AppendFold(buf[:0], s))
}

// AppendFold appends Fold(s) to dst and returns the extended slice.
func AppendFold(dst []byte, s string) []byte {
	if !isNFCQuick(s) {
		s = NFC(s) // only decomposed or unusual text pays for this
	}
	pending, wrote := false, false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		if c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
			if r == utf8.RuneError && size == 1 {
				pending = true
				continue
			}
		}
		f := FoldRune(r)
		switch {
		case f == 0:
			continue // combining mark: folds away inside the word
		case isKeyRune(f):
			if pending && wrote {
				dst = append(dst, ' ')
			}
			pending, wrote = false, true
			if f < utf8.RuneSelf {
				dst = append(dst, byte(f))
			} else {
				dst = utf8.AppendRune(dst, f)
			}
		default:
			pending = true
		}
	}
	return dst
}

func isKeyRune(r rune) bool {
	if r < utf8.RuneSelf {
		return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '.' || (r >= 'A' && r <= 'Z')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// isFolded reports whether s is already a search key made of ASCII.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.':
		case c == ' ':
			if s[i-1] == ' ' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

var (
	foldLatin [0x250]rune // U+0000–U+024F
	foldLatEx [0x100]rune // U+1E00–U+1EFF
)

func init() {
	for r := range rune(len(foldLatin)) {
		foldLatin[r] = foldSlow(r)
	}
	for r := range rune(len(foldLatEx)) {
		foldLatEx[r] = foldSlow(0x1E00 + r)
	}
}

// FoldRune folds one rune the way Fold does: the lower-case base letter
// without diacritics ('Ệ' → 'e', 'Đ' → 'd'). It returns 0 for combining
// marks, which fold away. Other runes are only lower-cased; Fold decides
// which of them separate words.
func FoldRune(r rune) rune {
	switch {
	case r < 0x80:
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	case r < 0x250:
		return foldLatin[r]
	case r >= 0x1E00 && r < 0x1F00:
		return foldLatEx[r-0x1E00]
	}
	return foldSlow(r)
}

func foldSlow(r rune) rune {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð':
		return 'd'
	}
	if combiningClass(r) != 0 || unicode.Is(unicode.Mn, r) {
		return 0
	}
	if d := decomposition(r); d != nil && combiningClass(d[0]) == 0 {
		r = d[0]
	}
	return unicode.ToLower(r)
}
