package dossier

import (
	"sort"
	"strings"
	"time"
)

// rule says from which statuses an event kind is allowed and where it
// leads. to == 0 means "no status change".
type rule struct {
	from []Status
	to   Status
}

// rules is the status machine after intake (domain.md §1.3–1.4,
// decree118.md B.7–B.9). Creation events (received, refused, guidance)
// are not here: they start a record.
var rules = map[EventKind]rule{
	EvTransferred:        {from: []Status{StatusReceived}, to: StatusProcessing},
	EvSupplementRequest:  {from: []Status{StatusProcessing}, to: StatusSupplement},
	EvSupplementReceived: {from: []Status{StatusSupplement}, to: StatusProcessing},
	EvObligation:         {from: []Status{StatusProcessing}, to: StatusObligation},
	EvObligationPaid:     {from: []Status{StatusObligation}, to: StatusProcessing},
	// Result ready from 2: procedures decided at the one-stop unit itself
	// (Decree 118 art. 17.5); from 6: the obligation was the last step.
	EvResultReady: {from: []Status{StatusReceived, StatusProcessing, StatusObligation}, to: StatusResultReady},
	EvReturned:    {from: []Status{StatusResultReady}, to: StatusReturned},
	// Withdrawal and stop are possible until the result is issued
	// (Decree 118 art. 21.1).
	EvWithdrawn: {from: []Status{StatusSubmitted, StatusReceived, StatusProcessing, StatusSupplement, StatusObligation}, to: StatusWithdrawn},
	EvStopped:   {from: []Status{StatusReceived, StatusProcessing, StatusSupplement, StatusObligation}, to: StatusStopped},
	EvExtended:  {from: []Status{StatusReceived, StatusProcessing, StatusSupplement, StatusObligation}},
}

// Transition describes one allowed move, for tables and help texts.
type Transition struct {
	Kind EventKind
	From Status
	To   Status
}

// Transitions lists every allowed status change, ordered by from, then to.
func Transitions() []Transition {
	var out []Transition
	for k, r := range rules {
		if r.to == 0 {
			continue
		}
		for _, f := range r.from {
			out = append(out, Transition{k, f, r.to})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].From != out[j].From {
			return out[i].From < out[j].From
		}
		return out[i].To < out[j].To
	})
	return out
}

// KindFor returns the event kind that moves a dossier from one status to
// another, or a conflict error explaining why the move is not allowed.
func KindFor(from, to Status) (EventKind, error) {
	for _, t := range Transitions() {
		if t.From == from && t.To == to {
			return t.Kind, nil
		}
	}
	return "", Errorf(KindConflict, "status", "a dossier in status %d (%s) cannot move to %d (%s)%s",
		from, from.English(), to, to.English(), allowedHint(from))
}

func allowedHint(from Status) string {
	var to []string
	for _, t := range Transitions() {
		if t.From == from {
			to = append(to, t.To.String()+" "+t.To.English())
		}
	}
	if len(to) == 0 {
		return "; it is final"
	}
	return "; allowed: " + strings.Join(to, ", ")
}

