package widgets

import (
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2/lang"
)

// Languages offered by the language switch.
const (
	LangVietnamese = "vi"
	LangEnglish    = "en"
)

// The translation helper. Fyne's lang package picks its language from the
// operating system's locale and has no way to switch at run time, but the
// language here is a per-user preference (remembered with
// desk.Service.SavePreferences). So each UI package keeps its strings in
// i18n/vi.json and i18n/en.json (flat {"key": "text"} maps, the go-i18n
// format Fyne reads too), registers them with AddTranslationsFS, and
// looks them up with X. The fallback passed to X is the Vietnamese text,
// so a missing key still shows Vietnamese.
var (
	trMu     sync.RWMutex
	trLang   = LangVietnamese
	trTables = map[string]map[string]string{}
)

//go:embed i18n
var ownTranslations embed.FS

func init() {
	if err := AddTranslationsFS(ownTranslations, "i18n"); err != nil {
		panic(err) // the package's own files are embedded: a parse error is a build defect
	}
}

// AddTranslationsFS registers the translation files <lang>.json of dir in
// fsys (e.g. i18n/vi.json, i18n/en.json). It also hands them to Fyne's
// lang package, so lang.X finds the same keys in the system language.
func AddTranslationsFS(fsys embed.FS, dir string) error {
	ents, err := fsys.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, ent := range ents {
		name := ent.Name()
		if !strings.HasSuffix(name, ".json") {
			continue
		}
		b, err := fsys.ReadFile(path.Join(dir, name))
		if err != nil {
			return err
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			return fmt.Errorf("translations %s: %w", name, err)
		}
		l := strings.TrimSuffix(name, ".json")
		if i := strings.LastIndexByte(l, '.'); i >= 0 {
			l = l[i+1:]
		}
		trMu.Lock()
		t := trTables[l]
		if t == nil {
			t = map[string]string{}
			trTables[l] = t
		}
		for k, v := range m {
			t[k] = v
		}
		trMu.Unlock()
	}
	return lang.AddTranslationsFS(fsys, dir)
}

// SetLanguage selects the language of X ("vi" or "en"; anything else is
// Vietnamese). Screens built afterwards use it; the shell rebuilds its
// screens after a switch.
func SetLanguage(l string) {
	if l != LangEnglish {
		l = LangVietnamese
	}
	trMu.Lock()
	trLang = l
	trMu.Unlock()
}

// Language returns the selected language.
func Language() string {
	trMu.RLock()
	defer trMu.RUnlock()
	return trLang
}

// X returns the text of key in the selected language, or fallback (the
// Vietnamese text) when the key has no translation. When data is given,
// the text is a text/template executed with data[0] (e.g. "{{.N}} hồ sơ").
func X(key, fallback string, data ...any) string {
	trMu.RLock()
	s, ok := trTables[trLang][key]
	trMu.RUnlock()
	if !ok {
		s = fallback
	}
	if len(data) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	if err := t.Execute(&b, data[0]); err != nil {
		return s
	}
	return b.String()
}
