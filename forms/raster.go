package forms

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Raster draws page pi of d at dpi dots per inch, black on white with
// anti-aliased text: the in-app preview (the UI shows the image) and, at
// 203.2 dpi, the thermal receipt before it is reduced to 1 bit. It uses
// the same embedded font and the same line positions as the PDF.
func Raster(d *Document, pi int, dpi float64) (*image.Gray, error) {
	if pi < 0 || pi >= len(d.Pages) {
		return nil, fmt.Errorf("form %s has no page %d", d.Number, pi+1)
	}
	if dpi < 10 || dpi > 1200 {
		return nil, fmt.Errorf("resolution %v dpi is outside 10–1200", dpi)
	}
	p := &d.Pages[pi]
	r := &rasterizer{scale: dpi / 25.4, dpi: dpi, faces: map[Font]font.Face{}}
	w, h := int(math.Ceil(p.W*r.scale)), int(math.Ceil(p.H*r.scale))
	r.img = image.NewGray(image.Rect(0, 0, w, h))
	draw.Draw(r.img, r.img.Bounds(), image.White, image.Point{}, draw.Src)
	defer r.close()
	if err := walk(p, r); err != nil {
		return nil, err
	}
	return r.img, nil
}

type rasterizer struct {
	img   *image.Gray
	scale float64 // pixels per mm
	dpi   float64
	faces map[Font]font.Face
}

func (r *rasterizer) close() {
	for _, f := range r.faces {
		f.Close()
	}
}

// face returns a face for f at the raster's resolution. Faces are not safe
// for concurrent use, so each raster has its own; the parsed font is
// shared.
func (r *rasterizer) face(f Font) (font.Face, error) {
	if fc, ok := r.faces[f]; ok {
		return fc, nil
	}
	fc, err := opentype.NewFace(mustFace(f.Style).f, &opentype.FaceOptions{Size: f.Size, DPI: r.dpi, Hinting: font.HintingNone})
	if err != nil {
		return nil, err
	}
	r.faces[f] = fc
	return fc, nil
}

func (r *rasterizer) text(t *Text) error {
	fc, err := r.face(t.Font)
	if err != nil {
		return err
	}
	dr := font.Drawer{Dst: r.img, Src: image.Black, Face: fc}
	for i, l := range t.Lines {
		if l == "" {
			continue
		}
		dr.Dot = fixed.Point26_6{X: fixed.Int26_6(t.LineX(i) * r.scale * 64), Y: fixed.Int26_6(t.Baseline(i) * r.scale * 64)}
		dr.DrawString(l)
	}
	return nil
}

// px converts millimetres to a pixel edge.
func (r *rasterizer) px(mm float64) int { return int(math.Round(mm * r.scale)) }

// fill paints the rectangle [x0,x1)×[y0,y1) (mm) black, snapped to pixel
// edges and at least one pixel thick, so thin rules and barcode bars stay
// crisp.
func (r *rasterizer) fill(x0, y0, x1, y1 float64) {
	a, b := r.px(x0), r.px(x1)
	c, d := r.px(y0), r.px(y1)
	if b <= a {
		b = a + 1
	}
	if d <= c {
		d = c + 1
	}
	draw.Draw(r.img, image.Rect(a, c, b, d), image.Black, image.Point{}, draw.Src)
}

// line strokes a line of width w (mm): horizontal and vertical lines as
// snapped rectangles, others through the vector rasteriser.
func (r *rasterizer) line(x1, y1, x2, y2, w float64) {
	hw := w / 2
	switch {
	case y1 == y2:
		r.fill(math.Min(x1, x2), y1-hw, math.Max(x1, x2), y1+hw)
	case x1 == x2:
		r.fill(x1-hw, math.Min(y1, y2), x1+hw, math.Max(y1, y2))
	default:
		dx, dy := x2-x1, y2-y1
		n := math.Hypot(dx, dy)
		ox, oy := -dy/n*hw, dx/n*hw
		s := float32(r.scale)
		b := r.img.Bounds()
		z := vector.NewRasterizer(b.Dx(), b.Dy())
		z.MoveTo(float32(x1+ox)*s, float32(y1+oy)*s)
		z.LineTo(float32(x2+ox)*s, float32(y2+oy)*s)
		z.LineTo(float32(x2-ox)*s, float32(y2-oy)*s)
		z.LineTo(float32(x1-ox)*s, float32(y1-oy)*s)
		z.ClosePath()
		z.Draw(r.img, b, image.NewUniform(color.Black), image.Point{})
	}
}

// box strokes a rectangle's outline with width w.
func (r *rasterizer) box(x, y, w, h, lw float64) {
	hw := lw / 2
	r.fill(x-hw, y-hw, x+w+hw, y+hw)
	r.fill(x-hw, y+h-hw, x+w+hw, y+h+hw)
	r.fill(x-hw, y-hw, x+hw, y+h+hw)
	r.fill(x+w-hw, y-hw, x+w+hw, y+h+hw)
}

// bitmap paints the dark cells of rows over the rectangle, cell by cell
// snapped to pixel edges.
func (r *rasterizer) bitmap(x, y, w, h float64, rows [][]bool) error {
	cw, ch := w/float64(len(rows[0])), h/float64(len(rows))
	for j, row := range rows {
		runs(row, func(i, n int) {
			r.fill(x+float64(i)*cw, y+float64(j)*ch, x+float64(i+n)*cw, y+float64(j+1)*ch)
		})
	}
	return nil
}
