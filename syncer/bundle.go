package syncer

import (
	"crypto/ed25519"
	"fmt"
	"io"
	"log/slog"
	"time"

	"motcua/syncproto"
)

// ExportResult describes a written desk bundle.
type ExportResult struct {
	Manifest syncproto.Manifest
	// Remaining counts pending events left out because one bundle holds at
	// most syncproto.MaxBatchItems events (export again after importing
	// the answer).
	Remaining int
}

// ExportBundle writes a signed USB bundle of the unsent events (up to
// syncproto.MaxBatchItems) to w. pullAfter is the desk's pull cursor, so
// the hub's answer carries the changes the desk has not seen. With nothing
// pending it returns an error and writes nothing.
func ExportBundle(w io.Writer, s Store, key Key, office string, pullAfter uint64, now time.Time) (*ExportResult, error) {
	if err := key.Check(); err != nil {
		return nil, err
	}
	st, err := s.OutboxStats()
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	var b *syncproto.Batch
	var after uint64
	for {
		b, err = buildBatch(s, after, syncproto.MaxBatchItems, now)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, fmt.Errorf("nothing to export: the outbox is empty (%d events quarantined)", st.Quarantined)
		}
		if len(b.Items) > 0 {
			break
		}
		after = b.Last
	}
	raw, err := b.Sign(key.Private, key.ID)
	if err != nil {
		return nil, err
	}
	m, err := syncproto.WriteDeskBundle(w, office, pullAfter, raw, now)
	if err != nil {
		return nil, err
	}
	return &ExportResult{Manifest: m, Remaining: max(st.Pending-len(b.Items), 0)}, nil
}

// ImportAnswer applies a hub answer bundle on the desk: it verifies the
// hub's signature (hubPub, learnt at enrolment), acknowledges and
// quarantines events as the hub decided, and applies the pulled changes
// through a (nil: changes are not applied and the cursor stays). Importing
// the same answer twice changes nothing the second time.
func ImportAnswer(data []byte, s Store, a Applier, hubPub ed25519.PublicKey, log *slog.Logger) (Result, error) {
	var res Result
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	m, ans, err := syncproto.ReadAnswerBundle(data, hubPub)
	if err != nil {
		return res, err
	}
	if m.Install != s.InstallID() {
		return res, fmt.Errorf("this answer is for installation %s, this desk is %s", m.Install, s.InstallID())
	}
	if m.Incarnation != s.IncarnationID() {
		return res, fmt.Errorf("this answer is for database incarnation %s, this desk database is %s (it was restored since the export); export again", m.Incarnation, s.IncarnationID())
	}
	var done []uint64
	for _, it := range ans.Ack.Items {
		if it.Status.Done() {
			done = append(done, it.Seq)
			if it.Status == syncproto.AckDuplicate {
				res.Duplicates++
			}
			continue
		}
		res.Rejected++
		if err := s.Quarantine(it.Seq, it.Reason); err != nil {
			return res, fmt.Errorf("quarantine event %d: %w", it.Seq, err)
		}
	}
	if err := s.Ack(done); err != nil {
		return res, fmt.Errorf("acknowledge: %w", err)
	}
	res.Sent = len(ans.Ack.Items)
	res.Acked = len(done)
	if a != nil {
		n, err := applyChanges(a, ans.Pull, log, &res)
		res.Pulled = n
		if err != nil {
			return res, err
		}
		res.PullCursor, _ = a.PullCursor()
	}
	return res, nil
}
