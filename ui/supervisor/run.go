package supervisor

import (
	"context"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/report"
)

// runner runs slow work (reports over the store, exports, backups,
// loading dossiers) on its own goroutine and hands the result back to the
// UI goroutine with fyne.Do.
type runner struct {
	wg    sync.WaitGroup
	mu    sync.Mutex
	queue []func()
}

// queueDone makes runners keep the done callbacks until wait (tests: the
// test driver runs fyne.Do inline on the calling goroutine, which would
// race with the test's own calls into the widgets).
var queueDone bool

// run calls work on a new goroutine, then done on the UI goroutine.
func (r *runner) run(work func(), done func()) {
	r.wg.Add(1)
	go func() {
		defer r.wg.Done()
		work()
		if queueDone {
			r.mu.Lock()
			r.queue = append(r.queue, done)
			r.mu.Unlock()
			return
		}
		fyneDo(done)
	}()
}

// wait blocks until every started job has finished and, in tests, runs
// their done callbacks on the caller's goroutine (including those of jobs
// the callbacks start).
func (r *runner) wait() {
	for {
		r.wg.Wait()
		r.mu.Lock()
		q := r.queue
		r.queue = nil
		r.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// job is one cancellable computation of a screen: starting a new one
// cancels the previous, and the result of a cancelled job is dropped.
type job struct {
	mu     sync.Mutex
	gen    int
	cancel context.CancelFunc
}

// start cancels the running job and returns the context and generation
// of a new one.
func (j *job) start() (context.Context, int) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	j.gen++
	j.cancel = cancel
	return ctx, j.gen
}

// current reports whether gen is still the latest job (call on the UI
// goroutine before showing a result).
func (j *job) current(gen int) bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return gen == j.gen
}

// stop cancels the running job.
func (j *job) stop() {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
		j.cancel = nil
	}
	j.gen++
}

// cancelSource makes a report.Source stop early when ctx is cancelled: the
// callbacks return ctx.Err() (checked every 512 records and at the start),
// which the store adapter passes back up.
type cancelSource struct {
	ctx context.Context
	src report.Source
}

func (s cancelSource) wrap(fn func(report.Fact) error) func(report.Fact) error {
	n := 0
	return func(f report.Fact) error {
		n++
		if n&511 == 0 {
			if err := s.ctx.Err(); err != nil {
				return err
			}
		}
		return fn(f)
	}
}

func (s cancelSource) Range(from, to time.Time, fn func(report.Fact) error) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.src.Range(from, to, s.wrap(fn))
}

func (s cancelSource) Open(fn func(report.Fact) error) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.src.Open(s.wrap(fn))
}

func (s cancelSource) DueBetween(from, to time.Time, fn func(report.Fact) error) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.src.DueBetween(from, to, s.wrap(fn))
}

func (s cancelSource) FinishedBetween(from, to time.Time, fn func(report.Fact) error) error {
	if err := s.ctx.Err(); err != nil {
		return err
	}
	return s.src.FinishedBetween(from, to, s.wrap(fn))
}

var _ report.Source = cancelSource{}

// spinner is the busy indicator in front of a screen's status line. It
// relays the line out when it appears or goes (a container does not
// notice a child being hidden).
type spinner struct {
	act  *widget.Activity
	left *fyne.Container
	box  *fyne.Container
	busy bool
	// extra objects shown with the spinner (a Stop button).
	extra []fyne.CanvasObject
}

// line builds the status line: the spinner and extras, then label.
func (s *spinner) line(label fyne.CanvasObject, extra ...fyne.CanvasObject) *fyne.Container {
	s.act = widget.NewActivity()
	s.act.Hide()
	s.extra = extra
	s.left = container.NewHBox(s.act)
	for _, o := range extra {
		o.Hide()
		s.left.Add(o)
	}
	s.box = container.NewBorder(nil, nil, s.left, nil, label)
	return s.box
}

func (s *spinner) on() {
	s.busy = true
	s.act.Show()
	s.act.Start()
	for _, o := range s.extra {
		o.Show()
	}
	s.left.Refresh()
	s.box.Refresh()
}

func (s *spinner) off() {
	s.busy = false
	s.act.Stop()
	s.act.Hide()
	for _, o := range s.extra {
		o.Hide()
	}
	s.left.Refresh()
	s.box.Refresh()
}
