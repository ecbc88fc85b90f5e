package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func testApp(t testing.TB) App {
	t.Helper()
	a, err := ParseApp([]byte(goodTOML), `Sở TT&TT "Mẫu" \ 100%`)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./packaging/winpack -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n%s", name, got)
	}
}

func TestGolden(t *testing.T) {
	a := testApp(t)
	for _, k := range Kinds(a) {
		golden(t, k.Key+".rc", RC(a, k, "motcua.ico", k.Key+".manifest"))
		golden(t, k.Key+".manifest", Manifest(a, k))
	}
	golden(t, "app.env", AppEnv(a))
	golden(t, "app.nsh", AppNSH(a))
}

func TestManifest(t *testing.T) {
	a := testApp(t)
	for _, k := range Kinds(a) {
		m := string(Manifest(a, k))
		if err := wellFormed([]byte(m)); err != nil {
			t.Fatalf("%s: %v", k.Key, err)
		}
		must := []string{`level="asInvoker"`, `version="1.2.3.45"`, "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"}
		gui := []string{"PerMonitorV2", "true/pm", "Microsoft.Windows.Common-Controls"}
		if k.GUI {
			must = append(must, gui...)
			must = append(must, `name="vn.gov.motcua.desk"`)
		} else {
			must = append(must, `name="vn.gov.motcua.desk.ctl"`)
			for _, s := range gui {
				if strings.Contains(m, s) {
					t.Errorf("%s manifest has %q", k.Key, s)
				}
			}
		}
		for _, s := range must {
			if !strings.Contains(m, s) {
				t.Errorf("%s manifest lacks %q", k.Key, s)
			}
		}
	}
}

func TestRCString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            `"plain"`,
		`say "hi"`:         `"say ""hi"""`,
		`C:\dir`:           `"C:\\dir"`,
		"Sở Thông tin ₫ ©": `"Sở Thông tin ₫ ©"`,
	} {
		if got := rcString(in); got != want {
			t.Errorf("rcString(%q) = %s, want %s", in, got, want)
		}
	}
}

// The shell assignments read back exactly, whatever the quotes.
func TestAppEnvRoundTrip(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	a := testApp(t)
	a.Publisher = `it's "Sở" $HOME \n ` + "`x`"
	path := filepath.Join(t.TempDir(), "app.env")
	if err := os.WriteFile(path, AppEnv(a), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(sh, "-c", `. "$1" && printf '%s|%s|%s' "$APP_PUBLISHER" "$APP_VERSION4" "$APP_NAME"`, "sh", path).Output()
	if err != nil {
		t.Fatal(err)
	}
	if want := a.Publisher + "|1.2.3.45|motcua"; string(out) != want {
		t.Fatalf("read back %q, want %q", out, want)
	}
}

func TestNSISQuote(t *testing.T) {
	for in, want := range map[string]string{
		"motcua":   `"motcua"`,
		`a "b"`:    `"a $\"b$\""`,
		"cost $1":  `"cost $$1"`,
		"Sở TT&TT": `"Sở TT&TT"`,
		`$\"`:      `"$$\$\""`,
	} {
		if got := nsisQuote(in); got != want {
			t.Errorf("nsisQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