// Check validates ev against the dossier's current state without changing
// it. ev.From is ignored (the current status is used).
func (d *Dossier) Check(ev Event) error {
	if d.Kind == KindGuidance && ev.Kind != EvNote && ev.Kind != EvAmended && ev.Kind != EvPurged {
		return Errorf(KindConflict, "kind", "guidance record %s was never received; receive a new dossier instead", d.GuidanceNo)
	}
	if ev.At.IsZero() {
		return Errorf(KindInvalid, "at", "event time is required")
	}
	if strings.TrimSpace(ev.Actor) == "" {
		return Errorf(KindInvalid, "actor", "the user recording the event is required")
	}
	if !d.ReceivedAt.IsZero() && ev.At.Before(d.ReceivedAt) {
		return Errorf(KindInvalid, "at", "event time %s is before the dossier was received (%s)", ev.At.In(Zone).Format("2006-01-02 15:04"), d.ReceivedAt.In(Zone).Format("2006-01-02 15:04"))
	}
	if n := len(d.History); n > 0 && ev.At.Before(d.History[n-1].At) {
		return Errorf(KindInvalid, "at", "event time %s is before the last event (%s)", ev.At.In(Zone).Format("2006-01-02 15:04:05"), d.History[n-1].At.In(Zone).Format("2006-01-02 15:04:05"))
	}
	switch ev.Kind {
	case EvNote:
		if strings.TrimSpace(ev.Note) == "" {
			return Errorf(KindInvalid, "note", "a note needs text")
		}
		return nil
	case EvAmended:
		return d.checkAmend(ev.Amend)
	case EvPurged:
		if d.Kind != KindGuidance && !d.Status.Terminal() && d.Status != StatusStopped {
			return Errorf(KindConflict, "status", "personal data can be removed only from finished dossiers (status %d is still open)", d.Status)
		}
		if d.Purged() {
			return Errorf(KindConflict, "kind", "the personal data was already removed")
		}
		return nil
	case EvReceived, EvRefused, EvGuidance:
		return Errorf(KindConflict, "kind", "%s only starts a new record", ev.Kind)
	}
	r, ok := rules[ev.Kind]
	if !ok {
		return Errorf(KindInvalid, "kind", "unknown event kind %q", ev.Kind)
	}
	if !containsStatus(r.from, d.Status) {
		if r.to == 0 {
			return Errorf(KindConflict, "status", "%s is not possible for a dossier in status %d (%s)", ev.Kind, d.Status, d.Status.English())
		}
		return Errorf(KindConflict, "status", "%s (to %d %s) is not possible for a dossier in status %d (%s)%s",
			ev.Kind, r.to, r.to.English(), d.Status, d.Status.English(), allowedHint(d.Status))
	}
	switch ev.Kind {
	case EvTransferred:
		if strings.TrimSpace(ev.Department) == "" {
			return Errorf(KindInvalid, "department", "the handling department is required for a transfer")
		}
	case EvSupplementRequest:
		if len(ev.Items) == 0 && strings.TrimSpace(ev.Note) == "" {
			return Errorf(KindInvalid, "items", "a supplement request must list the components to add or fix, or state the reason")
		}
		if d.Supplements > 0 && strings.TrimSpace(ev.Note) == "" {
			return Errorf(KindInvalid, "note", "a second supplement request needs a written reason: Decree 118 art. 11.2.c allows one request, and the national index counts the dossier late")
		}
	case EvSupplementReceived:
		if d.TimeLimit.Unit != "none" && d.TimeLimit.Unit != "" && ev.Appointment.IsZero() {
			return Errorf(KindInvalid, "appointment", "the restarted appointment is required when the supplement arrives (Decree 118 art. 19.5)")
		}
		if !ev.Appointment.IsZero() && !ev.Appointment.After(ev.At) {
			return Errorf(KindInvalid, "appointment", "the new appointment must be after the supplement was received")
		}
	case EvObligation:
		if ev.Amount < 0 {
			return Errorf(KindInvalid, "amount", "the amount must not be negative")
		}
	case EvResultReady:
		switch ev.Result {
		case ResultApproved:
		case ResultRefused:
			if strings.TrimSpace(ev.Note) == "" {
				return Errorf(KindInvalid, "note", "a refusal after appraisal needs the written reason (Decree 118 art. 19.3)")
			}
		default:
			return Errorf(KindInvalid, "result", "say whether the result is approved or a refusal")
		}
	case EvReturned:
		c := ev.Collector
		if c == nil || strings.TrimSpace(c.Name) == "" {
			return Errorf(KindInvalid, "collector.name", "the name of the person collecting the result is required")
		}
		if !c.IDChecked {
			return Errorf(KindInvalid, "collector.id_checked", "check the collector's identity papers against the receipt before returning the result")
		}
		if c.IDNumber != "" && !(len(c.IDNumber) == 12 && allDigits(c.IDNumber)) && !(len(c.IDNumber) == 9 && allDigits(c.IDNumber)) && !alnum(c.IDNumber) {
			return Errorf(KindInvalid, "collector.id_number", "identity number %q is not valid", c.IDNumber)
		}
		if ev.Amount < 0 {
			return Errorf(KindInvalid, "amount", "fees collected must not be negative")
		}
	case EvWithdrawn, EvStopped:
		if strings.TrimSpace(ev.Note) == "" {
			return Errorf(KindInvalid, "note", "state the reason (the applicant's request, or the closure rule)")
		}
	case EvExtended:
		return d.checkExtension(ev)
	}
	return nil
}

