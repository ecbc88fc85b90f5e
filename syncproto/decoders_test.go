package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

// Fuzz targets for every decoder the hub runs on what a desk sends (the
// batch has FuzzDecodeBatch): enrolment requests, the signed-request
// Authorization header and USB desk bundles; and the desk's reader of the
// hub's USB answers. Seeds: the case tables below.

func enrollJSON(t testing.TB, mod func(m map[string]any)) []byte {
	k, id := testKey()
	m := map[string]any{"token": strings.Repeat("t", 32), "install": "0123456789abcdef", "incarnation": "0123456789abcdef",
		"office": "000.00.06.H56", "slot": 2, "slots": 10, "key_id": id, "public_key": []byte(k.Public().(ed25519.PublicKey)), "desk": "quay-02"}
	if mod != nil {
		mod(m)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var enrollCases = []struct {
	name string
	mod  func(m map[string]any)
	raw  string // used instead of mod when set
	want string // "" = valid
}{
	{"valid", nil, "", ""},
	{"unknown field", func(m map[string]any) { m["colour"] = "red" }, "", "unknown field"},
	{"slot as text", func(m map[string]any) { m["slot"] = "2" }, "", "slot"},
	{"short key", func(m map[string]any) { m["public_key"] = []byte{1, 2} }, "", "32 bytes"},
	{"upper-case install", func(m map[string]any) { m["install"] = "0123456789ABCDEF" }, "", "install"},
	{"empty body", nil, " ", "empty body"},
	{"not an object", nil, "[1,2]", "enroll"},
	{"two values", nil, `{"token":"x"} {}`, "unexpected data"},
	{"truncated", nil, `{"token":"abc`, "enroll"},
}

func enrollCaseBytes(t testing.TB, i int) []byte {
	c := enrollCases[i]
	if c.raw != "" {
		return []byte(c.raw)
	}
	return enrollJSON(t, c.mod)
}

func TestDecodeEnrollRequestCases(t *testing.T) {
	for i, c := range enrollCases {
		r, err := DecodeEnrollRequest(enrollCaseBytes(t, i))
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want == "" && r.Desk != "quay-02":
			t.Errorf("%s: decoded %+v", c.name, r)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want) || !errors.Is(err, ErrMalformed)):
			t.Errorf("%s: got %v, want a malformed error with %q", c.name, err, c.want)
		}
	}
}

// FuzzDecodeEnrollRequest: never panics; what decodes passes Check; every
// error wraps ErrMalformed (the hub answers 400).
func FuzzDecodeEnrollRequest(f *testing.F) {
	for i := range enrollCases {
		f.Add(enrollCaseBytes(f, i))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := DecodeEnrollRequest(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
			return
		}
		if err := r.Check(); err != nil {
			t.Fatalf("decoded request fails its check: %v", err)
		}
	})
}

func authCases() []string {
	k, id := testKey()
	valid := SignRequest(k, id, "GET", "/v1/pull?after=3", time.Unix(1_772_000_000, 0), nil)
	return []string{valid, "", "Bearer x", AuthScheme + " key=zz,ts=1,sig=AA", AuthScheme + " ts=1,key=0123abcd,sig=AA",
		AuthScheme + " key=0123abcd,ts=01,sig=" + strings.Repeat("A", 86), AuthScheme + " key=0123abcd,ts=1,sig=short",
		AuthScheme + " key=0123abcd,ts=-5,sig=" + strings.Repeat("A", 86), AuthScheme + " key=0123abcd,ts=1,sig=" + strings.Repeat("A", 86) + ",x=1",
		valid + " ", strings.Replace(valid, "key=", "KEY=", 1),
		// Found by the fuzzer: stray bits in the last base64 character
		// gave a second encoding of one signature.
		AuthScheme + " key=00000000,ts=10,sig=" + strings.Repeat("0", 86),
		// and a line break, which the base64 decoder skips.
		AuthScheme + " key=00000000,ts=1,sig=" + strings.Repeat("0", 57) + "\n" + strings.Repeat("0", 28) + "A"}
}

// FuzzParseRequestAuth: never panics, and what parses is canonical: it
// formats back to the same header.
func FuzzParseRequestAuth(f *testing.F) {
	for _, c := range authCases() {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, h string) {
		a, err := ParseRequestAuth(h)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
			return
		}
		back := fmt.Sprintf("%s key=%s,ts=%d,sig=%s", AuthScheme, a.KeyID, a.TS.Unix(), base64.RawURLEncoding.EncodeToString(a.Sig))
		if back != h {
			t.Fatalf("parsed %q, formats back as %q", h, back)
		}
	})
}

func TestParseRequestAuthCases(t *testing.T) {
	for i, c := range authCases() {
		_, err := ParseRequestAuth(c)
		if (i == 0) != (err == nil) {
			t.Errorf("%q: %v", c, err)
		}
	}
}

// deskBundleCases: the first two are readable (zip tolerates bytes after
// its directory; the batch inside is still checked byte for byte), the
// others are not.
func deskBundleCases(t testing.TB) [][]byte {
	raw := signedSample(t)
	var buf bytes.Buffer
	if _, err := WriteDeskBundle(&buf, "000.00.06.H56", 17, raw, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	return [][]byte{good, append(append([]byte(nil), good...), 0), []byte("not a zip"), good[:len(good)/2],
		bytes.ReplaceAll(good, []byte("manifest.json"), []byte("manifest.jsoN")), nil}
}

// FuzzReadDeskBundle: the hub's reader of USB bundles never panics and
// every error wraps ErrMalformed (a clear 400, nothing imported).
func FuzzReadDeskBundle(f *testing.F) {
	for _, c := range deskBundleCases(f) {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, batch, raw, err := ReadDeskBundle(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
			return
		}
		if batch == nil || m.Events != len(batch.Items) || len(raw) == 0 {
			t.Fatalf("inconsistent bundle %+v", m)
		}
	})
}

func TestReadDeskBundleCases(t *testing.T) {
	for i, c := range deskBundleCases(t) {
		_, _, _, err := ReadDeskBundle(c)
		if (i < 2) != (err == nil) || (err != nil && !errors.Is(err, ErrMalformed)) {
			t.Errorf("case %d: %v", i, err)
		}
	}
}

// FuzzReadAnswerBundle: the desk's reader of the hub's USB answers never
// panics and accepts nothing the hub key did not sign.
func FuzzReadAnswerBundle(f *testing.F) {
	hub := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{9}, 32))
	hubPub := hub.Public().(ed25519.PublicKey)
	var buf bytes.Buffer
	raw := signedSample(f)
	m, err := WriteDeskBundle(&buf, "000.00.06.H56", 17, raw, time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC))
	if err != nil {
		f.Fatal(err)
	}
	var out bytes.Buffer
	ans := &Answer{Ack: sampleAck(), Pull: &PullResponse{After: 17, Cursor: 18, Changes: []Change{sampleChange(18)}}}
	if err := WriteAnswerBundle(&out, m, ans, hub, KeyIDOf(hubPub), time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)); err != nil {
		f.Fatal(err)
	}
	good := out.Bytes()
	f.Add(good)
	f.Add(buf.Bytes())
	f.Add(good[:len(good)-10])
	f.Fuzz(func(t *testing.T, b []byte) {
		_, a, err := ReadAnswerBundle(b, hubPub)
		if err == nil && (a == nil || a.Ack == nil || a.Pull == nil) {
			t.Fatal("accepted an answer without acknowledgement or pull")
		}
	})
}
