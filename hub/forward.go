package hub

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"motcua/dossier"
	"motcua/hub/portal"
)

// The portal forwarder sends the current state of every dossier of one unit
// (madonvi, the office's agency code) to the national portal through the
// LGSP adapter (hub/portal, ../shared/docs/domain.md §3): the DongBoHoSoMC
// item, then — only after the upsert succeeded, as R2 does — the
// CapNhatTienDoHoSoMC progress items not yet delivered, in chunks of 10
// (R1). Per dossier it records what was delivered in portal_sync (the
// snapshot (install, gen, seq), the SHA-256 of the mapped item, how many
// progress items went and their hash, the portal's answer), like R1's
// per-dossier and per-step flags, so a re-run sends nothing and a change
// sends an update with the new steps. A dossier the portal refuses is
// recorded in portal_errors with the reason and retried with capped
// backoff; it never holds back the others. The portal being unreachable
// (or refusing the credentials) stops the pass; the loop retries it with
// capped backoff.

// ForwardOptions configure a Forwarder.
type ForwardOptions struct {
	// Unit is the madonvi: the agency code of the office whose dossiers go
	// (the client's MaDonVi).
	Unit   string
	Client *portal.Client
	// Map carries what the dossier does not know (DonViXuLy…).
	Map portal.Options
	// Interval is the pause between passes (default 5 minutes).
	Interval time.Duration
	// MinBackoff and MaxBackoff bound the capped exponential backoff of a
	// refused dossier and of a failed pass (defaults 1 minute and 6 hours).
	MinBackoff, MaxBackoff time.Duration
	// Page is how many dossiers one query reads (default 200).
	Page   int
	Logger *slog.Logger
}

// Forwarder forwards one unit's dossiers to the portal.
type Forwarder struct {
	h   *Hub
	opt ForwardOptions
	log *slog.Logger
}

// NewForwarder checks the options.
func (h *Hub) NewForwarder(opt ForwardOptions) (*Forwarder, error) {
	if err := dossier.ValidateAgencyCode(opt.Unit); err != nil {
		return nil, fmt.Errorf("forward: unit: %w", err)
	}
	if opt.Client == nil {
		return nil, errors.New("forward: a portal client is required")
	}
	if opt.Client.MaDonVi == "" {
		opt.Client.MaDonVi = opt.Unit
	}
	if opt.Interval <= 0 {
		opt.Interval = 5 * time.Minute
	}
	if opt.MinBackoff <= 0 {
		opt.MinBackoff = time.Minute
	}
	if opt.MaxBackoff < opt.MinBackoff {
		opt.MaxBackoff = max(6*time.Hour, opt.MinBackoff)
	}
	if opt.Page <= 0 {
		opt.Page = 200
	}
	if opt.Logger == nil {
		opt.Logger = h.log
	}
	return &Forwarder{h: h, opt: opt, log: opt.Logger}, nil
}

// ForwardResult summarises one pass.
type ForwardResult struct {
	// Sent counts dossiers delivered in this pass (Updated of them as
	// updates); Progress the progress items delivered.
	Sent, Updated, Progress int
	// Unchanged: the dossier's state changed at the hub but its mapped
	// item and progress did not (a note): recorded, nothing sent.
	Unchanged int
	// Rejected: refused by the portal or by the mapping (recorded, retried
	// later); Held: held back (a code a restored desk issued again);
	// Deferred: refused before and not yet due again.
	Rejected, Held, Deferred int
}

// PortalUnavailableError is a pass stopped because the portal could not
// be reached or refused the forwarder itself (credentials): nothing is
// recorded against the dossiers.
type PortalUnavailableError struct{ Err error }

func (e *PortalUnavailableError) Error() string { return "portal unavailable: " + e.Err.Error() }
func (e *PortalUnavailableError) Unwrap() error { return e.Err }

// backoffAfter is the capped exponential delay after n failures.
func backoffAfter(n int, minD, maxD time.Duration) time.Duration {
	d := minD
	for i := 1; i < n && d < maxD; i++ {
		d *= 2
	}
	return min(d, maxD)
}

