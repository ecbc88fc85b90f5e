package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"motcua/store"
	"motcua/wire"
)

func runSync(t *testing.T, db string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"--db", db, "sync"}, args...), strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestSyncCommands(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	db, err := wire.OpenStore(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	install := db.InstallID()
	db.Close()

	code, out, _ := runSync(t, path, "status")
	if code != 0 || !strings.Contains(out, "hub: not enrolled") || !strings.Contains(out, "pending: 0  quarantined: 0") || !strings.Contains(out, install) {
		t.Fatalf("status: %d %q", code, out)
	}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "missing subcommand"},
		{[]string{"fly"}, 2, "unknown subcommand"},
		{[]string{"enroll", "--hub", "http://127.0.0.1:1"}, 2, "usage: sync enroll"},
		{[]string{"push"}, 1, "not enrolled"},
		{[]string{"export"}, 2, "usage: sync export"},
		{[]string{"export", filepath.Join(t.TempDir(), "b.zip")}, 1, "office is not set up"},
		{[]string{"import", filepath.Join(t.TempDir(), "missing")}, 1, "no such file"},
		{[]string{"enroll", "--hub", "http://127.0.0.1:1", "--token", "enr-x"}, 1, "office is not set up"},
	}
	for _, c := range cases {
		code, _, errs := runSync(t, path, c.args...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("sync %v: exit %d %q, want %d %q", c.args, code, errs, c.code, c.want)
		}
	}
}
