package hub

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Migration is one schema step. Steps run in order, each in its own
// transaction, and are recorded in schema_migrations; a step is never
// edited once released: add a new one (and its test in migrations_test.go).
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations is the ordered schema history of the hub.
var Migrations = []Migration{
	{1, "desks, events, dossiers, changes", `
CREATE TABLE hub_keys (
	key_id      text PRIMARY KEY,
	private_key bytea NOT NULL,
	created_at  timestamptz NOT NULL
);
-- One-time enrolment tokens and reusable API keys, stored as SHA-256.
CREATE TABLE tokens (
	hash       bytea PRIMARY KEY,
	kind       text NOT NULL CHECK (kind IN ('enroll', 'api')),
	office     text NOT NULL DEFAULT '',
	name       text NOT NULL DEFAULT '',
	created_at timestamptz NOT NULL,
	expires_at timestamptz,
	used_at    timestamptz,
	used_by    text
);
CREATE TABLE desks (
	install     text PRIMARY KEY,
	office      text NOT NULL,
	slot        int NOT NULL,
	slots       int NOT NULL,
	name        text NOT NULL,
	key_id      text NOT NULL UNIQUE,
	public_key  bytea NOT NULL,
	incarnation text NOT NULL,
	enrolled_at timestamptz NOT NULL,
	last_seen   timestamptz,
	covered     bigint NOT NULL DEFAULT 0
);
-- The dossier-code scheme gives every desk of an office its own block of
-- numbers by slot (dossier/code.go): two desks on one slot would issue the
-- same codes.
CREATE UNIQUE INDEX desks_office_slot ON desks (office, slot);
CREATE TABLE incarnations (
	install     text NOT NULL REFERENCES desks (install),
	incarnation text NOT NULL,
	first_seen  timestamptz NOT NULL,
	retired_at  timestamptz,
	PRIMARY KEY (install, incarnation)
);
-- Every event exactly once, keyed by (installation, sequence).
CREATE TABLE events (
	install     text NOT NULL,
	seq         bigint NOT NULL,
	hash        bytea NOT NULL,
	incarnation text NOT NULL,
	kind        text NOT NULL,
	code        text NOT NULL,
	at          timestamptz NOT NULL,
	received_at timestamptz NOT NULL,
	payload     bytea NOT NULL,
	PRIMARY KEY (install, seq)
);
-- Journal ranges covered by batches above the desk's contiguous watermark.
CREATE TABLE ranges (
	install text NOT NULL,
	first   bigint NOT NULL,
	last    bigint NOT NULL,
	PRIMARY KEY (install, first, last)
);
-- Current state per dossier: the snapshot with the highest (install, seq).
CREATE TABLE dossiers (
	office         text NOT NULL,
	code           text NOT NULL,
	kind           smallint NOT NULL,
	install        text NOT NULL,
	seq            bigint NOT NULL,
	status         smallint NOT NULL,
	channel        smallint NOT NULL,
	received_at    timestamptz,
	received_day   date,
	appointment    timestamptz,
	finished_at    timestamptz,
	returned_at    timestamptz,
	clerk          text NOT NULL,
	desk           text NOT NULL,
	procedure_code text NOT NULL,
	procedure_name text NOT NULL,
	department     text NOT NULL,
	snapshot       bytea NOT NULL,
	updated_at     timestamptz NOT NULL,
	PRIMARY KEY (office, code)
);
CREATE INDEX dossiers_day ON dossiers (office, received_day);
CREATE INDEX dossiers_code ON dossiers (code);
CREATE TABLE anomalies (
	id        bigserial PRIMARY KEY,
	at        timestamptz NOT NULL,
	install   text NOT NULL,
	seq       bigint NOT NULL DEFAULT 0,
	kind      text NOT NULL,
	detail    text NOT NULL,
	hash_held bytea,
	hash_sent bytea
);
-- Changes made at the hub, pulled by desks in cursor order.
CREATE TABLE changes (
	cursor         bigserial PRIMARY KEY,
	id             text NOT NULL UNIQUE,
	kind           text NOT NULL,
	office         text NOT NULL,
	target_install text NOT NULL DEFAULT '',
	code           text NOT NULL DEFAULT '',
	at             timestamptz NOT NULL,
	by_name        text NOT NULL,
	event          bytea,
	version        text NOT NULL DEFAULT '',
	data           bytea
);
CREATE INDEX changes_target ON changes (target_install, cursor);
`},
	{2, "national portal forwarding state", `
CREATE TABLE portal_sync (
	code         text PRIMARY KEY,
	install      text NOT NULL,
	seq          bigint NOT NULL,
	forwarded_at timestamptz NOT NULL,
	updating     boolean NOT NULL
);
CREATE TABLE portal_errors (
	code  text PRIMARY KEY,
	seq   bigint NOT NULL,
	at    timestamptz NOT NULL,
	error text NOT NULL
);
`},
	{3, "incarnation lineage: events keyed by (install, seq, incarnation), lost tails after a restore", `
-- A restored desk database (a new incarnation) continues its journal from
-- the backup's last sequence, so it re-uses the sequences of the events
-- that were lost with the newer copy. Events are therefore keyed by
-- (install, seq, incarnation); gen orders the incarnations of a desk.
ALTER TABLE incarnations ADD COLUMN gen int;
UPDATE incarnations i SET gen = r.n FROM (
	SELECT x.install, x.incarnation,
		row_number() OVER (PARTITION BY x.install ORDER BY (x.incarnation = d.incarnation), x.first_seen, x.incarnation) AS n
	FROM incarnations x JOIN desks d ON d.install = x.install) r
WHERE i.install = r.install AND i.incarnation = r.incarnation;
ALTER TABLE incarnations ALTER COLUMN gen SET NOT NULL;
CREATE UNIQUE INDEX incarnations_gen ON incarnations (install, gen);
-- For the current incarnation: diverged_at is the lowest sequence at which
-- its journal is known to differ from the earlier incarnations' (every
-- earlier event from there on is lost from the desk); shared_to the
-- highest sequence it re-sent with the same content (common history).
ALTER TABLE incarnations ADD COLUMN diverged_at bigint, ADD COLUMN shared_to bigint NOT NULL DEFAULT 0;
ALTER TABLE events DROP CONSTRAINT events_pkey;
ALTER TABLE events ADD PRIMARY KEY (install, seq, incarnation);
-- lost_at: the event is not in the desk's current database (it was lost
-- when the desk was restored from an older backup); it stays for the record.
ALTER TABLE events ADD COLUMN lost_at timestamptz;
-- gen orders snapshots of one dossier across incarnations; lost marks a
-- dossier the hub holds but the restored desk does not.
ALTER TABLE dossiers ADD COLUMN gen int NOT NULL DEFAULT 1, ADD COLUMN lost boolean NOT NULL DEFAULT false;
UPDATE dossiers d SET gen = i.gen FROM events e JOIN incarnations i ON i.install = e.install AND i.incarnation = e.incarnation
WHERE e.install = d.install AND e.seq = d.seq AND d.gen <> i.gen;
-- Dossiers (or their latest changes) lost from a desk after a restore, so
-- the office can re-enter them. what = 'dossier': issued after the backup,
-- unknown to the desk; 'changes': the desk holds an older state. reissued:
-- the restored desk issued the same code to another dossier.
CREATE TABLE lost_dossiers (
	office      text NOT NULL,
	code        text NOT NULL,
	install     text NOT NULL,
	incarnation text NOT NULL,
	what        text NOT NULL CHECK (what IN ('dossier', 'changes')),
	first_seq   bigint NOT NULL,
	last_seq    bigint NOT NULL,
	events      int NOT NULL,
	status      smallint NOT NULL,
	received_at timestamptz,
	reissued    boolean NOT NULL DEFAULT false,
	detected_at timestamptz NOT NULL,
	resolved_at timestamptz,
	resolved_by text,
	snapshot    bytea NOT NULL,
	PRIMARY KEY (install, incarnation, code)
);
CREATE INDEX lost_dossiers_office ON lost_dossiers (office, code);
`},
	{4, "national portal forwarding: payload hashes, answers, retry schedule", `
-- What was delivered per dossier: the snapshot (install, gen, seq), the
-- SHA-256 of the mapped DongBoHoSoMC item, the portal's answer, and the
-- CapNhatTienDoHoSoMC progress items that went: their count and, per
-- item, the first 8 bytes of the SHA-256 of its JSON (R1's per-step flag).
ALTER TABLE portal_sync ADD COLUMN office text NOT NULL DEFAULT '', ADD COLUMN gen int NOT NULL DEFAULT 1,
	ADD COLUMN hash bytea, ADD COLUMN answer text NOT NULL DEFAULT '',
	ADD COLUMN progress_sent int NOT NULL DEFAULT 0, ADD COLUMN progress_keys bytea NOT NULL DEFAULT '\x';
CREATE INDEX portal_sync_office ON portal_sync (office);
-- A dossier the portal (or the mapping) refused: retried with capped
-- backoff, never blocking the others.
ALTER TABLE portal_errors ADD COLUMN office text NOT NULL DEFAULT '', ADD COLUMN install text NOT NULL DEFAULT '',
	ADD COLUMN gen int NOT NULL DEFAULT 1, ADD COLUMN attempts int NOT NULL DEFAULT 1,
	ADD COLUMN next_attempt timestamptz NOT NULL DEFAULT now(), ADD COLUMN hash bytea;
CREATE INDEX portal_errors_office ON portal_errors (office);
-- The forwarder of one unit (madonvi): its last run and last error.
CREATE TABLE portal_state (
	unit          text PRIMARY KEY,
	last_run      timestamptz,
	last_success  timestamptz,
	last_error    text NOT NULL DEFAULT '',
	last_error_at timestamptz,
	failures      int NOT NULL DEFAULT 0
);
`},
}

