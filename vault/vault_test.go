package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestVaultLifecycle(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "motcua.db")
	v, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(KeyPath(db))
	// On Windows the key is protected by DPAPI; file modes are not Unix's.
	if err != nil || (runtime.GOOS != "windows" && st.Mode().Perm() != 0o600) {
		t.Fatalf("key file %v %v", st, err)
	}
	s, err := v.Seal([]byte("Nguyễn Văn An 001090123456"))
	if err != nil || bytes.Contains(s, []byte("001090123456")) {
		t.Fatal("not sealed")
	}
	if p, err := v.Open(s); err != nil || string(p) != "Nguyễn Văn An 001090123456" {
		t.Fatalf("%q %v", p, err)
	}
	s[len(s)-1] ^= 1
	if _, err := v.Open(s); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("tampered: %v", err)
	}
	os.WriteFile(db, []byte("db"), 0o600)
	v2, err := Open(db)
	if err != nil || v2.ID() != v.ID() || !bytes.Equal(v2.IndexKey(), v.IndexKey()) {
		t.Fatalf("reopen: %v", err)
	}
	// Recovery: set a code, export the recovery-only file, recover with it.
	code, _ := NewRecoveryCode()
	if err := v.SetRecovery(db, code); err != nil {
		t.Fatal(err)
	}
	if !HasRecovery(db) {
		t.Fatal("no recovery copy")
	}
	if v3, err := Open(db); err != nil || v3.ID() != v.ID() {
		t.Fatalf("reopen after recovery set: %v", err)
	}
	exp := filepath.Join(dir, "backup.key")
	if err := ExportRecoveryFile(db, exp); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(exp)
	if bytes.Contains(b, []byte("protected")) {
		t.Fatal("the backup key file carries the directly usable key")
	}
	if _, err := Recover(exp, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"); !errors.Is(err, ErrRecoveryCode) {
		t.Fatalf("wrong code: %v", err)
	}
	r, err := Recover(exp, " "+code[:5]+code[5:]+" ")
	if err != nil || r.ID() != v.ID() {
		t.Fatalf("recover: %v", err)
	}
	if p, err := r.Open(mustSeal(t, v, "x")); err != nil || string(p) != "x" {
		t.Fatal("recovered key does not open data")
	}
	// The key file missing next to an existing database is an error, not a
	// new key (which would make the data unreadable).
	os.Remove(KeyPath(db))
	if _, err := Open(db); !errors.Is(err, ErrNoKeyFile) {
		t.Fatalf("missing key file: %v", err)
	}
	// Install the recovered key on "this machine".
	if err := r.Install(db, exp); err != nil {
		t.Fatal(err)
	}
	if v4, err := Open(db); err != nil || v4.ID() != v.ID() || !HasRecovery(db) {
		t.Fatalf("after install: %v", err)
	}
}

func mustSeal(t *testing.T, v *Vault, s string) []byte {
	b, err := v.Seal([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
