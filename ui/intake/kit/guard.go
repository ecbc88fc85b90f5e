package kit

import "time"

// Scanner bursts reaching widgets that act on single keys (a Choice decides
// on a digit, a Button fires on Enter) must not act: a CCCD payload starts
// with digits and ends with Enter, and would otherwise decide checklist
// rows or record a verdict. The guard recognises the burst from its speed
// (two runes within burstGap; a person needs 80 ms or more between keys,
// cccd.DefaultBurstConfig), undoes what the first rune did, collects the
// rest and hands the payload to Keys.Scan on Enter.
const (
	burstGap   = 30 * time.Millisecond
	burstReset = 500 * time.Millisecond
	burstMin   = 8 // shorter bursts are dropped, not delivered
)

type guard struct {
	last   time.Time
	prev   rune
	undo   func()
	buf    []rune
	active bool
}

// Guard is called by key-driven widgets for every rune before acting on
// it; undo reverses the action the widget is about to take. It returns
// true when the rune belongs to a scanner burst: the widget must then not
// act.
func (k *Keys) Guard(r rune, undo func()) bool {
	if k == nil {
		return false
	}
	g := &k.guard
	now := Now()
	gap := now.Sub(g.last)
	g.last = now
	if g.active {
		if gap < 0 || gap > burstReset {
			g.reset()
		} else {
			g.buf = append(g.buf, r)
			return true
		}
	}
	if g.prev != 0 && gap >= 0 && gap <= burstGap {
		if g.undo != nil {
			g.undo()
		}
		g.active = true
		g.buf = append(g.buf[:0], g.prev, r)
		g.prev, g.undo = 0, nil
		return true
	}
	g.prev, g.undo = r, undo
	return false
}

// GuardEnter is called by key-driven widgets on Enter; it returns true
// when the Enter ended a scanner burst (the payload went to Scan) and the
// widget must not act on it.
func (k *Keys) GuardEnter() bool {
	if k == nil {
		return false
	}
	g := &k.guard
	now := Now()
	gap := now.Sub(g.last)
	if !g.active || gap < 0 || gap > burstReset {
		g.reset()
		return false
	}
	payload := string(g.buf)
	g.reset()
	if len([]rune(payload)) >= burstMin && k.Scan != nil {
		k.Scan(payload)
	}
	return true
}

func (g *guard) reset() {
	g.active = false
	g.buf = g.buf[:0]
	g.prev, g.undo = 0, nil
}
