package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
	"motcua/syncproto"
)

// Daily close records (days bucket): yyyymmdd(4B) → JSON (report.DayClose).
// Closing a day and amending a closed day each append one journal entry
// that is also an outbox event (syncproto.KindDayClosed) carrying the
// record, so the day's sign-off and its audit chain head reach the hub.

// DayClose decodes the close record of day into v.
func (db *DB) DayClose(day time.Time, v any) (bool, error) {
	var found bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketDays).Get(dayKey(day))
		if b == nil {
			return nil
		}
		found = true
		return json.Unmarshal(b, v)
	})
	return found, err
}

// IsClosed reports whether day has been closed.
func (db *DB) IsClosed(day time.Time) (bool, error) {
	var closed bool
	err := db.bolt.View(func(tx *bolt.Tx) error {
		closed = tx.Bucket(bucketDays).Get(dayKey(day)) != nil
		return nil
	})
	return closed, err
}

// PutDayClose stores the close record of day in one transaction with its
// journal entry (audit + outbox). A day is closed once: a second close is
// a conflict; amend replaces the record of a closed day (the record itself
// keeps the amendment history).
func (db *DB) PutDayClose(day time.Time, v any, amend bool, a Audit) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	now := db.now()
	k := dayKey(day)
	return db.update(func(tx *bolt.Tx) error {
		days := tx.Bucket(bucketDays)
		exists := days.Get(k) != nil
		switch {
		case exists && !amend:
			return dossier.Errorf(dossier.KindConflict, "day", "%s is already closed; change it through an amendment", day.In(dossier.Zone).Format("2006-01-02"))
		case !exists && amend:
			return dossier.Errorf(dossier.KindConflict, "day", "%s is not closed; close it first", day.In(dossier.Zone).Format("2006-01-02"))
		}
		if err := days.Put(k, b); err != nil {
			return err
		}
		// The journal action is the outbox event kind the hub knows.
		a.Object = day.In(dossier.Zone).Format("2006-01-02")
		a.Action = syncproto.KindDayClosed
		if amend {
			a.Detail = "amendment: " + a.Detail
		}
		_, err := appendEntry(tx, now, newEntry{audit: a, flags: flagOutbox | flagData, data: b})
		return err
	})
}

// ClosedDays lists the closed days in [from, to].
func (db *DB) ClosedDays(from, to time.Time) ([]time.Time, error) {
	var out []time.Time
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDays).Cursor()
		end := dayKey(to)
		for k, _ := c.Seek(dayKey(from)); k != nil && string(k) <= string(end); k, _ = c.Next() {
			out = append(out, dayFromKey(k))
		}
		return nil
	})
	return out, err
}
