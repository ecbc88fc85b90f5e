package store

import "motcua/syncer"

// *DB is the desk's sync outbox.
var _ syncer.Store = (*DB)(nil)
