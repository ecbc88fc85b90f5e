// Package hub is the provincial sync hub: it enrols desks, ingests their
// signed event batches into PostgreSQL exactly once, keeps the current
// state of every dossier for office-wide queries, holds the changes made at
// the hub (status changes by departments, catalog and holiday updates) for
// desks to pull, imports USB bundles and forwards dossiers to the national
// portal (hub/portal).
//
// Rules and sources: ../shared/docs/peers.md §1 and §3 (client-minted ids,
// duplicate = success, 409 on different content, no head-of-line
// blocking), ../shared/docs/style.md A6 and point 18 (syncthing-style
// sequences and incarnations).
package hub

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"motcua/syncproto"
)

// Options configure Open.
type Options struct {
	// Now is the hub clock (default time.Now).
	Now func() time.Time
	// Logger receives operational messages (default: discard). Logs carry
	// ids, sequences and counts, never personal data.
	Logger *slog.Logger
	// MaxConns bounds the PostgreSQL pool (default 8).
	MaxConns int32
}

// Hub is an open hub database.
type Hub struct {
	pool  *pgxpool.Pool
	now   func() time.Time
	log   *slog.Logger
	key   ed25519.PrivateKey
	keyID string
}

// Open connects to PostgreSQL, applies the migrations and loads (or
// creates) the hub's signing key.
func Open(ctx context.Context, url string, opt Options) (*Hub, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxConns == 0 {
		opt.MaxConns = 8
	}
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("hub: PostgreSQL URL: %w", err)
	}
	cfg.MaxConns = opt.MaxConns
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("hub: connect: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("hub: connect to PostgreSQL: %w", err)
	}
	h := &Hub{pool: pool, now: opt.Now, log: opt.Logger}
	n, err := Migrate(ctx, pool)
	if err != nil {
		pool.Close()
		return nil, err
	}
	if n > 0 {
		h.log.Info("schema migrated", "steps", n, "version", len(Migrations))
	}
	if err := h.loadKey(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	return h, nil
}

// Close closes the pool.
func (h *Hub) Close() { h.pool.Close() }

// Pool exposes the connection pool (commands and tests).
func (h *Hub) Pool() *pgxpool.Pool { return h.pool }

// KeyID returns the id of the hub's signing key.
func (h *Hub) KeyID() string { return h.keyID }

// PublicKey returns the hub's public key (given to desks at enrolment).
func (h *Hub) PublicKey() ed25519.PublicKey { return h.key.Public().(ed25519.PublicKey) }

func (h *Hub) loadKey(ctx context.Context) error {
	var priv []byte
	err := h.pool.QueryRow(ctx, `SELECT private_key FROM hub_keys ORDER BY created_at, key_id LIMIT 1`).Scan(&priv)
	if errors.Is(err, pgx.ErrNoRows) {
		_, k, gerr := ed25519.GenerateKey(rand.Reader)
		if gerr != nil {
			return gerr
		}
		id := syncproto.KeyIDOf(k.Public().(ed25519.PublicKey))
		if _, err := h.pool.Exec(ctx, `INSERT INTO hub_keys (key_id, private_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, id, []byte(k), h.now()); err != nil {
			return fmt.Errorf("hub: store signing key: %w", err)
		}
		return h.loadKey(ctx)
	}
	if err != nil {
		return fmt.Errorf("hub: load signing key: %w", err)
	}
	if len(priv) != ed25519.PrivateKeySize {
		return fmt.Errorf("hub: the stored signing key is %d bytes, not an Ed25519 key", len(priv))
	}
	h.key = ed25519.PrivateKey(priv)
	h.keyID = syncproto.KeyIDOf(h.PublicKey())
	return nil
}

// Error is a hub error with an HTTP status and a stable code word
// (syncproto.ErrorBody).
type Error struct {
	Status int
	Code   string
	Msg    string
}

func (e *Error) Error() string { return e.Msg }

func errf(status int, code, format string, a ...any) *Error {
	return &Error{Status: status, Code: code, Msg: fmt.Sprintf(format, a...)}
}

// statusOf maps an error to its HTTP status and code word.
func statusOf(err error) (int, string) {
	var he *Error
	if errors.As(err, &he) {
		return he.Status, he.Code
	}
	if errors.Is(err, syncproto.ErrMalformed) {
		return http.StatusBadRequest, "malformed"
	}
	return http.StatusInternalServerError, "internal"
}

func randomID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return fmt.Sprintf("%x", b)
}
