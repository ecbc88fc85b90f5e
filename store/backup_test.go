package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"motcua/dossier"
)

// TestBackupRestore: a hot backup taken with unmerged intakes verifies,
// restores into place with a new incarnation, and raising the counter past
// the last printed code prevents reissuing it.
func TestBackupRestore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().In(dossier.Zone)
	d1 := sampleDossier(at, 1)
	if err := db.CreateDossier(d1, testScheme); err != nil {
		t.Fatal(err)
	}
	bak := filepath.Join(dir, "backup.db")
	rep, err := db.BackupFile(bak)
	if err != nil || rep.Dossiers != 1 {
		t.Fatalf("backup %+v %v", rep, err)
	}
	// After the backup, one more dossier is received and printed…
	d2 := sampleDossier(at.Add(time.Second), 2)
	if err := db.CreateDossier(d2, testScheme); err != nil {
		t.Fatal(err)
	}
	inc := db.IncarnationID()
	db.Close()
	// …then the disk dies and the backup is restored (from read-only media).
	os.Chmod(bak, 0o400)
	if _, err := Restore(bak, path, nil); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.IncarnationID() == inc {
		t.Fatal("restore kept the incarnation")
	}
	if _, err := db.Dossier(string(d2.Code)); err == nil {
		t.Fatal("the dossier after the backup came back")
	}
	// The clerk enters the last code printed today from the paper book.
	if ok, err := db.RaiseCounter(string(d2.Code), Audit{Actor: "admin"}); !ok || err != nil {
		t.Fatalf("raise %v %v", ok, err)
	}
	d3 := sampleDossier(at.Add(2*time.Second), 3)
	if err := db.CreateDossier(d3, testScheme); err != nil {
		t.Fatal(err)
	}
	if d3.Code == d2.Code {
		t.Fatalf("code %s issued twice", d3.Code)
	}
	if _, err := os.Stat(path + ".before-restore"); err != nil {
		t.Fatal("the previous file was not kept")
	}
}

func TestCompactFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "m.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, dossier.Zone)
	var batch []*dossier.Dossier
	for i := range 3000 {
		batch = append(batch, sampleDossier(at.Add(time.Duration(i)*time.Second), i))
	}
	for k := 0; k < len(batch); k += 1000 {
		if err := db.BulkCreate(batch[k:k+1000], testScheme, BulkOptions{Outbox: true}); err != nil {
			t.Fatal(err)
		}
	}
	// Churn: updates free pages that bbolt keeps in its free list.
	for i := range 200 {
		if _, err := db.UpdateDossier(string(batch[i].Code), func(d *dossier.Dossier) error {
			return d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(2 * time.Hour), Actor: "c", Department: "Phòng A"})
		}); err != nil {
			t.Fatal(err)
		}
	}
	freeBefore := db.bolt.Stats().FreePageN
	head, _ := db.AuditHead()
	inst, inc := db.InstallID(), db.IncarnationID()
	db.Close()
	before, after, err := CompactFile(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if after > before {
		t.Fatalf("compaction grew the file: %d → %d", before, after)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if free := db.bolt.Stats().FreePageN; free > 8 || free >= freeBefore {
		t.Fatalf("free pages %d → %d", freeBefore, free)
	}
	if h, _ := db.AuditHead(); h != head || db.InstallID() != inst || db.IncarnationID() != inc {
		t.Fatal("compaction changed the journal head or the identity")
	}
	rep, err := db.Check()
	if err != nil || len(rep.Problems) > 0 || rep.Dossiers != 3000 {
		t.Fatalf("%+v %v", rep, err)
	}
	d := sampleDossier(at.Add(time.Hour), 9999)
	if err := db.CreateDossier(d, testScheme); err != nil || d.ID != 3001 {
		t.Fatalf("after compaction: id %d, %v", d.ID, err)
	}
	t.Logf("compacted %d → %d bytes", before, after)
}
