//go:build linux

package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"motcua/hub"
	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

const hubEvents = 100_000

// benchHub: a desk pushing 100,000 events through the real sync worker
// (signed batches of 1,000 over HTTP on loopback) into the hub on
// PostgreSQL (the flow of `motcua-hub bench`); target ≥ 5,000 events/s end
// to end (issue 7). Baseline: COPY of the same event rows, read back from
// the hub, into an unindexed table on the same server (the floor of
// writing those rows). The re-push must add no rows.
func (s *suite) benchHub(ctx context.Context) ([]Row, error) {
	pgURL := s.pg
	serverNote := "server from --pg / MOTCUA_BENCH_PG"
	if pgURL == "" {
		u, stop, err := s.scratchPG(ctx)
		if err != nil {
			return nil, err
		}
		defer stop()
		pgURL = u
		serverNote = "scratch PostgreSQL cluster from scripts/pg-test.sh (loopback; fsync=off, synchronous_commit=off, full_page_writes=off: test settings, so a production server's numbers are lower)"
	}
	conn, err := pgx.Connect(ctx, pgURL)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	var version string
	if err := conn.QueryRow(ctx, "SHOW server_version").Scan(&version); err != nil {
		return nil, err
	}
	name := fmt.Sprintf("motcua_bench_%d", os.Getpid())
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("create scratch database (the role needs CREATEDB): %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
	u, err := url.Parse(pgURL)
	if err != nil {
		return nil, err
	}
	u.Path = "/" + name
	h, err := hub.Open(ctx, u.String(), hub.Options{})
	if err != nil {
		return nil, err
	}
	defer h.Close()

	var mu sync.Mutex
	var inHub time.Duration
	api := h.Handler()
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t0 := time.Now()
		api.ServeHTTP(w, r)
		if r.URL.Path == "/v1/batches" {
			mu.Lock()
			inHub += time.Since(t0)
			mu.Unlock()
		}
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	go srv.Serve(ln)
	defer srv.Close()
	hubURL := "http://" + ln.Addr().String()

	const office = "000.00.06.H56"
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	key := syncer.Key{Private: priv, ID: syncproto.KeyIDOf(pub)}
	st := synctest.NewStore(randHex(), randHex())
	tok, err := h.IssueEnrollToken(ctx, office)
	if err != nil {
		return nil, err
	}
	if _, err := syncer.Enroll(ctx, hubURL, syncproto.EnrollRequest{Token: tok, Install: st.InstallID(), Incarnation: st.IncarnationID(),
		Office: office, Slot: 1, Slots: 10, KeyID: key.ID, PublicKey: pub, Desk: "bench"}, nil); err != nil {
		return nil, err
	}
	s.progress("hub: generating %d synthetic events", hubEvents)
	if err := synctest.Fill(st, office, hubEvents); err != nil {
		return nil, err
	}
	client, err := syncer.NewClient(hubURL, key, nil, nil)
	if err != nil {
		return nil, err
	}
	w, err := syncer.New(syncer.Options{Store: st, Client: client, BatchSize: 1000})
	if err != nil {
		return nil, err
	}
	s.progress("hub: pushing %d events", hubEvents)
	t0 := time.Now()
	res, err := w.RunOnce(ctx)
	el := time.Since(t0)
	if err != nil {
		return nil, fmt.Errorf("push: %w", err)
	}
	mu.Lock()
	hubT := inHub
	inHub = 0
	mu.Unlock()
	if res.Acked != hubEvents {
		return nil, fmt.Errorf("push: %d of %d events acknowledged (%d rejected)", res.Acked, hubEvents, res.Rejected)
	}
	ss, err := h.Stats(ctx)
	if err != nil || len(ss) != 1 {
		return nil, fmt.Errorf("hub stats: %v (%d desks)", err, len(ss))
	}
	rows := ss[0].Events
	st.Unack()
	s.progress("hub: re-pushing (must add nothing)")
	t1 := time.Now()
	res2, err := w.RunOnce(ctx)
	el2 := time.Since(t1)
	if err != nil {
		return nil, fmt.Errorf("re-push: %w", err)
	}
	ss2, err := h.Stats(ctx)
	if err != nil {
		return nil, err
	}

	// Baseline: COPY the same rows into an unindexed copy of the table.
	s.progress("hub: baseline COPY of the same rows")
	hc, err := pgx.Connect(ctx, u.String())
	if err != nil {
		return nil, err
	}
	defer hc.Close(context.WithoutCancel(ctx))
	if _, err := hc.Exec(ctx, "CREATE TABLE bench_events_copy (LIKE events)"); err != nil {
		return nil, err
	}
	q, err := hc.Query(ctx, "SELECT * FROM events ORDER BY install, seq")
	if err != nil {
		return nil, err
	}
	var cols []string
	for _, f := range q.FieldDescriptions() {
		cols = append(cols, f.Name)
	}
	var vals [][]any
	for q.Next() {
		v, err := q.Values()
		if err != nil {
			q.Close()
			return nil, err
		}
		vals = append(vals, v)
	}
	q.Close()
	if err := q.Err(); err != nil {
		return nil, err
	}
	t2 := time.Now()
	copied, err := hc.CopyFrom(ctx, pgx.Identifier{"bench_events_copy"}, cols, pgx.CopyFromRows(vals))
	cp := time.Since(t2)
	if err != nil {
		return nil, fmt.Errorf("baseline COPY: %w", err)
	}

	rate := float64(res.Sent) / el.Seconds()
	base := float64(copied) / cp.Seconds()
	row := Row{ID: "hub", Target: "hub ingest over loopback", Measured: fmt.Sprintf("%.0f events/s", rate), Baseline: fmt.Sprintf("%.0f events/s", base),
		Ratio: ratio(rate, base), Goal: "≥ 5,000 events/s", Value: rate, BaselineValue: base, Unit: "events/s", Samples: res.Batches,
		BaselineIs: "COPY of the same event rows (read back from the hub) into an unindexed copy of the events table, same server"}
	row.judge(rate >= 5000)
	row.note("%d events in %d signed batches through syncer.Worker → HTTP → hub.Ingest: %s end to end; inside the hub's batch handler %s (%.0f events/s)",
		res.Sent, res.Batches, dur(el), dur(hubT), float64(res.Sent)/hubT.Seconds())
	row.note("push of 100,000 events: %s (issue 7: ≤ 30 s); re-push %s: %d duplicates acknowledged, rows %d → %d (must not change); checksum match %v",
		dur(el), dur(el2), res2.Duplicates, rows, ss2[0].Events, ss2[0].Checksum == st.Checksum())
	row.note("baseline COPY of %d rows (%d columns): %s", copied, len(cols), dur(cp))
	row.note("PostgreSQL %s: %s", version, serverNote)
	if ss2[0].Events != rows || res2.Duplicates != hubEvents {
		row.Status = Fail
		row.note("FAILED: the re-push changed the hub")
	}
	if row.Status == Fail {
		// Profile the desk+hub process during another push.
		st2 := synctest.NewStore(randHex(), randHex())
		tok2, err := h.IssueEnrollToken(ctx, office)
		if err != nil {
			return nil, err
		}
		pub2, priv2, _ := ed25519.GenerateKey(rand.Reader)
		key2 := syncer.Key{Private: priv2, ID: syncproto.KeyIDOf(pub2)}
		if _, err := syncer.Enroll(ctx, hubURL, syncproto.EnrollRequest{Token: tok2, Install: st2.InstallID(), Incarnation: st2.IncarnationID(),
			Office: office, Slot: 2, Slots: 10, KeyID: key2.ID, PublicKey: pub2, Desk: "bench2"}, nil); err != nil {
			return nil, err
		}
		if err := synctest.Fill(st2, office, 20000); err != nil {
			return nil, err
		}
		c2, err := syncer.NewClient(hubURL, key2, nil, nil)
		if err != nil {
			return nil, err
		}
		w2, err := syncer.New(syncer.Options{Store: st2, Client: c2, BatchSize: 1000})
		if err != nil {
			return nil, err
		}
		ev, err := s.profile(ctx, "hub", 0, func() error { _, err := w2.RunOnce(ctx); return err })
		if err != nil {
			return nil, err
		}
		row.note("%s", ev)
	}
	return []Row{row}, nil
}

func randHex() string {
	b := make([]byte, 16)
	rand.Read(b)
	return fmt.Sprintf("%x", b)
}

// scratchPG starts a throw-away PostgreSQL cluster with
// scripts/pg-test.sh; stop stops it and removes its folder.
func (s *suite) scratchPG(ctx context.Context) (string, func(), error) {
	if _, err := exec.LookPath("initdb"); err != nil {
		if m, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb"); len(m) == 0 {
			return "", nil, skipf("PostgreSQL server binaries not found (apt-get install postgresql, or pass --pg URL / MOTCUA_BENCH_PG)")
		}
	}
	dir, err := os.MkdirTemp("", "motcua-bench-pg-")
	if err != nil {
		return "", nil, err
	}
	script := filepath.Join(s.root, "scripts", "pg-test.sh")
	stop := func() {
		exec.Command("bash", script, "stop", dir).Run()
		os.RemoveAll(dir)
	}
	s.progress("hub: starting a scratch PostgreSQL in %s", dir)
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, "bash", script, "start", dir)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		stop()
		if ctx.Err() != nil {
			return "", nil, ctx.Err()
		}
		return "", nil, fmt.Errorf("scripts/pg-test.sh start: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), stop, nil
}
