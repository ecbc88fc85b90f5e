// Package uitest holds what the UI packages' tests share (for tests only):
// the test main, the default catalog, the first-run set-up of a desk, an
// in-memory desk.Store, a forms fake, and the keyboard, scanner and golden
// markup helpers for a test window.
//
// It never imports the store: ui code may not (tools/layercheck), and this
// package is ui code. Tests that want a real store open it themselves and
// hand it to desk.Service.
package uitest

import (
	"flag"
	"os"
	"sync"
	"testing"

	"motcua/catalog"
	"motcua/ui/widgets"
)

// Update rewrites the golden markup files instead of comparing with them
// (go test -update).
var Update = flag.Bool("update", false, "rewrite the golden markup files")

// Main runs a UI package's tests in Vietnamese; use it as TestMain.
func Main(m *testing.M) {
	flag.Parse()
	widgets.SetLanguage(widgets.LangVietnamese)
	os.Exit(m.Run())
}

var defaultCatalog = sync.OnceValues(catalog.LoadDefault)

// Catalog returns the default catalog, loaded once per test binary.
func Catalog(t testing.TB) *catalog.Set {
	t.Helper()
	set, err := defaultCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return set
}
