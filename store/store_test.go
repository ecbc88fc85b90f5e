package store

import (
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

var update = flag.Bool("update", false, "rewrite golden files")

// clock is a deterministic test clock that advances one second per read.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { c.t = c.t.Add(time.Second); return c.t }

// mustOpen opens a database in t.TempDir(); on cleanup it runs the full
// check and fails the test on any problem.
func mustOpen(tb testing.TB, opt Options) *DB {
	tb.Helper()
	if opt.Now == nil {
		c := &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, dossier.Zone)}
		opt.Now = c.now
	}
	db, err := Open(filepath.Join(tb.TempDir(), "motcua.db"), opt)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		rep, err := db.Check()
		if err != nil {
			tb.Errorf("check: %v", err)
		}
		for _, p := range rep.Problems {
			tb.Errorf("check: %s", p)
		}
		db.Close()
	})
	return db
}

var testScheme = dossier.DefaultCodeScheme("000.00.06.H56", 1, 1)

// sampleDossier builds a realistic received dossier at the given time.
func sampleDossier(at time.Time, n int) *dossier.Dossier {
	return &dossier.Dossier{
		Kind:      dossier.KindDossier,
		Procedure: dossier.ProcedureRef{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Version: "v1hash", FieldCode: "G15-TP04", FieldName: "Hộ tịch", Level: "Cấp xã", Agency: "UBND xã"},
		Channel:   dossier.ChannelDirect,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyễn Văn An", IDNumber: fmt.Sprintf("0010901%05d", n), BirthDate: "1990-01-01", Sex: "Nam", Address: "Số 1, phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội", Phone: "0912345678", Verified: true},
		Checklist: []dossier.Item{
			{Name: "Tờ khai đăng ký khai sinh", MustSubmit: true, WantOriginals: 1, Decision: dossier.DecisionSubmitted, Originals: 1, Scans: []dossier.Scan{{Name: "tokhai.pdf", SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Size: 123456, MIME: "application/pdf"}}},
			{Name: "Giấy chứng sinh", MustSubmit: true, WantOriginals: 1, Decision: dossier.DecisionSubmitted, Originals: 1},
			{Name: "Giấy tờ tùy thân", PresentOnly: true, Decision: dossier.DecisionPresented},
		},
		Fees:             []dossier.Fee{{Name: "Lệ phí đăng ký khai sinh", Amount: 0, CatalogAmount: 0, When: dossier.FeeAtIntake}},
		TimeLimit:        dossier.Limit{Value: 1, Unit: "working-days"},
		ReceivedAt:       at,
		FirstAppointment: at.Add(24 * time.Hour),
		Appointment:      at.Add(24 * time.Hour),
		Clerk:            "clerk1",
		ClerkName:        "Lê Thị Bình",
		Desk:             "desk-1",
		Status:           dossier.StatusReceived,
		History:          []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: "clerk1", Desk: "desk-1", To: dossier.StatusReceived}},
	}
}

func TestOpen_SecondInstanceGetsLocked(t *testing.T) {
	path := filepath.Join(t.TempDir(), "motcua.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	_, err = Open(path, Options{Timeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second open: %v, want ErrLocked", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("second open hung for %v", time.Since(start))
	}
}

