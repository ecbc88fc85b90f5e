package store

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
	"motcua/vntext"
)

// Fill percents (bbolt splits a page when it passes this share; its default
// is 0.5). Buckets written in key order — the journal, codes, receipt days —
// use 1.0: appends fill pages completely. Records use 1.0 when bulk-loaded
// (generated history, which does not change) and 0.9 for live intakes,
// which grow as events are added. Status and name indexes receive keys in
// id order within each prefix (a status, a common name word), so 0.8; the
// owner and phone tokens are uniformly random and keep bbolt's 0.5.
const (
	appendFill = 1.0
	recordFill = 0.9
	prefixFill = 0.8
)

// setFill applies the fill percents to the buckets of a write transaction.
func setFill(tx *bolt.Tx, records float64) {
	for _, b := range [][]byte{bucketLog, bucketCodes, bucketByDay} {
		tx.Bucket(b).FillPercent = appendFill
	}
	tx.Bucket(bucketDossiers).FillPercent = records
	for _, b := range [][]byte{bucketByStatus, bucketByName, bucketByDue, bucketByFinished} {
		tx.Bucket(b).FillPercent = prefixFill
	}
}

// ErrNotFound is returned for an unknown dossier code or id.
var ErrNotFound = dossier.Errorf(dossier.KindNotFound, "code", "no such dossier")

func notFound(code string) error {
	return dossier.Errorf(dossier.KindNotFound, "code", "no dossier with code %q", code)
}

// guidancePrefix distinguishes guidance numbers from dossier codes in the
// codes bucket.
const guidancePrefix = "HD:"

// CreateDossier stores a new record in ONE write transaction: it allocates
// the id and — for a dossier — the code from the desk's day counter under
// scheme (for a guidance record, a guidance number from the same slot
// block), and appends one journal entry that is at once the audit entry,
// the outbox event and the record itself. The record's index entries are
// derived from it and materialised by the merge (see merge.go) right after
// the commit; every read merges first, so readers never see a partial
// state. An intake therefore dirties the journal's last leaf (plus the
// bucket roots), which keeps it close to a bare single-key commit.
//
// d must carry its creation event as the only history entry (received,
// refused or guidance). On success d.ID and d.Code (or d.GuidanceNo) are
// set; on error d is unchanged.
func (db *DB) CreateDossier(d *dossier.Dossier, scheme dossier.CodeScheme) error {
	if len(d.History) != 1 {
		return fmt.Errorf("create dossier: want exactly the creation event in the history, got %d events", len(d.History))
	}
	if err := scheme.Validate(); err != nil {
		return fmt.Errorf("desk code scheme: %w", err)
	}
	rec := *d
	now := db.now()
	err := db.update(func(tx *bolt.Tx) error {
		setFill(tx, recordFill)
		if err := db.createInTx(tx, &rec, scheme, now, true, false); err != nil {
			return err
		}
		if db.mergeInline {
			return db.mergeTx(tx)
		}
		return nil
	})
	if err != nil {
		return err
	}
	*d = rec
	db.kickMerge()
	return nil
}

// allocate assigns id and code (or guidance number) to rec.
func allocate(tx *bolt.Tx, rec *dossier.Dossier, scheme dossier.CodeScheme) ([]byte, error) {
	ds := tx.Bucket(bucketDossiers)
	id, err := ds.NextSequence()
	if err != nil {
		return nil, err
	}
	rec.ID = id
	hot, cold, err := counterKeys(rec.Kind, scheme.Agency, rec.ReceivedAt)
	if err != nil {
		return nil, fmt.Errorf("create dossier: %w", err)
	}
	last, _ := readCounter(tx, hot, cold)
	seq, err := scheme.Next(int(last))
	if err != nil {
		return nil, err
	}
	var codeKey []byte
	if rec.Kind == dossier.KindDossier {
		rec.Code = scheme.Format(rec.ReceivedAt, seq)
		codeKey = []byte(rec.Code)
	} else {
		rec.GuidanceNo = "HD-" + rec.ReceivedAt.In(dossier.Zone).Format("060102") + fmt.Sprintf("-%0*d", scheme.SeqWidth, seq)
		codeKey = []byte(guidancePrefix + rec.GuidanceNo)
	}
	// A code is issued once, ever: a clash with a materialised code means
	// the counter went back (a restore, a clock set back past the counter's
	// retention); refuse rather than reissue.
	if tx.Bucket(bucketCodes).Get(codeKey) != nil {
		return nil, dossier.Errorf(dossier.KindConflict, "code", "code %s was already issued on this desk; the day counter is behind (was the database restored or the clock set back?) — run \"motcuactl check\"", codeKey)
	}
	return codeKey, tx.Bucket(bucketLog).Put(hot, u64(uint64(seq)))
}

