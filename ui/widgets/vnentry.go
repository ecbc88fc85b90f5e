package widgets

import (
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"motcua/vntext"
)

// VNEntry is a widget.Entry with the in-app Telex/VNI typing mode and
// keyboard-wedge scanner detection.
//
//   - Typing: every typed character runs the vntext Engine on the word
//     before the cursor (the Typing mode shared by all entries; Off passes
//     characters through unchanged, so an external tool such as Unikey
//     still works). The text is kept NFC (vntext.NFC): characters and
//     pasted text are composed, so Text always holds NFC.
//   - Scanner: every character is fed, with its arrival time, to a
//     cccd.BurstDetector. When Enter ends a burst, what the burst typed is
//     taken back (the field is restored to its text and cursor before the
//     burst) and the payload goes to the SetOnScan handler, or to the
//     window's ScanCapture when the entry has none. Enter that does not end
//     a burst behaves as in widget.Entry (OnSubmitted).
//   - Keys: Escape and F1–F12 go to the window's key handler (ScanCapture
//     SetOnKey); shortcuts the entry does not use (Ctrl+N, Ctrl+S …) go to
//     the window's canvas, so window shortcuts work while typing.
type VNEntry struct {
	widget.Entry

	// Now is the clock for burst detection (nil: time.Now).
	Now func() time.Time
	// OnKey, when set, sees every key first (Up/Down in a search box);
	// returning true consumes it.
	OnKey func(ev *fyne.KeyEvent) bool

	typing *Typing
	engine vntext.Engine
	onScan func(payload string)

	burst burst
	snap  entryState // state before the current burst's first rune
}

type entryState struct {
	text     string
	row, col int
}

