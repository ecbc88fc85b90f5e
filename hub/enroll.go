package hub

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"motcua/dossier"
	"motcua/syncproto"
)

// Token prefixes: the kind is visible to the operator handling it.
const (
	enrollPrefix = "enr-"
	apiPrefix    = "api-"
	// EnrollTokenTTL is how long an enrolment token stays valid.
	EnrollTokenTTL = 7 * 24 * time.Hour
)

func newToken(prefix string) (string, []byte) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	t := prefix + hex.EncodeToString(b)
	return t, tokenHash(t)
}

func tokenHash(t string) []byte {
	h := sha256.Sum256([]byte(strings.TrimSpace(t)))
	return h[:]
}

// IssueEnrollToken creates a one-time token that enrols one desk of the
// office; the hub keeps only its hash.
func (h *Hub) IssueEnrollToken(ctx context.Context, office string) (string, error) {
	if err := dossier.ValidateAgencyCode(office); err != nil {
		return "", err
	}
	t, hash := newToken(enrollPrefix)
	now := h.now()
	_, err := h.pool.Exec(ctx, `INSERT INTO tokens (hash, kind, office, created_at, expires_at) VALUES ($1, 'enroll', $2, $3, $4)`,
		hash, office, now, now.Add(EnrollTokenTTL))
	if err != nil {
		return "", fmt.Errorf("issue enrolment token: %w", err)
	}
	h.log.Info("enrolment token issued", "office", office)
	return t, nil
}

// IssueAPIKey creates a reusable key for a department or an administrator
// (status changes, catalog and holiday publishing). office "" allows every
// office.
func (h *Hub) IssueAPIKey(ctx context.Context, name, office string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", fmt.Errorf("the API key needs a name (at most 100 bytes), e.g. the department")
	}
	if office != "" {
		if err := dossier.ValidateAgencyCode(office); err != nil {
			return "", err
		}
	}
	t, hash := newToken(apiPrefix)
	_, err := h.pool.Exec(ctx, `INSERT INTO tokens (hash, kind, office, name, created_at) VALUES ($1, 'api', $2, $3, $4)`, hash, office, name, h.now())
	if err != nil {
		return "", fmt.Errorf("issue API key: %w", err)
	}
	return t, nil
}

// apiKey is an authenticated API caller.
type apiKey struct {
	Name   string
	Office string
}

func (h *Hub) authAPI(ctx context.Context, bearer string) (*apiKey, error) {
	t, ok := strings.CutPrefix(bearer, "Bearer ")
	if !ok || !strings.HasPrefix(t, apiPrefix) {
		return nil, errf(http.StatusUnauthorized, "unauthorised", "an API key is required (Authorization: Bearer api-…)")
	}
	var k apiKey
	err := h.pool.QueryRow(ctx, `SELECT name, office FROM tokens WHERE hash = $1 AND kind = 'api'`, tokenHash(t)).Scan(&k.Name, &k.Office)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errf(http.StatusUnauthorized, "unauthorised", "unknown API key")
	}
	return &k, err
}

