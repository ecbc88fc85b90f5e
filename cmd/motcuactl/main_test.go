package main

import (
	"os"
	"testing"

	"motcua/hub/pgtest"
)

// TestMain points the default database at a temporary folder, so no test
// ever touches the operator's real desk database.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "motcuactl-test-")
	if err != nil {
		panic(err)
	}
	os.Setenv("MOTCUA_HOME", dir)
	code := m.Run()
	pgtest.Stop() // the hub-backed sync tests' cluster
	os.RemoveAll(dir)
	os.Exit(code)
}
