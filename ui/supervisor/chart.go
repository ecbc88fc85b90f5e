package supervisor

import (
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/report"
	"motcua/ui/intake/kit"
)

// series is what a bar counts; it picks the bar's colour and the colour of
// the number printed on it (the row text always names the series too, so
// nothing depends on colour alone).
type series int

const (
	seriesReceived series = iota // dossiers received (primary)
	seriesGuidance               // counter supplement requests (warning)
	seriesRefused                // refusals, late dossiers (error)
	seriesGood                   // early, digitised, online (success)
	seriesNeutral                // on time, due (primary, lighter)
)

func (s series) colors() (bg, fg color.Color) {
	switch s {
	case seriesGuidance:
		bg = theme.Color(theme.ColorNameWarning)
	case seriesRefused:
		bg = theme.Color(theme.ColorNameError)
	case seriesGood:
		bg = theme.Color(theme.ColorNameSuccess)
	case seriesNeutral:
		bg = theme.Color(theme.ColorNameHyperlink)
	default:
		bg = theme.Color(theme.ColorNamePrimary)
	}
	return bg, onColor(bg)
}

// onColor is black or white, whichever reads better on bg (relative
// luminance, WCAG 2): the theme's "on" colours are white even on the
// light green and orange of the default palette.
func onColor(bg color.Color) color.Color {
	r, g, b, _ := bg.RGBA()
	lin := func(v uint32) float64 {
		c := float64(v) / 0xffff
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	if (l+0.05)/0.05 > 1.05/(l+0.05) {
		return color.Black
	}
	return color.White
}

// Bar is one number of a chart row: a coloured segment with its count
// printed on it, and an entry "12 tiếp nhận" in the row's text. Both are
// clickable and drill down to the dossiers of Cell.
type Bar struct {
	Name   string
	Cell   report.Cell
	series series
}

// ChartRow is one row of a chart: a label, its bars (stacked along one
// line) and an optional suffix after the text (a percentage).
type ChartRow struct {
	Label  string
	Bars   []Bar
	Suffix string
	// TextOnly rows show their numbers without bars and do not count for
	// the scale (the "others" row of a top-10 chart would dwarf the rest).
	TextOnly bool
}

func (r *ChartRow) total() int {
	n := 0
	for _, b := range r.Bars {
		n += b.Cell.N()
	}
	return n
}

// BarChart is a horizontal bar chart drawn with canvas rectangles and
// texts: one row per item, the bars of a row stacked and scaled to the
// largest row, each bar's count printed on it when it fits, and after the
// bars the row's numbers with their names ("12 tiếp nhận · 3 yêu cầu bổ
// sung"), each preceded by its colour. Every number is a target: a tap, or
// Enter/Space on the focused one (arrows move), calls OnDrill.
type BarChart struct {
	widget.BaseWidget

	// OnDrill receives the heading of a drill-down list and its cell.
	OnDrill func(title string, c report.Cell)
	// Empty is shown when there are no rows.
	Empty string

	keys    *kit.Keys
	rows    []ChartRow
	focused bool
	fr, fb  int // focused row and bar
	hits    []chartHit
}

type chartHit struct {
	pos      fyne.Position
	size     fyne.Size
	row, bar int
}

// NewBarChart returns an empty chart; keys receives the keys it does not
// use (Esc, F-keys, shortcuts).
func NewBarChart(keys *kit.Keys) *BarChart {
	c := &BarChart{keys: keys, Empty: tr("chart.empty", "Không có số liệu trong khoảng thời gian này.")}
	c.ExtendBaseWidget(c)
	return c
}

// SetRows replaces the rows.
func (c *BarChart) SetRows(rows []ChartRow) {
	c.rows = rows
	c.fr, c.fb = 0, 0
	c.Refresh()
}

// Rows returns the rows shown.
func (c *BarChart) Rows() []ChartRow { return c.rows }

// Drill drills down bar b of row r as a tap would.
func (c *BarChart) Drill(r, b int) {
	if r < 0 || r >= len(c.rows) || b < 0 || b >= len(c.rows[r].Bars) || c.OnDrill == nil {
		return
	}
	row := c.rows[r]
	bar := row.Bars[b]
	title := row.Label
	if bar.Name != "" {
		title += " — " + bar.Name
	}
	c.OnDrill(title, bar.Cell)
}

// Tapped drills down the number under the pointer.
func (c *BarChart) Tapped(ev *fyne.PointEvent) {
	for _, h := range c.hits {
		if ev.Position.X >= h.pos.X && ev.Position.X < h.pos.X+h.size.Width && ev.Position.Y >= h.pos.Y && ev.Position.Y < h.pos.Y+h.size.Height {
			c.fr, c.fb = h.row, h.bar
			c.Refresh()
			c.Drill(h.row, h.bar)
			return
		}
	}
}

// Cursor shows the pointer hand: the chart's numbers are links.
func (c *BarChart) Cursor() desktop.Cursor { return desktop.PointerCursor }

// FocusGained shows the focus outline on the current number.
func (c *BarChart) FocusGained() { c.focused = true; c.Refresh() }

// FocusLost hides the outline.
func (c *BarChart) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune ignores characters.
func (c *BarChart) TypedRune(rune) {}

// TypedKey moves between the numbers with the arrows and drills down with
// Enter or Space; other keys go to the screen.
func (c *BarChart) TypedKey(ev *fyne.KeyEvent) {
	if len(c.rows) == 0 {
		kit.Forward(c, c.keys, ev)
		return
	}
	switch ev.Name {
	case fyne.KeyDown:
		if c.fr < len(c.rows)-1 {
			c.fr++
		}
	case fyne.KeyUp:
		if c.fr > 0 {
			c.fr--
		}
	case fyne.KeyRight:
		if c.fb < len(c.rows[c.fr].Bars)-1 {
			c.fb++
		}
	case fyne.KeyLeft:
		if c.fb > 0 {
			c.fb--
		}
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeySpace:
		c.Drill(c.fr, c.fb)
		return
	default:
		kit.Forward(c, c.keys, ev)
		return
	}
	if n := len(c.rows[c.fr].Bars); c.fb >= n {
		c.fb = n - 1
	}
	c.Refresh()
}

// TypedShortcut passes shortcuts to the screen's keys.
func (c *BarChart) TypedShortcut(s fyne.Shortcut) { c.keys.HandleShortcut(s) }

// CreateRenderer draws the chart.
func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	c.ExtendBaseWidget(c)
	return &chartRenderer{c: c}
}

