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
