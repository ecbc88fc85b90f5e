package store

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"

	"motcua/dossier"
)

// Errors returned by Open.
var (
	// ErrLocked: another program (a second desk app, or motcuactl) has the
	// database open. bbolt allows one process per file.
	ErrLocked = errors.New("the database is in use by another motcua program")
	// ErrNewerSchema: the file was written by a newer motcua version.
	ErrNewerSchema = errors.New("the database was created by a newer version of motcua")
)

// Options configure Open.
type Options struct {
	// Timeout bounds the wait for the file lock (default 1 s); a second
	// instance gets ErrLocked instead of hanging.
	Timeout time.Duration
	// Now is the clock (default time.Now). Read once per operation.
	Now func() time.Time
	// ReadOnly opens the file shared, for checks and reports.
	ReadOnly bool
	// NoSync skips fsync. Only for bulk generation and tests: a crash may
	// lose committed transactions.
	NoSync bool
	// Sealer encrypts personal data at rest (nil: plaintext).
	Sealer Sealer
	// Logger receives migration and maintenance messages (default: discard).
	Logger *slog.Logger
	// OnCommit is called after every successful write of dossiers or
	// outbox events, outside the transaction (e.g. to wake the sync worker).
	OnCommit func()
}

// DB is the desk database.
type DB struct {
	bolt     *bolt.DB
	path     string
	now      func() time.Time
	codec    recordCodec
	dicts    dictCache
	log      *slog.Logger
	indexKey []byte
	onCommit func()

	install     string
	incarnation string
	readOnly    bool

	// background merger (merge.go)
	mergeKick chan struct{}
	mergeStop chan struct{}
	mergeDone chan struct{}
	closeOnce sync.Once

	// mergeInline materialises each intake inside its own transaction
	// (record, code and index entries written at once). Only the intake
	// benchmark sets it, to measure the design the journal replaced.
	mergeInline bool
}

// Open opens (creating if needed) the database at path and brings its schema
// up to date.
func Open(path string, opt Options) (*DB, error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("create database folder: %w", err)
		}
	} else if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	b, err := bolt.Open(path, 0o600, &bolt.Options{
		Timeout:      opt.Timeout,
		ReadOnly:     opt.ReadOnly,
		NoSync:       opt.NoSync,
		FreelistType: bolt.FreelistArrayType,
	})
	if err != nil {
		if errors.Is(err, bolterr.ErrTimeout) {
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	db := &DB{bolt: b, path: path, now: opt.Now, codec: recordCodec{sealer: opt.Sealer}, log: opt.Logger, onCommit: opt.OnCommit, readOnly: opt.ReadOnly}
	if !opt.ReadOnly {
		if err := db.migrate(); err != nil {
			b.Close()
			return nil, err
		}
	}
	if err := db.loadMeta(opt.Sealer); err != nil {
		b.Close()
		return nil, err
	}
	db.adviseRandom()
	if !opt.ReadOnly {
		if err := db.flush(); err != nil {
			b.Close()
			return nil, fmt.Errorf("merge pending intakes: %w", err)
		}
		if err := db.archiveOldCounters(); err != nil {
			b.Close()
			return nil, fmt.Errorf("archive day counters: %w", err)
		}
		db.mergeKick = make(chan struct{}, 1)
		db.mergeStop = make(chan struct{})
		db.mergeDone = make(chan struct{})
		go db.merger()
	}
	return db, nil
}

// Close merges pending intakes and closes the database.
func (db *DB) Close() error {
	var err error
	db.closeOnce.Do(func() {
		if db.mergeStop != nil {
			close(db.mergeStop)
			<-db.mergeDone
			err = db.flush()
		}
		if cerr := db.bolt.Close(); err == nil {
			err = cerr
		}
	})
	return err
}

// Path returns the file path.
func (db *DB) Path() string { return db.path }

// InstallID identifies this installation (stable across restores).
func (db *DB) InstallID() string { return db.install }

// IncarnationID identifies this copy of the database file; it changes when
// the file is restored from a backup, so the hub can tell a rolled-back
// desk from a new one (syncthing's index ID).
func (db *DB) IncarnationID() string { return db.incarnation }

func (db *DB) loadMeta(s Sealer) error {
	return db.bolt.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		if m == nil {
			return fmt.Errorf("database %s is not initialised (open it once read-write)", db.path)
		}
		if v := schemaVersionOf(tx); v > uint64(len(migrations)) {
			return fmt.Errorf("%s: schema %d, this program knows %d: %w", db.path, v, len(migrations), ErrNewerSchema)
		}
		db.install = string(m.Get(metaInstall))
		db.incarnation = string(m.Get(metaIncarnation))
		if s != nil {
			db.indexKey = s.IndexKey()
		} else {
			db.indexKey = append([]byte(nil), m.Get(metaIndexKey)...)
		}
		if len(db.indexKey) == 0 {
			return fmt.Errorf("database %s has no index key", db.path)
		}
		return nil
	})
}

// update runs fn in a write transaction and calls the commit hook after a
// successful commit.
func (db *DB) update(fn func(tx *bolt.Tx) error) error {
	if err := db.bolt.Update(fn); err != nil {
		return err
	}
	if db.onCommit != nil {
		db.onCommit()
	}
	return nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return hex.EncodeToString(b)
}

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func getU64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

// dayKey encodes a calendar day in Zone as 4 bytes (yyyymmdd as uint32),
// sortable.
func dayKey(t time.Time) []byte {
	t = t.In(dossier.Zone)
	b := make([]byte, 4)
	binary.BigEndian.PutUint32(b, uint32(t.Year()*10000+int(t.Month())*100+t.Day()))
	return b
}

func dayFromKey(b []byte) time.Time {
	v := int(binary.BigEndian.Uint32(b))
	return time.Date(v/10000, time.Month(v/100%100), v%100, 0, 0, 0, 0, dossier.Zone)
}
