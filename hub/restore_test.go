package hub_test

import (
	"context"
	"crypto/sha256"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/hub"
	"motcua/hub/portal"
	"motcua/hub/portal/portaltest"
	"motcua/store"
	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

// realDesk is a desk with a real store database (bbolt file).
type realDesk struct {
	t     *testing.T
	e     *env
	path  string
	db    *store.DB
	key   syncer.Key
	clock *clock
	// line is what the desk's current journal holds as outbox events
	// (seq → content hash), to compare with the hub's checksum.
	line map[uint64][32]byte
}

var deskScheme = dossier.DefaultCodeScheme(office, 1, 10)

func (e *env) realDesk(seed byte) *realDesk {
	e.t.Helper()
	r := &realDesk{t: e.t, e: e, path: filepath.Join(e.t.TempDir(), "motcua.db"), key: newKey(seed),
		clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, dossier.Zone)}, line: map[uint64][32]byte{}}
	r.open()
	tok, err := e.h().IssueEnrollToken(context.Background(), office)
	if err != nil {
		e.t.Fatal(err)
	}
	req := syncproto.EnrollRequest{Token: tok, Install: r.db.InstallID(), Incarnation: r.db.IncarnationID(), Office: office,
		Slot: 1, Slots: 10, KeyID: r.key.ID, PublicKey: r.key.Public(), Desk: "quay-01"}
	if _, err := syncer.Enroll(context.Background(), e.srv.URL, req, nil); err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (r *realDesk) open() {
	r.t.Helper()
	db, err := store.Open(r.path, store.Options{Now: r.clock.Now, NoSync: true})
	if err != nil {
		r.t.Fatal(err)
	}
	r.db = db
	r.t.Cleanup(func() { r.db.Close() })
}

// intake receives synthetic dossier number i (its own citizen and time);
// the desk assigns the code.
func (r *realDesk) intake(i int) string {
	r.t.Helper()
	d := synctest.Dossier(office, i)
	d.ID, d.Code = 0, ""
	r.clock.Add(time.Minute)
	if err := r.db.CreateDossier(d, deskScheme); err != nil {
		r.t.Fatal(err)
	}
	return string(d.Code)
}

func (r *realDesk) transfer(code string) {
	r.t.Helper()
	r.clock.Add(time.Minute)
	at := r.clock.Now()
	if _, err := r.db.UpdateDossier(code, func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at, Actor: "clerk1", Department: "Phòng Tư pháp"})
	}); err != nil {
		r.t.Fatal(err)
	}
}

// pending notes the pending events in the desk's line and returns them.
func (r *realDesk) pending() []syncproto.OutboxItem {
	r.t.Helper()
	items, err := r.db.Pending(0, 10000)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, it := range items {
		r.line[it.Seq] = sha256.Sum256(it.Payload)
	}
	return items
}

