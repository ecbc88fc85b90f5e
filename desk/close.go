package desk

import (
	"time"

	"motcua/account"
	"motcua/dossier"
	"motcua/report"
	"motcua/syncproto"
)

// DayStore is the daily-close part of the store.
type DayStore interface {
	AuditHead() (syncproto.AuditHead, error)
	DayClose(day time.Time, v any) (bool, error)
	IsClosed(day time.Time) (bool, error)
	PutDayClose(day time.Time, v any, amend bool, a account.Audit) error
}

// CloseDay signs off a day (chốt sổ): the supervisor's paper counts are
// compared with the records, differences need a note, and the record keeps
// the audit chain head, which also travels to the hub. After it, intake
// on that day is refused and corrections to its dossiers need a
// supervisor.
func (s *Service) CloseDay(sess *Session, in report.CloseInput) (*report.DayClose, error) {
	if err := account.Require(sess.User.Role, account.ActCloseDay); err != nil {
		return nil, err
	}
	if s.Days == nil || s.Reports == nil {
		return nil, dossier.Errorf(dossier.KindInternal, "day", "daily close is not available in this build")
	}
	h, err := s.Days.AuditHead()
	if err != nil {
		return nil, err
	}
	in.Day = dossier.Day(in.Day)
	in.SignedBy, in.SignedAt = sess.Actor(), s.now()
	in.AuditSeq, in.AuditHash = h.Seq, h.Hash
	in.Note = NFCTrim(in.Note)
	c, err := report.Close(s.Reports, in)
	if err != nil {
		return nil, dossier.Errorf(dossier.KindInvalid, "close", "%v", err)
	}
	if err := s.Days.PutDayClose(in.Day, c, false, account.Audit{Actor: sess.Actor(), Detail: closeDetail(c)}); err != nil {
		return nil, err
	}
	return c, nil
}

func closeDetail(c *report.DayClose) string {
	return "received " + itoa(c.Totals.Received) + ", guidance " + itoa(c.Totals.Guidance) + ", refused " + itoa(c.Totals.Refused) + ", differences " + itoa(len(c.Differences))
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

// AmendClose changes a closed day's paper counts or notes; the record
// keeps every amendment with who, when, why and the audit head.
func (s *Service) AmendClose(sess *Session, day time.Time, in report.AmendInput) (*report.DayClose, error) {
	if err := account.Require(sess.User.Role, account.ActAmendClosed); err != nil {
		return nil, err
	}
	c, ok, err := s.DayCloseOf(day)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, dossier.Errorf(dossier.KindConflict, "day", "%s is not closed", dossier.Day(day).Format("2006-01-02"))
	}
	h, err := s.Days.AuditHead()
	if err != nil {
		return nil, err
	}
	in.By, in.At = sess.Actor(), s.now()
	in.AuditSeq, in.AuditHash = h.Seq, h.Hash
	in.Reason = NFCTrim(in.Reason)
	if err := c.Amend(s.Reports, in); err != nil {
		return nil, dossier.Errorf(dossier.KindInvalid, "amend", "%v", err)
	}
	if err := s.Days.PutDayClose(dossier.Day(day), c, true, account.Audit{Actor: sess.Actor(), Detail: in.Reason}); err != nil {
		return nil, err
	}
	return c, nil
}

// DayCloseOf returns the close record of a day.
func (s *Service) DayCloseOf(day time.Time) (*report.DayClose, bool, error) {
	if s.Days == nil {
		return nil, false, nil
	}
	var c report.DayClose
	ok, err := s.Days.DayClose(dossier.Day(day), &c)
	if err != nil || !ok {
		return nil, ok, err
	}
	return &c, true, nil
}

// dayClosed reports whether the day of t is closed.
func (s *Service) dayClosed(t time.Time) (bool, error) {
	if s.Days == nil {
		return false, nil
	}
	return s.Days.IsClosed(dossier.Day(t))
}

// Purge removes the personal data of one finished dossier (retention
// period over, personal-data law): parties, notes, scans references,
// collectors. Statistics stay. Administrators only.
func (s *Service) Purge(sess *Session, code string) (*dossier.Dossier, error) {
	if err := account.Require(sess.User.Role, account.ActSettings); err != nil {
		return nil, err
	}
	now := s.now()
	return s.Store.UpdateDossier(code, func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvPurged, At: now, Actor: sess.Actor(), Desk: sess.Desk.ID, Note: "hết thời hạn lưu trữ dữ liệu cá nhân"})
	})
}

// RetentionDue reports whether a finished record's personal data is past
// the office's retention period at now.
func RetentionDue(o Office, kind dossier.RecordKind, status dossier.Status, received, finished time.Time, now time.Time) bool {
	if o.RetentionYears <= 0 {
		return false
	}
	end := finished
	if kind == dossier.KindGuidance || end.IsZero() {
		end = received
	}
	if kind == dossier.KindDossier && !status.Terminal() && status != dossier.StatusStopped {
		return false
	}
	return !end.IsZero() && end.AddDate(o.RetentionYears, 0, 0).Before(now)
}
