package hub

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"motcua/dossier"
	"motcua/syncproto"
)

var dimColumn = map[string]string{
	"day": "received_day", "status": "status", "clerk": "clerk", "procedure": "procedure_code", "desk": "desk", "channel": "channel",
}

// maxQueryDays bounds a count's date range.
const maxQueryDays = 3700

func parseDay(field, s string) (time.Time, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, errf(http.StatusBadRequest, "malformed", "%s must be YYYY-MM-DD, got %q", field, s)
	}
	return t, nil
}

// Counts counts the office's dossiers (not guidance records) received
// between from and to (inclusive, YYYY-MM-DD), grouped by the given
// dimensions (syncproto.CountDims).
func (h *Hub) Counts(ctx context.Context, office, from, to string, by []string) (*syncproto.Counts, error) {
	f, err := parseDay("from", from)
	if err != nil {
		return nil, err
	}
	t, err := parseDay("to", to)
	if err != nil {
		return nil, err
	}
	if t.Before(f) || t.Sub(f) > maxQueryDays*24*time.Hour {
		return nil, errf(http.StatusBadRequest, "malformed", "the range %s–%s is reversed or longer than %d days", from, to, maxQueryDays)
	}
	var cols []string
	for _, d := range by {
		c, ok := dimColumn[d]
		if !ok {
			return nil, errf(http.StatusBadRequest, "malformed", "unknown dimension %q (use %s)", d, strings.Join(syncproto.CountDims, ", "))
		}
		if slices.Contains(cols, c) {
			return nil, errf(http.StatusBadRequest, "malformed", "dimension %q given twice", d)
		}
		cols = append(cols, c)
	}
	sel := "count(*)"
	group := ""
	if len(cols) > 0 {
		sel = strings.Join(cols, ", ") + ", count(*)"
		group = " GROUP BY " + strings.Join(cols, ", ") + " ORDER BY " + strings.Join(cols, ", ")
	}
	rows, err := h.pool.Query(ctx, `SELECT `+sel+` FROM dossiers WHERE office = $1 AND kind = 0 AND received_day BETWEEN $2 AND $3`+group,
		office, pgtype.Date{Time: f, Valid: true}, pgtype.Date{Time: t, Valid: true})
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := &syncproto.Counts{Office: office, From: from, To: to, By: by, Rows: []syncproto.CountRow{}}
	if out.By == nil {
		out.By = []string{}
	}
	for rows.Next() {
		vals, err := rows.Values()
		if err != nil {
			return nil, err
		}
		var r syncproto.CountRow
		for i, c := range cols {
			switch c {
			case "received_day":
				if d, ok := vals[i].(time.Time); ok {
					r.Day = d.Format("2006-01-02")
				}
			case "status", "channel":
				v := int(vals[i].(int16))
				if c == "status" {
					r.Status = &v
				} else {
					r.Channel = &v
				}
			case "clerk":
				r.Clerk = vals[i].(string)
			case "procedure_code":
				r.Procedure = vals[i].(string)
			case "desk":
				r.Desk = vals[i].(string)
			}
		}
		r.Count = int(vals[len(cols)].(int64))
		out.Total += r.Count
		out.Rows = append(out.Rows, r)
	}
	return out, rows.Err()
}

// Day lists the office's dossiers received on a day, by receipt time.
func (h *Hub) Day(ctx context.Context, office, date string) (*syncproto.DayList, error) {
	d, err := parseDay("date", date)
	if err != nil {
		return nil, err
	}
	rows, err := h.pool.Query(ctx, `
SELECT code, kind, status, channel, received_at, appointment, finished_at, returned_at, clerk, desk, procedure_code, procedure_name, department, install, seq
FROM dossiers WHERE office = $1 AND received_day = $2 ORDER BY received_at, code`, office, pgtype.Date{Time: d, Valid: true})
	if err != nil {
		return nil, err
	}
	out := &syncproto.DayList{Office: office, Date: date, Dossiers: []syncproto.DaySummary{}}
	var (
		s                 syncproto.DaySummary
		kind, st, ch      int16
		rat, ap, fin, ret pgtype.Timestamptz
		seq               int64
	)
	_, err = pgx.ForEachRow(rows, []any{&s.Code, &kind, &st, &ch, &rat, &ap, &fin, &ret, &s.Clerk, &s.Desk, &s.ProcedureCode, &s.ProcedureName, &s.Department, &s.Install, &seq}, func() error {
		r := s
		r.Kind, r.Status, r.Channel, r.Seq = int(kind), dossier.Status(st), int(ch), uint64(seq)
		r.ReceivedAt, r.Appointment, r.FinishedAt, r.ReturnedAt = zoned(rat), zoned(ap), zoned(fin), zoned(ret)
		out.Dossiers = append(out.Dossiers, r)
		return nil
	})
	return out, err
}

