package forms

import (
	"math"
	"strings"
)

// composer lays out flowing content on pages: a cursor y moves down, and a
// new page starts when the next block does not fit.
type composer struct {
	doc            *Document
	pw, ph         float64
	ml, mr, mt, mb float64
	y              float64
	page           *Page
	// first is the index of the first page of the current copy (form 01
	// prints two copies, each numbered on its own).
	first int
	// onPage runs at the top of every page after the first of a copy
	// (repeated table headers are handled by table itself).
	onPage func()
}

// Text sizes (points) and line heights (mm) shared by the A4 forms.
var (
	fBody    = Font{Family, Regular, 11.5}
	fBold    = Font{Family, Bold, 11.5}
	fItalic  = Font{Family, Italic, 11.5}
	fHead    = Font{Family, Regular, 11}
	fHeadB   = Font{Family, Bold, 11}
	fTitle   = Font{Family, Bold, 13}
	fSmall   = Font{Family, Regular, 10}
	fSmallI  = Font{Family, Italic, 10}
	fNote    = Font{Family, Italic, 9.5}
	fCellB   = Font{Family, Bold, 10}
	fCell    = Font{Family, Regular, 10}
	fCellI   = Font{Family, Italic, 10}
	lineGap  = 1.3 // line height / font size in mm
	thinLine = 0.3
)

// lh returns the line height for a font.
func lh(f Font) float64 { return r2(f.Size * ptMM * lineGap) }

func newComposer(doc *Document, pw, ph, ml, mr, mt, mb float64) *composer {
	c := &composer{doc: doc, pw: pw, ph: ph, ml: ml, mr: mr, mt: mt, mb: mb}
	return c
}

// startCopy begins a new copy (a new page whose numbering restarts).
func (c *composer) startCopy() {
	c.addPage()
	c.first = len(c.doc.Pages) - 1
}

func (c *composer) addPage() {
	c.doc.Pages = append(c.doc.Pages, Page{W: c.pw, H: c.ph})
	c.page = &c.doc.Pages[len(c.doc.Pages)-1]
	c.y = c.mt
}

// newPage continues the current copy on a new page.
func (c *composer) newPage() {
	c.addPage()
	if c.onPage != nil {
		c.onPage()
	}
}

func (c *composer) cw() float64   { return c.pw - c.ml - c.mr }
func (c *composer) room() float64 { return c.ph - c.mb - c.y }

// need starts a new page unless h millimetres fit below the cursor.
func (c *composer) need(h float64) {
	if h > c.room()+1e-9 && c.y > c.mt+1e-9 {
		c.newPage()
	}
}

func (c *composer) add(it Item) { c.page.Items = append(c.page.Items, it) }

// text makes a wrapped text block (not added).
func text(x, y, w float64, f Font, a Align, s string) *Text {
	return &Text{X: r2(x), Y: r2(y), W: r2(w), Font: f, Align: a, LineHeight: lh(f), Lines: Wrap(f, w, Clean(s))}
}

// place adds a text block at (x, y) without moving the cursor and returns
// its height.
func (c *composer) place(x, y, w float64, f Font, a Align, s string) float64 {
	t := text(x, y, w, f, a, s)
	c.add(Item{Text: t})
	return t.Height()
}

// para adds a paragraph at the cursor, full width from x, breaking across
// pages between lines, and moves the cursor below it.
func (c *composer) para(x, w float64, f Font, a Align, s string) {
	lines := Wrap(f, w, Clean(s))
	l := lh(f)
	for len(lines) > 0 {
		c.need(l)
		n := int(math.Floor((c.room() + 1e-9) / l))
		n = max(1, min(n, len(lines)))
		c.add(Item{Text: &Text{X: r2(x), Y: r2(c.y), W: r2(w), Font: f, Align: a, LineHeight: l, Lines: lines[:n]}})
		c.y = r2(c.y + l*float64(n))
		lines = lines[n:]
	}
}

// line adds a full-width paragraph in the body font.
func (c *composer) line(s string) { c.para(c.ml, c.cw(), fBody, Left, s) }

// gap moves the cursor down.
func (c *composer) gap(h float64) { c.y = r2(c.y + h) }

