package vntext

import (
	"strings"
	"unicode/utf8"
)

//go:generate go run ./internal/gen/main.go -out tables.go

type cccRange struct {
	lo, hi rune
	ccc    uint8
}

type runeRange struct {
	lo, hi rune
}

type decompEntry struct {
	r     rune
	start uint16
	n     uint8
}

type compEntry struct {
	a, b, c rune
}

// Hangul syllable constants (Unicode §3.12).
const (
	hSBase  = 0xAC00
	hLBase  = 0x1100
	hVBase  = 0x1161
	hTBase  = 0x11A7
	hLCount = 19
	hVCount = 21
	hTCount = 28
	hNCount = hVCount * hTCount
	hSCount = hLCount * hNCount
)

// NFC returns s in Unicode Normalization Form C (canonical decomposition
// followed by canonical composition), as golang.org/x/text/unicode/norm
// does for Unicode 15.0.0: precomposed Vietnamese letters ("ệ" rather than
// "e" + U+0323 + U+0302 in either order), Latin, Greek, Cyrillic, Hangul and
// every other canonical composition. Text typed by users is stored in this
// form (docs/architecture.md).
//
// Strings that are already NFC, including all ASCII, are returned as they
// are, without allocating. Invalid UTF-8 bytes are kept unchanged.
func NFC(s string) string {
	if isNFCQuick(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	buf := make([]rune, 0, 32)
	// Work segment by segment: a segment starts at a rune that is not
	// itself a candidate for combining, so invalid bytes and plain text in
	// between are copied through.
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			// ASCII may still be the starter of a following combining
			// sequence; find the run of text that needs processing.
			j := i + 1
			if j < len(s) && s[j] >= utf8.RuneSelf && needsCheck(s[j:]) {
				j = segmentEnd(s, i)
				buf = normalizeSegment(buf[:0], s[i:j])
				writeRunes(&b, buf)
				i = j
				continue
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteByte(c)
			i++
			continue
		}
		j := segmentEnd(s, i)
		buf = normalizeSegment(buf[:0], s[i:j])
		writeRunes(&b, buf)
		i = j
	}
	return b.String()
}

// needsCheck reports whether the first rune of s (non-ASCII) may combine
// with what precedes it or change under NFC.
func needsCheck(s string) bool {
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && size == 1 {
		return false
	}
	return runeNeedsCheck(r)
}

// segmentEnd returns the end of the segment starting at i: up to (not
// including) the next rune that is a starter and cannot combine with the
// previous one, or an invalid byte.
func segmentEnd(s string, i int) int {
	_, size := utf8.DecodeRuneInString(s[i:])
	j := i + size
	for j < len(s) {
		c := s[j]
		if c < utf8.RuneSelf {
			return j
		}
		r, size := utf8.DecodeRuneInString(s[j:])
		if r == utf8.RuneError && size == 1 {
			return j
		}
		if !runeNeedsCheck(r) {
			return j
		}
		j += size
	}
	return j
}

func writeRunes(b *strings.Builder, rs []rune) {
	for _, r := range rs {
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
		} else {
			b.WriteRune(r)
		}
	}
}

// isNFCQuick reports whether s certainly is NFC: no rune in it can combine
// with its neighbour or change under normalization.
func isNFCQuick(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			continue
		}
		if runeNeedsCheck(r) {
			return false
		}
	}
	return true
}

// runeNeedsCheck reports whether r (non-ASCII) is a combining mark, changes
// under NFC, or may compose with the rune before it. Latin-1, Latin
// Extended-A/B and Latin Extended Additional (all precomposed Vietnamese
// letters) never do; tests verify this shortcut against the table.
func runeNeedsCheck(r rune) bool {
	if r < 0x0300 || (r >= 0x1E00 && r <= 0x1EFF) {
		return false
	}
	t := nfcCheckTable[:]
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < t[m].lo:
			hi = m
		case r > t[m].hi:
			lo = m + 1
		default:
			return true
		}
	}
	return false
}

// combiningClass returns the canonical combining class of r.
func combiningClass(r rune) uint8 {
	if r < 0x0300 {
		return 0
	}
	t := cccTable[:]
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < t[m].lo:
			hi = m
		case r > t[m].hi:
			lo = m + 1
		default:
			return t[m].ccc
		}
	}
	return 0
}

// decomposition returns the full canonical decomposition of r, or nil if r
// does not decompose (Hangul syllables excluded).
func decomposition(r rune) []rune {
	if r < 0xC0 {
		return nil
	}
	t := decompTable[:]
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch {
		case r < t[m].r:
			hi = m
		case r > t[m].r:
			lo = m + 1
		default:
			return decompRunes[t[m].start : int(t[m].start)+int(t[m].n)]
		}
	}
	return nil
}

// compose returns the primary composite of a followed by b, if any.
func compose(a, b rune) (rune, bool) {
	// Hangul LV and LVT.
	if a >= hLBase && a < hLBase+hLCount && b >= hVBase && b < hVBase+hVCount {
		return hSBase + ((a-hLBase)*hVCount+(b-hVBase))*hTCount, true
	}
	if a >= hSBase && a < hSBase+hSCount && (a-hSBase)%hTCount == 0 && b > hTBase && b < hTBase+hTCount {
		return a + (b - hTBase), true
	}
	t := compTable[:]
	lo, hi := 0, len(t)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		e := t[m]
		switch {
		case a < e.a || (a == e.a && b < e.b):
			hi = m
		case a > e.a || b > e.b:
			lo = m + 1
		default:
			return e.c, true
		}
	}
	return 0, false
}

// normalizeSegment appends the NFC form of seg (valid UTF-8) to dst.
func normalizeSegment(dst []rune, seg string) []rune {
	// 1. Full canonical decomposition.
	start := len(dst)
	for _, r := range seg {
		switch {
		case r >= hSBase && r < hSBase+hSCount:
			si := r - hSBase
			dst = append(dst, hLBase+si/hNCount, hVBase+(si%hNCount)/hTCount)
			if t := si % hTCount; t != 0 {
				dst = append(dst, hTBase+t)
			}
		default:
			if d := decomposition(r); d != nil {
				dst = append(dst, d...)
			} else {
				dst = append(dst, r)
			}
		}
	}
	rs := dst[start:]
	// 2. Canonical ordering: stable insertion sort of each run of
	// non-starters by combining class.
	for i := 1; i < len(rs); i++ {
		c := combiningClass(rs[i])
		if c == 0 {
			continue
		}
		for j := i; j > 0; j-- {
			p := combiningClass(rs[j-1])
			if p == 0 || p <= c {
				break
			}
			rs[j-1], rs[j] = rs[j], rs[j-1]
		}
	}
	// 3. Canonical composition (UAX #15).
	out := rs[:0]
	starter := -1
	var last uint8
	for _, r := range rs {
		c := combiningClass(r)
		if starter >= 0 {
			blocked := len(out)-1 != starter && (last == 0 || last >= c)
			if !blocked {
				if comp, ok := compose(out[starter], r); ok {
					out[starter] = comp
					continue
				}
			}
		}
		if c == 0 {
			starter = len(out)
		}
		last = c
		out = append(out, r)
	}
	return dst[:start+len(out)]
}
