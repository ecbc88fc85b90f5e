package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"motcua/dossier"
	"motcua/syncproto"
)

// Restored desks.
//
// "motcuactl restore" puts an older copy of a desk database in place with a
// new incarnation id (store.Restore). Its journal continues from the
// backup's last sequence F, so it re-uses the sequences of the events the
// newer copy made after F — events the hub already holds and the desk no
// longer has. Journals are linear: two copies of one desk database agree
// on every sequence up to F and differ after it. So:
//
//   - an event the new copy sends with the content the hub holds from an
//     earlier copy is common history (a duplicate), and every sequence up to
//     it is common (incarnations.shared_to);
//   - an event sent under a sequence the hub holds from an earlier copy with
//     other content proves the journals diverged at or before it: the
//     earlier copies' events from there on are lost from the desk
//     (incarnations.diverged_at, events.lost_at);
//   - a dossier code the restored desk issues again (its day counter went
//     back with the backup) that the hub holds as another dossier from an
//     earlier copy proves the same for that dossier's first event.
//
// Lost events stay at the hub for the record. A dossier whose current state
// came from a lost event falls back to the latest state the desk still has;
// a dossier the desk does not have at all (issued after the backup) stays
// at the hub, marked lost, and both are listed in lost_dossiers ("lost from
// desk after restore") so the office can re-enter them. The tail is found
// as the restored desk re-uses the sequences, normally with its first new
// work after the restore.

// lineage collects, during one batch of a restored desk, the evidence of
// where its journal diverged from its earlier incarnations'.
type lineage struct {
	shared   uint64 // highest sequence re-sent with the held content
	diverged uint64 // lowest sequence sent with other content (0: none)
}

func (l *lineage) diverge(s uint64) {
	if s > 0 && (l.diverged == 0 || s < l.diverged) {
		l.diverged = s
	}
}

// sameRecord reports whether two snapshots are of the same record: the
// same creation (a code issued again by a restored desk names another
// record with another creation event).
func sameRecord(a, b *dossier.Dossier) bool {
	if a.Kind != b.Kind || !a.ReceivedAt.Equal(b.ReceivedAt) || len(a.History) == 0 || len(b.History) == 0 {
		return a.Kind == b.Kind && a.ReceivedAt.Equal(b.ReceivedAt) && len(a.History) == len(b.History)
	}
	x, y := a.History[0], b.History[0]
	return x.Kind == y.Kind && x.At.Equal(y.At) && x.Actor == y.Actor
}

func snapshotDossier(payload []byte) (*syncproto.Event, error) {
	var ev syncproto.Event
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	if ev.Dossier == nil {
		return nil, errors.New("no dossier in the snapshot")
	}
	return &ev, nil
}

