package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
)

// Audit entries form a hash chain: each entry stores the hash of the
// previous one, and meta/audit_head holds the sequence and hash of the last.
// Modifying, deleting or reordering any entry breaks the chain, which
// VerifyAudit reports. The head also travels in every sync batch and in the
// daily close, so a rewrite of the whole chain is visible at the hub.
//
//	entry = 0x01 time(at) str(actor) str(action) str(object) str(detail) prev[32]
//	hash  = SHA-256(seq(8B BE) || entry)
//
// Details never contain personal data: codes, user names, statuses and
// counts only (personal data law; see README "Personal data").

// AuditEntry is one audit record.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Action string    `json:"action"`
	Object string    `json:"object,omitempty"`
	Detail string    `json:"detail,omitempty"`
	Prev   string    `json:"prev"`
	Hash   string    `json:"hash"`
}

// Audit is what an operation wants recorded.
type Audit struct {
	Actor  string
	Action string
	Object string
	Detail string
}

// AuditHead is the last entry's sequence and hash.
type AuditHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

func encodeAudit(at time.Time, a Audit, prev []byte) []byte {
	e := encoder{b: make([]byte, 0, 64+len(a.Actor)+len(a.Action)+len(a.Object)+len(a.Detail))}
	e.byte(1)
	e.time(at)
	e.str(a.Actor)
	e.str(a.Action)
	e.str(a.Object)
	e.str(a.Detail)
	e.b = append(e.b, prev...)
	return e.b
}

func auditHash(seq uint64, entry []byte) [32]byte {
	h := sha256.New()
	var k [8]byte
	binary.BigEndian.PutUint64(k[:], seq)
	h.Write(k[:])
	h.Write(entry)
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// appendAudit adds an entry to the chain inside tx.
func appendAudit(tx *bolt.Tx, at time.Time, a Audit) error {
	m := tx.Bucket(bucketMeta)
	b := tx.Bucket(bucketAudit)
	var prev [32]byte
	var seq uint64 = 1
	if head := m.Get(metaAuditHead); len(head) == 40 {
		seq = binary.BigEndian.Uint64(head[:8]) + 1
		copy(prev[:], head[8:])
	}
	entry := encodeAudit(at, a, prev[:])
	if err := b.Put(u64(seq), entry); err != nil {
		return err
	}
	h := auditHash(seq, entry)
	head := make([]byte, 40)
	binary.BigEndian.PutUint64(head, seq)
	copy(head[8:], h[:])
	return m.Put(metaAuditHead, head)
}

func decodeAudit(seq uint64, v []byte) (AuditEntry, error) {
	d := decoder{b: v}
	if d.byte() != 1 {
		return AuditEntry{}, fmt.Errorf("audit %d: unknown entry version", seq)
	}
	e := AuditEntry{Seq: seq, At: d.time(), Actor: d.str(), Action: d.str(), Object: d.str(), Detail: d.str()}
	if d.err != nil || len(d.b) != 32 {
		return AuditEntry{}, fmt.Errorf("audit %d: %w", seq, errCorrupt)
	}
	e.Prev = hex.EncodeToString(d.b)
	h := auditHash(seq, v)
	e.Hash = hex.EncodeToString(h[:])
	return e, nil
}

// Audit records an entry outside any dossier operation (logins, settings,
// backups). Dossier operations add their entries in their own transaction.
func (db *DB) Audit(a Audit) error {
	now := db.now()
	return db.bolt.Update(func(tx *bolt.Tx) error { return appendAudit(tx, now, a) })
}

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
	head := tx.Bucket(bucketMeta).Get(metaAuditHead)
	if len(head) != 40 {
		return AuditHead{}
	}
	return AuditHead{Seq: binary.BigEndian.Uint64(head[:8]), Hash: hex.EncodeToString(head[8:])}
}

// AuditProblem is a break in the chain.
type AuditProblem struct {
	Seq uint64 `json:"seq"`
	Msg string `json:"msg"`
}

func (p AuditProblem) String() string { return fmt.Sprintf("audit entry %d: %s", p.Seq, p.Msg) }

// VerifyAudit walks the whole chain and reports every entry that was
// modified, deleted, inserted or reordered, and a head that does not match.
func (db *DB) VerifyAudit() (n uint64, problems []AuditProblem, err error) {
	err = db.bolt.View(func(tx *bolt.Tx) error {
		n, problems = verifyAuditTx(tx)
		return nil
	})
	return n, problems, err
}

func verifyAuditTx(tx *bolt.Tx) (uint64, []AuditProblem) {
	var problems []AuditProblem
	var prev [32]byte
	var expect uint64 = 1
	var count uint64
	c := tx.Bucket(bucketAudit).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		count++
		if len(k) != 8 {
			problems = append(problems, AuditProblem{0, fmt.Sprintf("malformed key %x", k)})
			continue
		}
		seq := binary.BigEndian.Uint64(k)
		if seq != expect {
			problems = append(problems, AuditProblem{seq, fmt.Sprintf("sequence gap: expected %d (entries deleted or inserted)", expect)})
		}
		if len(v) < 33 || v[0] != 1 {
			problems = append(problems, AuditProblem{seq, "unreadable entry"})
			expect = seq + 1
			continue
		}
		if !bytes.Equal(v[len(v)-32:], prev[:]) {
			problems = append(problems, AuditProblem{seq, "previous-hash link broken (the entry or the one before it was modified, deleted or reordered)"})
		}
		prev = auditHash(seq, v)
		expect = seq + 1
	}
	head := tx.Bucket(bucketMeta).Get(metaAuditHead)
	switch {
	case len(head) != 40 && count > 0:
		problems = append(problems, AuditProblem{0, "chain head missing"})
	case len(head) == 40:
		hs := binary.BigEndian.Uint64(head[:8])
		if hs != expect-1 {
			problems = append(problems, AuditProblem{hs, fmt.Sprintf("head names entry %d but the chain ends at %d (trailing entries deleted or added)", hs, expect-1)})
		} else if !bytes.Equal(head[8:], prev[:]) {
			problems = append(problems, AuditProblem{hs, "head hash does not match the last entry (it was modified)"})
		}
	}
	return count, problems
}

// AuditEntries returns entries with seq ≥ from, at most limit.
func (db *DB) AuditEntries(from uint64, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.bolt.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Seek(u64(from)); k != nil && len(out) < limit; k, v = c.Next() {
			e, err := decodeAudit(binary.BigEndian.Uint64(k), v)
			if err != nil {
				return err
			}
			out = append(out, e)
		}
		return nil
	})
	return out, err
}

// auditForEvent names the audit action of a dossier event and its detail.
func auditForEvent(d *dossier.Dossier, ev *dossier.Event) Audit {
	obj := string(d.Code)
	if d.Kind == dossier.KindGuidance {
		obj = d.GuidanceNo
	}
	detail := fmt.Sprintf("status %d→%d", ev.From, ev.To)
	switch ev.Kind {
	case dossier.EvAmended:
		detail = "field " + ev.Amend.Field
	case dossier.EvExtended:
		detail = "appointment " + ev.Appointment.In(dossier.Zone).Format("2006-01-02 15:04") + " approved by " + ev.Approver
	case dossier.EvReceived:
		if d.Override != nil {
			detail += "; missing components overridden by " + d.Override.By
		}
	}
	return Audit{Actor: ev.Actor, Action: "dossier." + string(ev.Kind), Object: obj, Detail: detail}
}
