package store

import (
	"bytes"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

// Day counters (the last code sequence or guidance number a desk issued on
// a day, per agency). The counters of the current day are hot keys in the
// log bucket ("mc/…", "mg/…"), beside the journal's tail and the other hot
// keys, so an intake dirties one leaf of one bucket. Earlier days' counters
// move to the counters bucket ("c/…", "g/…"): at open and at every merge
// (archiveCounters). Hundreds of past days left among the hot keys would
// spread an intake over three leaves. A counter's value is the larger of
// its hot and archived copies, so a hot key written for a past day (a
// restore's RaiseCounter, a clock set back) is never lost.

// counterKeys returns the hot and archived keys of a day counter.
func counterKeys(kind dossier.RecordKind, agency string, day time.Time) (hot, cold []byte, err error) {
	var prefix string
	switch kind {
	case dossier.KindDossier:
		prefix = hotCounter
	case dossier.KindGuidance:
		prefix = hotGuide
	default:
		return nil, nil, fmt.Errorf("day counter: unknown record kind %d", kind)
	}
	hot = []byte(prefix + agency + "/" + dossier.DayKey(day))
	return hot, hot[1:], nil
}

// readCounter returns a counter's value and whether it was ever written.
func readCounter(tx *bolt.Tx, hot, cold []byte) (uint64, bool) {
	h := tx.Bucket(bucketLog).Get(hot)
	var c []byte
	if cs := tx.Bucket(bucketCounters); cs != nil { // nil in a schema ≤ 3 file opened read-only
		c = cs.Get(cold)
	}
	return max(getU64(h), getU64(c)), h != nil || c != nil
}

// oldCounters lists the hot counter keys of days before today.
func oldCounters(tx *bolt.Tx, today time.Time) [][]byte {
	day := []byte(dossier.DayKey(today))
	var old [][]byte
	c := tx.Bucket(bucketLog).Cursor()
	for k, _ := c.Seek([]byte(hotCounter)); k != nil && (bytes.HasPrefix(k, []byte(hotCounter)) || bytes.HasPrefix(k, []byte(hotGuide))); k, _ = c.Next() {
		if len(k) >= len(day) && bytes.Compare(k[len(k)-len(day):], day) < 0 {
			old = append(old, append([]byte(nil), k...))
		}
	}
	return old
}

// archiveCounters moves the hot counters of days before today into the
// counters bucket, keeping the larger value. It returns how many moved.
func archiveCounters(tx *bolt.Tx, today time.Time) (int, error) {
	old := oldCounters(tx, today)
	if len(old) == 0 {
		return 0, nil
	}
	log, cs := tx.Bucket(bucketLog), tx.Bucket(bucketCounters)
	cs.FillPercent = appendFill
	for _, k := range old {
		v := max(getU64(log.Get(k)), getU64(cs.Get(k[1:])))
		if err := cs.Put(k[1:], u64(v)); err != nil {
			return 0, err
		}
		if err := log.Delete(k); err != nil {
			return 0, err
		}
	}
	return len(old), nil
}

// archiveOldCounters archives past days' hot counters when there are any
// (at open: a desk opened on a new day, a store filled by gen).
func (db *DB) archiveOldCounters() error {
	var n int
	if err := db.bolt.View(func(tx *bolt.Tx) error { n = len(oldCounters(tx, db.now())); return nil }); err != nil || n == 0 {
		return err
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		_, err := archiveCounters(tx, db.now())
		return err
	})
}
