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

// The outbox is a view of the journal: every entry flagged flagOutbox is an
// event for the hub, keyed by its journal sequence (per installation, never
// reused). Its payload is rebuilt when sent from the dossier's history
// (dossier.AsOf), so it is identical on every retry.
//
// State: the watermark "macked" (every outbox event ≤ it is acknowledged or
// quarantined), the acks bucket (acknowledged above the watermark), the
// quarantine (rejected by the hub, shown to people, never blocking the
// rest) and the retry bucket (released from the quarantine to send again).

// Pending returns up to limit outbox events to send with sequence > after:
// retried events first, then the journal after the watermark, in order.
func (db *DB) Pending(after uint64, limit int) ([]syncproto.OutboxItem, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var out []syncproto.OutboxItem
	err := db.bolt.View(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketLog)
		acks, quar, retry := tx.Bucket(bucketAcks), tx.Bucket(bucketQuarantine), tx.Bucket(bucketRetry)
		emit := func(seq uint64, v []byte) error {
			item, err := db.outboxItem(tx, seq, v)
			if err != nil {
				return err
			}
			out = append(out, item)
			return nil
		}
		rc := retry.Cursor()
		for k, _ := rc.Seek(u64(after + 1)); k != nil && len(out) < limit; k, _ = rc.Next() {
			seq := binary.BigEndian.Uint64(k)
			if err := emit(seq, log.Get(journalKey(seq))); err != nil {
				return err
			}
		}
		from := max(after, getHot(log, hotAcked)) + 1
		c := log.Cursor()
		for k, v := c.Seek(journalKey(from)); k != nil && k[0] == 'j' && len(out) < limit; k, v = c.Next() {
			if len(v) < 2 || v[1]&flagOutbox == 0 {
				continue
			}
			sk := k[1:]
			if acks.Get(sk) != nil || quar.Get(sk) != nil || retry.Get(sk) != nil {
				continue
			}
			if err := emit(binary.BigEndian.Uint64(sk), v); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// outboxItem rebuilds the event of a journal entry.
func (db *DB) outboxItem(tx *bolt.Tx, seq uint64, v []byte) (syncproto.OutboxItem, error) {
	if v == nil {
		return syncproto.OutboxItem{}, fmt.Errorf("outbox %d: journal entry missing", seq)
	}
	e, err := decodeEntry(seq, v)
	if err != nil {
		return syncproto.OutboxItem{}, err
	}
	ev := syncproto.Event{Seq: seq, At: e.at, Change: e.action}
	switch {
	case e.flags&flagRef != 0:
		d, err := db.getByID(tx, e.id)
		if err != nil {
			return syncproto.OutboxItem{}, fmt.Errorf("outbox %d: %w", seq, err)
		}
		if e.index >= len(d.History) {
			return syncproto.OutboxItem{}, fmt.Errorf("outbox %d: dossier %d has no event %d", seq, e.id, e.index)
		}
		snap := d.AsOf(e.index)
		h := snap.History[e.index]
		ev.Kind = syncproto.KindDossier
		ev.At = h.At
		ev.Change = string(h.Kind)
		ev.Code = recordCode(snap)
		ev.Dossier = snap
	case e.flags&flagData != 0:
		ev.Kind = e.action
		ev.Code = e.object
		ev.Data = json.RawMessage(e.data)
	default:
		return syncproto.OutboxItem{}, fmt.Errorf("outbox %d: entry carries no event", seq)
	}
	b, err := ev.Encode()
	if err != nil {
		return syncproto.OutboxItem{}, err
	}
	return syncproto.OutboxItem{Seq: seq, Payload: b}, nil
}

// AppendEvent journals a non-dossier outbox event (e.g. a daily close) with
// its audit entry, in one transaction. kind is a syncproto kind, object the
// subject (a day), data a JSON document.
func (db *DB) AppendEvent(kind, object string, data []byte, a Audit) (uint64, error) {
	now := db.now()
	var seq uint64
	a.Action = kind
	a.Object = object
	err := db.update(func(tx *bolt.Tx) error {
		var err error
		seq, err = appendEntry(tx, now, newEntry{audit: a, flags: flagOutbox | flagData, data: data})
		return err
	})
	return seq, err
}

// OutboxStats summarises the sync state.
type OutboxStats = syncproto.OutboxStats

// OutboxStats reads the counters (constant time).
func (db *DB) OutboxStats() (OutboxStats, error) {
	var s OutboxStats
	err := db.bolt.View(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketLog)
		s.Quarantined = tx.Bucket(bucketQuarantine).Stats().KeyN
		s.LastSeq, _ = head(log)
		s.Acked = getHot(log, hotAckN)
		s.Pending = int(getHot(log, hotOutN)-s.Acked) - s.Quarantined
		return nil
	})
	return s, err
}

