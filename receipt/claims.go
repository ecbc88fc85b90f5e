package receipt

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"motcua/dossier"
)

// Claims is what a receipt QR asserts.
type Claims struct {
	Code      string
	Procedure string
	// Received and Appointment are at minute precision in dossier.Zone.
	// A zero Appointment means the procedure has no deadline.
	Received    time.Time
	Appointment time.Time
	KeyID       string
}

// The reasons Verify refuses a text. Errors returned by Verify wrap exactly
// one of them (errors.Is) and add the detail.
var (
	ErrMalformed    = errors.New("malformed receipt")
	ErrUnknownKey   = errors.New("unknown key")
	ErrBadSignature = errors.New("bad signature")
)

const (
	timeLayout = "0601021504" // yyMMddHHmm
	sigPrefix  = "motcua-receipt/1"
	// DefaultBase is used when the office has no lookup URL.
	DefaultBase = "motcua:tra-cuu"
	// MaxText bounds what Verify reads (a QR holds at most 2953 bytes).
	MaxText  = 2953
	maxField = 64
)

// params are the receipt's query parameters, in printed order.
var params = [...]string{"c", "p", "r", "a", "k", "s"}

// message returns the signed bytes.
func message(c, p, r, a, k string) []byte {
	return []byte(sigPrefix + "|" + c + "|" + p + "|" + r + "|" + a + "|" + k)
}

// codeChar: dossier codes are agency identifiers, dates and numbers
// ("000.00.06.H56-231027-0361"); procedure codes are dotted
// ("1.001193.000.00.00.H48").
func codeChar(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.' || c == '-' || c == '_'
}

func checkCode(what, s string) error {
	if s == "" {
		return fmt.Errorf("%w: the %s is empty", ErrMalformed, what)
	}
	if len(s) > maxField {
		return fmt.Errorf("%w: the %s is longer than %d characters", ErrMalformed, what, maxField)
	}
	for i := 0; i < len(s); i++ {
		if !codeChar(s[i]) {
			return fmt.Errorf("%w: the %s %q may contain only letters, digits, '.', '-' and '_'", ErrMalformed, what, s)
		}
	}
	return nil
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format(timeLayout)
}

func parseTime(what, s string, optional bool) (time.Time, error) {
	if s == "" && optional {
		return time.Time{}, nil
	}
	if len(s) != len(timeLayout) || !digits(s) {
		return time.Time{}, fmt.Errorf("%w: the %s %q must be 10 digits yyMMddHHmm", ErrMalformed, what, s)
	}
	// Go reads yy 69–99 as 19yy; receipts are all 20yy.
	t, err := time.ParseInLocation("20"+timeLayout, "20"+s, dossier.Zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: the %s %q is not a valid date and time", ErrMalformed, what, s)
	}
	return t, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Base checks an office lookup URL and returns the base to put the
// receipt query after: the URL itself, or DefaultBase when lookup is empty.
func Base(lookup string) (string, error) {
	lookup = strings.TrimSpace(lookup)
	if lookup == "" {
		return DefaultBase, nil
	}
	u, err := url.Parse(lookup)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return "", fmt.Errorf("lookup URL %q must be an http(s) address", lookup)
	}
	if u.Fragment != "" || strings.Contains(lookup, "#") {
		return "", fmt.Errorf("lookup URL %q must not have a fragment (#…)", lookup)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return "", fmt.Errorf("lookup URL %q: %v", lookup, err)
	}
	for _, p := range params {
		if q.Has(p) {
			return "", fmt.Errorf("lookup URL %q already has the parameter %q that the receipt uses", lookup, p)
		}
	}
	return lookup, nil
}

