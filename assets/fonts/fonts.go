// Package fonts embeds the typeface printed on every counter form: Noto
// Serif in four styles, which covers the whole Vietnamese alphabet (Latin
// Extended Additional U+1EA0–U+1EF9, Ơ/ơ, Ư/ư, Đ/đ) and the đồng sign ₫.
// The files are the unmodified fonts of Debian's fonts-noto-core
// 20201225-1, under the SIL Open Font License 1.1 (OFL.txt, which must
// ship with the binaries; License returns it).
//
// The package is standard library only; parsing the fonts is left to the
// users (motcua/forms parses each style once per process).
package fonts

import _ "embed"

// Family is the font family name inside the files (the name Windows GDI
// knows after AddFontMemResourceEx).
const Family = "Noto Serif"

var (
	//go:embed NotoSerif-Regular.ttf
	regular []byte
	//go:embed NotoSerif-Bold.ttf
	bold []byte
	//go:embed NotoSerif-Italic.ttf
	italic []byte
	//go:embed NotoSerif-BoldItalic.ttf
	boldItalic []byte
	//go:embed OFL.txt
	license []byte
)

// Regular, Bold, Italic and BoldItalic return the TrueType files. Callers
// must not modify the returned bytes.
func Regular() []byte    { return regular }
func Bold() []byte       { return bold }
func Italic() []byte     { return italic }
func BoldItalic() []byte { return boldItalic }

// Style returns the file for a style as fpdf names them: "" regular, "B"
// bold, "I" italic, "BI" bold italic. Unknown styles return nil.
func Style(s string) []byte {
	switch s {
	case "":
		return regular
	case "B":
		return bold
	case "I":
		return italic
	case "BI", "IB":
		return boldItalic
	}
	return nil
}

// License returns the licence text (SIL OFL 1.1 with the copyright notice).
func License() []byte { return license }