// candidate is a dossier whose current state is not delivered.
type candidate struct {
	code     string
	install  string
	gen      int
	seq      int64
	snapshot []byte
	reissued bool
	// what was delivered before (known) and the last refusal
	known        bool
	hash         []byte
	progressKeys []byte // stepKey of every delivered progress item
	errSame      bool   // the refusal was of this same state
	errAttempts  int
	errNext      time.Time
}

// stepKey identifies a progress item by content: the first 8 bytes of the
// SHA-256 of its JSON. A step is sent once; a restored desk's history
// that differs gives other steps, which are sent.
func stepKey(it portal.TienDo) [8]byte {
	b, err := json.Marshal(it)
	if err != nil {
		panic(err) // strings only
	}
	s := sha256.Sum256(b)
	return [8]byte(s[:8])
}

// newSteps returns the items whose key is not among the delivered keys.
func newSteps(items []portal.TienDo, delivered []byte) []portal.TienDo {
	have := map[[8]byte]bool{}
	for i := 0; i+8 <= len(delivered); i += 8 {
		have[[8]byte(delivered[i:i+8])] = true
	}
	var out []portal.TienDo
	for _, it := range items {
		if k := stepKey(it); !have[k] {
			have[k] = true
			out = append(out, it)
		}
	}
	return out
}

func withSteps(delivered []byte, items []portal.TienDo) []byte {
	out := append([]byte(nil), delivered...)
	for _, it := range items {
		k := stepKey(it)
		out = append(out, k[:]...)
	}
	return out
}

// RunOnce forwards every dossier of the unit whose current state is not
// delivered yet. It returns a *PortalUnavailableError when the portal
// could not be reached; what was delivered before that is recorded.
func (f *Forwarder) RunOnce(ctx context.Context) (ForwardResult, error) {
	var res ForwardResult
	conn, err := f.h.pool.Acquire(ctx)
	if err != nil {
		return res, err
	}
	defer conn.Release()
	lock := unitLock(f.opt.Unit)
	var got bool
	if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1)`, lock).Scan(&got); err != nil {
		return res, err
	}
	if !got {
		return res, fmt.Errorf("forward: another forwarder is running for unit %s", f.opt.Unit)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, lock)

	start := f.h.now()
	if _, err := f.h.pool.Exec(ctx, `INSERT INTO portal_state (unit, last_run) VALUES ($1, $2) ON CONFLICT (unit) DO UPDATE SET last_run = $2`, f.opt.Unit, start); err != nil {
		return res, err
	}
	after := ""
	for {
		cs, err := f.candidates(ctx, after)
		if err != nil {
			return res, err
		}
		for _, c := range cs {
			if err := f.forward(ctx, c, &res); err != nil {
				f.recordPass(ctx, err)
				return res, err
			}
		}
		if len(cs) < f.opt.Page {
			break
		}
		after = cs[len(cs)-1].code
	}
	f.recordPass(ctx, nil)
	if res.Sent > 0 || res.Rejected > 0 {
		f.log.Info("portal forwarding pass", "unit", f.opt.Unit, "sent", res.Sent, "updated", res.Updated, "progress", res.Progress,
			"rejected", res.Rejected, "held", res.Held, "deferred", res.Deferred)
	}
	return res, nil
}

func unitLock(unit string) int64 {
	h := fnv.New64a()
	h.Write([]byte("motcua-forward:" + unit))
	return int64(h.Sum64() >> 1)
}

func (f *Forwarder) recordPass(ctx context.Context, err error) {
	ctx = context.WithoutCancel(ctx)
	now := f.h.now()
	var qerr error
	if err == nil {
		_, qerr = f.h.pool.Exec(ctx, `UPDATE portal_state SET last_success = $2, failures = 0 WHERE unit = $1`, f.opt.Unit, now)
	} else {
		_, qerr = f.h.pool.Exec(ctx, `UPDATE portal_state SET last_error = $2, last_error_at = $3, failures = failures + 1 WHERE unit = $1`,
			f.opt.Unit, clipText(err.Error(), 1000), now)
	}
	if qerr != nil {
		f.log.Error("record forwarding state", "unit", f.opt.Unit, "err", qerr)
	}
}

func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}

func (f *Forwarder) candidates(ctx context.Context, after string) ([]candidate, error) {
	rows, err := f.h.pool.Query(ctx, `