// Enroll registers a desk with a one-time token. Re-sending the same
// request (a lost response) succeeds again; another desk with the token,
// a token for another office, or a second desk on an office's slot are
// refused.
func (h *Hub) Enroll(ctx context.Context, req *syncproto.EnrollRequest) (*syncproto.EnrollResponse, error) {
	if err := req.Check(); err != nil {
		return nil, err
	}
	now := h.now()
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		var kind, office string
		var expires *time.Time
		var usedBy *string
		err := tx.QueryRow(ctx, `SELECT kind, office, expires_at, used_by FROM tokens WHERE hash = $1 FOR UPDATE`, tokenHash(req.Token)).
			Scan(&kind, &office, &expires, &usedBy)
		if errors.Is(err, pgx.ErrNoRows) || (err == nil && kind != "enroll") {
			return errf(http.StatusForbidden, "token", "unknown enrolment token (ask the hub administrator for a new one: motcua-hub enroll --office %s)", req.Office)
		}
		if err != nil {
			return err
		}
		if usedBy != nil && *usedBy != req.Install {
			return errf(http.StatusForbidden, "token", "this enrolment token was already used by another desk")
		}
		if usedBy == nil && expires != nil && now.After(*expires) {
			return errf(http.StatusForbidden, "token", "this enrolment token expired on %s", expires.Format("2006-01-02"))
		}
		if office != req.Office {
			return errf(http.StatusForbidden, "token", "this token was issued for office %s, the desk belongs to %s", office, req.Office)
		}
		var holder, holderName string
		err = tx.QueryRow(ctx, `SELECT install, name FROM desks WHERE office = $1 AND slot = $2 AND install <> $3`, req.Office, req.Slot, req.Install).Scan(&holder, &holderName)
		if err == nil {
			return errf(http.StatusConflict, "slot-taken", "code slot %d of office %s is already held by desk %q; give this desk another slot (two desks on one slot would issue the same dossier codes)", req.Slot, req.Office, holderName)
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var oldOffice string
		err = tx.QueryRow(ctx, `SELECT office FROM desks WHERE install = $1`, req.Install).Scan(&oldOffice)
		switch {
		case err == nil && oldOffice != req.Office:
			return errf(http.StatusConflict, "conflict", "this installation is enrolled for office %s, not %s", oldOffice, req.Office)
		case err != nil && !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		var other string
		err = tx.QueryRow(ctx, `SELECT install FROM desks WHERE key_id = $1 AND install <> $2`, req.KeyID, req.Install).Scan(&other)
		if err == nil {
			return errf(http.StatusConflict, "conflict", "key %s is already registered for another desk (give this desk a new key with motcuactl receipt key new, then enrol again)", req.KeyID)
		} else if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if _, err := tx.Exec(ctx, `
INSERT INTO desks (install, office, slot, slots, name, key_id, public_key, incarnation, enrolled_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (install) DO UPDATE SET slot = $3, slots = $4, name = $5, key_id = $6, public_key = $7, enrolled_at = $9`,
			req.Install, req.Office, req.Slot, req.Slots, req.Desk, req.KeyID, []byte(req.PublicKey), req.Incarnation, now); err != nil {
			return err
		}
		// A re-enrolment keeps the desk's incarnation history: a new
		// incarnation is switched to by its first batch (checkIncarnation),
		// which retires the old one and records its lost tail.
		if _, err := tx.Exec(ctx, `
INSERT INTO incarnations (install, incarnation, first_seen, gen)
SELECT $1, $2, $3, 1 WHERE NOT EXISTS (SELECT 1 FROM incarnations WHERE install = $1)`,
			req.Install, req.Incarnation, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE tokens SET used_at = coalesce(used_at, $2), used_by = $3 WHERE hash = $1`, tokenHash(req.Token), now, req.Install)
		return err
	})
	if err != nil {
		return nil, err
	}
	h.log.Info("desk enrolled", "install", req.Install, "office", req.Office, "slot", req.Slot, "key", req.KeyID)
	return &syncproto.EnrollResponse{Office: req.Office, Slot: req.Slot, HubKeyID: h.keyID, HubPublicKey: h.PublicKey(), EnrolledAt: now.UTC()}, nil
}

// desk is an enrolled desk as the hub knows it.
type desk struct {
	Install     string
	Office      string
	Name        string
	KeyID       string
	PublicKey   ed25519.PublicKey
	Incarnation string
	// Gen is the generation of the current incarnation (1 = the database
	// the desk enrolled with, +1 for every restore).
	Gen     int
	Covered uint64
}

func (h *Hub) deskByKey(ctx context.Context, q pgx.Tx, keyID string, lock bool) (*desk, error) {
	sql := `SELECT d.install, d.office, d.name, d.key_id, d.public_key, d.incarnation, d.covered, coalesce(i.gen, 0)
FROM desks d LEFT JOIN incarnations i ON i.install = d.install AND i.incarnation = d.incarnation WHERE d.key_id = $1`
	if lock {
		sql += ` FOR UPDATE OF d`
	}
	var d desk
	var pub []byte
	var covered int64
	var row pgx.Row
	if q != nil {
		row = q.QueryRow(ctx, sql, keyID)
	} else {
		row = h.pool.QueryRow(ctx, sql, keyID)
	}
	err := row.Scan(&d.Install, &d.Office, &d.Name, &d.KeyID, &pub, &d.Incarnation, &covered, &d.Gen)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errf(http.StatusUnauthorized, "unknown-desk", "key %s belongs to no enrolled desk (enrol the desk: motcuactl sync enroll)", keyID)
	}
	if err != nil {
		return nil, err
	}
	d.PublicKey = pub
	d.Covered = uint64(covered)
	return &d, nil
}

// authDesk checks a desk-signed request (syncproto.SignRequest).
func (h *Hub) authDesk(ctx context.Context, r *http.Request, body []byte) (*desk, error) {
	a, err := syncproto.ParseRequestAuth(r.Header.Get("Authorization"))
	if err != nil {
		return nil, errf(http.StatusUnauthorized, "unauthorised", "%v", err)
	}
	d, err := h.deskByKey(ctx, nil, a.KeyID, false)
	if err != nil {
		return nil, err
	}
	if err := a.Verify(d.PublicKey, r.Method, r.URL.RequestURI(), body, h.now()); err != nil {
		return nil, errf(http.StatusUnauthorized, "signature", "%v", err)
	}
	return d, nil
}
