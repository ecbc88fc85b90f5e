package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Button is a widget.Button that also fires on Enter when focused and
// passes other keys to the screen's Keys (Esc, F2).
type Button struct {
	widget.Button
	keys *Keys
}

// NewButton returns a button; hint (e.g. "Ctrl+S") is shown after the label
// so the shortcut is visible without hovering.
func NewButton(label, hint string, keys *Keys, tapped func()) *Button {
	b := &Button{keys: keys}
	b.Text = label
	if hint != "" {
		b.Text = label + " (" + hint + ")"
	}
	b.OnTapped = tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedRune watches for a scanner burst (a focused button ignores text,
// but the Enter ending a burst must not fire it).
func (b *Button) TypedRune(r rune) { b.keys.Guard(r, nil) }

// TypedKey fires the button on Enter or Space, except for the Enter that
// ends a scanner burst.
func (b *Button) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if b.keys.GuardEnter() {
			return
		}
		fallthrough
	case fyne.KeySpace:
		if !b.Disabled() && b.OnTapped != nil {
			b.OnTapped()
		}
		return
	}
	if Forward(b, b.keys, ev) {
		return
	}
	b.Button.TypedKey(ev)
}
