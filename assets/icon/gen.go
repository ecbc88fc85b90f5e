//go:build ignore

// Draws the motcua app icon (go run gen.go icon.png): a white arched door ("một cửa", one door) on
// a blue rounded square, with a small gold step — supersampled 4x.
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

const N, S = 512, 4

func main() {
	big := N * S
	cov := func(f func(x, y float64) color.NRGBA) *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, N, N))
		for py := 0; py < N; py++ {
			for px := 0; px < N; px++ {
				var r, g, b, a float64
				for sy := 0; sy < S; sy++ {
					for sx := 0; sx < S; sx++ {
						x := (float64(px*S+sx) + 0.5) / float64(big)
						y := (float64(py*S+sy) + 0.5) / float64(big)
						c := f(x, y)
						fa := float64(c.A) / 255
						r += float64(c.R) * fa
						g += float64(c.G) * fa
						b += float64(c.B) * fa
						a += fa
					}
				}
				n := float64(S * S)
				if a > 0 {
					img.SetNRGBA(px, py, color.NRGBA{uint8(r / a), uint8(g / a), uint8(b / a), uint8(255 * a / n)})
				}
			}
		}
		return img
	}
	blue := color.NRGBA{0x0b, 0x5c, 0xad, 0xff}
	blueDark := color.NRGBA{0x08, 0x45, 0x85, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	gold := color.NRGBA{0xf2, 0xb1, 0x34, 0xff}
	none := color.NRGBA{}
	inRounded := func(x, y, x0, y0, x1, y1, r float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
	// door: x 0.33..0.67, y 0.30..0.80, arch radius 0.17 centred at (0.5, 0.30+0.17)
	inDoor := func(x, y, pad float64) bool {
		x0, x1, top, bot := 0.33-pad, 0.67+pad, 0.30-pad, 0.80
		r := (x1 - x0) / 2
		cy := top + r
		if x < x0 || x > x1 || y > bot || y < top {
			return false
		}
		if y >= cy {
			return true
		}
		return (x-0.5)*(x-0.5)+(y-cy)*(y-cy) <= r*r
	}
	img := cov(func(x, y float64) color.NRGBA {
		if !inRounded(x, y, 0.04, 0.04, 0.96, 0.96, 0.2) {
			return none
		}
		// step under the door
		if y >= 0.80 && y <= 0.86 && x >= 0.24 && x <= 0.76 {
			return gold
		}
		if inDoor(x, y, 0) {
			// door panel lines and knob
			if (x-0.60)*(x-0.60)+(y-0.58)*(y-0.58) <= 0.028*0.028 {
				return blue
			}
			return white
		}
		if inDoor(x, y, 0.035) {
			return blueDark
		}
		return blue
	})
	f, err := os.Create(os.Args[1])
	if err != nil {
		panic(err)
	}
	if err := png.Encode(f, img); err != nil {
		panic(err)
	}
	f.Close()
}
