package main

import (
	"reflect"
	"testing"
)

// TestRules checks each rule on hand-made packages, so that a rule that
// silently stops matching is caught.
func TestRules(t *testing.T) {
	cases := []struct {
		p    pkg
		want []string
	}{
		{pkg{ImportPath: "motcua/dossier", Imports: []string{"fmt", "motcua/workday"}}, nil},
		{pkg{ImportPath: "motcua/dossier", Imports: []string{"go.etcd.io/bbolt", "motcua/store"}}, []string{"go.etcd.io/bbolt", "motcua/store"}},
		{pkg{ImportPath: "motcua/catalog", Imports: []string{"motcua/assets/catalog", "golang.org/x/text/unicode/norm"}}, []string{"golang.org/x/text/unicode/norm"}},
		{pkg{ImportPath: "motcua/store", Deps: []string{"fyne.io/fyne/v2"}}, []string{"fyne.io/fyne/v2"}},
		{pkg{ImportPath: "motcua/ui/intake", Deps: []string{"go.etcd.io/bbolt", "motcua/store"}}, []string{"go.etcd.io/bbolt", "motcua/store"}},
		{pkg{ImportPath: "motcua/ui", Imports: []string{"fyne.io/fyne/v2/app"}}, []string{"fyne.io/fyne/v2/app"}},
		{pkg{ImportPath: "motcua/cmd/motcua", Imports: []string{"fyne.io/fyne/v2/app"}}, nil},
		{pkg{ImportPath: "motcua/cmd/motcuactl", Deps: []string{"fyne.io/fyne/v2"}}, []string{"fyne.io/fyne/v2"}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range rules {
			got = append(got, r.check(&c.p, rel(c.p.ImportPath))...)
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: violations %v, want %v", c.p.ImportPath, got, c.want)
		}
	}
}
