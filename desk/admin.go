package desk

import (
	"fmt"
	"strconv"

	"motcua/account"
	"motcua/dossier"
	"motcua/workday"
)

// HolidayStore keeps the administrators' days-off tables.
type HolidayStore interface {
	YearTable(year int) (workday.YearTable, bool, error)
	SaveYearTable(t workday.YearTable, a account.Audit) error
}

// SaveYearTable stores an administrator's days-off table for a year
// (replacing the built-in notice) and reloads the calendar. Administrators
// only.
func (s *Service) SaveYearTable(sess *Session, t workday.YearTable) error {
	if err := account.Require(sess.User.Role, account.ActHolidays); err != nil {
		return err
	}
	if s.Holidays == nil {
		return dossier.Errorf(dossier.KindInternal, "holidays", "holiday tables are not available in this build")
	}
	for i := range t.Days {
		t.Days[i].Reason = NFCTrim(t.Days[i].Reason)
		t.Days[i].Source = NFCTrim(t.Days[i].Source)
	}
	t.Source, t.Note = NFCTrim(t.Source), NFCTrim(t.Note)
	if err := t.Validate(); err != nil {
		return dossier.Errorf(dossier.KindInvalid, "holidays", "%v", err)
	}
	a := account.Audit{Actor: sess.Actor(), Object: strconv.Itoa(t.Year), Detail: fmt.Sprintf("%d days, source %s", len(t.Days), t.Source)}
	if err := s.Holidays.SaveYearTable(t, a); err != nil {
		return err
	}
	if s.OnCalendarChange != nil {
		s.OnCalendarChange()
	}
	return nil
}

// Users lists the desk's users. Administrators only.
func (s *Service) Users(sess *Session) ([]account.User, error) {
	if err := account.Require(sess.User.Role, account.ActUsers); err != nil {
		return nil, err
	}
	return s.Store.Users()
}