// Sign returns the QR text for c, signed by k, after the office lookup URL
// (empty: DefaultBase). c.KeyID is set to k.ID; the times are truncated to
// the minute.
func (k Key) Sign(c Claims, lookup string) (string, error) {
	if !k.CanSign() {
		return "", fmt.Errorf("key %s cannot sign: no matching private key", k.ID)
	}
	base, err := Base(lookup)
	if err != nil {
		return "", err
	}
	if err := checkCode("dossier code", c.Code); err != nil {
		return "", unmalformed(err)
	}
	if err := checkCode("procedure code", c.Procedure); err != nil {
		return "", unmalformed(err)
	}
	if c.Received.IsZero() {
		return "", errors.New("the received time is required")
	}
	if !c.Appointment.IsZero() && c.Appointment.Before(c.Received) {
		return "", errors.New("the appointment is before the received time")
	}
	r, a := formatTime(c.Received), formatTime(c.Appointment)
	if y := c.Received.In(dossier.Zone).Year(); y < 2000 || y > 2099 {
		return "", fmt.Errorf("received year %d is outside 2000–2099 (two-digit years)", y)
	}
	if y := c.Appointment.In(dossier.Zone).Year(); a != "" && (y < 2000 || y > 2099) {
		return "", fmt.Errorf("appointment year %d is outside 2000–2099 (two-digit years)", y)
	}
	sig := ed25519.Sign(k.Private, message(c.Code, c.Procedure, r, a, k.ID))
	sep := "?"
	if strings.Contains(base, "?") {
		sep = "&"
	}
	var b strings.Builder
	b.Grow(len(base) + len(c.Code) + len(c.Procedure) + 140)
	b.WriteString(base)
	b.WriteString(sep)
	for i, v := range [...]string{c.Code, c.Procedure, r, a, k.ID, base64.RawURLEncoding.EncodeToString(sig)} {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(params[i])
		b.WriteByte('=')
		b.WriteString(v) // every alphabet above is URL-safe
	}
	return b.String(), nil
}

// unmalformed turns a field check error into a plain input error for Sign.
func unmalformed(err error) error {
	return errors.New(strings.TrimPrefix(err.Error(), ErrMalformed.Error()+": "))
}

// Verify checks a scanned receipt text against the trusted keys. The text
// is a receipt URL (any base) or just its query. On success the claims are
// returned; otherwise the error wraps ErrMalformed, ErrUnknownKey or
// ErrBadSignature.
func Verify(text string, trusted func(keyID string) (ed25519.PublicKey, bool)) (Claims, error) {
	if len(text) > MaxText {
		return Claims{}, fmt.Errorf("%w: %d bytes is longer than a QR code holds", ErrMalformed, len(text))
	}
	text = strings.TrimSpace(text)
	query := text
	if i := strings.IndexByte(text, '?'); i >= 0 {
		query = text[i+1:]
	} else if !strings.HasPrefix(text, "c=") {
		return Claims{}, fmt.Errorf("%w: not a receipt code (no query with c=, p=, r=, a=, k=, s=)", ErrMalformed)
	}
	if i := strings.IndexByte(query, '#'); i >= 0 {
		query = query[:i]
	}
	var v [len(params)]string
	var seen [len(params)]bool
	for _, part := range strings.Split(query, "&") {
		name, val, ok := strings.Cut(part, "=")
		if !ok {
			continue // a parameter of the lookup URL itself
		}
		for i, p := range params {
			if name != p {
				continue
			}
			if seen[i] {
				return Claims{}, fmt.Errorf("%w: parameter %q appears twice", ErrMalformed, p)
			}
			un, err := url.QueryUnescape(val)
			if err != nil {
				return Claims{}, fmt.Errorf("%w: parameter %q: %v", ErrMalformed, p, err)
			}
			seen[i], v[i] = true, un
		}
	}
	for i, p := range params {
		if !seen[i] {
			return Claims{}, fmt.Errorf("%w: parameter %q is missing", ErrMalformed, p)
		}
	}
	c := Claims{Code: v[0], Procedure: v[1], KeyID: v[4]}
	if err := checkCode("dossier code", c.Code); err != nil {
		return Claims{}, err
	}
	if err := checkCode("procedure code", c.Procedure); err != nil {
		return Claims{}, err
	}
	var err error
	if c.Received, err = parseTime("received time", v[2], false); err != nil {
		return Claims{}, err
	}
	if c.Appointment, err = parseTime("appointment", v[3], true); err != nil {
		return Claims{}, err
	}
	if !validKeyID(c.KeyID) {
		return Claims{}, fmt.Errorf("%w: key id %q must be %d lower-case hex digits", ErrMalformed, c.KeyID, KeyIDLen)
	}
	sig, err := base64.RawURLEncoding.Strict().DecodeString(v[5])
	if err != nil || len(sig) != ed25519.SignatureSize {
		return Claims{}, fmt.Errorf("%w: the signature must be %d bytes in unpadded base64url", ErrMalformed, ed25519.SignatureSize)
	}
	pub, ok := trusted(c.KeyID)
	if !ok || len(pub) != ed25519.PublicKeySize {
		return Claims{}, fmt.Errorf("%w: key %s is not trusted by this desk (import the issuing desk's public key)", ErrUnknownKey, c.KeyID)
	}
	if !ed25519.Verify(pub, message(v[0], v[1], v[2], v[3], v[4]), sig) {
		return Claims{}, fmt.Errorf("%w: receipt %s was not signed by key %s or was altered", ErrBadSignature, c.Code, c.KeyID)
	}
	return c, nil
}
