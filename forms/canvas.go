package forms

import "fmt"

// canvas is what a device renderer implements; walk turns a page into
// these calls. The raster preview and the Windows GDI printer share it
// (the PDF renderer talks to fpdf directly).
type canvas interface {
	// text draws the lines of t at t.LineX(i), t.Baseline(i).
	text(t *Text) error
	// fill paints [x0,x1)×[y0,y1) black (mm).
	fill(x0, y0, x1, y1 float64)
	// line strokes a line of width w.
	line(x1, y1, x2, y2, w float64)
	// box strokes a rectangle's outline with width lw.
	box(x, y, w, h, lw float64)
	// bitmap draws a 1-bit image (true = black) stretched over the
	// rectangle; rows are top to bottom and all the same length.
	bitmap(x, y, w, h float64, rows [][]bool) error
}

// walk draws a page on a canvas, in item order.
func walk(p *Page, cv canvas) error {
	for _, it := range p.Items {
		switch {
		case it.Text != nil:
			if err := cv.text(it.Text); err != nil {
				return err
			}
		case it.Line != nil:
			l := it.Line
			cv.line(l.X1, l.Y1, l.X2, l.Y2, l.Width)
		case it.Rect != nil:
			rc := it.Rect
			if rc.Fill {
				cv.fill(rc.X, rc.Y, rc.X+rc.W, rc.Y+rc.H)
			} else {
				cv.box(rc.X, rc.Y, rc.W, rc.H, rc.Width)
			}
		case it.Image != nil:
			rows, err := imageRows(it.Image)
			if err != nil {
				return err
			}
			if err := cv.bitmap(it.Image.X, it.Image.Y, it.Image.W, it.Image.H, rows); err != nil {
				return err
			}
		case it.Table != nil:
			tb := it.Table
			for ri, row := range tb.Rows {
				for _, cell := range row.Cells {
					x, y, w, h := tb.Box(ri, cell)
					cv.box(x, y, w, h, tb.Border)
					for k := range cell.Texts {
						if err := cv.text(&cell.Texts[k]); err != nil {
							return err
						}
					}
				}
			}
		}
	}
	return nil
}

// imageRows returns an image's modules as rows: the QR matrix, or the
// barcode as a single row stretched over the height.
func imageRows(im *Image) ([][]bool, error) {
	switch im.Kind {
	case QR:
		return qrMatrix(im.Data)
	case Barcode:
		m, err := barModules(im.Data)
		if err != nil {
			return nil, err
		}
		return [][]bool{m}, nil
	}
	return nil, fmt.Errorf("unknown image kind %q", im.Kind)
}
