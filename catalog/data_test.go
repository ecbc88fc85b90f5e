package catalog

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// sharedData returns ../shared/data next to the repository root (found by
// walking up to go.mod), or skips the test when it is absent.
func sharedData(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("go.mod not found above the test directory")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "catalog-raw")); err != nil {
		tb.Skipf("real data not found at %s (CI provides ../shared/data)", data)
	}
	return data
}

var (
	realOnce sync.Once
	realSet  *Set
	realRep  *Report
	realErr  error
)

// realData imports all of ../shared/data once per test binary.
func realData(tb testing.TB) (*Set, *Report) {
	tb.Helper()
	data := sharedData(tb)
	realOnce.Do(func() {
		realSet, realRep, realErr = (&Importer{Now: fixedNow, Root: data}).Import(data)
	})
	if realErr != nil {
		tb.Fatalf("import %s: %v", data, realErr)
	}
	return realSet, realRep
}
