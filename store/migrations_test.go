package store

import (
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

// TestMigrations runs each migration on a database prepared at the schema
// before it and checks its result. Every migration must have a case.
func TestMigrations(t *testing.T) {
	cases := []struct {
		name  string
		init  func(tx *bolt.Tx) error // the layout before the migration
		check func(t *testing.T, tx *bolt.Tx)
	}{
		{
			name: "create buckets and identity",
			init: func(tx *bolt.Tx) error { return nil },
			check: func(t *testing.T, tx *bolt.Tx) {
				for _, b := range v1Buckets {
					if tx.Bucket(b) == nil {
						t.Errorf("bucket %s missing", b)
					}
				}
				m := tx.Bucket(bucketMeta)
				if len(m.Get(metaInstall)) != 32 || len(m.Get(metaIncarnation)) != 32 || len(m.Get(metaIndexKey)) != 32 {
					t.Error("identity or index key not created")
				}
				if m.Get(metaCreated) == nil {
					t.Error("created_at not set")
				}
			},
		},
		{
			name: "index records by end of processing",
			init: func(tx *bolt.Tx) error {
				// Two schema-1 records: one finished, one open.
				done := fullDossier()
				open := fullDossier()
				open.ID, open.Code, open.FinishedAt = 43, "000.00.06.H56-231027-0362", time.Time{}
				for _, d := range []*dossier.Dossier{done, open} {
					rec, err := recordCodec{}.encode(d, nil)
					if err != nil {
						return err
					}
					if err := tx.Bucket(bucketDossiers).Put(u64(d.ID), rec); err != nil {
						return err
					}
				}
				return nil
			},
			check: func(t *testing.T, tx *bolt.Tx) {
				b := tx.Bucket(bucketByFinished)
				if b == nil || b.Stats().KeyN != 1 {
					t.Fatalf("by_finished not built")
				}
				k, _ := b.Cursor().First()
				want := append(u64(uint64(fullDossier().FinishedAt.Unix())), u64(42)...)
				if string(k) != string(want) {
					t.Errorf("key %x, want %x", k, want)
				}
			},
		},
		{
			name: "carry the facts in the appointment index",
			init: func(tx *bolt.Tx) error {
				// A schema-2 open record with its empty by_due entry.
				open := fullDossier()
				open.ID, open.Code, open.FinishedAt, open.Status = 43, "000.00.06.H56-231027-0362", time.Time{}, dossier.StatusProcessing
				rec, err := recordCodec{}.encode(open, nil)
				if err != nil {
					return err
				}
				if err := tx.Bucket(bucketDossiers).Put(u64(open.ID), rec); err != nil {
					return err
				}
				return tx.Bucket(bucketByDue).Put(append(u64(uint64(open.Appointment.Unix())), u64(open.ID)...), []byte{})
			},
			check: func(t *testing.T, tx *bolt.Tx) {
				k, v := tx.Bucket(bucketByDue).Cursor().First()
				if k == nil {
					t.Fatal("by_due entry lost")
				}
				dec := decoder{b: v}
				f, _ := decodeFacts(&dec)
				if dec.err != nil {
					t.Fatalf("by_due value does not decode: %v", dec.err)
				}
				if f.ID != 43 || f.Status != dossier.StatusProcessing || f.Code != "000.00.06.H56-231027-0362" {
					t.Errorf("by_due value carries %+v", f)
				}
			},
		},
		{
			name: "archive past days' counters",
			init: func(tx *bolt.Tx) error {
				log := tx.Bucket(bucketLog)
				for k, v := range map[string]uint64{"mc/A/20250101": 7, "mg/A/20250101": 2, "mc/A/20991231": 3, "mhead": 1} {
					if err := log.Put([]byte(k), u64(v)); err != nil {
						return err
					}
				}
				return nil
			},
			check: func(t *testing.T, tx *bolt.Tx) {
				log, cs := tx.Bucket(bucketLog), tx.Bucket(bucketCounters)
				if cs == nil {
					t.Fatal("counters bucket missing")
				}
				if getU64(cs.Get([]byte("c/A/20250101"))) != 7 || getU64(cs.Get([]byte("g/A/20250101"))) != 2 {
					t.Error("past counters not archived")
				}
				if log.Get([]byte("mc/A/20250101")) != nil || log.Get([]byte("mg/A/20250101")) != nil {
					t.Error("past counters left among the hot keys")
				}
				if getU64(log.Get([]byte("mc/A/20991231"))) != 3 || getU64(log.Get([]byte("mhead"))) != 1 {
					t.Error("current counters or other hot keys moved")
				}
			},
		},
	}
	if len(cases) != len(migrations) {
		t.Fatalf("%d migrations but %d test cases: each migration must have a test case", len(migrations), len(cases))
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if migrations[i].name != c.name {
				t.Fatalf("case %d is %q, migration is %q", i, c.name, migrations[i].name)
			}
			path := filepath.Join(t.TempDir(), "m.db")
			b, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			// Bring the file to the schema before migration i.
			err = b.Update(func(tx *bolt.Tx) error {
				for j := 0; j < i; j++ {
					if err := migrations[j].migrate(tx, time.Now()); err != nil {
						return err
					}
				}
				return c.init(tx)
			})
			if err != nil {
				t.Fatal(err)
			}
			if err := b.Update(func(tx *bolt.Tx) error { return migrations[i].migrate(tx, time.Now()) }); err != nil {
				t.Fatal(err)
			}
			b.View(func(tx *bolt.Tx) error { c.check(t, tx); return nil })
		})
	}
}

func TestOpen_RefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaSchema, u64(schemaVersion+1)) })
	db.Close()
	if _, err := Open(path, Options{}); err == nil {
		t.Fatal("opened a newer schema")
	}
}

func TestOpen_Idempotent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "m.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inst, inc := db.InstallID(), db.IncarnationID()
	db.Close()
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.InstallID() != inst || db.IncarnationID() != inc {
		t.Fatal("reopening changed the identity")
	}
}
