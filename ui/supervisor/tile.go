package supervisor

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/report"
	"motcua/ui/intake/kit"
)

// Tile is one headline number of the dashboard: a large count, its name
// and a hint line, with a coloured stripe of its series. A tap, or Enter or
// Space when focused, drills down to its dossiers.
type Tile struct {
	widget.BaseWidget

	Title string
	Hint  string
	Cell  report.Cell
	// OnTapped drills down.
	OnTapped func()

	series  series
	keys    *kit.Keys
	focused bool
}

func newTile(title string, s series, keys *kit.Keys) *Tile {
	t := &Tile{Title: title, series: s, keys: keys}
	t.ExtendBaseWidget(t)
	return t
}

// Set shows a new number.
func (t *Tile) Set(c report.Cell, hint string) {
	t.Cell, t.Hint = c, hint
	t.Refresh()
}

// Tapped drills down.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// Cursor is the pointer hand.
func (t *Tile) Cursor() desktop.Cursor { return desktop.PointerCursor }

// FocusGained shows the focus outline.
func (t *Tile) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost hides it.
func (t *Tile) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune ignores characters.
func (t *Tile) TypedRune(rune) {}

// TypedKey drills down on Enter or Space; other keys go to the screen.
func (t *Tile) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		t.Tapped(nil)
		return
	}
	kit.Forward(t, t.keys, ev)
}

// TypedShortcut passes shortcuts to the screen.
func (t *Tile) TypedShortcut(s fyne.Shortcut) { t.keys.HandleShortcut(s) }

// CreateRenderer draws the tile.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	r := &tileRenderer{t: t,
		bg: canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)), stripe: canvas.NewRectangle(color.Black),
		value: canvas.NewText("", color.Black), title: canvas.NewText("", color.Black), hint: canvas.NewText("", color.Black),
		outline: canvas.NewRectangle(color.Transparent)}
	r.bg.CornerRadius = 4
	r.outline.CornerRadius = 4
	r.value.TextStyle = fyne.TextStyle{Bold: true}
	r.Refresh()
	return r
}

type tileRenderer struct {
	t                   *Tile
	bg, stripe, outline *canvas.Rectangle
	value, title, hint  *canvas.Text
}

const tilePad = 6

func (r *tileRenderer) MinSize() fyne.Size {
	w := max(r.value.MinSize().Width, r.title.MinSize().Width, r.hint.MinSize().Width) + 2*tilePad + 6
	h := r.value.MinSize().Height + r.title.MinSize().Height + r.hint.MinSize().Height + 2*tilePad
	return fyne.NewSize(max(w, 140), h)
}

func (r *tileRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.outline.Resize(s)
	r.stripe.Move(fyne.NewPos(0, 0))
	r.stripe.Resize(fyne.NewSize(6, s.Height))
	x := float32(6 + tilePad)
	y := float32(tilePad)
	r.value.Move(fyne.NewPos(x, y))
	y += r.value.MinSize().Height
	r.title.Move(fyne.NewPos(x, y))
	y += r.title.MinSize().Height
	r.hint.Move(fyne.NewPos(x, y))
}

func (r *tileRenderer) Refresh() {
	t := r.t
	bg, _ := t.series.colors()
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.stripe.FillColor = bg
	r.value.Text = num(t.Cell.N())
	r.value.TextSize = theme.TextSize() * 1.9
	r.value.Color = theme.Color(theme.ColorNameForeground)
	r.title.Text = t.Title
	r.title.TextSize = theme.TextSize()
	r.title.Color = theme.Color(theme.ColorNameForeground)
	r.hint.Text = t.Hint
	r.hint.TextSize = theme.TextSize() * 0.85
	r.hint.Color = theme.Color(theme.ColorNamePlaceHolder)
	if t.focused {
		r.outline.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.outline.StrokeWidth = 2
	} else {
		r.outline.StrokeWidth = 0
	}
	r.Layout(t.Size())
	canvas.Refresh(t)
}

func (r *tileRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.stripe, r.value, r.title, r.hint, r.outline}
}

func (r *tileRenderer) Destroy() {}

// Link is a number shown as a link: a tap, or Enter or Space when focused,
// drills down.
type Link struct {
	widget.Hyperlink
	keys *kit.Keys
}

func newLink(text string, keys *kit.Keys, tapped func()) *Link {
	l := &Link{keys: keys}
	l.Text = text
	l.OnTapped = tapped
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey fires on Enter and Space; other keys go to the screen.
func (l *Link) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		if l.OnTapped != nil {
			l.OnTapped()
		}
		return
	}
	kit.Forward(l, l.keys, ev)
}
