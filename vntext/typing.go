package vntext

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Method is a Vietnamese typing convention (domain.md §11).
type Method uint8

// Typing methods.
const (
	Off   Method = iota // keys are typed as they are
	Telex               // s f r x j tones, z removes; aa ee oo, aw ow uw w, dd
	VNI                 // 1–5 tones, 0 removes; 6 hat, 7 horn, 8 breve, 9 đ
)

// String returns "off", "telex" or "vni".
func (m Method) String() string {
	switch m {
	case Off:
		return "off"
	case Telex:
		return "telex"
	case VNI:
		return "vni"
	}
	return fmt.Sprintf("Method(%d)", uint8(m))
}

// ParseMethod parses the names String returns (any case).
func ParseMethod(s string) (Method, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "off", "":
		return Off, nil
	case "telex":
		return Telex, nil
	case "vni":
		return VNI, nil
	}
	return Off, fmt.Errorf("unknown typing method %q (want off, telex or vni)", s)
}

// String returns "modern" or "old".
func (s ToneStyle) String() string {
	switch s {
	case Modern:
		return "modern"
	case Old:
		return "old"
	}
	return fmt.Sprintf("ToneStyle(%d)", uint8(s))
}

// Engine is the in-app Telex/VNI typing mode for text fields (Fyne has no
// IME support; ../shared/docs/platform.md). The UI calls Apply, or Type,
// for every typed rune and replaces the word before the cursor with the
// result; the result is always NFC.
//
// Rules (domain.md §11, as Unikey implements them):
//   - Tone and mark keys may come anywhere after the letters they apply
//     to ("tieengs" → "tiếng"); the tone is placed on the vowel cluster by
//     the rules of domain.md §11 in the Style chosen, and moves when the
//     cluster changes ("hoaf" → "hoà", then "n" → "hoàn").
//   - A key applies only if the word stays a Vietnamese syllable, or the
//     beginning of one; otherwise it is typed literally.
//   - Pressing the key of a mark or tone already present removes it and
//     types the key literally ("ass" → "as", "ddd" → "dd"); the rest of
//     that word is then typed literally.
//   - When a letter makes the word impossible as a Vietnamese syllable,
//     the word is restored to the keys as typed and the rest of it is typed
//     literally ("windows" stays "windows" although "w" alone gives "ư").
//   - Case is kept per letter ("Ddawks" → "Đắk"); keys work in either case.
//
// The zero Engine has Method Off. An Engine remembers the keys of the word
// it last produced (for the restore rule); if Apply is called with any
// other word (the cursor moved, text was deleted) it starts afresh from that
// word. Use one Engine per text field; it is not safe for concurrent use.
type Engine struct {
	Method Method
	Style  ToneStyle

	last    []rune // the word Apply last returned
	raw     []rune // that word as typed with no method
	literal bool   // rest of the word is typed literally
}

// Reset forgets the current word.
func (e *Engine) Reset() {
	e.last, e.raw, e.literal = e.last[:0], e.raw[:0], false
}

// Apply applies one typed key to word, the letters immediately before the
// cursor (see WordStart), and returns the new word that replaces them.
// consumed reports whether the result differs from word followed by key,
// i.e. the key acted as a tone or mark, undid one, or restored the word.
// Keys that are not letters (nor digits under VNI) end the word: they are
// appended and the engine starts a new word after them.
func (e *Engine) Apply(word []rune, key rune) (newWord []rune, consumed bool) {
	if !utf8.ValidRune(key) {
		key = utf8.RuneError
	}
	if !isNFCRunes(word) {
		word = []rune(NFC(string(word)))
	}
	plain := make([]rune, 0, len(word)+1)
	plain = append(append(plain, word...), key)
	if e.Method == Off || !e.isKey(key) {
		e.Reset()
		out := nfcRunes(plain)
		return out, !slices.Equal(out, plain)
	}
	if !slices.Equal(word, e.last) {
		e.raw = append(e.raw[:0], word...)
		e.literal = false
	}
	e.raw = append(e.raw, key)
	var out []rune
	if e.literal {
		out = plain
	} else {
		var kind stepKind
		out, kind = e.step(word, key)
		switch kind {
		case stepUndo:
			e.literal = true
			if e.Method == Telex && unicode.ToLower(key) == 'w' {
				out = undoBareW(out, e.raw)
			}
		case stepLiteral:
			if w, ok := parseWord(out); !ok || !w.valid(true) {
				// Not Vietnamese: back to the keys as typed.
				out = append([]rune(nil), e.raw...)
				e.literal = true
			}
		}
	}
	out = nfcRunes(out)
	e.last = append(e.last[:0], out...)
	return out, !slices.Equal(out, plain)
}

