// Command layercheck enforces motcua's package layering (docs/architecture.md)
// on the module's non-test code:
//
//   - domain packages import only the standard library, the module's other
//     domain packages and the embed-only assets packages;
//   - store never imports Fyne (not even transitively);
//   - ui never imports bbolt or the store (not even transitively);
//   - only cmd/... imports fyne.io/fyne/v2/app;
//   - the admin CLI (cmd/motcuactl), the hub and the sync client never pull
//     in Fyne.
//
// Usage: go run ./tools/layercheck  (exit 1 with one line per violation).
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
)

const module = "motcua"

// domain lists the domain packages (module-relative).
var domain = map[string]bool{
	"dossier": true, "workday": true, "catalog": true, "catalog/xlsx": true, "vntext": true, "cccd": true,
	"account": true, "receipt": true, "desk": true, "report": true, "syncproto": true, "synth": true,
}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

type rule struct {
	name  string
	check func(p *pkg, rel string) []string
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".") && first != module
}

func rel(path string) string { return strings.TrimPrefix(strings.TrimPrefix(path, module), "/") }

func under(r, prefix string) bool { return r == prefix || strings.HasPrefix(r, prefix+"/") }

var rules = []rule{
	{"domain packages import only the standard library and other domain packages", func(p *pkg, r string) []string {
		if !domain[r] {
			return nil
		}
		var bad []string
		for _, imp := range p.Imports {
			switch {
			case isStd(imp):
			case strings.HasPrefix(imp, module+"/"):
				ir := rel(imp)
				if !domain[ir] && !under(ir, "assets") {
					bad = append(bad, imp)
				}
			default:
				bad = append(bad, imp)
			}
		}
		return bad
	}},
	{"store never imports Fyne", func(p *pkg, r string) []string {
		if !under(r, "store") {
			return nil
		}
		return matching(p.Deps, "fyne.io/")
	}},
	{"ui never imports bbolt or the store", func(p *pkg, r string) []string {
		if !under(r, "ui") {
			return nil
		}
		return append(matching(p.Deps, "go.etcd.io/bbolt"), matching(p.Deps, module+"/store")...)
	}},
	{"only cmd/... imports fyne.io/fyne/v2/app", func(p *pkg, r string) []string {
		if under(r, "cmd") {
			return nil
		}
		return matching(p.Imports, "fyne.io/fyne/v2/app")
	}},
	{"the CLI, the hub, the sync client, forms and reports never import Fyne", func(p *pkg, r string) []string {
		for _, x := range []string{"cmd/motcuactl", "cmd/motcua-hub", "hub", "syncer", "forms", "report", "wire", "tools"} {
			if under(r, x) {
				return matching(p.Deps, "fyne.io/")
			}
		}
		return nil
	}},
}

func matching(list []string, prefix string) []string {
	var out []string
	for _, x := range list {
		if x == prefix || strings.HasPrefix(x, prefix) {
			out = append(out, x)
		}
	}
	return out
}

func main() {
	os.Exit(run(os.Stdout, os.Stderr))
}

func run(stdout, stderr io.Writer) int {
	cmd := exec.Command("go", "list", "-e", "-json", "./...")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(stderr, "layercheck: go list:", err)
		return 2
	}
	dec := json.NewDecoder(&out)
	var violations []string
	n := 0
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			fmt.Fprintln(stderr, "layercheck:", err)
			return 2
		}
		n++
		r := rel(p.ImportPath)
		for _, ru := range rules {
			for _, bad := range ru.check(&p, r) {
				violations = append(violations, fmt.Sprintf("%s imports %s: %s", p.ImportPath, bad, ru.name))
			}
		}
	}
	sort.Strings(violations)
	for _, v := range violations {
		fmt.Fprintln(stdout, v)
	}
	if len(violations) > 0 {
		fmt.Fprintf(stderr, "layercheck: %d violations in %d packages\n", len(violations), n)
		return 1
	}
	fmt.Fprintf(stdout, "layercheck: %d packages follow the layering rules\n", n)
	return 0
}
