package store

import (
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// migration is one ordered step of the schema. The schema version stored in
// meta is the number of migrations applied. Every migration has a test case
// in migrations_test.go (the test fails if the counts differ).
type migration struct {
	name    string
	migrate func(tx *bolt.Tx, now time.Time) error
}

// migrations, in order. Never edit a released migration; add a new one and
// update doc.go.
var migrations = []migration{
	{"create buckets and identity", migrateV1},
	{"index records by end of processing", migrateV2},
	{"carry the facts in the appointment index", migrateV3},
	{"archive past days' counters", migrateV4},
}

// schemaVersion is the version this program writes.
var schemaVersion = uint64(len(migrations))

func schemaVersionOf(tx *bolt.Tx) uint64 {
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return 0
	}
	return getU64(m.Get(metaSchema))
}

var errNothingToDo = errors.New("nothing to migrate")

// migrate runs every pending migration in one write transaction, so a crash
// leaves either the old or the new schema.
func (db *DB) migrate() error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		cur := schemaVersionOf(tx)
		if cur > schemaVersion {
			return fmt.Errorf("%s: schema %d, this program knows %d: %w", db.path, cur, schemaVersion, ErrNewerSchema)
		}
		if cur == schemaVersion {
			return errNothingToDo
		}
		for i := cur; i < schemaVersion; i++ {
			m := migrations[i]
			start := time.Now()
			if err := m.migrate(tx, db.now()); err != nil {
				return fmt.Errorf("migration %d (%s): %w", i+1, m.name, err)
			}
			db.log.Info("schema migration applied", "version", i+1, "name", m.name, "took", time.Since(start))
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		return meta.Put(metaSchema, u64(schemaVersion))
	})
	if errors.Is(err, errNothingToDo) {
		return nil
	}
	return err
}

// v1Buckets are the buckets of schema 1.
var v1Buckets = [][]byte{
	bucketMeta, bucketLog, bucketSettings, bucketDossiers, bucketCodes,
	bucketByDay, bucketByStatus, bucketByOwner, bucketByName, bucketByPhone, bucketByDue,
	bucketAcks, bucketRetry, bucketQuarantine, bucketUsers, bucketCatalog, bucketProcVers,
	bucketHolidays, bucketDays, bucketKeys,
}

// migrateV1 creates the buckets and the installation identity.
func migrateV1(tx *bolt.Tx, now time.Time) error {
	for _, name := range v1Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	m := tx.Bucket(bucketMeta)
	if m.Get(metaInstall) == nil {
		if err := m.Put(metaInstall, []byte(randomHex(16))); err != nil {
			return err
		}
	}
	if err := m.Put(metaIncarnation, []byte(randomHex(16))); err != nil {
		return err
	}
	if m.Get(metaCreated) == nil {
		if err := m.Put(metaCreated, []byte(now.UTC().Format(time.RFC3339))); err != nil {
			return err
		}
	}
	if m.Get(metaIndexKey) == nil {
		k := make([]byte, 32)
		if _, err := rand.Read(k); err != nil {
			return err
		}
		if err := m.Put(metaIndexKey, k); err != nil {
			return err
		}
	}
	return nil
}

// migrateV2 adds the by_finished index (dashboards and period reports ask
// for records finished in a window) and fills it from the records' facts.
// Records still riding in the journal get their entry when merged.
func migrateV2(tx *bolt.Tx, now time.Time) error {
	b, err := tx.CreateBucketIfNotExists(bucketByFinished)
	if err != nil {
		return err
	}
	b.FillPercent = 1.0
	return tx.Bucket(bucketDossiers).ForEach(func(k, v []byte) error {
		f, err := decodeFactsOnly(v)
		if err != nil {
			return fmt.Errorf("dossier %x: %w", k, err)
		}
		if f.FinishedAt.IsZero() {
			return nil
		}
		return b.Put(append(u64(uint64(f.FinishedAt.Unix())), k...), []byte{})
	})
}

// migrateV3 puts each open record's facts block into its by_due entry, so
// the overdue and due-soon reads never touch the records (DueBetween).
// Records still riding in the journal get theirs when merged.
func migrateV3(tx *bolt.Tx, now time.Time) error {
	ds := tx.Bucket(bucketDossiers)
	due := tx.Bucket(bucketByDue)
	type entry struct{ k, v []byte }
	var es []entry
	err := due.ForEach(func(k, _ []byte) error {
		if len(k) != 16 {
			return fmt.Errorf("by_due key %x is not unix(8B) id(8B)", k)
		}
		rec := ds.Get(k[8:])
		if rec == nil {
			return fmt.Errorf("by_due names missing dossier %d", getU64(k[8:]))
		}
		fb, _, err := splitRecord(rec)
		if err != nil {
			return fmt.Errorf("dossier %d: %w", getU64(k[8:]), err)
		}
		es = append(es, entry{append([]byte(nil), k...), append([]byte(nil), fb...)})
		return nil
	})
	if err != nil {
		return err
	}
	due.FillPercent = prefixFill
	for _, e := range es {
		if err := due.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// migrateV4 adds the counters bucket and moves the day counters of past
// days out of the log's hot keys (counters.go).
func migrateV4(tx *bolt.Tx, now time.Time) error {
	if _, err := tx.CreateBucketIfNotExists(bucketCounters); err != nil {
		return err
	}
	_, err := archiveCounters(tx, now)
	return err
}
