package main

import (
	"motcua/store"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/wire"
)

// Pulled hub changes (dossier events from departments, catalog and holiday
// updates) are applied by the desk's applier.
func init() {
	DeskApplier = func(db *store.DB) syncer.Applier {
		d, err := wire.FromDB(db)
		if err != nil {
			return failingApplier{err}
		}
		return d.Applier()
	}
}

// failingApplier reports why the desk could not be assembled.
type failingApplier struct{ err error }

func (f failingApplier) PullCursor() (uint64, error)  { return 0, f.err }
func (f failingApplier) SetPullCursor(uint64) error   { return f.err }
func (f failingApplier) Apply(syncproto.Change) error { return f.err }