SELECT d.code, d.install, d.gen, d.seq, d.snapshot,
	EXISTS (SELECT 1 FROM lost_dossiers l WHERE l.office = d.office AND l.code = d.code AND l.reissued AND l.resolved_at IS NULL),
	p.code IS NOT NULL, p.hash, coalesce(p.progress_keys, ''::bytea),
	e.code IS NOT NULL AND (e.install, e.gen, e.seq) = (d.install, d.gen, d.seq), coalesce(e.attempts, 0), e.next_attempt
FROM dossiers d
LEFT JOIN portal_sync p ON p.code = d.code
LEFT JOIN portal_errors e ON e.code = d.code
WHERE d.office = $1 AND d.kind = $2 AND d.code > $3
	AND (p.code IS NULL OR (p.install, p.gen, p.seq) <> (d.install, d.gen, d.seq))
ORDER BY d.code LIMIT $4`, f.opt.Unit, int16(dossier.KindDossier), after, f.opt.Page)
	if err != nil {
		return nil, err
	}
	var out []candidate
	var c candidate
	var next pgtype.Timestamptz
	_, err = pgx.ForEachRow(rows, []any{&c.code, &c.install, &c.gen, &c.seq, &c.snapshot, &c.reissued,
		&c.known, &c.hash, &c.progressKeys, &c.errSame, &c.errAttempts, &next}, func() error {
		x := c
		x.snapshot = append([]byte(nil), c.snapshot...)
		x.hash = append([]byte(nil), c.hash...)
		x.progressKeys = append([]byte(nil), c.progressKeys...)
		x.errNext = next.Time
		out = append(out, x)
		return nil
	})
	return out, err
}

// forward delivers one dossier. Refusals are recorded and return nil;
// only a portal outage returns an error.
func (f *Forwarder) forward(ctx context.Context, c candidate, res *ForwardResult) error {
	now := f.h.now()
	if c.errSame && now.Before(c.errNext) {
		res.Deferred++
		return nil
	}
	if c.reissued {
		res.Held++
		return f.reject(ctx, c, nil, fmt.Sprintf("held back: code %s was issued again by a restored desk to another dossier, and the portal may hold the first one under it; the office resolves it (motcua-hub lost --resolve %s), then it is sent", c.code, c.code))
	}
	ev, err := snapshotDossier(c.snapshot)
	if err != nil {
		res.Rejected++
		return f.reject(ctx, c, nil, fmt.Sprintf("stored snapshot unreadable: %v", err))
	}
	h, progress, err := portal.Map(ev.Dossier, f.opt.Map)
	if err != nil {
		res.Rejected++
		return f.reject(ctx, c, nil, err.Error())
	}
	item, err := json.Marshal(h)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(item)
	// Progress steps not delivered yet (all of them for a new dossier).
	steps := newSteps(progress, c.progressKeys)
	if c.known && bytes.Equal(c.hash, sum[:]) && len(steps) == 0 {
		res.Unchanged++
		return f.delivered(ctx, c, sum[:], portal.Answer{}, c.progressKeys, true)
	}
	answer := portal.Answer{}
	if !c.known || !bytes.Equal(c.hash, sum[:]) {
		answer, err = f.opt.Client.Upsert(ctx, h, c.known)
		if err != nil {
			if portal.IsRejection(err) {
				res.Rejected++
				return f.reject(ctx, c, sum[:], err.Error())
			}
			return &PortalUnavailableError{err}
		}
	}
	// R2 sends the progress only after the dossier upsert succeeded.
	n, perr := f.opt.Client.Progress(ctx, steps)
	res.Progress += n
	keys := withSteps(c.progressKeys, steps[:n])
	if perr != nil {
		// The dossier went, part of its progress did not: record what
		// went, leave the state undelivered.
		if err := f.partial(ctx, c, sum[:], answer, keys); err != nil {
			return err
		}
		if portal.IsRejection(perr) {
			res.Rejected++
			return f.reject(ctx, c, sum[:], perr.Error())
		}
		return &PortalUnavailableError{perr}
	}
	res.Sent++
	if answer.Updated {
		res.Updated++
	}
	return f.delivered(ctx, c, sum[:], answer, keys, false)
}

// delivered records the dossier's current state as delivered.
func (f *Forwarder) delivered(ctx context.Context, c candidate, sum []byte, a portal.Answer, keys []byte, unchanged bool) error {
	now := f.h.now()
	return pgx.BeginFunc(ctx, f.h.pool, func(tx pgx.Tx) error {
		var err error
		if unchanged {
			_, err = tx.Exec(ctx, `UPDATE portal_sync SET install = $2, gen = $3, seq = $4 WHERE code = $1`, c.code, c.install, c.gen, c.seq)
		} else {
			_, err = tx.Exec(ctx, `
