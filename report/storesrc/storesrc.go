// Package storesrc adapts the desk store (package store) to report.Source.
// It is an adapter, not domain code: it may import store; report may not.
//
// Everything is read from the store's facts blocks (no body decoding),
// except two rare cases that need a dossier's history, listed on Source.
package storesrc

import (
	"fmt"
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/store"
)

// Source reads report facts from a desk store.
//
// Body decoding happens only for:
//   - stopped or withdrawn dossiers with at least one supplement request:
//     whether the last request was answered (report.Fact.PendingSupplementAt)
//     is not in the facts block. These records are delivered after the
//     others of the same call, once the scan's read transaction is closed.
//   - Open: open dossiers without an appointment (no deadline), which the
//     by_due index does not hold.
//
// A facts flag for "last supplement request unanswered" and a facts-by-id
// (or open-facts) call in the store would remove both.
type Source struct {
	db *store.DB
}

// New returns a Source over db.
func New(db *store.DB) *Source { return &Source{db: db} }

// FromFacts converts the store's facts of one record. PendingSupplementAt
// is set from SupplementSince for a dossier waiting for a supplement; for
// stopped or withdrawn dossiers it needs the history (NeedsHistory).
func FromFacts(f store.Facts) report.Fact {
	code := string(f.Code)
	if f.Kind == dossier.KindGuidance {
		code = f.GuidanceNo
	}
	r := report.Fact{
		ID: f.ID, Code: code, Kind: f.Kind, Status: f.Status, Channel: f.Channel, Result: f.Result,
		ReceivedAt: f.ReceivedAt, Appointment: f.Appointment, FirstAppointment: f.FirstAppointment,
		FinishedAt: f.FinishedAt, ReturnedAt: f.ReturnedAt,
		Supplements: f.Supplements, SupplementWait: f.SupplementWait, SupplementSince: f.SupplementSince,
		ProcedureCode: f.ProcedureCode, FieldCode: f.FieldCode, Clerk: f.Clerk, Desk: f.Desk,
		Digitised: f.Digitised, Extended: f.Extended, Generated: f.Generated,
	}
	if f.Status == dossier.StatusSupplement {
		r.PendingSupplementAt = f.SupplementSince
	}
	return r
}

// NeedsHistory reports whether the facts block cannot tell if the last
// supplement request of f was answered: a stopped or withdrawn dossier
// with at least one request.
func NeedsHistory(f store.Facts) bool {
	return f.Supplements > 0 && (f.Status == dossier.StatusStopped || f.Status == dossier.StatusWithdrawn)
}

// stream converts and forwards facts; records that need their history are
// resolved after scan returns (outside its read transaction).
func (s *Source) stream(scan func(func(store.Facts) error) error, keep func(store.Facts) bool, fn func(report.Fact) error) error {
	var later []uint64
	err := scan(func(f store.Facts) error {
		if keep != nil && !keep(f) {
			return nil
		}
		if NeedsHistory(f) {
			later = append(later, f.ID)
			return nil
		}
		return fn(FromFacts(f))
	})
	if err != nil {
		return err
	}
	for _, id := range later {
		d, err := s.db.DossierByID(id)
		if err != nil {
			return fmt.Errorf("dossier %d: %w", id, err)
		}
		if err := fn(report.FactOf(d)); err != nil {
			return err
		}
	}
	return nil
}

// firstDay is before any dossier a desk can hold; Range uses it for a zero
// from.
var firstDay = time.Date(1970, 1, 1, 0, 0, 0, 0, dossier.Zone)

// Range implements report.Source. A window starting on a day uses the
// by_day index (store.RangeFacts). A zero from ("since the first record",
// as Biểu II.06a asks for) walks the dossiers bucket in id order instead
// (store.AllFacts) and keeps the records received before the day after
// to: a sequential walk costs about 40% of an index walk that looks up
// every record, and such a window covers most of the store.
func (s *Source) Range(from, to time.Time, fn func(report.Fact) error) error {
	if from.IsZero() {
		end := dossier.Day(to).AddDate(0, 0, 1)
		keep := func(f store.Facts) bool { return f.ReceivedAt.Before(end) }
		return s.stream(s.db.AllFacts, keep, fn)
	}
	return s.stream(func(g func(store.Facts) error) error { return s.db.RangeFacts(from, to, g) }, nil, fn)
}

// DueBetween implements report.Source (store.DueBetween).
func (s *Source) DueBetween(from, to time.Time, fn func(report.Fact) error) error {
	if from.Before(firstDay) {
		from = firstDay
	}
	return s.stream(func(g func(store.Facts) error) error { return s.db.DueBetween(from, to, g) }, nil, fn)
}

// FinishedBetween implements report.Source. The store has no index by end
// of processing, so this walks every record (store.AllFacts) and keeps
// those with FinishedAt in [from, to). It is the slow part of a dashboard
// on a large store; a by_finished index (store.FinishedFacts(from, to,
// fn)) would make it proportional to the answer.
func (s *Source) FinishedBetween(from, to time.Time, fn func(report.Fact) error) error {
	keep := func(f store.Facts) bool {
		return !f.FinishedAt.IsZero() && !f.FinishedAt.Before(from) && f.FinishedAt.Before(to)
	}
	return s.stream(s.db.AllFacts, keep, fn)
}

// Open implements report.Source: open dossiers with an appointment from
// the by_due index, then those without one (no deadline) found through the
// status index and decoded.
func (s *Source) Open(fn func(report.Fact) error) error {
	seen := map[uint64]bool{}
	err := s.db.DueBetween(firstDay, time.Unix(1<<40, 0), func(f store.Facts) error {
		if !f.Status.Open() {
			return nil
		}
		seen[f.ID] = true
		return fn(FromFacts(f))
	})
	if err != nil {
		return err
	}
	for _, st := range []dossier.Status{dossier.StatusSubmitted, dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusSupplement, dossier.StatusObligation} {
		ids, err := s.db.ByStatus(st, 0, 0)
		if err != nil {
			return err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			d, err := s.db.DossierByID(id)
			if err != nil {
				return fmt.Errorf("dossier %d: %w", id, err)
			}
			if !d.Status.Open() {
				continue
			}
			if err := fn(report.FactOf(d)); err != nil {
				return err
			}
		}
	}
	return nil
}

// Sync reads the outbox counters for the dashboard.
func Sync(db *store.DB) report.SyncState {
	st, err := db.OutboxStats()
	if err != nil {
		return report.SyncState{}
	}
	return report.SyncState{Known: true, Pending: st.Pending, Quarantined: st.Quarantined, LastSeq: st.LastSeq, Acked: st.Acked}
}
