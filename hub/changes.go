package hub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"motcua/catalog"
	"motcua/dossier"
	"motcua/syncproto"
	"motcua/workday"
)

// PostDossierEvent records a status change made at the hub (a department
// marks the result ready, confirms it received the transferred paper…).
// The event is checked against the dossier's last synced state with the
// domain rules (dossier.Check) and queued for the desk that holds the
// dossier, which applies it on its next pull; the new state then comes
// back up as an ordinary event. by names the caller (API key name).
func (h *Hub) PostDossierEvent(ctx context.Context, by, keyOffice, code string, ev dossier.Event) (*syncproto.Change, error) {
	if !syncproto.HubEventAllowed(ev.Kind) {
		return nil, errf(http.StatusBadRequest, "malformed", "the hub may record only %v; %q belongs to the counter", syncproto.HubEventKinds, ev.Kind)
	}
	var office, install string
	var snap []byte
	var lost bool
	err := h.pool.QueryRow(ctx, `SELECT office, install, snapshot, lost FROM dossiers WHERE code = $1 AND kind = 0`, code).Scan(&office, &install, &snap, &lost)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, errf(http.StatusNotFound, "not-found", "dossier %s is not at the hub (has its desk synced?)", code)
	}
	if err != nil {
		return nil, err
	}
	if keyOffice != "" && keyOffice != office {
		return nil, errf(http.StatusForbidden, "unauthorised", "this API key is for office %s, dossier %s belongs to %s", keyOffice, code, office)
	}
	if lost {
		return nil, errf(http.StatusConflict, "conflict", "dossier %s was lost from its desk when the desk database was restored from a backup; the office must re-enter it at the counter first (motcua-hub lost)", code)
	}
	var sev syncproto.Event
	if err := json.Unmarshal(snap, &sev); err != nil || sev.Dossier == nil {
		return nil, fmt.Errorf("dossier %s: stored snapshot unreadable: %v", code, err)
	}
	now := h.now()
	if ev.At.IsZero() {
		ev.At = now
	}
	if strings.TrimSpace(ev.Actor) == "" {
		ev.Actor = by
	}
	ev.Desk = ""
	if err := sev.Dossier.Check(ev); err != nil {
		return nil, errf(http.StatusConflict, "conflict", "dossier %s: %v", code, err)
	}
	evb, err := json.Marshal(ev)
	if err != nil {
		return nil, err
	}
	c := &syncproto.Change{ID: randomID(), Kind: syncproto.ChangeDossier, At: now.UTC(), By: by, Office: office, Code: code, Event: &ev}
	var cur int64
	err = h.pool.QueryRow(ctx, `INSERT INTO changes (id, kind, office, target_install, code, at, by_name, event) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING cursor`,
		c.ID, string(c.Kind), office, install, code, now, by, evb).Scan(&cur)
	if err != nil {
		return nil, fmt.Errorf("record change: %w", err)
	}
	c.Cursor = uint64(cur)
	h.log.Info("hub change recorded", "kind", ev.Kind, "office", office, "cursor", cur)
	return c, nil
}

// Publish records a catalog file (catalog package format) or a days-off
// year table (workday JSON) for every desk of office ("" = all offices).
// The data is validated with the same parser the desk uses.
func (h *Hub) Publish(ctx context.Context, by, office string, kind syncproto.ChangeKind, data []byte) (*syncproto.Change, error) {
	var version string
	switch kind {
	case syncproto.ChangeCatalog:
		if _, err := catalog.Decode(data); err != nil {
			return nil, errf(http.StatusBadRequest, "malformed", "catalog: %v", err)
		}
		sum := sha256.Sum256(data)
		version = hex.EncodeToString(sum[:])
	case syncproto.ChangeHolidays:
		t, err := workday.ParseYearTable(data)
		if err != nil {
			return nil, errf(http.StatusBadRequest, "malformed", "%v", err)
		}
		version = strconv.Itoa(t.Year)
	default:
		return nil, errf(http.StatusBadRequest, "malformed", "unknown publication kind %q (catalog, holidays)", kind)
	}
	if office != "" {
		if err := dossier.ValidateAgencyCode(office); err != nil {
			return nil, errf(http.StatusBadRequest, "malformed", "%v", err)
		}
	}
	now := h.now()
	c := &syncproto.Change{ID: randomID(), Kind: kind, At: now.UTC(), By: by, Office: office, Version: version, Data: data}
	var cur int64
	err := h.pool.QueryRow(ctx, `INSERT INTO changes (id, kind, office, at, by_name, version, data) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING cursor`,
		c.ID, string(kind), office, now, by, version, data).Scan(&cur)
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	c.Cursor = uint64(cur)
	h.log.Info("published", "kind", kind, "version", version, "office", office, "cursor", cur)
	return c, nil
}

