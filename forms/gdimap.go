package forms

import "math"

// deviceMap converts page millimetres to the device pixels of a Windows
// printer DC: the printer's resolution (GetDeviceCaps LOGPIXELSX/Y) and
// the unprintable margin (PHYSICALOFFSETX/Y), since GDI's origin is the
// corner of the printable area, not of the paper. It is plain arithmetic,
// kept outside the Windows build so it is tested everywhere.
type deviceMap struct {
	dpiX, dpiY float64
	offX, offY int32
}

// x and y map a point.
func (m deviceMap) x(mm float64) int32 { return int32(math.Round(mm*m.dpiX/25.4)) - m.offX }
func (m deviceMap) y(mm float64) int32 { return int32(math.Round(mm*m.dpiY/25.4)) - m.offY }

// w and h map a length, at least one device pixel.
func (m deviceMap) w(mm float64) int32 { return max(1, int32(math.Round(mm*m.dpiX/25.4))) }
func (m deviceMap) h(mm float64) int32 { return max(1, int32(math.Round(mm*m.dpiY/25.4))) }

// rect maps [x0,x1)×[y0,y1) to a device rectangle (left, top, width,
// height) at least one pixel each way; edges are rounded independently so
// adjacent rectangles (barcode bars, table rules) neither overlap nor gap.
func (m deviceMap) rect(x0, y0, x1, y1 float64) (l, t, w, h int32) {
	l, t = m.x(x0), m.y(y0)
	r, b := m.x(x1), m.y(y1)
	return l, t, max(1, r-l), max(1, b-t)
}

// fontHeight is a LOGFONT height for a size in points: negative, so GDI
// matches the character height (the em) rather than the cell height.
func (m deviceMap) fontHeight(pt float64) int32 { return -int32(math.Round(pt * m.dpiY / 72)) }

// monoDIB packs rows of modules (true = black) as a 1-bit top-down DIB:
// each row padded to a multiple of 4 bytes, MSB first, with palette index
// 0 = black and 1 = white (so set bits are white).
func monoDIB(rows [][]bool) (bits []byte, stride int) {
	w := len(rows[0])
	stride = (w + 31) / 32 * 4
	bits = make([]byte, stride*len(rows))
	for y, row := range rows {
		for x := range w {
			if !row[x] {
				bits[y*stride+x/8] |= 0x80 >> (x % 8)
			}
		}
	}
	return bits, stride
}
