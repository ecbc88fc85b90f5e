package widgets

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"motcua/cccd"
)

// burst tracks a possible keyboard-wedge scanner burst (domain.md §5.3):
// the detector, and the state of the receiving field before the burst's
// first rune so that what the burst typed can be taken back exactly, even
// when the typing engine transformed it.
type burst struct {
	det  *cccd.BurstDetector
	last time.Time // time of the last rune fed
	n    int       // runes fed since the last reset
}

func newBurst() burst { return burst{det: cccd.NewBurstDetector(cccd.BurstConfig{})} }

// startsNew reports whether a rune at time at starts a new potential burst
// (nothing pending, or a pause longer than the detector's reset gap).
func (b *burst) startsNew(at time.Time) bool {
	if b.n == 0 {
		return true
	}
	gap := at.Sub(b.last)
	return gap < 0 || gap > b.det.Config().ResetGap
}

// rune feeds one typed rune.
func (b *burst) rune(r rune, at time.Time) {
	if b.startsNew(at) {
		b.n = 0
	}
	b.det.Feed(r, at)
	b.last = at
	b.n++
}

// enter feeds the terminator and returns the payload of a finished burst.
func (b *burst) enter(at time.Time) (string, bool) {
	p, ok := b.det.Feed('\r', at)
	b.reset()
	return p, ok
}

func (b *burst) reset() {
	b.det.Reset()
	b.n = 0
}

// ScanCapture recognises keyboard-wedge scanner bursts in one window: a
// fast run of characters ended by Enter. Characters typed while no widget
// has focus reach it through the canvas; a focused VNEntry without its own
// scan handler forwards its bursts here. It also routes function keys and
// Escape to the window's key handler wherever focus is (a focused VNEntry
// passes them on), and reports keyboard activity for the idle lock.
type ScanCapture struct {
	// Now is the clock (nil: time.Now). Tests inject it to simulate the
	// timing of a scanner.
	Now func() time.Time

	b      burst
	onScan func(payload string)
	onKey  func(*fyne.KeyEvent) bool
}

var (
	capturesMu sync.Mutex
	captures   = map[fyne.Canvas]*ScanCapture{}
)

// CaptureScans installs the scanner capture on w's canvas (replacing the
// canvas' typed-rune and typed-key handlers) and returns it. Calling it
// again for the same window returns the same capture.
func CaptureScans(w fyne.Window) *ScanCapture {
	c := w.Canvas()
	capturesMu.Lock()
	defer capturesMu.Unlock()
	if sc, ok := captures[c]; ok {
		return sc
	}
	sc := &ScanCapture{b: newBurst()}
	captures[c] = sc
	c.SetOnTypedRune(sc.TypedRune)
	c.SetOnTypedKey(sc.TypedKey)
	return sc
}

// captureFor returns the capture installed on the canvas holding o, if any.
func captureFor(o fyne.CanvasObject) *ScanCapture {
	app := fyne.CurrentApp()
	if app == nil {
		return nil
	}
	c := app.Driver().CanvasForObject(o)
	if c == nil {
		return nil
	}
	capturesMu.Lock()
	defer capturesMu.Unlock()
	return captures[c]
}

// SetOnScan sets the window-level handler of scanned payloads.
func (c *ScanCapture) SetOnScan(fn func(payload string)) { c.onScan = fn }

// SetOnKey sets the window-level key handler. It receives Escape and the
// function keys F1–F12 wherever focus is (when a VNEntry or nothing has
// focus) and returns true when it used the key.
func (c *ScanCapture) SetOnKey(fn func(*fyne.KeyEvent) bool) { c.onKey = fn }

func (c *ScanCapture) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// TypedRune is the canvas handler for characters typed while no widget has
// focus.
func (c *ScanCapture) TypedRune(r rune) {
	NoteActivity()
	c.b.rune(r, c.now())
}

// TypedKey is the canvas handler for keys typed while no widget has focus.
func (c *ScanCapture) TypedKey(ev *fyne.KeyEvent) {
	NoteActivity()
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if p, ok := c.b.enter(c.now()); ok {
			c.deliver(p)
		}
		return
	}
	c.b.reset()
	c.handleKey(ev)
}

// handleKey passes a window-level key to the handler.
func (c *ScanCapture) handleKey(ev *fyne.KeyEvent) bool {
	if c == nil || c.onKey == nil || !windowKey(ev.Name) {
		return false
	}
	return c.onKey(ev)
}

// deliver hands a payload to the window-level handler.
func (c *ScanCapture) deliver(p string) bool {
	if c == nil || c.onScan == nil {
		return false
	}
	c.onScan(p)
	return true
}

// windowKey reports whether a key is routed to the window's handler even
// when a text field has focus.
func windowKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyEscape, fyne.KeyF1, fyne.KeyF2, fyne.KeyF3, fyne.KeyF4, fyne.KeyF5, fyne.KeyF6,
		fyne.KeyF7, fyne.KeyF8, fyne.KeyF9, fyne.KeyF10, fyne.KeyF11, fyne.KeyF12:
		return true
	}
	return false
}

var (
	activityMu sync.Mutex
	activity   func()
)

// OnActivity sets the function told about user input (the shell's idle
// lock); nil removes it. Safe for concurrent use.
func OnActivity(fn func()) {
	activityMu.Lock()
	activity = fn
	activityMu.Unlock()
}

// NoteActivity reports user input to the OnActivity function. Widgets call
// it on every key; screens call it on taps that matter.
func NoteActivity() {
	activityMu.Lock()
	fn := activity
	activityMu.Unlock()
	if fn != nil {
		fn()
	}
}
