package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/account"
	"motcua/dossier"
	"motcua/syncproto"
)

// The journal is the desk's write-ahead log and audit chain in one. Every
// write transaction appends one entry per recorded action under 'j'+seq in
// the log bucket:
//
//	entry  = hashed ‖ payload
//	hashed = 0x01 flags time(at) str(actor) str(action) str(object) str(detail)
//	         [flagRef]    uvarint(dossier id) uvarint(history index)
//	         [flagDigest] SHA-256 of the record the entry created (32B)
//	         [flagData]   uvarint(len) data            (e.g. a daily close)
//	         prev(32B)                                 (hash of the previous entry)
//	payload = the record bytes [flagPayload only]: a new intake's record,
//	          until the merge moves it to the dossiers bucket and strips it
//	hash   = SHA-256(seq(8B BE) ‖ hashed)
//
// The head (seq and hash of the last entry) is kept under the hot key
// "mhead". Modifying, deleting, inserting or reordering entries breaks the
// chain (VerifyAudit); the head also travels in every sync batch and in the
// daily close, so a rewrite of the whole chain is visible at the hub.
//
// Entries flagged flagOutbox are the sync outbox: the event is rebuilt from
// the dossier's history (dossier.AsOf) when sent, so it never changes.
//
// Details never contain personal data: codes, user names, statuses and
// counts only.

const (
	flagRef     = 1 << 0 // the entry records an event of a dossier
	flagOutbox  = 1 << 1 // the entry is an event to send to the hub
	flagDigest  = 1 << 2 // the entry created a record with this digest
	flagPayload = 1 << 3 // the record bytes follow (not yet merged)
	flagData    = 1 << 4 // the entry carries a data document
)

var journalPrefix = []byte{'j'}

func journalKey(seq uint64) []byte {
	k := make([]byte, 9)
	k[0] = 'j'
	binary.BigEndian.PutUint64(k[1:], seq)
	return k
}

// entry is a decoded journal entry.
type entry struct {
	seq     uint64
	flags   byte
	at      time.Time
	actor   string
	action  string
	object  string
	detail  string
	id      uint64
	index   int
	digest  []byte
	data    []byte
	prev    []byte
	hashed  []byte // the hashed part
	payload []byte
}

// Audit is what an operation wants recorded.
type Audit = account.Audit

// newEntry is what appendEntry writes.
type newEntry struct {
	audit   Audit
	flags   byte
	id      uint64
	index   int
	digest  []byte
	data    []byte
	payload []byte
}

func encodeHashed(e newEntry, at time.Time, prev []byte) []byte {
	enc := encoder{b: make([]byte, 0, 96+len(e.audit.Actor)+len(e.audit.Action)+len(e.audit.Object)+len(e.audit.Detail)+len(e.data))}
	enc.byte(1)
	enc.byte(e.flags &^ flagPayload)
	enc.time(at)
	enc.str(e.audit.Actor)
	enc.str(e.audit.Action)
	enc.str(e.audit.Object)
	enc.str(e.audit.Detail)
	if e.flags&flagRef != 0 {
		enc.uvarint(e.id)
		enc.uvarint(uint64(e.index))
	}
	if e.flags&flagDigest != 0 {
		enc.b = append(enc.b, e.digest...)
	}
	if e.flags&flagData != 0 {
		enc.uvarint(uint64(len(e.data)))
		enc.b = append(enc.b, e.data...)
	}
	enc.b = append(enc.b, prev...)
	return enc.b
}