// reconcileLineage records what one batch of a restored desk (generation
// gen > 1) tells about the lost tail of its earlier copies and marks it.
func (h *Hub) reconcileLineage(ctx context.Context, tx pgx.Tx, d *desk, inc string, gen int, lin *lineage, fresh []prepared, now time.Time) error {
	var divergedAt *int64
	var sharedTo int64
	if err := tx.QueryRow(ctx, `SELECT diverged_at, shared_to FROM incarnations WHERE install = $1 AND incarnation = $2`, d.Install, inc).
		Scan(&divergedAt, &sharedTo); err != nil {
		return fmt.Errorf("incarnation lineage: %w", err)
	}
	reissued, err := h.reissuedCodes(ctx, tx, d, gen, fresh, lin)
	if err != nil {
		return err
	}
	if int64(lin.shared) > sharedTo {
		sharedTo = int64(lin.shared)
		if _, err := tx.Exec(ctx, `UPDATE incarnations SET shared_to = $3 WHERE install = $1 AND incarnation = $2`, d.Install, inc, sharedTo); err != nil {
			return err
		}
	}
	if lin.diverged > 0 && (divergedAt == nil || int64(lin.diverged) < *divergedAt) {
		from, to := int64(lin.diverged), int64(math.MaxInt64)
		if from <= sharedTo {
			// The journals agree after this sequence, so this is no
			// restore divergence but one event whose content changed
			// (e.g. a desk upgrade that encodes differently): only it is
			// superseded.
			to = from
			if err := recordAnomalies(ctx, tx, d.Install, now, []anomaly{{seq: uint64(from), kind: "superseded",
				detail: fmt.Sprintf("event %d was re-sent by incarnation %s with other content below its common history (sequence %d); the earlier content is kept as superseded", from, inc, sharedTo)}}); err != nil {
				return err
			}
		} else if _, err := tx.Exec(ctx, `UPDATE incarnations SET diverged_at = $3 WHERE install = $1 AND incarnation = $2`, d.Install, inc, from); err != nil {
			return err
		}
		if err := h.markLost(ctx, tx, d, inc, from, to, now); err != nil {
			return err
		}
	}
	if len(reissued) > 0 {
		rows, err := tx.Query(ctx, `UPDATE lost_dossiers SET reissued = true WHERE install = $1 AND office = $2 AND code = ANY($3) AND NOT reissued RETURNING code`,
			d.Install, d.Office, reissued)
		if err != nil {
			return err
		}
		flagged, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		var as []anomaly
		for _, c := range flagged {
			as = append(as, anomaly{kind: "code-reissued", detail: fmt.Sprintf("the restored desk (incarnation %s) issued code %s again to another record; the record the code was first issued to was lost from the desk and stays at the hub (motcua-hub lost)", inc, c)})
		}
		if err := recordAnomalies(ctx, tx, d.Install, now, as); err != nil {
			return err
		}
	}
	return nil
}

