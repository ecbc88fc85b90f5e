package syncer_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

func TestBackoff(t *testing.T) {
	cases := []struct {
		n      int
		jitter float64
		want   time.Duration
	}{
		{1, 0, 1 * time.Second}, {1, 0.999999, 2*time.Second - time.Microsecond},
		{2, 0, 2 * time.Second}, {3, 0, 4 * time.Second}, {9, 0, 150 * time.Second}, {50, 0, 150 * time.Second},
	}
	for _, c := range cases {
		got := syncer.Backoff(c.n, 2*time.Second, 5*time.Minute, c.jitter)
		if got.Round(time.Millisecond) != c.want.Round(time.Millisecond) {
			t.Errorf("Backoff(%d, jitter %v) = %v, want %v", c.n, c.jitter, got, c.want)
		}
	}
}

// fakeHub acknowledges every event except those whose payload contains
// "poison", which it rejects; it fails the first `down` requests with 503.
func fakeHub(t *testing.T, down int32) (*httptest.Server, *atomic.Int32) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= down {
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"error":"down","code":"internal"}`))
			return
		}
		raw, _ := io.ReadAll(r.Body)
		if r.Header.Get("Content-Encoding") == "gzip" {
			raw = gunzip(t, raw)
		}
		b, err := syncproto.DecodeBatch(raw)
		if err != nil {
			t.Errorf("hub got a bad batch: %v", err)
			return
		}
		a := syncproto.BatchAck{Install: b.Install, Incarnation: b.Incarnation, First: b.First, Last: b.Last, HubTime: time.Now()}
		for _, it := range b.Items {
			st := syncproto.ItemAck{Seq: it.Seq, Status: syncproto.AckOK}
			if bytes.Contains(it.Payload, []byte("poison")) {
				st = syncproto.ItemAck{Seq: it.Seq, Status: syncproto.AckRejected, Reason: "poisoned"}
			}
			a.Items = append(a.Items, st)
		}
		json.NewEncoder(w).Encode(a)
	}))
	t.Cleanup(srv.Close)
	return srv, &calls
}

type progress struct{ n atomic.Int32 }

func (p *progress) SyncProgress(syncer.Report) { p.n.Add(1) }

func TestWorkerRetriesQuarantinesAndNeverBlocks(t *testing.T) {
	srv, calls := fakeHub(t, 2)
	st := synctest.NewStore("0123456789abcdef", "fedcba9876543210")
	synctest.Fill(st, "000.00.06.H56", 10)
	poison := st.AddRaw([]byte(`{"poison":true}`))
	synctest.Fill(st, "000.00.06.H56", 0)
	k := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	c, err := syncer.NewClient(srv.URL, syncer.Key{Private: k, ID: syncproto.KeyIDOf(k.Public().(ed25519.PublicKey))}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &progress{}
	w, err := syncer.New(syncer.Options{Store: st, Client: c, Progress: p, BatchSize: 4, MinBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Interval: time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	w.Start(context.Background())
	defer w.Stop()
	// The UI calls never block, even while the worker is busy.
	done := make(chan struct{})
	go func() {
		for range 1000 {
			w.Notify()
			w.SyncNow()
			_ = w.Status()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Notify/SyncNow/Status blocked")
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, _ := st.OutboxStats()
		if s.Pending == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("outbox did not drain: %+v, status %+v", s, w.Status())
		}
		time.Sleep(5 * time.Millisecond)
	}
	q := st.Quarantined()
	if len(q) != 1 || q[poison] != "poisoned" {
		t.Fatalf("quarantine %v", q)
	}
	s := w.Status()
	if s.Acked != 10 || s.Rejected != 1 || s.LastSuccess.IsZero() || s.Quarantined != 1 || calls.Load() < 3 || p.n.Load() == 0 {
		t.Fatalf("status %+v calls %d progress %d", s, calls.Load(), p.n.Load())
	}
	// Retry puts the event back; the hub rejects it again.
	if err := st.Retry(poison); err != nil {
		t.Fatal(err)
	}
	if res, err := w.RunOnce(context.Background()); err != nil || res.Rejected != 1 || res.Sent != 1 {
		t.Fatalf("retry %+v %v", res, err)
	}
}

func TestWorkerNetworkFailureKeepsTheBatch(t *testing.T) {
	srv, _ := fakeHub(t, 1000)
	st := synctest.NewStore("0123456789abcdef", "fedcba9876543210")
	synctest.Fill(st, "000.00.06.H56", 3)
	k := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{3}, 32))
	c, _ := syncer.NewClient(srv.URL, syncer.Key{Private: k, ID: syncproto.KeyIDOf(k.Public().(ed25519.PublicKey))}, nil, nil)
	w, _ := syncer.New(syncer.Options{Store: st, Client: c})
	_, err := w.RunOnce(context.Background())
	if err == nil || !syncer.IsTransient(err) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("got %v", err)
	}
	if s, _ := st.OutboxStats(); s.Pending != 3 || s.Quarantined != 0 {
		t.Fatalf("a failed batch changed the outbox: %+v", s)
	}
	if s := w.Status(); s.Failures != 1 || s.Blocked || s.LastError == "" {
		t.Fatalf("status %+v", s)
	}
	if _, err := syncer.NewClient("ftp://x", syncer.Key{Private: k, ID: "00000000"}, nil, nil); err == nil {
		t.Fatal("bad URL accepted")
	}
	if _, err := syncer.NewClient(srv.URL, syncer.Key{Private: k, ID: "00000000"}, nil, nil); err == nil || !strings.Contains(err.Error(), "does not name") {
		t.Fatalf("wrong key id: %v", err)
	}
}
