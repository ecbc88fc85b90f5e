//go:build !windows

package forms

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// runCmd runs a CUPS client command; tests replace it.
var runCmd = func(ctx context.Context, name string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, fmt.Errorf("%s: %s", name, msg)
	}
	return out, nil
}

// cupsPrinter prints through CUPS with lp.
type cupsPrinter struct{ name string }

// NewPrinter returns the printer with the given CUPS name ("" = the
// default destination).
func NewPrinter(name string) Printer { return &cupsPrinter{name: name} }

func (p *cupsPrinter) Name() string { return p.name }

func (p *cupsPrinter) lp(ctx context.Context, title string, copies int, raw bool, data []byte, suffix string) error {
	dir, err := os.MkdirTemp("", "motcua-print-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	f := filepath.Join(dir, "job"+suffix)
	if err := os.WriteFile(f, data, 0o600); err != nil {
		return err
	}
	args := lpArgs(p.name, title, copies, raw, f)
	if _, err := runCmd(ctx, "lp", args...); err != nil {
		return fmt.Errorf("print to %s: %w", printerLabel(p.name), err)
	}
	return nil
}

// lpArgs builds the lp command line.
func lpArgs(name, title string, copies int, raw bool, file string) []string {
	var args []string
	if name != "" {
		args = append(args, "-d", name)
	}
	if title != "" {
		args = append(args, "-t", title)
	}
	if copies > 1 {
		args = append(args, "-n", strconv.Itoa(copies))
	}
	if raw {
		args = append(args, "-o", "raw")
	}
	return append(args, "--", file)
}

func printerLabel(name string) string {
	if name == "" {
		return "the default printer"
	}
	return "printer " + strconv.Quote(name)
}

func (p *cupsPrinter) PrintDocument(ctx context.Context, d *Document, opt PrintOptions) error {
	created := opt.Created
	if created.IsZero() {
		created = time.Now()
	}
	var buf bytes.Buffer
	if err := PDF(&buf, d, created); err != nil {
		return err
	}
	return p.lp(ctx, jobTitle(d, opt), opt.Copies, false, buf.Bytes(), ".pdf")
}

func (p *cupsPrinter) PrintRaw(ctx context.Context, title string, data []byte) error {
	return p.lp(ctx, title, 1, true, data, ".bin")
}

// Printers lists the CUPS destinations (lpstat -a), sorted.
func Printers(ctx context.Context) ([]string, error) {
	out, err := runCmd(ctx, "lpstat", "-a")
	if err != nil {
		if strings.Contains(err.Error(), "No destinations") {
			return nil, nil
		}
		return nil, err
	}
	return parseLpstatA(out), nil
}

// parseLpstatA reads "NAME accepting requests since …" lines.
func parseLpstatA(out []byte) []string {
	var names []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && (f[1] == "accepting" || f[1] == "not") {
			names = append(names, f[0])
		}
	}
	sort.Strings(names)
	return names
}

// DefaultPrinter returns the CUPS default destination (lpstat -d).
func DefaultPrinter(ctx context.Context) (string, error) {
	out, err := runCmd(ctx, "lpstat", "-d")
	if err != nil {
		return "", err
	}
	return parseLpstatD(out)
}

// parseLpstatD reads "system default destination: NAME" or "no system
// default destination".
func parseLpstatD(out []byte) (string, error) {
	s := strings.TrimSpace(string(out))
	if _, name, ok := strings.Cut(s, "system default destination:"); ok && !strings.HasPrefix(s, "no ") {
		if name = strings.TrimSpace(name); name != "" {
			return name, nil
		}
	}
	return "", ErrNoDefault
}
