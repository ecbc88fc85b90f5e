package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterr "go.etcd.io/bbolt/errors"
)

// Backup writes a consistent copy of the database to w from a read
// transaction (bbolt Tx.WriteTo): desks keep working meanwhile.
func (db *DB) Backup(w io.Writer) (int64, error) {
	var n int64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a hot backup to path atomically (temporary file, fsync,
// rename) and verifies the copy with a full check. The copy is not left
// behind if verification fails.
func (db *DB) BackupFile(path string) (CheckReport, error) { return db.backupFile(path, true) }

// BackupFileQuick is BackupFile with a constant-time verification of the
// copy (it opens, passes the quick check and carries the same journal head
// as the database when it was copied): for the automatic backups at the
// daily close and on exit, which must not keep a large office waiting.
func (db *DB) BackupFileQuick(path string) (CheckReport, error) { return db.backupFile(path, false) }

func (db *DB) backupFile(path string, full bool) (CheckReport, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return CheckReport{}, fmt.Errorf("backup folder: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".motcua-backup-*")
	if err != nil {
		return CheckReport{}, fmt.Errorf("backup: %w", err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	if err := db.flush(); err != nil {
		tmp.Close()
		return CheckReport{}, fmt.Errorf("backup: %w", err)
	}
	var head AuditHead
	var dossiers int
	err = db.bolt.View(func(tx *bolt.Tx) error {
		head = auditHeadOf(tx)
		// Records are never deleted: the id sequence counts them.
		dossiers = int(tx.Bucket(bucketDossiers).Sequence())
		_, err := tx.WriteTo(tmp)
		return err
	})
	if err != nil {
		tmp.Close()
		return CheckReport{}, fmt.Errorf("backup: write %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return CheckReport{}, fmt.Errorf("backup: sync %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return CheckReport{}, fmt.Errorf("backup: close: %w", err)
	}
	var rep CheckReport
	if full {
		rep, err = verifyFile(tmpName, db.codec.sealer)
	} else {
		rep, err = quickVerifyFile(tmpName, db.codec.sealer, head)
		rep.Dossiers = dossiers
	}
	if err != nil {
		return rep, fmt.Errorf("backup: verify copy: %w", err)
	}
	if len(rep.Problems) > 0 {
		return rep, fmt.Errorf("backup: the copy has %d problems (first: %s)", len(rep.Problems), rep.Problems[0])
	}
	if err := os.Rename(tmpName, path); err != nil {
		return rep, fmt.Errorf("backup: %w", err)
	}
	return rep, syncDir(dir)
}

// verifyFile opens a copy (a backup being written or restored, which
// nobody else uses) and runs the full check; opening it read-write merges
// any intake committed while the copy was taken.
func verifyFile(path string, s Sealer) (CheckReport, error) {
	c, err := Open(path, Options{Timeout: time.Second, Sealer: s})
	if err != nil {
		return CheckReport{}, err
	}
	defer c.Close()
	return c.Check()
}

// quickVerifyFile opens a copy and checks it in constant time: the quick
// check and the journal head.
func quickVerifyFile(path string, s Sealer, want AuditHead) (CheckReport, error) {
	c, err := Open(path, Options{Timeout: time.Second, Sealer: s})
	if err != nil {
		return CheckReport{}, err
	}
	defer c.Close()
	var rep CheckReport
	for _, p := range c.QuickCheck() {
		rep.Problems = append(rep.Problems, p)
	}
	h, err := c.AuditHead()
	if err != nil {
		return rep, err
	}
	if h != want {
		rep.Problems = append(rep.Problems, Problem{"journal", fmt.Sprintf("the copy ends at entry %d, the database at %d", h.Seq, want.Seq)})
	}
	rep.Audit = h.Seq
	return rep, nil
}

// Restore replaces the database at dst with the backup at src after
// verifying it. The desk app must be closed (dst is locked otherwise). The
// backup is copied first and the copy is verified (the original may be on
// read-only media); the restored file gets a new incarnation id, so the hub
// knows this desk rolled back, and the previous file is kept as
// dst + ".before-restore". After a restore, raise the day counters past
// the last codes printed after the backup (DB.RaiseCounter).
func Restore(src, dst string, s Sealer) (CheckReport, error) {
	var rep CheckReport
	// Make sure nobody has dst open.
	if _, err := os.Stat(dst); err == nil {
		cur, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: time.Second})
		if err != nil {
			return rep, fmt.Errorf("restore: %s: %w", dst, ErrLocked)
		}
		cur.Close()
	}
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return rep, err
	}
	tmp, err := os.CreateTemp(dir, ".motcua-restore-*")
	if err != nil {
		return rep, err
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	in, err := os.Open(src)
	if err != nil {
		tmp.Close()
		return rep, fmt.Errorf("restore: %w", err)
	}
	_, err = io.Copy(tmp, in)
	in.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, fmt.Errorf("restore: copy: %w", err)
	}
	rep, err = verifyFile(tmpName, s)
	if err != nil {
		return rep, fmt.Errorf("restore: %s is not a readable motcua database: %w", src, err)
	}
	if len(rep.Problems) > 0 {
		return rep, fmt.Errorf("restore: %s has %d problems (first: %s); nothing was changed", src, len(rep.Problems), rep.Problems[0])
	}
	// New incarnation: the restored file may lack events the hub has seen.
	b, err := bolt.Open(tmpName, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return rep, err
	}
	err = b.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaIncarnation, []byte(randomHex(16)))
	})
	if cerr := b.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	if _, err := os.Stat(dst); err == nil {
		if err := os.Rename(dst, dst+".before-restore"); err != nil {
			return rep, fmt.Errorf("restore: keep the current file: %w", err)
		}
	}
	if err := os.Rename(tmpName, dst); err != nil {
		return rep, fmt.Errorf("restore: %w", err)
	}
	return rep, syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // not supported everywhere (Windows); the rename is still durable enough
	}
	defer d.Close()
	_ = d.Sync()
	return nil
}

// CompactFile rewrites the database at path without free pages (bbolt
// never returns freed space to the OS, and a long free list is written at
// every commit). The program must hold no other handle on the file. The
// copy is checked before it replaces the original; the journal, codes and
// identity are unchanged (same install and incarnation ids: nothing was
// lost or rolled back).
func CompactFile(path string, s Sealer) (before, after int64, err error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, 0, err
	}
	before = st.Size()
	src, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		if errors.Is(err, bolterr.ErrTimeout) {
			return before, 0, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		return before, 0, err
	}
	tmp := path + ".compact"
	os.Remove(tmp)
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second, NoSync: true})
	if err != nil {
		src.Close()
		return before, 0, err
	}
	err = bolt.Compact(dst, src, 64<<20)
	src.Close()
	if err == nil {
		err = dst.Sync()
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return before, 0, fmt.Errorf("compact: %w", err)
	}
	// The copy must open and pass the quick check before it replaces the
	// original.
	c, err := Open(tmp, Options{Timeout: time.Second, Sealer: s})
	if err == nil {
		if ps := c.QuickCheck(); len(ps) > 0 {
			err = fmt.Errorf("the compacted copy fails the quick check: %s", ps[0])
		}
		if cerr := c.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		os.Remove(tmp)
		return before, 0, fmt.Errorf("compact: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return before, 0, err
	}
	if st, err := os.Stat(path); err == nil {
		after = st.Size()
	}
	return before, after, syncDir(filepath.Dir(path))
}
