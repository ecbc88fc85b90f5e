// Package i18ncheck verifies a UI package's translation files against its
// source (for tests only): every tr("key", "Vietnamese") call must have
// exactly that text in i18n/vi.json and a non-empty English text with the
// same template fields in i18n/en.json, and the files must hold no other
// keys.
package i18ncheck

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Strings returns the tr calls of the non-test Go files of dir as
// prefix+key → Vietnamese text. Calls with non-literal arguments are
// reported as errors.
func Strings(t testing.TB, dir, prefix string) map[string]string {
	t.Helper()
	fs := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fs, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(af, func(n ast.Node) bool {
			c, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := c.Fun.(*ast.Ident); !ok || id.Name != "tr" || len(c.Args) < 2 {
				return true
			}
			k, ok1 := c.Args[0].(*ast.BasicLit)
			v, ok2 := c.Args[1].(*ast.BasicLit)
			if !ok1 || !ok2 || k.Kind != token.STRING || v.Kind != token.STRING {
				t.Errorf("%s: tr needs literal key and text", fs.Position(c.Pos()))
				return true
			}
			ks, _ := strconv.Unquote(k.Value)
			vs, _ := strconv.Unquote(v.Value)
			if old, ok := out[prefix+ks]; ok && old != vs {
				t.Errorf("%s: key %q has two texts: %q and %q", fs.Position(c.Pos()), ks, old, vs)
			}
			out[prefix+ks] = vs
			return true
		})
	}
	return out
}

var field = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range field.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func load(t testing.TB, path string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// Check compares dir's source with dir/i18n/vi.json and en.json.
func Check(t testing.TB, dir, prefix string) {
	t.Helper()
	src := Strings(t, dir, prefix)
	if len(src) == 0 {
		t.Fatalf("%s: no tr calls found", dir)
	}
	vi := load(t, filepath.Join(dir, "i18n", "vi.json"))
	en := load(t, filepath.Join(dir, "i18n", "en.json"))
	for k, v := range src {
		if vi[k] != v {
			t.Errorf("vi.json %s = %q, source says %q", k, vi[k], v)
		}
		e, ok := en[k]
		if !ok || strings.TrimSpace(e) == "" {
			t.Errorf("en.json has no text for %s", k)
			continue
		}
		if a, b := fields(v), fields(e); !slices.Equal(a, b) {
			t.Errorf("en.json %s uses fields %v, the Vietnamese text %v", k, b, a)
		}
	}
	for k := range vi {
		if _, ok := src[k]; !ok {
			t.Errorf("vi.json has unused key %s", k)
		}
	}
	for k := range en {
		if _, ok := src[k]; !ok {
			t.Errorf("en.json has unused key %s", k)
		}
	}
}

// CheckKeys is the looser check for packages that also build keys at run
// time (menus from tables): every literal tr("key", …) key of the non-test
// files of dir is in vi.json, every vi.json key has an English text, and
// en.json has no key vi.json lacks.
func CheckKeys(t testing.TB, dir, prefix string) {
	t.Helper()
	vi := load(t, filepath.Join(dir, "i18n", "vi.json"))
	en := load(t, filepath.Join(dir, "i18n", "en.json"))
	if len(vi) == 0 {
		t.Fatal("no Vietnamese strings")
	}
	for k := range vi {
		if en[k] == "" {
			t.Errorf("%s has no English translation", k)
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("%s is translated but not in vi.json", k)
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`\btr\("([a-zA-Z0-9_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := vi[prefix+m[1]]; !ok {
				t.Errorf("%s: key %s is missing from i18n/vi.json", f, m[1])
			}
		}
	}
}
