package hub

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"motcua/dossier"
	"motcua/syncproto"
)

// IngestResult is a batch's outcome.
type IngestResult struct {
	Ack *syncproto.BatchAck
	// Batch is the decoded batch (for bundle answers).
	Batch *syncproto.Batch
	Desk  string // office of the desk
}

// Ingest checks and stores one encoded batch. Batch-level problems
// (malformed, unsigned or forged, unknown desk, a stale incarnation) are
// errors with an HTTP status and change nothing. Otherwise every event gets
// its own verdict: stored (ok), already held with the same content hash
// (duplicate, a success), or rejected with a reason — a different content
// under a held (install, incarnation, seq) is a conflict and an anomaly
// record. One rejected event never holds back the others.
//
// A restored desk (a new incarnation) continues its journal from the
// backup's last sequence: an event it sends under a sequence held from an
// earlier copy with other content is accepted, and the earlier copy's
// events from that sequence on are recorded as lost from the desk
// (restore.go); the same content is common history, a duplicate.
func (h *Hub) Ingest(ctx context.Context, raw []byte) (*IngestResult, error) {
	b, err := syncproto.DecodeBatch(raw)
	if err != nil {
		return nil, err
	}
	d, err := h.deskByKey(ctx, nil, b.KeyID, false)
	if err != nil {
		return nil, err
	}
	if err := b.Verify(d.PublicKey); err != nil {
		h.log.Warn("batch signature refused", "key", b.KeyID, "install", d.Install)
		return nil, errf(http.StatusUnauthorized, "signature", "%v", err)
	}
	if b.Install != d.Install {
		return nil, errf(http.StatusForbidden, "unknown-desk", "key %s is enrolled for installation %s, the batch claims %s", b.KeyID, d.Install, b.Install)
	}
	now := h.now()
	ack := &syncproto.BatchAck{Install: b.Install, Incarnation: b.Incarnation, First: b.First, Last: b.Last,
		Items: make([]syncproto.ItemAck, len(b.Items)), HubTime: now.UTC()}

	// Decode and check every event before the transaction.
	prep := make([]prepared, len(b.Items))
	for i, it := range b.Items {
		ack.Items[i].Seq = it.Seq
		prep[i] = prepare(it, d.Office)
	}

	err = pgx.BeginFunc(ctx, h.pool, func(tx pgx.Tx) error {
		// Serialise batches of one desk (watermark bookkeeping).
		ld, err := h.deskByKey(ctx, tx, b.KeyID, true)
		if err != nil {
			return err
		}
		gen, switched, err := h.checkIncarnation(ctx, tx, ld, b.Incarnation, now)
		if err != nil {
			return err
		}
		if switched {
			ld.Covered = 0
		}
		// Events already held under these sequences, by any incarnation
		// of the desk.
		held := map[uint64][]heldEvent{}
		if len(b.Items) > 0 {
			all := make([]int64, len(b.Items))
			for i, it := range b.Items {
				all[i] = int64(it.Seq)
			}
			rows, err := tx.Query(ctx, `SELECT seq, incarnation, hash, lost_at IS NOT NULL FROM events WHERE install = $1 AND seq = ANY($2)`, b.Install, all)
			if err != nil {
				return err
			}
			var (
				s    int64
				inc  string
				hh   []byte
				lost bool
			)
			if _, err := pgx.ForEachRow(rows, []any{&s, &inc, &hh, &lost}, func() error {
				held[uint64(s)] = append(held[uint64(s)], heldEvent{inc: inc, hash: append([]byte(nil), hh...), lost: lost})
				return nil
			}); err != nil {
				return err
			}
		}
		var anomalies []anomaly
		var seqs []int64
		var hashes, payloads [][]byte
		var kinds, codes []string
		var ats []time.Time
		var candidates []int
		lin := lineage{}
		for i, p := range prep {
			s := p.item.Seq
			// Same database copy, same sequence: a duplicate, or a
			// conflict (a held key answers for itself, before the content
			// checks). An earlier copy's event with the same content is
			// common history the restored desk re-sent: a duplicate. With
			// other content it is an event of the earlier copy that the
			// restored database lost: the new event is accepted and the
			// lost tail recorded (lineage).
			var mine *heldEvent
			common, differs := false, false
			for j := range held[s] {
				he := &held[s][j]
				switch {
				case he.inc == b.Incarnation:
					mine = he
				case he.lost:
				case bytes.Equal(he.hash, p.item.Hash[:]):
					common = true
				default:
					differs = true
				}
			}
			switch {
			case mine != nil && bytes.Equal(mine.hash, p.item.Hash[:]):
				ack.Items[i] = syncproto.ItemAck{Seq: s, Status: syncproto.AckDuplicate}
				continue
			case mine != nil:
				reason := fmt.Sprintf("conflict: the hub already holds event %d of this database copy (incarnation %.8s…) with other content (hash %.12x…, this one %.12x…); a copied database re-used the sequence", s, b.Incarnation, mine.hash, p.item.Hash[:])
				ack.Items[i] = syncproto.ItemAck{Seq: s, Status: syncproto.AckRejected, Reason: reason, Conflict: true}
				anomalies = append(anomalies, anomaly{seq: s, kind: "conflict", detail: reason, held: mine.hash, sent: p.item.Hash[:]})
				continue
			case common:
				ack.Items[i] = syncproto.ItemAck{Seq: s, Status: syncproto.AckDuplicate}
				lin.shared = max(lin.shared, s)
				continue
			}
			if differs {
				lin.diverge(s)
			}
			if p.reason != "" {
				ack.Items[i] = syncproto.ItemAck{Seq: s, Status: syncproto.AckRejected, Reason: p.reason}
				anomalies = append(anomalies, anomaly{seq: s, kind: "rejected", detail: p.reason, sent: p.item.Hash[:]})
				continue
			}
			candidates = append(candidates, i)
			seqs = append(seqs, int64(s))
			hashes = append(hashes, p.item.Hash[:])
			payloads = append(payloads, p.item.Payload)
			kinds = append(kinds, p.ev.Kind)
			codes = append(codes, p.ev.Code)
			ats = append(ats, p.ev.At)
		}
		inserted := map[uint64]bool{}
		if len(seqs) > 0 {
			rows, err := tx.Query(ctx, `
INSERT INTO events (install, seq, hash, incarnation, kind, code, at, received_at, payload)
SELECT $1, s, h, $2, k, c, a, $3, p
FROM unnest($4::bigint[], $5::bytea[], $6::text[], $7::text[], $8::timestamptz[], $9::bytea[]) AS t(s, h, k, c, a, p)
ON CONFLICT DO NOTHING RETURNING seq`, b.Install, b.Incarnation, now, seqs, hashes, kinds, codes, ats, payloads)
			if err != nil {
				return fmt.Errorf("insert events: %w", err)
			}
			got, err := pgx.CollectRows(rows, pgx.RowTo[int64])
			if err != nil {
				return fmt.Errorf("insert events: %w", err)
			}
			for _, s := range got {
				inserted[uint64(s)] = true
			}
		}
		var fresh []prepared
		for _, i := range candidates {
			p := prep[i]
			if !inserted[p.item.Seq] {
				// Batches of one desk are serialised by the row lock, so
				// this means a concurrent writer outside the protocol.
				return fmt.Errorf("event %d of %s appeared during the batch", p.item.Seq, b.Install)
			}
			ack.Items[i] = syncproto.ItemAck{Seq: p.item.Seq, Status: syncproto.AckOK}
			if p.dossier != nil {
				p.key = dossierKey(b.Install, p.dossier)
				fresh = append(fresh, p)
			}
		}
		if gen > 1 {
			// A desk restored at least once: its lost tail and the codes
			// it issued again (restore.go).
			if err := h.reconcileLineage(ctx, tx, ld, b.Incarnation, gen, &lin, fresh, now); err != nil {
				return err
			}
		}
		if err := upsertDossiers(ctx, tx, d.Office, rowsOf(b.Install, gen, fresh), false, now); err != nil {
			return err
		}
		if err := recordAnomalies(ctx, tx, b.Install, now, anomalies); err != nil {
			return err
		}
		covered, err := advanceCoverage(ctx, tx, b.Install, ld.Covered, b.First, b.Last, now)
		if err != nil {
			return err
		}
		ack.Covered = covered
		return nil
	})
	if err != nil {
		return nil, err
	}
	ok, dup, rej := ack.Counts()
	lvl := h.log.Info
	if rej > 0 {
		lvl = h.log.Warn
	}
	lvl("batch ingested", "install", b.Install, "first", b.First, "last", b.Last, "ok", ok, "duplicate", dup, "rejected", rej)
	return &IngestResult{Ack: ack, Batch: b, Desk: d.Office}, nil
}

