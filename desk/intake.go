package desk

import (
	"fmt"
	"strings"
	"time"

	"motcua/account"
	"motcua/catalog"
	"motcua/dossier"
	"motcua/workday"
)

// IntakeRequest is what the clerk collected at the counter. The GUI builds
// it step by step; "motcuactl dossier receive --json FILE" reads it from a
// JSON file (format in the README).
type IntakeRequest struct {
	// ProcedureCode selects the procedure (current catalog version).
	ProcedureCode string `json:"procedure"`
	// Case is the chosen trường hợp ("" = the default case).
	Case    string          `json:"case,omitempty"`
	Channel dossier.Channel `json:"channel"`
	// ChannelRow picks among several catalog rows of the same channel
	// (sub-cases with different times); -1 or absent = the first row.
	ChannelRow *int `json:"channel_row,omitempty"`

	Submitter     dossier.Party  `json:"submitter"`
	Owner         *dossier.Party `json:"owner,omitempty"`
	Authorisation string         `json:"authorisation,omitempty"`

	// Checklist holds one decision per component; build it with
	// (*Service).Checklist and fill the decisions.
	Checklist []dossier.Item `json:"checklist"`
	// Fees as charged; nil = the catalog fees of the channel.
	Fees []dossier.Fee `json:"fees,omitempty"`
	// TimeLimit overrides the catalog's processing time, with LimitReason:
	// needed when the catalog gives no readable unit ("1" with no unit is
	// common in the published data); never guessed.
	TimeLimit   *workday.Limit `json:"time_limit,omitempty"`
	LimitReason string         `json:"limit_reason,omitempty"`

	Verdict dossier.Verdict `json:"verdict"`
	// Reason: refusal reason, or the supplement explanation.
	Reason   string               `json:"reason,omitempty"`
	ReturnBy dossier.ReturnMethod `json:"return_by,omitempty"`
	Summary  string               `json:"summary,omitempty"`

	// Override lets a supervisor approve receiving with missing
	// components: their credentials are checked here.
	Override *OverrideRequest `json:"override,omitempty"`
}

// OverrideRequest is a supervisor's approval given at the clerk's desk.
type OverrideRequest struct {
	Username string `json:"username"`
	Password string `json:"password"`
	Reason   string `json:"reason"`
}

// Checklist returns the component checklist of a procedure case, decisions
// unset, counts as the catalog asks.
func Checklist(p *catalog.Procedure, caseName string) ([]dossier.Item, error) {
	c, err := findCase(p, caseName)
	if err != nil {
		return nil, err
	}
	items := make([]dossier.Item, 0, len(c.Components))
	for _, comp := range c.Components {
		items = append(items, dossier.Item{
			Code:          comp.Code,
			Name:          comp.Name,
			MustSubmit:    comp.MustSubmit && !comp.Optional,
			PresentOnly:   !comp.MustSubmit && !comp.Optional,
			Conditional:   catalog.Conditional(comp),
			WantOriginals: comp.Originals,
			WantCopies:    comp.Copies,
		})
	}
	return items, nil
}

func findCase(p *catalog.Procedure, name string) (*catalog.Case, error) {
	if len(p.Cases) == 0 {
		return &catalog.Case{}, nil
	}
	if name == "" && len(p.Cases) >= 1 {
		for i := range p.Cases {
			if p.Cases[i].Name == "" {
				return &p.Cases[i], nil
			}
		}
		if len(p.Cases) == 1 {
			return &p.Cases[0], nil
		}
		return nil, dossier.Errorf(dossier.KindInvalid, "case", "procedure %s has %d cases: choose one", p.Code, len(p.Cases))
	}
	for i := range p.Cases {
		if p.Cases[i].Name == name {
			return &p.Cases[i], nil
		}
	}
	return nil, dossier.Errorf(dossier.KindInvalid, "case", "procedure %s has no case %q", p.Code, name)
}

