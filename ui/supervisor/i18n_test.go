package supervisor

import (
	"strings"
	"testing"

	"motcua/ui/internal/i18ncheck"
	"motcua/ui/widgets"
)

// TestTranslations: every string of the screens is in vi.json (as in the
// source) and en.json (the English switch).
func TestTranslations(t *testing.T) { i18ncheck.Check(t, ".", "supervisor.") }

// TestEnglish: with the English switch the screens speak English, and
// numbers keep the decimal point.
func TestEnglish(t *testing.T) {
	widgets.SetLanguage(widgets.LangEnglish)
	defer widgets.SetLanguage(widgets.LangVietnamese)
	e := newEnv(t)
	e.fixture(false)
	s := e.newDashboard()
	s.showRange(t, "03/11/2025", "03/11/2025")
	if !strings.HasPrefix(s.Status.Text, "Figures for 03/11/2025, computed at 17:30") {
		t.Errorf("status %q", s.Status.Text)
	}
	if s.Received.Title != "Received" || s.Rates.Rows()[0].Suffix != "33.3%" {
		t.Errorf("title %q, rate %q", s.Received.Title, s.Rates.Rows()[0].Suffix)
	}
	if got := changeText("clerk clerk2: paper received 2 → 1", nil); got != "clerk clerk2: paper received 2 → 1" {
		t.Errorf("English change line %q", got)
	}
}