func TestCreateAndUpdate(t *testing.T) {
	db := mustOpen(t, Options{})
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	var codes []dossier.Code
	for i := range 3 {
		d := sampleDossier(at.Add(time.Duration(i)*time.Minute), i)
		if err := db.CreateDossier(d, testScheme); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, d.Code)
	}
	want := []dossier.Code{"000.00.06.H56-260302-0001", "000.00.06.H56-260302-0002", "000.00.06.H56-260302-0003"}
	for i := range want {
		if codes[i] != want[i] {
			t.Fatalf("codes %v, want %v", codes, want)
		}
	}
	// Transition with an event; a failing fn changes nothing.
	_, err := db.UpdateDossier(string(codes[1]), func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvReturned, At: at.Add(time.Hour), Actor: "clerk1"})
	})
	if dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("refused transition: %v", err)
	}
	d, err := db.UpdateDossier(string(codes[1]), func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: "clerk1", Department: "Phòng Tư pháp"})
	})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != dossier.StatusProcessing {
		t.Fatalf("status %d", d.Status)
	}
	got, err := db.Dossier(string(codes[1]))
	if err != nil || got.Status != dossier.StatusProcessing || len(got.History) != 2 || got.Department != "Phòng Tư pháp" {
		t.Fatalf("reloaded: %+v %v", got, err)
	}
	ids, _ := db.ByStatus(dossier.StatusProcessing, 0, 0)
	if len(ids) != 1 || ids[0] != got.ID {
		t.Fatalf("by_status processing = %v", ids)
	}
	counts, _ := db.CountByStatus()
	if counts[dossier.StatusReceived] != 2 || counts[dossier.StatusProcessing] != 1 {
		t.Fatalf("counts %v", counts)
	}
	// Lookup by ID number, phone and name (diacritic-insensitive words).
	found, err := db.Find(Query{IDNumber: "001090100001"})
	if err != nil || len(found) != 1 || found[0].Code != codes[1] {
		t.Fatalf("find by id: %v %v", found, err)
	}
	found, _ = db.Find(Query{Phone: "+84 912 345 678"})
	if len(found) != 3 {
		t.Fatalf("find by phone: %d", len(found))
	}
	found, _ = db.Find(Query{Name: "nguyen AN"})
	if len(found) != 3 {
		t.Fatalf("find by name: %d", len(found))
	}
	found, _ = db.Find(Query{Name: "nguyen binh"})
	if len(found) != 0 {
		t.Fatalf("find by wrong name: %d", len(found))
	}
	st, _ := db.OutboxStats()
	if st.Pending != 4 || st.LastSeq != 4 {
		t.Fatalf("outbox %+v", st)
	}
	head, _ := db.AuditHead()
	if head.Seq != 4 {
		t.Fatalf("audit head %+v", head)
	}
	if _, err := db.Dossier("000.00.06.H56-260302-0009"); dossier.ErrorKind(err) != dossier.KindNotFound {
		t.Fatalf("unknown code: %v", err)
	}
}

func TestCreate_NeverReissuesACode(t *testing.T) {
	db := mustOpen(t, Options{})
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	d := sampleDossier(at, 1)
	if err := db.CreateDossier(d, testScheme); err != nil {
		t.Fatal(err)
	}
	// Simulate a counter rolled back (e.g. a bad restore).
	db.Flush()
	if err := db.bolt.Update(func(tx *boltTx) error {
		return tx.Bucket(bucketLog).Put([]byte("mc/000.00.06.H56/20260302"), u64(0))
	}); err != nil {
		t.Fatal(err)
	}
	d2 := sampleDossier(at.Add(time.Minute), 2)
	err := db.CreateDossier(d2, testScheme)
	if dossier.ErrorKind(err) != dossier.KindConflict || d2.Code != "" || d2.ID != 0 {
		t.Fatalf("reissue: err %v code %q id %d", err, d2.Code, d2.ID)
	}
	// Put the counter back so the cleanup check passes.
	db.bolt.Update(func(tx *boltTx) error {
		return tx.Bucket(bucketLog).Put([]byte("mc/000.00.06.H56/20260302"), u64(1))
	})
}

func TestCreate_SlotsKeepDesksApart(t *testing.T) {
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	seen := map[dossier.Code]bool{}
	for slot := 1; slot <= 3; slot++ {
		db := mustOpen(t, Options{})
		sc := dossier.DefaultCodeScheme("000.00.06.H56", slot, 3)
		for i := range 5 {
			d := sampleDossier(at.Add(time.Duration(i)*time.Second), i)
			if err := db.CreateDossier(d, sc); err != nil {
				t.Fatal(err)
			}
			if seen[d.Code] {
				t.Fatalf("desk %d issued %s again", slot, d.Code)
			}
			seen[d.Code] = true
		}
	}
}

