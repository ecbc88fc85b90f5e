package admin

import (
	"testing"

	"motcua/ui/internal/i18ncheck"
)

// TestTranslationsComplete: every string of the package is in vi.json (as
// in the source) and en.json (the English switch), and no key is left over.
func TestTranslationsComplete(t *testing.T) { i18ncheck.CheckKeys(t, ".", "admin.") }
