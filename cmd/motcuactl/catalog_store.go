package main

import (
	"errors"
	"os"

	"motcua/account"
	"motcua/catalog"
	"motcua/desk"
	"motcua/store"
	"motcua/wire"
)

// The catalog commands read and write the catalog kept in the desk
// database. A database that does not exist is not created by a read: the
// embedded default answers instead.
func init() {
	storeCatalog = func(dbPath string) (catalogSource, bool, error) {
		p, err := resolveDB(dbPath)
		if err != nil {
			return nil, false, err
		}
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return nil, false, nil
		}
		db, err := wire.OpenStore(p, store.Options{ReadOnly: true, Timeout: storeTimeout})
		if err != nil {
			return nil, false, err
		}
		defer db.Close()
		set, _, err := db.CatalogSet()
		if err != nil || set == nil {
			return nil, false, err
		}
		return newSetSource(set), true, nil
	}
	storeImport = func(dbPath string, set *catalog.Set) (int, int, int, error) {
		p, err := resolveDB(dbPath)
		if err != nil {
			return 0, 0, 0, err
		}
		db, err := wire.OpenStore(p, store.Options{Timeout: storeTimeout})
		if err != nil {
			return 0, 0, 0, err
		}
		defer db.Close()
		r, err := db.ImportCatalog(set, "", account.Audit{Actor: operator()})
		return r.Added, r.Changed, r.Unchanged + r.Skipped, err
	}
}

func resolveDB(p string) (string, error) {
	if p != "" {
		return p, nil
	}
	return desk.DefaultDBPath()
}
