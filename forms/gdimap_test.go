package forms

import "testing"

func TestDeviceMap(t *testing.T) {
	// A 600 dpi laser printer with a 4.23 mm (100 px) unprintable margin.
	m := deviceMap{dpiX: 600, dpiY: 600, offX: 100, offY: 100}
	cases := []struct{ got, want int32 }{
		{m.x(25.4), 500},
		{m.y(0), -100},
		{m.x(210), 4961 - 100},
		{m.w(0.01), 1},
		{m.h(25.4), 600},
		{m.fontHeight(12), -100},
		{deviceMap{dpiY: 300}.fontHeight(11.5), -48},
	}
	for i, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("case %d: %d, want %d", i, tc.got, tc.want)
		}
	}
	// Adjacent rectangles share an edge exactly.
	l1, _, w1, _ := m.rect(10, 10, 10.33, 20)
	l2, _, _, _ := m.rect(10.33, 10, 10.66, 20)
	if l1+w1 != l2 {
		t.Errorf("gap or overlap: %d+%d vs %d", l1, w1, l2)
	}
	// Anisotropic resolutions (some thermal drivers are 203×406).
	a := deviceMap{dpiX: 203.2, dpiY: 406.4}
	if a.x(72) != 576 || a.y(72) != 1152 {
		t.Errorf("anisotropic: %d %d", a.x(72), a.y(72))
	}
}

func TestMonoDIB(t *testing.T) {
	rows := [][]bool{
		{true, false, true, false, false, false, false, false, true},
		{false, false, false, false, false, false, false, false, false},
	}
	bits, stride := monoDIB(rows)
	if stride != 4 || len(bits) != 8 {
		t.Fatalf("stride %d len %d", stride, len(bits))
	}
	// Row 0: black at 0, 2, 8 → bits clear there; white elsewhere.
	if bits[0] != 0b01011111 || bits[1] != 0 || bits[2] != 0 || bits[3] != 0 { // padding bits stay 0 (outside SrcWidth)
		t.Errorf("row 0: %08b %08b", bits[0], bits[1])
	}
	if bits[4] != 0xFF || bits[5] != 0x80 {
		t.Errorf("row 1: %08b %08b", bits[4], bits[5])
	}
}
