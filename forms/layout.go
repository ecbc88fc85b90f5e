package forms

import (
	"encoding/json"
	"math"
	"strings"
)

// The layout model: pure data, fully resolved. Builders decide every
// position and every line break (with the metrics of the embedded font);
// renderers (PDF, raster preview, thermal raster, Windows GDI) only draw.
// All lengths are millimetres from the top-left corner of the page; font
// sizes are points.

// Style is a font style as fpdf names it.
type Style string

// Font styles.
const (
	Regular    Style = ""
	Bold       Style = "B"
	Italic     Style = "I"
	BoldItalic Style = "BI"
)

// Family is the only font family: the embedded Noto Serif.
const Family = "Noto Serif"

// Font is a family, a style and a size in points.
type Font struct {
	Family string  `json:"family"`
	Style  Style   `json:"style,omitempty"`
	Size   float64 `json:"size"`
}

// Align is the horizontal alignment of the lines of a Text in its box.
type Align string

// Alignments.
const (
	Left   Align = "left"
	Center Align = "center"
	Right  Align = "right"
)

// Text is a block of lines already broken to fit W. Line i has its
// baseline at Baseline(i) and starts at LineX(i).
type Text struct {
	X          float64  `json:"x"`
	Y          float64  `json:"y"` // top of the first line box
	W          float64  `json:"w"` // wrapping width
	Font       Font     `json:"font"`
	Align      Align    `json:"align"`
	LineHeight float64  `json:"lh"`
	Lines      []string `json:"lines"`
}

// capCentre is half the cap height of Noto Serif (0.714 em / 2): the
// baseline sits that far below the middle of the line box, so capitals
// are centred in it.
const capCentre = 0.357

// ptMM is one point in millimetres.
const ptMM = 25.4 / 72

// Baseline returns the y of line i's baseline.
func (t *Text) Baseline(i int) float64 {
	return t.Y + t.LineHeight*(float64(i)+0.5) + capCentre*t.Font.Size*ptMM
}

// Height is the height of the block.
func (t *Text) Height() float64 { return t.LineHeight * float64(len(t.Lines)) }

// LineX returns the x where line i starts, after alignment.
func (t *Text) LineX(i int) float64 {
	switch t.Align {
	case Center:
		return t.X + (t.W-Width(t.Font, t.Lines[i]))/2
	case Right:
		return t.X + t.W - Width(t.Font, t.Lines[i])
	}
	return t.X
}

// Line is a straight stroke.
type Line struct {
	X1    float64 `json:"x1"`
	Y1    float64 `json:"y1"`
	X2    float64 `json:"x2"`
	Y2    float64 `json:"y2"`
	Width float64 `json:"width"`
	// Dash is the dash length (0 = solid).
	Dash float64 `json:"dash,omitempty"`
}

// Rect is a rectangle, stroked or filled black.
type Rect struct {
	X     float64 `json:"x"`
	Y     float64 `json:"y"`
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Width float64 `json:"width,omitempty"` // stroke width (when not filled)
	Fill  bool    `json:"fill,omitempty"`
}

// ImageKind says how an Image's data is drawn.
type ImageKind string

// Image kinds. The renderer builds the modules from Data, so the model
// stays small and readable.
const (
	// QR: a QR code of Data (error correction M) filling the square W×H,
	// quiet zone included.
	QR ImageKind = "qr"
	// Barcode: a Code 128 barcode of Data stretched over W×H, quiet zones
	// included.
	Barcode ImageKind = "code128"
)

// Image is a QR code or a barcode.
type Image struct {
	X    float64   `json:"x"`
	Y    float64   `json:"y"`
	W    float64   `json:"w"`
	H    float64   `json:"h"`
	Kind ImageKind `json:"kind"`
	Data string    `json:"data"`
}

