//go:build !windows

package forms

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/desk"
)

func TestParseLpstat(t *testing.T) {
	a := []byte("HP_LaserJet accepting requests since Mon 05 Jan 2026 08:00:00 AM +07\nXprinter_80 not accepting requests since Tue 06 Jan 2026\n  junk\n")
	if got := parseLpstatA(a); strings.Join(got, ",") != "HP_LaserJet,Xprinter_80" {
		t.Errorf("lpstat -a: %v", got)
	}
	for _, tc := range []struct {
		out, want string
		err       error
	}{
		{"system default destination: HP_LaserJet\n", "HP_LaserJet", nil},
		{"no system default destination\n", "", ErrNoDefault},
		{"", "", ErrNoDefault},
	} {
		got, err := parseLpstatD([]byte(tc.out))
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("%q: %q %v", tc.out, got, err)
		}
	}
}

func TestLpArgs(t *testing.T) {
	cases := []struct {
		name, title string
		copies      int
		raw         bool
		want        string
	}{
		{"", "", 1, false, "-- f"},
		{"HP", "Giấy tiếp nhận", 2, false, "-d HP -t Giấy tiếp nhận -n 2 -- f"},
		{"Xprinter", "receipt", 1, true, "-d Xprinter -t receipt -o raw -- f"},
	}
	for _, tc := range cases {
		if got := strings.Join(lpArgs(tc.name, tc.title, tc.copies, tc.raw, "f"), " "); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

// TestCUPSFakeLp runs the real command path against a fake lp that records
// its arguments and the job file.
func TestCUPSFakeLp(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$@\" > " + log + "\nfor a; do f=$a; done\ncp \"$f\" " + filepath.Join(dir, "job") + "\necho 'request id is HP-1 (1 file(s))'\n"
	if err := os.WriteFile(filepath.Join(dir, "lp"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	d, in := buildCase(t, goldenCase{"tt03-2025-06", desk.FormsTT03, KindControl, false})
	p := NewPrinter("HP_LaserJet")
	if err := p.PrintDocument(context.Background(), d, PrintOptions{Created: in.Now}); err != nil {
		t.Fatal(err)
	}
	args, _ := os.ReadFile(log)
	if !strings.HasPrefix(string(args), "-d\nHP_LaserJet\n-t\nPhiếu kiểm soát quá trình giải quyết hồ sơ 000.00.06.H56-231027-0361\n--\n") {
		t.Fatalf("lp args:\n%s", args)
	}
	job, _ := os.ReadFile(filepath.Join(dir, "job"))
	if !bytes.HasPrefix(job, []byte("%PDF-")) {
		t.Fatal("the job is not the PDF")
	}
	if err := p.PrintRaw(context.Background(), "receipt", []byte{0x1B, 0x40}); err != nil {
		t.Fatal(err)
	}
	args, _ = os.ReadFile(log)
	if !strings.Contains(string(args), "-o\nraw\n") {
		t.Fatalf("raw job args:\n%s", args)
	}
	// A failing lp is reported with its message.
	if err := os.WriteFile(filepath.Join(dir, "lp"), []byte("#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	err := NewPrinter("nope").PrintRaw(context.Background(), "x", []byte{1})
	if err == nil || !strings.Contains(err.Error(), `printer "nope"`) || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("err = %v", err)
	}
}

func TestCUPSLists(t *testing.T) {
	old := runCmd
	defer func() { runCmd = old }()
	runCmd = func(_ context.Context, name string, args ...string) ([]byte, error) {
		switch strings.Join(append([]string{name}, args...), " ") {
		case "lpstat -a":
			return []byte("B accepting requests since x\nA accepting requests since y\n"), nil
		case "lpstat -d":
			return []byte("system default destination: A\n"), nil
		}
		return nil, errors.New("unexpected command")
	}
	ps, err := Printers(context.Background())
	if err != nil || strings.Join(ps, ",") != "A,B" {
		t.Fatalf("%v %v", ps, err)
	}
	def, err := DefaultPrinter(context.Background())
	if err != nil || def != "A" {
		t.Fatalf("%q %v", def, err)
	}
	runCmd = func(context.Context, string, ...string) ([]byte, error) {
		return nil, errors.New("lpstat: No destinations added.")
	}
	if ps, err := Printers(context.Background()); err != nil || len(ps) != 0 {
		t.Fatalf("no destinations: %v %v", ps, err)
	}
}