// NewVNEntry returns a single-line entry using the shared typing mode t
// (nil: typing mode Off).
func NewVNEntry(t *Typing) *VNEntry {
	e := &VNEntry{typing: t, burst: newBurst()}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// NewVNMultiLineEntry returns a multi-line entry using the typing mode t.
func NewVNMultiLineEntry(t *Typing) *VNEntry {
	e := &VNEntry{typing: t, burst: newBurst()}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// SetOnScan sets the handler of a scanner burst ended by Enter in this
// entry; nil forwards bursts to the window's ScanCapture.
func (e *VNEntry) SetOnScan(fn func(payload string)) { e.onScan = fn }

// SetTyping changes the typing mode the entry follows.
func (e *VNEntry) SetTyping(t *Typing) {
	e.typing = t
	e.engine.Reset()
}

func (e *VNEntry) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

func (e *VNEntry) method() vntext.Method {
	if e.typing == nil || e.Password {
		return vntext.Off
	}
	return e.typing.Method
}

// TypedRune handles a typed character: scanner detection, then the typing
// engine.
func (e *VNEntry) TypedRune(r rune) {
	if e.Disabled() {
		return
	}
	NoteActivity()
	now := e.now()
	if r == '\r' || r == '\n' {
		e.enter(now, &fyne.KeyEvent{Name: fyne.KeyReturn})
		return
	}
	if e.burst.startsNew(now) {
		e.snap = entryState{text: e.Text, row: e.CursorRow, col: e.CursorColumn}
	}
	e.burst.rune(r, now)

	m := e.method()
	if m == vntext.Off || e.SelectedText() != "" {
		e.engine.Reset()
		e.Entry.TypedRune(r)
		if unicode.Is(unicode.Mn, r) {
			e.composeBeforeCursor()
		}
		return
	}
	e.engine.Method = m
	e.engine.Style = e.typing.Style
	runes := []rune(e.Text)
	pos := e.CursorTextOffset()
	if pos > len(runes) {
		pos = len(runes)
	}
	ws := vntext.WordStart(runes[:pos])
	word := runes[ws:pos]
	out, consumed := e.engine.Apply(word, r)
	if !consumed {
		e.Entry.TypedRune(r)
		return
	}
	e.replaceBeforeCursor(word, out)
}

// composeBeforeCursor composes a combining mark typed by an external tool
// with the word before the cursor (Text stays NFC).
func (e *VNEntry) composeBeforeCursor() {
	runes := []rune(e.Text)
	pos := min(e.CursorTextOffset(), len(runes))
	ws := vntext.WordStart(runes[:pos])
	if ws > 0 {
		ws-- // the base letter may precede a run of marks only
	}
	word := runes[ws:pos]
	if out := []rune(vntext.NFC(string(word))); string(out) != string(word) {
		e.replaceBeforeCursor(word, out)
	}
}

// replaceBeforeCursor replaces old, the runes just before the cursor, with
// out: it deletes the differing tail and types the new one through the
// base entry, so the cursor, undo stack and bindings stay consistent.
// OnChanged fires once, at the end.
func (e *VNEntry) replaceBeforeCursor(old, out []rune) {
	k := 0
	for k < len(old) && k < len(out) && old[k] == out[k] {
		k++
	}
	cb := e.OnChanged
	e.OnChanged = nil
	e.Entry.DragEnd() // see TypedKey
	bs := &fyne.KeyEvent{Name: fyne.KeyBackspace}
	for range len(old) - k {
		e.Entry.TypedKey(bs)
	}
	for _, r := range out[k:] {
		e.Entry.TypedRune(r)
	}
	e.OnChanged = cb
	if cb != nil {
		cb(e.Text)
	}
}

// TypedKey handles Enter (end of a scanner burst or submit), window keys,
// and editing keys (which end any burst: scanners do not send them).
func (e *VNEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.Disabled() {
		return
	}
	NoteActivity()
	// widget.Entry's key handling needs its selection state, which it
	// creates lazily; DragEnd creates it without side effects.
	e.Entry.DragEnd()
	if e.OnKey != nil && ev.Name != fyne.KeyReturn && ev.Name != fyne.KeyEnter && e.OnKey(ev) {
		e.burst.reset()
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		e.enter(e.now(), ev)
		return
	}
	e.burst.reset()
	e.engine.Reset()
	if windowKey(ev.Name) {
		if captureFor(e.super()).handleKey(ev) {
			return
		}
	}
	e.Entry.TypedKey(ev)
}

// enter feeds Enter to the burst detector; a burst's text is taken back and
// its payload delivered, anything else is a normal Enter.
func (e *VNEntry) enter(now time.Time, ev *fyne.KeyEvent) {
	e.engine.Reset()
	payload, ok := e.burst.enter(now)
	if !ok {
		e.Entry.TypedKey(ev)
		return
	}
	e.restore(e.snap)
	if e.onScan != nil {
		e.onScan(payload)
		return
	}
	captureFor(e.super()).deliver(payload)
}

// restore puts the text and cursor back.
func (e *VNEntry) restore(s entryState) {
	if e.Text != s.text {
		e.SetText(s.text)
	}
	e.CursorRow, e.CursorColumn = s.row, s.col
	e.Refresh()
}

// TypedShortcut composes pasted text (NFC) and passes shortcuts the entry
// does not handle to the window.
func (e *VNEntry) TypedShortcut(s fyne.Shortcut) {
	NoteActivity()
	e.burst.reset()
	e.engine.Reset()
	switch sc := s.(type) {
	case *fyne.ShortcutPaste:
		if sc.Clipboard != nil {
			s = &fyne.ShortcutPaste{Clipboard: nfcClipboard{sc.Clipboard}}
		}
		e.Entry.TypedShortcut(s)
		return
	case *fyne.ShortcutCopy, *fyne.ShortcutCut, *fyne.ShortcutSelectAll, *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		e.Entry.TypedShortcut(s)
		return
	case *desktop.CustomShortcut:
		switch sc.KeyName {
		case fyne.KeyLeft, fyne.KeyRight, fyne.KeyBackspace, fyne.KeyDelete:
			e.Entry.TypedShortcut(s)
			return
		}
	}
	if c := e.canvas(); c != nil {
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
			return
		}
	}
	e.Entry.TypedShortcut(s)
}

func (e *VNEntry) canvas() fyne.Canvas {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	return app.Driver().CanvasForObject(e.super())
}

func (e *VNEntry) super() fyne.CanvasObject { return e }

// nfcClipboard hands out the clipboard's text composed.
type nfcClipboard struct{ fyne.Clipboard }

func (c nfcClipboard) Content() string { return vntext.NFC(c.Clipboard.Content()) }
