package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"flag"
	"strconv"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
)

var updateCorpus = flag.Bool("update-corpus", false, "rewrite the committed fuzz seed corpus")

func quoteBytes(b []byte) string { return strconv.Quote(string(b)) }

func sampleAck() *BatchAck {
	b := sampleBatch()
	return &BatchAck{Install: b.Install, Incarnation: b.Incarnation, First: b.First, Last: b.Last,
		Items:   []ItemAck{{Seq: 3, Status: AckOK}, {Seq: 7, Status: AckRejected, Reason: "conflict", Conflict: true}},
		Covered: 9, HubTime: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
}

func TestBatchAckRoundTripAndMatch(t *testing.T) {
	a := sampleAck()
	raw, err := EncodeBatchAck(a)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeBatchAck(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Match(sampleBatch()); err != nil {
		t.Fatal(err)
	}
	ok, dup, rej := got.Counts()
	if ok != 1 || dup != 0 || rej != 1 || !got.Conflicts() {
		t.Fatalf("counts %d %d %d", ok, dup, rej)
	}
	other := sampleBatch()
	other.Items = other.Items[:1]
	if err := got.Match(other); err == nil {
		t.Fatal("an ack for two events matched a batch of one")
	}
}

func TestDecodeBatchAckErrors(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"empty", ``, "empty body"},
		{"unknown field", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":1,"items":[],"covered":0,"hub_time":"2026-01-01T00:00:00Z","extra":1}`, "unknown field"},
		{"trailing", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":1,"items":[]} {}`, "after the JSON"},
		{"bad status", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":2,"items":[{"seq":1,"status":"maybe"}]}`, "unknown status"},
		{"rejected without reason", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":2,"items":[{"seq":1,"status":"rejected"}]}`, "needs a reason"},
		{"out of range", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":2,"items":[{"seq":5,"status":"ok"}]}`, "outside"},
		{"unordered", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":9,"items":[{"seq":5,"status":"ok"},{"seq":4,"status":"ok"}]}`, "does not follow"},
		{"conflict not rejected", `{"install":"0123456789abcdef","incarnation":"0123456789abcdef","first":1,"last":9,"items":[{"seq":5,"status":"ok","conflict":true}]}`, "conflict must be rejected"},
		{"bad install", `{"install":"X","incarnation":"0123456789abcdef","first":1,"last":9,"items":[]}`, "install"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeBatchAck([]byte(c.body))
			if err == nil || !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}

func FuzzDecodeBatchAck(f *testing.F) {
	raw, _ := EncodeBatchAck(sampleAck())
	f.Add(raw)
	f.Add([]byte(`{"install":"0123456789abcdef","items":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeBatchAck(data)
		if err != nil {
			return
		}
		if _, err := EncodeBatchAck(a); err != nil {
			t.Fatalf("decoded ack does not encode: %v", err)
		}
	})
}

func sampleChange(cursor uint64) Change {
	at := time.Date(2026, 3, 3, 9, 0, 0, 0, dossier.Zone)
	return Change{Cursor: cursor, ID: "00112233445566778899aabbccddeeff", Kind: ChangeDossier, At: at, By: "so-tu-phap",
		Code:  "000.00.06.H56-260302-0001",
		Event: &dossier.Event{Kind: dossier.EvResultReady, At: at, Actor: "so-tu-phap", Result: dossier.ResultApproved, Department: "Phòng Tư pháp"}}
}

func TestPullRoundTripAndErrors(t *testing.T) {
	p := &PullResponse{After: 4, Cursor: 9, Changes: []Change{sampleChange(5),
		{Cursor: 9, ID: "aabbccddeeff0011", Kind: ChangeHolidays, At: time.Now(), By: "admin", Version: "2027", Data: []byte(`{"year":2027}`)}}}
	raw, err := EncodePull(p)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodePull(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Changes) != 2 || got.Changes[0].Event.Kind != dossier.EvResultReady || string(got.Changes[1].Data) != `{"year":2027}` {
		t.Fatalf("%+v", got)
	}
	if strings.Contains(string(raw), "code_floors") {
		t.Fatalf("an answer without code floors names them: %s", raw)
	}
	p.CodeFloors = []string{"000.00.06.H56-260302-0007", "000.00.06.H56-20260301-0012"}
	raw, _ = EncodePull(p)
	if got, err := DecodePull(raw); err != nil || len(got.CodeFloors) != 2 || got.CodeFloors[1] != p.CodeFloors[1] {
		t.Fatalf("code floors round trip: %v %v", got, err)
	}
	bad := []struct {
		name string
		mod  func(p *PullResponse)
		want string
	}{
		{"cursor not after request", func(p *PullResponse) { p.Changes[0].Cursor = 4 }, "does not follow"},
		{"intake from the hub", func(p *PullResponse) { p.Changes[0].Event.Kind = dossier.EvReceived }, "may not originate"},
		{"bad code", func(p *PullResponse) { p.Changes[0].Code = "nope" }, "code"},
		{"no event", func(p *PullResponse) { p.Changes[0].Event = nil }, "needs the event"},
		{"unknown kind", func(p *PullResponse) { p.Changes[0].Kind = "printer" }, "unknown change kind"},
		{"catalog without data", func(p *PullResponse) {
			p.Changes[0] = Change{Cursor: 5, ID: "aabbccddeeff0011", Kind: ChangeCatalog, At: time.Now(), By: "a", Version: "x"}
		}, "needs its data"},
		{"cursor behind", func(p *PullResponse) { p.Cursor = 4 }, "behind"},
		{"code floor not a code", func(p *PullResponse) { p.CodeFloors = []string{"000.00.06.H56-260302-0001", "HD-260302-0001"} }, "code_floors[1]"},
		{"code floor padded", func(p *PullResponse) { p.CodeFloors = []string{" 000.00.06.H56-260302-0001"} }, "code_floors[0]"},
		{"too many code floors", func(p *PullResponse) {
			p.CodeFloors = make([]string, MaxCodeFloors+1)
			for i := range p.CodeFloors {
				p.CodeFloors[i] = "000.00.06.H56-260302-0001"
			}
		}, "at most"},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			q := &PullResponse{After: 4, Cursor: 9, Changes: []Change{sampleChange(5)}}
			c.mod(q)
			if _, err := EncodePull(q); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

func FuzzDecodePull(f *testing.F) {
	raw, _ := EncodePull(&PullResponse{After: 4, Cursor: 5, Changes: []Change{sampleChange(5)}})
	f.Add(raw)
	f.Add([]byte(`{"after":0,"cursor":0,"more":false,"changes":[]}`))
	f.Add([]byte(`{"after":0,"cursor":0,"more":false,"changes":[],"code_floors":["000.00.06.H56-260302-0007"]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := DecodePull(data)
		if err != nil {
			return
		}
		if _, err := EncodePull(p); err != nil {
			t.Fatalf("decoded pull does not encode: %v", err)
		}
	})
}

func TestRequestAuth(t *testing.T) {
	k, id := testKey()
	pub := k.Public().(ed25519.PublicKey)
	now := time.Unix(1_772_000_000, 0)
	body := []byte(`{"x":1}`)
	h := SignRequest(k, id, "GET", "/v1/pull?after=3", now, body)
	a, err := ParseRequestAuth(h)
	if err != nil {
		t.Fatal(err)
	}
	if a.KeyID != id {
		t.Fatalf("key %s", a.KeyID)
	}
	if err := a.Verify(pub, "GET", "/v1/pull?after=3", body, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := a.Verify(pub, "GET", "/v1/pull?after=0", body, now); !errors.Is(err, ErrSignature) {
		t.Fatalf("altered URI: %v", err)
	}
	if err := a.Verify(pub, "GET", "/v1/pull?after=3", []byte(`{}`), now); !errors.Is(err, ErrSignature) {
		t.Fatalf("altered body: %v", err)
	}
	if err := a.Verify(pub, "GET", "/v1/pull?after=3", body, now.Add(AuthSkew+time.Second)); err == nil || !strings.Contains(err.Error(), "clock") {
		t.Fatalf("stale request: %v", err)
	}
	for _, bad := range []string{"", "Bearer x", AuthScheme + " key=zz,ts=1,sig=AA", AuthScheme + " ts=1,key=0123abcd,sig=AA",
		AuthScheme + " key=0123abcd,ts=01,sig=" + strings.Repeat("A", 86), AuthScheme + " key=0123abcd,ts=1,sig=short"} {
		if _, err := ParseRequestAuth(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestEnrollRequestCheck(t *testing.T) {
	k, id := testKey()
	good := EnrollRequest{Token: strings.Repeat("t", 32), Install: "0123456789abcdef", Incarnation: "0123456789abcdef",
		Office: "000.00.06.H56", Slot: 2, Slots: 10, KeyID: id, PublicKey: k.Public().(ed25519.PublicKey), Desk: "quay-02"}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		mod  func(r *EnrollRequest)
		want string
	}{
		{"short token", func(r *EnrollRequest) { r.Token = "x" }, "token"},
		{"key id of another key", func(r *EnrollRequest) { r.KeyID = "00000000" }, "does not name"},
		{"short key", func(r *EnrollRequest) { r.PublicKey = r.PublicKey[:5] }, "32 bytes"},
		{"slot beyond slots", func(r *EnrollRequest) { r.Slot = 11 }, "slot 11 of 10"},
		{"bad office", func(r *EnrollRequest) { r.Office = "ubnd" }, "office"},
		{"no desk name", func(r *EnrollRequest) { r.Desk = " " }, "desk"},
	}
	for _, c := range cases {
		r := good
		c.mod(&r)
		if err := r.Check(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.want)
		}
	}
}

func TestBundles(t *testing.T) {
	k, _ := testKey()
	raw := signedSample(t)
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	m, err := WriteDeskBundle(&buf, "000.00.06.H56", 17, raw, now)
	if err != nil {
		t.Fatal(err)
	}
	m2, b, braw, err := ReadDeskBundle(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m2 != m || !bytes.Equal(braw, raw) || len(b.Items) != 2 || m2.PullAfter != 17 {
		t.Fatalf("manifest %+v", m2)
	}

	hub := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	hubPub := hub.Public().(ed25519.PublicKey)
	ans := &Answer{Ack: sampleAck(), Pull: &PullResponse{After: 17, Cursor: 18, Changes: []Change{sampleChange(18)}}}
	var out bytes.Buffer
	if err := WriteAnswerBundle(&out, m, ans, hub, KeyIDOf(hubPub), now); err != nil {
		t.Fatal(err)
	}
	am, a, err := ReadAnswerBundle(out.Bytes(), hubPub)
	if err != nil {
		t.Fatal(err)
	}
	if am.Kind != BundleHubAnswer || len(a.Ack.Items) != 2 || a.Pull.Changes[0].Code != "000.00.06.H56-260302-0001" {
		t.Fatalf("%+v %+v", am, a)
	}
	// The desk key does not verify the hub's answer.
	if _, _, err := ReadAnswerBundle(out.Bytes(), k.Public().(ed25519.PublicKey)); err == nil {
		t.Fatal("answer verified with the wrong key")
	}
	// A desk bundle is not an answer, and vice versa.
	if _, _, err := ReadAnswerBundle(buf.Bytes(), hubPub); err == nil {
		t.Fatal("desk bundle read as an answer")
	}
	if _, _, _, err := ReadDeskBundle(out.Bytes()); err == nil {
		t.Fatal("answer read as a desk bundle")
	}
	// A tampered answer (acks rewritten, signature kept) is refused.
	tampered := rewriteEntry(t, out.Bytes(), "answer.json", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`"rejected"`), []byte(`"ok"`), 1)
	})
	if _, _, err := ReadAnswerBundle(tampered, hubPub); !errors.Is(err, ErrSignature) {
		t.Fatalf("tampered answer: %v", err)
	}
	// A manifest that disagrees with the batch is refused.
	bad := rewriteEntry(t, buf.Bytes(), "manifest.json", func(b []byte) []byte {
		return bytes.Replace(b, []byte(`"events": 2`), []byte(`"events": 3`), 1)
	})
	if _, _, _, err := ReadDeskBundle(bad); err == nil || !strings.Contains(err.Error(), "events") {
		t.Fatalf("bad manifest: %v", err)
	}
	if _, _, _, err := ReadDeskBundle([]byte("not a zip")); err == nil || !errors.Is(err, ErrMalformed) {
		t.Fatalf("not a zip: %v", err)
	}
}
