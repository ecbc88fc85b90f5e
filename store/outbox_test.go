package store

import (
	"bytes"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/syncproto"
)

func TestOutbox_PayloadsAreStableAndAcksMoveTheWatermark(t *testing.T) {
	db := mustOpen(t, Options{})
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	var codes []string
	for i := range 3 {
		d := sampleDossier(at.Add(time.Duration(i)*time.Minute), i)
		if err := db.CreateDossier(d, testScheme); err != nil {
			t.Fatal(err)
		}
		codes = append(codes, string(d.Code))
	}
	if err := db.Audit(Audit{Actor: "admin", Action: "user.login"}); err != nil { // not an outbox event
		t.Fatal(err)
	}
	first, err := db.Pending(0, 100)
	if err != nil || len(first) != 3 {
		t.Fatalf("pending %d %v", len(first), err)
	}
	// Later changes do not alter the snapshot of earlier events.
	if _, err := db.UpdateDossier(codes[0], func(d *dossier.Dossier) error {
		if err := d.Apply(dossier.Event{Kind: dossier.EvAmended, At: at.Add(time.Hour), Actor: "c", Amend: &dossier.Amendment{Field: "submitter.phone", Old: "0912345678", New: "0987654321", Reason: "nhầm"}}); err != nil {
			return err
		}
		return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(2 * time.Hour), Actor: "c", Department: "Phòng A"})
	}); err != nil {
		t.Fatal(err)
	}
	again, _ := db.Pending(0, 100)
	if len(again) != 5 {
		t.Fatalf("pending after update: %d", len(again))
	}
	for i := range first {
		if again[i].Seq != first[i].Seq || !bytes.Equal(again[i].Payload, first[i].Payload) {
			t.Fatalf("event %d changed after later updates", first[i].Seq)
		}
	}
	ev, err := syncproto.Decode(again[3].Payload)
	if err != nil || ev.Change != "amended" || ev.Dossier.Submitter.Phone != "0987654321" || ev.Dossier.Status != dossier.StatusReceived {
		t.Fatalf("amend event %+v %v", ev, err)
	}
	ev, _ = syncproto.Decode(again[0].Payload)
	if ev.Dossier.Submitter.Phone != "0912345678" || len(ev.Dossier.History) != 1 {
		t.Fatalf("creation snapshot was rewritten: %+v", ev.Dossier)
	}
	st, _ := db.OutboxStats()
	if st.Pending != 5 {
		t.Fatalf("stats %+v", st)
	}
	// Ack out of order, quarantine one, ack twice: idempotent.
	if err := db.Ack([]uint64{again[1].Seq, again[2].Seq}); err != nil {
		t.Fatal(err)
	}
	if err := db.Quarantine(again[0].Seq, "hub: unknown procedure"); err != nil {
		t.Fatal(err)
	}
	if err := db.Ack([]uint64{again[1].Seq, 999}); err != nil {
		t.Fatal(err)
	}
	st, _ = db.OutboxStats()
	if st.Pending != 2 || st.Quarantined != 1 || st.Acked != 2 {
		t.Fatalf("stats after acks %+v", st)
	}
	rest, _ := db.Pending(0, 100)
	if len(rest) != 2 || rest[0].Seq != again[3].Seq {
		t.Fatalf("pending after acks: %+v", rest)
	}
	// Retry sends the quarantined one again first; its ack clears it.
	if err := db.Retry(again[0].Seq); err != nil {
		t.Fatal(err)
	}
	rest, _ = db.Pending(0, 100)
	if len(rest) != 3 || rest[0].Seq != again[0].Seq || !bytes.Equal(rest[0].Payload, first[0].Payload) {
		t.Fatalf("pending after retry: %d", len(rest))
	}
	if err := db.Ack([]uint64{again[0].Seq, again[3].Seq, again[4].Seq}); err != nil {
		t.Fatal(err)
	}
	st, _ = db.OutboxStats()
	rest, _ = db.Pending(0, 100)
	if st.Pending != 0 || st.Quarantined != 0 || len(rest) != 0 {
		t.Fatalf("after all acks: %+v, %d pending", st, len(rest))
	}
	if err := db.Retry(12345); err == nil {
		t.Fatal("retry of an unknown event accepted")
	}
}

func TestMerge_ReadsSeeIntakesAtOnceAndCloseMerges(t *testing.T) {
	path := t.TempDir() + "/m.db"
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 30, 0, 0, dossier.Zone)
	d := sampleDossier(at, 1)
	if err := db.CreateDossier(d, testScheme); err != nil {
		t.Fatal(err)
	}
	// Immediately visible through every read path.
	if got, err := db.Dossier(string(d.Code)); err != nil || got.ID != d.ID {
		t.Fatalf("by code: %v", err)
	}
	if found, _ := db.Find(Query{IDNumber: d.Submitter.IDNumber}); len(found) != 1 {
		t.Fatal("find after intake")
	}
	d2 := sampleDossier(at.Add(time.Minute), 2)
	if err := db.CreateDossier(d2, testScheme); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if n, _ := db.pending(); n != 0 {
		t.Fatalf("%d intakes left unmerged by Close", n)
	}
	rep, _ := db.Check()
	if len(rep.Problems) != 0 || rep.Dossiers != 2 {
		t.Fatalf("%+v", rep)
	}
}
