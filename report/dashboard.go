package report

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"motcua/dossier"
)

// Outcome is what happened at the counter for one record.
type Outcome uint8

// Intake outcomes.
const (
	OutcomeOther    Outcome = iota // not an intake record (should not happen)
	OutcomeReceived                // dossier received (status 2 onwards)
	OutcomeGuidance                // guidance record: supplement requested at the counter (form 02), not received
	OutcomeRefused                 // refused at intake (status 3, form 03)
	OutcomePending                 // filed online, not yet received (status 1)
)

// Intake classifies a record by what happened at the counter.
func Intake(f Fact) Outcome {
	switch {
	case f.Kind == dossier.KindGuidance:
		return OutcomeGuidance
	case f.Kind != dossier.KindDossier:
		return OutcomeOther
	case f.Status == dossier.StatusRefused:
		return OutcomeRefused
	case f.Status == dossier.StatusSubmitted:
		return OutcomePending
	case f.Status == dossier.StatusNone:
		return OutcomeOther
	}
	return OutcomeReceived
}

// SyncState is the desk's sync status as the dashboard shows it; the
// caller reads it from the outbox (store.OutboxStats) and the sync worker.
type SyncState struct {
	Pending     int
	Quarantined int
	LastSeq     uint64
	Acked       uint64
	// LastSuccess is the last successful exchange with the hub (zero:
	// never or unknown).
	LastSuccess time.Time
	// Known is false when the caller could not read the state.
	Known bool
}

// Group is one row of a breakdown (a channel, procedure, field or clerk):
// what was recorded at the counter for it in the window.
type Group struct {
	Key  string
	Name string
	// Received: dossiers received; Guidance: guidance records (supplement
	// requested at the counter); Refused: refused at intake.
	Received, Guidance, Refused Cell
}

// DashboardOptions select the window and context of a dashboard.
type DashboardOptions struct {
	// From and To are calendar days (inclusive, dossier.Zone); time of day
	// is ignored. To defaults to From.
	From, To time.Time
	// Now is the instant overdue dossiers are judged at (injected clock).
	Now time.Time
	// Names gives field and procedure names; nil means CodesOnly.
	Names Names
	// Sync is passed through to the dashboard.
	Sync SyncState
	// Records keeps the facts of every record received in the window in
	// Dashboard.Records (for the day list); leave it off for long ranges.
	Records bool
}

// Dashboard is the supervisor's view of a day or a range of days.
//
// Window-based numbers (by receipt day From..To): Received, Guidance,
// Refused, Pending, the breakdowns, Digitised and Online.
//
// Result-based numbers (by end of processing in the window, the same
// cohort as II.06a col. 7): Resolved, the date-only buckets Early/OnTime/
// Late and the 766 verdicts OnTime766/Late766.
//
// State-based numbers (current state of open dossiers): Due (open, current
// appointment inside the window's days) and Overdue (open, appointment
// before Now, waiting-for-supplement excluded; see Overdue).
type Dashboard struct {
	From, To, Now time.Time
	// NamesFromCodes is true when no catalog names were available and
	// labels show codes.
	NamesFromCodes bool

	Received, Guidance, Refused, Pending Cell

	ByChannel, ByProcedure, ByField, ByClerk []Group

	Due, Overdue Cell

	Resolved            Cell
	Early, OnTime, Late Cell // II.06a date-only rule (domain.md §7.2)
	OnTime766, Late766  Cell // 766 rule to the second (domain.md §3.3)

	// Digitised: received dossiers with a digitised component (766
	// indicator 4.3 "hồ sơ có thành phần số hóa"; indicator 4.2 also needs
	// the result file, which the facts do not carry).
	Digitised Cell
	// Online: received dossiers filed online (KenhThucHien = 2, 766
	// indicator 3.3; the e-result condition for paper-result procedures is
	// not checked).
	Online Cell

	Sync SyncState

	// Records are the facts received in the window (only with
	// DashboardOptions.Records), in receipt order.
	Records []Fact
}

// OnTimeRate766 is the share of resolved dossiers on time by the 766 rule
// (indicator 2.1).
func (d *Dashboard) OnTimeRate766() Ratio { return Ratio{d.OnTime766, d.Resolved} }

// EarlyRate, OnTimeRate and LateRate are the date-only shares of resolved
// dossiers (II.06a rule).
func (d *Dashboard) EarlyRate() Ratio  { return Ratio{d.Early, d.Resolved} }
func (d *Dashboard) OnTimeRate() Ratio { return Ratio{d.OnTime, d.Resolved} }
func (d *Dashboard) LateRate() Ratio   { return Ratio{d.Late, d.Resolved} }

// DigitisationRate is Digitised ÷ Received.
func (d *Dashboard) DigitisationRate() Ratio { return Ratio{d.Digitised, d.Received} }

// OnlineShare is Online ÷ Received.
func (d *Dashboard) OnlineShare() Ratio { return Ratio{d.Online, d.Received} }

// ErrWindow reports a bad dashboard or period window.
var ErrWindow = errors.New("report window")