// createInTx allocates id and code for rec and journals it. With
// materialise the record and its indexes are written at once (bulk
// generation); otherwise the record rides in the journal entry until the
// merge. Every history event of rec gets its own journal entry (one for a
// live intake).
func (db *DB) createInTx(tx *bolt.Tx, rec *dossier.Dossier, scheme dossier.CodeScheme, now time.Time, outbox, materialise bool) error {
	codeKey, err := allocate(tx, rec, scheme)
	if err != nil {
		return err
	}
	raw, err := db.codec.encode(rec, db.dict(tx))
	if err != nil {
		return err
	}
	digest := sha256.Sum256(raw)
	for i := range rec.History {
		ev := &rec.History[i]
		e := newEntry{audit: Audit{Actor: ev.Actor, Action: auditAction(ev), Detail: auditDetail(rec, ev)}, flags: flagRef, id: rec.ID, index: i}
		if outbox {
			e.flags |= flagOutbox
		}
		if i == 0 {
			e.flags |= flagDigest
			e.digest = digest[:]
			if !materialise {
				e.flags |= flagPayload
				e.payload = raw
			}
		}
		if _, err := appendEntry(tx, now, e); err != nil {
			return err
		}
	}
	if materialise {
		if err := tx.Bucket(bucketDossiers).Put(u64(rec.ID), raw); err != nil {
			return err
		}
		if err := tx.Bucket(bucketCodes).Put(codeKey, u64(rec.ID)); err != nil {
			return err
		}
		return db.moveIndexes(tx, nil, rec, raw)
	}
	return addHot(tx.Bucket(bucketLog), hotPending, 1)
}

// auditDetail is the short, non-personal detail of a dossier event.
func auditDetail(d *dossier.Dossier, ev *dossier.Event) string {
	switch ev.Kind {
	case dossier.EvAmended:
		return "field " + ev.Amend.Field
	case dossier.EvExtended:
		return "approved by " + ev.Approver
	case dossier.EvReceived:
		if d.Override != nil {
			return "missing components overridden by " + d.Override.By
		}
	}
	return ""
}

// BulkOptions tune BulkCreate.
type BulkOptions struct {
	// Outbox queues the records for sync; generated demo and benchmark data
	// is normally not sent anywhere.
	Outbox bool
}

// BulkCreate stores many new records in ONE transaction with the same
// rules as CreateDossier, materialised at once (used by "motcuactl gen").
// Records may carry a whole history; each event gets its journal entry.
// Records must be in receipt order per day for codes to follow it. Every
// record's ID and Code are set on success.
func (db *DB) BulkCreate(ds []*dossier.Dossier, scheme dossier.CodeScheme, opt BulkOptions) error {
	if err := scheme.Validate(); err != nil {
		return fmt.Errorf("desk code scheme: %w", err)
	}
	if err := db.flush(); err != nil {
		return err
	}
	recs := make([]dossier.Dossier, len(ds))
	now := db.now()
	err := db.update(func(tx *bolt.Tx) error {
		setFill(tx, appendFill)
		for i, d := range ds {
			if len(d.History) == 0 {
				return fmt.Errorf("bulk create: record %d has no creation event", i)
			}
			recs[i] = *d
			if err := db.createInTx(tx, &recs[i], scheme, now, opt.Outbox, true); err != nil {
				return fmt.Errorf("bulk create: record %d: %w", i, err)
			}
		}
		_, err := archiveCounters(tx, now)
		return err
	})
	if err != nil {
		return err
	}
	for i := range ds {
		*ds[i] = recs[i]
	}
	return nil
}

