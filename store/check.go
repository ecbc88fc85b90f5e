package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"motcua/dossier"
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
// page check, the journal chain, every record decodes, codes are unique and
// map back, index entries are exactly those the records imply (no missing,
// no orphans), day counters are ahead of every issued code, outbox state is
// coherent. It reads the whole file; use QuickCheck at start-up. Pending
// intakes are merged first (read-write databases).
func (db *DB) Check() (CheckReport, error) {
	var r CheckReport
	defer db.releaseMapped()
	if err := db.flush(); err != nil {
		return r, err
	}
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
		var probs []AuditProblem
		r.Audit, probs = verifyJournal(tx)
		for _, p := range probs {
			add("journal", "%s", p)
		}
		log := tx.Bucket(bucketLog)
		if n := getHot(log, hotPending); n > 0 {
			add("journal", "%d intakes are not merged yet (open the database read-write to merge them)", n)
		}
		codes := tx.Bucket(bucketCodes)
		expected := map[string]int{}
		var maxID uint64
		err := tx.Bucket(bucketDossiers).ForEach(func(k, v []byte) error {
			r.Dossiers++
			id := binary.BigEndian.Uint64(k)
			maxID = max(maxID, id)
			d, err := db.codec.decode(v, db.dict(tx))
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
			expected[string(bucketCodes)]++
			if got := codes.Get(ck); got == nil {
				add("codes", "%s (dossier %d) is not in the code index", code, id)
			} else if getU64(got) != id {
				add("codes", "%s maps to dossier %d, but dossier %d carries it (duplicate code)", code, getU64(got), id)
			}
			if d.Kind == dossier.KindDossier {
				if agency, _, seq, err := dossier.ParseCode(code); err != nil {
					add("codes", "dossier %d has a malformed code: %v", id, err)
				} else if hot, cold, err := counterKeys(d.Kind, agency, d.ReceivedAt); err == nil {
					if n, ok := readCounter(tx, hot, cold); ok && n < uint64(seq) {
						add("counters", "day counter for %s is %d, behind issued code %s", dossier.DayKey(d.ReceivedAt), n, code)
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
				k, iv := tx.Bucket(ik.bucket).Cursor().Seek(ik.key)
				if !bytes.Equal(k, ik.key) {
					add("indexes", "%s: entry for %s is missing", ik.bucket, code)
				} else if bytes.Equal(ik.bucket, bucketByDue) {
					if fb, _, err := splitRecord(v); err == nil && !bytes.Equal(iv, fb) {
						add("indexes", "%s: entry for %s carries stale facts", ik.bucket, code)
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if seq := tx.Bucket(bucketDossiers).Sequence(); seq < maxID {
			add("dossiers", "id sequence %d is behind the highest id %d", seq, maxID)
		}
		r.Codes = codes.Stats().KeyN
		for _, b := range indexBuckets {
			if n := tx.Bucket(b).Stats().KeyN; n != expected[string(b)] {
				add("indexes", "%s has %d entries, records imply %d (orphan or missing entries)", b, n, expected[string(b)])
			}
		}
		// Outbox state: the watermark and the sets above it.
		last, _ := head(log)
		w := getHot(log, hotAcked)
		if w > last {
			add("outbox", "watermark %d is beyond the last journal entry %d", w, last)
		}
		for _, b := range [][]byte{bucketAcks, bucketRetry, bucketQuarantine} {
			tx.Bucket(b).ForEach(func(k, _ []byte) error {
				seq := binary.BigEndian.Uint64(k)
				v := log.Get(journalKey(seq))
				if len(v) < 2 || v[1]&flagOutbox == 0 {
					add("outbox", "%s names %d, which is not an outbox event", b, seq)
				}
				if bytes.Equal(b, bucketAcks) && seq <= w {
					add("outbox", "acknowledgement %d below the watermark %d was not cleared", seq, w)
				}
				return nil
			})
		}
		st := OutboxStats{}
		st.Quarantined = tx.Bucket(bucketQuarantine).Stats().KeyN
		st.Pending = int(getHot(log, hotOutN)-getHot(log, hotAckN)) - st.Quarantined
		if st.Pending < 0 {
			add("outbox", "counters say %d events pending", st.Pending)
		}
		r.Outbox = st.Pending
		return nil
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
		log := tx.Bucket(bucketLog)
		seq, hh := head(log)
		if seq > 0 {
			v := log.Get(journalKey(seq))
			if v == nil || log.Get(journalKey(seq+1)) != nil {
				ps = append(ps, Problem{"journal", "the last journal entry does not match the chain head"})
			} else if e, err := decodeEntry(seq, v); err != nil {
				ps = append(ps, Problem{"journal", err.Error()})
			} else if h := entryHash(seq, e.hashed); !bytes.Equal(h[:], hh) {
				ps = append(ps, Problem{"journal", "the last journal entry was modified"})
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
