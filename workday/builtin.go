package workday

import (
	"embed"
	"fmt"
	"io/fs"
	"sync"
)

// The civil-service notices 2021–2026, one JSON YearTable per year, in the
// admin import/export format. They are data: a correction is a JSON edit
// (or an admin override), not a code change.
//
//go:embed notices/*.json
var noticeFS embed.FS

var builtin = sync.OnceValues(loadNotices)

func loadNotices() (map[int]YearTable, error) {
	files, err := fs.Glob(noticeFS, "notices/*.json")
	if err != nil {
		return nil, err
	}
	m := map[int]YearTable{}
	for _, name := range files {
		b, err := noticeFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		t, err := ParseYearTable(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if want := fmt.Sprintf("notices/%d.json", t.Year); name != want {
			return nil, fmt.Errorf("%s: holds year %d, want file %s", name, t.Year, want)
		}
		m[t.Year] = t
	}
	return m, nil
}

// builtinTables returns the embedded notice tables. The data is checked by
// the tests; a bad embedded file is a build defect, hence the panic.
func builtinTables() map[int]YearTable {
	m, err := builtin()
	if err != nil {
		panic("workday: embedded notices: " + err.Error())
	}
	return m
}