func TestGuidanceRecord(t *testing.T) {
	db := mustOpen(t, Options{})
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	d := sampleDossier(at, 1)
	d.Kind = dossier.KindGuidance
	d.Status = dossier.StatusNone
	d.Reason = "Thiếu giấy chứng sinh"
	d.History = []dossier.Event{{Kind: dossier.EvGuidance, At: at, Actor: "clerk1"}}
	if err := db.CreateDossier(d, testScheme); err != nil {
		t.Fatal(err)
	}
	if d.Code != "" || d.GuidanceNo != "HD-260302-0001" {
		t.Fatalf("code %q guidance %q", d.Code, d.GuidanceNo)
	}
	got, err := db.Dossier(d.GuidanceNo)
	if err != nil || got.Reason != d.Reason {
		t.Fatalf("%+v %v", got, err)
	}
	if _, err := db.UpdateDossier(d.GuidanceNo, func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: "a", Department: "x"})
	}); dossier.ErrorKind(err) != dossier.KindConflict {
		t.Fatalf("transfer of guidance: %v", err)
	}
}

func TestAudit_DetectsTampering(t *testing.T) {
	cases := map[string]func(db *DB) error{
		"modified": func(db *DB) error {
			return db.bolt.Update(func(tx *boltTx) error {
				b := tx.Bucket(bucketLog)
				v := append([]byte(nil), b.Get(journalKey(2))...)
				v[len(v)-40] ^= 1
				return b.Put(journalKey(2), v)
			})
		},
		"deleted": func(db *DB) error {
			return db.bolt.Update(func(tx *boltTx) error { return tx.Bucket(bucketLog).Delete(journalKey(2)) })
		},
		"reordered": func(db *DB) error {
			return db.bolt.Update(func(tx *boltTx) error {
				b := tx.Bucket(bucketLog)
				v2 := append([]byte(nil), b.Get(journalKey(2))...)
				v3 := append([]byte(nil), b.Get(journalKey(3))...)
				if err := b.Put(journalKey(2), v3); err != nil {
					return err
				}
				return b.Put(journalKey(3), v2)
			})
		},
		"truncated": func(db *DB) error {
			return db.bolt.Update(func(tx *boltTx) error { return tx.Bucket(bucketLog).Delete(journalKey(4)) })
		},
	}
	for name, tamper := range cases {
		t.Run(name, func(t *testing.T) {
			db, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for i := range 4 {
				if err := db.Audit(Audit{Actor: "admin", Action: "test", Object: fmt.Sprint(i)}); err != nil {
					t.Fatal(err)
				}
			}
			if _, ps, _ := db.VerifyAudit(); len(ps) != 0 {
				t.Fatalf("clean chain reports %v", ps)
			}
			if err := tamper(db); err != nil {
				t.Fatal(err)
			}
			if _, ps, _ := db.VerifyAudit(); len(ps) == 0 {
				t.Fatal("tampering not detected")
			}
		})
	}
}

