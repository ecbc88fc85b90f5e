package store

import (
	"encoding/binary"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

// The merge materialises new intakes: it copies each record that rides in a
// journal entry (flagPayload) into the dossiers bucket, writes its code and
// index entries, and strips the payload from the entry (the entry keeps the
// record's digest, which the chain covers). It is InnoDB's change buffer in
// miniature: the intake commit stays one leaf wide, and the sorted indexes
// catch up in a later transaction. It runs
//
//   - in the background shortly after each intake (mergeDelay),
//   - at the start of every write other than an intake (in the same
//     transaction), and before every read (flush), so no reader or writer
//     ever sees an intake without its indexes,
//   - at Open and Close.
//
// Its cost is proportional to the intakes not yet merged (normally a
// handful), never to the size of the database.

const mergeDelay = 150 * time.Millisecond

// mergeTx materialises every pending record inside tx.
func (db *DB) mergeTx(tx *bolt.Tx) error {
	log := tx.Bucket(bucketLog)
	if getHot(log, hotPending) == 0 {
		return nil
	}
	if _, err := archiveCounters(tx, db.now()); err != nil {
		return fmt.Errorf("merge: archive day counters: %w", err)
	}
	merged := getHot(log, hotMerged)
	last, _ := head(log)
	ds := tx.Bucket(bucketDossiers)
	codes := tx.Bucket(bucketCodes)
	setFill(tx, recordFill)
	c := log.Cursor()
	type strip struct {
		key []byte
		val []byte
	}
	var strips []strip
	for k, v := c.Seek(journalKey(merged + 1)); k != nil && k[0] == 'j'; k, v = c.Next() {
		if len(v) < 2 || v[1]&flagPayload == 0 {
			continue
		}
		seq := binary.BigEndian.Uint64(k[1:])
		e, err := decodeEntry(seq, v)
		if err != nil {
			return fmt.Errorf("merge: %w", err)
		}
		d, err := db.codec.decode(e.payload, db.dict(tx))
		if err != nil {
			return fmt.Errorf("merge: journal %d: record %d: %w", seq, e.id, err)
		}
		if d.ID != e.id {
			return fmt.Errorf("merge: journal %d names record %d but carries %d", seq, e.id, d.ID)
		}
		if err := ds.Put(u64(d.ID), e.payload); err != nil {
			return err
		}
		ck := []byte(recordCode(d))
		if d.Kind == dossier.KindGuidance {
			ck = []byte(guidancePrefix + d.GuidanceNo)
		}
		if err := codes.Put(ck, u64(d.ID)); err != nil {
			return err
		}
		if err := db.moveIndexes(tx, nil, d, e.payload); err != nil {
			return err
		}
		strips = append(strips, strip{append([]byte(nil), k...), e.hashed})
	}
	for _, s := range strips {
		if err := log.Put(s.key, s.val); err != nil {
			return err
		}
	}
	if err := log.Put(hotMerged, u64(last)); err != nil {
		return err
	}
	return log.Put(hotPending, u64(0))
}

// pending reports how many intakes wait for the merge.
func (db *DB) pending() (uint64, error) {
	var n uint64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		n = getHot(tx.Bucket(bucketLog), hotPending)
		return nil
	})
	return n, err
}

// flush merges pending intakes, if any. Reads call it first. A read-only
// database cannot merge; its readers see materialised records only (Check
// reports the pending ones).
func (db *DB) flush() error {
	if db.readOnly {
		return nil
	}
	n, err := db.pending()
	if err != nil || n == 0 {
		return err
	}
	return db.bolt.Update(db.mergeTx)
}

// Flush merges pending intakes now (used before backups and by tests).
func (db *DB) Flush() error { return db.flush() }

// kickMerge asks the background merger to run soon.
func (db *DB) kickMerge() {
	if db.mergeKick == nil {
		return
	}
	select {
	case db.mergeKick <- struct{}{}:
	default:
	}
}

// merger runs merges after intakes until Close.
func (db *DB) merger() {
	defer close(db.mergeDone)
	for {
		select {
		case <-db.mergeStop:
			return
		case <-db.mergeKick:
		}
		t := time.NewTimer(mergeDelay)
		select {
		case <-db.mergeStop:
			t.Stop()
			return
		case <-t.C:
		}
		if err := db.flush(); err != nil {
			db.log.Error("background merge failed; reads will retry it", "err", err)
		}
	}
}
