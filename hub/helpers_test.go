package hub_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"motcua/hub"
	"motcua/hub/pgtest"
	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

const office = "000.00.06.H56"

// clock is an adjustable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// env is a hub on a fresh database with an HTTP server in front.
type env struct {
	t     *testing.T
	url   string // PostgreSQL
	hub   *hub.Hub
	srv   *httptest.Server
	clock *clock
	mu    sync.Mutex
	front http.Handler // replaced by restart
	// fault, when set, is asked before each request: 0 serve normally,
	// 1 cut the connection after reading half the request, 2 let the hub
	// handle it and cut the connection before the answer.
	fault func() int
}

func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, url: pgtest.New(t), clock: &clock{t: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}}
	e.open()
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		h, fault := e.front, e.fault
		e.mu.Unlock()
		mode := 0
		if fault != nil {
			mode = fault()
		}
		switch mode {
		case 1:
			io.CopyN(io.Discard, r.Body, r.ContentLength/2)
			cut(w)
			return
		case 2:
			if h != nil {
				h.ServeHTTP(httptest.NewRecorder(), r)
			}
			cut(w)
			return
		}
		if h == nil {
			http.Error(w, `{"error":"hub restarting","code":"internal"}`, http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		e.srv.Close()
		e.mu.Lock()
		if e.hub != nil {
			e.hub.Close()
		}
		e.mu.Unlock()
	})
	return e
}

func (e *env) open() {
	h, err := hub.Open(context.Background(), e.url, hub.Options{Now: e.clock.Now})
	if err != nil {
		e.t.Fatal(err)
	}
	e.mu.Lock()
	e.hub, e.front = h, h.Handler()
	e.mu.Unlock()
}

// restart closes the hub (requests get 503 meanwhile) and opens it again.
func (e *env) restart() {
	e.mu.Lock()
	old := e.hub
	e.hub, e.front = nil, nil
	e.mu.Unlock()
	old.Close()
	e.open()
}

func (e *env) h() *hub.Hub {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.hub
}

// desk is an enrolled test desk.
type desk struct {
	key   syncer.Key
	store *synctest.Store
	hub   ed25519.PublicKey
}

func newKey(seed byte) syncer.Key {
	k := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, 32))
	return syncer.Key{Private: k, ID: syncproto.KeyIDOf(k.Public().(ed25519.PublicKey))}
}

func hexID(seed byte) string {
	h := sha256.Sum256([]byte{seed})
	return fmt.Sprintf("%x", h[:16])
}

func (e *env) enroll(seed byte, slot int) *desk {
	e.t.Helper()
	tok, err := e.h().IssueEnrollToken(context.Background(), office)
	if err != nil {
		e.t.Fatal(err)
	}
	k := newKey(seed)
	st := synctest.NewStore(hexID(seed), hexID(seed+100))
	resp, err := syncer.Enroll(context.Background(), e.srv.URL, enrollReq(tok, k, st, slot), nil)
	if err != nil {
		e.t.Fatal(err)
	}
	return &desk{key: k, store: st, hub: resp.HubPublicKey}
}

func enrollReq(tok string, k syncer.Key, st *synctest.Store, slot int) syncproto.EnrollRequest {
	return syncproto.EnrollRequest{Token: tok, Install: st.InstallID(), Incarnation: st.IncarnationID(), Office: office,
		Slot: slot, Slots: 10, KeyID: k.ID, PublicKey: k.Public(), Desk: fmt.Sprintf("quay-%02d", slot)}
}

func (e *env) client(d *desk, hc *http.Client) *syncer.Client {
	e.t.Helper()
	c, err := syncer.NewClient(e.srv.URL, d.key, hc, e.clock.Now)
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *env) worker(d *desk, hc *http.Client, a syncer.Applier, batch int) *syncer.Worker {
	e.t.Helper()
	w, err := syncer.New(syncer.Options{Store: d.store, Applier: a, Client: e.client(d, hc), BatchSize: batch,
		MinBackoff: 5 * time.Millisecond, MaxBackoff: 50 * time.Millisecond, BlockedBackoff: time.Hour, Interval: time.Hour})
	if err != nil {
		e.t.Fatal(err)
	}
	return w
}

// deskStats returns the hub's stats line for a desk.
func (e *env) deskStats(install string) hub.DeskStats {
	e.t.Helper()
	ss, err := e.h().Stats(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	for _, s := range ss {
		if s.Install == install {
			return s
		}
	}
	e.t.Fatalf("desk %s not in stats", install)
	return hub.DeskStats{}
}

// post sends raw bytes to a hub endpoint and returns status and body.
func (e *env) post(path string, body []byte, header ...string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+path, bytes.NewReader(body))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// signed builds and signs a batch of the desk's pending events after a
// sequence.
func signed(t *testing.T, d *desk, after uint64, limit int) (*syncproto.Batch, []byte) {
	t.Helper()
	items, err := d.store.Pending(after, limit)
	if err != nil || len(items) == 0 {
		t.Fatalf("pending: %v %d", err, len(items))
	}
	b := &syncproto.Batch{Install: d.store.InstallID(), Incarnation: d.store.IncarnationID(), First: after + 1, Last: items[len(items)-1].Seq}
	for _, it := range items {
		b.Items = append(b.Items, syncproto.NewItem(it.Seq, it.Payload))
	}
	raw, err := b.Sign(d.key.Private, d.key.ID)
	if err != nil {
		t.Fatal(err)
	}
	return b, raw
}

// cut closes the client connection without an answer.
func cut(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic("no hijacker")
	}
	c, _, err := hj.Hijack()
	if err == nil {
		c.Close()
	}
}