// Migrate brings the schema up to date and returns how many steps ran. It
// takes an advisory lock so two hub processes starting together do not
// race.
func Migrate(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	return MigrateTo(ctx, pool, len(Migrations))
}

// MigrateTo applies the steps up to version target (tests step through the
// history with it).
func MigrateTo(ctx context.Context, pool *pgxpool.Pool, target int) (int, error) {
	if target < 0 || target > len(Migrations) {
		return 0, fmt.Errorf("migrate: no schema version %d (known: 1–%d)", target, len(Migrations))
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(74656)`); err != nil {
		return 0, fmt.Errorf("migrate: lock: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(74656)`)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	var have int
	if err := conn.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		return 0, fmt.Errorf("migrate: %w", err)
	}
	if have > len(Migrations) {
		return 0, fmt.Errorf("migrate: the database has schema version %d, this hub knows %d: run a newer motcua-hub", have, len(Migrations))
	}
	n := 0
	for _, m := range Migrations[min(have, target):target] {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES ($1, $2)`, m.Version, m.Name)
			return err
		})
		if err != nil {
			return n, fmt.Errorf("migrate: step %d (%s): %w", m.Version, m.Name, err)
		}
		n++
	}
	return n, nil
}

// SchemaVersion returns the applied schema version.
func SchemaVersion(ctx context.Context, pool *pgxpool.Pool) (int, error) {
	var v int
	err := pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}
