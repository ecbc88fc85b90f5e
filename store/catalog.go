package store

import (
	"bytes"
	"compress/gzip"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"motcua/catalog"
	"motcua/dossier"
)

// The catalog in the database: every version of every procedure is kept
// (a dossier names the version it was received under), the bucket catalog
// maps each code to its current version, and a snapshot of all current
// procedures is kept as one record so that start-up decodes one value.
//
//	catalog        code → current version hash
//	               "\x00snapshot" → catalog file format (catalog.Set.Encode) of the current procedures
//	               "\x00stamp"    → stamp of the last embedded default imported
//	               "\x01" code    → ∅: the current version came from an embedded default
//	proc_versions  code ‖ 0x00 ‖ hash → one-procedure catalog file

var (
	catSnapshot = []byte("\x00snapshot")
	catStamp    = []byte("\x00stamp")
)

func defaultMark(code string) []byte { return []byte("\x01" + code) }

func versionKey(code, hash string) []byte { return []byte(code + "\x00" + hash) }

func encodeProcs(stamp string, ps []*catalog.Procedure, level int) ([]byte, error) {
	var buf bytes.Buffer
	if err := catalog.NewSet(stamp, ps).EncodeLevel(&buf, level); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// CatalogImport counts what an import changed.
type CatalogImport struct {
	Added, Changed, Unchanged, Skipped int
}

// ImportCatalog stores a set of procedures in ONE transaction: a procedure
// whose content hash differs from the current version becomes a new
// version (older versions stay for the dossiers received under them); an
// identical one changes nothing, so importing the same data twice is a
// no-op. A list-only entry never replaces a full record. stamp, when not
// empty, marks an import of an embedded default: it never replaces a
// version an administrator imported (that one is newer local knowledge).
func (db *DB) ImportCatalog(set *catalog.Set, stamp string, a Audit) (CatalogImport, error) {
	var r CatalogImport
	var err error
	now := db.now()
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketCatalog)
		vers := tx.Bucket(bucketProcVers)
		touched := false
		for _, p := range set.Procedures {
			if p.Version.Hash == "" {
				p.Version.Hash = catalog.Hash(p)
			}
			old := cur.Get([]byte(p.Code))
			if old != nil && string(old) == p.Version.Hash {
				r.Unchanged++
				continue
			}
			if old != nil && stamp != "" && cur.Get(defaultMark(p.Code)) == nil {
				r.Skipped++ // keep the administrator's version
				continue
			}
			if old != nil && p.ListOnly {
				if prev, err := decodeVersion(vers.Get(versionKey(p.Code, string(old)))); err == nil && !prev.ListOnly {
					r.Skipped++
					continue
				}
			}
			if vers.Get(versionKey(p.Code, p.Version.Hash)) == nil {
				if p.Version.ImportedAt.IsZero() {
					p.Version.ImportedAt = now
				}
				b, err := encodeProcs("", []*catalog.Procedure{p}, gzip.BestSpeed)
				if err != nil {
					return fmt.Errorf("procedure %s: %w", p.Code, err)
				}
				if err := vers.Put(versionKey(p.Code, p.Version.Hash), b); err != nil {
					return err
				}
			}
			if err := cur.Put([]byte(p.Code), []byte(p.Version.Hash)); err != nil {
				return err
			}
			if stamp != "" {
				err = cur.Put(defaultMark(p.Code), []byte{})
			} else {
				err = cur.Delete(defaultMark(p.Code))
			}
			if err != nil {
				return err
			}
			if old == nil {
				r.Added++
			} else {
				r.Changed++
			}
			touched = true
		}
		if stamp != "" {
			if err := cur.Put(catStamp, []byte(stamp)); err != nil {
				return err
			}
		}
		if !touched {
			if stamp != "" {
				return nil
			}
			return errNothingToDo
		}
		// Rebuild the snapshot of current procedures.
		var all []*catalog.Procedure
		c := cur.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if k[0] <= 1 {
				continue
			}
			if p, ok := set.Get(string(k)); ok && p.Code == string(k) && p.Version.Hash == string(v) {
				all = append(all, p) // already in memory
				continue
			}
			p, err := decodeVersion(vers.Get(versionKey(string(k), string(v))))
			if err != nil {
				return fmt.Errorf("procedure %s version %s: %w", k, v, err)
			}
			all = append(all, p)
		}
		snap, err := encodeProcs(stamp, all, gzip.BestSpeed)
		if err != nil {
			return err
		}
		if err := cur.Put(catSnapshot, snap); err != nil {
			return err
		}
		a.Action = "catalog.import"
		a.Detail = fmt.Sprintf("%d added, %d changed, %d unchanged, %d list-only skipped", r.Added, r.Changed, r.Unchanged, r.Skipped)
		_, err = appendEntry(tx, now, newEntry{audit: a})
		return err
	})
	if err == errNothingToDo {
		err = nil
	}
	return r, err
}

func decodeVersion(b []byte) (*catalog.Procedure, error) {
	if b == nil {
		return nil, dossier.Errorf(dossier.KindNotFound, "procedure", "procedure version not stored")
	}
	s, err := catalog.Decode(b)
	if err != nil {
		return nil, err
	}
	if s.Len() != 1 {
		return nil, fmt.Errorf("procedure record holds %d procedures", s.Len())
	}
	return s.Procedures[0], nil
}

// CatalogSet returns the current procedures (nil when the database holds
// no catalog yet) and the stamp of the last embedded default imported.
func (db *DB) CatalogSet() (*catalog.Set, string, error) {
	var raw []byte
	var stamp string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		cur := tx.Bucket(bucketCatalog)
		if v := cur.Get(catSnapshot); v != nil {
			raw = append([]byte(nil), v...)
		}
		stamp = string(cur.Get(catStamp))
		return nil
	})
	if err != nil || raw == nil {
		return nil, stamp, err
	}
	s, err := catalog.Decode(raw)
	return s, stamp, err
}

// ProcedureVersion returns one stored version of a procedure (the one a
// dossier was received under).
func (db *DB) ProcedureVersion(code, hash string) (*catalog.Procedure, error) {
	var p *catalog.Procedure
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		p, err = decodeVersion(tx.Bucket(bucketProcVers).Get(versionKey(code, hash)))
		return err
	})
	return p, err
}

// ProcedureVersions lists the stored version hashes of a procedure.
func (db *DB) ProcedureVersions(code string) ([]string, error) {
	var out []string
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketProcVers).Cursor()
		p := []byte(code + "\x00")
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			out = append(out, string(k[len(p):]))
		}
		return nil
	})
	return out, err
}