func recordCode(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return d.GuidanceNo
	}
	return string(d.Code)
}

// UpdateDossier loads a dossier by code, lets fn change it (normally by
// applying one or more events with Dossier.Apply) and stores the result
// with its index changes and one journal entry (audit + outbox) per new
// history event, in ONE write transaction. If fn returns an error nothing
// changes.
func (db *DB) UpdateDossier(code string, fn func(d *dossier.Dossier) error) (*dossier.Dossier, error) {
	var out *dossier.Dossier
	now := db.now()
	err := db.update(func(tx *bolt.Tx) error {
		if err := db.mergeTx(tx); err != nil {
			return err
		}
		setFill(tx, recordFill)
		id, err := lookupCode(tx, code)
		if err != nil {
			return err
		}
		old, err := db.getByID(tx, id)
		if err != nil {
			return err
		}
		d := old.Clone()
		before := len(d.History)
		if err := fn(d); err != nil {
			return err
		}
		if d.ID != old.ID || d.Code != old.Code || d.GuidanceNo != old.GuidanceNo || d.Kind != old.Kind {
			return fmt.Errorf("update dossier %s: the identity of a dossier cannot change", code)
		}
		if len(d.History) < before {
			return fmt.Errorf("update dossier %s: history is append-only", code)
		}
		if len(d.History) == before {
			out = d
			return nil // nothing happened
		}
		raw, err := db.codec.encode(d, db.dict(tx))
		if err != nil {
			return err
		}
		if err := tx.Bucket(bucketDossiers).Put(u64(d.ID), raw); err != nil {
			return err
		}
		if err := db.moveIndexes(tx, old, d, raw); err != nil {
			return err
		}
		for i := before; i < len(d.History); i++ {
			ev := &d.History[i]
			e := newEntry{audit: Audit{Actor: ev.Actor, Action: auditAction(ev), Detail: auditDetail(d, ev)}, flags: flagRef | flagOutbox, id: d.ID, index: i}
			if _, err := appendEntry(tx, now, e); err != nil {
				return err
			}
		}
		out = d
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Dossier returns the dossier (or guidance record) with the given code.
func (db *DB) Dossier(code string) (*dossier.Dossier, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var d *dossier.Dossier
	err := db.bolt.View(func(tx *bolt.Tx) error {
		id, err := lookupCode(tx, code)
		if err != nil {
			return err
		}
		d, err = db.getByID(tx, id)
		return err
	})
	return d, err
}

// DossierByID returns the record with the internal id.
func (db *DB) DossierByID(id uint64) (*dossier.Dossier, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var d *dossier.Dossier
	err := db.bolt.View(func(tx *bolt.Tx) error {
		var err error
		d, err = db.getByID(tx, id)
		return err
	})
	return d, err
}

func lookupCode(tx *bolt.Tx, code string) (uint64, error) {
	code = strings.TrimSpace(code)
	codes := tx.Bucket(bucketCodes)
	v := codes.Get([]byte(code))
	if v == nil && strings.HasPrefix(code, "HD-") {
		v = codes.Get([]byte(guidancePrefix + code))
	}
	if v == nil {
		return 0, notFound(code)
	}
	return getU64(v), nil
}

func (db *DB) getByID(tx *bolt.Tx, id uint64) (*dossier.Dossier, error) {
	v := tx.Bucket(bucketDossiers).Get(u64(id))
	if v == nil {
		return nil, dossier.Errorf(dossier.KindNotFound, "id", "no dossier with id %d", id)
	}
	d, err := db.codec.decode(v, db.dict(tx))
	if err != nil {
		return nil, fmt.Errorf("dossier %d: %w", id, err)
	}
	return d, nil
}

// moveIndexes moves d's index entries from old's (nil for a new record);
// raw is d's encoded record, whose facts block is the value of its by_due
// entry (rewritten at every change: the facts change with the status).
func (db *DB) moveIndexes(tx *bolt.Tx, old, d *dossier.Dossier, raw []byte) error {
	var oldKeys []indexKey
	if old != nil {
		oldKeys = db.indexKeys(old)
	}
	newKeys := db.indexKeys(d)
	for _, k := range oldKeys {
		if !containsKey(newKeys, k) {
			if err := tx.Bucket(k.bucket).Delete(k.key); err != nil {
				return err
			}
		}
	}
	for _, k := range newKeys {
		switch {
		case bytes.Equal(k.bucket, bucketByDue):
			fb, _, err := splitRecord(raw)
			if err != nil {
				return fmt.Errorf("index dossier %d: %w", d.ID, err)
			}
			if err := tx.Bucket(k.bucket).Put(k.key, fb); err != nil {
				return err
			}
		case !containsKey(oldKeys, k):
			if err := tx.Bucket(k.bucket).Put(k.key, []byte{}); err != nil {
				return err
			}
		}
	}
	return nil
}

type indexKey struct {
	bucket []byte
	key    []byte
}

func containsKey(ks []indexKey, k indexKey) bool {
	for _, x := range ks {
		if bytes.Equal(x.bucket, k.bucket) && bytes.Equal(x.key, k.key) {
			return true
		}
	}
	return false
}

// indexKeys lists every index entry of d.
func (db *DB) indexKeys(d *dossier.Dossier) []indexKey {
	id := u64(d.ID)
	with := func(prefix []byte) []byte { return append(prefix, id...) }
	ks := []indexKey{
		{bucketByDay, with(dayKey(d.ReceivedAt))},
		{bucketByStatus, with([]byte{byte(d.Status)})},
	}
	if d.Status.Open() && !d.Appointment.IsZero() {
		ks = append(ks, indexKey{bucketByDue, with(u64(uint64(d.Appointment.Unix())))})
	}
	if !d.FinishedAt.IsZero() {
		ks = append(ks, indexKey{bucketByFinished, with(u64(uint64(d.FinishedAt.Unix())))})
	}
	add := func(b []byte, kind, v string) {
		k := indexKey{b, with(db.token(kind, v))}
		if !containsKey(ks, k) {
			ks = append(ks, k)
		}
	}
	for _, p := range []*dossier.Party{&d.Submitter, d.Owner} {
		if p == nil {
			continue
		}
		if p.IDNumber != "" {
			add(bucketByOwner, "id", p.IDNumber)
		}
		if p.TaxCode != "" {
			add(bucketByOwner, "id", p.TaxCode)
		}
		if ph := phoneDigits(p.Phone); ph != "" {
			add(bucketByPhone, "phone", ph)
		}
		for _, w := range strings.Fields(vntext.Fold(p.Name)) {
			add(bucketByName, "name", w)
		}
	}
	return ks
}

// token is the keyed hash (first 8 bytes of HMAC-SHA-256) of a personal
// value, so index keys never hold personal data in clear.
func (db *DB) token(kind, v string) []byte {
	m := hmac.New(sha256.New, db.indexKey)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(v))
	return m.Sum(nil)[:8]
}

// phoneDigits normalises a phone number to its national digits
// (+84 912… → 0912…).
func phoneDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	d := b.String()
	if strings.HasPrefix(strings.TrimSpace(s), "+84") {
		d = "0" + d[2:]
	}
	return d
}

// ListOptions filter ListDay and similar listings.
type ListOptions struct {
	Limit int
	// After continues a listing after this id (0 = from the start).
	After uint64
}

// DayFacts calls fn with the facts of every record received on day, in id
// order, without decoding bodies.
func (db *DB) DayFacts(day time.Time, fn func(f Facts) error) error {
	fn, done := db.counted(fn)
	defer done()
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		return db.factsInDays(tx, day, day, fn)
	})
}