// Type applies key to the end of text (the text before the cursor) and
// returns the new text: Apply on the word WordStart finds. As a
// convenience for scripted input, '\b' deletes the last rune.
func (e *Engine) Type(text []rune, key rune) []rune {
	return e.typeKey(text, key, false)
}

// maxWord is the longest run of letters typeKey hands to Apply: longer
// than any Vietnamese syllable with its tone and mark keys ("nghieengf"
// is 9). A longer run (a code, a held key) can only be typed as is, and
// is, at a cost that does not grow with its length.
const maxWord = 24

// typeKey is Type; inPlace lets the result reuse text's array (ApplyString,
// which owns its text), so a long text costs O(1) per key, not O(text).
func (e *Engine) typeKey(text []rune, key rune, inPlace bool) []rune {
	if key == '\b' {
		if len(text) > 0 {
			text = text[:len(text)-1]
		}
		return text
	}
	at := func(i int) []rune {
		if inPlace {
			return text[:i]
		}
		return text[:i:i]
	}
	i := len(text)
	for i > 0 && len(text)-i <= maxWord && (unicode.IsLetter(text[i-1]) || unicode.IsMark(text[i-1])) {
		i--
	}
	if len(text)-i > maxWord {
		// Not a syllable: the key is appended. Only the text from the
		// last starter on can change under NFC (text itself is NFC).
		e.Reset()
		j := len(text)
		for j > 0 && unicode.IsMark(text[j-1]) {
			j--
		}
		j = max(j-1, 0)
		tail := nfcRunes(append(slices.Clone(text[j:]), key))
		return append(at(j), tail...)
	}
	out, _ := e.Apply(text[i:], key)
	if i > 0 && len(out) > 0 && !isNFCRunes(append([]rune{text[i-1]}, out[0])) {
		// The word starts with a mark that composes with the rune before
		// it (">" and U+0338 are "≯"): normalise across the boundary.
		out = nfcRunes(append([]rune{text[i-1]}, out...))
		i--
	}
	return append(at(i), out...)
}

// WordStart returns the index in text where the word before the cursor
// (the end of text) starts: the run of letters and combining marks.
func WordStart(text []rune) int {
	i := len(text)
	for i > 0 && (unicode.IsLetter(text[i-1]) || unicode.IsMark(text[i-1])) {
		i--
	}
	return i
}

// ApplyString types keys with a fresh Engine and returns the text, e.g.
// ApplyString(Telex, Modern, "Nguyeenx Vawn Aan") == "Nguyễn Văn Ân".
// '\b' in keys deletes the last rune, as Backspace would.
func ApplyString(m Method, style ToneStyle, keys string) string {
	e := Engine{Method: m, Style: style}
	var text []rune
	for _, k := range keys {
		text = e.typeKey(text, k, true)
	}
	return string(text)
}

func (e *Engine) isKey(r rune) bool {
	if e.Method == VNI && r >= '0' && r <= '9' {
		return true
	}
	return unicode.IsLetter(r)
}

type stepKind uint8

const (
	stepLiteral stepKind = iota // key typed as a letter
	stepApplied                 // key applied a tone or mark
	stepUndo                    // key removed its mark and was typed
)

type action uint8

const (
	actNone   action = iota
	actTone          // set tone
	actHat           // â ê ô
	actHornW         // Telex w: ươ, ư, ơ, ă, bare ư
	actHorn          // VNI 7: ươ, ư, ơ
	actBreve         // VNI 8: ă
	actStroke        // đ
)