INSERT INTO portal_sync (code, install, seq, forwarded_at, updating, office, gen, hash, answer, progress_sent, progress_keys)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
ON CONFLICT (code) DO UPDATE SET install = $2, seq = $3, forwarded_at = $4, updating = $5, office = $6, gen = $7, hash = $8,
	answer = CASE WHEN $9 = '' THEN portal_sync.answer ELSE $9 END, progress_sent = $10, progress_keys = $11`,
				c.code, c.install, c.seq, now, a.Updated, f.opt.Unit, c.gen, sum, clipText(a.Message, 500), len(keys)/8, keys)
		}
		if err != nil {
			return fmt.Errorf("record delivery of %s: %w", c.code, err)
		}
		_, err = tx.Exec(ctx, `DELETE FROM portal_errors WHERE code = $1`, c.code)
		return err
	})
}

// partial records a dossier item delivered with only part of its progress:
// the snapshot stays undelivered (seq 0 for a first delivery), so the
// next pass sends the rest.
func (f *Forwarder) partial(ctx context.Context, c candidate, sum []byte, a portal.Answer, keys []byte) error {
	_, err := f.h.pool.Exec(ctx, `
INSERT INTO portal_sync (code, install, seq, forwarded_at, updating, office, gen, hash, answer, progress_sent, progress_keys)
VALUES ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (code) DO UPDATE SET forwarded_at = $3, updating = $4, hash = $7, answer = $8, progress_sent = $9, progress_keys = $10`,
		c.code, c.install, f.h.now(), a.Updated, f.opt.Unit, c.gen, sum, clipText(a.Message, 500), len(keys)/8, keys)
	if err != nil {
		return fmt.Errorf("record partial delivery of %s: %w", c.code, err)
	}
	return nil
}

// reject records a refusal with the reason and the next attempt.
func (f *Forwarder) reject(ctx context.Context, c candidate, sum []byte, reason string) error {
	now := f.h.now()
	attempts := 1
	if c.errSame {
		attempts = c.errAttempts + 1
	}
	next := now.Add(backoffAfter(attempts, f.opt.MinBackoff, f.opt.MaxBackoff))
	f.log.Warn("portal refused a dossier", "unit", f.opt.Unit, "code", c.code, "attempts", attempts, "next", next)
	_, err := f.h.pool.Exec(ctx, `