// RangeFacts calls fn with the facts of every record received on days
// from..to (inclusive, calendar days in Zone).
func (db *DB) RangeFacts(from, to time.Time, fn func(f Facts) error) error {
	fn, done := db.counted(fn)
	defer done()
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		return db.factsInDays(tx, from, to, fn)
	})
}

func (db *DB) factsInDays(tx *bolt.Tx, from, to time.Time, fn func(f Facts) error) error {
	intern := map[string]string{}
	ds := tx.Bucket(bucketDossiers)
	c := tx.Bucket(bucketByDay).Cursor()
	end := dayKey(to)
	for k, _ := c.Seek(dayKey(from)); k != nil && bytes.Compare(k[:4], end) <= 0; k, _ = c.Next() {
		v := ds.Get(k[4:])
		if v == nil {
			return fmt.Errorf("index by_day names missing dossier %d", binary.BigEndian.Uint64(k[4:]))
		}
		f, err := decodeFactsInterned(v, intern)
		if err != nil {
			return fmt.Errorf("dossier %d: %w", binary.BigEndian.Uint64(k[4:]), err)
		}
		if err := fn(f); err != nil {
			return err
		}
	}
	return nil
}

// AllFacts calls fn with the facts of every record in id order.
func (db *DB) AllFacts(fn func(f Facts) error) error {
	fn, done := db.counted(fn)
	defer done()
	intern := map[string]string{}
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketDossiers).ForEach(func(k, v []byte) error {
			f, err := decodeFactsInterned(v, intern)
			if err != nil {
				return fmt.Errorf("dossier %d: %w", binary.BigEndian.Uint64(k), err)
			}
			return fn(f)
		})
	})
}

