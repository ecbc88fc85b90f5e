package desk_test

import (
	"bytes"
	"strings"
	"testing"

	"motcua/receipt"
)

func TestRotateKey(t *testing.T) {
	f := newFixture(t)
	old, err := f.svc.DeskKey(f.admin.Desk)
	if err != nil || !old.CanSign() {
		t.Fatalf("setup key: %v", err)
	}
	if _, _, err := f.svc.RotateKey(f.clerk, nil); err == nil {
		t.Fatal("a clerk rotated the desk key")
	}
	if _, _, err := f.svc.RotateKey(f.sup, nil); err == nil {
		t.Fatal("a supervisor rotated the desk key")
	}
	// The first key drawn collides with the desk's current id: it is
	// skipped, not stored over the old key.
	draws := []receipt.Key{old, seeded(t, 7)}
	next := func() (receipt.Key, error) { k := draws[0]; draws = draws[1:]; return k, nil }
	gotOld, fresh, err := f.svc.RotateKey(f.admin, next)
	if err != nil {
		t.Fatal(err)
	}
	if gotOld.ID != old.ID || fresh.ID != seeded(t, 7).ID || f.admin.Desk.KeyID != fresh.ID {
		t.Fatalf("rotated %s → %s, session desk key %s", gotOld.ID, fresh.ID, f.admin.Desk.KeyID)
	}
	o, d, err := f.svc.Config()
	if err != nil || d.KeyID != fresh.ID || o.AgencyCode == "" {
		t.Fatalf("stored desk key %s: %v", d.KeyID, err)
	}
	k, err := f.svc.DeskKey(d)
	if err != nil || !k.CanSign() || !k.Public.Equal(fresh.Public) {
		t.Fatalf("new desk key: %v", err)
	}
	// The old key is kept, public half only.
	var rec receipt.Record
	if ok, err := f.db.GetKey(old.ID, &rec); !ok || err != nil {
		t.Fatalf("old key gone: %v %v", ok, err)
	}
	if rec.Private != "" || rec.Public == "" {
		t.Fatalf("old key record after rotation: %+v", rec)
	}
	// Every draw colliding is an error that changes nothing.
	stuck := func() (receipt.Key, error) { return fresh, nil }
	if _, _, err := f.svc.RotateKey(f.admin, stuck); err == nil || !strings.Contains(err.Error(), "key id") {
		t.Fatalf("endless collisions: %v", err)
	}
	if _, d, _ := f.svc.Config(); d.KeyID != fresh.ID {
		t.Fatal("a failed rotation changed the desk key")
	}
}

func seeded(t *testing.T, b byte) receipt.Key {
	t.Helper()
	k, err := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{b}, 32)), "Quầy 1")
	if err != nil {
		t.Fatal(err)
	}
	return k
}