// heldEvent is an event the hub holds under a sequence of the desk.
type heldEvent struct {
	inc  string
	hash []byte
	lost bool
}

// prepared is a decoded event ready for storage, or the reason it is
// rejected.
type prepared struct {
	item    syncproto.Item
	ev      *syncproto.Event
	dossier *dossier.Dossier
	key     string // dossiers.code (dossierKey)
	reason  string
}

// prepare decodes and checks one event. The desk's office is the only one
// it may write: a dossier code of another agency is rejected.
func prepare(it syncproto.Item, office string) prepared {
	p := prepared{item: it}
	var ev syncproto.Event
	if err := json.Unmarshal(it.Payload, &ev); err != nil {
		p.reason = fmt.Sprintf("event %d is not a valid event: %v", it.Seq, err)
		return p
	}
	p.ev = &ev
	switch {
	case ev.Seq != it.Seq:
		p.reason = fmt.Sprintf("event says sequence %d, the batch lists it as %d", ev.Seq, it.Seq)
	case ev.At.IsZero():
		p.reason = fmt.Sprintf("event %d has no time", it.Seq)
	case len(ev.Code) > 100:
		p.reason = fmt.Sprintf("event %d: code longer than 100 bytes", it.Seq)
	}
	if p.reason != "" {
		return p
	}
	switch ev.Kind {
	case syncproto.KindDossier:
		d := ev.Dossier
		if d == nil {
			p.reason = fmt.Sprintf("dossier event %d carries no dossier", it.Seq)
			return p
		}
		switch d.Kind {
		case dossier.KindDossier:
			agency, _, _, err := dossier.ParseCode(string(d.Code))
			switch {
			case err != nil:
				p.reason = fmt.Sprintf("event %d: %v", it.Seq, err)
			case string(d.Code) != ev.Code:
				p.reason = fmt.Sprintf("event %d names %q but carries dossier %q", it.Seq, ev.Code, d.Code)
			case agency != office:
				p.reason = fmt.Sprintf("event %d: dossier %s belongs to agency %s, this desk is enrolled for %s", it.Seq, d.Code, agency, office)
			case !d.Status.Valid():
				p.reason = fmt.Sprintf("event %d: dossier %s has status %d, not a national status", it.Seq, d.Code, d.Status)
			}
		case dossier.KindGuidance:
			if d.GuidanceNo == "" || d.GuidanceNo != ev.Code {
				p.reason = fmt.Sprintf("guidance event %d names %q but carries %q", it.Seq, ev.Code, d.GuidanceNo)
			}
			// Guidance numbers are per desk: upsertDossiers keys them by
			// installation.
		default:
			p.reason = fmt.Sprintf("event %d: unknown record kind %d", it.Seq, d.Kind)
		}
		if p.reason == "" {
			p.dossier = d
		}
	case syncproto.KindDayClosed:
		if _, err := time.Parse("2006-01-02", ev.Code); err != nil {
			p.reason = fmt.Sprintf("day-closed event %d: day %q is not YYYY-MM-DD", it.Seq, ev.Code)
		}
	default:
		p.reason = fmt.Sprintf("event %d has kind %q, which this hub does not know (upgrade motcua-hub)", it.Seq, ev.Kind)
	}
	return p
}

