package intake

import (
	"testing"

	"motcua/ui/internal/i18ncheck"
	"motcua/ui/widgets"
)

// TestTranslations: every string of the screen is in vi.json (as in the
// source) and en.json (the English switch).
func TestTranslations(t *testing.T) { i18ncheck.Check(t, ".", "intake.") }

// TestEnglish: with English chosen the screen is built from en.json.
func TestEnglish(t *testing.T) {
	widgets.SetLanguage(widgets.LangEnglish)
	defer widgets.SetLanguage(widgets.LangVietnamese)
	e := newEnv(t)
	if e.s.Title() != "Intake" || e.s.query.PlaceHolder != "Type a procedure name or code, e.g. khai sinh, 1.001193" {
		t.Fatalf("title %q, placeholder %q", e.s.Title(), e.s.query.PlaceHolder)
	}
	e.pickProcedure("1.001280", "1.001280")
	if got := e.s.limitInfo.Text; got != "Processing time: 3 working day(s)" {
		t.Fatalf("limit %q", got)
	}
}
