package fonts

import (
	"bytes"
	"testing"
)

func TestEmbedded(t *testing.T) {
	for _, s := range []string{"", "B", "I", "BI", "IB"} {
		b := Style(s)
		// A TrueType file starts with the sfnt version 0x00010000.
		if len(b) < 100_000 || !bytes.HasPrefix(b, []byte{0, 1, 0, 0}) {
			t.Errorf("style %q: not a TrueType file (%d bytes)", s, len(b))
		}
	}
	if Style("X") != nil {
		t.Error("unknown style must return nil")
	}
	if !bytes.Contains(License(), []byte("SIL OPEN FONT LICENSE Version 1.1")) || !bytes.Contains(License(), []byte("Google")) {
		t.Error("licence text or copyright notice missing")
	}
	if bytes.Equal(Regular(), Bold()) || bytes.Equal(Italic(), BoldItalic()) {
		t.Error("styles must be distinct files")
	}
}
