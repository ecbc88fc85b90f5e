package kit

import (
	"embed"

	"motcua/ui/widgets"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err) // embedded files: a parse error is a build defect
	}
}

// tr returns the text of a kit string in the selected language.
func tr(key, vi string, data ...any) string { return widgets.X("kit."+key, vi, data...) }
