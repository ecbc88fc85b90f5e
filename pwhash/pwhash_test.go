package pwhash

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h := Argon2id{MemoryKiB: 1024, Passes: 1, Lanes: 1}
	s, err := h.Hash("Mật khẩu 2026")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("format %s", s)
	}
	if ok, err := h.Verify(s, "Mật khẩu 2026"); !ok || err != nil {
		t.Fatalf("right password refused: %v", err)
	}
	if ok, _ := h.Verify(s, "mật khẩu 2026"); ok {
		t.Fatal("wrong password accepted")
	}
	s2, _ := h.Hash("Mật khẩu 2026")
	if s2 == s {
		t.Fatal("salt not random")
	}
	// Parameters come from the stored hash.
	if ok, _ := Default().Verify(s, "Mật khẩu 2026"); !ok {
		t.Fatal("verify with other default parameters failed")
	}
	for _, bad := range []string{"", "plain", "$2a$10$abc", "$argon2id$v=19$m=0,t=1,p=1$AAAA$AAAA", "$argon2id$v=18$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"} {
		if _, err := h.Verify(bad, "x"); err == nil {
			t.Errorf("%q accepted as a hash", bad)
		}
	}
}
