package kit

import (
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"motcua/cccd"
	"motcua/vntext"
)

// Now is the wall clock used to time keystrokes for burst detection (not
// the domain clock: a scanner burst is measured in real milliseconds).
var Now = time.Now

// Entry is a plain text field (codes, numbers, dates, search boxes) for
// keyboard-first screens; free Vietnamese text uses widgets.VNEntry, which
// has the in-app Telex/VNI mode. Like VNEntry it recognises a
// keyboard-wedge scanner burst (domain.md §5.3), passes Esc and F-keys to
// the screen's Keys and then to the window (the shell's ScanCapture), and
// passes shortcuts it does not use to the window canvas. It adds OnKey for
// fields that use Up/Down, and moves focus on Enter when it has no
// OnSubmitted.
type Entry struct {
	widget.Entry

	// OnKey sees every key first; returning true consumes it (Up/Down in a
	// search box).
	OnKey func(ev *fyne.KeyEvent) bool
	// OnScan receives a scanner burst typed into this field; returning
	// true means it was a scan that was used, and the burst's characters
	// are removed from the field. When nil, Keys.Scan is asked.
	OnScan func(payload string) bool
	// OnFocus is called when the field gains the focus (the screen scrolls
	// it into view).
	OnFocus func()

	keys  *Keys
	burst *cccd.BurstDetector
}

// NewEntry returns a single-line field bound to the screen's keys.
func NewEntry(keys *Keys) *Entry {
	e := &Entry{keys: keys, burst: cccd.NewBurstDetector(cccd.BurstConfig{})}
	e.ExtendBaseWidget(e)
	e.Wrapping = fyne.TextWrapOff
	return e
}

// NewMultiLineEntry returns a multi-line field (notes, reasons).
func NewMultiLineEntry(keys *Keys) *Entry {
	e := NewEntry(keys)
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	return e
}

// Value returns the text trimmed and NFC-normalised: Vietnamese typed with
// any input method (composed or decomposed) is stored composed.
func (e *Entry) Value() string { return strings.TrimSpace(vntext.NFC(e.Text)) }

// FocusGained shows the cursor and tells OnFocus.
func (e *Entry) FocusGained() {
	e.Entry.FocusGained()
	if e.OnFocus != nil {
		e.OnFocus()
	}
}

// TypedRune records the rune's time for burst detection and types it.
func (e *Entry) TypedRune(r rune) {
	e.burst.Feed(r, Now())
	e.Entry.TypedRune(r)
}

// TypedKey handles Enter (scanner burst, then OnSubmitted or focus next),
// then OnKey, then the screen's keys, then the usual editing keys.
func (e *Entry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter {
		if payload, ok := e.burst.Feed('\n', Now()); ok && e.scan(payload) {
			e.dropTyped(payload)
			return
		}
	}
	if e.OnKey != nil && e.OnKey(ev) {
		return
	}
	if Forward(e, e.keys, ev) {
		return
	}
	if (ev.Name == fyne.KeyReturn || ev.Name == fyne.KeyEnter) && !e.MultiLine && e.OnSubmitted == nil {
		if c := canvasOf(e); c != nil {
			c.FocusNext()
		}
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedShortcut runs the field's editing shortcuts (copy, paste, undo,
// word moves), then the screen's, then passes the rest to the window.
func (e *Entry) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutPaste, *fyne.ShortcutCopy, *fyne.ShortcutCut, *fyne.ShortcutSelectAll, *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		e.Entry.TypedShortcut(s)
		return
	case *desktop.CustomShortcut:
		switch sc.KeyName {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyBackspace, fyne.KeyDelete:
			e.Entry.TypedShortcut(s)
			return
		}
	}
	if e.keys.HandleShortcut(s) {
		return
	}
	if c := canvasOf(e); c != nil {
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

// windowKey reports whether a key belongs to the window (the shell) when
// neither the field nor the screen uses it.
func windowKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyEscape, fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

func (e *Entry) scan(payload string) bool {
	if e.OnScan != nil {
		return e.OnScan(payload)
	}
	if e.keys != nil && e.keys.Scan != nil {
		return e.keys.Scan(payload)
	}
	return false
}

// dropTyped removes the burst's characters, which the scanner typed at the
// cursor, leaving the field as it was before the scan.
func (e *Entry) dropTyped(payload string) {
	n := utf8.RuneCountInString(payload)
	text := []rune(e.Text)
	if e.MultiLine {
		// A multi-line field keeps the burst only on the cursor's row.
		off := e.CursorTextOffset()
		if off >= n && string(text[off-n:off]) == payload {
			e.SetText(string(text[:off-n]) + string(text[off:]))
		}
		return
	}
	col := e.CursorColumn
	if col > len(text) {
		col = len(text)
	}
	if col >= n && string(text[col-n:col]) == payload {
		e.SetText(string(text[:col-n]) + string(text[col:]))
		e.CursorColumn = col - n
		e.Refresh()
		return
	}
	if strings.HasSuffix(e.Text, payload) {
		e.SetText(strings.TrimSuffix(e.Text, payload))
	}
}

func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().CanvasForObject(o)
	}
	return nil
}
