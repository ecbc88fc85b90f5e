// Package pgtest gives tests a fresh PostgreSQL database. It starts one
// scratch cluster per test binary with scripts/pg-test.sh (or uses the
// server in MOTCUA_TEST_PG), creates a database per test and drops it at the
// end. Without PostgreSQL binaries tests skip with a clear message, unless
// MOTCUA_REQUIRE_TOOLS=1 (CI), where they fail.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

var (
	once      sync.Once
	serverURL string
	startErr  error
	dir       string
	counter   atomic.Int64
)

// Main runs the tests and stops the cluster afterwards; call it from
// TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Stop()
	os.Exit(code)
}

// Stop stops the scratch cluster, if one was started; for a TestMain that
// has more to do than Main.
func Stop() {
	if dir != "" {
		exec.Command("bash", script(), "stop", dir).Run()
		os.RemoveAll(dir)
		dir = ""
	}
}

func root() string {
	d, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		p := filepath.Dir(d)
		if p == d {
			return ""
		}
		d = p
	}
}

func script() string { return filepath.Join(root(), "scripts", "pg-test.sh") }

func start() {
	if u := os.Getenv("MOTCUA_TEST_PG"); u != "" {
		serverURL = u
		return
	}
	if _, err := exec.LookPath("initdb"); err != nil {
		if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(m) == 0 {
			startErr = fmt.Errorf("PostgreSQL server binaries not found (install Debian's postgresql package, or set MOTCUA_TEST_PG to a server URL)")
			return
		}
	}
	d, err := os.MkdirTemp("", "motcua-pgtest-")
	if err != nil {
		startErr = err
		return
	}
	dir = d
	out, err := exec.Command("bash", script(), "start", d).Output()
	if err != nil {
		var stderr string
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		startErr = fmt.Errorf("scripts/pg-test.sh start: %v: %s", err, stderr)
		return
	}
	serverURL = strings.TrimSpace(string(out))
}

// Server returns the URL of the test server (skipping or failing the test
// when there is none).
func Server(t testing.TB) string {
	t.Helper()
	once.Do(start)
	if startErr != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatalf("PostgreSQL is required (MOTCUA_REQUIRE_TOOLS=1): %v", startErr)
		}
		t.Skipf("skipping: %v", startErr)
	}
	return serverURL
}

// New returns the URL of a fresh, empty database dropped when the test ends.
func New(t testing.TB) string {
	t.Helper()
	srv := Server(t)
	ctx := context.Background()
	name := fmt.Sprintf("motcua_t%d_%d", os.Getpid(), counter.Add(1))
	conn, err := pgx.Connect(ctx, srv)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, srv)
		if err != nil {
			return
		}
		defer c.Close(ctx)
		c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	})
	u, err := url.Parse(srv)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
