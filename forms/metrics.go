package forms

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"motcua/assets/fonts"
	"motcua/vntext"
)

// face is one parsed style of the embedded font with a table of advance
// widths. Parsed once per process (fontsOnce); safe for concurrent use.
type face struct {
	f    *sfnt.Font
	upem float64
	// adv[r] is the advance of rune r < tableSize in em; -1 marks a rune
	// the font does not have.
	adv []float32
	// notdef is the advance of the missing-glyph box.
	notdef float32
	more   sync.Map // rune ≥ tableSize → float32
}

// tableSize covers Latin, Vietnamese, combining marks, punctuation and the
// currency signs (₫ U+20AB).
const tableSize = 0x2200

var (
	fontsOnce sync.Once
	faces     map[Style]*face
	fontsErr  error
)

func loadFonts() (map[Style]*face, error) {
	fontsOnce.Do(func() {
		m := map[Style]*face{}
		for _, s := range []Style{Regular, Bold, Italic, BoldItalic} {
			f, err := sfnt.Parse(fonts.Style(string(s)))
			if err != nil {
				fontsErr = fmt.Errorf("embedded font %q: %w", s, err)
				return
			}
			fc := &face{f: f, upem: float64(f.UnitsPerEm()), adv: make([]float32, tableSize)}
			var buf sfnt.Buffer
			fc.notdef = fc.advance(&buf, 0)
			for r := rune(0); r < tableSize; r++ {
				fc.adv[r] = fc.lookup(&buf, r)
			}
			m[s] = fc
		}
		faces = m
	})
	return faces, fontsErr
}

func (fc *face) advance(buf *sfnt.Buffer, g sfnt.GlyphIndex) float32 {
	a, err := fc.f.GlyphAdvance(buf, g, fixed.Int26_6(fc.upem*64), font.HintingNone)
	if err != nil {
		return 0
	}
	return float32(float64(a) / 64 / fc.upem)
}

func (fc *face) lookup(buf *sfnt.Buffer, r rune) float32 {
	g, err := fc.f.GlyphIndex(buf, r)
	if err != nil || g == 0 {
		return -1
	}
	return fc.advance(buf, g)
}

// em returns the advance of r in em and whether the font has it.
func (fc *face) em(r rune) (float32, bool) {
	var a float32
	if r >= 0 && r < tableSize {
		a = fc.adv[r]
	} else if v, ok := fc.more.Load(r); ok {
		a = v.(float32)
	} else {
		var buf sfnt.Buffer
		a = fc.lookup(&buf, r)
		fc.more.Store(r, a)
	}
	if a < 0 {
		return fc.notdef, false
	}
	return a, true
}

func mustFace(s Style) *face {
	m, err := loadFonts()
	if err != nil {
		// The fonts are embedded and tested; failing to parse them is a
		// build defect, not a runtime condition.
		panic(err)
	}
	if fc, ok := m[s]; ok {
		return fc
	}
	return m[Regular]
}

// Width returns the advance width of s in millimetres.
func Width(f Font, s string) float64 {
	fc := mustFace(f.Style)
	var w float64
	for _, r := range s {
		a, _ := fc.em(r)
		w += float64(a)
	}
	return w * f.Size * ptMM
}

// Covers reports whether the embedded font style has a glyph for r.
func Covers(s Style, r rune) bool {
	_, ok := mustFace(s).em(r)
	return ok
}

// Clean prepares user text for printing: NFC composition (so that
// decomposed Vietnamese prints with the precomposed glyphs), tabs and
// other spaces to plain spaces, control characters removed (newlines
// kept), and characters the font lacks replaced by '?'.
func Clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	s = vntext.NFC(s)
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return -1
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r) || r == '\uFEFF' || r == '\u200B':
			return -1
		case unicode.Is(unicode.Mn, r):
			return r // kept; a mark the font lacks is dropped below
		}
		if !Covers(Regular, r) || !Covers(Bold, r) {
			return '?'
		}
		return r
	}, s)
}

// Wrap breaks s into lines no wider than w millimetres: at spaces, and
// inside a word only when the word alone is wider than w. '\n' starts a
// new paragraph; runs of spaces collapse. An empty s gives one empty line.
func Wrap(f Font, w float64, s string) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			out = append(out, "")
			continue
		}
		space := Width(f, " ")
		line, lw := "", 0.0
		for _, word := range words {
			ww := Width(f, word)
			if line != "" && lw+space+ww <= w+1e-9 {
				line += " " + word
				lw += space + ww
				continue
			}
			if line != "" {
				out = append(out, line)
			}
			// Break a word that does not fit on a line by itself, after a
			// hyphen, slash or dot when the fitting part has one (dossier
			// codes break as "000.00.06.H56-" / "231027-0361").
			for ww > w+1e-9 {
				cut, cw, dash, soft := 0, 0.0, 0, 0
				for i, r := range word {
					rw := Width(f, string(r))
					if cw+rw > w+1e-9 && i > 0 {
						break
					}
					cut, cw = i+utf8.RuneLen(r), cw+rw
					if cut < len(word) {
						switch r {
						case '-':
							dash = cut
						case '/', '.':
							soft = cut
						}
					}
				}
				if dash > 0 {
					cut = dash
				} else if soft > 0 {
					cut = soft
				}
				out = append(out, word[:cut])
				word = word[cut:]
				ww = Width(f, word)
			}
			line, lw = word, ww
		}
		if line != "" {
			out = append(out, line)
		}
	}
	return out
}