// dossierKey is the dossiers-table key of a record: its code, or for a
// guidance record (numbered per desk) "guidance:<install>:<number>".
func dossierKey(install string, d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return "guidance:" + install + ":" + d.GuidanceNo
	}
	return string(d.Code)
}

// dossierRow is one snapshot to write into the dossiers table.
type dossierRow struct {
	key     string
	install string
	gen     int
	seq     uint64
	d       *dossier.Dossier
	payload []byte
}

func rowsOf(install string, gen int, ps []prepared) []dossierRow {
	out := make([]dossierRow, len(ps))
	for i, p := range ps {
		out[i] = dossierRow{key: p.key, install: install, gen: gen, seq: p.item.Seq, d: p.dossier, payload: p.item.Payload}
	}
	return out
}

// upsertDossiers keeps, per dossier, the snapshot with the highest
// (install, incarnation generation, seq): a restored desk's new events
// win over the lost ones of its earlier database copy even when they
// re-use lower sequences. With force the rows replace what is held (the
// held snapshot was found lost, restore.go) and clear the lost mark.
func upsertDossiers(ctx context.Context, tx pgx.Tx, office string, rs []dossierRow, force bool, now time.Time) error {
	if len(rs) == 0 {
		return nil
	}
	// One row per dossier: the highest (gen, sequence) given.
	best := map[string]dossierRow{}
	for _, r := range rs {
		if q, ok := best[r.key]; !ok || r.gen > q.gen || (r.gen == q.gen && r.seq > q.seq) {
			best[r.key] = r
		}
	}
	keys := make([]string, 0, len(best))
	for k := range best {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	n := len(keys)
	var (
		codes, installs, clerks, desks, pcodes, pnames, depts = make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
		kinds, statuses, channels                             = make([]int16, n), make([]int16, n), make([]int16, n)
		gens                                                  = make([]int32, n)
		seqs                                                  = make([]int64, n)
		rat, appt, fin, ret                                   = make([]pgtype.Timestamptz, n), make([]pgtype.Timestamptz, n), make([]pgtype.Timestamptz, n), make([]pgtype.Timestamptz, n)
		rday                                                  = make([]pgtype.Date, n)
		snaps                                                 = make([][]byte, n)
	)
	ts := func(t time.Time) pgtype.Timestamptz { return pgtype.Timestamptz{Time: t, Valid: !t.IsZero()} }
	for i, k := range keys {
		r := best[k]
		d := r.d
		codes[i], installs[i], clerks[i], desks[i] = k, r.install, d.Clerk, d.Desk
		pcodes[i], pnames[i], depts[i] = d.Procedure.Code, d.Procedure.Name, d.Department
		kinds[i], statuses[i], channels[i] = int16(d.Kind), int16(d.Status), int16(d.Channel)
		gens[i], seqs[i] = int32(r.gen), int64(r.seq)
		rat[i], appt[i], fin[i], ret[i] = ts(d.ReceivedAt), ts(d.Appointment), ts(d.FinishedAt), ts(d.ReturnedAt)
		if !d.ReceivedAt.IsZero() {
			y, m, dd := d.ReceivedAt.In(dossier.Zone).Date()
			rday[i] = pgtype.Date{Time: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), Valid: true}
		}
		snaps[i] = r.payload
	}
	_, err := tx.Exec(ctx, `
INSERT INTO dossiers (office, code, kind, install, gen, seq, status, channel, received_at, received_day, appointment, finished_at, returned_at,
	clerk, desk, procedure_code, procedure_name, department, snapshot, updated_at, lost)
SELECT $1, code, kind, inst, gen, seq, status, channel, rat, rday, appt, fin, ret, clerk, desk, pcode, pname, dept, snap, $2, false
FROM unnest($3::text[], $4::int2[], $5::text[], $6::int4[], $7::bigint[], $8::int2[], $9::int2[], $10::timestamptz[], $11::date[], $12::timestamptz[],
	$13::timestamptz[], $14::timestamptz[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[], $20::bytea[])
	AS t(code, kind, inst, gen, seq, status, channel, rat, rday, appt, fin, ret, clerk, desk, pcode, pname, dept, snap)
ON CONFLICT (office, code) DO UPDATE SET kind = excluded.kind, install = excluded.install, gen = excluded.gen, seq = excluded.seq,
	status = excluded.status, channel = excluded.channel, received_at = excluded.received_at, received_day = excluded.received_day,
	appointment = excluded.appointment, finished_at = excluded.finished_at, returned_at = excluded.returned_at,
	clerk = excluded.clerk, desk = excluded.desk, procedure_code = excluded.procedure_code, procedure_name = excluded.procedure_name,
	department = excluded.department, snapshot = excluded.snapshot, updated_at = excluded.updated_at, lost = false
WHERE $21 OR (dossiers.install, dossiers.gen, dossiers.seq) < (excluded.install, excluded.gen, excluded.seq)`,
		office, now, codes, kinds, installs, gens, seqs, statuses, channels, rat, rday, appt, fin, ret, clerks, desks, pcodes, pnames, depts, snaps, force)
	if err != nil {
		return fmt.Errorf("update dossier state: %w", err)
	}
	return nil
}

