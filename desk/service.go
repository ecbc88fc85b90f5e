package desk

import (
	"crypto/rand"
	"errors"
	"fmt"
	"strings"
	"time"

	"motcua/account"
	"motcua/catalog"
	"motcua/dossier"
	"motcua/receipt"
	"motcua/report"
	"motcua/workday"
)

// Store is the persistence the desk services need. *store.DB implements it.
type Store interface {
	CreateDossier(d *dossier.Dossier, scheme dossier.CodeScheme) error
	UpdateDossier(code string, fn func(*dossier.Dossier) error) (*dossier.Dossier, error)
	Dossier(code string) (*dossier.Dossier, error)
	GetSetting(name string, v any) (bool, error)
	PutSetting(name string, v any, a account.Audit) error
	GetUser(username string) (account.User, bool, error)
	PutUser(u account.User, a account.Audit) error
	CreateUser(u account.User, a account.Audit) error
	Users() ([]account.User, error)
	Audit(a account.Audit) error
	PutKey(id string, v any, a account.Audit) error
	GetKey(id string, v any) (bool, error)
}

// Catalog gives the current version of a procedure.
type Catalog interface {
	Procedure(code string) (*catalog.Procedure, error)
}

// Service is the desk's application service. All methods check the
// session's permissions (account matrix) before acting.
type Service struct {
	Store    Store
	Catalog  Catalog
	Calendar func() *workday.Calendar
	Hasher   account.Hasher
	Policy   account.Policy
	// Days and Reports serve the daily close (nil: not available).
	Days    DayStore
	Reports report.Source
	// Holidays keeps the days-off tables; OnCalendarChange reloads the
	// calendar after a change.
	Holidays         HolidayStore
	OnCalendarChange func()
	// Now is the clock, read once per operation.
	Now func() time.Time
}

// Session is a logged-in user at this desk.
type Session struct {
	User   account.User
	Office Office
	Desk   Desk
	At     time.Time
}

// Actor is the name recorded in histories and the audit journal.
func (s *Session) Actor() string { return s.User.Username }

func (s *Service) now() time.Time { return s.Now().In(dossier.Zone) }

func (s *Service) calendar() *workday.Calendar {
	if s.Calendar != nil {
		if c := s.Calendar(); c != nil {
			return c
		}
	}
	return workday.Default()
}

// Setting names.
const (
	SettingOffice = "office"
	SettingDesk   = "desk"
)

// ErrNotConfigured: the first-run setup has not been done.
var ErrNotConfigured = errors.New("this desk is not set up yet: run the first-run setup")

// Config returns the office and desk setup.
func (s *Service) Config() (Office, Desk, error) {
	var o Office
	var d Desk
	okO, err := s.Store.GetSetting(SettingOffice, &o)
	if err != nil {
		return o, d, err
	}
	okD, err := s.Store.GetSetting(SettingDesk, &d)
	if err != nil {
		return o, d, err
	}
	if !okO || !okD {
		return o, d, ErrNotConfigured
	}
	return o, d, nil
}

// CodeSchemeOfDesk returns the code scheme this desk issues codes with.
func (s *Service) CodeSchemeOfDesk() (dossier.CodeScheme, error) {
	o, d, err := s.Config()
	if err != nil {
		return dossier.CodeScheme{}, err
	}
	return o.CodeScheme(d), nil
}

// Configured reports whether setup is complete (office, desk, an admin).
func (s *Service) Configured() (bool, error) {
	if _, _, err := s.Config(); errors.Is(err, ErrNotConfigured) {
		return false, nil
	} else if err != nil {
		return false, err
	}
	us, err := s.Store.Users()
	if err != nil {
		return false, err
	}
	for _, u := range us {
		if u.Role == account.RoleAdmin && !u.Disabled {
			return true, nil
		}
	}
	return false, nil
}

// SetupRequest is the first-run setup.
type SetupRequest struct {
	Office        Office
	Desk          Desk
	AdminUsername string
	AdminName     string
	AdminPassword string
}

