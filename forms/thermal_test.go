package forms

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"motcua/desk"
	"motcua/receipt"
)

func TestThermalJob(t *testing.T) {
	in := testInput(t, desk.FormsTT03, KindReceipt)
	job, img, err := ThermalJob(in)
	if err != nil {
		t.Fatal(err)
	}
	if img.Bounds().Dx() != ThermalDots {
		t.Fatalf("width %d dots", img.Bounds().Dx())
	}
	// Structure: ESC @, GS v 0 bands covering every row with the image's
	// bits, ESC d 4, GS V 65 3.
	if !bytes.HasPrefix(job, []byte{0x1B, 0x40}) {
		t.Fatal("missing ESC @")
	}
	if !bytes.HasSuffix(job, []byte{0x1B, 0x64, 4, 0x1D, 0x56, 0x41, 0x03}) {
		t.Fatal("missing feed and cut")
	}
	p := job[2 : len(job)-7]
	rows := 0
	for len(p) > 0 {
		if len(p) < 8 || !bytes.Equal(p[:4], []byte{0x1D, 0x76, 0x30, 0x00}) {
			t.Fatalf("expected GS v 0 at %d", len(job)-7-len(p))
		}
		wb := int(p[4]) | int(p[5])<<8
		h := int(p[6]) | int(p[7])<<8
		if wb != ThermalDots/8 || h < 1 || h > bandRows {
			t.Fatalf("band %d×%d", wb, h)
		}
		data := p[8 : 8+wb*h]
		for y := range h {
			for x := range ThermalDots {
				bit := data[y*wb+x/8]&(0x80>>(x%8)) != 0
				if bit != (img.ColorIndexAt(x, rows+y) == 1) {
					t.Fatalf("dot (%d,%d) differs", x, rows+y)
				}
			}
		}
		rows += h
		p = p[8+wb*h:]
	}
	if rows != img.Bounds().Dy() {
		t.Fatalf("%d rows sent, image has %d", rows, img.Bounds().Dy())
	}
	// No text bytes at all: Vietnamese is in the raster, so the printer's
	// code page never matters.
	if bytes.Contains(job, []byte("Mã")) || bytes.Contains(job, []byte("000.00.06")) {
		t.Fatal("text leaked into the ESC/POS stream")
	}
	goldenPNG(t, "thermal-receipt.png", img, 0.002)
}

func TestThermalErrors(t *testing.T) {
	in := testInput(t, desk.FormsTT03, KindReceipt)
	in.QR = ""
	if _, err := BuildThermal(in); err == nil || !strings.Contains(err.Error(), "QR") {
		t.Fatal(err)
	}
	in = testInput(t, desk.FormsTT03, KindReceipt)
	in.Dossier = testGuidance()
	if _, err := BuildThermal(in); err == nil {
		t.Fatal("guidance record accepted")
	}
	d, _ := Build(KindControl, testInput(t, desk.FormsTT03, KindControl))
	if _, err := Thermal(d); err == nil {
		t.Fatal("A4 layout accepted as thermal")
	}
}

// TestThermalDecodes: the QR and barcode of the 1-bit raster scan.
func TestThermalDecodes(t *testing.T) {
	zbarimg := needTool(t, "zbarimg", "zbar-tools")
	in := testInput(t, desk.FormsTT03, KindReceipt)
	in.Copy = true
	_, img, err := ThermalJob(in)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "thermal.png")
	writePNG(t, f, img)
	out, err := exec.Command(zbarimg, "-q", f).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	s := string(out)
	if !strings.Contains(s, "CODE-128:000.00.06.H56-231027-0361") {
		t.Errorf("barcode not read: %q", s)
	}
	i := strings.Index(s, "QR-Code:")
	if i < 0 {
		t.Fatalf("QR not read: %q", s)
	}
	qr := strings.TrimSpace(strings.SplitN(s[i+len("QR-Code:"):], "\n", 2)[0])
	ring := receipt.Keyring{}
	ring.Add(testKey(t))
	if _, err := receipt.Verify(qr, ring.Trusted); err != nil {
		t.Fatal(err)
	}
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// goldenPNG compares img with testdata/golden/name: the sizes must match
// and at most frac of the pixels may differ by more than a quarter of the
// gray range (font rasterisers may move anti-aliasing by a level).
func goldenPNG(t *testing.T, name string, img image.Image, frac float64) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		writePNG(t, p, img)
		return
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatalf("%v (run go test ./forms -update)", err)
	}
	defer f.Close()
	want, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if want.Bounds() != img.Bounds() {
		t.Fatalf("%s: size %v, golden %v", name, img.Bounds(), want.Bounds())
	}
	b := img.Bounds()
	diff := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			g1 := color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y
			g2 := color.GrayModel.Convert(want.At(x, y)).(color.Gray).Y
			if d := int(g1) - int(g2); d > 64 || d < -64 {
				diff++
			}
		}
	}
	if lim := int(frac * float64(b.Dx()*b.Dy())); diff > lim {
		t.Errorf("%s: %d pixels differ (limit %d); go test ./forms -update and look at the image", name, diff, lim)
	}
}
