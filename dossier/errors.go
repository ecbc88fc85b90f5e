package dossier

import (
	"errors"
	"fmt"
)

// Kind classifies domain errors so that adapters can map them: the UI to a
// Vietnamese sentence, the CLI to an English message and an exit code, the
// hub to an HTTP status.
type Kind string

// Error kinds.
const (
	// KindInvalid: the input breaks a validation rule (a field is missing,
	// malformed or inconsistent).
	KindInvalid Kind = "invalid"
	// KindNotFound: the dossier, procedure or user does not exist.
	KindNotFound Kind = "not-found"
	// KindConflict: the operation contradicts the current state (a refused
	// status transition, a code already issued, a closed day).
	KindConflict Kind = "conflict"
	// KindForbidden: the user's role does not allow the operation.
	KindForbidden Kind = "forbidden"
	// KindInternal: anything else (storage failure, bug).
	KindInternal Kind = "internal"
)

// Error is a domain error. Field names the offending input, if any, using
// the JSON field path (e.g. "owner.id_number", "checklist[2].copies").
type Error struct {
	Kind  Kind
	Field string
	Msg   string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return e.Field + ": " + e.Msg
	}
	return e.Msg
}

// Errorf returns an *Error of the given kind.
func Errorf(kind Kind, field, format string, a ...any) *Error {
	return &Error{Kind: kind, Field: field, Msg: fmt.Sprintf(format, a...)}
}

// ErrorKind returns the kind of err, KindInternal for unknown errors and ""
// for nil.
func ErrorKind(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// Errors collects several validation errors; Validate returns all problems
// at once so that a clerk fixes them in one pass.
type Errors []*Error

func (es Errors) Error() string {
	switch len(es) {
	case 0:
		return "no errors"
	case 1:
		return es[0].Error()
	}
	s := fmt.Sprintf("%d problems: ", len(es))
	for i, e := range es {
		if i > 0 {
			s += "; "
		}
		s += e.Error()
	}
	return s
}

// As lets errors.As find an *Error inside Errors (the first one).
func (es Errors) As(target any) bool {
	if t, ok := target.(**Error); ok && len(es) > 0 {
		*t = es[0]
		return true
	}
	return false
}

// Err returns nil when es is empty, es otherwise.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}
