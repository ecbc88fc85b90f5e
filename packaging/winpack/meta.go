package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/BurntSushi/toml"
)

// App is the metadata the Windows build takes from FyneApp.toml's
// [Details] table (the same fields `fyne package -os windows` uses), plus
// the publisher shown in the version resource and in Add/Remove Programs.
type App struct {
	Name    string // Details.Name: product name, window title, install folder
	ID      string // Details.ID: reverse-DNS application ID
	Version string // Details.Version: "MAJOR.MINOR.PATCH"
	Build   int    // Details.Build: the fourth version number
	Icon    string // Details.Icon resolved against the TOML file's folder
	// Publisher is not part of FyneApp.toml; it comes from -publisher.
	Publisher string
}

type fyneApp struct {
	Details struct {
		Icon    string
		Name    string
		ID      string
		Version string
		Build   int
	}
}

// LoadApp reads FyneApp.toml at path and validates the fields the Windows
// resources need.
func LoadApp(path, publisher string) (App, error) {
	a, _, err := loadApp(path, publisher)
	return a, err
}

// loadApp is LoadApp that also returns the bytes it parsed.
func loadApp(path, publisher string) (App, []byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return App{}, nil, err
	}
	a, err := ParseApp(b, publisher)
	if err != nil {
		return App{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	if !filepath.IsAbs(a.Icon) {
		a.Icon = filepath.Join(filepath.Dir(path), a.Icon)
	}
	return a, b, nil
}

// ParseApp parses the text of a FyneApp.toml.
func ParseApp(b []byte, publisher string) (App, error) {
	var f fyneApp
	if _, err := toml.Decode(string(b), &f); err != nil {
		return App{}, fmt.Errorf("not valid TOML: %w", err)
	}
	d := f.Details
	a := App{Name: d.Name, ID: d.ID, Version: d.Version, Build: d.Build, Icon: d.Icon, Publisher: publisher}
	if a.Publisher == "" {
		a.Publisher = a.Name
	}
	if err := a.validate(); err != nil {
		return App{}, err
	}
	return a, nil
}

func (a App) validate() error {
	for _, f := range []struct{ key, val string }{
		{"[Details] Name", a.Name}, {"[Details] ID", a.ID}, {"[Details] Version", a.Version},
		{"[Details] Icon", a.Icon}, {"publisher", a.Publisher},
	} {
		if strings.TrimSpace(f.val) == "" {
			return fmt.Errorf("%s is missing", f.key)
		}
		if i := strings.IndexFunc(f.val, unicode.IsControl); i >= 0 {
			return fmt.Errorf("%s %q contains a control character", f.key, f.val)
		}
	}
	// The name becomes a file and folder name (motcua.exe, Program
	// Files\NAME, the Start-menu shortcut): keep it to characters Windows
	// allows in file names.
	if strings.ContainsAny(a.Name, `\/:*?"<>|`) || strings.TrimRight(a.Name, ". ") != a.Name {
		return fmt.Errorf("[Details] Name %q is not a valid Windows file name", a.Name)
	}
	// The ID names the manifest's assembly identity: letters, digits, '.',
	// '-' and '_' only.
	if strings.IndexFunc(a.ID, func(r rune) bool {
		return r >= 128 || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' || r == '_')
	}) >= 0 {
		return fmt.Errorf("[Details] ID %q: use only ASCII letters, digits, '.', '-' and '_'", a.ID)
	}
	if _, err := parseVersion(a.Version); err != nil {
		return fmt.Errorf("[Details] Version %q: %w", a.Version, err)
	}
	if a.Build < 0 || a.Build > 65535 {
		return fmt.Errorf("[Details] Build %d: must be 0..65535 (a Windows version field)", a.Build)
	}
	return nil
}

// parseVersion reads "MAJOR[.MINOR[.PATCH]]", each 0..65535 in decimal
// without leading zeros or signs, as Windows version fields need.
func parseVersion(v string) ([3]uint16, error) {
	var out [3]uint16
	parts := strings.Split(v, ".")
	if len(parts) > 3 {
		return out, errors.New("want at most three numbers MAJOR.MINOR.PATCH")
	}
	for i, p := range parts {
		if p == "" || (len(p) > 1 && p[0] == '0') || strings.TrimLeft(p, "0123456789") != "" {
			return out, fmt.Errorf("%q is not a plain decimal number", p)
		}
		n, err := strconv.ParseUint(p, 10, 16)
		if err != nil {
			return out, fmt.Errorf("%q is over 65535", p)
		}
		out[i] = uint16(n)
	}
	return out, nil
}

// Version4 is the four-part Windows version MAJOR.MINOR.PATCH.BUILD.
func (a App) Version4() [4]uint16 {
	v, _ := parseVersion(a.Version)
	return [4]uint16{v[0], v[1], v[2], uint16(a.Build)}
}

// Dotted4 is Version4 as "1.2.3.4".
func (a App) Dotted4() string {
	v := a.Version4()
	return fmt.Sprintf("%d.%d.%d.%d", v[0], v[1], v[2], v[3])
}
