package admin

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Every Vietnamese string has its English translation, and no English
// key is left over.
func TestTranslationsComplete(t *testing.T) {
	read := func(name string) map[string]string {
		b, err := os.ReadFile("i18n/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	vi, en := read("vi.json"), read("en.json")
	if len(vi) == 0 {
		t.Fatal("no Vietnamese strings")
	}
	for k := range vi {
		if en[k] == "" {
			t.Errorf("%s has no English translation", k)
		}
	}
	// Every key used in the code is in vi.json.
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`\btr\("([a-z0-9_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if _, ok := vi["admin."+m[1]]; !ok {
				t.Errorf("%s: key %s is missing from i18n/vi.json", f, m[1])
			}
		}
	}
	for k := range en {
		if _, ok := vi[k]; !ok {
			t.Errorf("%s is translated but not used", k)
		}
	}
}
