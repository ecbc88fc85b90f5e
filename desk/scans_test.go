package desk

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScansAttach(t *testing.T) {
	dir := t.TempDir()
	s := Scans{Dir: filepath.Join(dir, "scans")}
	pdf := filepath.Join(dir, "to khai.pdf")
	os.WriteFile(pdf, []byte("%PDF-1.4\n1 0 obj\n"), 0o600)
	sc, err := s.Attach(pdf)
	if err != nil || sc.MIME != "application/pdf" || len(sc.SHA256) != 64 || sc.Name != "to khai.pdf" {
		t.Fatalf("%+v %v", sc, err)
	}
	b, err := s.Open(sc)
	if err != nil || !strings.HasPrefix(string(b), "%PDF") {
		t.Fatalf("open: %v", err)
	}
	// The same bytes under another name are stored once.
	pdf2 := filepath.Join(dir, "copy.pdf")
	os.WriteFile(pdf2, []byte("%PDF-1.4\n1 0 obj\n"), 0o600)
	if sc2, err := s.Attach(pdf2); err != nil || sc2.SHA256 != sc.SHA256 {
		t.Fatal(err)
	}
	bad := map[string][]byte{"fake.pdf": []byte("MZ\x90\x00 not a pdf"), "empty.png": nil}
	for name, content := range bad {
		p := filepath.Join(dir, name)
		os.WriteFile(p, content, 0o600)
		if _, err := s.Attach(p); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	if _, err := s.Attach(filepath.Join(dir, "missing.jpg")); err == nil {
		t.Error("missing file accepted")
	}
	// Damage is detected.
	os.WriteFile(s.Path(sc.SHA256, ".pdf"), []byte("%PDF-tampered"), 0o600)
	if _, err := s.Open(sc); err == nil {
		t.Error("damaged scan not detected")
	}
}
