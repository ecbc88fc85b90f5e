package cccd

import (
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// feed types text starting at start with the given gap per rune and
// returns every payload the detector reported and the time after.
func feed(d *BurstDetector, text string, start time.Time, gap time.Duration) ([]string, time.Time) {
	var got []string
	at := start
	for _, r := range text {
		if p, ok := d.Feed(r, at); ok {
			got = append(got, p)
		}
		at = at.Add(gap)
	}
	return got, at
}

// burstStep is text typed with gap between runes, after a pause.
type burstStep struct {
	text       string
	gap, pause time.Duration
}

func TestBurstDetector(t *testing.T) {
	payload := parseCases[0].in
	ms := time.Millisecond
	cases := []struct {
		name string
		// steps: text typed with a gap, after a pause.
		steps []burstStep
		cfg   BurstConfig
		want  []string
	}{
		{name: "scanner burst with Enter", want: []string{payload},
			steps: []burstStep{{payload + "\r", 4 * ms, 0}}},
		{name: "CRLF ending gives one payload", want: []string{payload},
			steps: []burstStep{{payload + "\r\n", 4 * ms, 0}}},
		{name: "human typing", want: nil,
			steps: []burstStep{{"Nguyễn Văn An, số 12 ngõ 34 phố Huế\r", 120 * ms, 0}}},
		{name: "fast typist still too slow", want: nil,
			steps: []burstStep{{"the quick brown fox jumps over\r", 60 * ms, 0}}},
		{name: "short burst", want: nil,
			steps: []burstStep{{"0123456789\r", 2 * ms, 0}}},
		{name: "typing, pause, then scan: only the scan", want: []string{payload},
			steps: []burstStep{{"ghi chú", 150 * ms, 0}, {payload + "\n", 5 * ms, 2 * time.Second}}},
		{name: "Enter long after the burst", want: nil,
			steps: []burstStep{{payload, 5 * ms, 0}, {"\r", 0, time.Second}}},
		{name: "two scans", want: []string{payload, payload},
			steps: []burstStep{{payload + "\r", 3 * ms, 0}, {payload + "\r", 3 * ms, 3 * time.Second}}},
		{name: "custom terminator and threshold", want: []string{"ABCDE"},
			cfg:   BurstConfig{MinRunes: 5, MaxMedianGap: 50 * ms, Terminators: []rune{'\t'}},
			steps: []burstStep{{"ABCDE\t", 40 * ms, 0}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := NewBurstDetector(c.cfg)
			at := t0
			var got []string
			for _, s := range c.steps {
				var p []string
				p, at = feed(d, s.text, at.Add(s.pause), s.gap)
				got = append(got, p...)
			}
			if len(got) != len(c.want) {
				t.Fatalf("got %d payloads %q, want %q", len(got), got, c.want)
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("payload %d = %q, want %q", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestBurstMedianToleratesHiccups: a scanner that stalls a few times
// (USB buffering) is still recognised by the median.
func TestBurstMedianToleratesHiccups(t *testing.T) {
	d := NewBurstDetector(BurstConfig{})
	payload := parseCases[0].in
	at := t0
	i := 0
	var got string
	var ok bool
	for _, r := range payload + "\r" {
		got, ok = d.Feed(r, at)
		gap := 3 * time.Millisecond
		if i%25 == 24 {
			gap = 200 * time.Millisecond
		}
		at = at.Add(gap)
		i++
	}
	if !ok || got != payload {
		t.Fatalf("got %q, %v", got, ok)
	}
}

func TestBurstClockBackwardsAndLimits(t *testing.T) {
	d := NewBurstDetector(BurstConfig{MinRunes: 3, MaxRunes: 4})
	if c := d.Config(); c.MaxMedianGap != 30*time.Millisecond || c.ResetGap != 500*time.Millisecond || len(c.Terminators) != 2 {
		t.Fatalf("defaults not applied: %+v", c)
	}
	feed(d, "abcdef", t0, time.Millisecond)
	if d.Len() != 4 {
		t.Fatalf("Len = %d, want MaxRunes 4", d.Len())
	}
	if p, ok := d.Feed('\r', t0.Add(6*time.Millisecond)); !ok || p != "cdef" {
		t.Fatalf("got %q %v, want the last 4 runes", p, ok)
	}
	feed(d, "abc", t0, time.Millisecond)
	d.Feed('x', t0.Add(-time.Second)) // clock went back: start afresh
	if d.Len() != 1 {
		t.Fatalf("Len after clock jump = %d", d.Len())
	}
	d.Reset()
	if d.Len() != 0 {
		t.Fatal("Reset kept runes")
	}
}