type anomaly struct {
	seq        uint64
	kind       string
	detail     string
	held, sent []byte
}

func recordAnomalies(ctx context.Context, tx pgx.Tx, install string, now time.Time, as []anomaly) error {
	for _, a := range as {
		if _, err := tx.Exec(ctx, `INSERT INTO anomalies (at, install, seq, kind, detail, hash_held, hash_sent) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			now, install, int64(a.seq), a.kind, a.detail, a.held, a.sent); err != nil {
			return fmt.Errorf("record anomaly: %w", err)
		}
	}
	return nil
}

// advanceCoverage records the batch range and moves the desk's contiguous
// watermark over every range that now touches it.
func advanceCoverage(ctx context.Context, tx pgx.Tx, install string, covered, first, last uint64, now time.Time) (uint64, error) {
	if last > covered {
		if _, err := tx.Exec(ctx, `INSERT INTO ranges (install, first, last) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, install, int64(first), int64(last)); err != nil {
			return 0, err
		}
	}
	rows, err := tx.Query(ctx, `SELECT first, last FROM ranges WHERE install = $1 ORDER BY first`, install)
	if err != nil {
		return 0, err
	}
	var f, l int64
	c := covered
	_, err = pgx.ForEachRow(rows, []any{&f, &l}, func() error {
		if uint64(f) <= c+1 && uint64(l) > c {
			c = uint64(l)
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM ranges WHERE install = $1 AND last <= $2`, install, int64(c)); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(ctx, `UPDATE desks SET covered = $2, last_seen = $3 WHERE install = $1`, install, int64(c), now); err != nil {
		return 0, err
	}
	return c, nil
}

// checkIncarnation accepts the desk's current incarnation, switches to a
// new one (the desk database was restored: syncthing's index ID) and
// refuses a retired one (a stale copy, or a replay of its batches). It
// returns the generation of the batch's incarnation (1 for the database the
// desk enrolled with, +1 for each restore) and whether it just switched.
// On a switch the coverage watermark starts again: the restored journal
// is covered anew by the new copy's batches.
func (h *Hub) checkIncarnation(ctx context.Context, tx pgx.Tx, d *desk, inc string, now time.Time) (int, bool, error) {
	if inc == d.Incarnation && d.Gen > 0 {
		return d.Gen, false, nil
	}
	var retired *time.Time
	var gen int
	err := tx.QueryRow(ctx, `SELECT retired_at, gen FROM incarnations WHERE install = $1 AND incarnation = $2`, d.Install, inc).Scan(&retired, &gen)
	switch {
	case err == nil && retired != nil:
		return 0, false, errf(http.StatusConflict, "stale-incarnation", "this copy of the desk database (incarnation %s) was replaced on %s by a restored or newer copy; it can no longer sync — use the current database", inc, retired.In(dossier.Zone).Format("2006-01-02 15:04"))
	case err == nil && inc == d.Incarnation:
		return gen, false, nil
	case err != nil && !errors.Is(err, pgx.ErrNoRows):
		return 0, false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE incarnations SET retired_at = $3 WHERE install = $1 AND incarnation <> $2 AND retired_at IS NULL`, d.Install, inc, now); err != nil {
		return 0, false, err
	}
	if err := tx.QueryRow(ctx, `
INSERT INTO incarnations (install, incarnation, first_seen, gen)
VALUES ($1, $2, $3, (SELECT coalesce(max(gen), 0) + 1 FROM incarnations WHERE install = $1))
ON CONFLICT (install, incarnation) DO UPDATE SET retired_at = NULL RETURNING gen`, d.Install, inc, now).Scan(&gen); err != nil {
		return 0, false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE desks SET incarnation = $2, covered = 0 WHERE install = $1`, d.Install, inc); err != nil {
		return 0, false, err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM ranges WHERE install = $1`, d.Install); err != nil {
		return 0, false, err
	}
	h.log.Warn("desk database incarnation changed (restored from a backup?)", "install", d.Install, "old", d.Incarnation, "new", inc, "gen", gen)
	return gen, true, recordAnomalies(ctx, tx, d.Install, now, []anomaly{{kind: "incarnation",
		detail: fmt.Sprintf("incarnation %s (generation %d) replaced %s: the desk database was restored or copied; events of the old copy that the new one lacks are recorded as lost when the new copy re-uses their sequences", inc, gen, d.Incarnation)}})
}