// Pull returns the changes for a desk after cursor: the dossier changes
// aimed at it and the publications for its office or every office. With
// floors it adds the code floors (codeFloors): the desk asks for them on
// its first pull after it starts, and the USB answer always has them.
func (h *Hub) Pull(ctx context.Context, install, office string, after uint64, limit int, floors bool) (*syncproto.PullResponse, error) {
	if limit <= 0 || limit > syncproto.MaxPullChanges {
		limit = syncproto.MaxPullChanges
	}
	rows, err := h.pool.Query(ctx, `
SELECT cursor, id, kind, office, code, at, by_name, event, version, data FROM changes
WHERE cursor > $1 AND (target_install = $2 OR (target_install = '' AND office IN ($3, '')))
ORDER BY cursor LIMIT $4`, int64(after), install, office, limit+1)
	if err != nil {
		return nil, err
	}
	resp := &syncproto.PullResponse{After: after, Cursor: after, Changes: []syncproto.Change{}}
	var (
		cur                          int64
		id, kind, off, code, by, ver string
		at                           time.Time
		evb, data                    []byte
	)
	_, err = pgx.ForEachRow(rows, []any{&cur, &id, &kind, &off, &code, &at, &by, &evb, &ver, &data}, func() error {
		if len(resp.Changes) == limit {
			resp.More = true
			return nil
		}
		c := syncproto.Change{Cursor: uint64(cur), ID: id, Kind: syncproto.ChangeKind(kind), At: at.UTC(), By: by, Office: off, Code: code, Version: ver}
		if len(data) > 0 {
			c.Data = append([]byte(nil), data...)
		}
		if len(evb) > 0 {
			var ev dossier.Event
			if err := json.Unmarshal(evb, &ev); err != nil {
				return fmt.Errorf("change %d: %w", cur, err)
			}
			c.Event = &ev
		}
		resp.Changes = append(resp.Changes, c)
		resp.Cursor = uint64(cur)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if floors {
		if resp.CodeFloors, err = h.codeFloors(ctx, install, office); err != nil {
			return nil, err
		}
	}
	return resp, nil
}

// codeFloors returns, per day of the last syncproto.CodeFloorDays, the
// highest dossier code the hub holds from the installation (every
// incarnation, lost dossiers included): a desk restored from an older
// backup raises its day counters past them. Codes of one day and length
// share agency and layout, so the text order is the sequence order.
func (h *Hub) codeFloors(ctx context.Context, install, office string) ([]string, error) {
	y, m, d := h.now().In(dossier.Zone).Date()
	from := time.Date(y, m, d-syncproto.CodeFloorDays, 0, 0, 0, 0, time.UTC)
	rows, err := h.pool.Query(ctx, `
SELECT DISTINCT ON (received_day, length(code)) code FROM dossiers
WHERE office = $1 AND install = $2 AND kind = $3 AND received_day >= $4
ORDER BY received_day DESC, length(code), code DESC LIMIT $5`, office, install, int16(dossier.KindDossier), pgtype.Date{Time: from, Valid: true}, syncproto.MaxCodeFloors)
	if err != nil {
		return nil, fmt.Errorf("code floors: %w", err)
	}
	var out []string
	var code string
	_, err = pgx.ForEachRow(rows, []any{&code}, func() error {
		if _, _, _, perr := dossier.ParseCode(code); perr == nil {
			out = append(out, code)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("code floors: %w", err)
	}
	return out, nil
}
