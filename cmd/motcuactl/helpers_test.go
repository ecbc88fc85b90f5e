package main

import (
	"errors"
	"flag"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"motcua/store"
)

// withDB hands fn's error back and closes the database afterwards: a
// second open in the same process would otherwise find the file in use.
// (withDesk and withSession are left to the end-to-end runs: opening a desk
// imports the default catalog, which is slow under -race.)
func TestWithDBCloses(t *testing.T) {
	e := &env{DBPath: filepath.Join(t.TempDir(), "motcua.db"), Stdout: io.Discard, Stderr: io.Discard}
	want := errors.New("from fn")
	if err := e.withDB(func(*store.DB) error { return want }); err != want {
		t.Fatalf("withDB = %v, want fn's error", err)
	}
	for i := 0; i < 2; i++ {
		if err := e.withDB(func(db *store.DB) error { return nil }); err != nil {
			t.Fatalf("withDB again (%d): %v", i, err)
		}
	}
}

func TestParseN(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	x := fs.Bool("x", false, "")
	pos, err := parseN(fs, []string{"a", "--x"}, 1, "usage: t A")
	if err != nil || len(pos) != 1 || pos[0] != "a" || !*x {
		t.Fatalf("parseN = %q, %v (x %v)", pos, err, *x)
	}
	// The usage text is used as is, not as a format.
	_, err = parseN(flag.NewFlagSet("t", flag.ContinueOnError), []string{"a", "b"}, 1, "usage: t 100%")
	var ue usageError
	if !errors.As(err, &ue) || ue.msg != "usage: t 100%" {
		t.Fatalf("parseN with 2 arguments: %#v", err)
	}
	if _, err = parseN(flag.NewFlagSet("t", flag.ContinueOnError), []string{"--nope"}, 0, "usage: t"); !errors.As(err, &ue) || ue.msg != "flag provided but not defined: -nope" {
		t.Fatalf("parseN with an unknown flag: %#v", err)
	}
}

func TestParseFlags(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.String("d", "", "")
	if err := parseFlags(fs, []string{"--d", "v"}); err != nil {
		t.Fatal(err)
	}
	err := parseFlags(flag.NewFlagSet("t", flag.ContinueOnError), []string{"x", "y"})
	var ue usageError
	if !errors.As(err, &ue) || ue.msg != `unexpected argument "x"` {
		t.Fatalf("parseFlags with arguments: %#v", err)
	}
}

// TestCommandHelp: -h/--help after a command prints its flags on stdout
// and exits 0, and touches no database.
func TestCommandHelp(t *testing.T) {
	for _, args := range [][]string{{"setup", "--help"}, {"dossier", "receive", "-h"}, {"check", "-h"}} {
		var out, errb strings.Builder
		if code := run(args, strings.NewReader(""), &out, &errb); code != 0 {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errb.String())
		}
		if !strings.Contains(out.String(), "flags:\n") || errb.Len() != 0 {
			t.Errorf("%v: stdout %q stderr %q", args, out.String(), errb.String())
		}
	}
	var out, errb strings.Builder
	if code := run([]string{"setup", "--help"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "-agency") {
		t.Errorf("setup --help lists no -agency flag: %q", out.String())
	}
}
