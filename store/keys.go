package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Keys bucket: key id → JSON document (receipt.Record: the desk's signing
// key with its private seed, and trusted public keys of other desks and the
// hub). With a Sealer the whole document is sealed, so the private seed is
// encrypted at rest like personal data.

func (db *DB) sealKey(b []byte) ([]byte, error) {
	if db.codec.sealer == nil {
		return b, nil
	}
	return db.codec.sealer.Seal(b)
}

func (db *DB) openKey(b []byte) ([]byte, error) {
	if len(b) > 0 && b[0] == '{' {
		return b, nil // plaintext (no Sealer)
	}
	if db.codec.sealer == nil {
		return nil, fmt.Errorf("the key record is encrypted and no key is configured")
	}
	return db.codec.sealer.Open(append([]byte(nil), b...))
}

// GetKey decodes the key document stored under id into v.
func (db *DB) GetKey(id string, v any) (bool, error) {
	var raw []byte
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketKeys).Get([]byte(id)); b != nil {
			raw = append([]byte(nil), b...)
		}
		return nil
	})
	if err != nil || raw == nil {
		return false, err
	}
	plain, err := db.openKey(raw)
	if err != nil {
		return true, fmt.Errorf("key %s: %w", id, err)
	}
	return true, json.Unmarshal(plain, v)
}

// PutKey stores a key document with an audit entry, in one transaction.
func (db *DB) PutKey(id string, v any, a Audit) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if b, err = db.sealKey(b); err != nil {
		return err
	}
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketKeys).Put([]byte(id), b); err != nil {
			return err
		}
		if a.Action == "" {
			a.Action = "key.store"
		}
		if a.Object == "" {
			a.Object = id
		}
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// Keys calls fn with every key document (decrypted JSON).
func (db *DB) Keys(fn func(id string, raw []byte) error) error {
	type kv struct{ k, v []byte }
	var all []kv
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketKeys).ForEach(func(k, v []byte) error {
			all = append(all, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
			return nil
		})
	})
	if err != nil {
		return err
	}
	for _, x := range all {
		plain, err := db.openKey(x.v)
		if err != nil {
			return fmt.Errorf("key %s: %w", x.k, err)
		}
		if err := fn(string(x.k), plain); err != nil {
			return err
		}
	}
	return nil
}
