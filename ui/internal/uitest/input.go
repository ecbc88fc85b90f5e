package uitest

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"motcua/ui/intake/kit"
)

// Key steps of the keystroke clock (domain.md §5.3; cccd.DefaultBurstConfig).
const (
	PersonStep  = 150 * time.Millisecond
	ScannerStep = 4 * time.Millisecond
)

// KeyClock is a keystroke clock: each reading is Step later than the last.
type KeyClock struct {
	T    time.Time
	Step time.Duration
}

// Now advances the clock by Step and reads it.
func (c *KeyClock) Now() time.Time {
	c.T = c.T.Add(c.Step)
	return c.T
}

// UseKeyClock makes a clock from start at a person's pace the kit's
// keystroke clock (kit.Now) for the rest of the test.
func UseKeyClock(t testing.TB, start time.Time) *KeyClock {
	c := &KeyClock{T: start, Step: PersonStep}
	kit.Now = c.Now
	t.Cleanup(func() { kit.Now = time.Now })
	return c
}

// TypeText types s into the focused widget of w, or into the canvas when
// nothing has focus.
func TypeText(w fyne.Window, s string) {
	c := w.Canvas()
	for _, r := range s {
		if f := c.Focused(); f != nil {
			f.TypedRune(r)
		} else {
			c.OnTypedRune()(r)
		}
	}
}

// Key presses a named key in w as the GLFW driver delivers it: Tab moves
// the focus unless the widget takes it, other keys go to the focused
// widget, or to the canvas when nothing has focus.
func Key(w fyne.Window, name fyne.KeyName) {
	c := w.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	f := c.Focused()
	if name == fyne.KeyTab {
		if t, ok := f.(fyne.Tabbable); ok && t.AcceptsTab() {
			f.TypedKey(ev)
		} else {
			c.FocusNext()
		}
		return
	}
	if f != nil {
		f.TypedKey(ev)
	} else if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// Ctrl presses Ctrl+key in w as the GLFW driver delivers it.
func Ctrl(w fyne.Window, key fyne.KeyName) {
	c := w.Canvas()
	sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	c.(fyne.Shortcutable).TypedShortcut(sc)
}

// Scan simulates the keyboard-wedge scanner on w: a pause of a second on
// the clock (the clerk takes the card), then payload at scanner speed into
// whatever has focus, ended by Enter.
func Scan(w fyne.Window, clock *KeyClock, payload string) {
	clock.T = clock.T.Add(time.Second)
	step := clock.Step
	clock.Step = ScannerStep
	TypeText(w, payload)
	Key(w, fyne.KeyReturn)
	clock.Step = step
}

// Markup asserts w against the golden file testdata/name (rewritten with
// -update).
func Markup(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	if *Update {
		WriteGolden(t, name, test.RenderToMarkup(w.Canvas()))
		return
	}
	test.AssertRendersToMarkup(t, name, w.Canvas())
}

// WriteGolden writes the golden file testdata/name.
func WriteGolden(t testing.TB, name, content string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
