package hub_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/hub"
	"motcua/hub/portal"
	"motcua/hub/portal/portaltest"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

// fwdEnv is a hub with a pushed desk, a validating test portal and a
// forwarder for the office.
type fwdEnv struct {
	*env
	d      *desk
	portal *portaltest.Server
	fwd    *hub.Forwarder
}

func newFwdEnv(t *testing.T, dossiers int) *fwdEnv {
	e := newEnv(t)
	d := e.enroll(1, 1)
	if err := synctest.Fill(d.store, office, 2*dossiers); err != nil {
		t.Fatal(err)
	}
	f := &fwdEnv{env: e, d: d, portal: portaltest.New(office)}
	t.Cleanup(f.portal.Close)
	f.push()
	f.fwd = f.forwarder(time.Minute, time.Hour)
	return f
}

func (f *fwdEnv) forwarder(minB, maxB time.Duration) *hub.Forwarder {
	f.t.Helper()
	c := &portal.Client{AdapterURL: f.portal.URL, AuthPath: portaltest.AuthPath, ServicePath: portaltest.SvcPath,
		Username: portaltest.User, Password: portaltest.Password, DstCode: portaltest.DstCode}
	fw, err := f.h().NewForwarder(hub.ForwardOptions{Unit: office, Client: c, MinBackoff: minB, MaxBackoff: maxB, Page: 7})
	if err != nil {
		f.t.Fatal(err)
	}
	return fw
}

func (f *fwdEnv) push() {
	f.t.Helper()
	if res, err := f.worker(f.d, nil, nil, 100).RunOnce(context.Background()); err != nil || res.Rejected != 0 {
		f.t.Fatalf("push %+v %v", res, err)
	}
}

