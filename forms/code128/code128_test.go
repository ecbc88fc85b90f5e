package code128

import (
	"slices"
	"strings"
	"testing"
)

func TestPatternTable(t *testing.T) {
	seen := map[string]int{}
	for v, p := range patterns {
		sum, bars := 0, 0
		for j, c := range p {
			w := int(c - '0')
			if w < 1 || w > 4 {
				t.Fatalf("value %d: width %d", v, w)
			}
			sum += w
			if j%2 == 0 {
				bars += w
			}
		}
		want := 11
		if v == Stop {
			want = 13
		}
		// ISO/IEC 15417: every symbol is 11 modules with an even number of
		// bar modules (the stop code 13).
		if sum != want || (v != Stop && bars%2 != 0) {
			t.Errorf("value %d %s: %d modules, %d bar modules", v, p, sum, bars)
		}
		if o, dup := seen[p]; dup {
			t.Errorf("values %d and %d share pattern %s", o, v, p)
		}
		seen[p] = v
	}
	// Spot checks against the published table.
	for v, want := range map[int]string{0: "212222", 16: "123122", 33: "111323", 64: "111422", 95: "114113", 99: "113141", 100: "114131", 103: "211412", 104: "211214", 105: "211232", 106: "2331112"} {
		if patterns[v] != want {
			t.Errorf("value %d = %s, want %s", v, patterns[v], want)
		}
	}
}

func TestValues(t *testing.T) {
	cases := []struct {
		in   string
		want []int
	}{
		// "PJJ123C": three digits do not pay for a switch, all set B;
		// check (104+48+2·42+3·42+4·17+5·18+6·19+7·35) mod 103 = 55.
		{"PJJ123C", []int{StartB, 48, 42, 42, 17, 18, 19, 35, 55, Stop}},
		// All digits, even: set C throughout.
		{"1234", []int{StartC, 12, 34, (105 + 12 + 2*34) % 103, Stop}},
		// Two digits: one set C symbol beats two set B symbols.
		{"12", []int{StartC, 12, (105 + 12) % 103, Stop}},
		// "1A": no digit pair, set B.
		{"1A", []int{StartB, 17, 33, (104 + 17 + 2*33) % 103, Stop}},
		// Odd digit run: the extra digit stays in B.
		{"A12345", []int{StartB, 33, 17, CodeC, 23, 45, (104 + 33 + 2*17 + 3*99 + 4*23 + 5*45) % 103, Stop}},
		{"X", []int{StartB, 56, (104 + 56) % 103, Stop}},
	}
	for _, tc := range cases {
		got, err := Values(tc.in)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("%q: got %v %v, want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestDossierCodeUsesSetC(t *testing.T) {
	code := "000.00.06.H56-231027-0361"
	vals, err := Values(code)
	if err != nil {
		t.Fatal(err)
	}
	// Shorter than all-B (1 start + 25 data + check + stop = 28).
	if len(vals) >= 28 {
		t.Fatalf("%d symbols, want fewer than 28: %v", len(vals), vals)
	}
	if !slices.Contains(vals, CodeC) {
		t.Fatalf("no switch to set C: %v", vals)
	}
	mods, _ := Modules(code)
	if len(mods) != 11*(len(vals)-1)+13 {
		t.Fatalf("%d modules", len(mods))
	}
	if !mods[0] || !mods[len(mods)-1] {
		t.Fatal("a barcode starts and ends with a bar")
	}
}

func TestErrors(t *testing.T) {
	if _, err := Values(""); err != ErrEmpty {
		t.Fatal(err)
	}
	for _, s := range []string{"Hồ sơ", "a\tb", "\x7f"} {
		if _, err := Values(s); err == nil || !strings.Contains(err.Error(), "not printable ASCII") {
			t.Errorf("%q: %v", s, err)
		}
	}
}

// decode reads modules back into text (a reference decoder for the tests
// and the fuzz target: widths → pattern → value → set B/C characters).
func decode(mods []bool) (string, bool) {
	// Run-length encode.
	var widths []int
	for i := 0; i < len(mods); {
		j := i
		for j < len(mods) && mods[j] == mods[i] {
			j++
		}
		widths = append(widths, j-i)
		i = j
	}
	byPattern := map[string]int{}
	for v, p := range patterns {
		byPattern[p] = v
	}
	var vals []int
	for i := 0; i+6 <= len(widths); i += 6 {
		var b strings.Builder
		n := 6
		if i+7 == len(widths) {
			n = 7
		}
		for _, w := range widths[i : i+n] {
			b.WriteByte(byte('0' + w))
		}
		v, ok := byPattern[b.String()]
		if !ok {
			return "", false
		}
		vals = append(vals, v)
		if n == 7 {
			break
		}
	}
	if len(vals) < 3 || vals[len(vals)-1] != Stop {
		return "", false
	}
	sum := vals[0]
	for i, v := range vals[1 : len(vals)-2] {
		sum += (i + 1) * v
	}
	if sum%103 != vals[len(vals)-2] {
		return "", false
	}
	set := setB
	if vals[0] == StartC {
		set = setC
	}
	var out strings.Builder
	for _, v := range vals[1 : len(vals)-2] {
		switch {
		case set == setB && v == CodeC:
			set = setC
		case set == setC && v == CodeB:
			set = setB
		case set == setC:
			out.WriteByte(byte('0' + v/10))
			out.WriteByte(byte('0' + v%10))
		default:
			out.WriteByte(byte(v + 32))
		}
	}
	return out.String(), true
}

func FuzzModules(f *testing.F) {
	for _, s := range []string{"000.00.06.H56-231027-0361", "H15.50.05.13-261008-0975", "G09.20-20260609-0092637", "PJJ123C", "1", "12345", "a1b22c333d4444e55555", "~ !"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		mods, err := Modules(s)
		if err != nil {
			return
		}
		got, ok := decode(mods)
		if !ok || got != s {
			t.Fatalf("%q decodes as %q (%v)", s, got, ok)
		}
	})
}
