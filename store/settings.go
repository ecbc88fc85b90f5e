package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// GetSetting decodes the JSON document stored under name into v. It
// reports whether the setting exists.
func (db *DB) GetSetting(name string, v any) (bool, error) {
	var found bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSettings).Get([]byte(name))
		if b == nil {
			return nil
		}
		found = true
		if err := json.Unmarshal(b, v); err != nil {
			return fmt.Errorf("setting %s: %w", name, err)
		}
		return nil
	})
	return found, err
}

// PutSetting stores v as JSON under name with an audit entry, in one
// transaction.
func (db *DB) PutSetting(name string, v any, a Audit) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("setting %s: %w", name, err)
	}
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketSettings).Put([]byte(name), b); err != nil {
			return err
		}
		if a.Action == "" {
			a.Action = "settings.update"
		}
		if a.Object == "" {
			a.Object = name
		}
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// PutState stores machine bookkeeping (the last automatic backup, the sync
// pull cursor) as a setting without an audit entry: it records no one's
// action and changes nothing a person decided.
func (db *DB) PutState(name string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("state %s: %w", name, err)
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSettings).Put([]byte(name), b)
	})
}
