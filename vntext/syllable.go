package vntext

import (
	"strings"
	"unicode"
)

// Tone is one of the six Vietnamese tones (thanh điệu), numbered as the VNI
// keys 1–5; ToneNone is thanh ngang.
type Tone uint8

// Tones.
const (
	ToneNone  Tone = iota // ngang: a
	ToneAcute             // sắc: á
	ToneGrave             // huyền: à
	ToneHook              // hỏi: ả
	ToneTilde             // ngã: ã
	ToneDot               // nặng: ạ
)

// mark is the shape mark of a letter: â ê ô (hat), ă (breve), ơ ư (horn),
// đ (stroke).
type mark uint8

const (
	markNone mark = iota
	markHat
	markBreve
	markHorn
	markStroke
)

// letter is one letter of a word, split into its base (a lower-case ASCII
// letter, or any other lower-case rune for non-Vietnamese letters), shape
// mark and case. The tone is kept per word.
type letter struct {
	base  rune
	mark  mark
	upper bool
}

func (l letter) isVowel() bool {
	switch l.base {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// vowelRows lists every Vietnamese vowel letter by tone (ngang, sắc,
// huyền, hỏi, ngã, nặng).
var vowelRows = [...]struct {
	base  rune
	mark  mark
	forms string
}{
	{'a', markNone, "aáàảãạ"},
	{'a', markBreve, "ăắằẳẵặ"},
	{'a', markHat, "âấầẩẫậ"},
	{'e', markNone, "eéèẻẽẹ"},
	{'e', markHat, "êếềểễệ"},
	{'i', markNone, "iíìỉĩị"},
	{'o', markNone, "oóòỏõọ"},
	{'o', markHat, "ôốồổỗộ"},
	{'o', markHorn, "ơớờởỡợ"},
	{'u', markNone, "uúùủũụ"},
	{'u', markHorn, "ưứừửữự"},
	{'y', markNone, "yýỳỷỹỵ"},
}

type decoded struct {
	l    letter
	tone Tone
}

var (
	// vnDecode maps each precomposed Vietnamese letter (and đ/Đ) to its
	// parts. ASCII letters are decoded without the map.
	vnDecode = map[rune]decoded{}
	// vnEncode[row][tone] is the lower-case letter.
	vnEncode [len(vowelRows)][6]rune
)

func init() {
	for i, row := range vowelRows {
		for t, r := range []rune(row.forms) {
			vnEncode[i][t] = r
			l := letter{base: row.base, mark: row.mark}
			if r >= 0x80 {
				vnDecode[r] = decoded{l, Tone(t)}
			}
			if u := unicode.ToUpper(r); u >= 0x80 {
				l.upper = true
				vnDecode[u] = decoded{l, Tone(t)}
			}
		}
	}
	vnDecode['đ'] = decoded{letter{base: 'd', mark: markStroke}, ToneNone}
	vnDecode['Đ'] = decoded{letter{base: 'd', mark: markStroke, upper: true}, ToneNone}
}

// decodeRune splits r into a letter and a tone. ok is false for runes that
// are not letters.
func decodeRune(r rune) (letter, Tone, bool) {
	switch {
	case r >= 'a' && r <= 'z':
		return letter{base: r}, ToneNone, true
	case r >= 'A' && r <= 'Z':
		return letter{base: r + 'a' - 'A', upper: true}, ToneNone, true
	}
	if d, ok := vnDecode[r]; ok {
		return d.l, d.tone, true
	}
	if unicode.IsLetter(r) {
		return letter{base: unicode.ToLower(r), upper: unicode.IsUpper(r)}, ToneNone, true
	}
	return letter{}, ToneNone, false
}

// isVietnameseLetter reports whether l is a letter of the Vietnamese
// alphabet (f, j, w, z and non-ASCII bases are not).
func (l letter) isVietnamese() bool {
	if l.base < 'a' || l.base > 'z' {
		return false
	}
	switch l.base {
	case 'f', 'j', 'w', 'z':
		return false
	}
	switch l.mark {
	case markNone:
		return true
	case markStroke:
		return l.base == 'd'
	case markHat:
		return l.base == 'a' || l.base == 'e' || l.base == 'o'
	case markBreve:
		return l.base == 'a'
	case markHorn:
		return l.base == 'o' || l.base == 'u'
	}
	return false
}

// render returns the rune for l carrying tone t (t is ignored on
// consonants).
func (l letter) render(t Tone) rune {
	var r rune
	switch {
	case l.mark == markStroke:
		r = 'đ'
	case l.isVowel():
		r = l.base
		for i, row := range vowelRows {
			if row.base == l.base && row.mark == l.mark {
				r = vnEncode[i][t]
				break
			}
		}
	default:
		r = l.base
	}
	if l.upper {
		return unicode.ToUpper(r)
	}
	return r
}

// word is a parsed word: letters plus the syllable's tone.
type word struct {
	ls   []letter
	tone Tone
}

// parseWord decodes rs (NFC). ok is false if rs holds a non-letter or more
// than one toned vowel.
func parseWord(rs []rune) (word, bool) {
	w := word{ls: make([]letter, 0, len(rs)+2)}
	for _, r := range rs {
		l, t, ok := decodeRune(r)
		if !ok {
			return w, false
		}
		if t != ToneNone {
			if w.tone != ToneNone {
				return w, false
			}
			w.tone = t
		}
		w.ls = append(w.ls, l)
	}
	return w, true
}

// vietnamese reports whether every letter of w belongs to the Vietnamese
// alphabet.
func (w word) vietnamese() bool {
	for _, l := range w.ls {
		if !l.isVietnamese() {
			return false
		}
	}
	return true
}

// syllable locates the vowel cluster ls[vs:ve] of a word; the onset is
// ls[:vs] and the coda ls[ve:]. "qu" and "gi" before another vowel count
// as consonants (domain.md §11, tone placement rule 4).
type syllable struct {
	vs, ve int
}

func analyze(ls []letter) (syllable, bool) {
	n := len(ls)
	i := 0
	for i < n && !ls[i].isVowel() {
		i++
	}
	if i == 1 && i < n && ls[0].base == 'q' && ls[0].mark == markNone &&
		ls[i].base == 'u' && ls[i].mark == markNone && (i+1 == n || ls[i+1].isVowel()) {
		i++ // qu
	}
	if i == 1 && i+1 < n && ls[0].base == 'g' && ls[0].mark == markNone &&
		ls[i].base == 'i' && ls[i].mark == markNone && ls[i+1].isVowel() && ls[i+1].base != 'e' {
		i++ // gi; "giê" keeps the i in the cluster iê ("giếng")
	}
	vs := i
	for i < n && ls[i].isVowel() {
		i++
	}
	ve := i
	for ; i < n; i++ {
		if ls[i].isVowel() {
			return syllable{vs, ve}, false
		}
	}
	return syllable{vs, ve}, true
}

func lettersString(ls []letter) string {
	var b strings.Builder
	for _, l := range ls {
		if l.mark == markStroke {
			b.WriteRune('đ')
		} else {
			b.WriteRune(l.base)
		}
	}
	return b.String()
}

var validOnsets = map[string]bool{
	"": true, "b": true, "c": true, "ch": true, "d": true, "đ": true, "g": true, "gh": true,
	"gi": true, "h": true, "k": true, "kh": true, "l": true, "m": true, "n": true, "ng": true,
	"ngh": true, "nh": true, "p": true, "ph": true, "qu": true, "r": true, "s": true, "t": true,
	"th": true, "tr": true, "v": true, "x": true,
	// Minority place names in the official lists: Krông Pắc, Krông Nô.
	"kr": true,
}

// Coda bits.
const (
	codaC uint16 = 1 << iota
	codaCH
	codaM
	codaN
	codaNG
	codaNH
	codaP
	codaT
)

var codaBits = map[string]uint16{
	"c": codaC, "ch": codaCH, "m": codaM, "n": codaN, "ng": codaNG, "nh": codaNH, "p": codaP, "t": codaT,
	"k": codaC, // Đắk Lắk, Búk: k written for c in minority place names
}

// rhyme is a vowel cluster with the codas it takes.
type rhyme struct {
	v     []letter
	open  bool // may end the syllable without a coda
	codas uint16
}

// rhymeSpecs lists the vowel clusters of Vietnamese orthography: cluster,
// whether it may be open, and the codas it takes.
var rhymeSpecs = []struct {
	v     string
	open  bool
	codas string
}{
	{"a", true, "c ch m n ng nh p t"},
	{"ă", false, "c m n ng p t"},
	{"â", false, "c m n ng p t"},
	{"e", true, "c m n ng p t"},
	{"ê", true, "ch m n nh p t"},
	{"i", true, "ch m n nh p t"},
	{"o", true, "c m n ng p t"},
	{"ô", true, "c m n ng p t"},
	{"ơ", true, "m n p t"},
	{"u", true, "c m n ng p t"},
	{"ư", true, "c m n ng t"},
	{"y", true, ""},
	{"ai", true, ""}, {"ao", true, ""}, {"au", true, ""}, {"ay", true, ""},
	{"âu", true, ""}, {"ây", true, ""}, {"eo", true, ""}, {"êu", true, ""},
	{"ia", true, ""}, {"iu", true, ""}, {"oi", true, ""}, {"ôi", true, ""},
	{"ơi", true, ""}, {"ua", true, ""}, {"ui", true, ""}, {"ưa", true, ""},
	{"ưi", true, ""}, {"ưu", true, ""},
	{"iê", false, "c m n ng p t"},
	{"yê", false, "c m n ng p t"},
	{"iêu", true, ""}, {"yêu", true, ""},
	{"oa", true, "c ch m n ng nh p t"},
	{"oă", false, "c m n ng p t"},
	{"oe", true, "n t"},
	{"oo", false, "c ng"},
	{"oai", true, ""}, {"oay", true, ""}, {"oao", true, ""}, {"oeo", true, ""},
	{"uâ", false, "n ng t"},
	{"uây", true, ""},
	{"uê", true, "ch n nh"},
	{"uô", false, "c m n ng t"},
	{"uôi", true, ""},
	{"uơ", true, ""},
	{"uy", true, "ch n nh p t"},
	{"uya", true, ""},
	{"uyê", false, "n t"},
	{"uyu", true, ""},
	{"ươ", false, "c m n ng p t"},
	{"ươi", true, ""}, {"ươu", true, ""},
}

var rhymes []rhyme

func init() {
	for _, s := range rhymeSpecs {
		w, ok := parseWord([]rune(s.v))
		if !ok {
			panic("vntext: bad rhyme " + s.v)
		}
		r := rhyme{v: w.ls, open: s.open}
		for _, c := range strings.Fields(s.codas) {
			r.codas |= codaBits[c]
		}
		rhymes = append(rhymes, r)
	}
}

// compatible reports whether the typed letter l can be (or become, when
// prefix is set, by adding a shape mark) the rhyme letter p.
func compatible(l, p letter, prefix bool) bool {
	if l.base != p.base {
		return false
	}
	return l.mark == p.mark || (prefix && l.mark == markNone)
}

// valid reports whether w is a Vietnamese syllable (prefix false) or can
// still become one by typing more letters, marks or a tone (prefix true).
func (w word) valid(prefix bool) bool {
	if len(w.ls) == 0 {
		return prefix
	}
	if !w.vietnamese() {
		return false
	}
	s, ok := analyze(w.ls)
	if !ok {
		return false
	}
	onset := lettersString(w.ls[:s.vs])
	cluster := w.ls[s.vs:s.ve]
	coda := lettersString(w.ls[s.ve:])
	if len(cluster) == 0 {
		// Only consonants so far.
		if !prefix || w.tone != ToneNone {
			return false
		}
		return validOnsets[onset] || onset == "q" || onset == "qu"
	}
	if !validOnsets[onset] {
		return false
	}
	var cb uint16
	codaPrefix := false
	if coda != "" {
		var ok bool
		cb, ok = codaBits[coda]
		if !ok {
			return false
		}
		if prefix && (coda == "c" || coda == "n") {
			codaPrefix = true // may still become ch, ng, nh
		}
	}
	// Stops take only sắc or nặng.
	if !stopOK(cb, w.tone, prefix) {
		return false
	}
	if matchRhyme(cluster, coda, cb, codaPrefix, w.tone, prefix) {
		return true
	}
	// After q the u of the rhyme is written in the onset: quỳnh = qu + ynh
	// (rhyme uynh), quân (uân), quyên (uyên).
	if onset == "qu" {
		withU := append([]letter{{base: 'u'}}, cluster...)
		return matchRhyme(withU, coda, cb, codaPrefix, w.tone, prefix)
	}
	return false
}

func matchRhyme(cluster []letter, coda string, cb uint16, codaPrefix bool, tone Tone, prefix bool) bool {
	for _, r := range rhymes {
		if len(cluster) > len(r.v) || (len(cluster) < len(r.v) && (!prefix || coda != "")) {
			continue
		}
		match := true
		for i, l := range cluster {
			if !compatible(l, r.v[i], prefix) {
				match = false
				break
			}
		}
		if !match {
			continue
		}
		switch {
		case coda == "":
			if prefix || r.open {
				return true
			}
		case r.codas&cb != 0:
			if stopOK(cb, tone, prefix) {
				return true
			}
		case codaPrefix && coda == "c" && r.codas&codaCH != 0:
			if stopOK(codaCH, tone, prefix) {
				return true
			}
		case codaPrefix && coda == "n" && r.codas&(codaNG|codaNH) != 0:
			return true
		}
	}
	return false
}

func stopOK(cb uint16, t Tone, prefix bool) bool {
	if cb&(codaC|codaCH|codaP|codaT) == 0 {
		return true
	}
	return t == ToneAcute || t == ToneDot || (prefix && t == ToneNone)
}

// ToneStyle chooses where the tone goes on the open clusters oa, oe, uy.
type ToneStyle uint8

// Tone styles (domain.md §11, rule 3).
const (
	Modern ToneStyle = iota // hoà, khoẻ, thuý
	Old                     // hòa, khỏe, thúy
)

// tonePos returns the index of the letter carrying the tone, or -1 if the
// word has no vowel. Rules of domain.md §11.
func tonePos(ls []letter, style ToneStyle) int {
	s, _ := analyze(ls)
	n := s.ve - s.vs
	if n == 0 {
		// "gi" alone: analyze keeps i as the vowel; other words have none.
		return -1
	}
	// 1. A vowel with a hat, breve or horn takes the tone; in ươ the ơ.
	for k := s.ve - 1; k >= s.vs; k-- {
		if ls[k].mark != markNone {
			return k
		}
	}
	// 2. Closed syllable: the last vowel.
	if s.ve < len(ls) {
		return s.ve - 1
	}
	// 3. Open syllable.
	switch n {
	case 1:
		return s.vs
	case 2:
		a, b := ls[s.vs].base, ls[s.vs+1].base
		if style == Modern && ((a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y')) {
			return s.vs + 1
		}
		return s.vs
	default:
		return s.vs + 1
	}
}

// render returns w as NFC runes with the tone placed by style.
func (w word) render(style ToneStyle) []rune {
	out := make([]rune, len(w.ls))
	p := -1
	if w.tone != ToneNone {
		p = tonePos(w.ls, style)
	}
	for i, l := range w.ls {
		t := ToneNone
		if i == p {
			t = w.tone
		}
		out[i] = l.render(t)
	}
	return out
}
