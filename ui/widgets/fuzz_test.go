package widgets

import (
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/vntext"
)

// FuzzVNEntry types arbitrary keys (with Backspace as '\b') under each
// method: the entry never panics and its text is always NFC.
func FuzzVNEntry(f *testing.F) {
	for _, s := range []string{"Nguyeenx Vawn Aan", "Ddawks Lawks", "Nguye6n4", "ass\bd", "windows", "hoaf", "x\u0301\u0302", "\b\b", "uow", "Ưỡ"} {
		f.Add(s, uint8(1))
	}
	test.NewTempApp(f)
	f.Fuzz(func(t *testing.T, keys string, m uint8) {
		if !utf8.ValidString(keys) {
			return
		}
		e := NewVNEntry(&Typing{Method: vntext.Method(m % 3)})
		for _, r := range keys {
			if r == '\b' {
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				continue
			}
			if r == '\n' || r == '\r' {
				continue
			}
			e.TypedRune(r)
		}
		if e.Text != vntext.NFC(e.Text) {
			t.Fatalf("keys %q: text %q is not NFC", keys, e.Text)
		}
	})
}
