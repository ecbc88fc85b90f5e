package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// deskTheme is the counter theme: always light (counters are bright and
// the printed forms are black on white), a calm blue, and text a little
// larger than Fyne's default for reading at arm's length. Fonts are Fyne's
// bundled Noto Sans, which renders every Vietnamese letter
// (../shared/docs/platform.md).
type deskTheme struct{}

// Theme returns the desk app's theme.
func Theme() fyne.Theme { return deskTheme{} }

var (
	primary   = color.NRGBA{R: 0x0b, G: 0x5c, B: 0xad, A: 0xff}
	navBack   = color.NRGBA{R: 0xee, G: 0xf3, B: 0xf9, A: 0xff}
	selection = color.NRGBA{R: 0x0b, G: 0x5c, B: 0xad, A: 0x40}
)

func (deskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return primary
	case theme.ColorNameSelection:
		return selection
	case theme.ColorNameHeaderBackground:
		return navBack
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

func (deskTheme) Font(s fyne.TextStyle) fyne.Resource { return theme.DefaultTheme().Font(s) }

func (deskTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

func (deskTheme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 15
	case theme.SizeNameCaptionText:
		return 12.5
	case theme.SizeNameSubHeadingText:
		return 19
	case theme.SizeNameHeadingText:
		return 25
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		return 4
	}
	return theme.DefaultTheme().Size(n)
}
