package main

import (
	"fmt"
	"os"
	"os/user"
	"time"

	"motcua/desk"
	"motcua/store"
	"motcua/wire"
)

const storeTimeout = 2 * time.Second

// dbPath returns --db or the desk app's default database.
func (e *env) dbPath() (string, error) { return resolveDB(e.DBPath) }

// openDB opens the database for a command. The desk app holding the file
// makes this fail fast with a clear message instead of hanging.
func (e *env) openDB() (*store.DB, error) {
	p, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	db, err := wire.OpenStore(p, store.Options{Timeout: storeTimeout})
	if err != nil {
		return nil, fmt.Errorf("%w (close the desk app, or pass --db)", err)
	}
	return db, nil
}

// openDesk opens the database with the catalog and the desk services.
func (e *env) openDesk() (*wire.Desk, error) {
	p, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	d, err := wire.Open(wire.Options{Path: p, Timeout: storeTimeout, Progress: func(m string) { fmt.Fprintln(e.Stderr, "motcuactl: importing the default catalog…") }})
	if err != nil {
		return nil, fmt.Errorf("%w (close the desk app, or pass --db)", err)
	}
	return d, nil
}

// withDB opens the database, runs fn on it and closes it again.
func (e *env) withDB(fn func(db *store.DB) error) error {
	db, err := e.openDB()
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db)
}

// withDesk opens the desk, runs fn on it and closes it again. fn may close
// the desk itself early (closing twice is harmless).
func (e *env) withDesk(fn func(dk *wire.Desk) error) error {
	dk, err := e.openDesk()
	if err != nil {
		return err
	}
	defer dk.Close()
	return fn(dk)
}

// withSession opens the desk, takes the motcuactl system session and runs
// fn with both; the desk is closed again afterwards.
func (e *env) withSession(fn func(dk *wire.Desk, s *desk.Session) error) error {
	return e.withDesk(func(dk *wire.Desk) error {
		s, err := session(dk)
		if err != nil {
			return err
		}
		return fn(dk, s)
	})
}

// session returns the motcuactl system session of an opened desk.
func session(d *wire.Desk) (*desk.Session, error) {
	s, err := d.Service.SystemSession(osUser())
	if err != nil {
		return nil, fmt.Errorf("%w (run \"motcuactl setup\" or the desk app's first-run setup)", err)
	}
	return s, nil
}

func osUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return os.Getenv("USER")
}

// operator is the audit actor of motcuactl maintenance commands.
func operator() string {
	if u := osUser(); u != "" {
		return "motcuactl:" + u
	}
	return "motcuactl"
}