// isOutboxPending reports whether seq is an outbox event not yet
// acknowledged or quarantined.
func isOutboxPending(tx *bolt.Tx, seq uint64) bool {
	log := tx.Bucket(bucketLog)
	k := u64(seq)
	if tx.Bucket(bucketRetry).Get(k) != nil {
		return true
	}
	if seq <= getHot(log, hotAcked) || tx.Bucket(bucketAcks).Get(k) != nil || tx.Bucket(bucketQuarantine).Get(k) != nil {
		return false
	}
	v := log.Get(journalKey(seq))
	return len(v) >= 2 && v[1]&flagOutbox != 0
}

// Ack records the hub's acknowledgements (idempotent: unknown or already
// acknowledged sequences are ignored) and moves the watermark.
func (db *DB) Ack(seqs []uint64) error {
	if len(seqs) == 0 {
		return nil
	}
	return db.bolt.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketLog)
		acks, retry := tx.Bucket(bucketAcks), tx.Bucket(bucketRetry)
		for _, s := range seqs {
			if !isOutboxPending(tx, s) {
				continue
			}
			if retry.Get(u64(s)) != nil {
				if err := retry.Delete(u64(s)); err != nil {
					return err
				}
			}
			if s > getHot(log, hotAcked) {
				if err := acks.Put(u64(s), []byte{}); err != nil {
					return err
				}
			}
			if err := addHot(log, hotAckN, 1); err != nil {
				return err
			}
		}
		return advanceWatermark(tx)
	})
}

// advanceWatermark moves "macked" over every entry that is not an outbox
// event, is acknowledged (dropping its acks key) or is quarantined.
func advanceWatermark(tx *bolt.Tx) error {
	log := tx.Bucket(bucketLog)
	acks, quar := tx.Bucket(bucketAcks), tx.Bucket(bucketQuarantine)
	w := getHot(log, hotAcked)
	c := log.Cursor()
	for k, v := c.Seek(journalKey(w + 1)); k != nil && k[0] == 'j'; k, v = c.Next() {
		sk := k[1:]
		switch {
		case len(v) >= 2 && v[1]&flagOutbox == 0:
		case acks.Get(sk) != nil:
			if err := acks.Delete(sk); err != nil {
				return err
			}
		case quar.Get(sk) != nil:
		default:
			return log.Put(hotAcked, u64(w))
		}
		w = binary.BigEndian.Uint64(sk)
	}
	return log.Put(hotAcked, u64(w))
}

// Quarantined is an event the hub rejected.
type Quarantined struct {
	Seq      uint64    `json:"seq"`
	Reason   string    `json:"reason"`
	At       time.Time `json:"at"`
	Attempts int       `json:"attempts"`
}

// Quarantine moves a pending event to the quarantine with the hub's reason.
func (db *DB) Quarantine(seq uint64, reason string) error {
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		if !isOutboxPending(tx, seq) {
			return nil
		}
		q := Quarantined{Seq: seq, Reason: reason, At: now, Attempts: 1}
		if old := tx.Bucket(bucketRetry).Get(u64(seq)); old != nil {
			var prev Quarantined
			if json.Unmarshal(old, &prev) == nil && prev.Attempts > 0 {
				q.Attempts = prev.Attempts + 1
			}
			if err := tx.Bucket(bucketRetry).Delete(u64(seq)); err != nil {
				return err
			}
		}
		enc, err := json.Marshal(q)
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketQuarantine).Put(u64(seq), enc); err != nil {
			return err
		}
		return advanceWatermark(tx)
	})
}

// QuarantineList returns the quarantined events.
func (db *DB) QuarantineList() ([]Quarantined, error) {
	var out []Quarantined
	err := db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketQuarantine).ForEach(func(k, v []byte) error {
			var q Quarantined
			if err := json.Unmarshal(v, &q); err != nil {
				return fmt.Errorf("quarantine %x: %w", k, err)
			}
			out = append(out, q)
			return nil
		})
	})
	return out, err
}

// ErrNotQuarantined is returned by Retry for an unknown sequence.
var ErrNotQuarantined = errors.New("event is not in the quarantine")

// Retry releases a quarantined event to be sent again. The retry record
// keeps the attempt count.
func (db *DB) Retry(seq uint64) error {
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		qb := tx.Bucket(bucketQuarantine)
		v := qb.Get(u64(seq))
		if v == nil {
			return fmt.Errorf("sequence %d: %w", seq, ErrNotQuarantined)
		}
		if err := tx.Bucket(bucketRetry).Put(u64(seq), append([]byte(nil), v...)); err != nil {
			return err
		}
		return qb.Delete(u64(seq))
	})
	if err == nil && db.onCommit != nil {
		db.onCommit()
	}
	return err
}
