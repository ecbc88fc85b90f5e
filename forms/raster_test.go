package forms

import (
	"strings"
	"testing"

	"motcua/desk"
)

func TestRasterPreview(t *testing.T) {
	d, _ := buildCase(t, goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false})
	img, err := Raster(d, 0, 60)
	if err != nil {
		t.Fatal(err)
	}
	// A4 at 60 dpi.
	if b := img.Bounds(); b.Dx() != 497 || b.Dy() != 702 {
		t.Fatalf("size %v", b)
	}
	goldenPNG(t, "preview-tt03-2025-01.png", img, 0.003)

	// The barcode's bars land where the model puts them: its first bar
	// starts after the 10-module quiet zone.
	var bar *Image
	for _, it := range d.Pages[0].Items {
		if it.Image != nil && it.Image.Kind == Barcode {
			bar = it.Image
		}
	}
	hi, _ := Raster(d, 0, 300)
	mods, _ := barModules(bar.Data)
	mod := bar.W / float64(len(mods))
	y := int((bar.Y + bar.H/2) * 300 / 25.4)
	x0 := int((bar.X+10*mod)*300/25.4 + 0.5)
	if hi.GrayAt(x0-2, y).Y < 200 || hi.GrayAt(x0+1, y).Y > 50 {
		t.Fatalf("first bar not at %d: %d %d", x0, hi.GrayAt(x0-2, y).Y, hi.GrayAt(x0+1, y).Y)
	}

	// Landscape pages render landscape.
	book, _ := buildCase(t, goldenCase{"tt03-2025-07", desk.FormsTT03, KindBook, false})
	bi, err := Raster(book, 0, 30)
	if err != nil || bi.Bounds().Dx() <= bi.Bounds().Dy() {
		t.Fatalf("book raster %v %v", bi.Bounds(), err)
	}
}

func TestRasterErrors(t *testing.T) {
	d, _ := buildCase(t, goldenCase{"tt03-2025-06", desk.FormsTT03, KindControl, false})
	for _, tc := range []struct {
		page int
		dpi  float64
		want string
	}{{5, 60, "no page 6"}, {-1, 60, "no page 0"}, {0, 5, "outside"}, {0, 5000, "outside"}} {
		if _, err := Raster(d, tc.page, tc.dpi); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("page %d dpi %v: %v", tc.page, tc.dpi, err)
		}
	}
}

func BenchmarkPreview(b *testing.B) {
	d, _ := buildCase(b, goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false})
	for b.Loop() {
		if _, err := Raster(d, 0, 96); err != nil {
			b.Fatal(err)
		}
	}
}
