package syncer

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"motcua/syncproto"
)

// Store is what the worker needs from the desk database. *store.DB
// satisfies it (its OutboxStats and AuditHead types are the syncproto
// ones); tests use an in-memory implementation.
type Store interface {
	// Pending returns up to limit outbox events with sequence > after, in
	// order (acknowledged and quarantined events are not pending).
	Pending(after uint64, limit int) ([]syncproto.OutboxItem, error)
	// Ack drops acknowledged events from the outbox (idempotent).
	Ack(seqs []uint64) error
	// Quarantine moves an event the hub rejected aside with the reason
	// (a no-op for an event that is no longer pending).
	Quarantine(seq uint64, reason string) error
	// Retry puts a quarantined event back in the outbox.
	Retry(seq uint64) error
	OutboxStats() (syncproto.OutboxStats, error)
	AuditHead() (syncproto.AuditHead, error)
	InstallID() string
	IncarnationID() string
}

// Applier applies the changes pulled from the hub on the desk; the desk
// service implements it.
//
// Apply must be idempotent by Change.ID: the worker may hand the same
// change again after a crash between Apply and SetPullCursor, or when the
// same USB answer is imported twice. A dossier change is applied with
// dossier.Apply in one store transaction (which appends the outbox event
// that carries the new state back to the hub). Return an error wrapping
// ErrNotApplicable when the change can never apply here (unknown dossier,
// a transition the dossier no longer allows): the worker records it and
// moves on. Any other error stops the pull; it is retried later.
type Applier interface {
	PullCursor() (uint64, error)
	SetPullCursor(cursor uint64) error
	Apply(c syncproto.Change) error
}

// CodeFloorer is implemented by an Applier that can raise the desk's day
// counters past the hub's code floors (syncproto.PullResponse.CodeFloors)
// and returns the codes that raised one. The worker calls it with every
// pull page that carries floors, before the page's changes.
type CodeFloorer interface {
	RaiseCodeFloors(codes []string) ([]string, error)
}

// ErrNotApplicable marks a pulled change that can never apply on this desk.
var ErrNotApplicable = errors.New("the change does not apply on this desk")

// Report is one progress message.
type Report struct {
	Phase string // "push", "pull", "done", "error"
	// Sent and Acked count events in this run so far; Pending is what the
	// outbox still held when the run started.
	Sent, Acked, Rejected, Pending int
	Pulled                         int
	Err                            error
}

// Progress receives reports from the worker goroutine. Implementations
// must be safe for concurrent use and must not block (a UI hands the
// report to its own thread, e.g. fyne.Do).
type Progress interface {
	SyncProgress(Report)
}