// field prints "Label: value" with the value in its own font, wrapped
// under itself (a hanging indent). An empty value prints a dotted line to
// fill in by hand.
func (c *composer) field(x float64, label string, value string, vf Font) {
	w := c.pw - c.mr - x
	label = Clean(label)
	lw := Width(fBody, label+" ")
	value = strings.TrimSpace(value)
	if value == "" {
		c.para(x, w, fBody, Left, label+" "+dots(fBody, w-lw))
		return
	}
	if lw > w*0.55 {
		c.para(x, w, fBody, Left, label)
		c.para(x+8, w-8, vf, Left, value)
		return
	}
	vlines := Wrap(vf, w-lw, Clean(value))
	l := lh(fBody)
	c.need(l)
	c.add(Item{Text: &Text{X: r2(x), Y: r2(c.y), W: r2(lw), Font: fBody, Align: Left, LineHeight: l, Lines: []string{label}}})
	for len(vlines) > 0 {
		c.need(l)
		n := max(1, min(int(math.Floor((c.room()+1e-9)/l)), len(vlines)))
		c.add(Item{Text: &Text{X: r2(x + lw), Y: r2(c.y), W: r2(w - lw), Font: vf, Align: Left, LineHeight: l, Lines: vlines[:n]}})
		c.y = r2(c.y + l*float64(n))
		vlines = vlines[n:]
	}
}

// pair prints two short "label value" texts on one line, the second
// starting at the middle; when either is too long they take a line each.
func (c *composer) pair(a, b string) {
	a, b = Clean(a), Clean(b)
	half := c.cw() / 2
	if Width(fBody, a) > half-2 || Width(fBody, b) > half {
		c.line(a)
		c.line(b)
		return
	}
	l := lh(fBody)
	c.need(l)
	c.add(Item{Text: &Text{X: r2(c.ml), Y: r2(c.y), W: r2(half), Font: fBody, Align: Left, LineHeight: l, Lines: []string{a}}})
	c.add(Item{Text: &Text{X: r2(c.ml + half), Y: r2(c.y), W: r2(half), Font: fBody, Align: Left, LineHeight: l, Lines: []string{b}}})
	c.y = r2(c.y + l)
}

// dots returns a dotted leader about w millimetres wide.
func dots(f Font, w float64) string {
	n := int(w / Width(f, "."))
	if n < 3 {
		n = 3
	}
	return strings.Repeat(".", n)
}

// hline draws a horizontal line.
func (c *composer) hline(x1, x2, y, width float64) {
	c.add(Item{Line: &Line{X1: r2(x1), Y1: r2(y), X2: r2(x2), Y2: r2(y), Width: width}})
}

// column is a centred column of the signature block.
type column struct {
	title string // NGƯỜI NỘP HỒ SƠ
	hint  string // (Ký và ghi rõ họ tên)
	name  string // printed below the space for the signature
}

// signatures prints side-by-side signature columns; with one column it
// sits on the right half, as in official letters.
func (c *composer) signatures(cols []column, space float64) {
	h := lh(fBold) + lh(fItalic) + space + lh(fBold)
	c.need(h)
	x, w := c.ml, c.cw()/float64(len(cols))
	if len(cols) == 1 {
		x, w = c.ml+c.cw()/2, c.cw()/2
	}
	top := c.y
	bottom := top
	for i, col := range cols {
		cx := x + w*float64(i)
		y := top
		y += c.place(cx, y, w, fBold, Center, col.title)
		if col.hint != "" {
			y += c.place(cx, y, w, fItalic, Center, col.hint)
		}
		y += space
		if col.name != "" {
			y += c.place(cx, y, w, fBold, Center, col.name)
		}
		bottom = max(bottom, y)
	}
	c.y = r2(bottom)
}

// Table building.

// cellSpec is one cell's content: a text, or a function that lays out
// several texts in the box (x, y, w) and returns their height.
type cellSpec struct {
	text  string
	span  int
	align Align
	font  *Font
	build func(x, y, w float64) ([]Text, float64)
}

// hcell is a header cell.
type hcell struct {
	col, span, rowspan int
	text               string
}

// tableSpec describes a table: column widths, header rows (repeated on
// every page), body font and cell padding.
type tableSpec struct {
	cols   []float64
	header [][]hcell
	font   Font
	hfont  Font
	pad    float64
	border float64
	// minRowH is the smallest body row height (rows to write in by hand).
	minRowH float64
}

func colX(cols []float64, i int) float64 {
	x := 0.0
	for _, w := range cols[:i] {
		x += w
	}
	return x
}

func spanW(cols []float64, i, span int) float64 {
	w := 0.0
	for _, v := range cols[i:min(len(cols), i+max(span, 1))] {
		w += v
	}
	return w
}