func entryHash(seq uint64, hashed []byte) [32]byte {
	h := sha256.New()
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	h.Write(k[:])
	h.Write(hashed)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// head returns the last journal sequence and hash.
func head(log *bolt.Bucket) (uint64, []byte) {
	h := log.Get(hotHead)
	if len(h) != 40 {
		return 0, make([]byte, 32)
	}
	return binary.BigEndian.Uint64(h[:8]), h[8:40]
}

// appendEntry adds an entry to the journal and moves the head.
func appendEntry(tx *bolt.Tx, at time.Time, e newEntry) (uint64, error) {
	log := tx.Bucket(bucketLog)
	last, prev := head(log)
	seq := last + 1
	hashed := encodeHashed(e, at, prev)
	val := hashed
	if e.flags&flagPayload != 0 {
		val = make([]byte, 0, len(hashed)+len(e.payload))
		val = append(append(val, hashed...), e.payload...)
		val[1] |= flagPayload
	}
	if err := log.Put(journalKey(seq), val); err != nil {
		return 0, err
	}
	h := entryHash(seq, hashed)
	hv := make([]byte, 40)
	binary.BigEndian.PutUint64(hv, seq)
	copy(hv[8:], h[:])
	if err := log.Put(hotHead, hv); err != nil {
		return 0, err
	}
	if e.flags&flagOutbox != 0 {
		if err := addHot(log, hotOutN, 1); err != nil {
			return 0, err
		}
	}
	return seq, nil
}

// decodeEntry parses a journal value.
func decodeEntry(seq uint64, v []byte) (entry, error) {
	d := decoder{b: v}
	if d.byte() != 1 {
		return entry{}, fmt.Errorf("journal %d: unknown entry version", seq)
	}
	e := entry{seq: seq}
	rawFlags := d.byte()
	e.at = d.time()
	e.actor = d.str()
	e.action = d.str()
	e.object = d.str()
	e.detail = d.str()
	if rawFlags&flagRef != 0 {
		e.id = d.uvarint()
		e.index = d.int()
	}
	if rawFlags&flagDigest != 0 {
		if len(d.b) < 32 {
			d.fail()
		} else {
			e.digest, d.b = d.b[:32], d.b[32:]
		}
	}
	if rawFlags&flagData != 0 {
		n := d.uvarint()
		if n > uint64(len(d.b)) {
			d.fail()
		} else {
			e.data, d.b = d.b[:n], d.b[n:]
		}
	}
	if d.err != nil || len(d.b) < 32 {
		return entry{}, fmt.Errorf("journal %d: %w", seq, errCorrupt)
	}
	e.prev, d.b = d.b[:32], d.b[32:]
	e.flags = rawFlags
	hashedLen := len(v) - len(d.b)
	e.hashed = make([]byte, hashedLen)
	copy(e.hashed, v[:hashedLen])
	e.hashed[1] &^= flagPayload
	if rawFlags&flagPayload != 0 {
		e.payload = append([]byte(nil), d.b...)
	} else if len(d.b) != 0 {
		return entry{}, fmt.Errorf("journal %d: %w: %d trailing bytes", seq, errCorrupt, len(d.b))
	}
	return e, nil
}

func getHot(log *bolt.Bucket, k []byte) uint64 { return getU64(log.Get(k)) }

func addHot(log *bolt.Bucket, k []byte, n uint64) error {
	return log.Put(k, u64(getU64(log.Get(k))+n))
}

// Audit records an entry outside any dossier operation (logins, settings,
// backups).
func (db *DB) Audit(a Audit) error {
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error {
		_, err := appendEntry(tx, now, newEntry{audit: a})
		return err
	})
}

// AuditHead is the last entry's sequence and hash.
type AuditHead = syncproto.AuditHead

// AuditHead returns the chain head.
func (db *DB) AuditHead() (AuditHead, error) {
	var h AuditHead
	err := db.bolt.View(func(tx *bolt.Tx) error {
		h = auditHeadOf(tx)
		return nil
	})
	return h, err
}

func auditHeadOf(tx *bolt.Tx) AuditHead {
	seq, hash := head(tx.Bucket(bucketLog))
	if seq == 0 {
		return AuditHead{}
	}
	return AuditHead{Seq: seq, Hash: hex.EncodeToString(hash)}
}

// AuditEntry is one journal entry as shown to people.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Object string    `json:"object,omitempty"`
	Detail string    `json:"detail,omitempty"`
	// Dossier and Event point at the dossier history entry recorded.
	Dossier uint64 `json:"dossier,omitempty"`
	Event   int    `json:"event,omitempty"`
	Outbox  bool   `json:"outbox,omitempty"`
	Prev    string `json:"prev"`
	Hash    string `json:"hash"`
}

