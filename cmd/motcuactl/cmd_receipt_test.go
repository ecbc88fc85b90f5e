package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/forms"
	"motcua/receipt"
	"motcua/store"
	"motcua/wire"
)

// receiptOf returns the office and the first dossier of a formsDB
// database, and the receipt text key signs for it.
func receiptOf(t *testing.T, db string, codes []string, key receipt.Key) (desk.Office, *dossier.Dossier, string) {
	t.Helper()
	sdb, err := wire.OpenStore(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	d, err := sdb.Dossier(codes[0])
	if err != nil {
		t.Fatal(err)
	}
	var o desk.Office
	if _, err := sdb.GetSetting("office", &o); err != nil {
		t.Fatal(err)
	}
	text, err := forms.SignReceipt(o, d, key)
	if err != nil {
		t.Fatal(err)
	}
	return o, d, text
}

func TestReceiptVerify(t *testing.T) {
	db, codes, key := formsDB(t, desk.FormsTT03)
	o, d, good := receiptOf(t, db, codes, key)
	stranger, _ := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{9}, 32)), "Quầy lạ")
	foreign, _ := forms.SignReceipt(o, d, stranger)
	cases := []struct {
		args  []string
		stdin string
		code  int
		out   string
		err   string
	}{
		{[]string{"verify", good}, "", 0, "OK " + codes[0] + "\n", ""},
		{[]string{"verify", "-"}, good + "\n", 0, "OK " + codes[0] + "\n", ""},
		{[]string{"verify", strings.Replace(good, "-0001", "-0002", 1)}, "", 1, "", "bad signature"},
		{[]string{"verify", foreign}, "", 1, "", "unknown key"},
		{[]string{"verify", "hello"}, "", 1, "", "malformed receipt"},
		{[]string{"verify"}, "", 2, "", "usage: receipt verify"},
	}
	for _, tc := range cases {
		code, out, errs := runForm(t, tc.stdin, append([]string{"--db", db, "receipt"}, tc.args...)...)
		if code != tc.code || out != tc.out || !strings.Contains(errs, tc.err) {
			t.Errorf("%v: exit %d %q %q, want %d %q %q", tc.args, code, out, errs, tc.code, tc.out, tc.err)
		}
	}

	// Importing the other desk's key makes its receipts verify.
	dir := t.TempDir()
	kf := filepath.Join(dir, "keys.txt")
	if err := os.WriteFile(kf, []byte("# desk 9\n"+stranger.PublicLine()+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runForm(t, "", "--db", db, "receipt", "key", "import", kf)
	if code != 0 || out != "imported "+stranger.ID+" Quầy lạ\n" {
		t.Fatalf("import: %d %q %q", code, out, errs)
	}
	code, out, _ = runForm(t, "", "--db", db, "receipt", "key", "import", kf)
	if code != 0 || !strings.HasPrefix(out, "already trusted "+stranger.ID) {
		t.Fatalf("re-import: %d %q", code, out)
	}
	if code, out, _ := runForm(t, "", "--db", db, "receipt", "verify", foreign); code != 0 || out != "OK "+codes[0]+"\n" {
		t.Fatalf("after import: %d %q", code, out)
	}
	// Export: the desk's own line, and --all.
	code, out, _ = runForm(t, "", "--db", db, "receipt", "key", "export")
	if code != 0 || out != key.PublicLine()+"\n" {
		t.Fatalf("export: %d %q", code, out)
	}
	ef := filepath.Join(dir, "all.txt")
	if code, _, errs := runForm(t, "", "--db", db, "receipt", "key", "export", "--all", "--out", ef); code != 0 {
		t.Fatalf("export --all: %s", errs)
	}
	all, _ := os.ReadFile(ef)
	keys, err := receipt.ParsePublicKeys(bytes.NewReader(all))
	if err != nil || len(keys) != 2 {
		t.Fatalf("export --all: %v %d", err, len(keys))
	}
	code, out, _ = runForm(t, "", "--db", db, "receipt", "key", "list")
	if code != 0 || !strings.Contains(out, key.ID+" local,signing Quầy 03 – Hạc Thành\n") || !strings.Contains(out, stranger.ID+" imported Quầy lạ\n") {
		t.Fatalf("list: %q", out)
	}
	// A bad file imports nothing and says why.
	bad := filepath.Join(dir, "bad.txt")
	other, _ := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{11}, 32)), "Khác")
	os.WriteFile(bad, []byte(other.PublicLine()+"\nmotcua-key v1 zz\n"), 0o644)
	code, _, errs = runForm(t, "", "--db", db, "receipt", "key", "import", bad)
	if code != 1 || !strings.Contains(errs, "line 2") {
		t.Fatalf("bad import: %d %q", code, errs)
	}
	code, out, _ = runForm(t, "", "--db", db, "receipt", "key", "list")
	if strings.Contains(out, other.ID) {
		t.Fatal("a key from a bad file was imported")
	}
}

