// Package account holds the desk's users, their roles and the permission
// matrix that the desk services enforce (not only the UI), and the login
// lockout policy. It imports only the standard library; password hashing
// comes in through the Hasher interface (argon2id in package pwhash).
package account

import (
	"strings"
	"time"
	"unicode/utf8"

	"motcua/dossier"
)

// Role is a user's role.
type Role string

// Roles.
const (
	RoleClerk      Role = "clerk"      // cán bộ tiếp nhận
	RoleSupervisor Role = "supervisor" // lãnh đạo / giám sát
	RoleAdmin      Role = "admin"      // quản trị hệ thống
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleClerk || r == RoleSupervisor || r == RoleAdmin }

// Vietnamese returns the role's label.
func (r Role) Vietnamese() string {
	switch r {
	case RoleClerk:
		return "Cán bộ tiếp nhận"
	case RoleSupervisor:
		return "Lãnh đạo, giám sát"
	case RoleAdmin:
		return "Quản trị hệ thống"
	}
	return string(r)
}

// User is a local account.
type User struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     Role   `json:"role"`
	// PasswordHash is the encoded hash (PHC string format).
	PasswordHash string `json:"password_hash"`
	Disabled     bool   `json:"disabled,omitempty"`
	// Failed counts consecutive failed logins; LockedUntil is set when it
	// reaches Policy.MaxFailures.
	Failed      int       `json:"failed,omitempty"`
	LockedUntil time.Time `json:"locked_until,omitzero"`
	// MustChange forces a password change at next login (set by an admin
	// reset).
	MustChange bool      `json:"must_change,omitempty"`
	ChangedAt  time.Time `json:"changed_at,omitzero"`
	// Typing is the in-app Vietnamese typing mode: "off", "telex", "vni";
	// ToneStyle "modern" or "old". Language "vi" or "en".
	Typing    string `json:"typing,omitempty"`
	ToneStyle string `json:"tone_style,omitempty"`
	Language  string `json:"language,omitempty"`
}

// Hasher hashes and checks passwords.
type Hasher interface {
	Hash(password string) (string, error)
	Verify(hash, password string) (bool, error)
}

// Policy is the login policy.
type Policy struct {
	// MaxFailures consecutive failures lock the account for LockFor.
	MaxFailures int
	LockFor     time.Duration
	// IdleLock locks the screen after this long without input.
	IdleLock time.Duration
	// MinLength is the minimum password length.
	MinLength int
}

// DefaultPolicy: 5 failures lock for 15 minutes; the screen locks after 10
// idle minutes; passwords of at least 8 characters.
func DefaultPolicy() Policy {
	return Policy{MaxFailures: 5, LockFor: 15 * time.Minute, IdleLock: 10 * time.Minute, MinLength: 8}
}

// ValidateUsername: 3–32 lower-case letters, digits, dot, dash, underscore.
func ValidateUsername(u string) error {
	if len(u) < 3 || len(u) > 32 {
		return dossier.Errorf(dossier.KindInvalid, "username", "user name must be 3–32 characters")
	}
	for _, r := range u {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_') {
			return dossier.Errorf(dossier.KindInvalid, "username", "user name may contain only lower-case letters, digits, '.', '-' and '_'")
		}
	}
	return nil
}

// ValidatePassword checks a new password against the policy.
func (p Policy) ValidatePassword(pw, username string) error {
	if utf8.RuneCountInString(pw) < p.MinLength {
		return dossier.Errorf(dossier.KindInvalid, "password", "the password must have at least %d characters", p.MinLength)
	}
	if strings.EqualFold(pw, username) || strings.Contains(strings.ToLower(pw), strings.ToLower(username)) {
		return dossier.Errorf(dossier.KindInvalid, "password", "the password must not contain the user name")
	}
	var letter, digit bool
	for _, r := range pw {
		switch {
		case r >= '0' && r <= '9':
			digit = true
		case r > ' ':
			letter = true
		}
	}
	if !letter || !digit {
		return dossier.Errorf(dossier.KindInvalid, "password", "the password must mix letters and digits")
	}
	return nil
}

// Validate checks a user record.
func (u *User) Validate() error {
	var es dossier.Errors
	if err := ValidateUsername(u.Username); err != nil {
		es = append(es, err.(*dossier.Error))
	}
	if strings.TrimSpace(u.Name) == "" {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "name", "the full name is required"))
	}
	if !u.Role.Valid() {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "role", "role must be clerk, supervisor or admin"))
	}
	if u.PasswordHash == "" {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "password", "a password is required"))
	}
	return es.Err()
}

// Locked reports whether the account is locked at now.
func (u *User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// LoginFailed records a failure and locks the account when the policy says
// so. It reports whether the account is now locked.
func (u *User) LoginFailed(p Policy, now time.Time) bool {
	u.Failed++
	if p.MaxFailures > 0 && u.Failed >= p.MaxFailures {
		u.LockedUntil = now.Add(p.LockFor)
		u.Failed = 0
		return true
	}
	return false
}

// LoginSucceeded clears the failure count.
func (u *User) LoginSucceeded() {
	u.Failed = 0
	u.LockedUntil = time.Time{}
}

// Audit is what an action leaves in the audit journal: who, what, on what,
// and a short detail that never holds personal data (codes, user names,
// statuses and counts only).
type Audit struct {
	Actor  string
	Action string
	Object string
	Detail string
}
