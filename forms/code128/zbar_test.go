package code128

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// needTool skips when an external tool is missing, unless
// MOTCUA_REQUIRE_TOOLS=1 (CI), where it fails.
func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is required (MOTCUA_REQUIRE_TOOLS=1) but not installed: apt-get install zbar-tools", name)
		}
		t.Skipf("%s not installed (apt-get install zbar-tools); set MOTCUA_REQUIRE_TOOLS=1 to make this a failure", name)
	}
	return p
}

// TestZbarDecodes checks the pattern table against an independent decoder:
// every set B character and every set C pair is printed and read back.
func TestZbarDecodes(t *testing.T) {
	zbar := needTool(t, "zbarimg")
	var ascii strings.Builder
	for c := byte(32); c <= 126; c++ {
		ascii.WriteByte(c)
	}
	var pairs strings.Builder
	for i := range 100 {
		fmt.Fprintf(&pairs, "%02d", i)
	}
	texts := []string{
		"000.00.06.H56-231027-0361",
		"H15.50.05.13-261008-0975",
		"G09.20-20260609-0092637",
		ascii.String()[:48], ascii.String()[48:],
		pairs.String()[:100], pairs.String()[100:],
		"A1", "12345",
	}
	dir := t.TempDir()
	for i, s := range texts {
		mods, err := Modules(s)
		if err != nil {
			t.Fatal(err)
		}
		const scale, h = 3, 80
		w := (len(mods) + 2*QuietZone) * scale
		img := image.NewGray(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				m := x/scale - QuietZone
				c := color.Gray{255}
				if m >= 0 && m < len(mods) && mods[m] {
					c = color.Gray{0}
				}
				img.SetGray(x, y, c)
			}
		}
		f := filepath.Join(dir, fmt.Sprintf("b%d.png", i))
		out, err := os.Create(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
		out.Close()
		got, err := exec.Command(zbar, "-q", "--raw", "-Sdisable", "-Scode128.enable", f).Output()
		if err != nil {
			t.Errorf("%q: zbarimg found no barcode: %v", s, err)
			continue
		}
		if g := strings.TrimRight(string(got), "\n"); g != s {
			t.Errorf("zbarimg read %q, want %q", g, s)
		}
	}
}