// Status is a snapshot of the worker for a status panel.
type Status struct {
	Running     bool      `json:"running"`
	Syncing     bool      `json:"syncing"`
	Pending     int       `json:"pending"`
	Quarantined int       `json:"quarantined"`
	LastAttempt time.Time `json:"last_attempt,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
	// Blocked: the hub refused the desk itself (unknown desk, stale
	// incarnation…); a person must act, automatic retries are slow.
	Blocked     bool      `json:"blocked,omitempty"`
	NextAttempt time.Time `json:"next_attempt,omitzero"`
	Failures    int       `json:"failures"`
	// Totals since Start.
	Sent       int64  `json:"sent"`
	Acked      int64  `json:"acked"`
	Duplicates int64  `json:"duplicates"`
	Rejected   int64  `json:"rejected"`
	Pulled     int64  `json:"pulled"`
	Skipped    int64  `json:"skipped"`
	PullCursor uint64 `json:"pull_cursor"`
	// Raised lists the codes past which the hub's code floors raised a
	// day counter since Start (a desk restored from an older backup).
	Raised []string `json:"raised,omitempty"`
}

// Result summarises one run.
type Result struct {
	Batches    int
	Sent       int
	Acked      int // ok + duplicate
	Duplicates int
	Rejected   int
	Pulled     int
	Applied    int
	Skipped    int
	// Raised lists the hub's code floors that raised a day counter here
	// (a desk restored from an older backup; CodeFloorer).
	Raised     []string
	PullCursor uint64
}

// Options configure a Worker.
type Options struct {
	Store   Store
	Applier Applier // nil: push only
	Client  *Client
	Now     func() time.Time
	Logger  *slog.Logger
	// Progress may be nil.
	Progress Progress
	// BatchSize is the number of events per batch (default 500).
	BatchSize int
	// Interval is the period of the ticker that pulls and retries even
	// without new commits (default 1 minute).
	Interval time.Duration
	// MinBackoff and MaxBackoff bound the exponential backoff after a
	// failure (defaults 2 s and 5 min); BlockedBackoff is the delay after
	// the hub refused the desk itself (default 30 min).
	MinBackoff, MaxBackoff, BlockedBackoff time.Duration
	// Jitter returns a number in [0, 1) (default math/rand/v2).
	Jitter func() float64
}

// Worker syncs in the background.
type Worker struct {
	opt    Options
	log    *slog.Logger
	notify chan struct{}
	now    chan struct{}
	stop   chan struct{}
	done   chan struct{}

	mu     sync.Mutex
	status Status
	runMu  sync.Mutex // one run at a time (worker loop or RunOnce)

	// floorsTaken is set once a pull with the hub's code floors went
	// through: the first pull of a worker asks for them (a desk is
	// restored while the app is closed, so its first sync after the
	// restore is the first pull of a new worker). Guarded by runMu.
	floorsTaken bool
}

// New checks the options and returns a stopped worker.
func New(opt Options) (*Worker, error) {
	if opt.Store == nil || opt.Client == nil {
		return nil, fmt.Errorf("syncer: a store and a hub client are required")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = 500
	}
	opt.BatchSize = min(opt.BatchSize, syncproto.MaxBatchItems)
	if opt.Interval <= 0 {
		opt.Interval = time.Minute
	}
	if opt.MinBackoff <= 0 {
		opt.MinBackoff = 2 * time.Second
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 5 * time.Minute
	}
	if opt.BlockedBackoff <= 0 {
		opt.BlockedBackoff = 30 * time.Minute
	}
	if opt.Jitter == nil {
		opt.Jitter = rand.Float64
	}
	return &Worker{opt: opt, log: opt.Logger, notify: make(chan struct{}, 1), now: make(chan struct{}, 1)}, nil
}

// Notify wakes the worker after a commit (wire it to store.Options.OnCommit).
// It never blocks; during a backoff it does not shorten the wait.
func (w *Worker) Notify() {
	select {
	case w.notify <- struct{}{}:
	default:
	}
}

// SyncNow asks for an immediate run, cancelling any backoff ("sync now").
// It never blocks.
func (w *Worker) SyncNow() {
	select {
	case w.now <- struct{}{}:
	default:
	}
}

// Status returns a snapshot.
func (w *Worker) Status() Status {
	w.mu.Lock()
	defer w.mu.Unlock()
	st := w.status
	st.Raised = slices.Clone(st.Raised)
	return st
}

// Start runs the worker until ctx ends or Stop is called.
func (w *Worker) Start(ctx context.Context) {
	w.mu.Lock()
	if w.status.Running {
		w.mu.Unlock()
		return
	}
	w.status.Running = true
	w.stop = make(chan struct{})
	w.done = make(chan struct{})
	w.mu.Unlock()
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		<-w.stop
		cancel()
	}()
	go w.loop(ctx)
}

// Stop stops the worker and waits for it (an HTTP request in flight is
// cancelled; nothing is lost: unacknowledged events stay in the outbox).
func (w *Worker) Stop() {
	w.mu.Lock()
	if !w.status.Running {
		w.mu.Unlock()
		return
	}
	stop, done := w.stop, w.done
	w.mu.Unlock()
	close(stop)
	<-done
	w.mu.Lock()
	w.status.Running = false
	w.mu.Unlock()
}

func (w *Worker) loop(ctx context.Context) {
	defer close(w.done)
	w.refreshCounts()
	timer := time.NewTimer(0)
	defer timer.Stop()
	backoff := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.notify:
			if backoff {
				continue
			}
		case <-w.now:
		case <-timer.C:
		}
		_, err := w.RunOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		delay := w.opt.Interval
		backoff = err != nil
		if err != nil {
			delay = w.backoff(err)
		}
		w.mu.Lock()
		w.status.NextAttempt = w.opt.Now().Add(delay)
		w.mu.Unlock()
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(delay)
	}
}

// backoff returns the delay after a failed run: capped exponential with
// jitter in [d/2, d], or the blocked delay when a person must act.
func (w *Worker) backoff(err error) time.Duration {
	w.mu.Lock()
	n := w.status.Failures
	w.mu.Unlock()
	if !IsTransient(err) {
		return w.opt.BlockedBackoff
	}
	return Backoff(n, w.opt.MinBackoff, w.opt.MaxBackoff, w.opt.Jitter())
}

// Backoff is the delay before retry number n (1 = first failure):
// min·2^(n−1) capped at max, scaled into [d/2, d] by jitter ∈ [0, 1).
func Backoff(n int, minD, maxD time.Duration, jitter float64) time.Duration {
	d := minD
	for i := 1; i < n && d < maxD; i++ {
		d *= 2
	}
	d = min(d, maxD)
	return d/2 + time.Duration(float64(d/2)*jitter)
}

func (w *Worker) report(r Report) {
	if w.opt.Progress != nil {
		w.opt.Progress.SyncProgress(r)
	}
}

func (w *Worker) refreshCounts() {
	st, err := w.opt.Store.OutboxStats()
	if err != nil {
		return
	}
	w.mu.Lock()
	w.status.Pending, w.status.Quarantined = st.Pending, st.Quarantined
	w.mu.Unlock()
}

// RunOnce pushes every pending event and pulls the hub's changes, now. The
// worker calls it; so does "motcuactl sync push". Events the hub rejected
// are quarantined; a batch that fails as a whole (network, hub down) stays
// in the outbox and the error is returned.
func (w *Worker) RunOnce(ctx context.Context) (Result, error) {
	w.runMu.Lock()
	defer w.runMu.Unlock()
	start := w.opt.Now()
	w.mu.Lock()
	w.status.Syncing = true
	w.status.LastAttempt = start
	w.mu.Unlock()

	res, err := w.push(ctx)
	if err == nil && w.opt.Applier != nil {
		err = w.pull(ctx, &res)
	}

	w.refreshCounts()
	if err != nil && ctx.Err() != nil {
		// Stopped: not a failure of the hub or the network.
		w.mu.Lock()
		w.status.Syncing = false
		w.mu.Unlock()
		return res, err
	}
	w.mu.Lock()
	s := &w.status
	s.Syncing = false
	s.Sent += int64(res.Sent)
	s.Acked += int64(res.Acked)
	s.Duplicates += int64(res.Duplicates)
	s.Rejected += int64(res.Rejected)
	s.Pulled += int64(res.Pulled)
	s.Skipped += int64(res.Skipped)
	s.Raised = append(s.Raised, res.Raised...)
	if res.PullCursor > s.PullCursor {
		s.PullCursor = res.PullCursor
	}
	if err != nil {
		s.Failures++
		s.LastError = err.Error()
		s.LastErrorAt = w.opt.Now()
		s.Blocked = !IsTransient(err)
	} else {
		s.Failures = 0
		s.LastSuccess = w.opt.Now()
		s.LastError = ""
		s.Blocked = false
	}
	w.mu.Unlock()
	if err != nil {
		if ctx.Err() == nil {
			w.log.Warn("sync failed", "sent", res.Sent, "acked", res.Acked, "err", err)
		}
		w.report(Report{Phase: "error", Sent: res.Sent, Acked: res.Acked, Rejected: res.Rejected, Err: err})
		return res, err
	}
	if res.Sent > 0 || res.Pulled > 0 {
		w.log.Info("sync done", "batches", res.Batches, "sent", res.Sent, "acked", res.Acked, "rejected", res.Rejected, "pulled", res.Pulled)
	}
	w.report(Report{Phase: "done", Sent: res.Sent, Acked: res.Acked, Rejected: res.Rejected, Pulled: res.Pulled})
	return res, nil
}

func (w *Worker) push(ctx context.Context) (Result, error) {
	var res Result
	st, err := w.opt.Store.OutboxStats()
	if err != nil {
		return res, fmt.Errorf("outbox: %w", err)
	}
	pending := st.Pending
	var after uint64
	for {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		b, err := buildBatch(w.opt.Store, after, w.opt.BatchSize, w.opt.Now())
		if err != nil {
			return res, err
		}
		if b == nil {
			return res, nil
		}
		after = b.Last
		if len(b.Items) == 0 {
			continue // only events quarantined locally
		}
		raw, err := b.Sign(w.opt.Client.key.Private, w.opt.Client.key.ID)
		if err != nil {
			return res, err
		}
		res.Batches++
		res.Sent += len(b.Items)
		w.report(Report{Phase: "push", Sent: res.Sent, Acked: res.Acked, Rejected: res.Rejected, Pending: pending})
		ack, err := w.opt.Client.PushBatch(ctx, raw)
		if err != nil {
			return res, err
		}
		if err := applyAck(w.opt.Store, b, ack, &res); err != nil {
			return res, err
		}
		w.report(Report{Phase: "push", Sent: res.Sent, Acked: res.Acked, Rejected: res.Rejected, Pending: pending})
	}
}

// buildBatch reads the next page of the outbox after a sequence and builds
// an unsigned batch covering it. Events that can never be sent (too large)
// go to the quarantine at once. It returns nil when nothing is pending.
func buildBatch(s Store, after uint64, limit int, now time.Time) (*syncproto.Batch, error) {
	items, err := s.Pending(after, limit)
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	if len(items) == 0 {
		return nil, nil
	}
	head, err := s.AuditHead()
	if err != nil {
		return nil, fmt.Errorf("audit head: %w", err)
	}
	b := &syncproto.Batch{Install: s.InstallID(), Incarnation: s.IncarnationID(), First: after + 1,
		Last: items[len(items)-1].Seq, AuditSeq: head.Seq, AuditHash: head.Hash, CreatedAt: now}
	if head.Hash == "" {
		b.AuditSeq = 0
	}
	size := 0
	for _, it := range items {
		if it.Seq <= after {
			return nil, fmt.Errorf("outbox: Pending(%d) returned sequence %d", after, it.Seq)
		}
		if len(it.Payload) == 0 || len(it.Payload) > syncproto.MaxPayloadBytes {
			if err := s.Quarantine(it.Seq, fmt.Sprintf("the event is %d bytes; the protocol allows 1 to %d", len(it.Payload), syncproto.MaxPayloadBytes)); err != nil {
				return nil, err
			}
			continue
		}
		if size+len(it.Payload) > syncproto.MaxBatchBytes/2 && len(b.Items) > 0 {
			b.Last = b.Items[len(b.Items)-1].Seq // the rest goes in the next batch
			break
		}
		size += len(it.Payload)
		b.Items = append(b.Items, syncproto.NewItem(it.Seq, it.Payload))
	}
	return b, nil
}

// applyAck acknowledges and quarantines according to the hub's answer.
func applyAck(s Store, b *syncproto.Batch, ack *syncproto.BatchAck, res *Result) error {
	if err := ack.Match(b); err != nil {
		return &protocolError{err}
	}
	var done []uint64
	for _, it := range ack.Items {
		switch {
		case it.Status.Done():
			done = append(done, it.Seq)
			if it.Status == syncproto.AckDuplicate {
				res.Duplicates++
			}
		default:
			res.Rejected++
			if err := s.Quarantine(it.Seq, it.Reason); err != nil {
				return fmt.Errorf("quarantine event %d: %w", it.Seq, err)
			}
		}
	}
	if err := s.Ack(done); err != nil {
		return fmt.Errorf("acknowledge: %w", err)
	}
	res.Acked += len(done)
	return nil
}

func (w *Worker) pull(ctx context.Context, res *Result) error {
	a := w.opt.Applier
	cur, err := a.PullCursor()
	if err != nil {
		return fmt.Errorf("pull cursor: %w", err)
	}
	for {
		pull := w.opt.Client.Pull
		_, floorer := a.(CodeFloorer)
		if floorer && !w.floorsTaken {
			pull = w.opt.Client.PullWithFloors
		}
		p, err := pull(ctx, cur, 500)
		if err != nil {
			return err
		}
		n, err := applyChanges(a, p, w.log, res)
		res.Pulled += n
		if err != nil {
			return err
		}
		if floorer {
			w.floorsTaken = true // applyChanges raised the counters
		}
		cur = max(cur, p.Cursor)
		res.PullCursor = cur
		w.report(Report{Phase: "pull", Sent: res.Sent, Acked: res.Acked, Pulled: res.Pulled})
		if !p.More {
			return nil
		}
	}
}

// applyChanges applies a page of changes, advancing the cursor after each.
func applyChanges(a Applier, p *syncproto.PullResponse, log *slog.Logger, res *Result) (int, error) {
	cur, err := a.PullCursor()
	if err != nil {
		return 0, err
	}
	if f, ok := a.(CodeFloorer); ok && len(p.CodeFloors) > 0 {
		raised, err := f.RaiseCodeFloors(p.CodeFloors)
		if err != nil {
			return 0, fmt.Errorf("raise day counters past the hub's codes: %w", err)
		}
		if len(raised) > 0 {
			res.Raised = append(res.Raised, raised...)
			log.Warn("day counters raised past codes the hub holds from this desk (restored from an older backup?)", "codes", raised)
		}
	}
	n := 0
	for _, c := range p.Changes {
		if c.Cursor <= cur {
			continue // already applied (a USB answer imported twice)
		}
		err := a.Apply(c)
		switch {
		case errors.Is(err, ErrNotApplicable):
			res.Skipped++
			log.Warn("hub change skipped", "cursor", c.Cursor, "kind", c.Kind, "err", err)
		case err != nil:
			return n, fmt.Errorf("apply hub change %d (%s): %w", c.Cursor, c.Kind, err)
		default:
			res.Applied++
		}
		if err := a.SetPullCursor(c.Cursor); err != nil {
			return n, err
		}
		cur = c.Cursor
		n++
	}
	if p.Cursor > cur {
		if err := a.SetPullCursor(p.Cursor); err != nil {
			return n, err
		}
	}
	return n, nil
}