// Setup stores the office and desk setup and creates the first admin. It
// refuses when the desk is already set up.
func (s *Service) Setup(req SetupRequest) error {
	if ok, err := s.Configured(); err != nil {
		return err
	} else if ok {
		return dossier.Errorf(dossier.KindConflict, "setup", "this desk is already set up; change settings as an administrator")
	}
	var es dossier.Errors
	collect := func(err error) { es = appendErr(es, err) }
	req.Office.Name = NFCTrim(req.Office.Name)
	req.Office.ParentAgency = NFCTrim(req.Office.ParentAgency)
	req.Office.Place = NFCTrim(req.Office.Place)
	req.Office.Address = NFCTrim(req.Office.Address)
	collect(req.Office.Validate())
	collect(req.Desk.Validate(req.Office))
	collect(account.ValidateUsername(req.AdminUsername))
	if strings.TrimSpace(req.AdminName) == "" {
		collect(dossier.Errorf(dossier.KindInvalid, "admin_name", "the administrator's full name is required"))
	}
	collect(s.policy().ValidatePassword(req.AdminPassword, req.AdminUsername))
	if err := es.Err(); err != nil {
		return err
	}
	hash, err := s.Hasher.Hash(req.AdminPassword)
	if err != nil {
		return err
	}
	now := s.now()
	admin := account.User{Username: req.AdminUsername, Name: NFCTrim(req.AdminName), Role: account.RoleAdmin, PasswordHash: hash, ChangedAt: now}
	// The desk's Ed25519 key signs receipt QR codes and sync batches.
	key, err := receipt.NewKey(rand.Reader, deskKeyName(req.Desk, req.Office))
	if err != nil {
		return err
	}
	if err := s.Store.PutKey(key.ID, key.Record(receipt.OriginLocal, now), account.Audit{Actor: req.AdminUsername, Action: "key.create", Object: key.ID, Detail: "desk signing key"}); err != nil {
		return err
	}
	req.Desk.KeyID = key.ID
	if err := s.Store.PutSetting(SettingOffice, req.Office, account.Audit{Actor: req.AdminUsername, Action: "setup.office", Object: req.Office.AgencyCode}); err != nil {
		return err
	}
	if err := s.Store.PutSetting(SettingDesk, req.Desk, account.Audit{Actor: req.AdminUsername, Action: "setup.desk", Object: req.Desk.ID, Detail: fmt.Sprintf("slot %d of %d", req.Desk.Slot, req.Office.Slots)}); err != nil {
		return err
	}
	return s.Store.CreateUser(admin, account.Audit{Actor: req.AdminUsername, Action: "user.create", Object: admin.Username, Detail: "first administrator"})
}

// deskKeyName names a desk key for people ("Quầy 3 – Trung tâm …"), at
// most 100 characters.
func deskKeyName(d Desk, o Office) string {
	n := []rune(fmt.Sprintf("Quầy %d (%s) – %s", d.Number, d.ID, o.Name))
	if len(n) > 100 {
		n = n[:100]
	}
	return strings.TrimSpace(string(n))
}

// DeskKey returns this desk's signing key.
func (s *Service) DeskKey(d Desk) (receipt.Key, error) {
	if d.KeyID == "" {
		return receipt.Key{}, dossier.Errorf(dossier.KindNotFound, "key_id", "this desk has no signing key")
	}
	var r receipt.Record
	ok, err := s.Store.GetKey(d.KeyID, &r)
	if err != nil {
		return receipt.Key{}, err
	}
	if !ok {
		return receipt.Key{}, dossier.Errorf(dossier.KindNotFound, "key_id", "the desk key %s is missing from the database", d.KeyID)
	}
	return r.Key()
}

func (s *Service) policy() account.Policy {
	if s.Policy.MinLength == 0 {
		return account.DefaultPolicy()
	}
	return s.Policy
}

// ErrBadLogin is returned for a wrong user name or password (one message
// for both, so names cannot be probed).
var ErrBadLogin = dossier.Errorf(dossier.KindForbidden, "password", "wrong user name or password")

// Login checks a password and opens a session, enforcing the lockout.
func (s *Service) Login(username, password string) (*Session, error) {
	now := s.now()
	username = strings.ToLower(strings.TrimSpace(username))
	u, ok, err := s.Store.GetUser(username)
	if err != nil {
		return nil, err
	}
	if !ok || u.Disabled {
		_ = s.Store.Audit(account.Audit{Actor: username, Action: "user.login-failed", Detail: "unknown or disabled user"})
		return nil, ErrBadLogin
	}
	if u.Locked(now) {
		_ = s.Store.Audit(account.Audit{Actor: username, Action: "user.login-refused", Detail: "locked"})
		return nil, dossier.Errorf(dossier.KindForbidden, "username", "the account is locked after repeated failed logins until %s", u.LockedUntil.In(dossier.Zone).Format("15:04 02/01/2006"))
	}
	good, err := s.Hasher.Verify(u.PasswordHash, password)
	if err != nil {
		return nil, fmt.Errorf("login %s: %w", username, err)
	}
	if !good {
		locked := u.LoginFailed(s.policy(), now)
		detail := fmt.Sprintf("failure %d", u.Failed)
		if locked {
			detail = "locked for " + s.policy().LockFor.String()
		}
		if err := s.Store.PutUser(u, account.Audit{Actor: username, Action: "user.login-failed", Object: username, Detail: detail}); err != nil {
			return nil, err
		}
		return nil, ErrBadLogin
	}
	u.LoginSucceeded()
	if err := s.Store.PutUser(u, account.Audit{Actor: username, Action: "user.login", Object: username}); err != nil {
		return nil, err
	}
	o, d, err := s.Config()
	if err != nil {
		return nil, err
	}
	return &Session{User: u, Office: o, Desk: d, At: now}, nil
}

// SystemSession is used by motcuactl: the operator has the database file,
// which already gives full control; actions are journaled under the actor
// "motcuactl" with the given OS user for traceability. It has supervisor
// rights for dossier work.
func (s *Service) SystemSession(osUser string) (*Session, error) {
	o, d, err := s.Config()
	if err != nil {
		return nil, err
	}
	name := "motcuactl"
	if osUser != "" {
		name += ":" + osUser
	}
	return &Session{User: account.User{Username: name, Name: "motcuactl", Role: account.RoleSupervisor}, Office: o, Desk: d, At: s.now()}, nil
}