// reissuedCodes finds the fresh records whose key the hub holds from an
// earlier incarnation as another record (a code issued again after a
// restore). The first event of the earlier record is past the divergence.
func (h *Hub) reissuedCodes(ctx context.Context, tx pgx.Tx, d *desk, gen int, fresh []prepared, lin *lineage) ([]string, error) {
	first := map[string]prepared{}
	for _, p := range fresh {
		if q, ok := first[p.key]; !ok || p.item.Seq < q.item.Seq {
			first[p.key] = p
		}
	}
	if len(first) == 0 {
		return nil, nil
	}
	keys := make([]string, 0, len(first))
	for k := range first {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	rows, err := tx.Query(ctx, `SELECT code, snapshot FROM dossiers WHERE office = $1 AND code = ANY($2) AND install = $3 AND gen < $4`,
		d.Office, keys, d.Install, gen)
	if err != nil {
		return nil, err
	}
	type clash struct{ key, evCode string }
	var clashes []clash
	var key string
	var snap []byte
	if _, err := pgx.ForEachRow(rows, []any{&key, &snap}, func() error {
		held, err := snapshotDossier(snap)
		if err != nil {
			return fmt.Errorf("dossier %s: stored snapshot unreadable: %w", key, err)
		}
		if !sameRecord(held.Dossier, first[key].dossier) {
			clashes = append(clashes, clash{key, held.Code})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	var out []string
	for _, c := range clashes {
		var s *int64
		if err := tx.QueryRow(ctx, `
SELECT min(e.seq) FROM events e JOIN incarnations i ON i.install = e.install AND i.incarnation = e.incarnation
WHERE e.install = $1 AND e.code = $2 AND e.kind = $3 AND i.gen < $4 AND e.lost_at IS NULL`, d.Install, c.evCode, syncproto.KindDossier, gen).Scan(&s); err != nil {
			return nil, err
		}
		if s != nil {
			lin.diverge(uint64(*s))
		}
		out = append(out, c.key)
	}
	return out, nil
}

// lostGroup is the lost events of one record.
type lostGroup struct {
	key, evCode string
	first, last int64
	lastGen     int
	lastInc     string
	n           int
	snap        []byte
	rec         *dossier.Dossier
	seqs        map[[2]int64]bool // (gen, seq)
}

// markLost marks the earlier incarnations' events with sequences in
// from..to as lost from the desk, moves the affected dossiers back to the
// latest state the desk still has (or marks them lost when it has none),
// and lists them in lost_dossiers.
func (h *Hub) markLost(ctx context.Context, tx pgx.Tx, d *desk, inc string, from, to int64, now time.Time) error {
	gens := map[string]int{}
	{
		rows, err := tx.Query(ctx, `SELECT incarnation, gen FROM incarnations WHERE install = $1`, d.Install)
		if err != nil {
			return err
		}
		var i string
		var g int
		if _, err := pgx.ForEachRow(rows, []any{&i, &g}, func() error { gens[i] = g; return nil }); err != nil {
			return err
		}
	}
	rows, err := tx.Query(ctx, `
UPDATE events SET lost_at = $5 WHERE install = $1 AND incarnation <> $2 AND seq BETWEEN $3 AND $4 AND lost_at IS NULL
RETURNING seq, incarnation, kind, payload`, d.Install, inc, from, to, now)
	if err != nil {
		return fmt.Errorf("mark lost events: %w", err)
	}
	groups := map[string]*lostGroup{}
	var (
		seq                int64
		evInc, kind        string
		payload            []byte
		nLost, minS, maxS  int64
		lostIncs           = map[string]bool{}
		undecodable, other int
	)
	if _, err := pgx.ForEachRow(rows, []any{&seq, &evInc, &kind, &payload}, func() error {
		nLost++
		if minS == 0 || seq < minS {
			minS = seq
		}
		maxS = max(maxS, seq)
		lostIncs[evInc] = true
		if kind != syncproto.KindDossier {
			other++
			return nil
		}
		ev, err := snapshotDossier(payload)
		if err != nil {
			undecodable++
			return nil
		}
		key := dossierKey(d.Install, ev.Dossier)
		g := groups[key]
		if g == nil {
			g = &lostGroup{key: key, evCode: ev.Code, first: seq, seqs: map[[2]int64]bool{}}
			groups[key] = g
		}
		gen := gens[evInc]
		g.n++
		g.first = min(g.first, seq)
		g.seqs[[2]int64{int64(gen), seq}] = true
		if g.rec == nil || gen > g.lastGen || (gen == g.lastGen && seq > g.last) {
			g.last, g.lastGen, g.lastInc, g.rec = seq, gen, evInc, ev.Dossier
			g.snap = append([]byte(nil), payload...)
		}
		return nil
	}); err != nil {
		return fmt.Errorf("mark lost events: %w", err)
	}
	if nLost == 0 {
		return nil
	}
	keys := make([]string, 0, len(groups))
	evCodes := make([]string, 0, len(groups))
	for k, g := range groups {
		keys = append(keys, k)
		evCodes = append(evCodes, g.evCode)
	}
	sort.Strings(keys)
	sort.Strings(evCodes)
	// The dossiers rows now, and the latest state the desk still has.
	type rowRef struct {
		gen int
		seq int64
	}
	current := map[string]rowRef{}
	if len(keys) > 0 {
		rows, err := tx.Query(ctx, `SELECT code, gen, seq FROM dossiers WHERE office = $1 AND code = ANY($2) AND install = $3`, d.Office, keys, d.Install)
		if err != nil {
			return err
		}
		var k string
		var r rowRef
		if _, err := pgx.ForEachRow(rows, []any{&k, &r.gen, &r.seq}, func() error { current[k] = r; return nil }); err != nil {
			return err
		}
	}
	type kept struct {
		gen     int
		seq     int64
		payload []byte
		ev      *syncproto.Event
	}
	latest := map[string]kept{}
	if len(evCodes) > 0 {
		rows, err := tx.Query(ctx, `
SELECT DISTINCT ON (e.code) e.code, e.seq, i.gen, e.payload
FROM events e JOIN incarnations i ON i.install = e.install AND i.incarnation = e.incarnation
WHERE e.install = $1 AND e.code = ANY($2) AND e.kind = $3 AND e.lost_at IS NULL
ORDER BY e.code, i.gen DESC, e.seq DESC`, d.Install, evCodes, syncproto.KindDossier)
		if err != nil {
			return err
		}
		var c string
		var k kept
		if _, err := pgx.ForEachRow(rows, []any{&c, &k.seq, &k.gen, &k.payload}, func() error {
			ev, err := snapshotDossier(k.payload)
			if err != nil {
				return fmt.Errorf("event %d: stored snapshot unreadable: %w", k.seq, err)
			}
			latest[c] = kept{gen: k.gen, seq: k.seq, payload: append([]byte(nil), k.payload...), ev: ev}
			return nil
		}); err != nil {
			return err
		}
	}
	var replace []dossierRow
	var markKeys []string
	nDossiers, nChanges := 0, 0
	for _, key := range keys {
		g := groups[key]
		what, reissued := "dossier", false
		cur, has := latest[g.evCode]
		if has && dossierKey(d.Install, cur.ev.Dossier) != key {
			has = false
		}
		if has {
			if sameRecord(cur.ev.Dossier, g.rec) {
				what = "changes"
			} else {
				reissued = true
			}
		}
		if what == "dossier" {
			nDossiers++
		} else {
			nChanges++
		}
		if r, ok := current[key]; ok && g.seqs[[2]int64{int64(r.gen), r.seq}] {
			if has {
				replace = append(replace, dossierRow{key: key, install: d.Install, gen: cur.gen, seq: uint64(cur.seq), d: cur.ev.Dossier, payload: cur.payload})
			} else {
				markKeys = append(markKeys, key)
			}
		}
		var rat pgtype.Timestamptz
		if !g.rec.ReceivedAt.IsZero() {
			rat = pgtype.Timestamptz{Time: g.rec.ReceivedAt, Valid: true}
		}
		if _, err := tx.Exec(ctx, `
INSERT INTO lost_dossiers (office, code, install, incarnation, what, first_seq, last_seq, events, status, received_at, reissued, detected_at, snapshot)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
ON CONFLICT (install, incarnation, code) DO UPDATE SET what = excluded.what,
	first_seq = least(lost_dossiers.first_seq, excluded.first_seq), events = lost_dossiers.events + excluded.events,
	status = CASE WHEN excluded.last_seq > lost_dossiers.last_seq THEN excluded.status ELSE lost_dossiers.status END,
	snapshot = CASE WHEN excluded.last_seq > lost_dossiers.last_seq THEN excluded.snapshot ELSE lost_dossiers.snapshot END,
	last_seq = greatest(lost_dossiers.last_seq, excluded.last_seq), reissued = lost_dossiers.reissued OR excluded.reissued`,
			d.Office, key, d.Install, g.lastInc, what, g.first, g.last, g.n, int16(g.rec.Status), rat, reissued, now, g.snap); err != nil {
			return fmt.Errorf("record lost dossier: %w", err)
		}
	}
	if err := upsertDossiers(ctx, tx, d.Office, replace, true, now); err != nil {
		return err
	}
	if len(markKeys) > 0 {
		if _, err := tx.Exec(ctx, `UPDATE dossiers SET lost = true, updated_at = $3 WHERE office = $1 AND code = ANY($2)`, d.Office, markKeys, now); err != nil {
			return err
		}
	}
	incs := make([]string, 0, len(lostIncs))
	for i := range lostIncs {
		incs = append(incs, i)
	}
	sort.Strings(incs)
	detail := fmt.Sprintf("the desk was restored from an older backup: %d events with sequences %d–%d of earlier database copies (%s) are not in its current database (incarnation %s): %d dossiers issued after the backup and %d dossiers with later changes are lost from the desk (motcua-hub lost lists them for re-entry)",
		nLost, minS, maxS, strings.Join(incs, ", "), inc, nDossiers, nChanges)
	if other > 0 || undecodable > 0 {
		detail += fmt.Sprintf("; %d other events", other+undecodable)
	}
	h.log.Warn("events lost from a restored desk", "install", d.Install, "from", minS, "to", maxS, "events", nLost, "dossiers", nDossiers, "changes", nChanges)
	return recordAnomalies(ctx, tx, d.Install, now, []anomaly{{seq: uint64(minS), kind: "lost-after-restore", detail: detail}})
}

// LostDossier is one line of "motcua-hub lost": a dossier (or its latest
// changes) the hub holds and a restored desk lost. No personal data: the
// office opens the dossier by code.
type LostDossier struct {
	Office      string `json:"office"`
	Code        string `json:"code"`
	Desk        string `json:"desk"`
	Install     string `json:"install"`
	Incarnation string `json:"incarnation"`
	// What is "dossier" (issued after the backup: the desk does not have
	// it; re-enter it) or "changes" (the desk holds an older state;
	// re-enter the lost steps).
	What       string         `json:"what"`
	Events     int            `json:"events"`
	FirstSeq   uint64         `json:"first_seq"`
	LastSeq    uint64         `json:"last_seq"`
	Status     dossier.Status `json:"status"`
	ReceivedAt time.Time      `json:"received_at,omitzero"`
	// Reissued: the restored desk issued the same code to another record.
	Reissued   bool      `json:"reissued,omitempty"`
	DetectedAt time.Time `json:"detected_at"`
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	ResolvedBy string    `json:"resolved_by,omitempty"`
}

// LostDossiers lists what restored desks lost (office "" = every office;
// all false = unresolved only), by office, desk and code.
func (h *Hub) LostDossiers(ctx context.Context, office string, all bool) ([]LostDossier, error) {
	rows, err := h.pool.Query(ctx, `
SELECT l.office, l.code, coalesce(d.name, ''), l.install, l.incarnation, l.what, l.events, l.first_seq, l.last_seq, l.status,
	l.received_at, l.reissued, l.detected_at, l.resolved_at, coalesce(l.resolved_by, '')
FROM lost_dossiers l LEFT JOIN desks d ON d.install = l.install
WHERE ($1 = '' OR l.office = $1) AND ($2 OR l.resolved_at IS NULL)
ORDER BY l.office, d.slot, l.code, l.incarnation`, office, all)
	if err != nil {
		return nil, err
	}
	out := []LostDossier{}
	var (
		l           LostDossier
		first, last int64
		st          int16
		rat, res    pgtype.Timestamptz
	)
	_, err = pgx.ForEachRow(rows, []any{&l.Office, &l.Code, &l.Desk, &l.Install, &l.Incarnation, &l.What, &l.Events, &first, &last, &st,
		&rat, &l.Reissued, &l.DetectedAt, &res, &l.ResolvedBy}, func() error {
		r := l
		r.FirstSeq, r.LastSeq, r.Status = uint64(first), uint64(last), dossier.Status(st)
		r.ReceivedAt, r.ResolvedAt = zoned(rat), zoned(res)
		r.DetectedAt = r.DetectedAt.In(dossier.Zone)
		out = append(out, r)
		return nil
	})
	return out, err
}

// ResolveLost marks the lost records of a code as handled by the office
// (re-entered, or the citizen informed), with who did it. It returns how
// many records it marked.
func (h *Hub) ResolveLost(ctx context.Context, code, by string) (int, error) {
	by = strings.TrimSpace(by)
	if by == "" || len(by) > 100 {
		return 0, fmt.Errorf("say who resolved it (--by NAME, at most 100 bytes)")
	}
	var n int64
	err := pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE lost_dossiers SET resolved_at = $2, resolved_by = $3 WHERE code = $1 AND resolved_at IS NULL`, code, h.now(), by)
		if err != nil {
			return err
		}
		if n = tag.RowsAffected(); n == 0 {
			return errf(http.StatusNotFound, "not-found", "no unresolved lost record for %s", code)
		}
		// A dossier held back from the portal (a reissued code) goes on
		// the next forwarding pass.
		_, err = tx.Exec(ctx, `DELETE FROM portal_errors WHERE code = $1 AND error LIKE 'held back:%'`, code)
		return err
	})
	return int(n), err
}