// push runs the sync worker once and returns its result.
func (r *realDesk) push() syncer.Result {
	r.t.Helper()
	r.pending()
	w, err := syncer.New(syncer.Options{Store: r.db, Client: r.e.client(&desk{key: r.key}, nil), BatchSize: 4})
	if err != nil {
		r.t.Fatal(err)
	}
	res, err := w.RunOnce(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	return res
}

func (r *realDesk) checksum() string {
	c := syncproto.NewChecksum()
	for s := uint64(1); s <= 1000; s++ {
		if h, ok := r.line[s]; ok {
			c.Add(s, h)
		}
	}
	return c.Sum()
}

func (r *realDesk) head() uint64 {
	st, err := r.db.OutboxStats()
	if err != nil {
		r.t.Fatal(err)
	}
	return st.LastSeq
}

// TestRestoredDeskEndToEnd: a desk pushes, is backed up, pushes more, is
// restored from the backup (store.Restore: an older copy with a new
// incarnation whose journal re-uses the lost sequences), receives new
// dossiers the same day (so its day counter issues the lost codes again)
// and pushes: every new event is accepted, nothing is quarantined, the
// hub's current dossier state follows the desk, the lost tail stays at
// the hub and is listed as lost from the desk, and the usual refusals
// still hold.
func TestRestoredDeskEndToEnd(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.realDesk(21)
	install, inc1 := r.db.InstallID(), r.db.IncarnationID()

	var codes []string
	for i := range 4 {
		codes = append(codes, r.intake(i))
	}
	r.transfer(codes[0])
	if res := r.push(); res.Acked != 5 || res.Rejected != 0 {
		t.Fatalf("first push %+v", res)
	}
	// One more intake still pending when the backup is taken: the
	// restored copy sends it again (common history, a duplicate).
	codes = append(codes, r.intake(4))
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := r.db.Flush(); err != nil { // as motcuactl backup does
		t.Fatal(err)
	}
	if _, err := r.db.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	fork := r.head()
	r.pending()
	line := map[uint64][32]byte{}
	for s, h := range r.line {
		line[s] = h
	}

	// After the backup: three dossiers issued (0006–0008) and a change
	// to dossier 0002; all reach the hub, then the disk dies.
	for i := 5; i < 8; i++ {
		codes = append(codes, r.intake(i))
	}
	r.transfer(codes[1])
	// A batch of this copy, kept to replay after the restore.
	_, oldRaw := signedReal(t, r, fork)
	if res := r.push(); res.Acked != 5 || res.Rejected != 0 {
		t.Fatalf("push before the restore %+v", res)
	}
	if st := e.deskStats(install); st.Events != 10 || st.Generation != 1 {
		t.Fatalf("before the restore %+v", st)
	}
	// Everything goes to the national portal.
	ps := portaltest.New(office)
	defer ps.Close()
	fwd, err := e.h().NewForwarder(hub.ForwardOptions{Unit: office, Client: &portal.Client{AdapterURL: ps.URL, AuthPath: portaltest.AuthPath,
		ServicePath: portaltest.SvcPath, Username: portaltest.User, Password: portaltest.Password, DstCode: portaltest.DstCode}})
	if err != nil {
		t.Fatal(err)
	}
	if res, err := fwd.RunOnce(ctx); err != nil || res.Sent != 8 {
		t.Fatalf("forward before the restore %+v %v", res, err)
	}
	if err := r.db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Restore(backup, r.path, nil); err != nil {
		t.Fatal(err)
	}
	r.open()
	r.line = line
	if r.db.IncarnationID() == inc1 || r.head() != fork {
		t.Fatalf("restore: incarnation %s head %d (fork %d)", r.db.IncarnationID(), r.head(), fork)
	}

	// The restored desk: a login (a journal entry that is no outbox
	// event), two new dossiers the same day — the day counter went back,
	// so they get the codes 0006 and 0007 again — and a change to 0003.
	if err := r.db.Audit(store.Audit{Actor: "admin", Action: "user.login"}); err != nil {
		t.Fatal(err)
	}
	n1, n2 := r.intake(100), r.intake(101)
	if n1 != codes[5] || n2 != codes[6] {
		t.Fatalf("the restored desk issued %s, %s; the test expects the lost codes %s, %s again", n1, n2, codes[5], codes[6])
	}
	r.transfer(codes[2])
	res := r.push()
	if res.Rejected != 0 || res.Acked != 4 || res.Duplicates != 1 {
		t.Fatalf("push after the restore %+v", res)
	}
	if q, _ := r.db.QuarantineList(); len(q) != 0 {
		t.Fatalf("quarantined after the restore: %+v", q)
	}

	st := e.deskStats(install)
	want := hub.DeskStats{Generation: 2, Events: int64(len(r.line)), LostEvents: 4, LostDossiers: 3, LostChanges: 1, Reissued: 2}
	if st.Generation != want.Generation || st.Events != want.Events || st.LostEvents != want.LostEvents || st.LostDossiers != want.LostDossiers ||
		st.LostChanges != want.LostChanges || st.Reissued != want.Reissued {
		t.Fatalf("stats %+v\nwant %+v", st, want)
	}
	if st.Checksum != r.checksum() {
		t.Fatalf("the hub's checksum %s differs from the desk's line %s", st.Checksum, r.checksum())
	}

	// Current state: the codes issued again name the restored desk's new
	// dossiers; 0008 stays at the hub, marked lost; 0002 is back at the
	// state the desk has (its transfer was lost); 0003 was transferred.
	state := func(code string) *syncproto.DossierRecord {
		t.Helper()
		rec, err := e.h().Dossier(ctx, office, code)
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	if rec := state(codes[5]); rec.Dossier.Submitter.Name != "Người thử 100" {
		t.Fatalf("%s holds %q, want the restored desk's new dossier", codes[5], rec.Dossier.Submitter.Name)
	}
	if rec := state(codes[7]); rec.Dossier.Submitter.Name != "Người thử 7" {
		t.Fatalf("lost dossier %s: %+v", codes[7], rec.Dossier.Submitter)
	}
	if rec := state(codes[1]); rec.Dossier.Status != dossier.StatusReceived {
		t.Fatalf("%s status %d, want the desk's (received)", codes[1], rec.Dossier.Status)
	}
	if rec := state(codes[2]); rec.Dossier.Status != dossier.StatusProcessing {
		t.Fatalf("%s status %d, want transferred", codes[2], rec.Dossier.Status)
	}
	var lostFlag bool
	if err := e.h().Pool().QueryRow(ctx, `SELECT lost FROM dossiers WHERE code = $1`, codes[7]).Scan(&lostFlag); err != nil || !lostFlag {
		t.Fatalf("dossier %s not marked lost: %v", codes[7], err)
	}

	lost, err := e.h().LostDossiers(ctx, office, false)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range lost {
		w := l.What
		if l.Reissued {
			w += "+reissued"
		}
		got[l.Code] = w
	}
	wantLost := map[string]string{codes[5]: "dossier+reissued", codes[6]: "dossier+reissued", codes[7]: "dossier", codes[1]: "changes"}
	if len(got) != len(wantLost) {
		t.Fatalf("lost %v, want %v", got, wantLost)
	}
	for c, w := range wantLost {
		if got[c] != w {
			t.Fatalf("lost %v, want %v", got, wantLost)
		}
	}
	// The portal: the codes issued again are held back (the portal holds
	// the first dossiers under them); 0002 goes back to the desk's state,
	// 0003 with its new step; the lost 0008 stays as delivered.
	ps.Calls()
	res2, err := fwd.RunOnce(ctx)
	if err != nil || res2.Sent != 2 || res2.Held != 2 || res2.Progress != 1 {
		t.Fatalf("forward after the restore %+v %v", res2, err)
	}
	if got := strings.Join(ps.Calls(), " "); got != "DongBoHoSoMC/True DongBoHoSoMC/True CapNhatTienDoHoSoMC/" {
		t.Fatalf("portal calls after the restore: %s", got)
	}
	if ps.Dossier(codes[5])["ChuHoSo"] != "Người thử 5" || ps.Dossier(codes[1])["TrangThaiHoSo"] != "2" {
		t.Fatalf("portal after the restore: %v / %v", ps.Dossier(codes[5])["ChuHoSo"], ps.Dossier(codes[1])["TrangThaiHoSo"])
	}
	fs, err := e.h().ForwardStatus(ctx, office, 10)
	if err != nil || fs.Rejected != 2 || fs.Pending != 0 || !strings.Contains(fs.Rejections[0].Error, "held back") {
		t.Fatalf("forward status %+v %v", fs, err)
	}
	// A department cannot queue a change for a dossier the desk lost.
	if _, err := e.h().PostDossierEvent(ctx, "dept", "", codes[7], dossier.Event{Kind: dossier.EvNote, Note: "x"}); err == nil || !strings.Contains(err.Error(), "lost from its desk") {
		t.Fatalf("change on a lost dossier: %v", err)
	}

	// Pushing again changes nothing.
	if err := r.db.Close(); err != nil {
		t.Fatal(err)
	}
	r.open()
	res = r.push()
	if res.Sent != 0 {
		t.Fatalf("second push after the restore sent %+v", res)
	}
	if st2 := e.deskStats(install); st2.Checksum != st.Checksum || st2.LostEvents != 4 {
		t.Fatalf("second push changed the hub: %+v", st2)
	}
	// The old copy's batch replayed: refused (stale incarnation).
	if status, body := e.post("/v1/batches", oldRaw); status != http.StatusConflict || !strings.Contains(body, "stale-incarnation") {
		t.Fatalf("replay of the old copy: %d %s", status, body)
	}
	// Same (install, incarnation, seq) with other content: still a 409
	// conflict and an anomaly; the hub keeps the first content.
	b := &syncproto.Batch{Install: install, Incarnation: r.db.IncarnationID(), First: fork + 2, Last: fork + 2,
		Items: []syncproto.Item{syncproto.NewItem(fork+2, []byte(`{"seq":8,"kind":"dossier"}`))}}
	raw, err := b.Sign(r.key.Private, r.key.ID)
	if err != nil {
		t.Fatal(err)
	}
	if status, body := e.post("/v1/batches", raw); status != http.StatusConflict || !strings.Contains(body, `"conflict":true`) {
		t.Fatalf("conflict in the new copy: %d %s", status, body)
	}
	if st3 := e.deskStats(install); st3.Checksum != st.Checksum || st3.Anomalies != st.Anomalies+1 {
		t.Fatalf("after the conflict %+v", st3)
	}

	// The office resolves a lost dossier: it leaves the list.
	if n, err := e.h().ResolveLost(ctx, codes[7], "Tổ một cửa"); err != nil || n != 1 {
		t.Fatalf("resolve %d %v", n, err)
	}
	if st4 := e.deskStats(install); st4.LostDossiers != 2 {
		t.Fatalf("after resolving %+v", st4)
	}
	if _, err := e.h().ResolveLost(ctx, codes[7], "x"); err == nil {
		t.Fatal("resolved twice")
	}
	// Resolving a code issued again releases it to the portal.
	if _, err := e.h().ResolveLost(ctx, codes[5], "Tổ một cửa"); err != nil {
		t.Fatal(err)
	}
	if res, err := fwd.RunOnce(ctx); err != nil || res.Sent != 1 || res.Deferred != 1 || ps.Dossier(codes[5])["ChuHoSo"] != "Người thử 100" {
		t.Fatalf("forward after resolving %+v %v", res, err)
	}
	if p := ps.Problems(); len(p) > 0 {
		t.Fatalf("portal problems %v", p)
	}
}

// signedReal signs a batch of a real desk's pending events after a
// sequence, as the worker would.
func signedReal(t *testing.T, r *realDesk, after uint64) (*syncproto.Batch, []byte) {
	t.Helper()
	items, err := r.db.Pending(after, 100)
	if err != nil || len(items) == 0 {
		t.Fatalf("pending: %v %d", err, len(items))
	}
	b := &syncproto.Batch{Install: r.db.InstallID(), Incarnation: r.db.IncarnationID(), First: after + 1, Last: items[len(items)-1].Seq}
	for _, it := range items {
		b.Items = append(b.Items, syncproto.NewItem(it.Seq, it.Payload))
	}
	raw, err := b.Sign(r.key.Private, r.key.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b, raw
}

// floorApplier is a desk applier that takes only the hub's code floors
// (as wire.Applier does, on the real store).
type floorApplier struct {
	synctest.Applier
	db *store.DB
}

func (a *floorApplier) RaiseCodeFloors(codes []string) ([]string, error) {
	return a.db.RaiseCounters(codes, store.Audit{Actor: "hub"})
}

// TestRestoredDeskPullsCodeFloors: the same restore as above, but the
// restored desk syncs (push and pull, as the desk app does when it starts
// online) before its first intake. The pull's code floors raise its day
// counter past the codes printed after the backup, so none is issued again.
func TestRestoredDeskPullsCodeFloors(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	r := e.realDesk(31)
	install := r.db.InstallID()
	first := r.intake(0)
	r.push()
	if err := r.db.Flush(); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if _, err := r.db.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	r.intake(1)
	last := r.intake(2)
	r.push()
	if err := r.db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Restore(backup, r.path, nil); err != nil {
		t.Fatal(err)
	}
	r.open()

	a := &floorApplier{db: r.db}
	w, err := syncer.New(syncer.Options{Store: r.db, Applier: a, Client: e.client(&desk{key: r.key}, nil)})
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.RunOnce(ctx)
	if err != nil || len(res.Raised) != 1 || res.Raised[0] != last {
		t.Fatalf("sync after the restore raised %v (%v), want %s", res.Raised, err, last)
	}
	if st := w.Status(); len(st.Raised) != 1 || st.Raised[0] != last {
		t.Fatalf("worker status raised %v, want [%s] (the sync panel shows it)", st.Raised, last)
	}
	next := r.intake(100)
	_, _, n, _ := dossier.ParseCode(next)
	_, _, l, _ := dossier.ParseCode(last)
	if n != l+1 || next == first {
		t.Fatalf("the restored desk issued %s after the hub's %s", next, last)
	}
	if res := r.push(); res.Rejected != 0 {
		t.Fatalf("push after the restore %+v", res)
	}
	if st := e.deskStats(install); st.Reissued != 0 {
		t.Fatalf("a code was issued again: %+v", st)
	}
	// Another pull raises nothing.
	if res, err := w.RunOnce(ctx); err != nil || len(res.Raised) != 0 {
		t.Fatalf("second sync raised %v (%v)", res.Raised, err)
	}
	// The floors come only when asked for (a worker's first pull, sync
	// push, the USB answer): they cost the hub a query.
	c := e.client(&desk{key: r.key}, nil)
	if p, err := c.Pull(ctx, 0, 1); err != nil || len(p.CodeFloors) != 0 {
		t.Fatalf("plain pull: floors %v (%v)", p.CodeFloors, err)
	}
	if p, err := c.PullWithFloors(ctx, 0, 1); err != nil || len(p.CodeFloors) != 1 || p.CodeFloors[0] != next {
		t.Fatalf("pull with floors: %v (%v), want [%s]", p.CodeFloors, err, next)
	}
}
