package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/syncproto"
)

// The outbox holds every committed change as a syncproto event, appended in
// the same transaction as the change, keyed by a per-installation sequence
// that is never reused. Events leave the outbox when the hub acknowledges
// them, or move to the quarantine when the hub rejects them; a quarantined
// event never holds back the others.

// appendOutbox stores ev with the next sequence and returns it.
func (db *DB) appendOutbox(tx *bolt.Tx, ev *syncproto.Event) (uint64, error) {
	m := tx.Bucket(bucketMeta)
	seq := getU64(m.Get(metaLastSeq)) + 1
	ev.Seq = seq
	b, err := ev.Encode()
	if err != nil {
		return 0, fmt.Errorf("encode outbox event: %w", err)
	}
	if db.codec.sealer != nil {
		if b, err = db.codec.sealer.Seal(b); err != nil {
			return 0, fmt.Errorf("seal outbox event: %w", err)
		}
	}
	if err := tx.Bucket(bucketOutbox).Put(u64(seq), b); err != nil {
		return 0, err
	}
	return seq, m.Put(metaLastSeq, u64(seq))
}

// OutboxItem is a pending event as stored.
type OutboxItem struct {
	Seq uint64
	// Payload is the encoded syncproto event (decrypted).
	Payload []byte
}

func (db *DB) openPayload(v []byte) ([]byte, error) {
	b := append([]byte(nil), v...)
	if db.codec.sealer != nil {
		return db.codec.sealer.Open(b)
	}
	return b, nil
}

// Pending returns up to limit outbox events with sequence > after, in order.
func (db *DB) Pending(after uint64, limit int) ([]OutboxItem, error) {
	var out []OutboxItem
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.Seek(u64(after + 1)); k != nil && len(out) < limit; k, v = c.Next() {
			p, err := db.openPayload(v)
			if err != nil {
				return fmt.Errorf("outbox %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, OutboxItem{Seq: binary.BigEndian.Uint64(k), Payload: p})
		}
		return nil
	})
	return out, err
}

// OutboxStats summarises the sync state.
type OutboxStats struct {
	Pending     int    `json:"pending"`
	Quarantined int    `json:"quarantined"`
	LastSeq     uint64 `json:"last_seq"`
	Acked       uint64 `json:"acked"`
}

// OutboxStats counts pending and quarantined events (bucket statistics,
// not a scan).
func (db *DB) OutboxStats() (OutboxStats, error) {
	var s OutboxStats
	err := db.bolt.View(func(tx *bolt.Tx) error {
		s.Pending = tx.Bucket(bucketOutbox).Stats().KeyN
		s.Quarantined = tx.Bucket(bucketQuarantine).Stats().KeyN
		m := tx.Bucket(bucketMeta)
		s.LastSeq = getU64(m.Get(metaLastSeq))
		s.Acked = getU64(m.Get(metaOutboxAcked))
		return nil
	})
	return s, err
}

// Ack removes acknowledged events from the outbox (idempotent: unknown or
// already removed sequences are ignored).
func (db *DB) Ack(seqs []uint64) error {
	if len(seqs) == 0 {
		return nil
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		m := tx.Bucket(bucketMeta)
		max := getU64(m.Get(metaOutboxAcked))
		for _, s := range seqs {
			if err := b.Delete(u64(s)); err != nil {
				return err
			}
			if s > max {
				max = s
			}
		}
		return m.Put(metaOutboxAcked, u64(max))
	})
}

// Quarantined is an event the hub rejected.
type Quarantined struct {
	Seq      uint64    `json:"seq"`
	Reason   string    `json:"reason"`
	At       time.Time `json:"at"`
	Attempts int       `json:"attempts"`
	Payload  []byte    `json:"payload"`
}

// Quarantine moves an event from the outbox to the quarantine with the
// hub's reason.
func (db *DB) Quarantine(seq uint64, reason string) error {
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		ob := tx.Bucket(bucketOutbox)
		v := ob.Get(u64(seq))
		if v == nil {
			return nil
		}
		q := Quarantined{Seq: seq, Reason: reason, At: now, Attempts: 1, Payload: append([]byte(nil), v...)}
		qb := tx.Bucket(bucketQuarantine)
		if old := qb.Get(u64(seq)); old != nil {
			var prev Quarantined
			if json.Unmarshal(old, &prev) == nil {
				q.Attempts = prev.Attempts + 1
			}
		}
		enc, err := json.Marshal(q)
		if err != nil {
			return err
		}
		if err := qb.Put(u64(seq), enc); err != nil {
			return err
		}
		return ob.Delete(u64(seq))
	})
}

// QuarantineList returns the quarantined events (payload still sealed).
func (db *DB) QuarantineList() ([]Quarantined, error) {
	var out []Quarantined
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQuarantine).ForEach(func(k, v []byte) error {
			var q Quarantined
			if err := json.Unmarshal(v, &q); err != nil {
				return fmt.Errorf("quarantine %x: %w", k, err)
			}
			q.Payload = nil
			out = append(out, q)
			return nil
		})
	})
	return out, err
}

// ErrNotQuarantined is returned by Retry for an unknown sequence.
var ErrNotQuarantined = errors.New("event is not in the quarantine")

// Retry moves a quarantined event back to the outbox.
func (db *DB) Retry(seq uint64) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		qb := tx.Bucket(bucketQuarantine)
		v := qb.Get(u64(seq))
		if v == nil {
			return fmt.Errorf("sequence %d: %w", seq, ErrNotQuarantined)
		}
		var q Quarantined
		if err := json.Unmarshal(v, &q); err != nil {
			return err
		}
		if err := tx.Bucket(bucketOutbox).Put(u64(seq), q.Payload); err != nil {
			return err
		}
		return qb.Delete(u64(seq))
	})
	if err == nil && db.onCommit != nil {
		db.onCommit()
	}
	return err
}