// ChangePassword changes the session user's password.
func (s *Service) ChangePassword(sess *Session, old, new string) error {
	u, ok, err := s.Store.GetUser(sess.User.Username)
	if err != nil {
		return err
	}
	if !ok {
		return dossier.Errorf(dossier.KindNotFound, "username", "user %s no longer exists", sess.User.Username)
	}
	if good, err := s.Hasher.Verify(u.PasswordHash, old); err != nil || !good {
		return dossier.Errorf(dossier.KindForbidden, "old_password", "the current password is wrong")
	}
	if old == new {
		return dossier.Errorf(dossier.KindInvalid, "password", "the new password must differ from the current one")
	}
	if err := s.policy().ValidatePassword(new, u.Username); err != nil {
		return err
	}
	h, err := s.Hasher.Hash(new)
	if err != nil {
		return err
	}
	u.PasswordHash, u.MustChange, u.ChangedAt = h, false, s.now()
	if err := s.Store.PutUser(u, account.Audit{Actor: u.Username, Action: "user.password-change", Object: u.Username}); err != nil {
		return err
	}
	sess.User = u
	return nil
}

// UserRequest creates or changes a user (admin).
type UserRequest struct {
	Username string
	Name     string
	Role     account.Role
	// Password sets a new password (required for a new user); the user
	// must change it at the next login.
	Password string
	Disabled bool
}

// SaveUser creates or updates a user. Only admins manage users; an admin
// cannot disable or demote themselves (the desk must keep an admin).
func (s *Service) SaveUser(sess *Session, req UserRequest) error {
	if err := account.Require(sess.User.Role, account.ActUsers); err != nil {
		return err
	}
	req.Username = strings.ToLower(strings.TrimSpace(req.Username))
	u, exists, err := s.Store.GetUser(req.Username)
	if err != nil {
		return err
	}
	if req.Username == sess.User.Username && (req.Disabled || req.Role != account.RoleAdmin) {
		return dossier.Errorf(dossier.KindConflict, "role", "you cannot disable or demote your own administrator account")
	}
	u.Username, u.Name, u.Role, u.Disabled = req.Username, NFCTrim(req.Name), req.Role, req.Disabled
	if req.Password != "" {
		if err := s.policy().ValidatePassword(req.Password, req.Username); err != nil {
			return err
		}
		if u.PasswordHash, err = s.Hasher.Hash(req.Password); err != nil {
			return err
		}
		u.MustChange = true
		u.Failed, u.LockedUntil = 0, time.Time{}
	}
	if err := u.Validate(); err != nil {
		return err
	}
	a := account.Audit{Actor: sess.Actor(), Object: u.Username, Detail: "role " + string(u.Role)}
	if !exists {
		a.Action = "user.create"
		return s.Store.CreateUser(u, a)
	}
	a.Action = "user.update"
	if req.Password != "" {
		a.Detail += "; password reset"
	}
	if req.Disabled {
		a.Detail += "; disabled"
	}
	return s.Store.PutUser(u, a)
}

// SavePreferences stores the session user's typing mode and language.
func (s *Service) SavePreferences(sess *Session, typing, toneStyle, lang string) error {
	u, ok, err := s.Store.GetUser(sess.User.Username)
	if err != nil || !ok {
		return err
	}
	u.Typing, u.ToneStyle, u.Language = typing, toneStyle, lang
	if err := s.Store.PutUser(u, account.Audit{}); err != nil {
		return err
	}
	sess.User = u
	return nil
}

// SaveOffice changes the office setup (admin).
func (s *Service) SaveOffice(sess *Session, o Office) error {
	if err := account.Require(sess.User.Role, account.ActSettings); err != nil {
		return err
	}
	if err := o.Validate(); err != nil {
		return err
	}
	if o.AgencyCode != sess.Office.AgencyCode || o.Slots != sess.Office.Slots || o.CodeDateLayout != sess.Office.CodeDateLayout || o.CodeSeqWidth != sess.Office.CodeSeqWidth {
		if err := sess.Desk.Validate(o); err != nil {
			return err
		}
	}
	if err := s.Store.PutSetting(SettingOffice, o, account.Audit{Actor: sess.Actor(), Action: "settings.office", Object: o.AgencyCode}); err != nil {
		return err
	}
	sess.Office = o
	return nil
}

// SaveDesk changes the desk setup (admin).
func (s *Service) SaveDesk(sess *Session, d Desk) error {
	if err := account.Require(sess.User.Role, account.ActSettings); err != nil {
		return err
	}
	if err := d.Validate(sess.Office); err != nil {
		return err
	}
	if err := s.Store.PutSetting(SettingDesk, d, account.Audit{Actor: sess.Actor(), Action: "settings.desk", Object: d.ID, Detail: fmt.Sprintf("slot %d", d.Slot)}); err != nil {
		return err
	}
	sess.Desk = d
	return nil
}