INSERT INTO portal_errors (code, seq, at, error, office, install, gen, attempts, next_attempt, hash)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
ON CONFLICT (code) DO UPDATE SET seq = $2, at = $3, error = $4, office = $5, install = $6, gen = $7, attempts = $8, next_attempt = $9, hash = $10`,
		c.code, c.seq, now, clipText(reason, 1000), f.opt.Unit, c.install, c.gen, attempts, next, sum)
	if err != nil {
		return fmt.Errorf("record refusal of %s: %w", c.code, err)
	}
	return nil
}

// Run forwards until ctx ends: a pass, then a pause of Interval, or of the
// capped backoff after a failed pass.
func (f *Forwarder) Run(ctx context.Context) error {
	failures := 0
	for {
		_, err := f.RunOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		delay := f.opt.Interval
		if err != nil {
			failures++
			delay = backoffAfter(failures, f.opt.MinBackoff, f.opt.MaxBackoff)
			f.log.Warn("portal forwarding failed; retrying later", "unit", f.opt.Unit, "failures", failures, "retry_in", delay, "err", err)
		} else {
			failures = 0
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// ForwardRejection is a dossier the portal (or the mapping) refused.
type ForwardRejection struct {
	Code        string    `json:"code"`
	Error       string    `json:"error"`
	Attempts    int       `json:"attempts"`
	At          time.Time `json:"at"`
	NextAttempt time.Time `json:"next_attempt"`
}

// ForwardStatus is "motcua-hub forward-status" for one unit.
type ForwardStatus struct {
	Unit string `json:"unit"`
	// Dossiers at the hub; Delivered: their current state is at the
	// portal; Rejected: refused (or held back) and not delivered;
	// Pending: the rest, waiting for the next pass.
	Dossiers    int64              `json:"dossiers"`
	Delivered   int64              `json:"delivered"`
	Pending     int64              `json:"pending"`
	Rejected    int64              `json:"rejected"`
	LastRun     time.Time          `json:"last_run,omitzero"`
	LastSuccess time.Time          `json:"last_success,omitzero"`
	LastError   string             `json:"last_error,omitempty"`
	LastErrorAt time.Time          `json:"last_error_at,omitzero"`
	Failures    int                `json:"failures"`
	Rejections  []ForwardRejection `json:"rejections"`
}

// ForwardStatus counts a unit's dossiers by delivery state and lists up to
// limit refusals, most recent first.
func (h *Hub) ForwardStatus(ctx context.Context, unit string, limit int) (*ForwardStatus, error) {
	if err := dossier.ValidateAgencyCode(unit); err != nil {
		return nil, fmt.Errorf("forward-status: unit: %w", err)
	}
	s := &ForwardStatus{Unit: unit, Rejections: []ForwardRejection{}}
	err := h.pool.QueryRow(ctx, `
SELECT count(*),
	count(*) FILTER (WHERE p.code IS NOT NULL AND (p.install, p.gen, p.seq) = (d.install, d.gen, d.seq)),
	count(*) FILTER (WHERE (p.code IS NULL OR (p.install, p.gen, p.seq) <> (d.install, d.gen, d.seq)) AND e.code IS NOT NULL)
FROM dossiers d LEFT JOIN portal_sync p ON p.code = d.code LEFT JOIN portal_errors e ON e.code = d.code
WHERE d.office = $1 AND d.kind = $2`, unit, int16(dossier.KindDossier)).Scan(&s.Dossiers, &s.Delivered, &s.Rejected)
	if err != nil {
		return nil, err
	}
	s.Pending = s.Dossiers - s.Delivered - s.Rejected
	var run, ok, errAt pgtype.Timestamptz
	err = h.pool.QueryRow(ctx, `SELECT last_run, last_success, last_error, last_error_at, failures FROM portal_state WHERE unit = $1`, unit).
		Scan(&run, &ok, &s.LastError, &errAt, &s.Failures)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return nil, err
	}
	s.LastRun, s.LastSuccess, s.LastErrorAt = zoned(run), zoned(ok), zoned(errAt)
	rows, err := h.pool.Query(ctx, `
SELECT e.code, e.error, e.attempts, e.at, e.next_attempt FROM portal_errors e JOIN dossiers d ON d.code = e.code AND d.office = e.office
LEFT JOIN portal_sync p ON p.code = e.code
WHERE e.office = $1 AND (p.code IS NULL OR (p.install, p.gen, p.seq) <> (d.install, d.gen, d.seq))
ORDER BY e.at DESC, e.code LIMIT $2`, unit, max(limit, 0))
	if err != nil {
		return nil, err
	}
	var r ForwardRejection
	_, err = pgx.ForEachRow(rows, []any{&r.Code, &r.Error, &r.Attempts, &r.At, &r.NextAttempt}, func() error {
		x := r
		x.At, x.NextAttempt = x.At.In(dossier.Zone), x.NextAttempt.In(dossier.Zone)
		s.Rejections = append(s.Rejections, x)
		return nil
	})
	return s, err
}
