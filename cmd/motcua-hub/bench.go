package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"motcua/hub"
	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

func init() {
	commands["bench"] = command{"measure ingest over loopback in a scratch database", cmdBench}
}

// cmdBench creates a scratch database on the server of --pg, runs a hub on
// 127.0.0.1, enrols a synthetic desk, pushes N synthetic events through the
// real sync worker (signed batches over HTTP), pushes them all again, and
// prints the measured numbers. The scratch database is dropped at the end.
func cmdBench(ctx context.Context, c *cli, args []string) error {
	var pg string
	var n, batch int
	var keep bool
	if _, err := parse("bench", c, args, &pg, func(fs *flag.FlagSet) {
		fs.IntVar(&n, "events", 100000, "events to push")
		fs.IntVar(&batch, "batch", 1000, "events per batch")
		fs.BoolVar(&keep, "keep", false, "keep the scratch database")
	}); err != nil {
		return err
	}
	if n < 1 || batch < 1 || batch > syncproto.MaxBatchItems {
		return usagef("--events must be ≥ 1 and --batch 1–%d", syncproto.MaxBatchItems)
	}
	conn, err := pgx.Connect(ctx, pg)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	name := fmt.Sprintf("motcua_bench_%d", os.Getpid())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return fmt.Errorf("create scratch database (the --pg role needs CREATEDB): %w", err)
	}
	if !keep {
		defer conn.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	}
	u, err := url.Parse(pg)
	if err != nil {
		return err
	}
	u.Path = "/" + name
	h, err := hub.Open(ctx, u.String(), hub.Options{})
	if err != nil {
		return err
	}
	defer h.Close()

	// Time spent inside the hub's batch handler.
	var mu sync.Mutex
	var inHub time.Duration
	api := h.Handler()
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		api.ServeHTTP(w, r)
		if r.URL.Path == "/v1/batches" {
			mu.Lock()
			inHub += time.Since(t0)
			mu.Unlock()
		}
	})
	srv := &http.Server{Handler: handler}
	ln, err := listenLoopback()
	if err != nil {
		return err
	}
	go srv.Serve(ln)
	defer srv.Close()
	hubURL := "http://" + ln.Addr().String()

	const office = "000.00.06.H56"
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	key := syncer.Key{Private: priv, ID: syncproto.KeyIDOf(pub)}
	st := synctest.NewStore(randHex(), randHex())
	tok, err := h.IssueEnrollToken(ctx, office)
	if err != nil {
		return err
	}
	if _, err := syncer.Enroll(ctx, hubURL, syncproto.EnrollRequest{Token: tok, Install: st.InstallID(), Incarnation: st.IncarnationID(),
		Office: office, Slot: 1, Slots: 10, KeyID: key.ID, PublicKey: pub, Desk: "bench"}, nil); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "generating %d synthetic events…\n", n)
	if err := synctest.Fill(st, office, n); err != nil {
		return err
	}
	client, err := syncer.NewClient(hubURL, key, nil, nil)
	if err != nil {
		return err
	}
	w, err := syncer.New(syncer.Options{Store: st, Client: client, BatchSize: batch})
	if err != nil {
		return err
	}
	push := func(label string) (syncer.Result, time.Duration, time.Duration, error) {
		mu.Lock()
		inHub = 0
		mu.Unlock()
		t0 := time.Now()
		res, err := w.RunOnce(ctx)
		el := time.Since(t0)
		mu.Lock()
		hubT := inHub
		mu.Unlock()
		if err != nil {
			return res, el, hubT, fmt.Errorf("%s: %w", label, err)
		}
		fmt.Fprintf(c.stdout, "%-8s %d events in %d batches: %.2f s end to end (%.0f events/s); hub ingest %.2f s (%.0f events/s)\n",
			label, res.Sent, res.Batches, el.Seconds(), float64(res.Sent)/el.Seconds(), hubT.Seconds(), float64(res.Sent)/hubT.Seconds())
		return res, el, hubT, nil
	}
	res, el, _, err := push("push")
	if err != nil {
		return err
	}
	if res.Acked != n {
		return fmt.Errorf("push: %d of %d events acknowledged", res.Acked, n)
	}
	ss, err := h.Stats(ctx)
	if err != nil || len(ss) != 1 {
		return fmt.Errorf("stats: %v", err)
	}
	rows := ss[0].Events
	st.Unack()
	res2, _, _, err := push("re-push")
	if err != nil {
		return err
	}
	ss2, err := h.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "rows after push %d, after re-push %d (re-push duplicates %d); checksum match %v\n",
		rows, ss2[0].Events, res2.Duplicates, ss2[0].Checksum == st.Checksum())
	fmt.Fprintf(c.stdout, "targets: hub ingest ≥ 5000 events/s; 100,000 events pushed ≤ 30 s (this run: %d in %.1f s); re-push adds no rows: %v\n",
		n, el.Seconds(), ss2[0].Events == rows)
	if ss2[0].Events != rows || res2.Duplicates != n {
		return fmt.Errorf("re-push changed the hub")
	}
	return nil
}

func randHex() string {
	b := make([]byte, 16)
	rand.Read(b)
	return fmt.Sprintf("%x", b)
}
