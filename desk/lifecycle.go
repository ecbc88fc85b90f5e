package desk

import (
	"strings"
	"time"

	"motcua/account"
	"motcua/dossier"
)

// TransitionRequest is a change to a received dossier. Kind names the
// event; the other fields are used by the kinds that need them (see
// dossier.Event).
type TransitionRequest struct {
	Kind       dossier.EventKind
	Note       string
	Department string
	Items      []string
	Result     dossier.ResultKind
	Amount     int64
	Collector  *dossier.Collector
	// NewAppointment: the extended date (extension).
	NewAppointment time.Time
	// Approval: the supervisor approving an extension (or the session
	// user when a supervisor records it).
	Approval *OverrideRequest
	Amend    *dossier.Amendment
}

// Transition applies one event to a dossier in one store transaction and
// returns the dossier after it. The time limit restarts when a supplement
// arrives (Decree 118 art. 19.5); an extension needs a supervisor.
func (s *Service) Transition(sess *Session, code string, req TransitionRequest) (*dossier.Dossier, error) {
	act := account.ActTransition
	if req.Kind == dossier.EvAmended {
		act = account.ActAmend
	}
	if err := account.Require(sess.User.Role, act); err != nil {
		return nil, err
	}
	now := s.now()
	ev := dossier.Event{
		Kind: req.Kind, At: now, Actor: sess.Actor(), Desk: sess.Desk.ID,
		Note: NFCTrim(req.Note), Department: NFCTrim(req.Department), Items: req.Items,
		Result: req.Result, Amount: req.Amount, Collector: req.Collector, Amend: req.Amend,
	}
	if ev.Collector != nil {
		c := *ev.Collector
		c.Name = NFCTrim(c.Name)
		c.IDNumber = strings.TrimSpace(c.IDNumber)
		ev.Collector = &c
	}
	if ev.Amend != nil {
		a := *ev.Amend
		a.New = NFCTrim(a.New)
		a.Reason = NFCTrim(a.Reason)
		ev.Amend = &a
	}
	if req.Kind == dossier.EvExtended {
		approver, err := s.approver(sess, req.Approval, now)
		if err != nil {
			return nil, err
		}
		ev.Approver = approver
		ev.Appointment = req.NewAppointment
	}
	off, err := sess.Office.OfficeHours()
	if err != nil {
		return nil, err
	}
	return s.Store.UpdateDossier(code, func(d *dossier.Dossier) error {
		if req.Kind == dossier.EvAmended {
			// Intake data of a closed day changes only through a
			// supervisor's audited amendment.
			closed, err := s.dayClosed(d.ReceivedAt)
			if err != nil {
				return err
			}
			if closed {
				if err := account.Require(sess.User.Role, account.ActAmendClosed); err != nil {
					return dossier.Errorf(dossier.KindForbidden, "amend", "%s was received on a closed day (%s): only a supervisor may correct it", code, dossier.Day(d.ReceivedAt).Format("02/01/2006"))
				}
			}
		}
		if req.Kind == dossier.EvSupplementReceived && d.TimeLimit.Unit != "none" {
			due, ok, err := s.calendar().Restart(now, d.TimeLimit, off)
			if err != nil {
				return err
			}
			if ok {
				ev.Appointment = due
			}
		}
		return d.Apply(ev)
	})
}

// approver returns who approves an extension: the session user when they
// may, otherwise a supervisor whose credentials are given.
func (s *Service) approver(sess *Session, a *OverrideRequest, now time.Time) (string, error) {
	if account.Can(sess.User.Role, account.ActApproveExtend) && (a == nil || a.Username == "" || a.Username == sess.User.Username) {
		return sess.Actor(), nil
	}
	if a == nil {
		return "", dossier.Errorf(dossier.KindForbidden, "approver", "an extension must be approved by a supervisor")
	}
	ov, err := s.checkOverride(&OverrideRequest{Username: a.Username, Password: a.Password, Reason: "extension"}, now)
	if err != nil {
		return "", err
	}
	u, _, _ := s.Store.GetUser(ov.By)
	if err := account.Require(u.Role, account.ActApproveExtend); err != nil {
		return "", err
	}
	return ov.By, nil
}

// TransitionTo moves a dossier to a national status, choosing the event
// that leads there from its current status, with defaults for details the
// command line does not carry: a transfer goes to the procedure's handling
// agency, a result is approved, a return is collected by the owner (ID
// checked at the counter). The desk app records the full details instead.
func (s *Service) TransitionTo(sess *Session, code string, to dossier.Status, note string) (*dossier.Dossier, error) {
	cur, err := s.Store.Dossier(code)
	if err != nil {
		return nil, err
	}
	kind, err := dossier.KindFor(cur.Status, to)
	if err != nil {
		return nil, err
	}
	req := TransitionRequest{Kind: kind, Note: note}
	switch kind {
	case dossier.EvTransferred:
		req.Department = cur.Procedure.Agency
		if req.Department == "" {
			req.Department = "Cơ quan giải quyết"
		}
	case dossier.EvSupplementRequest:
		if note != "" {
			req.Items = []string{note}
		}
	case dossier.EvResultReady:
		req.Result = dossier.ResultApproved
	case dossier.EvReturned:
		o := cur.OwnerParty()
		req.Collector = &dossier.Collector{Name: o.Name, IDNumber: o.IDNumber, IDChecked: true}
	}
	return s.Transition(sess, code, req)
}

// SupplementOverdue lists dossiers waiting for a supplement requested more
// than days calendar days ago (Decree 118 art. 19.5: the one-stop unit
// closes them after 15 days).
func SupplementOverdue(d *dossier.Dossier, now time.Time, days int) bool {
	return d.Status == dossier.StatusSupplement && !d.SupplementSince.IsZero() && now.Sub(d.SupplementSince) > time.Duration(days)*24*time.Hour
}

// CloseUnsupplemented stops a dossier whose supplement did not arrive
// within the limit (Decree 118 art. 19.5).
func (s *Service) CloseUnsupplemented(sess *Session, code string, days int) (*dossier.Dossier, error) {
	d, err := s.Store.Dossier(code)
	if err != nil {
		return nil, err
	}
	if !SupplementOverdue(d, s.now(), days) {
		return nil, dossier.Errorf(dossier.KindConflict, "status", "%s is not waiting for a supplement for more than %d days", code, days)
	}
	return s.Transition(sess, code, TransitionRequest{Kind: dossier.EvStopped, Note: "Quá hạn bổ sung hồ sơ (Nghị định 118/2025 Điều 19.5)"})
}
