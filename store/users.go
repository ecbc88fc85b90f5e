package store

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"motcua/account"
	"motcua/dossier"
)

// GetUser returns the user with the given name.
func (db *DB) GetUser(username string) (account.User, bool, error) {
	var u account.User
	var found bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketUsers).Get([]byte(username))
		if v == nil {
			return nil
		}
		found = true
		return json.Unmarshal(v, &u)
	})
	return u, found, err
}

// PutUser stores (creates or replaces) a user with an audit entry, in one
// transaction.
func (db *DB) PutUser(u account.User, a Audit) error {
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketUsers).Put([]byte(u.Username), b); err != nil {
			return err
		}
		if a.Action == "" {
			return nil // bookkeeping only (failed-login counters are audited by the caller)
		}
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// CreateUser stores a new user; it fails if the name is taken.
func (db *DB) CreateUser(u account.User, a Audit) error {
	b, err := json.Marshal(u)
	if err != nil {
		return err
	}
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		ub := tx.Bucket(bucketUsers)
		if ub.Get([]byte(u.Username)) != nil {
			return dossier.Errorf(dossier.KindConflict, "username", "user %q already exists", u.Username)
		}
		if err := ub.Put([]byte(u.Username), b); err != nil {
			return err
		}
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// Users returns every user, by name.
func (db *DB) Users() ([]account.User, error) {
	var out []account.User
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u account.User
			if err := json.Unmarshal(v, &u); err != nil {
				return fmt.Errorf("user %s: %w", k, err)
			}
			out = append(out, u)
			return nil
		})
	})
	return out, err
}
