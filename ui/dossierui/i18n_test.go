package dossierui

import (
	"testing"

	"motcua/ui/internal/i18ncheck"
)

// TestTranslations: every string of the screen is in vi.json (as in the
// source) and en.json (the English switch).
func TestTranslations(t *testing.T) { i18ncheck.Check(t, ".", "dossier.") }