// ListDay returns the records received on day in id order.
func (db *DB) ListDay(day time.Time, opt ListOptions) ([]*dossier.Dossier, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var out []*dossier.Dossier
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByDay).Cursor()
		dk := dayKey(day)
		start := append(append([]byte(nil), dk...), u64(opt.After+1)...)
		for k, _ := c.Seek(start); k != nil && bytes.HasPrefix(k, dk); k, _ = c.Next() {
			if opt.Limit > 0 && len(out) >= opt.Limit {
				break
			}
			d, err := db.getByID(tx, binary.BigEndian.Uint64(k[4:]))
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// Recent returns up to limit records, newest first.
func (db *DB) Recent(limit int) ([]*dossier.Dossier, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var out []*dossier.Dossier
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketDossiers).Cursor()
		for k, v := c.Last(); k != nil && len(out) < limit; k, v = c.Prev() {
			d, err := db.codec.decode(v, db.dict(tx))
			if err != nil {
				return fmt.Errorf("dossier %d: %w", binary.BigEndian.Uint64(k), err)
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// ByStatus returns the ids of records in a status, in id order, after the
// given id, at most limit (0 = all).
func (db *DB) ByStatus(s dossier.Status, after uint64, limit int) ([]uint64, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var out []uint64
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByStatus).Cursor()
		p := []byte{byte(s)}
		for k, _ := c.Seek(append([]byte{byte(s)}, u64(after+1)...)); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			if limit > 0 && len(out) >= limit {
				break
			}
			out = append(out, binary.BigEndian.Uint64(k[1:]))
		}
		return nil
	})
	return out, err
}

// CountByStatus returns the number of records per status by walking the
// status index keys (no record is decoded).
func (db *DB) CountByStatus() (map[dossier.Status]int, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	out := map[dossier.Status]int{}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketByStatus).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			out[dossier.Status(k[0])]++
		}
		return nil
	})
	return out, err
}