func window(from, to time.Time) (time.Time, time.Time, error) {
	if from.IsZero() {
		return time.Time{}, time.Time{}, fmt.Errorf("%w: the first day is required", ErrWindow)
	}
	if to.IsZero() {
		to = from
	}
	from, to = dayStart(from), dayStart(to)
	if to.Before(from) {
		return time.Time{}, time.Time{}, fmt.Errorf("%w: the last day %s is before the first day %s", ErrWindow, to.Format(time.DateOnly), from.Format(time.DateOnly))
	}
	return from, to, nil
}

type groupSet struct {
	idx  map[string]int
	list []Group
}

func (s *groupSet) get(key string, name func(string) string) *Group {
	if i, ok := s.idx[key]; ok {
		return &s.list[i]
	}
	if s.idx == nil {
		s.idx = map[string]int{}
	}
	s.idx[key] = len(s.list)
	s.list = append(s.list, Group{Key: key, Name: name(key)})
	return &s.list[len(s.list)-1]
}

func (s *groupSet) done() []Group {
	sortGroups(s.list)
	return s.list
}

// BuildDashboard computes the dashboard from src.
func BuildDashboard(src Source, opt DashboardOptions) (*Dashboard, error) {
	from, to, err := window(opt.From, opt.To)
	if err != nil {
		return nil, err
	}
	if opt.Now.IsZero() {
		return nil, fmt.Errorf("%w: the clock (Now) is required", ErrWindow)
	}
	names := opt.Names
	if names == nil {
		names = CodesOnly{}
	}
	_, codesOnly := names.(CodesOnly)
	d := &Dashboard{From: from, To: to, Now: opt.Now, Sync: opt.Sync, NamesFromCodes: codesOnly}
	var ch, proc, field, clerk groupSet
	chName := func(k string) string {
		n, _ := strconv.Atoi(k)
		return dossier.Channel(n).Vietnamese()
	}
	procName := func(k string) string { return ProcedureLabel(names, k) }
	fieldName := func(k string) string { return FieldLabel(names, k) }
	clerkName := func(k string) string {
		if k == "" {
			return "(không rõ)"
		}
		return k
	}
	err = src.Range(from, to, func(f Fact) error {
		var pick func(g *Group) *Cell
		switch Intake(f) {
		case OutcomeReceived:
			d.Received.add(f.ID)
			if f.Digitised {
				d.Digitised.add(f.ID)
			}
			if f.Channel == dossier.ChannelOnline {
				d.Online.add(f.ID)
			}
			pick = func(g *Group) *Cell { return &g.Received }
		case OutcomeGuidance:
			d.Guidance.add(f.ID)
			pick = func(g *Group) *Cell { return &g.Guidance }
		case OutcomeRefused:
			d.Refused.add(f.ID)
			pick = func(g *Group) *Cell { return &g.Refused }
		case OutcomePending:
			d.Pending.add(f.ID)
		}
		if opt.Records {
			d.Records = append(d.Records, f)
		}
		if pick == nil {
			return nil
		}
		c := f.Channel
		if !c.Valid() {
			c = dossier.ChannelDirect // KenhThucHien null = counter (domain.md §3.3)
		}
		pick(ch.get(strconv.Itoa(int(c)), chName)).add(f.ID)
		pick(proc.get(f.ProcedureCode, procName)).add(f.ID)
		pick(field.get(FieldKey(f, names), fieldName)).add(f.ID)
		pick(clerk.get(f.Clerk, clerkName)).add(f.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dossiers received %s..%s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	d.ByChannel, d.ByProcedure, d.ByField, d.ByClerk = ch.list, proc.done(), field.done(), clerk.done()
	slices.SortFunc(d.ByChannel, func(a, b Group) int { return cmp.Compare(a.Key, b.Key) }) // 1 direct, 2 online, 3 post
	slices.SortStableFunc(d.Records, func(a, b Fact) int {
		if c := a.ReceivedAt.Compare(b.ReceivedAt); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})

	end := nextDay(to)
	err = src.DueBetween(from, end, func(f Fact) error {
		if f.IsDossier() && f.Status.Open() {
			d.Due.add(f.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dossiers due: %w", err)
	}
	err = src.DueBetween(time.Unix(0, 0), opt.Now, func(f Fact) error {
		if Overdue(f, opt.Now) {
			d.Overdue.add(f.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("overdue dossiers: %w", err)
	}
	err = src.FinishedBetween(from, end, func(f Fact) error {
		if !f.IsDossier() {
			return nil
		}
		t := Judge(f)
		if t.Bucket == NotJudged {
			return nil
		}
		d.Resolved.add(f.ID)
		switch t.Bucket {
		case Early:
			d.Early.add(f.ID)
		case OnTime:
			d.OnTime.add(f.ID)
		case Late:
			d.Late.add(f.ID)
		}
		if t.OnTime766 {
			d.OnTime766.add(f.ID)
		} else {
			d.Late766.add(f.ID)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dossiers finished %s..%s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	return d, nil
}