func (f *fwdEnv) run() hub.ForwardResult {
	f.t.Helper()
	res, err := f.fwd.RunOnce(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	if p := f.portal.Problems(); len(p) > 0 {
		f.t.Fatalf("the portal found problems: %v", p)
	}
	return res
}

// change commits a new snapshot of synthetic dossier i after applying evs.
func (f *fwdEnv) change(i int, evs ...dossier.Event) *dossier.Dossier {
	f.t.Helper()
	rec, err := f.h().Dossier(context.Background(), office, string(synctest.Dossier(office, i).Code))
	if err != nil {
		f.t.Fatal(err)
	}
	d := rec.Dossier
	for _, ev := range evs {
		if err := d.Apply(ev); err != nil {
			f.t.Fatalf("%s: %v", ev.Kind, err)
		}
	}
	last := d.History[len(d.History)-1]
	if _, err := f.d.store.Add(&syncproto.Event{Kind: syncproto.KindDossier, At: last.At, Change: string(last.Kind), Code: string(d.Code), Dossier: d}, 0); err != nil {
		f.t.Fatal(err)
	}
	return d
}

// checkPortal compares what the portal holds with the mapping of the
// hub's current state, dossier by dossier, progress item by item.
func (f *fwdEnv) checkPortal(codes ...string) {
	f.t.Helper()
	ctx := context.Background()
	for _, code := range codes {
		rec, err := f.h().Dossier(ctx, office, code)
		if err != nil {
			f.t.Fatal(err)
		}
		h, progress, err := portal.Map(rec.Dossier, portal.Options{})
		if err != nil {
			f.t.Fatal(err)
		}
		var want map[string]any
		b, _ := json.Marshal(h)
		json.Unmarshal(b, &want)
		if got := f.portal.Dossier(code); !reflect.DeepEqual(got, want) {
			f.t.Fatalf("portal holds for %s:\n%v\nwant\n%v", code, got, want)
		}
		var wantP, gotP []string
		for _, p := range progress {
			b, _ := json.Marshal(p)
			var m map[string]any
			json.Unmarshal(b, &m)
			wantP = append(wantP, portaltest.ProgressKey(m))
		}
		for _, m := range f.portal.Progress(code) {
			gotP = append(gotP, portaltest.ProgressKey(m))
		}
		if !reflect.DeepEqual(gotP, wantP) {
			f.t.Fatalf("portal progress for %s:\n%q\nwant\n%q", code, gotP, wantP)
		}
	}
}

func codesOf(n int) []string {
	var out []string
	for i := range n {
		out = append(out, string(synctest.Dossier(office, i).Code))
	}
	return out
}

func (f *fwdEnv) status() *hub.ForwardStatus {
	f.t.Helper()
	s, err := f.h().ForwardStatus(context.Background(), office, 10)
	if err != nil {
		f.t.Fatal(err)
	}
	return s
}

func count(calls []string, prefix string) int {
	n := 0
	for _, c := range calls {
		if strings.HasPrefix(c, prefix) {
			n++
		}
	}
	return n
}

// TestForwardEndToEnd: desk events ingested at the hub go to the
// validating test portal exactly as mapped; a re-run sends nothing; a
// changed dossier goes as an update with only its new progress steps
// (chunks of 10); a change that does not alter the mapped item is
// recorded without a call.
func TestForwardEndToEnd(t *testing.T) {
	f := newFwdEnv(t, 10)
	codes := codesOf(10)
	res := f.run()
	if res.Sent != 10 || res.Updated != 0 || res.Progress != 20 || res.Rejected != 0 {
		t.Fatalf("first pass %+v", res)
	}
	if got := f.portal.Held(); !reflect.DeepEqual(got, codes) {
		t.Fatalf("the portal holds %v, want %v", got, codes)
	}
	f.checkPortal(codes...)
	calls := f.portal.Calls()
	if count(calls, "DongBoHoSoMC/False") != 10 || count(calls, "CapNhatTienDoHoSoMC/") != 10 || len(calls) != 20 {
		t.Fatalf("calls %v", calls)
	}
	// Progress only after the upsert: each dossier's calls in order.
	for i := 0; i < len(calls); i += 2 {
		if !strings.HasPrefix(calls[i], "DongBoHoSoMC") || !strings.HasPrefix(calls[i+1], "CapNhatTienDoHoSoMC") {
			t.Fatalf("calls out of order: %v", calls)
		}
	}
	if s := f.status(); s.Dossiers != 10 || s.Delivered != 10 || s.Pending != 0 || s.Rejected != 0 || s.LastSuccess.IsZero() {
		t.Fatalf("status %+v", s)
	}

	// Re-run: nothing is sent.
	if res := f.run(); res != (hub.ForwardResult{}) {
		t.Fatalf("re-run %+v", res)
	}
	if calls := f.portal.Calls(); len(calls) != 0 {
		t.Fatalf("re-run called the portal: %v", calls)
	}

	// Dossier 3 goes through a supplement cycle five times and its result
	// is ready: an update with its 11 new steps, in chunks of 10.
	at := synctest.Day0.Add(3 * time.Hour)
	var evs []dossier.Event
	for k := range 5 {
		at = at.Add(time.Hour)
		evs = append(evs, dossier.Event{Kind: dossier.EvSupplementRequest, At: at, Actor: "tp01", Items: []string{"Giấy tờ"}, Note: "lần " + string(rune('1'+k))})
		at = at.Add(time.Hour)
		evs = append(evs, dossier.Event{Kind: dossier.EvSupplementReceived, At: at, Actor: "clerk1", Appointment: at.AddDate(0, 0, 5)})
	}
	evs = append(evs, dossier.Event{Kind: dossier.EvResultReady, At: at.Add(time.Hour), Actor: "tp01", Result: dossier.ResultApproved})
	f.change(3, evs...)
	// Dossier 4 gets a note: its state changes, its mapped item does not.
	f.change(4, dossier.Event{Kind: dossier.EvNote, At: at, Actor: "clerk1", Note: "gọi điện cho công dân"})
	f.push()
	res = f.run()
	if res.Sent != 1 || res.Updated != 1 || res.Progress != 11 || res.Unchanged != 1 {
		t.Fatalf("after the change %+v", res)
	}
	if got := strings.Join(f.portal.Calls(), " "); got != "DongBoHoSoMC/True CapNhatTienDoHoSoMC/ CapNhatTienDoHoSoMC/" {
		t.Fatalf("calls for the change: %s", got)
	}
	f.checkPortal(codes...)
	if st := f.portal.Dossier(codes[3])["TrangThaiHoSo"]; st != "9" {
		t.Fatalf("the portal has status %v for %s, want 9 (result ready)", st, codes[3])
	}
	if res := f.run(); res != (hub.ForwardResult{}) {
		t.Fatalf("re-run after the change %+v", res)
	}
	if s := f.status(); s.Delivered != 10 || s.Pending != 0 {
		t.Fatalf("status %+v", s)
	}
}

// TestForwardRejectionsAndOutage: a dossier the portal refuses is recorded
// with the reason and retried with capped backoff while the others are
// delivered; a refused progress step is resent alone; with the portal down
// the pass stops, nothing is recorded against the dossiers, and the
// forwarding loop retries until it is back.
func TestForwardRejectionsAndOutage(t *testing.T) {
	f := newFwdEnv(t, 6)
	codes := codesOf(6)
	bad := codes[2]
	f.portal.SetReject(func(code string) string {
		if code == bad {
			return "Mã thủ tục " + code + " không hợp lệ"
		}
		return ""
	})
	res := f.run()
	if res.Sent != 5 || res.Rejected != 1 {
		t.Fatalf("pass with a refusal %+v", res)
	}
	f.checkPortal(codes[0], codes[1], codes[3], codes[4], codes[5])
	s := f.status()
	if s.Delivered != 5 || s.Rejected != 1 || s.Pending != 0 || len(s.Rejections) != 1 || s.Rejections[0].Code != bad ||
		!strings.Contains(s.Rejections[0].Error, "không hợp lệ") || s.Rejections[0].Attempts != 1 ||
		!s.Rejections[0].NextAttempt.Equal(f.clock.Now().Add(time.Minute)) {
		t.Fatalf("status %+v", s)
	}
	// Not yet due: no call.
	f.portal.Calls()
	if res := f.run(); res.Deferred != 1 || res.Sent != 0 {
		t.Fatalf("before the backoff %+v", res)
	}
	if calls := f.portal.Calls(); len(calls) != 0 {
		t.Fatalf("a deferred dossier was sent: %v", calls)
	}
	// Due: tried again, refused again, the delay doubles.
	f.clock.Add(time.Minute)
	if res := f.run(); res.Rejected != 1 {
		t.Fatalf("retry %+v", res)
	}
	if r := f.status().Rejections[0]; r.Attempts != 2 || !r.NextAttempt.Equal(f.clock.Now().Add(2*time.Minute)) {
		t.Fatalf("second refusal %+v", r)
	}
	// The portal accepts it now.
	f.portal.SetReject(nil)
	f.clock.Add(2 * time.Minute)
	if res := f.run(); res.Sent != 1 {
		t.Fatalf("after the fix %+v", res)
	}
	f.checkPortal(codes...)
	if s := f.status(); s.Delivered != 6 || s.Rejected != 0 || len(s.Rejections) != 0 {
		t.Fatalf("status after the fix %+v", s)
	}

	// A progress step refused: the dossier item went, the step is sent
	// alone on the next pass.
	f.change(1, dossier.Event{Kind: dossier.EvResultReady, At: synctest.Day0.Add(5 * time.Hour), Actor: "tp01", Result: dossier.ResultApproved})
	f.push()
	f.portal.SetRejectProgress(func(string) string { return "tiến độ không hợp lệ" })
	f.portal.Calls()
	if res := f.run(); res.Rejected != 1 || res.Sent != 0 {
		t.Fatalf("refused progress %+v", res)
	}
	f.portal.SetRejectProgress(nil)
	f.clock.Add(time.Minute)
	f.portal.Calls()
	if res := f.run(); res.Sent != 1 || res.Progress != 1 {
		t.Fatalf("progress resent %+v", res)
	}
	if got := strings.Join(f.portal.Calls(), " "); got != "CapNhatTienDoHoSoMC/" {
		t.Fatalf("calls after a refused step: %s", got)
	}
	f.checkPortal(codes...)

	// The portal is down: the pass stops with an outage, nothing is
	// recorded against the dossier, the status shows the error.
	f.change(0, dossier.Event{Kind: dossier.EvResultReady, At: synctest.Day0.Add(6 * time.Hour), Actor: "tp01", Result: dossier.ResultApproved})
	f.push()
	f.portal.SetDown(true)
	_, err := f.fwd.RunOnce(context.Background())
	var pu *hub.PortalUnavailableError
	if !errors.As(err, &pu) || !strings.Contains(err.Error(), "503") {
		t.Fatalf("portal down: %v", err)
	}
	s = f.status()
	if s.Pending != 1 || s.Rejected != 0 || s.Failures != 1 || !strings.Contains(s.LastError, "503") {
		t.Fatalf("status with the portal down %+v", s)
	}
	// The loop retries with backoff until the portal is back.
	loop := f.forwarder(10*time.Millisecond, 40*time.Millisecond)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- loop.Run(ctx) }()
	waitFor(t, "a retried pass", 10*time.Second, func() bool { return f.status().Failures >= 3 })
	f.portal.SetDown(false)
	waitFor(t, "the dossier delivered after the outage", 10*time.Second, func() bool {
		s := f.status()
		return s.Delivered == 6 && s.Failures == 0
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	f.checkPortal(codes...)
	if p := f.portal.Problems(); len(p) > 0 {
		t.Fatalf("problems %v", p)
	}
}
