package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// Keys is a screen's table of shortcuts (Ctrl+letter) and plain keys (F2,
// Esc). The screen's widgets consult it for keys they do not use
// themselves, and Install puts the shortcuts on the window canvas for the
// moments when focus is on a widget that does not forward them.
type Keys struct {
	shortcuts map[string]func()
	list      []fyne.Shortcut
	keys      map[fyne.KeyName]func()
	// Scan handles a scanner burst typed into a field of the screen that
	// has no scan handler of its own; it returns true when the burst was a
	// scan it used (the field then drops the burst's characters).
	Scan func(payload string) bool

	guard guard
}

// NewKeys returns an empty table.
func NewKeys() *Keys {
	return &Keys{shortcuts: map[string]func(){}, keys: map[fyne.KeyName]func(){}}
}

// Ctrl returns the Ctrl+key shortcut (Cmd on macOS).
func Ctrl(key fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
}

// Shortcut binds Ctrl+key to fn.
func (k *Keys) Shortcut(key fyne.KeyName, fn func()) {
	s := Ctrl(key)
	if _, ok := k.shortcuts[s.ShortcutName()]; !ok {
		k.list = append(k.list, s)
	}
	k.shortcuts[s.ShortcutName()] = fn
}

// Key binds a plain key (F2, Escape, F3) to fn.
func (k *Keys) Key(name fyne.KeyName, fn func()) { k.keys[name] = fn }

// HandleShortcut runs the shortcut's function; false when s is not bound.
func (k *Keys) HandleShortcut(s fyne.Shortcut) bool {
	if k == nil || s == nil {
		return false
	}
	if fn, ok := k.shortcuts[s.ShortcutName()]; ok {
		fn()
		return true
	}
	return false
}

// HandleKey runs the key's function; false when the key is not bound.
func (k *Keys) HandleKey(ev *fyne.KeyEvent) bool {
	if k == nil || ev == nil {
		return false
	}
	if fn, ok := k.keys[ev.Name]; ok {
		fn()
		return true
	}
	return false
}

// Install registers the shortcuts on a canvas (replacing earlier bindings
// of the same shortcuts, so the screen shown last owns them).
func (k *Keys) Install(c fyne.Canvas) {
	if c == nil {
		return
	}
	for _, s := range k.list {
		fn := k.shortcuts[s.ShortcutName()]
		c.AddShortcut(s, func(fyne.Shortcut) { fn() })
	}
}

// Forward gives a key that a widget does not use to the screen's keys,
// then, for Esc and F-keys, to the window's key handler (the shell).
func Forward(o fyne.CanvasObject, keys *Keys, ev *fyne.KeyEvent) bool {
	if keys.HandleKey(ev) {
		return true
	}
	if windowKey(ev.Name) {
		if c := canvasOf(o); c != nil && c.OnTypedKey() != nil {
			c.OnTypedKey()(ev)
			return true
		}
	}
	return false
}
