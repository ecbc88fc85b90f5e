package hub_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"motcua/syncer"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

// TestBadInputRefusals goes through the issue's "bad input and faults"
// list at the HTTP API: unsigned, forged, unknown-desk and malformed
// requests of every endpoint a desk or a department calls get a clear
// error (status, stable code word, a message naming what is wrong), and
// none of them changes what the hub holds.
func TestBadInputRefusals(t *testing.T) {
	e := newEnv(t)
	d := e.enroll(1, 1)
	synctest.Fill(d.store, office, 6)
	_, raw := signed(t, d, 0, 10)
	if status, body := e.post("/v1/batches", raw); status != 200 {
		t.Fatalf("push %d %s", status, body)
	}
	before := e.deskStats(d.store.InstallID())
	key, _ := e.h().IssueAPIKey(context.Background(), "dept", office)

	gz := func(b []byte) []byte {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(b)
		w.Close()
		return buf.Bytes()
	}
	stranger := newKey(9)
	now := e.clock.Now()
	sign := func(k syncer.Key, method, uri string, at time.Time) string {
		return syncproto.SignRequest(k.Private, k.ID, method, uri, at, nil)
	}
	cases := []struct {
		name   string
		method string
		path   string
		body   []byte
		header []string
		status int
		code   string
		msg    string
	}{
		// Batches.
		{"batch: not a batch", "POST", "/v1/batches", []byte("hello"), nil, 400, "malformed", "not a motcua batch"},
		{"batch: empty", "POST", "/v1/batches", nil, nil, 400, "malformed", "not a motcua batch"},
		{"batch: no signature", "POST", "/v1/batches", raw[:10], nil, 400, "malformed", "unsigned or truncated"},
		{"batch: truncated", "POST", "/v1/batches", raw[:len(raw)/2], nil, 400, "malformed", "batch:"},
		{"batch: trailing byte", "POST", "/v1/batches", append(append([]byte(nil), raw...), 0), nil, 400, "malformed", "batch:"},
		{"batch: bad gzip", "POST", "/v1/batches", []byte("MCB1 not gzip"), []string{"Content-Encoding", "gzip"}, 400, "malformed", "gzip body"},
		{"batch: gzip of garbage", "POST", "/v1/batches", gz([]byte("MCB1xx")), []string{"Content-Encoding", "gzip"}, 400, "malformed", "batch:"},
		// Enrolment.
		{"enroll: not JSON", "POST", "/v1/enroll", []byte("{"), nil, 400, "malformed", "enroll"},
		{"enroll: unknown field", "POST", "/v1/enroll", []byte(`{"colour":1}`), nil, 400, "malformed", "unknown field"},
		{"enroll: no token", "POST", "/v1/enroll", []byte(`{"install":"0123456789abcdef"}`), nil, 400, "malformed", "token"},
		// Desk-signed requests.
		{"pull: unsigned", "GET", "/v1/pull", nil, nil, 401, "unauthorised", "MotcuaDesk"},
		{"pull: malformed header", "GET", "/v1/pull", nil, []string{"Authorization", "MotcuaDesk key=zz,ts=1,sig=x"}, 401, "unauthorised", "key id"},
		{"pull: unknown desk", "GET", "/v1/pull?after=0", nil, []string{"Authorization", sign(stranger, "GET", "/v1/pull?after=0", now)}, 401, "unknown-desk", "no enrolled desk"},
		{"pull: forged", "GET", "/v1/pull?after=1", nil, []string{"Authorization", sign(d.key, "GET", "/v1/pull?after=0", now)}, 401, "signature", "does not verify"},
		{"pull: stale", "GET", "/v1/pull?after=0", nil, []string{"Authorization", sign(d.key, "GET", "/v1/pull?after=0", now.Add(-48*time.Hour))}, 401, "signature", "clock"},
		{"pull: bad cursor", "GET", "/v1/pull?after=-1", nil, []string{"Authorization", sign(d.key, "GET", "/v1/pull?after=-1", now)}, 400, "malformed", "after must be a non-negative integer"},
		{"counts: bad date", "GET", "/v1/office/counts?from=2026-13-01&to=2026-03-02", nil,
			[]string{"Authorization", sign(d.key, "GET", "/v1/office/counts?from=2026-13-01&to=2026-03-02", now)}, 400, "malformed", "from must be YYYY-MM-DD"},
		// Department calls.
		{"event: no key", "POST", "/v1/dossiers/x/events", []byte(`{}`), nil, 401, "unauthorised", "API key"},
		{"event: unknown key", "POST", "/v1/dossiers/x/events", []byte(`{}`), []string{"Authorization", "Bearer api-00"}, 401, "unauthorised", "unknown API key"},
		{"event: not JSON", "POST", "/v1/dossiers/x/events", []byte(`{"kind":`), []string{"Authorization", "Bearer " + key}, 400, "malformed", "event:"},
		{"publish: unknown kind", "POST", "/v1/publish/colours", []byte(`{}`), []string{"Authorization", "Bearer " + key}, 400, "malformed", "unknown publication kind"},
	}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, e.srv.URL+c.path, bytes.NewReader(c.body))
		for i := 0; i+1 < len(c.header); i += 2 {
			req.Header.Set(c.header[i], c.header[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var eb syncproto.ErrorBody
		if resp.StatusCode != c.status || json.Unmarshal(b, &eb) != nil || eb.Code != c.code || !strings.Contains(eb.Error, c.msg) {
			t.Errorf("%s: %d %s; want %d %s with %q", c.name, resp.StatusCode, b, c.status, c.code, c.msg)
		}
	}
	after := e.deskStats(d.store.InstallID())
	if after.Events != before.Events || after.Checksum != before.Checksum || after.Anomalies != before.Anomalies {
		t.Fatalf("refused requests changed the hub: %+v → %+v", before, after)
	}
	// A replayed batch of the current copy is a no-op: every event a
	// duplicate.
	if status, body := e.post("/v1/batches", raw); status != 200 || strings.Count(body, `"duplicate"`) != 6 {
		t.Fatalf("replay: %d %s", status, body)
	}
	if st := e.deskStats(d.store.InstallID()); st.Checksum != before.Checksum || st.Events != before.Events {
		t.Fatalf("replay changed the hub: %+v", st)
	}
}
