package store

import (
	"bytes"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestKeys_SealedAtRest(t *testing.T) {
	db := mustOpen(t, Options{Sealer: xorSealer{}})
	type rec struct{ Private string }
	if err := db.PutKey("k1", rec{"SECRET-SEED"}, Audit{Actor: "admin"}); err != nil {
		t.Fatal(err)
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		if bytes.Contains(tx.Bucket(bucketKeys).Get([]byte("k1")), []byte("SECRET")) {
			t.Error("private key in clear")
		}
		return nil
	})
	var got rec
	if ok, err := db.GetKey("k1", &got); !ok || err != nil || got.Private != "SECRET-SEED" {
		t.Fatalf("%v %v %+v", ok, err, got)
	}
	n := 0
	db.Keys(func(id string, raw []byte) error { n++; return nil })
	if n != 1 {
		t.Fatal(n)
	}
	if ok, _ := db.GetKey("nope", &got); ok {
		t.Fatal("found a missing key")
	}
}