// TestDueBetween_FactsFollowTheRecord: the overdue read takes the facts
// from the by_due entries, so every change must rewrite them, finished
// dossiers must leave the index, and check must catch a stale entry.
func TestDueBetween_FactsFollowTheRecord(t *testing.T) {
	db := mustOpen(t, Options{})
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	var codes []dossier.Code
	for i := range 3 {
		d := sampleDossier(at.Add(time.Duration(i)*time.Minute), i)
		if err := db.CreateDossier(d, testScheme); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, d.Code)
	}
	due := func() map[dossier.Code]dossier.Status {
		t.Helper()
		got := map[dossier.Code]dossier.Status{}
		if err := db.DueBetween(at, at.Add(48*time.Hour), func(f Facts) error { got[f.Code] = f.Status; return nil }); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := due(); len(got) != 3 || got[codes[0]] != dossier.StatusReceived {
		t.Fatalf("after intake: %v", got)
	}
	// Same appointment, new status: the entry's key stays, its facts change.
	if _, err := db.UpdateDossier(string(codes[0]), func(d *dossier.Dossier) error {
		return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: "clerk1", Department: "Phòng Tư pháp"})
	}); err != nil {
		t.Fatal(err)
	}
	// Finished: the dossier leaves the index.
	if _, err := db.UpdateDossier(string(codes[1]), func(d *dossier.Dossier) error {
		if err := d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: "clerk1", Department: "Phòng Tư pháp"}); err != nil {
			return err
		}
		return d.Apply(dossier.Event{Kind: dossier.EvResultReady, At: at.Add(2 * time.Hour), Actor: "clerk1", Result: dossier.ResultApproved})
	}); err != nil {
		t.Fatal(err)
	}
	got := due()
	if len(got) != 2 || got[codes[0]] != dossier.StatusProcessing || got[codes[2]] != dossier.StatusReceived {
		t.Fatalf("after changes: %v", got)
	}
	// A stale entry (the old facts under the same key) is a check problem.
	rep, err := db.Check()
	if err != nil || len(rep.Problems) != 0 {
		t.Fatalf("check before tampering: %v %v", rep.Problems, err)
	}
	d2, err := db.Dossier(string(codes[2]))
	if err != nil {
		t.Fatal(err)
	}
	stale := d2.Clone()
	stale.Status = dossier.StatusSupplement
	raw, err := db.codec.encode(stale, nil)
	if err != nil {
		t.Fatal(err)
	}
	fb, _, _ := splitRecord(raw)
	key := append(u64(uint64(d2.Appointment.Unix())), u64(d2.ID)...)
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketByDue).Put(key, fb) }); err != nil {
		t.Fatal(err)
	}
	rep, err = db.Check()
	if err != nil || len(rep.Problems) != 1 || !strings.Contains(rep.Problems[0].String(), "stale facts") {
		t.Fatalf("check after tampering: %v %v", rep.Problems, err)
	}
	// Put it back so the cleanup check passes.
	raw, _ = db.codec.encode(d2, nil)
	fb, _, _ = splitRecord(raw)
	if err := db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketByDue).Put(key, fb) }); err != nil {
		t.Fatal(err)
	}
}

// TestCounters_ArchivedDaysStillCount: past days' counters leave the hot
// keys, and a code of an archived day is never issued again — through a
// new intake on that day or a RaiseCounter — whichever copy is larger.
func TestCounters_ArchivedDaysStillCount(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, dossier.Zone)}
	db := mustOpen(t, Options{Now: c.now})
	day1 := time.Date(2026, 3, 2, 9, 0, 0, 0, dossier.Zone)
	for i := range 3 {
		if err := db.CreateDossier(sampleDossier(day1.Add(time.Duration(i)*time.Minute), i), testScheme); err != nil {
			t.Fatal(err)
		}
	}
	c.t = c.t.Add(24 * time.Hour)
	if err := db.Flush(); err != nil { // nothing pending: no archive yet
		t.Fatal(err)
	}
	if err := db.CreateDossier(sampleDossier(c.t.Add(time.Hour), 9), testScheme); err != nil {
		t.Fatal(err)
	}
	if err := db.Flush(); err != nil { // the merge archives day 1
		t.Fatal(err)
	}
	hot, cold, _ := counterKeys(dossier.KindDossier, testScheme.Agency, day1)
	db.bolt.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketLog).Get(hot) != nil || getU64(tx.Bucket(bucketCounters).Get(cold)) != 3 {
			t.Errorf("day 1 counter not archived")
		}
		return nil
	})
	// A late intake dated day 1 continues after the archived counter.
	late := sampleDossier(day1.Add(8*time.Hour), 10)
	if err := db.CreateDossier(late, testScheme); err != nil {
		t.Fatal(err)
	}
	if late.Code != "000.00.06.H56-260302-0004" {
		t.Fatalf("late code %s, want -0004", late.Code)
	}
	// RaiseCounter compares with the larger copy.
	if raised, err := db.RaiseCounter("000.00.06.H56-260302-0002", Audit{Actor: "admin"}); err != nil || raised {
		t.Fatalf("raise below the counter: %v %v", raised, err)
	}
	if raised, err := db.RaiseCounter("000.00.06.H56-260302-0050", Audit{Actor: "admin"}); err != nil || !raised {
		t.Fatalf("raise: %v %v", raised, err)
	}
	if err := db.Flush(); err != nil {
		t.Fatal(err)
	}
	next := sampleDossier(day1.Add(9*time.Hour), 11)
	if err := db.CreateDossier(next, testScheme); err != nil {
		t.Fatal(err)
	}
	if next.Code != "000.00.06.H56-260302-0051" {
		t.Fatalf("after raise: %s, want -0051", next.Code)
	}
}