func TestReceiptNoSetup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	db, err := wire.OpenStore(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	k, _ := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{1}, 32)), "x")
	text, _ := k.Sign(receipt.Claims{Code: "A-231027-0001", Procedure: "1.1", Received: time.Date(2023, 10, 27, 9, 0, 0, 0, time.UTC)}, "")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"receipt", "verify", text}, "unknown key"},
		{[]string{"receipt", "verify", text}, "run the desk app setup or motcuactl setup first"},
		{[]string{"receipt", "key", "export"}, "run the desk app setup or motcuactl setup first"},
		{[]string{"receipt", "key", "export", "--all"}, "keys bucket is empty"},
	} {
		code, _, errs := runForm(t, "", append([]string{"--db", path}, tc.args...)...)
		if code != 1 || !strings.Contains(errs, tc.want) {
			t.Errorf("%v: %d %q, want %q", tc.args, code, errs, tc.want)
		}
	}
}

func TestReceiptKeyNew(t *testing.T) {
	db, codes, key := formsDB(t, desk.FormsTT03)
	o, d, printed := receiptOf(t, db, codes, key)

	if code, _, errs := runForm(t, "", "--db", db, "receipt", "key", "new", "extra"); code != 2 || !strings.Contains(errs, "usage: receipt key new") {
		t.Fatalf("extra argument: %d %q", code, errs)
	}
	code, out, errs := runForm(t, "", "--db", db, "receipt", "key", "new")
	if code != 0 || !strings.HasPrefix(out, "retired "+key.ID+" (kept to verify earlier receipts)\nnew signing key ") {
		t.Fatalf("key new: %d %q %q", code, out, errs)
	}
	fresh := strings.Fields(strings.Split(out, "\n")[1])[3]
	if fresh == key.ID || len(fresh) != receipt.KeyIDLen {
		t.Fatalf("new key id %q", fresh)
	}
	if strings.Contains(out, "re-enrol") {
		t.Errorf("a desk that never enrolled is told to re-enrol: %q", out)
	}
	// The receipt printed before still verifies; the old key can no
	// longer sign; export names the new key.
	if code, out, _ := runForm(t, "", "--db", db, "receipt", "verify", printed); code != 0 || out != "OK "+codes[0]+"\n" {
		t.Fatalf("earlier receipt after rotation: %d %q", code, out)
	}
	_, out, _ = runForm(t, "", "--db", db, "receipt", "key", "list")
	if !strings.Contains(out, key.ID+" local Quầy 03") || !strings.Contains(out, fresh+" local,signing ") {
		t.Fatalf("list after rotation: %q", out)
	}
	_, out, _ = runForm(t, "", "--db", db, "receipt", "key", "export")
	if !strings.Contains(out, fresh) || strings.Contains(out, key.ID) {
		t.Fatalf("export after rotation: %q", out)
	}
	// New receipts are signed with the new key and verify.
	sdb, err := wire.OpenStore(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var dk desk.Desk
	if _, err := sdb.GetSetting("desk", &dk); err != nil {
		t.Fatal(err)
	}
	var rec receipt.Record
	if ok, err := sdb.GetKey(dk.KeyID, &rec); !ok || err != nil || dk.KeyID != fresh {
		t.Fatalf("desk key %s after rotation: %v %v", dk.KeyID, ok, err)
	}
	sdb.Close()
	nk, err := rec.Key()
	if err != nil || !nk.CanSign() {
		t.Fatalf("new key cannot sign: %v", err)
	}
	again, _ := forms.SignReceipt(o, d, nk)
	if code, out, _ := runForm(t, "", "--db", db, "receipt", "verify", again); code != 0 || out != "OK "+codes[0]+"\n" {
		t.Fatalf("new receipt: %d %q", code, out)
	}
}
