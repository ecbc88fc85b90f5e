package syncproto

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"motcua/dossier"
)

// EnrollRequest registers a desk with the hub. The token is the one-time
// token an administrator issued for the office ("motcua-hub enroll").
type EnrollRequest struct {
	Token       string `json:"token"`
	Install     string `json:"install"`
	Incarnation string `json:"incarnation"`
	// Office is the agency code (mã định danh) the desk issues codes for.
	Office string `json:"office"`
	// Slot is the desk's code slot; Slots the office's slot count
	// (dossier.CodeScheme). The hub refuses a second desk of one office on
	// the same slot: two desks sharing a slot would issue the same codes.
	Slot      int    `json:"slot"`
	Slots     int    `json:"slots"`
	KeyID     string `json:"key_id"`
	PublicKey []byte `json:"public_key"`
	// Desk is the desk's name ("quay-03"), for the hub's listings.
	Desk string `json:"desk"`
}

// Check validates the request (not the token).
func (r *EnrollRequest) Check() error {
	const w = "enroll"
	switch {
	case len(r.Token) < 16 || len(r.Token) > 200:
		return ferr(w, "token", "the enrolment token is missing or malformed")
	case !ValidID(r.Install):
		return ferr(w, "install", "install id must be 8–64 lower-case hex digits")
	case !ValidID(r.Incarnation):
		return ferr(w, "incarnation", "incarnation id must be 8–64 lower-case hex digits")
	case len(r.PublicKey) != ed25519.PublicKeySize:
		return ferr(w, "public_key", "an Ed25519 public key is 32 bytes, got %d", len(r.PublicKey))
	case r.KeyID != KeyIDOf(r.PublicKey):
		return ferr(w, "key_id", "key id %q does not name the public key (its id is %s)", clip(r.KeyID), KeyIDOf(r.PublicKey))
	case strings.TrimSpace(r.Desk) == "" || utf8.RuneCountInString(r.Desk) > 50 || !utf8.ValidString(r.Desk):
		return ferr(w, "desk", "the desk name is required (at most 50 characters)")
	}
	if err := dossier.ValidateAgencyCode(r.Office); err != nil {
		return ferr(w, "office", "%v", err)
	}
	if r.Slots < 1 || r.Slots > 99 || r.Slot < 1 || r.Slot > r.Slots {
		return ferr(w, "slot", "slot %d of %d is not valid (1 ≤ slot ≤ slots ≤ 99)", r.Slot, r.Slots)
	}
	return nil
}

// DecodeEnrollRequest parses and checks a request strictly.
func DecodeEnrollRequest(b []byte) (*EnrollRequest, error) {
	var r EnrollRequest
	if err := strictJSON("enroll", b, &r); err != nil {
		return nil, err
	}
	if err := r.Check(); err != nil {
		return nil, err
	}
	return &r, nil
}

// EnrollResponse confirms an enrolment and hands the desk the hub's public
// key, which signs USB answer bundles.
type EnrollResponse struct {
	Office       string    `json:"office"`
	Slot         int       `json:"slot"`
	HubKeyID     string    `json:"hub_key_id"`
	HubPublicKey []byte    `json:"hub_public_key"`
	EnrolledAt   time.Time `json:"enrolled_at"`
}

// DecodeEnrollResponse parses a response strictly.
func DecodeEnrollResponse(b []byte) (*EnrollResponse, error) {
	var r EnrollResponse
	if err := strictJSON("enroll response", b, &r); err != nil {
		return nil, err
	}
	if len(r.HubPublicKey) != ed25519.PublicKeySize || r.HubKeyID != KeyIDOf(r.HubPublicKey) {
		return nil, ferr("enroll response", "hub_public_key", "the hub's public key or key id is not valid")
	}
	return &r, nil
}