// TestDueBetween_ReadOnlyOldSchema: a schema-2 file opened read-only (no
// migration) has empty by_due values; the read falls back to the records.
func TestDueBetween_ReadOnlyOldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	d := sampleDossier(at, 1)
	if err := db.CreateDossier(d, testScheme); err != nil {
		t.Fatal(err)
	}
	if err := db.Flush(); err != nil {
		t.Fatal(err)
	}
	// Back to schema 2: empty by_due values, no counters bucket.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketByDue)
		k, _ := b.Cursor().First()
		if err := b.Put(append([]byte(nil), k...), []byte{}); err != nil {
			return err
		}
		if err := tx.DeleteBucket(bucketCounters); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Put(metaSchema, u64(2))
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []dossier.Code
	if err := ro.DueBetween(at, at.Add(48*time.Hour), func(f Facts) error { got = append(got, f.Code); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != d.Code {
		t.Fatalf("due %v", got)
	}
	rep, err := ro.Check()
	if err != nil || len(rep.Problems) == 0 {
		t.Fatalf("check of an old schema reports nothing: %v %v", rep.Problems, err)
	}
	ro.Close()
	// Opened read-write, it migrates and checks clean.
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if rep, err := db.Check(); err != nil || len(rep.Problems) != 0 {
		t.Fatalf("after migration: %v %v", rep.Problems, err)
	}
}

// TestRaiseCounters: several codes in one transaction, one audit entry per
// raised counter, nothing written when none is above its counter, and a
// malformed code changes nothing.
func TestRaiseCounters(t *testing.T) {
	c := &clock{t: time.Date(2026, 3, 2, 8, 0, 0, 0, dossier.Zone)}
	db := mustOpen(t, Options{Now: c.now})
	if err := db.CreateDossier(sampleDossier(c.t.Add(time.Hour), 1), testScheme); err != nil {
		t.Fatal(err)
	}
	head := func() uint64 {
		st, err := db.OutboxStats()
		if err != nil {
			t.Fatal(err)
		}
		return st.LastSeq
	}
	entries := func() uint64 {
		n, _, err := db.VerifyAudit()
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := entries()
	if _, err := db.RaiseCounters([]string{"000.00.06.H56-260302-0009", "nope"}, Audit{Actor: "hub"}); err == nil {
		t.Fatal("a malformed code was accepted")
	}
	if entries() != before {
		t.Fatal("a refused call wrote to the journal")
	}
	raised, err := db.RaiseCounters([]string{"000.00.06.H56-260302-0001", "000.00.06.H56-260302-0009", "000.00.06.H56-260301-0004", "000.00.06.H56-260302-0005"}, Audit{Actor: "hub"})
	if err != nil || strings.Join(raised, " ") != "000.00.06.H56-260302-0009 000.00.06.H56-260301-0004" {
		t.Fatalf("raised %v, %v", raised, err)
	}
	if entries() != before+2 {
		t.Fatalf("%d audit entries for 2 raised counters", entries()-before)
	}
	h := head()
	if raised, err := db.RaiseCounters([]string{"000.00.06.H56-260302-0009"}, Audit{Actor: "hub"}); err != nil || len(raised) != 0 || entries() != before+2 || head() != h {
		t.Fatalf("raising again: %v %v", raised, err)
	}
	for _, want := range []string{"000.00.06.H56-260302-0010", "000.00.06.H56-260301-0005"} {
		_, day, _, _ := dossier.ParseCode(want)
		d := sampleDossier(day.Add(10*time.Hour), 2)
		if err := db.CreateDossier(d, testScheme); err != nil || string(d.Code) != want {
			t.Fatalf("next code %s (%v), want %s", d.Code, err, want)
		}
	}
}