// AuditEntries returns entries with seq ≥ from, at most limit. Dossier
// entries name the dossier's code as their object.
func (db *DB) AuditEntries(from uint64, limit int) ([]AuditEntry, error) {
	if err := db.flush(); err != nil {
		return nil, err
	}
	var out []AuditEntry
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketLog).Cursor()
		ds := tx.Bucket(bucketDossiers)
		for k, v := c.Seek(journalKey(from)); k != nil && k[0] == 'j' && len(out) < limit; k, v = c.Next() {
			seq := binary.BigEndian.Uint64(k[1:])
			e, err := decodeEntry(seq, v)
			if err != nil {
				return err
			}
			h := entryHash(seq, e.hashed)
			ae := AuditEntry{Seq: seq, At: e.at, Actor: e.actor, Action: e.action, Object: e.object, Detail: e.detail,
				Outbox: e.flags&flagOutbox != 0, Prev: hex.EncodeToString(e.prev), Hash: hex.EncodeToString(h[:])}
			if e.flags&flagRef != 0 {
				ae.Action = "dossier." + ae.Action
				ae.Dossier, ae.Event = e.id, e.index
				if ae.Object == "" {
					if rec := ds.Get(u64(e.id)); rec != nil {
						if f, err := decodeFactsOnly(rec); err == nil {
							ae.Object = recordCodeFacts(f)
						}
					}
				}
			}
			out = append(out, ae)
		}
		return nil
	})
	return out, err
}

func recordCodeFacts(f Facts) string {
	if f.Kind == dossier.KindGuidance {
		return f.GuidanceNo
	}
	return string(f.Code)
}

// AuditProblem is a break in the chain.
type AuditProblem struct {
	Seq uint64 `json:"seq"`
	Msg string `json:"msg"`
}

func (p AuditProblem) String() string { return fmt.Sprintf("journal entry %d: %s", p.Seq, p.Msg) }

// VerifyAudit walks the whole chain and reports every entry that was
// modified, deleted, inserted or reordered, a head that does not match, and
// a pending record whose bytes do not match the digest recorded for it.
func (db *DB) VerifyAudit() (n uint64, problems []AuditProblem, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		n, problems = verifyJournal(tx)
		return nil
	})
	return n, problems, err
}

func verifyJournal(tx *bolt.Tx) (uint64, []AuditProblem) {
	var problems []AuditProblem
	add := func(seq uint64, format string, a ...any) {
		if len(problems) < maxProblems {
			problems = append(problems, AuditProblem{seq, fmt.Sprintf(format, a...)})
		}
	}
	prev := make([]byte, 32)
	var expect uint64 = 1
	var count uint64
	log := tx.Bucket(bucketLog)
	c := log.Cursor()
	for k, v := c.Seek(journalPrefix); k != nil && k[0] == 'j'; k, v = c.Next() {
		count++
		if len(k) != 9 {
			add(0, "malformed key %x", k)
			continue
		}
		seq := binary.BigEndian.Uint64(k[1:])
		if seq != expect {
			add(seq, "sequence gap: expected %d (entries deleted or inserted)", expect)
		}
		expect = seq + 1
		e, err := decodeEntry(seq, v)
		if err != nil {
			add(seq, "unreadable entry: %v", err)
			continue
		}
		if !bytes.Equal(e.prev, prev) {
			add(seq, "previous-hash link broken (this entry or the one before it was modified, deleted or reordered)")
		}
		h := entryHash(seq, e.hashed)
		prev = h[:]
		if e.flags&flagPayload != 0 {
			if d := sha256.Sum256(e.payload); !bytes.Equal(d[:], e.digest) {
				add(seq, "the pending record does not match its recorded digest")
			}
		}
	}
	hs, hh := head(log)
	switch {
	case hs == 0 && count > 0:
		add(0, "chain head missing")
	case hs != 0 && hs != expect-1:
		add(hs, "head names entry %d but the chain ends at %d (trailing entries deleted or added)", hs, expect-1)
	case hs != 0 && !bytes.Equal(hh, prev):
		add(hs, "head hash does not match the last entry (it was modified)")
	}
	return count, problems
}

// auditAction names a dossier event in the journal. The "dossier." prefix
// is implied by flagRef (AuditEntries adds it back).
func auditAction(ev *dossier.Event) string { return string(ev.Kind) }
