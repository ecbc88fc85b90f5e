package widgets

import (
	"motcua/vntext"
)

// Typing is the in-app Vietnamese typing mode. One value is shared by every
// VNEntry of a session and may be changed at run time (the change applies
// from the next key); it is read and written on the UI goroutine only.
type Typing struct {
	Method vntext.Method
	Style  vntext.ToneStyle
}

// ParseTyping reads a user's stored preferences ("off"/"telex"/"vni",
// "modern"/"old"); unknown or empty values give Off and Modern.
func ParseTyping(method, style string) Typing {
	m, err := vntext.ParseMethod(method)
	if err != nil {
		m = vntext.Off
	}
	s := vntext.Modern
	if style == vntext.Old.String() {
		s = vntext.Old
	}
	return Typing{Method: m, Style: s}
}

// Strings returns the values stored in the user's preferences.
func (t Typing) Strings() (method, style string) {
	return t.Method.String(), t.Style.String()
}
