package hub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"motcua/dossier"
	"motcua/hub"
	"motcua/hub/pgtest"
	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

// TestMigrations steps through the schema history: after each step the
// tables it creates exist, re-running changes nothing, and a database
// newer than the program is refused.
func TestMigrations(t *testing.T) {
	ctx := context.Background()
	pool, err := pgxpool.New(ctx, pgtest.New(t))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	want := map[int][]string{
		1: {"hub_keys", "tokens", "desks", "incarnations", "events", "ranges", "dossiers", "anomalies", "changes"},
		2: {"portal_sync", "portal_errors"},
		3: {"lost_dossiers"},
		4: {"portal_state"},
	}
	// Data written under each version, checked after the next steps.
	seed := map[int]string{
		2: `INSERT INTO desks (install, office, slot, slots, name, key_id, public_key, incarnation, enrolled_at)
	VALUES ('aaaaaaaa', '000.00.06.H56', 1, 10, 'quay-01', 'k1', '\x00', 'bbbbbbbb', now());
INSERT INTO incarnations (install, incarnation, first_seen, retired_at) VALUES ('aaaaaaaa', '99999999', now() - interval '2 days', now() - interval '1 day');
INSERT INTO incarnations (install, incarnation, first_seen) VALUES ('aaaaaaaa', 'bbbbbbbb', now() - interval '1 day');
INSERT INTO events (install, seq, hash, incarnation, kind, code, at, received_at, payload)
	VALUES ('aaaaaaaa', 7, '\x01', 'bbbbbbbb', 'dossier', '000.00.06.H56-260302-0001', now(), now(), '{}');
INSERT INTO dossiers (office, code, kind, install, seq, status, channel, clerk, desk, procedure_code, procedure_name, department, snapshot, updated_at)
	VALUES ('000.00.06.H56', '000.00.06.H56-260302-0001', 0, 'aaaaaaaa', 7, 2, 1, 'c', 'quay-01', 'p', 'p', '', '{}', now());
INSERT INTO portal_sync (code, install, seq, forwarded_at, updating) VALUES ('000.00.06.H56-260302-0001', 'aaaaaaaa', 7, now(), false);`,
	}
	check := map[int][]string{
		// The desk's current incarnation is the latest generation, the
		// retired one the first; the dossier's snapshot takes its
		// event's generation; a retired incarnation's event may now use
		// the same sequence.
		3: {`SELECT (SELECT gen FROM incarnations WHERE incarnation = 'bbbbbbbb') = 2 AND (SELECT gen FROM incarnations WHERE incarnation = '99999999') = 1`,
			`SELECT gen = 2 AND NOT lost FROM dossiers`,
			`WITH x AS (INSERT INTO events (install, seq, hash, incarnation, kind, code, at, received_at, payload)
	VALUES ('aaaaaaaa', 7, '\x02', '99999999', 'dossier', 'c', now(), now(), '{}') RETURNING 1) SELECT count(*) = 1 FROM x`},
		4: {`SELECT hash IS NULL AND progress_sent = 0 AND progress_keys = ''::bytea AND gen = 1 FROM portal_sync`},
	}
	if len(want) != len(hub.Migrations) {
		t.Fatalf("%d migrations, %d with expectations: add the new step's test here", len(hub.Migrations), len(want))
	}
	for i, m := range hub.Migrations {
		if m.Version != i+1 {
			t.Fatalf("migration %d has version %d: versions must be 1..n in order", i, m.Version)
		}
		n, err := hub.MigrateTo(ctx, pool, m.Version)
		if err != nil || n != 1 {
			t.Fatalf("step %d: ran %d, %v", m.Version, n, err)
		}
		for _, table := range want[m.Version] {
			var ok bool
			if err := pool.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, table).Scan(&ok); err != nil || !ok {
				t.Fatalf("after step %d table %s is missing (%v)", m.Version, table, err)
			}
		}
		if v, _ := hub.SchemaVersion(ctx, pool); v != m.Version {
			t.Fatalf("schema version %d after step %d", v, m.Version)
		}
		for _, q := range check[m.Version] {
			var ok bool
			if err := pool.QueryRow(ctx, q).Scan(&ok); err != nil || !ok {
				t.Fatalf("after step %d: %s: %v %v", m.Version, q, ok, err)
			}
		}
		if q := seed[m.Version]; q != "" {
			if _, err := pool.Exec(ctx, q); err != nil {
				t.Fatalf("seed data at step %d: %v", m.Version, err)
			}
		}
	}
	if n, err := hub.Migrate(ctx, pool); err != nil || n != 0 {
		t.Fatalf("re-run: %d steps, %v", n, err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO schema_migrations (version, name) VALUES (99, 'future')`); err != nil {
		t.Fatal(err)
	}
	if _, err := hub.Migrate(ctx, pool); err == nil || !strings.Contains(err.Error(), "newer motcua-hub") {
		t.Fatalf("newer schema: %v", err)
	}
}

func TestEnrolment(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d1 := e.enroll(1, 1)
	if len(d1.hub) != 32 {
		t.Fatal("no hub key in the enrolment answer")
	}
	tok, _ := e.h().IssueEnrollToken(ctx, office)
	k2 := newKey(2)
	st2 := synctest.NewStore(hexID(2), hexID(102))
	cases := []struct {
		name string
		req  func() syncproto.EnrollRequest
		want string
	}{
		{"same slot as desk 1", func() syncproto.EnrollRequest { return enrollReq(tok, k2, st2, 1) }, "slot-taken"},
		{"unknown token", func() syncproto.EnrollRequest {
			return enrollReq("enr-00000000000000000000000000000000", k2, st2, 2)
		}, "unknown enrolment token"},
		{"token of another office", func() syncproto.EnrollRequest {
			r := enrollReq(tok, k2, st2, 2)
			r.Office = "000.00.07.H56"
			return r
		}, "issued for office"},
		{"key of desk 1", func() syncproto.EnrollRequest {
			r := enrollReq(tok, d1.key, st2, 2)
			return r
		}, "already registered"},
	}
	for _, c := range cases {
		_, err := syncer.Enroll(ctx, e.srv.URL, c.req(), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
	// The refusals did not consume the token: slot 2 works, and re-sending
	// the same request (a lost answer) works too.
	for range 2 {
		if _, err := syncer.Enroll(ctx, e.srv.URL, enrollReq(tok, k2, st2, 2), nil); err != nil {
			t.Fatal(err)
		}
	}
	// The used token does not enrol a third desk.
	if _, err := syncer.Enroll(ctx, e.srv.URL, enrollReq(tok, newKey(3), synctest.NewStore(hexID(3), hexID(103)), 3), nil); err == nil || !strings.Contains(err.Error(), "already used") {
		t.Fatalf("token re-used: %v", err)
	}
	// An expired token is refused.
	old, _ := e.h().IssueEnrollToken(ctx, office)
	e.clock.Add(hub.EnrollTokenTTL + time.Hour)
	if _, err := syncer.Enroll(ctx, e.srv.URL, enrollReq(old, newKey(4), synctest.NewStore(hexID(4), hexID(104)), 4), nil); err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired token: %v", err)
	}
}

func TestIngestIdempotentConflictAndQuarantine(t *testing.T) {
	e := newEnv(t)
	d := e.enroll(1, 1)
	if err := synctest.Fill(d.store, office, 40); err != nil {
		t.Fatal(err)
	}
	// One event of another agency: rejected, and it must not hold back
	// the others.
	foreign := synctest.Dossier("000.00.99.H56", 1)
	bad, _ := d.store.Add(&syncproto.Event{Kind: syncproto.KindDossier, At: foreign.ReceivedAt, Change: "received", Code: string(foreign.Code), Dossier: foreign}, 0)
	if err := synctest.Fill(d.store, office, 0); err != nil {
		t.Fatal(err)
	}
	w := e.worker(d, nil, nil, 16)
	res, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if res.Sent != 41 || res.Acked != 40 || res.Rejected != 1 {
		t.Fatalf("result %+v", res)
	}
	q := d.store.Quarantined()
	if !strings.Contains(q[bad], "belongs to agency 000.00.99.H56") {
		t.Fatalf("quarantine %v", q)
	}
	st := e.deskStats(d.store.InstallID())
	if st.Events != 40 || st.Dossiers != 20 || st.Anomalies != 1 {
		t.Fatalf("stats %+v", st)
	}
	// The dossier state is the latest snapshot (transferred, status 4).
	rec, err := e.h().Dossier(context.Background(), office, string(synctest.Dossier(office, 3).Code))
	if err != nil || rec.Dossier.Status != dossier.StatusProcessing {
		t.Fatalf("dossier state %+v %v", rec, err)
	}
	// Re-pushing everything adds nothing: every event is a duplicate.
	d.store.Unack()
	res, err = w.RunOnce(context.Background())
	if err != nil || res.Duplicates != 40 || res.Rejected != 1 {
		t.Fatalf("re-push %+v %v", res, err)
	}
	if st2 := e.deskStats(d.store.InstallID()); st2.Events != 40 || st2.Checksum != st.Checksum {
		t.Fatalf("re-push changed the hub: %+v", st2)
	}
	// Same (install, seq) with other content: 409, an anomaly, the
	// hub keeps the first content, the event is quarantined.
	d.store.Replace(5, []byte(`{"seq":5,"kind":"dossier"}`))
	_, raw := signed(t, d, 4, 1)
	status, body := e.post("/v1/batches", raw)
	if status != http.StatusConflict || !strings.Contains(body, `"conflict":true`) {
		t.Fatalf("conflict: %d %s", status, body)
	}
	res, err = w.RunOnce(context.Background())
	if err != nil || res.Rejected != 1 {
		t.Fatalf("conflict through the worker: %+v %v", res, err)
	}
	if st3 := e.deskStats(d.store.InstallID()); st3.Events != 40 || st3.Checksum != st.Checksum || st3.Anomalies != 4 { // foreign event twice (push, re-push), the conflict twice (direct, worker)
		t.Fatalf("after conflict: %+v", st3)
	}
}

func TestBatchRefusals(t *testing.T) {
	e := newEnv(t)
	d := e.enroll(1, 1)
	synctest.Fill(d.store, office, 4)
	b, raw := signed(t, d, 0, 10)

	forged := append([]byte(nil), raw...)
	forged[len(forged)-1] ^= 1
	zero := append(append([]byte(nil), raw[:len(raw)-64]...), make([]byte, 64)...)
	stranger := &desk{key: newKey(9), store: d.store}
	_, strangerRaw := signed(t, stranger, 0, 10)
	// Desk 2 signs a batch claiming desk 1's installation.
	d2 := e.enroll(2, 2)
	b2 := *b
	b2.Items = append([]syncproto.Item(nil), b.Items...)
	impostor, err := b2.Sign(d2.key.Private, d2.key.ID)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		body   []byte
		status int
		code   string
	}{
		{"malformed", []byte("hello"), 400, "malformed"},
		{"empty", nil, 400, "malformed"},
		{"forged", forged, 401, "signature"},
		{"unsigned", zero, 401, "signature"},
		{"unknown desk", strangerRaw, 401, "unknown-desk"},
		{"another desk's installation", impostor, 403, "unknown-desk"},
	}
	for _, c := range cases {
		status, body := e.post("/v1/batches", c.body)
		if status != c.status || !strings.Contains(body, `"code":"`+c.code+`"`) {
			t.Errorf("%s: %d %s", c.name, status, body)
		}
	}
	if st := e.deskStats(d.store.InstallID()); st.Events != 0 {
		t.Fatalf("refused batches stored %d events", st.Events)
	}
	// A desk restored from a backup gets a new incarnation: the hub
	// switches to it; the old copy's batches (a replay) are then refused.
	if status, body := e.post("/v1/batches", raw); status != 200 {
		t.Fatalf("first push %d %s", status, body)
	}
	d.store.SetIncarnation(hexID(200))
	d.store.Unack()
	_, raw2 := signed(t, d, 0, 10)
	if status, body := e.post("/v1/batches", raw2); status != 200 || strings.Count(body, `"duplicate"`) != 4 {
		t.Fatalf("new incarnation %d %s", status, body)
	}
	if status, body := e.post("/v1/batches", raw); status != http.StatusConflict || !strings.Contains(body, "stale-incarnation") {
		t.Fatalf("replay of the old incarnation: %d %s", status, body)
	}
	// The worker reports a refused desk as blocked, not as a network
	// problem.
	d.store.SetIncarnation(hexID(101)) // the retired one
	w := e.worker(d, nil, nil, 10)
	if _, err := w.RunOnce(context.Background()); err == nil || syncer.IsTransient(err) {
		t.Fatalf("stale incarnation through the worker: %v", err)
	}
	if s := w.Status(); !s.Blocked || !strings.Contains(s.LastError, "stale-incarnation") {
		t.Fatalf("status %+v", s)
	}
}

func TestOfficeQueriesHubChangesAndPull(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d := e.enroll(1, 1)
	synctest.Fill(d.store, office, 20) // 10 dossiers, every second transferred
	app := &synctest.Applier{}
	w := e.worker(d, nil, app, 100)
	if _, err := w.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	c := e.client(d, nil)
	day := synctest.Day0.Format("2006-01-02")
	counts, err := c.Counts(ctx, day, day, "status")
	if err != nil {
		t.Fatal(err)
	}
	if counts.Total != 10 || len(counts.Rows) != 1 || *counts.Rows[0].Status != 4 {
		t.Fatalf("counts %+v", counts)
	}
	byClerk, err := c.Counts(ctx, day, day, "day", "clerk")
	if err != nil || len(byClerk.Rows) != 3 || byClerk.Rows[0].Day != day {
		t.Fatalf("by clerk %+v %v", byClerk, err)
	}
	if _, err := c.Counts(ctx, day, day, "colour"); err == nil || !strings.Contains(err.Error(), "unknown dimension") {
		t.Fatalf("bad dimension: %v", err)
	}
	list, err := c.Day(ctx, day)
	if err != nil || len(list.Dossiers) != 10 || list.Dossiers[0].Status != dossier.StatusProcessing {
		t.Fatalf("day %+v %v", list, err)
	}
	code := string(synctest.Dossier(office, 2).Code)
	rec, err := c.Dossier(ctx, code)
	if err != nil || string(rec.Dossier.Code) != code || rec.Dossier.Submitter.Name == "" {
		t.Fatalf("dossier %+v %v", rec, err)
	}
	if _, err := c.Dossier(ctx, "000.00.06.H56-990101-0001"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("missing dossier: %v", err)
	}
	// A department marks the result ready at the hub.
	key, err := e.h().IssueAPIKey(ctx, "Phòng Tư pháp", office)
	if err != nil {
		t.Fatal(err)
	}
	auth := []string{"Authorization", "Bearer " + key, "Content-Type", "application/json"}
	status, body := e.post("/v1/dossiers/"+code+"/events", []byte(`{"kind":"result-ready","actor":"tp-01","result":1,"department":"Phòng Tư pháp"}`), auth...)
	if status != http.StatusCreated {
		t.Fatalf("hub change: %d %s", status, body)
	}
	// The domain rules apply at the hub too: returning the result is the
	// counter's job, and a refusal needs its reason.
	for _, bad := range []string{`{"kind":"returned","actor":"x"}`, `{"kind":"result-ready","actor":"x","result":2}`, `{"kind":"result-ready","colour":1}`} {
		if status, body := e.post("/v1/dossiers/"+code+"/events", []byte(bad), auth...); status/100 != 4 {
			t.Errorf("%s accepted: %d %s", bad, status, body)
		}
	}
	if status, _ := e.post("/v1/dossiers/"+code+"/events", []byte(`{"kind":"note","note":"x"}`)); status != http.StatusUnauthorized {
		t.Errorf("no API key: %d", status)
	}
	// Holidays published for every office.
	admin, _ := e.h().IssueAPIKey(ctx, "admin", "")
	year, err := os.ReadFile("../workday/notices/2026.json")
	if err != nil {
		t.Fatal(err)
	}
	if status, body := e.post("/v1/publish/holidays", year, "Authorization", "Bearer "+admin); status != http.StatusCreated {
		t.Fatalf("publish: %d %s", status, body)
	}
	if status, _ := e.post("/v1/publish/holidays", []byte(`{"year":"x"}`), "Authorization", "Bearer "+admin); status != 400 {
		t.Fatalf("bad holiday table accepted: %d", status)
	}
	res, err := w.RunOnce(ctx)
	if err != nil || res.Pulled != 2 || len(app.Applied) != 2 {
		t.Fatalf("pull %+v %v (%d applied)", res, err, len(app.Applied))
	}
	if app.Applied[0].Event.Kind != dossier.EvResultReady || app.Applied[1].Kind != syncproto.ChangeHolidays {
		t.Fatalf("applied %+v", app.Applied)
	}
	// Pulling again brings nothing new.
	if res, err := w.RunOnce(ctx); err != nil || res.Pulled != 0 {
		t.Fatalf("second pull %+v %v", res, err)
	}
	// Another office's desk does not see this office's dossier change.
	tok, _ := e.h().IssueEnrollToken(ctx, "000.00.07.H56")
	k := newKey(7)
	st := synctest.NewStore(hexID(7), hexID(107))
	r := enrollReq(tok, k, st, 1)
	r.Office = "000.00.07.H56"
	if _, err := syncer.Enroll(ctx, e.srv.URL, r, nil); err != nil {
		t.Fatal(err)
	}
	p, err := e.client(&desk{key: k, store: st}, nil).Pull(ctx, 0, 0)
	if err != nil || len(p.Changes) != 1 || p.Changes[0].Kind != syncproto.ChangeHolidays {
		t.Fatalf("other office pull %+v %v", p, err)
	}
}

// floorRecorder is a desk applier that notes the code floors it is given.
type floorRecorder struct {
	synctest.Applier
	floors []string
}

func (f *floorRecorder) RaiseCodeFloors(codes []string) ([]string, error) {
	f.floors = append(f.floors, codes...)
	return nil, nil
}

func TestUSBBundleRoundTrip(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	d := e.enroll(1, 1)
	synctest.Fill(d.store, office, 30)
	app := &floorRecorder{}
	var bundle bytes.Buffer
	ex, err := syncer.ExportBundle(&bundle, d.store, d.key, office, 0, e.clock.Now())
	if err != nil || ex.Manifest.Events != 30 || ex.Remaining != 0 {
		t.Fatalf("export %+v %v", ex, err)
	}
	key, _ := e.h().IssueAPIKey(ctx, "dept", "")
	var answer bytes.Buffer
	res, err := e.h().ImportBundle(ctx, bundle.Bytes(), &answer)
	if err != nil || len(res.Ack.Items) != 30 {
		t.Fatalf("import %+v %v", res, err)
	}
	// A status change made after the import rides back on the next answer.
	code := string(synctest.Dossier(office, 0).Code)
	if _, err := e.h().PostDossierEvent(ctx, "dept", "", code, dossier.Event{Kind: dossier.EvNote, Actor: "dept", Note: "đã nhận"}); err != nil {
		t.Fatal(err)
	}
	_ = key
	r, err := syncer.ImportAnswer(answer.Bytes(), d.store, app, d.hub, nil)
	if err != nil || r.Acked != 30 {
		t.Fatalf("answer %+v %v", r, err)
	}
	if st, _ := d.store.OutboxStats(); st.Pending != 0 {
		t.Fatalf("pending after the answer: %d", st.Pending)
	}
	// The answer carries the code floors: the highest code of the day.
	if want := string(synctest.Dossier(office, 14).Code); len(app.floors) != 1 || app.floors[0] != want {
		t.Fatalf("code floors in the answer %v, want [%s]", app.floors, want)
	}
	// Importing the same answer again changes nothing.
	if r, err := syncer.ImportAnswer(answer.Bytes(), d.store, app, d.hub, nil); err != nil || r.Pulled != 0 {
		t.Fatalf("second import %+v %v", r, err)
	}
	// Importing the same desk bundle again: all duplicates, and the answer
	// now carries the hub change.
	answer.Reset()
	res, err = e.h().ImportBundle(ctx, bundle.Bytes(), &answer)
	if err != nil || res.Changes != 1 {
		t.Fatalf("re-import %+v %v", res, err)
	}
	if _, dup, _ := res.Ack.Counts(); dup != 30 {
		t.Fatalf("re-import duplicates %d", dup)
	}
	r, err = syncer.ImportAnswer(answer.Bytes(), d.store, app, d.hub, nil)
	if err != nil || r.Pulled != 1 || len(app.Applied) != 1 {
		t.Fatalf("answer with change %+v %v", r, err)
	}
	// A bundle from a desk the hub does not know is refused.
	stranger := &desk{key: newKey(9), store: synctest.NewStore(hexID(9), hexID(109))}
	synctest.Fill(stranger.store, office, 2)
	var sb bytes.Buffer
	if _, err := syncer.ExportBundle(&sb, stranger.store, stranger.key, office, 0, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.h().ImportBundle(ctx, sb.Bytes(), &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "no enrolled desk") {
		t.Fatalf("stranger bundle: %v", err)
	}
	// An answer signed by another hub is refused by the desk.
	if _, err := syncer.ImportAnswer(answer.Bytes(), d.store, app, newKey(5).Public(), nil); err == nil {
		t.Fatal("answer from another hub accepted")
	}
	var he *hub.Error
	_ = errors.As(err, &he)
	_ = json.Valid
}

// A desk that draws a new signing key (motcuactl receipt key new) is
// refused until it enrols again; the same install then re-enrols with its
// own token, keeps its slot, and its old key no longer signs anything.
func TestEnrolment_NewDeskKey(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	tok, err := e.h().IssueEnrollToken(ctx, office)
	if err != nil {
		t.Fatal(err)
	}
	d := &desk{key: newKey(1), store: synctest.NewStore(hexID(1), hexID(101))}
	if _, err := syncer.Enroll(ctx, e.srv.URL, enrollReq(tok, d.key, d.store, 1), nil); err != nil {
		t.Fatal(err)
	}
	add := func(from, n int) {
		for k := from; k < from+n; k++ {
			x := synctest.Dossier(office, k)
			if _, err := d.store.Add(&syncproto.Event{Kind: syncproto.KindDossier, At: x.ReceivedAt, Change: "received", Code: string(x.Code), Dossier: x}, 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	add(0, 5)
	if res, err := e.worker(d, nil, nil, 16).RunOnce(ctx); err != nil || res.Acked != 5 {
		t.Fatalf("first push: %+v %v", res, err)
	}
	old := d.key
	d.key = newKey(9)
	add(5, 3)
	if _, err := e.worker(d, nil, nil, 16).RunOnce(ctx); err == nil || !strings.Contains(err.Error(), "belongs to no enrolled desk") {
		t.Fatalf("push with an unenrolled key: %v", err)
	}
	if _, err := syncer.Enroll(ctx, e.srv.URL, enrollReq(tok, d.key, d.store, 1), nil); err != nil {
		t.Fatalf("re-enrolment with a new key: %v", err)
	}
	if res, err := e.worker(d, nil, nil, 16).RunOnce(ctx); err != nil || res.Acked != 3 {
		t.Fatalf("push after re-enrolment: %+v %v", res, err)
	}
	add(8, 1)
	if _, err := e.worker(&desk{key: old, store: d.store}, nil, nil, 16).RunOnce(ctx); err == nil || !strings.Contains(err.Error(), "belongs to no enrolled desk") {
		t.Fatalf("push with the retired key: %v", err)
	}
	if st := e.deskStats(d.store.InstallID()); st.Events != 8 {
		t.Fatalf("hub holds %d events, want 8", st.Events)
	}
}
