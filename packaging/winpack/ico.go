package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"

	"golang.org/x/image/draw"
)

// IconSizes are the square sizes put into the .ico: the shell picks 16, 20,
// 24 and 32 for 100–200 % small icons, 32–64 for Explorer's medium views
// and 256 for large tiles.
var IconSizes = []int{16, 20, 24, 32, 40, 48, 64, 128, 256}

// MakeICO scales a square source image (at least 256×256) to IconSizes and
// encodes an .ico: 32-bit BGRA DIBs below 256 (what every Windows API
// reads) and a PNG at 256 (the Vista+ convention, keeping the file small).
func MakeICO(src image.Image) ([]byte, error) {
	b := src.Bounds()
	if b.Dx() != b.Dy() {
		return nil, fmt.Errorf("icon is %d×%d; it must be square", b.Dx(), b.Dy())
	}
	if b.Dx() < 256 {
		return nil, fmt.Errorf("icon is %d×%d; it must be at least 256×256", b.Dx(), b.Dy())
	}
	type entry struct {
		size int
		data []byte
	}
	var entries []entry
	for _, s := range IconSizes {
		dst := image.NewNRGBA(image.Rect(0, 0, s, s))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
		var data []byte
		if s >= 256 {
			var buf bytes.Buffer
			if err := png.Encode(&buf, dst); err != nil {
				return nil, err
			}
			data = buf.Bytes()
		} else {
			data = dib32(dst)
		}
		entries = append(entries, entry{s, data})
	}
	var out bytes.Buffer
	le := binary.LittleEndian
	hdr := make([]byte, 6)
	le.PutUint16(hdr[2:], 1) // type 1 = icon
	le.PutUint16(hdr[4:], uint16(len(entries)))
	out.Write(hdr)
	off := 6 + 16*len(entries)
	for _, e := range entries {
		d := make([]byte, 16)
		d[0], d[1] = byte(e.size), byte(e.size) // 256 is written as 0
		le.PutUint16(d[4:], 1)                  // planes
		le.PutUint16(d[6:], 32)                 // bits per pixel
		le.PutUint32(d[8:], uint32(len(e.data)))
		le.PutUint32(d[12:], uint32(off))
		out.Write(d)
		off += len(e.data)
	}
	for _, e := range entries {
		out.Write(e.data)
	}
	return out.Bytes(), nil
}

// dib32 encodes img as an icon DIB: BITMAPINFOHEADER with doubled height,
// bottom-up BGRA rows, then an all-zero AND mask (the alpha channel is the
// mask) with rows padded to 32 bits.
func dib32(img *image.NRGBA) []byte {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	maskStride := (w + 31) / 32 * 4
	le := binary.LittleEndian
	out := make([]byte, 40+w*h*4+maskStride*h)
	le.PutUint32(out[0:], 40)
	le.PutUint32(out[4:], uint32(w))
	le.PutUint32(out[8:], uint32(2*h))
	le.PutUint16(out[12:], 1)
	le.PutUint16(out[14:], 32)
	le.PutUint32(out[20:], uint32(w*h*4+maskStride*h))
	p := 40
	for y := h - 1; y >= 0; y-- {
		for x := range w {
			c := img.NRGBAAt(x, y)
			out[p], out[p+1], out[p+2], out[p+3] = c.B, c.G, c.R, c.A
			p += 4
		}
	}
	return out
}

// IconImage is one image of an .ico or an RT_ICON resource, decoded.
type IconImage struct {
	W, H int
	PNG  bool
	Img  image.Image
}

// DecodeIconImage decodes one icon image: a PNG or a 32-bit icon DIB.
func DecodeIconImage(data []byte) (IconImage, error) {
	if bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return IconImage{}, fmt.Errorf("icon PNG: %w", err)
		}
		return IconImage{W: img.Bounds().Dx(), H: img.Bounds().Dy(), PNG: true, Img: img}, nil
	}
	le := binary.LittleEndian
	if len(data) < 40 || le.Uint32(data) != 40 {
		return IconImage{}, errors.New("icon image is neither a PNG nor a BITMAPINFOHEADER DIB")
	}
	w, h2 := int32(le.Uint32(data[4:])), int32(le.Uint32(data[8:]))
	bpp := le.Uint16(data[14:])
	if w <= 0 || w > 1024 || h2 <= 0 || h2%2 != 0 || h2/2 > 1024 {
		return IconImage{}, fmt.Errorf("icon DIB has a bad size %d×%d", w, h2/2)
	}
	if bpp != 32 {
		return IconImage{}, fmt.Errorf("icon DIB has %d bits per pixel; only 32 is decoded", bpp)
	}
	W, H := int(w), int(h2/2)
	need := 40 + W*H*4
	if len(data) < need {
		return IconImage{}, fmt.Errorf("icon DIB is %d bytes, %d×%d needs %d", len(data), W, H, need)
	}
	img := image.NewNRGBA(image.Rect(0, 0, W, H))
	p := 40
	for y := H - 1; y >= 0; y-- {
		for x := range W {
			img.SetNRGBA(x, y, color.NRGBA{B: data[p], G: data[p+1], R: data[p+2], A: data[p+3]})
			p += 4
		}
	}
	return IconImage{W: W, H: H, Img: img}, nil
}

// ParseICO splits an .ico file into its images.
func ParseICO(b []byte) ([]IconImage, error) {
	le := binary.LittleEndian
	if len(b) < 6 || le.Uint16(b) != 0 || le.Uint16(b[2:]) != 1 {
		return nil, errors.New("not an .ico file")
	}
	n := int(le.Uint16(b[4:]))
	if n == 0 || len(b) < 6+16*n {
		return nil, fmt.Errorf(".ico directory of %d images is truncated", n)
	}
	var out []IconImage
	for i := range n {
		d := b[6+16*i:]
		size, off := int(le.Uint32(d[8:])), int(le.Uint32(d[12:]))
		if off < 0 || size < 0 || off > len(b) || size > len(b)-off {
			return nil, fmt.Errorf(".ico image %d lies outside the file", i)
		}
		img, err := DecodeIconImage(b[off : off+size])
		if err != nil {
			return nil, fmt.Errorf(".ico image %d: %w", i, err)
		}
		dw, dh := int(d[0]), int(d[1])
		if dw == 0 {
			dw = 256
		}
		if dh == 0 {
			dh = 256
		}
		if img.W != dw || img.H != dh {
			return nil, fmt.Errorf(".ico image %d: directory says %d×%d, image is %d×%d", i, dw, dh, img.W, img.H)
		}
		out = append(out, img)
	}
	return out, nil
}
