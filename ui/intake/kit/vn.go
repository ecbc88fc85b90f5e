package kit

import (
	"time"

	"motcua/ui/widgets"
)

// NewVN returns a Vietnamese text field (widgets.VNEntry, with the in-app
// Telex/VNI mode) whose keystrokes are timed with Now and whose scanner
// bursts go to scan. A burst that scan does not use (text from a typing
// tool's macro, typed fast and ended by Enter) is put back where it was
// typed, so nothing the clerk entered is lost.
func NewVN(t *widgets.Typing, multiLine bool, scan func(payload string) bool) *widgets.VNEntry {
	var e *widgets.VNEntry
	if multiLine {
		e = widgets.NewVNMultiLineEntry(t)
	} else {
		e = widgets.NewVNEntry(t)
	}
	e.Now = func() time.Time { return Now() }
	e.SetOnScan(func(p string) {
		if scan == nil || !scan(p) {
			reinsert(e, p)
		}
	})
	return e
}

// reinsert types text back at the cursor without burst detection.
func reinsert(e *widgets.VNEntry, text string) {
	r := []rune(e.Text)
	off := min(e.CursorTextOffset(), len(r))
	e.SetText(string(r[:off]) + text + string(r[off:]))
	e.CursorColumn += len([]rune(text))
	e.Refresh()
}