// checkExtension applies Decree 118 art. 19.6: the apology and extension
// request comes at least one day before the deadline, the date moves only
// once, and a supervisor approves it.
func (d *Dossier) checkExtension(ev Event) error {
	if d.Extended {
		return Errorf(KindConflict, "appointment", "the appointment of %s was already extended once; Decree 118 art. 19.6 allows one extension", d.Code)
	}
	if d.Appointment.IsZero() {
		return Errorf(KindConflict, "appointment", "the procedure has no deadline to extend")
	}
	if strings.TrimSpace(ev.Approver) == "" {
		return Errorf(KindInvalid, "approver", "an extension must be approved by a supervisor")
	}
	if strings.TrimSpace(ev.Note) == "" {
		return Errorf(KindInvalid, "note", "the reason for the delay is required on the apology letter")
	}
	if !ev.Appointment.After(d.Appointment) {
		return Errorf(KindInvalid, "appointment", "the new appointment must be later than the current one (%s)", d.Appointment.In(Zone).Format("2006-01-02 15:04"))
	}
	if ev.At.After(d.Appointment.Add(-24 * time.Hour)) {
		return Errorf(KindConflict, "at", "the extension must be made at least one day before the deadline (%s); it is too late now", d.Appointment.In(Zone).Format("2006-01-02 15:04"))
	}
	return nil
}

// Apply checks ev and appends it to the history, updating the status and the
// derived fields. ev.From and ev.To are set by Apply.
func (d *Dossier) Apply(ev Event) error {
	if err := d.Check(ev); err != nil {
		return err
	}
	ev.From = d.Status
	ev.To = d.Status
	if r, ok := rules[ev.Kind]; ok && r.to != 0 {
		ev.To = r.to
	}
	if ev.Kind == EvAmended {
		if err := d.setField(ev.Amend.Field, ev.Amend.New); err != nil {
			return err
		}
	}
	d.History = append(d.History, ev)
	d.derive(ev)
	return nil
}

// derive updates the fields computed from history for one new event.
func (d *Dossier) derive(ev Event) {
	d.Status = ev.To
	switch ev.Kind {
	case EvReceived:
		d.Appointment = d.FirstAppointment
	case EvRefused:
		d.FinishedAt = ev.At
	case EvTransferred:
		d.Department = ev.Department
	case EvSupplementRequest:
		d.Supplements++
		d.SupplementSince = ev.At
	case EvSupplementReceived:
		if !d.SupplementSince.IsZero() {
			d.SupplementWait += ev.At.Sub(d.SupplementSince)
		}
		d.SupplementSince = time.Time{}
		d.Appointment = ev.Appointment
	case EvResultReady:
		d.ResultKind = ev.Result
		if ev.Department != "" {
			d.Department = ev.Department
		}
		if d.FinishedAt.IsZero() {
			d.FinishedAt = ev.At
		}
	case EvReturned:
		d.ReturnedAt = ev.At
		if d.FinishedAt.IsZero() {
			d.FinishedAt = ev.At
		}
	case EvWithdrawn, EvStopped:
		if d.FinishedAt.IsZero() {
			d.FinishedAt = ev.At
		}
		if !d.SupplementSince.IsZero() {
			d.SupplementWait += ev.At.Sub(d.SupplementSince)
			d.SupplementSince = time.Time{}
		}
	case EvExtended:
		d.Appointment = ev.Appointment
		d.Extended = true
	case EvAmended:
		d.IntakeAmendments++
	case EvPurged:
		d.redact()
	}
}

