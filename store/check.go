package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
	"motcua/syncproto"
)

// Problem is one inconsistency found by Check.
type Problem struct {
	Area string `json:"area"`
	Msg  string `json:"msg"`
}

func (p Problem) String() string { return p.Area + ": " + p.Msg }

// CheckReport is the result of a full check.
type CheckReport struct {
	Dossiers int       `json:"dossiers"`
	Codes    int       `json:"codes"`
	Audit    uint64    `json:"audit_entries"`
	Outbox   int       `json:"outbox"`
	Problems []Problem `json:"problems"`
}

// maxProblems caps the report so a badly damaged file does not flood it.
const maxProblems = 1000

// Check runs the full consistency check in one read transaction: bbolt's
// page check, every record decodes, codes are unique and map back, index
// entries are exactly those the records imply (no missing, no orphans),
// day counters are ahead of every issued code, the audit chain verifies,
// outbox events decode. It reads the whole file; use QuickCheck at start-up.
func (db *DB) Check() (CheckReport, error) {
	var r CheckReport
	add := func(area, format string, a ...any) {
		if len(r.Problems) < maxProblems {
			r.Problems = append(r.Problems, Problem{area, fmt.Sprintf(format, a...)})
		}
	}
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			add("pages", "%v", err)
		}
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				add("schema", "bucket %s is missing", b)
			}
		}
		if len(r.Problems) > 0 {
			return nil
		}
		if v := schemaVersionOf(tx); v != schemaVersion {
			add("schema", "schema version %d, expected %d", v, schemaVersion)
		}
		codes := tx.Bucket(bucketCodes)
		counters := tx.Bucket(bucketCounters)
		expected := map[string]int{}
		err := tx.Bucket(bucketDossiers).ForEach(func(k, v []byte) error {
			r.Dossiers++
			id := binary.BigEndian.Uint64(k)
			d, err := db.codec.decode(v)
			if err != nil {
				add("dossiers", "record %d does not decode: %v", id, err)
				return nil
			}
			if d.ID != id {
				add("dossiers", "record under key %d says id %d", id, d.ID)
			}
			code := recordCode(d)
			ck := []byte(code)
			if d.Kind == dossier.KindGuidance {
				ck = []byte(guidancePrefix + code)
			}
			if got := codes.Get(ck); got == nil {
				add("codes", "%s (dossier %d) is not in the code index", code, id)
			} else if getU64(got) != id {
				add("codes", "%s maps to dossier %d, but dossier %d carries it (duplicate code)", code, getU64(got), id)
			}
			if d.Kind == dossier.KindDossier {
				if agency, _, seq, err := dossier.ParseCode(code); err != nil {
					add("codes", "dossier %d has a malformed code: %v", id, err)
				} else {
					ctr := getU64(counters.Get([]byte("code/" + agency + "/" + dossier.DayKey(d.ReceivedAt))))
					if ctr < uint64(seq) {
						add("counters", "day counter for %s is %d, behind issued code %s", dossier.DayKey(d.ReceivedAt), ctr, code)
					}
				}
			}
			if len(d.History) == 0 {
				add("dossiers", "%s has no history", code)
			} else if last := d.History[len(d.History)-1]; last.To != d.Status {
				add("dossiers", "%s status %d differs from its last event (%d)", code, d.Status, last.To)
			}
			for _, ik := range db.indexKeys(d) {
				expected[string(ik.bucket)]++
				if tx.Bucket(ik.bucket).Get(ik.key) == nil {
					// bbolt Get returns nil for a key with a nil value too:
					// check existence with a cursor.
					if k, _ := tx.Bucket(ik.bucket).Cursor().Seek(ik.key); !bytes.Equal(k, ik.key) {
						add("indexes", "%s: entry for %s is missing", ik.bucket, code)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		r.Codes = codes.Stats().KeyN
		if r.Codes != r.Dossiers {
			add("codes", "%d codes for %d records (orphan or missing codes)", r.Codes, r.Dossiers)
		}
		for _, b := range [][]byte{bucketByDay, bucketByStatus, bucketByOwner, bucketByName, bucketByPhone, bucketByDue} {
			if n := tx.Bucket(b).Stats().KeyN; n != expected[string(b)] {
				add("indexes", "%s has %d entries, records imply %d (orphan entries)", b, n, expected[string(b)])
			}
		}
		var probs []AuditProblem
		r.Audit, probs = verifyAuditTx(tx)
		for _, p := range probs {
			add("audit", "%s", p)
		}
		last := getU64(tx.Bucket(bucketMeta).Get(metaLastSeq))
		return tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
			r.Outbox++
			seq := binary.BigEndian.Uint64(k)
			if seq > last {
				add("outbox", "event %d is beyond the last issued sequence %d", seq, last)
			}
			p, err := db.openPayload(v)
			if err == nil {
				var ev *syncproto.Event
				if ev, err = syncproto.Decode(p); err == nil && ev.Seq != seq {
					err = fmt.Errorf("payload says sequence %d", ev.Seq)
				}
			}
			if err != nil {
				add("outbox", "event %d: %v", seq, err)
			}
			return nil
		})
	})
	return r, err
}

// QuickCheck verifies what start-up can afford in constant time: the
// schema version, the buckets, and that the last audit entry matches the
// chain head.
func (db *DB) QuickCheck() []Problem {
	var ps []Problem
	err := db.bolt.View(func(tx *bolt.Tx) error {
		for _, b := range allBuckets {
			if tx.Bucket(b) == nil {
				ps = append(ps, Problem{"schema", fmt.Sprintf("bucket %s is missing", b)})
			}
		}
		if len(ps) > 0 {
			return nil
		}
		head := tx.Bucket(bucketMeta).Get(metaAuditHead)
		if len(head) == 40 {
			seq := binary.BigEndian.Uint64(head[:8])
			k, v := tx.Bucket(bucketAudit).Cursor().Last()
			if k == nil || binary.BigEndian.Uint64(k) != seq {
				ps = append(ps, Problem{"audit", "the last audit entry does not match the chain head"})
			} else if h := auditHash(seq, v); !bytes.Equal(h[:], head[8:]) {
				ps = append(ps, Problem{"audit", "the last audit entry was modified"})
			}
		}
		return nil
	})
	if err != nil {
		ps = append(ps, Problem{"open", err.Error()})
	}
	return ps
}

// String formats a report for CLIs.
func (r CheckReport) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "dossiers: %d, codes: %d, audit entries: %d, outbox: %d\n", r.Dossiers, r.Codes, r.Audit, r.Outbox)
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "PROBLEM %s\n", p)
	}
	return b.String()
}
