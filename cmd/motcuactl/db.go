package main

import (
	"fmt"
	"time"

	"motcua/desk"
	"motcua/store"
)

// dbPath returns --db or the desk app's default database.
func (e *env) dbPath() (string, error) {
	if e.DBPath != "" {
		return e.DBPath, nil
	}
	return desk.DefaultDBPath()
}

// openDB opens the database for a command. The desk app holding the file
// makes this fail fast with a clear message instead of hanging.
func (e *env) openDB() (*store.DB, error) {
	p, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	db, err := store.Open(p, store.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("%w (close the desk app, or pass --db)", err)
	}
	return db, nil
}