// Redacted is the name left on a dossier whose personal data was removed.
const Redacted = "[đã xóa dữ liệu cá nhân]"

// Purged reports whether the personal data was removed.
func (d *Dossier) Purged() bool {
	for _, ev := range d.History {
		if ev.Kind == EvPurged {
			return true
		}
	}
	return false
}

// redact removes personal data: the parties (keeping their kind), the
// authorisation, notes and scans of the checklist, collectors and the old
// and new values of amendments. Procedure, times, statuses and counts stay
// for statistics.
func (d *Dossier) redact() {
	clear := func(p *Party) { *p = Party{Kind: p.Kind, Name: Redacted} }
	clear(&d.Submitter)
	if d.Owner != nil {
		clear(d.Owner)
	}
	d.Authorisation = ""
	for i := range d.Checklist {
		d.Checklist[i].Note = ""
		d.Checklist[i].Scans = nil
	}
	for i := range d.History {
		ev := &d.History[i]
		if ev.Collector != nil {
			ev.Collector = &Collector{Name: Redacted, IDChecked: ev.Collector.IDChecked, Authorised: ev.Collector.Authorised}
		}
		if ev.Amend != nil && (strings.HasPrefix(ev.Amend.Field, "submitter.") || strings.HasPrefix(ev.Amend.Field, "owner.") || ev.Amend.Field == "authorisation") {
			ev.Amend = &Amendment{Field: ev.Amend.Field, Old: Redacted, New: Redacted, Reason: ev.Amend.Reason}
		}
	}
}

func containsStatus(list []Status, s Status) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// resetDerived puts the derived fields back to their state before any
// event.
func (d *Dossier) resetDerived() {
	d.Status = StatusNone
	d.Appointment = time.Time{}
	d.Department = ""
	d.FinishedAt = time.Time{}
	d.ReturnedAt = time.Time{}
	d.Supplements = 0
	d.SupplementSince = time.Time{}
	d.SupplementWait = 0
	d.Extended = false
	d.ResultKind = ResultNone
	d.IntakeAmendments = 0
}

// AsOf returns the dossier as it was right after history event n (0 = the
// creation event): later events are dropped, later amendments undone and
// the derived fields recomputed. AsOf(len(History)-1) equals d. The sync
// outbox uses it to rebuild the exact snapshot of each event, so an event's
// content never changes after it was committed.
func (d *Dossier) AsOf(n int) *Dossier {
	c := d.Clone()
	if n < 0 || n >= len(c.History) {
		return c
	}
	for i := len(c.History) - 1; i > n; i-- {
		if ev := c.History[i]; ev.Kind == EvAmended && ev.Amend != nil {
			_ = c.setField(ev.Amend.Field, ev.Amend.Old)
		}
	}
	c.History = c.History[:n+1]
	c.resetDerived()
	for _, ev := range c.History {
		c.derive(ev)
	}
	return c
}

// Clone returns a deep copy.
func (d *Dossier) Clone() *Dossier {
	c := *d
	if d.Owner != nil {
		o := *d.Owner
		c.Owner = &o
	}
	if d.Override != nil {
		o := *d.Override
		c.Override = &o
	}
	c.Checklist = append([]Item(nil), d.Checklist...)
	for i := range c.Checklist {
		c.Checklist[i].Scans = append([]Scan(nil), c.Checklist[i].Scans...)
	}
	c.Fees = append([]Fee(nil), d.Fees...)
	c.History = append([]Event(nil), d.History...)
	for i := range c.History {
		ev := &c.History[i]
		ev.Items = append([]string(nil), ev.Items...)
		if ev.Collector != nil {
			x := *ev.Collector
			ev.Collector = &x
		}
		if ev.Amend != nil {
			x := *ev.Amend
			ev.Amend = &x
		}
	}
	return &c
}
