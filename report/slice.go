package report

import (
	"cmp"
	"slices"
	"time"
)

// SliceSource is an in-memory Source over a list of facts (tests, and
// screens that already hold the facts). Range visits records by receipt
// day then id, DueBetween by appointment then id, the others by id — the
// same orders as the store.
type SliceSource []Fact

func (s SliceSource) sorted(key func(Fact) time.Time) []Fact {
	out := slices.Clone(s)
	slices.SortStableFunc(out, func(a, b Fact) int {
		if c := key(a).Compare(key(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// Range implements Source.
func (s SliceSource) Range(from, to time.Time, fn func(Fact) error) error {
	end := nextDay(to)
	var start time.Time
	if !from.IsZero() {
		start = dayStart(from)
	}
	for _, f := range s.sorted(func(f Fact) time.Time { return dayStart(f.ReceivedAt) }) {
		if f.ReceivedAt.Before(start) || !f.ReceivedAt.Before(end) {
			continue
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// Open implements Source.
func (s SliceSource) Open(fn func(Fact) error) error {
	for _, f := range s.sorted(func(Fact) time.Time { return time.Time{} }) {
		if f.Status.Open() {
			if err := fn(f); err != nil {
				return err
			}
		}
	}
	return nil
}

// DueBetween implements Source.
func (s SliceSource) DueBetween(from, to time.Time, fn func(Fact) error) error {
	for _, f := range s.sorted(func(f Fact) time.Time { return f.Appointment }) {
		if !f.Status.Open() || f.Appointment.IsZero() || f.Appointment.Before(from) || !f.Appointment.Before(to) {
			continue
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// FinishedBetween implements Source.
func (s SliceSource) FinishedBetween(from, to time.Time, fn func(Fact) error) error {
	for _, f := range s.sorted(func(Fact) time.Time { return time.Time{} }) {
		if f.FinishedAt.IsZero() || f.FinishedAt.Before(from) || !f.FinishedAt.Before(to) {
			continue
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}