// ChannelRow returns the catalog channel row for an intake (nil when the
// procedure publishes no row for that channel).
func ChannelRow(p *catalog.Procedure, ch dossier.Channel, row *int) (*catalog.Channel, error) {
	var rows []int
	for i, c := range p.Channels {
		if int(c.Method) == int(ch) {
			rows = append(rows, i)
		}
	}
	if row != nil && *row >= 0 {
		for _, i := range rows {
			if i == *row {
				return &p.Channels[i], nil
			}
		}
		return nil, dossier.Errorf(dossier.KindInvalid, "channel_row", "row %d is not a %s channel of %s", *row, ch.Vietnamese(), p.Code)
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return &p.Channels[rows[0]], nil
}

// Limit converts a catalog time into a deadline limit. An unparsed or
// missing time is an error: the clerk must not print a made-up promise.
func Limit(c *catalog.Channel) (workday.Limit, error) {
	if c == nil {
		return workday.Limit{}, dossier.Errorf(dossier.KindInvalid, "channel", "the catalog publishes no processing time for this channel")
	}
	switch c.Time.Unit {
	case catalog.TimeUnit(workday.WorkingDays), catalog.TimeUnit(workday.Days), catalog.TimeUnit(workday.Hours), catalog.TimeUnit(workday.Months):
		return workday.Limit{Value: c.Time.Value, Unit: workday.Unit(c.Time.Unit)}, nil
	case catalog.TimeUnit(workday.NoLimit):
		return workday.Limit{Unit: workday.NoLimit}, nil
	}
	return workday.Limit{}, dossier.Errorf(dossier.KindInvalid, "time_limit", "the catalog time %q could not be read; ask the administrator to correct the procedure", c.Time.Text)
}

// catalogFees returns the fee lines of a channel row.
func catalogFees(c *catalog.Channel) []dossier.Fee {
	if c == nil {
		return nil
	}
	var out []dossier.Fee
	for _, f := range c.Fees {
		name := f.Text
		if name == "" {
			name = "Phí, lệ phí"
		}
		out = append(out, dossier.Fee{Name: name, Amount: max(f.Amount, 0), CatalogAmount: f.Amount, When: dossier.FeeAtIntake})
	}
	return out
}

// Receive records the clerk's verdict in one store transaction: a received
// dossier (code, appointment, form 01), a counter supplement request (form
// 02) or a refusal (form 03). The caller prints the matching form after it
// returns.
func (s *Service) Receive(sess *Session, req IntakeRequest) (*dossier.Dossier, error) {
	if err := account.Require(sess.User.Role, account.ActReceive); err != nil {
		return nil, err
	}
	now := s.now()
	if closed, err := s.dayClosed(now); err != nil {
		return nil, err
	} else if closed {
		return nil, dossier.Errorf(dossier.KindConflict, "day", "today (%s) has already been closed by a supervisor; no dossier can be received on a closed day", now.Format("02/01/2006"))
	}
	p, err := s.Catalog.Procedure(strings.TrimSpace(req.ProcedureCode))
	if err != nil {
		return nil, err
	}
	if p.ListOnly {
		return nil, dossier.Errorf(dossier.KindInvalid, "procedure", "procedure %s is known only from a list (no components or time limit); import its full record first", p.Code)
	}
	if _, err := findCase(p, req.Case); err != nil {
		return nil, err
	}
	row, err := ChannelRow(p, req.Channel, req.ChannelRow)
	if err != nil {
		return nil, err
	}
	d := &dossier.Dossier{
		Kind:          dossier.KindDossier,
		Procedure:     ProcedureRef(p),
		Case:          req.Case,
		Channel:       req.Channel,
		Submitter:     req.Submitter,
		Owner:         req.Owner,
		Authorisation: NFCTrim(req.Authorisation),
		Checklist:     req.Checklist,
		Fees:          req.Fees,
		ReceivedAt:    now,
		Clerk:         sess.Actor(),
		ClerkName:     sess.User.Name,
		Desk:          sess.Desk.ID,
		ReturnBy:      req.ReturnBy,
		Summary:       NFCTrim(req.Summary),
		Reason:        NFCTrim(req.Reason),
	}
	normaliseParty(&d.Submitter)
	if d.Owner != nil {
		o := *d.Owner
		normaliseParty(&o)
		d.Owner = &o
	}
	for i := range d.Checklist {
		d.Checklist[i].Name = NFCTrim(d.Checklist[i].Name)
		d.Checklist[i].Note = NFCTrim(d.Checklist[i].Note)
	}
	if d.Summary == "" {
		d.Summary = p.Name
	}
	if d.Fees == nil {
		d.Fees = catalogFees(row)
	}
	var es dossier.Errors
	if req.Verdict == dossier.VerdictReceive || req.Verdict == dossier.VerdictRefuse {
		lim, err := Limit(row)
		switch {
		case req.TimeLimit != nil:
			if verr := req.TimeLimit.Validate(); verr != nil {
				es = appendErr(es, dossier.Errorf(dossier.KindInvalid, "time_limit", "%v", verr))
			} else if err != nil || *req.TimeLimit != lim {
				if strings.TrimSpace(req.LimitReason) == "" {
					es = appendErr(es, dossier.Errorf(dossier.KindInvalid, "limit_reason", "the processing time differs from the catalog (%s): give the reason", catalogTimeText(row)))
				}
				d.LimitNote = NFCTrim(req.LimitReason)
			}
			d.TimeLimit = *req.TimeLimit
		case err != nil && req.Verdict == dossier.VerdictReceive:
			es = appendErr(es, dossier.Errorf(dossier.KindInvalid, "time_limit", "the catalog gives the processing time as %s without a unit that can be read: choose the unit and state the basis", catalogTimeText(row)))
		default:
			d.TimeLimit = lim
		}
	}
	if d.TimeLimit.Unit == "" {
		d.TimeLimit = workday.Limit{Unit: workday.NoLimit}
	}
	if req.Override != nil && req.Verdict == dossier.VerdictReceive && len(d.Missing()) > 0 {
		ov, err := s.checkOverride(req.Override, now)
		if err != nil {
			return nil, err
		}
		d.Override = ov
	}
	es = appendErr(es, d.ValidateIntake(req.Verdict))
	if err := es.Err(); err != nil {
		return nil, err
	}
	ev := dossier.Event{At: now, Actor: sess.Actor(), Desk: sess.Desk.ID}
	switch req.Verdict {
	case dossier.VerdictReceive:
		off, err := sess.Office.OfficeHours()
		if err != nil {
			return nil, err
		}
		cal := s.calendar()
		due, ok, err := cal.Appointment(now, d.TimeLimit, off)
		if err != nil {
			return nil, fmt.Errorf("appointment: %w", err)
		}
		if ok {
			d.FirstAppointment = due
		}
		if d.Channel != dossier.ChannelOnline {
			if td, err := cal.TransferDue(now, off); err == nil {
				d.TransferDue = td
			}
		}
		d.Status = dossier.StatusReceived
		ev.Kind, ev.To = dossier.EvReceived, dossier.StatusReceived
	case dossier.VerdictSupplement:
		d.Kind = dossier.KindGuidance
		d.Status = dossier.StatusNone
		ev.Kind, ev.To = dossier.EvGuidance, dossier.StatusNone
		for _, m := range d.Missing() {
			ev.Items = append(ev.Items, m.Name)
		}
		ev.Note = d.Reason
	case dossier.VerdictRefuse:
		d.Status = dossier.StatusRefused
		ev.Kind, ev.To = dossier.EvRefused, dossier.StatusRefused
		ev.Note = d.Reason
	}
	d.History = []dossier.Event{ev}
	// Derived fields follow the creation event (appointment, end time).
	d = d.AsOf(0)
	if err := s.Store.CreateDossier(d, sess.Office.CodeScheme(sess.Desk)); err != nil {
		return nil, err
	}
	return d, nil
}

// checkOverride verifies a supervisor's credentials for an override.
func (s *Service) checkOverride(o *OverrideRequest, now time.Time) (*dossier.Override, error) {
	if strings.TrimSpace(o.Reason) == "" {
		return nil, dossier.Errorf(dossier.KindInvalid, "override.reason", "the supervisor must give the reason for receiving an incomplete dossier")
	}
	u, ok, err := s.Store.GetUser(strings.ToLower(strings.TrimSpace(o.Username)))
	if err != nil {
		return nil, err
	}
	if !ok || u.Disabled || u.Locked(now) {
		return nil, dossier.Errorf(dossier.KindForbidden, "override.username", "no active supervisor %q", o.Username)
	}
	if good, err := s.Hasher.Verify(u.PasswordHash, o.Password); err != nil || !good {
		_ = s.Store.Audit(account.Audit{Actor: u.Username, Action: "dossier.override-refused", Detail: "wrong password"})
		return nil, dossier.Errorf(dossier.KindForbidden, "override.password", "the supervisor's password is wrong")
	}
	if err := account.Require(u.Role, account.ActOverrideMissing); err != nil {
		return nil, err
	}
	return &dossier.Override{By: u.Username, Reason: NFCTrim(o.Reason), At: now}, nil
}

// ProcedureRef is how a dossier names the procedure version it was received
// under (the store relies on this mapping to refer to catalog versions).
func ProcedureRef(p *catalog.Procedure) dossier.ProcedureRef {
	ref := dossier.ProcedureRef{Code: p.Code, Name: p.Name, Version: p.Version.Hash, FieldCode: p.Field.Code, FieldName: p.Field.Name}
	// Reports group by field code; sources without field codes group by name.
	if ref.FieldCode == "" {
		ref.FieldCode = p.Field.Name
	}
	if len(p.Levels) > 0 {
		ref.Level = string(p.Levels[0])
	}
	if len(p.Agencies.Executing) > 0 {
		ref.Agency = p.Agencies.Executing[0].Name
	} else if len(p.Agencies.Competent) > 0 {
		ref.Agency = p.Agencies.Competent[0].Name
	}
	return ref
}

func catalogTimeText(c *catalog.Channel) string {
	if c == nil {
		return "(none)"
	}
	if c.Time.Text != "" {
		return fmt.Sprintf("%q", c.Time.Text)
	}
	return fmt.Sprintf("%g %s", c.Time.Value, c.Time.Unit)
}
