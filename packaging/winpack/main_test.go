package main

import (
	"archive/zip"
	"bytes"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func image256Transparent() image.Image { return image.NewNRGBA(image.Rect(0, 0, 256, 256)) }

func TestRunUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "usage: winpack"},
		{[]string{"pack"}, 2, "usage: winpack"},
		{[]string{"gen"}, 2, "usage: winpack gen"},
		{[]string{"gen", "-out", "x", "extra"}, 2, "usage: winpack gen"},
		{[]string{"gen", "-nope"}, 2, "flag provided but not defined"},
		{[]string{"check", "x.exe"}, 2, "usage: winpack check"},
		{[]string{"check", "-kind", "server", "-toml", "testdata/FyneApp.toml", "x.exe"}, 2, `unknown kind "server"`},
		{[]string{"zip", "-o", "x.zip"}, 2, "usage: winpack zip"},
		{[]string{"info"}, 2, "usage: winpack info"},
		{[]string{"info", "testdata/FyneApp.toml"}, 1, "not a PE file"},
		{[]string{"gen", "-toml", "testdata/none.toml", "-out", "x"}, 1, "no such file"},
		{[]string{"check", "-kind", "ctl", "-toml", "testdata/FyneApp.toml", "testdata/FyneApp.toml"}, 1, "not a PE file"},
	} {
		var out, errb bytes.Buffer
		code := run(c.args, &out, &errb)
		if code != c.code || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", c.args, code, errb.String(), c.code, c.want)
		}
	}
}

func TestGen(t *testing.T) {
	dir := t.TempDir()
	writePNG(t, filepath.Join(dir, "icon.png"), testIcon(512))
	toml := filepath.Join(dir, "FyneApp.toml")
	if err := os.WriteFile(toml, []byte(strings.Replace(goodTOML, "assets/icon/icon.png", "icon.png", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "res")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"gen", "-toml", toml, "-out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	for _, f := range []string{"FyneApp.toml", "motcua.ico", "desk.rc", "ctl.rc", "desk.manifest", "ctl.manifest", "app.env", "app.nsh"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	if want := "motcua 1.2.3 (build 45) by motcua"; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout %q lacks %q", stdout.String(), want)
	}
	// A bad icon is named.
	writePNG(t, filepath.Join(dir, "icon.png"), testIcon(100))
	stderr.Reset()
	if code := run([]string{"gen", "-toml", toml, "-out", out}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "at least 256×256") {
		t.Errorf("small icon: exit %d, %s", code, stderr.String())
	}
}

func TestZip(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{"a.exe": "MZ first", "README-windows.txt": "\ufeffxin chào\r\n"}
	var paths []string
	for n, c := range files {
		p := filepath.Join(dir, n)
		if err := os.WriteFile(p, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	out := filepath.Join(dir, "out", "x.zip")
	os.MkdirAll(filepath.Dir(out), 0o755)
	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"zip", "-o", out}, paths...), &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	z, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if len(z.File) != len(files) {
		t.Fatalf("%d files in the zip", len(z.File))
	}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r)
		r.Close()
		if string(b) != files[f.Name] {
			t.Errorf("%s: %q, want %q", f.Name, b, files[f.Name])
		}
	}
	if _, err := os.Stat(out + ".tmp"); !os.IsNotExist(err) {
		t.Errorf("temporary file left: %v", err)
	}
	// Two files with one name, or a folder: refused, nothing written.
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.WriteFile(filepath.Join(dir, "sub", "a.exe"), nil, 0o644)
	for _, args := range [][]string{{paths[0], filepath.Join(dir, "sub", "a.exe")}, {filepath.Join(dir, "sub")}} {
		bad := filepath.Join(dir, "bad.zip")
		stderr.Reset()
		if code := run(append([]string{"zip", "-o", bad}, args...), &stdout, &stderr); code != 1 {
			t.Errorf("%q: exit %d", args, code)
		}
		if _, err := os.Stat(bad); !os.IsNotExist(err) {
			t.Errorf("%q: zip written despite the error", args)
		}
	}
}
