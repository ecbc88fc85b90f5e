package cccd

import (
	"slices"
	"time"
)

// BurstConfig tunes BurstDetector. Zero fields take the defaults of
// DefaultBurstConfig.
type BurstConfig struct {
	// MinRunes is the least number of runes before Enter for a burst.
	MinRunes int
	// MaxMedianGap is the largest median time between keystrokes of a
	// burst. Scanners type a rune every 1–20 ms; people need 80 ms or more.
	MaxMedianGap time.Duration
	// ResetGap: a pause longer than this forgets what was typed before it,
	// so a clerk's typing followed by a scan yields only the scan.
	ResetGap time.Duration
	// MaxRunes bounds the memory: older runes are dropped beyond it.
	MaxRunes int
	// Terminators end a burst; default CR and LF (Enter).
	Terminators []rune
}

// DefaultBurstConfig: at least 20 runes with a median gap of at most 30 ms,
// a pause over 500 ms starts afresh, at most 4096 runes, ended by Enter.
func DefaultBurstConfig() BurstConfig {
	return BurstConfig{
		MinRunes:     20,
		MaxMedianGap: 30 * time.Millisecond,
		ResetGap:     500 * time.Millisecond,
		MaxRunes:     4096,
		Terminators:  []rune{'\r', '\n'},
	}
}

// BurstDetector recognises what a keyboard-wedge (HID) scanner types: a
// fast burst of keystrokes ended by Enter (domain.md §5.3). The UI feeds
// it every rune typed, wherever focus is, with the time it arrived; it is
// pure (time is passed in) and not safe for concurrent use.
type BurstDetector struct {
	cfg   BurstConfig
	runes []rune
	times []time.Time
	gaps  []time.Duration // scratch
}

// NewBurstDetector returns a detector; zero fields of cfg take defaults.
func NewBurstDetector(cfg BurstConfig) *BurstDetector {
	def := DefaultBurstConfig()
	if cfg.MinRunes <= 0 {
		cfg.MinRunes = def.MinRunes
	}
	if cfg.MaxMedianGap <= 0 {
		cfg.MaxMedianGap = def.MaxMedianGap
	}
	if cfg.ResetGap <= 0 {
		cfg.ResetGap = def.ResetGap
	}
	if cfg.MaxRunes <= 0 {
		cfg.MaxRunes = def.MaxRunes
	}
	if cfg.MaxRunes < cfg.MinRunes {
		cfg.MaxRunes = cfg.MinRunes
	}
	if len(cfg.Terminators) == 0 {
		cfg.Terminators = def.Terminators
	}
	return &BurstDetector{cfg: cfg}
}

// Config returns the configuration in use (defaults filled in).
func (d *BurstDetector) Config() BurstConfig { return d.cfg }

// Reset forgets the runes seen so far.
func (d *BurstDetector) Reset() {
	d.runes, d.times = d.runes[:0], d.times[:0]
}

// Len returns how many runes are pending.
func (d *BurstDetector) Len() int { return len(d.runes) }

// Feed records rune r typed at time at. When r is a terminator (Enter)
// that ends a burst — at least MinRunes runes since the last pause longer
// than ResetGap, with a median gap (the Enter included) of at most
// MaxMedianGap — it returns the burst's text (without the Enter) and true.
// The caller should then remove the last utf8.RuneCountInString(payload)
// runes the field received (and the Enter) and handle the payload, e.g.
// with IsLikelyCCCD and Parse. Any terminator clears the pending runes.
func (d *BurstDetector) Feed(r rune, at time.Time) (payload string, ok bool) {
	if n := len(d.times); n > 0 {
		gap := at.Sub(d.times[n-1])
		if gap < 0 || gap > d.cfg.ResetGap {
			d.Reset()
		}
	}
	if slices.Contains(d.cfg.Terminators, r) {
		defer d.Reset()
		n := len(d.runes)
		if n < d.cfg.MinRunes {
			return "", false
		}
		d.gaps = d.gaps[:0]
		for i := 1; i < n; i++ {
			d.gaps = append(d.gaps, d.times[i].Sub(d.times[i-1]))
		}
		d.gaps = append(d.gaps, at.Sub(d.times[n-1]))
		slices.Sort(d.gaps)
		m := len(d.gaps)
		median := d.gaps[m/2]
		if m%2 == 0 {
			median = (d.gaps[m/2-1] + d.gaps[m/2]) / 2
		}
		if median > d.cfg.MaxMedianGap {
			return "", false
		}
		return string(d.runes), true
	}
	if len(d.runes) >= d.cfg.MaxRunes {
		k := len(d.runes) - d.cfg.MaxRunes + 1
		d.runes = append(d.runes[:0], d.runes[k:]...)
		d.times = append(d.times[:0], d.times[k:]...)
	}
	d.runes = append(d.runes, r)
	d.times = append(d.times, at)
	return "", false
}