// keyAction maps a key (lower case) to what it does under the method.
// target is the hat letter for Telex aa/ee/oo (0: any of a e o).
func (e *Engine) keyAction(k rune) (act action, tone Tone, target rune) {
	switch e.Method {
	case Telex:
		switch k {
		case 's':
			return actTone, ToneAcute, 0
		case 'f':
			return actTone, ToneGrave, 0
		case 'r':
			return actTone, ToneHook, 0
		case 'x':
			return actTone, ToneTilde, 0
		case 'j':
			return actTone, ToneDot, 0
		case 'z':
			return actTone, ToneNone, 0
		case 'a', 'e', 'o':
			return actHat, 0, k
		case 'w':
			return actHornW, 0, 0
		case 'd':
			return actStroke, 0, 0
		}
	case VNI:
		switch k {
		case '1', '2', '3', '4', '5':
			return actTone, Tone(k - '0'), 0
		case '0':
			return actTone, ToneNone, 0
		case '6':
			return actHat, 0, 0
		case '7':
			return actHorn, 0, 0
		case '8':
			return actBreve, 0, 0
		case '9':
			return actStroke, 0, 0
		}
	}
	return actNone, 0, 0
}

// step applies key to word without the engine's memory.
func (e *Engine) step(in []rune, key rune) ([]rune, stepKind) {
	w, ok := parseWord(in)
	if !ok || !w.vietnamese() {
		return append(slices.Clone(in), key), stepLiteral
	}
	act, tone, target := e.keyAction(unicode.ToLower(key))
	if out, kind, done := e.applyAction(w, act, tone, target, key); done {
		return out, kind
	}
	return e.appendLetter(w, in, key), stepLiteral
}

// appendLetter types key as a letter: the word is re-rendered (the tone may
// move) if it stays a Vietnamese syllable prefix.
func (e *Engine) appendLetter(w word, in []rune, key rune) []rune {
	l, t, ok := decodeRune(key)
	if ok && l.isVietnamese() && (t == ToneNone || w.tone == ToneNone) {
		w2 := w.clone()
		w2.ls = append(w2.ls, l)
		if t != ToneNone {
			w2.tone = t
		}
		w2.normalize()
		if w2.valid(true) {
			return w2.render(e.Style)
		}
	}
	return append(slices.Clone(in), key)
}

func (e *Engine) applyAction(w word, act action, tone Tone, target rune, key rune) ([]rune, stepKind, bool) {
	s, _ := analyze(w.ls)
	vs, ve := s.vs, s.ve
	ok := func(w2 word) bool {
		w2.normalize()
		return w2.valid(true)
	}
	undo := func(w2 word) ([]rune, stepKind, bool) {
		return append(w2.render(e.Style), key), stepUndo, true
	}
	switch act {
	case actTone:
		if vs == ve {
			return nil, 0, false
		}
		if tone == ToneNone {
			if w.tone == ToneNone {
				return nil, 0, false
			}
			w2 := w.clone()
			w2.tone = ToneNone
			return w2.render(e.Style), stepApplied, true
		}
		if w.tone == tone {
			w2 := w.clone()
			w2.tone = ToneNone
			return undo(w2)
		}
		w2 := w.clone()
		w2.tone = tone
		if ok(w2) {
			w2.normalize()
			return w2.render(e.Style), stepApplied, true
		}
		return nil, 0, false

	case actHat:
		match := func(b rune) bool {
			if target != 0 {
				return b == target
			}
			return b == 'a' || b == 'e' || b == 'o'
		}
		for i := ve - 1; i >= vs; i-- {
			if match(w.ls[i].base) && w.ls[i].mark != markHat {
				w2 := w.clone()
				w2.ls[i].mark = markHat
				if ok(w2) {
					w2.normalize()
					return w2.render(e.Style), stepApplied, true
				}
			}
		}
		has := false
		w2 := w.clone()
		for i := vs; i < ve; i++ {
			if match(w2.ls[i].base) && w2.ls[i].mark == markHat {
				w2.ls[i].mark = markNone
				has = true
			}
		}
		if has {
			return undo(w2)
		}
		return nil, 0, false

	case actHornW, actHorn, actBreve:
		horn := act != actBreve
		breve := act != actHorn
		try := func(w2 word) ([]rune, stepKind, bool) {
			if ok(w2) {
				w2.normalize()
				return w2.render(e.Style), stepApplied, true
			}
			return nil, 0, false
		}
		if horn {
			// uo → ươ (uơ when nothing follows: thuở, huơ).
			for p := vs; p+1 < ve; p++ {
				u, o := w.ls[p], w.ls[p+1]
				if u.base != 'u' || o.base != 'o' || (u.mark != markNone && u.mark != markHorn) {
					continue
				}
				if u.mark == markHorn && o.mark == markHorn {
					continue
				}
				w2 := w.clone()
				w2.ls[p+1].mark = markHorn
				if u.mark == markHorn || p+2 < len(w.ls) {
					w2.ls[p].mark = markHorn
				}
				if slices.Equal(w2.ls, w.ls) {
					continue
				}
				if out, kind, done := try(w2); done {
					return out, kind, done
				}
			}
			// ua → ưa (mưa), but not after q (quă).
			if ve-vs == 2 && w.ls[vs].base == 'u' && w.ls[vs].mark == markNone &&
				w.ls[vs+1].base == 'a' && w.ls[vs+1].mark == markNone {
				w2 := w.clone()
				w2.ls[vs].mark = markHorn
				if out, kind, done := try(w2); done {
					return out, kind, done
				}
			}
		}
		for i := ve - 1; i >= vs; i-- {
			l := w.ls[i]
			var m mark
			switch {
			case breve && l.base == 'a' && l.mark != markBreve:
				m = markBreve
			case horn && l.base == 'o' && l.mark != markHorn:
				m = markHorn
			case horn && l.base == 'u' && l.mark == markNone:
				m = markHorn
			default:
				continue
			}
			w2 := w.clone()
			w2.ls[i].mark = m
			if out, kind, done := try(w2); done {
				return out, kind, done
			}
		}
		if act == actHornW && vs == ve {
			// w alone types ư.
			l, _, _ := decodeRune(key)
			w2 := w.clone()
			w2.ls = append(w2.ls, letter{base: 'u', mark: markHorn, upper: l.upper})
			if out, kind, done := try(w2); done {
				return out, kind, done
			}
		}
		has := false
		w2 := w.clone()
		for i := vs; i < ve; i++ {
			l := &w2.ls[i]
			if (horn && l.mark == markHorn) || (breve && l.mark == markBreve) {
				l.mark = markNone
				has = true
			}
		}
		if has {
			return undo(w2)
		}
		return nil, 0, false

	case actStroke:
		if len(w.ls) == 0 || w.ls[0].base != 'd' {
			return nil, 0, false
		}
		w2 := w.clone()
		if w.ls[0].mark == markStroke {
			w2.ls[0].mark = markNone
			return undo(w2)
		}
		w2.ls[0].mark = markStroke
		if ok(w2) {
			w2.normalize()
			return w2.render(e.Style), stepApplied, true
		}
	}
	return nil, 0, false
}

