// Package storesrc adapts the desk store (package store) to report.Source.
// It is an adapter, not domain code: it may import store; report may not.
//
// Everything is read from the store's facts blocks (no body decoding),
// except two rare cases that need a dossier's history, listed on Source.
package storesrc

import (
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/store"
)

// Source reads report facts from a desk store, from the facts blocks of
// the records only (no body is decoded): by receipt day (by_day), by end
// of processing (by_finished), by appointment (by_due) and by status.
type Source struct {
	db *store.DB
}

// New returns a Source over db.
func New(db *store.DB) *Source { return &Source{db: db} }

// FromFacts converts the store's facts of one record.
func FromFacts(f store.Facts) report.Fact {
	code := string(f.Code)
	if f.Kind == dossier.KindGuidance {
		code = f.GuidanceNo
	}
	return report.Fact{
		ID: f.ID, Code: code, Kind: f.Kind, Status: f.Status, Channel: f.Channel, Result: f.Result,
		ReceivedAt: f.ReceivedAt, Appointment: f.Appointment, FirstAppointment: f.FirstAppointment,
		FinishedAt: f.FinishedAt, ReturnedAt: f.ReturnedAt,
		Supplements: f.Supplements, SupplementWait: f.SupplementWait, SupplementSince: f.SupplementSince,
		PendingSupplementAt: f.PendingSupplementAt,
		ProcedureCode:       f.ProcedureCode, FieldCode: f.FieldCode, Clerk: f.Clerk, Desk: f.Desk,
		Digitised: f.Digitised, Extended: f.Extended, Generated: f.Generated,
	}
}

// stream converts and forwards facts.
func (s *Source) stream(scan func(func(store.Facts) error) error, keep func(store.Facts) bool, fn func(report.Fact) error) error {
	return scan(func(f store.Facts) error {
		if keep != nil && !keep(f) {
			return nil
		}
		return fn(FromFacts(f))
	})
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

// FinishedBetween implements report.Source (the by_finished index).
func (s *Source) FinishedBetween(from, to time.Time, fn func(report.Fact) error) error {
	if from.Before(firstDay) {
		from = firstDay
	}
	return s.stream(func(g func(store.Facts) error) error { return s.db.FinishedFacts(from, to, g) }, nil, fn)
}

// Open implements report.Source: every record in an open status (the
// status index).
func (s *Source) Open(fn func(report.Fact) error) error {
	for _, st := range []dossier.Status{dossier.StatusSubmitted, dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusSupplement, dossier.StatusObligation} {
		if err := s.stream(func(g func(store.Facts) error) error { return s.db.StatusFacts(st, g) }, nil, fn); err != nil {
			return err
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