type chartRenderer struct {
	c    *BarChart
	objs []fyne.CanvasObject
	size fyne.Size
}

const (
	chartGap     = 8
	chartSwatch  = 10
	chartMinBars = 60
)

func textSize() float32 { return theme.TextSize() }

func rowHeight() float32 {
	return fyne.MeasureText("Ág", textSize(), fyne.TextStyle{}).Height + 10
}

func (r *chartRenderer) MinSize() fyne.Size {
	n := len(r.c.rows)
	if n == 0 {
		n = 1
	}
	return fyne.NewSize(360, float32(n)*rowHeight())
}

func (r *chartRenderer) Layout(s fyne.Size) {
	r.size = s
	r.build()
}

func (r *chartRenderer) Refresh() { r.build(); canvas.Refresh(r.c) }

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *chartRenderer) Destroy() {}

// itemText is the text of one bar in the row's text.
func itemText(b Bar) string {
	if b.Name == "" {
		return num(b.Cell.N())
	}
	return num(b.Cell.N()) + " " + b.Name
}

// build lays out every object for the current size.
func (r *chartRenderer) build() {
	c := r.c
	r.objs = r.objs[:0]
	c.hits = c.hits[:0]
	fg := theme.Color(theme.ColorNameForeground)
	ts := textSize()
	w := r.size.Width
	if w <= 0 {
		w = r.MinSize().Width
	}
	if len(c.rows) == 0 {
		t := canvas.NewText(c.Empty, theme.Color(theme.ColorNamePlaceHolder))
		t.TextSize = ts
		t.Move(fyne.NewPos(0, 5))
		r.objs = append(r.objs, t)
		return
	}
	rh := rowHeight()
	// Column widths: labels, bars, the row's text.
	labelW := min(max(w*0.26, 120), 280)
	textW := float32(0)
	for i := range c.rows {
		textW = max(textW, r.rowTextWidth(&c.rows[i]))
	}
	textW = min(textW, w*0.42)
	barsW := max(w-labelW-textW-2*chartGap, chartMinBars)
	scale := 0
	for i := range c.rows {
		if !c.rows[i].TextOnly {
			scale = max(scale, c.rows[i].total())
		}
	}
	for ri := range c.rows {
		row := &c.rows[ri]
		y := float32(ri) * rh
		label := canvas.NewText(ellipsis(row.Label, labelW-4, ts), fg)
		label.TextSize = ts
		label.Move(fyne.NewPos(0, y+5))
		r.objs = append(r.objs, label)

		x := labelW + chartGap
		for bi, b := range row.Bars {
			n := b.Cell.N()
			if n == 0 || scale == 0 || row.TextOnly {
				continue
			}
			bw := barsW * float32(n) / float32(scale)
			bw = max(bw, 2)
			bg, onBg := b.series.colors()
			rect := canvas.NewRectangle(bg)
			rect.Move(fyne.NewPos(x, y+3))
			rect.Resize(fyne.NewSize(bw, rh-6))
			r.objs = append(r.objs, rect)
			c.hits = append(c.hits, chartHit{pos: rect.Position(), size: rect.Size(), row: ri, bar: bi})
			s := num(n)
			if tw := fyne.MeasureText(s, ts, fyne.TextStyle{Bold: true}).Width; tw+6 <= bw {
				t := canvas.NewText(s, onBg)
				t.TextSize = ts
				t.TextStyle = fyne.TextStyle{Bold: true}
				t.Move(fyne.NewPos(x+(bw-tw)/2, y+5))
				r.objs = append(r.objs, t)
			}
			x += bw
		}

		// The row's numbers with their names, after the bars.
		tx := labelW + chartGap + barsW + chartGap
		for bi, b := range row.Bars {
			if bi > 0 {
				sep := canvas.NewText("·", fg)
				sep.TextSize = ts
				sep.Move(fyne.NewPos(tx+2, y+5))
				r.objs = append(r.objs, sep)
				tx += fyne.MeasureText("·", ts, fyne.TextStyle{}).Width + 6
			}
			bg, _ := b.series.colors()
			sw := canvas.NewRectangle(bg)
			sw.Move(fyne.NewPos(tx, y+(rh-chartSwatch)/2))
			sw.Resize(fyne.NewSize(chartSwatch, chartSwatch))
			r.objs = append(r.objs, sw)
			s := itemText(b)
			tw := fyne.MeasureText(s, ts, fyne.TextStyle{}).Width
			t := canvas.NewText(s, fg)
			t.TextSize = ts
			t.Move(fyne.NewPos(tx+chartSwatch+4, y+5))
			r.objs = append(r.objs, t)
			hit := chartHit{pos: fyne.NewPos(tx-2, y+1), size: fyne.NewSize(chartSwatch+4+tw+4, rh-2), row: ri, bar: bi}
			c.hits = append(c.hits, hit)
			if c.focused && ri == c.fr && bi == c.fb {
				box := canvas.NewRectangle(color.Transparent)
				box.StrokeColor = theme.Color(theme.ColorNameFocus)
				box.StrokeWidth = 2
				box.CornerRadius = 3
				box.Move(hit.pos)
				box.Resize(hit.size)
				r.objs = append(r.objs, box)
			}
			tx += chartSwatch + 4 + tw
		}
		if row.Suffix != "" {
			t := canvas.NewText(row.Suffix, fg)
			t.TextSize = ts
			t.TextStyle = fyne.TextStyle{Bold: true}
			t.Move(fyne.NewPos(tx+8, y+5))
			r.objs = append(r.objs, t)
		}
	}
}

func (r *chartRenderer) rowTextWidth(row *ChartRow) float32 {
	ts := textSize()
	w := float32(0)
	for i, b := range row.Bars {
		if i > 0 {
			w += fyne.MeasureText("·", ts, fyne.TextStyle{}).Width + 6
		}
		w += chartSwatch + 4 + fyne.MeasureText(itemText(b), ts, fyne.TextStyle{}).Width
	}
	if row.Suffix != "" {
		w += 8 + fyne.MeasureText(row.Suffix, ts, fyne.TextStyle{Bold: true}).Width
	}
	return w + 4
}

// ellipsis shortens s to fit width w.
func ellipsis(s string, w, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= w {
		return s
	}
	rs := []rune(s)
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		t := strings.TrimSpace(string(rs)) + "…"
		if fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= w {
			return t
		}
	}
	return "…"
}