func (w word) clone() word {
	return word{ls: slices.Clone(w.ls), tone: w.tone}
}

// normalize completes ươ when letters follow it: "uơ"/"ưo" followed by a
// coda or a glide becomes "ươ" ("nguơi" → "ngươi", "tưong" → "tương").
func (w *word) normalize() {
	s, ok := analyze(w.ls)
	if !ok {
		return
	}
	for p := s.vs; p+1 < s.ve; p++ {
		u, o := &w.ls[p], &w.ls[p+1]
		if u.base != 'u' || o.base != 'o' || p+2 >= len(w.ls) {
			continue
		}
		if (u.mark == markNone && o.mark == markHorn) || (u.mark == markHorn && o.mark == markNone) {
			u.mark, o.mark = markHorn, markHorn
		}
	}
}

func isNFCRunes(rs []rune) bool {
	for _, r := range rs {
		if r >= 0x300 && runeNeedsCheck(r) {
			return false
		}
	}
	return true
}

func nfcRunes(rs []rune) []rune {
	if isNFCRunes(rs) {
		return rs
	}
	return []rune(NFC(string(rs)))
}

// undoBareW fixes the undo of a Telex "w" that typed ư on its own: "ww"
// gives "w" (not "uw"), as the first w typed no u. out is the word after
// the generic undo (the ư turned back into u, then the key); raw holds the
// keys typed, including this one.
func undoBareW(out, raw []rune) []rune {
	uKeys := 0
	for _, r := range raw {
		if r == 'u' || r == 'U' {
			uKeys++
		}
	}
	uLetters, last := 0, -1
	for i, r := range out[:len(out)-1] {
		if l, _, ok := decodeRune(r); ok && l.base == 'u' {
			uLetters++
			last = i
		}
	}
	if uLetters <= uKeys || last < 0 {
		return out
	}
	return append(out[:last:last], out[last+1:]...)
}
