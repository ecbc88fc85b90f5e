package hub_test

import (
	"context"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	end := time.Now().Add(d)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestFaultsConverge runs the background worker through dropped
// connections (cut mid-request and cut before the answer), duplicated and
// reordered batches sent beside it, and a hub restart; after convergence
// the hub holds exactly the desk's events (equal checksums) and no event
// was rejected.
func TestFaultsConverge(t *testing.T) {
	e := newEnv(t)
	d := e.enroll(1, 1)
	const n = 3000
	if err := synctest.Fill(d.store, office, n); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var calls, cuts atomic.Int64
	var rmu sync.Mutex
	e.mu.Lock()
	e.fault = func() int {
		calls.Add(1)
		rmu.Lock()
		defer rmu.Unlock()
		switch x := rng.IntN(10); {
		case x < 2:
			cuts.Add(1)
			return 1
		case x < 4:
			cuts.Add(1)
			return 2
		}
		return 0
	}
	e.mu.Unlock()

	// Batches of the same events, duplicated and in reverse order, sent
	// directly while the worker runs.
	var raws [][]byte
	for after := uint64(0); ; {
		items, _ := d.store.Pending(after, 250)
		if len(items) == 0 {
			break
		}
		b := &syncproto.Batch{Install: d.store.InstallID(), Incarnation: d.store.IncarnationID(), First: after + 1, Last: items[len(items)-1].Seq}
		for _, it := range items {
			b.Items = append(b.Items, syncproto.NewItem(it.Seq, it.Payload))
		}
		raw, err := b.Sign(d.key.Private, d.key.ID)
		if err != nil {
			t.Fatal(err)
		}
		raws = append(raws, raw)
		after = b.Last
	}
	w := e.worker(d, nil, nil, 100)
	w.Start(context.Background())
	defer w.Stop()
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c := e.client(d, nil)
		for i := len(raws) - 1; i >= 0; i-- {
			for range 2 {
				c.PushBatch(context.Background(), raws[i]) // errors are the injected faults
			}
		}
	}()
	// Restart the hub while both are pushing.
	waitFor(t, "first events at the hub", 30*time.Second, func() bool { return e.deskStats(d.store.InstallID()).Events > 0 })
	e.restart()
	wg.Wait()
	waitFor(t, "the outbox to drain", 60*time.Second, func() bool {
		w.Notify()
		st, _ := d.store.OutboxStats()
		return st.Pending == 0
	})
	w.Stop()
	st := e.deskStats(d.store.InstallID())
	if st.Events != n || st.Checksum != d.store.Checksum() {
		t.Fatalf("hub holds %d events (checksum %s), the desk %d (%s)", st.Events, st.Checksum, n, d.store.Checksum())
	}
	if q := d.store.Quarantined(); len(q) != 0 {
		t.Fatalf("events quarantined under faults: %v", q)
	}
	if st.Dossiers != n/2 {
		t.Fatalf("%d dossiers, want %d", st.Dossiers, n/2)
	}
	if cuts.Load() == 0 {
		t.Fatal("no fault was injected")
	}
	t.Logf("%d requests, %d connections cut, status %+v", calls.Load(), cuts.Load(), w.Status())
}

// TestKillDeskMidPush kills a desk process (SIGKILL) in the middle of a
// push, restarts it, and checks that the hub converges to exactly the
// desk's events.
func TestKillDeskMidPush(t *testing.T) {
	e := newEnv(t)
	d := e.enroll(11, 1)
	dir := t.TempDir()
	const n = 4000
	child := func() *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDeskChild$", "-test.v")
		cmd.Env = append(os.Environ(), "MOTCUA_CHILD_HUB="+e.srv.URL, "MOTCUA_CHILD_DIR="+dir, "MOTCUA_CHILD_N="+strconv.Itoa(n))
		return cmd
	}
	// Slow the hub down a little so the kill lands mid-push.
	e.mu.Lock()
	e.fault = func() int { time.Sleep(20 * time.Millisecond); return 0 }
	e.mu.Unlock()
	cmd := child()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the child to push some events", 60*time.Second, func() bool { return e.deskStats(d.store.InstallID()).Events >= 500 })
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	held := e.deskStats(d.store.InstallID()).Events
	if held >= n {
		t.Fatalf("the child finished before the kill (%d events); the test did not kill it mid-push", held)
	}
	e.mu.Lock()
	e.fault = nil
	e.mu.Unlock()
	out, err := child().CombinedOutput()
	if err != nil {
		t.Fatalf("restarted desk: %v\n%s", err, out)
	}
	// The same store, rebuilt as the child builds it, gives the checksum.
	st := synctest.NewStore(d.store.InstallID(), d.store.IncarnationID())
	synctest.Fill(st, office, n)
	hs := e.deskStats(d.store.InstallID())
	if hs.Events != n || hs.Checksum != st.Checksum() {
		t.Fatalf("after kill and restart the hub holds %d events (%s), the desk %d (%s)", hs.Events, hs.Checksum, n, st.Checksum())
	}
	t.Logf("killed with %d of %d events at the hub", held, n)
}

// TestDeskChild is the desk process of TestKillDeskMidPush.
func TestDeskChild(t *testing.T) {
	hubURL := os.Getenv("MOTCUA_CHILD_HUB")
	if hubURL == "" {
		t.Skip("run by TestKillDeskMidPush")
	}
	n, _ := strconv.Atoi(os.Getenv("MOTCUA_CHILD_N"))
	st := synctest.NewStore(hexID(11), hexID(111))
	if err := synctest.Fill(st, office, n); err != nil {
		t.Fatal(err)
	}
	if err := st.Persist(filepath.Join(os.Getenv("MOTCUA_CHILD_DIR"), "desk")); err != nil {
		t.Fatal(err)
	}
	c, err := syncer.NewClient(hubURL, newKey(11), &http.Client{Timeout: time.Minute}, nil)
	if err != nil {
		t.Fatal(err)
	}
	w, err := syncer.New(syncer.Options{Store: st, Client: c, BatchSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	res, err := w.RunOnce(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("child pushed %+v", res)
}