// Dossier returns the current state of one dossier of the office.
func (h *Hub) Dossier(ctx context.Context, office, code string) (*syncproto.DossierRecord, error) {
	var install string
	var seq int64
	var snap []byte
	err := h.pool.QueryRow(ctx, `SELECT install, seq, snapshot FROM dossiers WHERE office = $1 AND code = $2`, office, code).Scan(&install, &seq, &snap)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errf(http.StatusNotFound, "not-found", "dossier %s is not at the hub", code)
	}
	if err != nil {
		return nil, err
	}
	var ev syncproto.Event
	if err := json.Unmarshal(snap, &ev); err != nil {
		return nil, fmt.Errorf("dossier %s: stored snapshot unreadable: %w", code, err)
	}
	return &syncproto.DossierRecord{Install: install, Seq: uint64(seq), Dossier: ev.Dossier}, nil
}

func zoned(t pgtype.Timestamptz) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.In(dossier.Zone)
}

// DeskStats is one desk's line in "motcua-hub stats".
type DeskStats struct {
	Office      string `json:"office"`
	Desk        string `json:"desk"`
	Slot        int    `json:"slot"`
	Install     string `json:"install"`
	Incarnation string `json:"incarnation"`
	// Generation counts the desk's database copies: 1 = the one it
	// enrolled with, +1 for every restore from a backup.
	Generation int    `json:"generation"`
	Events     int64  `json:"events"`
	Dossiers   int64  `json:"dossiers"`
	Covered    uint64 `json:"covered"`
	Anomalies  int64  `json:"anomalies"`
	// LostEvents are events of earlier database copies that the restored
	// desk does not have; LostDossiers the dossiers issued after the
	// backup and LostChanges the dossiers whose latest changes were lost
	// ("lost from desk after restore", unresolved; motcua-hub lost lists
	// them); Reissued the lost codes the restored desk issued again.
	LostEvents   int64     `json:"lost_events"`
	LostDossiers int64     `json:"lost_dossiers"`
	LostChanges  int64     `json:"lost_changes"`
	Reissued     int64     `json:"reissued"`
	LastSeen     time.Time `json:"last_seen,omitzero"`
	// Checksum is SHA-256 over the desk's events in sequence order
	// (seq ‖ content hash), lost events excluded, to compare with the
	// desk's own outbox.
	Checksum string `json:"checksum"`
}

// Stats returns per-desk counts of events and dossiers held.
func (h *Hub) Stats(ctx context.Context) ([]DeskStats, error) {
	rows, err := h.pool.Query(ctx, `
SELECT d.office, d.name, d.slot, d.install, d.incarnation, coalesce((SELECT i.gen FROM incarnations i WHERE i.install = d.install AND i.incarnation = d.incarnation), 0),
	d.covered, d.last_seen,
	(SELECT count(*) FROM events e WHERE e.install = d.install AND e.lost_at IS NULL),
	(SELECT count(*) FROM dossiers x WHERE x.install = d.install),
	(SELECT count(*) FROM anomalies a WHERE a.install = d.install),
	(SELECT count(*) FROM events e WHERE e.install = d.install AND e.lost_at IS NOT NULL),
	(SELECT count(*) FROM lost_dossiers l WHERE l.install = d.install AND l.what = 'dossier' AND l.resolved_at IS NULL),
	(SELECT count(*) FROM lost_dossiers l WHERE l.install = d.install AND l.what = 'changes' AND l.resolved_at IS NULL),
	(SELECT count(*) FROM lost_dossiers l WHERE l.install = d.install AND l.reissued AND l.resolved_at IS NULL),
	coalesce((SELECT encode(sha256(string_agg(int8send(e.seq) || e.hash, ''::bytea ORDER BY e.seq)), 'hex') FROM events e WHERE e.install = d.install AND e.lost_at IS NULL), '')
FROM desks d ORDER BY d.office, d.slot`)
	if err != nil {
		return nil, err
	}
	var out []DeskStats
	var s DeskStats
	var covered int64
	var last pgtype.Timestamptz
	_, err = pgx.ForEachRow(rows, []any{&s.Office, &s.Desk, &s.Slot, &s.Install, &s.Incarnation, &s.Generation, &covered, &last,
		&s.Events, &s.Dossiers, &s.Anomalies, &s.LostEvents, &s.LostDossiers, &s.LostChanges, &s.Reissued, &s.Checksum}, func() error {
		r := s
		r.Covered = uint64(covered)
		r.LastSeen = zoned(last)
		out = append(out, r)
		return nil
	})
	return out, err
}
