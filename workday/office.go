package workday

import (
	"errors"
	"fmt"
	"strings"
)

// Clock is a time of day in minutes after midnight, 0 (00:00) to 1440
// (24:00). It marshals as "HH:MM".
type Clock int

// ParseClock parses "HH:MM" (00:00 to 24:00).
func ParseClock(s string) (Clock, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("time %q: want HH:MM", s)
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("time %q: want HH:MM", s)
		}
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time %q does not exist", s)
	}
	return Clock(h*60 + m), nil
}

// String formats c as "HH:MM".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText formats c as "HH:MM".
func (c Clock) MarshalText() ([]byte, error) {
	if c < 0 || c > 24*60 {
		return nil, fmt.Errorf("workday: clock %d out of range", int(c))
	}
	return []byte(c.String()), nil
}

// UnmarshalText parses "HH:MM" with ParseClock.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// Window is one opening period of an office day, [Start, End).
type Window struct {
	Start Clock `json:"start"`
	End   Clock `json:"end"`
}

func (w Window) String() string { return w.Start.String() + "-" + w.End.String() }

// Office holds the opening windows of an office on every working day and
// the cut-off after which a same-day dossier moves to the next working day.
// No national standard for office hours was found (domain.md §6.4 [U]);
// the default is R1's configuration. The zero Office means DefaultOffice.
type Office struct {
	Windows []Window `json:"windows"`
	Cutoff  Clock    `json:"cutoff"`
}

// DefaultOffice returns 07:00–11:30 and 13:30–17:00 with the 15:00
// cut-off (domain.md §6.4; Decree 118 art. 18 for 15:00).
func DefaultOffice() Office {
	return Office{Windows: []Window{{7 * 60, 11*60 + 30}, {13*60 + 30, 17 * 60}}, Cutoff: 15 * 60}
}

// ParseWindows parses a comma-separated list of windows,
// e.g. "07:00-11:30,13:30-17:00". It does not validate their order; use
// Office.Validate.
func ParseWindows(s string) ([]Window, error) {
	if strings.TrimSpace(s) == "" {
		return nil, errors.New("office hours: empty; want e.g. 07:00-11:30,13:30-17:00")
	}
	var ws []Window
	for i, part := range strings.Split(s, ",") {
		a, b, ok := strings.Cut(strings.TrimSpace(part), "-")
		if !ok {
			return nil, fmt.Errorf("office hours: window %d %q: want HH:MM-HH:MM", i+1, part)
		}
		start, err := ParseClock(a)
		if err != nil {
			return nil, fmt.Errorf("office hours: window %d: %w", i+1, err)
		}
		end, err := ParseClock(b)
		if err != nil {
			return nil, fmt.Errorf("office hours: window %d: %w", i+1, err)
		}
		ws = append(ws, Window{start, end})
	}
	return ws, nil
}

const maxWindows = 8

// Validate checks that there is at least one window (at most 8), each
// starts before it ends within 00:00–24:00, the windows are in order and
// do not overlap, and the cut-off lies between opening and closing time.
func (o Office) Validate() error {
	if len(o.Windows) == 0 {
		return verr("windows", "none; an office needs at least one opening window")
	}
	if len(o.Windows) > maxWindows {
		return verr("windows", "%d windows, at most %d", len(o.Windows), maxWindows)
	}
	var errs []error
	for i, w := range o.Windows {
		field := fmt.Sprintf("windows[%d]", i)
		switch {
		case w.Start < 0 || w.End > 24*60:
			errs = append(errs, verr(field, "%d–%d is outside 00:00–24:00", int(w.Start), int(w.End)))
		case w.End <= w.Start:
			errs = append(errs, verr(field, "%s ends before it starts", w))
		case i > 0 && w.Start < o.Windows[i-1].End:
			errs = append(errs, verr(field, "%s starts before window %s ends; list windows in order without overlap", w, o.Windows[i-1]))
		}
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	opening, closing := o.Windows[0].Start, o.Windows[len(o.Windows)-1].End
	if o.Cutoff < opening || o.Cutoff > closing {
		return verr("cutoff", "%s is outside office hours %s–%s", o.Cutoff, opening, closing)
	}
	return nil
}

// String formats o as "07:00-11:30,13:30-17:00 cut-off 15:00".
func (o Office) String() string {
	parts := make([]string, len(o.Windows))
	for i, w := range o.Windows {
		parts[i] = w.String()
	}
	return strings.Join(parts, ",") + " cut-off " + o.Cutoff.String()
}

// defaultOffice is shared by every call with the zero Office; it is never
// modified.
var defaultOffice = DefaultOffice()

func (o Office) orDefault() Office {
	if len(o.Windows) == 0 && o.Cutoff == 0 {
		return defaultOffice
	}
	return o
}

// minutes returns the office's opening minutes per working day.
func (o Office) minutes() int {
	n := 0
	for _, w := range o.Windows {
		n += int(w.End - w.Start)
	}
	return n
}

func (o Office) open() int  { return int(o.Windows[0].Start) }
func (o Office) close() int { return int(o.Windows[len(o.Windows)-1].End) }