// headerRows lays out the header at (x, y).
func (ts *tableSpec) headerRows(x, y float64) []Row {
	rows := make([]Row, len(ts.header))
	l := lh(ts.hfont)
	// Heights: the tallest single-row cell of each row.
	for ri, hr := range ts.header {
		h := l + 2*ts.pad
		for _, hc := range hr {
			if max(hc.rowspan, 1) == 1 {
				n := len(Wrap(ts.hfont, spanW(ts.cols, hc.col, hc.span)-2*ts.pad, Clean(hc.text)))
				h = max(h, float64(n)*l+2*ts.pad)
			}
		}
		rows[ri].H = r2(h)
	}
	// Multi-row cells: stretch the last row they cover if needed.
	for ri, hr := range ts.header {
		for _, hc := range hr {
			rs := max(hc.rowspan, 1)
			if rs == 1 {
				continue
			}
			n := len(Wrap(ts.hfont, spanW(ts.cols, hc.col, hc.span)-2*ts.pad, Clean(hc.text)))
			need := float64(n)*l + 2*ts.pad
			have := 0.0
			for k := ri; k < ri+rs && k < len(rows); k++ {
				have += rows[k].H
			}
			if need > have {
				rows[min(ri+rs, len(rows))-1].H = r2(rows[min(ri+rs, len(rows))-1].H + need - have)
			}
		}
	}
	top := y
	for ri, hr := range ts.header {
		rows[ri].Header = true
		for _, hc := range hr {
			rs := max(hc.rowspan, 1)
			h := 0.0
			for k := ri; k < ri+rs && k < len(rows); k++ {
				h += rows[k].H
			}
			w := spanW(ts.cols, hc.col, hc.span)
			t := text(x+colX(ts.cols, hc.col)+ts.pad, 0, w-2*ts.pad, ts.hfont, Center, hc.text)
			t.Y = r2(top + (h-t.Height())/2) // vertically centred
			cell := Cell{Col: hc.col, Span: hc.span, RowSpan: hc.rowspan}
			if hc.text != "" {
				cell.Texts = []Text{*t}
			}
			rows[ri].Cells = append(rows[ri].Cells, cell)
		}
		top += rows[ri].H
	}
	return rows
}

// bodyRow lays out one body row at y.
func (ts *tableSpec) bodyRow(x, y float64, cells []cellSpec) Row {
	row := Row{}
	h := max(ts.minRowH, lh(ts.font)+2*ts.pad)
	col := 0
	for _, cs := range cells {
		if col >= len(ts.cols) {
			break
		}
		span := max(cs.span, 1)
		cx := x + colX(ts.cols, col) + ts.pad
		w := spanW(ts.cols, col, span) - 2*ts.pad
		cell := Cell{Col: col}
		if span > 1 {
			cell.Span = span
		}
		switch {
		case cs.build != nil:
			texts, th := cs.build(cx, y+ts.pad, w)
			cell.Texts = texts
			h = max(h, th+2*ts.pad)
		case cs.text != "":
			f := ts.font
			if cs.font != nil {
				f = *cs.font
			}
			a := cs.align
			if a == "" {
				a = Left
			}
			t := text(cx, y+ts.pad, w, f, a, cs.text)
			cell.Texts = []Text{*t}
			h = max(h, t.Height()+2*ts.pad)
		}
		row.Cells = append(row.Cells, cell)
		col += span
	}
	row.H = r2(h)
	return row
}

// table adds a table at the cursor, breaking between rows across pages
// and repeating the header rows on each page.
func (c *composer) table(ts tableSpec, body [][]cellSpec) {
	x := c.ml
	var cur *Table
	start := func() {
		hdr := ts.headerRows(x, c.y)
		cur = &Table{X: r2(x), Y: r2(c.y), Cols: roundAll(ts.cols), Border: ts.border, Rows: hdr}
		c.add(Item{Table: cur})
		for _, r := range hdr {
			c.y = r2(c.y + r.H)
		}
	}
	// Keep the header with at least the first row.
	hh := 0.0
	for _, r := range ts.headerRows(x, 0) {
		hh += r.H
	}
	first := 0.0
	if len(body) > 0 {
		first = ts.bodyRow(x, 0, body[0]).H
	}
	c.need(hh + first)
	start()
	for _, cells := range body {
		row := ts.bodyRow(x, c.y, cells)
		if row.H > c.room()+1e-9 {
			c.newPage()
			start()
			row = ts.bodyRow(x, c.y, cells)
		}
		cur.Rows = append(cur.Rows, row)
		c.y = r2(c.y + row.H)
	}
}

func roundAll(v []float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = r2(x)
	}
	return out
}

// tablePad is the cell padding of the A4 form tables.
const tablePad = 1.0