// Table is a grid of cells. Column i is Cols[i] wide; each row has its
// height. A cell's box is drawn with the table's border width; its texts
// are positioned absolutely.
type Table struct {
	X      float64   `json:"x"`
	Y      float64   `json:"y"`
	Cols   []float64 `json:"cols"`
	Rows   []Row     `json:"rows"`
	Border float64   `json:"border"`
}

// Row is one table row.
type Row struct {
	H      float64 `json:"h"`
	Header bool    `json:"header,omitempty"`
	Cells  []Cell  `json:"cells"`
}

// Cell is one cell; Span and RowSpan merge cells to the right and below
// (0 means 1). Texts may be empty (a box to fill in by hand).
type Cell struct {
	Col     int    `json:"col"`
	Span    int    `json:"span,omitempty"`
	RowSpan int    `json:"rowspan,omitempty"`
	Texts   []Text `json:"texts,omitempty"`
}

// Box returns the cell's rectangle in table row r.
func (tb *Table) Box(r int, c Cell) (x, y, w, h float64) {
	x = tb.X
	for i := 0; i < c.Col; i++ {
		x += tb.Cols[i]
	}
	span := max(c.Span, 1)
	for i := c.Col; i < c.Col+span && i < len(tb.Cols); i++ {
		w += tb.Cols[i]
	}
	y = tb.Y
	for i := 0; i < r; i++ {
		y += tb.Rows[i].H
	}
	rs := max(c.RowSpan, 1)
	for i := r; i < r+rs && i < len(tb.Rows); i++ {
		h += tb.Rows[i].H
	}
	return
}

// Height is the table's total height.
func (tb *Table) Height() float64 {
	h := 0.0
	for _, r := range tb.Rows {
		h += r.H
	}
	return h
}

// Item is one drawable element; exactly one field is set.
type Item struct {
	Text  *Text  `json:"text,omitempty"`
	Line  *Line  `json:"line,omitempty"`
	Rect  *Rect  `json:"rect,omitempty"`
	Image *Image `json:"image,omitempty"`
	Table *Table `json:"table,omitempty"`
}

// Page sizes in millimetres.
const (
	A4Short = 210.0
	A4Long  = 297.0
)

// Page is one page, W×H millimetres, drawn in item order.
type Page struct {
	W     float64 `json:"w"`
	H     float64 `json:"h"`
	Items []Item  `json:"items"`
}

// Landscape reports whether the page is wider than high.
func (p *Page) Landscape() bool { return p.W > p.H }

// Document is a rendered form: its number in the office's set, its title
// and its pages.
type Document struct {
	Kind   Kind   `json:"kind"`
	Number string `json:"number"`
	Set    string `json:"set"`
	Title  string `json:"title"`
	// Code is the dossier code or guidance number ("" for the book).
	Code string `json:"code,omitempty"`
	// Copy marks a reprint (BẢN SAO).
	Copy  bool   `json:"copy,omitempty"`
	Pages []Page `json:"pages"`
}

// JSON returns the document as indented JSON (the golden-file format).
func (d *Document) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// PlainText returns every line of text, page by page, in drawing order
// (tables row by row). It is what a reader of the printed page sees, and
// what pdftotext of the PDF contains.
func (d *Document) PlainText() string {
	var b strings.Builder
	for i := range d.Pages {
		if i > 0 {
			b.WriteString("\f\n")
		}
		for _, it := range d.Pages[i].Items {
			switch {
			case it.Text != nil:
				writeLines(&b, it.Text)
			case it.Table != nil:
				for _, r := range it.Table.Rows {
					for _, c := range r.Cells {
						for k := range c.Texts {
							writeLines(&b, &c.Texts[k])
						}
					}
				}
			case it.Image != nil:
				b.WriteString("[" + string(it.Image.Kind) + ": " + it.Image.Data + "]\n")
			}
		}
	}
	return b.String()
}

func writeLines(b *strings.Builder, t *Text) {
	for _, l := range t.Lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

// r2 rounds to 0.01 mm, so the golden files are stable and readable.
func r2(v float64) float64 { return math.Round(v*100) / 100 }