// Request authentication. A desk signs every request other than a batch
// (which carries its own signature) with its key:
//
//	Authorization: MotcuaDesk key=<key id>,ts=<unix seconds>,sig=<base64url>
//
// over "motcua-req-v1\n" METHOD "\n" REQUEST-URI "\n" ts "\n" hex(SHA-256(body)).
// The hub accepts a timestamp within AuthSkew of its own clock.
const (
	AuthScheme = "MotcuaDesk"
	AuthSkew   = 24 * time.Hour
)

func requestSigningBytes(method, uri string, ts int64, body []byte) []byte {
	h := sha256.Sum256(body)
	return []byte("motcua-req-v1\n" + method + "\n" + uri + "\n" + strconv.FormatInt(ts, 10) + "\n" + hex.EncodeToString(h[:]))
}

// SignRequest returns the Authorization header value for a request.
func SignRequest(priv ed25519.PrivateKey, keyID, method, uri string, now time.Time, body []byte) string {
	ts := now.Unix()
	sig := ed25519.Sign(priv, requestSigningBytes(method, uri, ts, body))
	return fmt.Sprintf("%s key=%s,ts=%d,sig=%s", AuthScheme, keyID, ts, base64.RawURLEncoding.EncodeToString(sig))
}

// RequestAuth is a parsed Authorization header.
type RequestAuth struct {
	KeyID string
	TS    time.Time
	Sig   []byte
}

// ParseRequestAuth parses an Authorization header strictly.
func ParseRequestAuth(h string) (*RequestAuth, error) {
	const w = "authorization"
	rest, ok := strings.CutPrefix(h, AuthScheme+" ")
	if !ok {
		return nil, ferr(w, "", "want %q followed by key=,ts=,sig=", AuthScheme)
	}
	parts := strings.Split(rest, ",")
	if len(parts) != 3 {
		return nil, ferr(w, "", "want exactly key=, ts= and sig=")
	}
	var a RequestAuth
	for i, p := range parts {
		k, v, _ := strings.Cut(p, "=")
		switch {
		case i == 0 && k == "key":
			if !ValidID(v) {
				return nil, ferr(w, "key", "key id must be 8–64 lower-case hex digits")
			}
			a.KeyID = v
		case i == 1 && k == "ts":
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 || strconv.FormatInt(n, 10) != v {
				return nil, ferr(w, "ts", "timestamp must be Unix seconds")
			}
			a.TS = time.Unix(n, 0)
		case i == 2 && k == "sig":
			// Strict: one signature has one encoding (no stray bits in
			// the last character, no line breaks, which the decoder
			// would skip).
			s, err := base64.RawURLEncoding.Strict().DecodeString(v)
			if err != nil || len(s) != ed25519.SignatureSize || strings.ContainsAny(v, "\r\n") {
				return nil, ferr(w, "sig", "signature must be 64 bytes in unpadded base64url")
			}
			a.Sig = s
		default:
			return nil, ferr(w, "", "want key=, ts=, sig= in this order")
		}
	}
	return &a, nil
}

// Verify checks the header's signature over the request and its freshness.
func (a *RequestAuth) Verify(pub ed25519.PublicKey, method, uri string, body []byte, now time.Time) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("authorization: not an Ed25519 public key")
	}
	if d := now.Sub(a.TS); d > AuthSkew || d < -AuthSkew {
		return fmt.Errorf("authorization: request time %s is more than %s from the hub's clock (check the desk's clock)", a.TS.UTC().Format(time.RFC3339), AuthSkew)
	}
	if !ed25519.Verify(pub, requestSigningBytes(method, uri, a.TS.Unix(), body), a.Sig) {
		return fmt.Errorf("authorization: %w", ErrSignature)
	}
	return nil
}

// OutboxStats is the desk outbox summary the sync worker reads (the same
// fields as store.OutboxStats).
type OutboxStats struct {
	Pending     int    `json:"pending"`
	Quarantined int    `json:"quarantined"`
	LastSeq     uint64 `json:"last_seq"`
	Acked       uint64 `json:"acked"`
}

// AuditHead is the head of a desk's audit chain (the same fields as
// store.AuditHead): the sequence and hex SHA-256 of the last entry.
type AuditHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}
