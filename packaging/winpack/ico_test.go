package main

import (
	"image"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// testIcon is a size×size image: opaque red inside, a transparent border
// of a quarter of the size.
func testIcon(size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	q := size / 4
	for y := q; y < size-q; y++ {
		for x := q; x < size-q; x++ {
			img.SetNRGBA(x, y, color.NRGBA{R: 200, G: 10, B: 20, A: 255})
		}
	}
	return img
}

func TestMakeICO(t *testing.T) {
	ico, err := MakeICO(testIcon(512))
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := ParseICO(ico)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, im := range imgs {
		sizes = append(sizes, im.W)
		if im.PNG != (im.W == 256) {
			t.Errorf("%d×%d: PNG %v, want PNG only at 256", im.W, im.H, im.PNG)
		}
		// Centre red and opaque, corner transparent: colours and alpha
		// survive scaling and the BGRA/bottom-up encoding.
		r, g, b, a := im.Img.At(im.W/2, im.H/2).RGBA()
		if r>>8 < 180 || g>>8 > 40 || b>>8 > 50 || a>>8 != 255 {
			t.Errorf("%d×%d centre is %d,%d,%d,%d, want opaque red", im.W, im.H, r>>8, g>>8, b>>8, a>>8)
		}
		if _, _, _, a := im.Img.At(0, 0).RGBA(); a != 0 {
			t.Errorf("%d×%d corner alpha %d, want 0", im.W, im.H, a>>8)
		}
		if _, _, _, a := im.Img.At(im.W/2, im.H-1).RGBA(); a != 0 {
			t.Errorf("%d×%d bottom edge alpha %d, want 0 (rows upside down?)", im.W, im.H, a>>8)
		}
	}
	if !slices.Equal(sizes, IconSizes) {
		t.Fatalf("sizes %v, want %v", sizes, IconSizes)
	}
}

func TestMakeICORejects(t *testing.T) {
	for _, c := range []struct {
		img  image.Image
		want string
	}{
		{image.NewNRGBA(image.Rect(0, 0, 512, 256)), "must be square"},
		{testIcon(128), "at least 256×256"},
	} {
		if _, err := MakeICO(c.img); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want %q", err, c.want)
		}
	}
}

func TestParseICORejects(t *testing.T) {
	good, err := MakeICO(testIcon(256))
	if err != nil {
		t.Fatal(err)
	}
	bad := func(f func(b []byte) []byte) []byte { return f(slices.Clone(good)) }
	for _, c := range []struct {
		name string
		b    []byte
		want string
	}{
		{"empty", nil, "not an .ico"},
		{"cursor type", bad(func(b []byte) []byte { b[2] = 2; return b }), "not an .ico"},
		{"truncated directory", good[:20], "truncated"},
		{"offset past the end", bad(func(b []byte) []byte { b[6+14], b[6+15] = 0xff, 0x7f; return b }), "outside the file"},
		{"size disagrees", bad(func(b []byte) []byte { b[6] = 17; return b }), "directory says 17×16"},
		{"garbage image", bad(func(b []byte) []byte { b[6+16*len(IconSizes)] = 'X'; return b }), "neither a PNG nor"},
	} {
		if _, err := ParseICO(c.b); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

// The app's real icon converts (FyneApp.toml names it).
func TestRealIcon(t *testing.T) {
	a, err := LoadApp(filepath.Join("..", "..", "FyneApp.toml"), "")
	if err != nil {
		if os.IsNotExist(err) {
			t.Skip("no FyneApp.toml at the repository root")
		}
		t.Fatal(err)
	}
	ico, err := iconFile(a.Icon)
	if err != nil {
		t.Fatal(err)
	}
	imgs, err := ParseICO(ico)
	if err != nil {
		t.Fatal(err)
	}
	for _, im := range imgs {
		if blank(im) {
			t.Errorf("%d×%d image is blank", im.W, im.H)
		}
	}
}

func FuzzParseICO(f *testing.F) {
	good, err := MakeICO(testIcon(256))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:200])
	f.Add([]byte{0, 0, 1, 0, 1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		imgs, err := ParseICO(b)
		if err != nil {
			return
		}
		for _, im := range imgs {
			if im.Img.Bounds().Dx() != im.W || im.Img.Bounds().Dy() != im.H {
				t.Fatalf("image bounds %v, reported %d×%d", im.Img.Bounds(), im.W, im.H)
			}
		}
	})
}