// DueBetween calls fn with the facts of open dossiers whose appointment is
// in [from, to), earliest first.
//
// The entries carry the records' facts blocks, so this reads the index
// alone: the overdue tile of every dashboard asks for all open dossiers
// due before now, thousands of records scattered over the whole file.
func (db *DB) DueBetween(from, to time.Time, fn func(f Facts) error) error {
	intern := map[string]string{}
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		ds := tx.Bucket(bucketDossiers)
		c := tx.Bucket(bucketByDue).Cursor()
		end := u64(uint64(to.Unix()))
		for k, v := c.Seek(u64(uint64(max(from.Unix(), 0)))); k != nil && bytes.Compare(k[:8], end) < 0; k, v = c.Next() {
			if len(v) == 0 {
				// A file of schema ≤ 2 opened read-only (no migration):
				// the entry has no facts yet; read the record.
				rec := ds.Get(k[8:])
				if rec == nil {
					return fmt.Errorf("index by_due names missing dossier %d", binary.BigEndian.Uint64(k[8:]))
				}
				var err error
				if v, _, err = splitRecord(rec); err != nil {
					return fmt.Errorf("dossier %d: %w", binary.BigEndian.Uint64(k[8:]), err)
				}
			}
			dec := decoder{b: v, intern: intern}
			f, _ := decodeFacts(&dec)
			if dec.err != nil {
				return fmt.Errorf("index by_due: entry of dossier %d: %w", binary.BigEndian.Uint64(k[8:]), dec.err)
			}
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// releaseAfter is how many records a read may touch before the mapped
// pages are handed back to the kernel (mmap_linux.go).
const releaseAfter = 512

// counted wraps fn to count the records it sees; done releases the mapped
// pages when the scan touched many.
func (db *DB) counted(fn func(Facts) error) (func(Facts) error, func()) {
	n := 0
	return func(f Facts) error {
			n++
			return fn(f)
		}, func() {
			if n >= releaseAfter {
				db.releaseMapped()
			}
		}
}

// FinishedFacts calls fn with the facts of records whose processing ended
// in [from, to), in end order.
func (db *DB) FinishedFacts(from, to time.Time, fn func(f Facts) error) error {
	fn, done := db.counted(fn)
	defer done()
	return db.timeIndexFacts(bucketByFinished, from, to, fn)
}

// StatusFacts calls fn with the facts of every record in a status, in id
// order.
func (db *DB) StatusFacts(s dossier.Status, fn func(f Facts) error) error {
	fn, done := db.counted(fn)
	defer done()
	intern := map[string]string{}
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		ds := tx.Bucket(bucketDossiers)
		c := tx.Bucket(bucketByStatus).Cursor()
		p := []byte{byte(s)}
		for k, _ := c.Seek(p); k != nil && k[0] == byte(s); k, _ = c.Next() {
			f, err := decodeFactsInterned(ds.Get(k[1:]), intern)
			if err != nil {
				return fmt.Errorf("dossier %d: %w", binary.BigEndian.Uint64(k[1:]), err)
			}
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
}

func (db *DB) timeIndexFacts(bucket []byte, from, to time.Time, fn func(f Facts) error) error {
	intern := map[string]string{}
	if err := db.flush(); err != nil {
		return err
	}
	return db.bolt.View(func(tx *bolt.Tx) error {
		ds := tx.Bucket(bucketDossiers)
		c := tx.Bucket(bucket).Cursor()
		end := u64(uint64(max(to.Unix(), 0)))
		for k, _ := c.Seek(u64(uint64(max(from.Unix(), 0)))); k != nil && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
			v := ds.Get(k[8:])
			if v == nil {
				return fmt.Errorf("index %s names missing dossier %d", bucket, binary.BigEndian.Uint64(k[8:]))
			}
			f, err := decodeFactsInterned(v, intern)
			if err != nil {
				return err
			}
			if err := fn(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// Query is a lookup by a personal value or a name.
type Query = dossier.Query

// Find returns records matching q, newest first.
func (db *DB) Find(q Query) ([]*dossier.Dossier, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	var sets [][]uint64
	var out []*dossier.Dossier
	err := db.bolt.View(func(tx *bolt.Tx) error {
		if q.IDNumber != "" {
			sets = append(sets, idsWithPrefix(tx, bucketByOwner, db.token("id", strings.TrimSpace(q.IDNumber))))
		}
		if q.Phone != "" {
			sets = append(sets, idsWithPrefix(tx, bucketByPhone, db.token("phone", phoneDigits(q.Phone))))
		}
		for _, w := range strings.Fields(vntext.Fold(q.Name)) {
			sets = append(sets, idsWithPrefix(tx, bucketByName, db.token("name", w)))
		}
		if len(sets) == 0 {
			return nil
		}
		ids := intersect(sets)
		for i := len(ids) - 1; i >= 0 && len(out) < q.Limit; i-- {
			d, err := db.getByID(tx, ids[i])
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

func idsWithPrefix(tx *bolt.Tx, bucket, prefix []byte) []uint64 {
	var out []uint64
	c := tx.Bucket(bucket).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		out = append(out, binary.BigEndian.Uint64(k[len(prefix):]))
	}
	return out
}

// intersect returns ids present in every (sorted) set.
func intersect(sets [][]uint64) []uint64 {
	out := sets[0]
	for _, s := range sets[1:] {
		var next []uint64
		i, j := 0, 0
		for i < len(out) && j < len(s) {
			switch {
			case out[i] == s[j]:
				next = append(next, out[i])
				i++
				j++
			case out[i] < s[j]:
				i++
			default:
				j++
			}
		}
		out = next
	}
	return out
}

// RaiseCounter makes sure the day counter of a code's agency and day is at
// least the code's sequence, so the code is never issued again. After a
// restore from an older backup, the operator enters the last code printed
// on the restored days (from the paper receipts or the tracking book).
func (db *DB) RaiseCounter(code string, a Audit) (bool, error) {
	raised, err := db.RaiseCounters([]string{code}, a)
	return len(raised) > 0, err
}

// RaiseCounters raises the day counters past every code given, in one
// transaction with an audit entry per raised counter, and returns the codes
// that raised one. A code already at or below its counter changes nothing,
// and when none is above, nothing is written. The sync worker passes the
// hub's code floors (syncproto.PullResponse.CodeFloors). Any malformed
// code fails the whole call.
func (db *DB) RaiseCounters(codes []string, a Audit) ([]string, error) {
	type raise struct {
		code      string
		hot, cold []byte
		seq       uint64
	}
	var all []raise
	for _, code := range codes {
		agency, day, seq, err := dossier.ParseCode(code)
		if err != nil {
			return nil, err
		}
		hot, cold, err := counterKeys(dossier.KindDossier, agency, day)
		if err != nil {
			return nil, err
		}
		all = append(all, raise{strings.TrimSpace(code), hot, cold, uint64(seq)})
	}
	// One read transaction decides whether a write is needed at all.
	var todo []raise
	if err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, r := range all {
			if last, _ := readCounter(tx, r.hot, r.cold); last < r.seq {
				todo = append(todo, r)
			}
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if len(todo) == 0 {
		return nil, nil
	}
	now := db.now()
	var raised []string
	err := db.bolt.Update(func(tx *bolt.Tx) error {
		raised = raised[:0]
		for _, r := range todo {
			if last, _ := readCounter(tx, r.hot, r.cold); last >= r.seq {
				continue // raised meanwhile
			}
			if err := tx.Bucket(bucketLog).Put(r.hot, u64(r.seq)); err != nil {
				return err
			}
			e := a
			e.Action, e.Object = "code.counter-raised", r.code
			if _, err := appendEntry(tx, now, newEntry{audit: e}); err != nil {
				return err
			}
			raised = append(raised, r.code)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return raised, nil
}
