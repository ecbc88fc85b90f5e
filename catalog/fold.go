package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// fold returns the search key of s: lower case, Vietnamese diacritics
// removed from precomposed and decomposed text (combining marks
// U+0300–U+036F are dropped), đ/Đ → d, runs of white space collapsed to one
// space, trimmed.
//
// Unlike vntext.Fold it keeps punctuation ("0,5 giờ", "(cấp lại)"): the
// importers parse folded text, and the search splits words itself.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // suppress leading spaces
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
				if !space {
					b.WriteByte(' ')
					space = true
				}
				continue
			}
			b.WriteByte(byte(r))
			space = false
			continue
		}
		if r >= 0x300 && r <= 0x36f {
			continue
		}
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if int(r) < len(foldTable) {
			if f := foldTable[r]; f != 0 {
				r = f
			} else {
				r = unicode.ToLower(r)
			}
		} else {
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
		space = false
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = out[:len(out)-1]
	}
	return out
}

// foldTable maps precomposed Latin letters used in Vietnamese (and the
// other Latin-1/Extended-A accented letters) to their lower-case base.
var foldTable = func() []rune {
	t := make([]rune, 0x1f00)
	groups := map[rune]string{
		'a': "àáảãạăằắẳẵặâầấẩẫậäåāąǎÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÄÅĀĄǍ",
		'e': "èéẻẽẹêềếểễệëēęěÈÉẺẼẸÊỀẾỂỄỆËĒĘĚ",
		'i': "ìíỉĩịîïīįÌÍỈĨỊÎÏĪĮ",
		'o': "òóỏõọôồốổỗộơờớởỡợöøōǒÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÖØŌǑ",
		'u': "ùúủũụưừứửữựûüūůǔÙÚỦŨỤƯỪỨỬỮỰÛÜŪŮǓ",
		'y': "ỳýỷỹỵÿỲÝỶỸỴŸ",
		'd': "đĐ",
		'c': "çćčÇĆČ",
		'n': "ñńňÑŃŇ",
		's': "śšŚŠ",
		'z': "źżžŹŻŽ",
	}
	for base, letters := range groups {
		for _, r := range letters {
			t[r] = base
		}
	}
	return t
}()
