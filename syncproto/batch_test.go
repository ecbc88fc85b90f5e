package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testSeed = bytes.Repeat([]byte{7}, ed25519.SeedSize)

func testKey() (ed25519.PrivateKey, string) {
	k := ed25519.NewKeyFromSeed(testSeed)
	return k, KeyIDOf(k.Public().(ed25519.PublicKey))
}

func sampleBatch() *Batch {
	return &Batch{
		Install: "0123456789abcdef0123456789abcdef", Incarnation: "fedcba9876543210fedcba9876543210",
		First: 3, Last: 9, AuditSeq: 42, AuditHash: strings.Repeat("ab", 32),
		CreatedAt: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC),
		Items: []Item{
			NewItem(3, []byte(`{"seq":3,"kind":"dossier"}`)),
			NewItem(7, []byte(`{"seq":7,"kind":"dossier"}`)),
		},
	}
}

func signedSample(t testing.TB) []byte {
	k, id := testKey()
	raw, err := sampleBatch().Sign(k, id)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestBatchRoundTripAndVerify(t *testing.T) {
	k, id := testKey()
	raw := signedSample(t)
	b, err := DecodeBatch(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := b.Verify(k.Public().(ed25519.PublicKey)); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if b.KeyID != id || b.First != 3 || b.Last != 9 || len(b.Items) != 2 || b.Items[1].Seq != 7 || b.AuditSeq != 42 {
		t.Fatalf("decoded %+v", b)
	}
	if !b.CreatedAt.Equal(time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("created %v", b.CreatedAt)
	}
	// Canonical: re-encoding the decoded batch gives the same bytes.
	again, err := b.Sign(k, id)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again, raw) {
		t.Fatal("re-encoding differs: the encoding is not canonical")
	}
	// Another key does not verify it.
	other := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{8}, 32))
	if err := b.Verify(other.Public().(ed25519.PublicKey)); !errors.Is(err, ErrSignature) {
		t.Fatalf("foreign key: %v", err)
	}
}

func TestBatchForgeries(t *testing.T) {
	k, _ := testKey()
	pub := k.Public().(ed25519.PublicKey)
	raw := signedSample(t)
	// Flip one byte of a payload and fix its hash: the structure is valid
	// but the signature no longer is.
	b, _ := DecodeBatch(raw)
	b.Items[0].Payload = []byte(`{"seq":3,"kind":"DOSSIER"}`)
	b.Items[0] = NewItem(3, b.Items[0].Payload)
	body, err := b.body()
	if err != nil {
		t.Fatal(err)
	}
	forged := append(body, raw[len(raw)-64:]...)
	fb, err := DecodeBatch(forged)
	if err != nil {
		t.Fatal(err)
	}
	if err := fb.Verify(pub); !errors.Is(err, ErrSignature) {
		t.Fatalf("forged batch verified: %v", err)
	}
	// Zeroed signature.
	zero := append(append([]byte(nil), raw[:len(raw)-64]...), make([]byte, 64)...)
	zb, err := DecodeBatch(zero)
	if err != nil {
		t.Fatal(err)
	}
	if err := zb.Verify(pub); !errors.Is(err, ErrSignature) {
		t.Fatalf("zero signature verified: %v", err)
	}
	// A batch built in memory and never signed.
	if err := sampleBatch().Verify(pub); !errors.Is(err, ErrSignature) {
		t.Fatalf("unsigned: %v", err)
	}
}

func TestSignRefusesWrongKeyID(t *testing.T) {
	k, _ := testKey()
	if _, err := sampleBatch().Sign(k, "00000000"); err == nil || !strings.Contains(err.Error(), "does not name") {
		t.Fatalf("got %v", err)
	}
	if _, err := sampleBatch().Sign(k[:10], "00000000"); err == nil {
		t.Fatal("short key accepted")
	}
}

// batchCase is a malformed encoding and the field its error must name.
type batchCase struct {
	name  string
	data  func(raw []byte) []byte
	field string
}

func mutate(f func(b *Batch)) func([]byte) []byte {
	return func([]byte) []byte {
		b := sampleBatch()
		f(b)
		b.KeyID = "0badc0de"
		// Encode without check: build the body by hand through a
		// permissive path so invalid values reach the decoder.
		return rawBody(b)
	}
}

// rawBody encodes b without validating it and appends a dummy signature.
func rawBody(b *Batch) []byte {
	out := append([]byte(nil), batchMagic...)
	out = appendString(out, b.Install)
	out = appendString(out, b.Incarnation)
	out = appendString(out, b.KeyID)
	out = binary.AppendUvarint(out, b.First)
	out = binary.AppendUvarint(out, b.Last)
	out = binary.AppendUvarint(out, b.AuditSeq)
	out = appendString(out, b.AuditHash)
	out = binary.AppendUvarint(out, uint64(max(b.CreatedAt.UnixMilli(), 0)))
	out = binary.AppendUvarint(out, uint64(len(b.Items)))
	for _, it := range b.Items {
		out = binary.AppendUvarint(out, it.Seq)
		out = append(out, it.Hash[:]...)
		out = binary.AppendUvarint(out, uint64(len(it.Payload)))
		out = append(out, it.Payload...)
	}
	return append(out, make([]byte, 64)...)
}

var batchCases = []batchCase{
	{"empty", func([]byte) []byte { return nil }, ""},
	{"not a batch", func([]byte) []byte { return []byte(`{"json":true}`) }, ""},
	{"magic only", func([]byte) []byte { return []byte("MCB1") }, "signature"},
	{"truncated", func(r []byte) []byte { return r[:len(r)-80] }, ""},
	{"trailing byte", func(r []byte) []byte { return append(append([]byte(nil), r...), 0) }, ""},
	{"bad install", mutate(func(b *Batch) { b.Install = "XYZ" }), "install"},
	{"bad incarnation", mutate(func(b *Batch) { b.Incarnation = "" }), "incarnation"},
	{"first zero", mutate(func(b *Batch) { b.First = 0 }), "first"},
	{"reversed range", mutate(func(b *Batch) { b.First, b.Last = 9, 3 }), "last"},
	{"seq outside range", mutate(func(b *Batch) { b.Items[1] = NewItem(10, b.Items[1].Payload) }), "items[1].seq"},
	{"seq not increasing", mutate(func(b *Batch) { b.Items[1] = NewItem(3, b.Items[1].Payload) }), "items[1].seq"},
	{"hash mismatch", mutate(func(b *Batch) { b.Items[0].Hash[0] ^= 1 }), "items[0].hash"},
	{"empty payload", mutate(func(b *Batch) { b.Items[0] = NewItem(3, nil) }), "items[0].payload"},
	{"bad audit hash", mutate(func(b *Batch) { b.AuditHash = "zz" }), "audit_hash"},
	{"audit seq without hash", mutate(func(b *Batch) { b.AuditHash = "" }), "audit_hash"},
	{"long install", mutate(func(b *Batch) { b.Install = strings.Repeat("a", 65) }), "install"},
	{"non-canonical varint", func(r []byte) []byte {
		// Re-encode "first" (3) as the two-byte form 0x83 0x00.
		b := sampleBatch()
		b.KeyID = "0badc0de"
		out := append([]byte(nil), batchMagic...)
		out = appendString(out, b.Install)
		out = appendString(out, b.Incarnation)
		out = appendString(out, b.KeyID)
		out = append(out, 0x83, 0x00)
		return append(out, make([]byte, 80)...)
	}, "first"},
	{"too many items", func([]byte) []byte {
		b := sampleBatch()
		b.KeyID = "0badc0de"
		raw := rawBody(&Batch{Install: b.Install, Incarnation: b.Incarnation, KeyID: b.KeyID, First: 1, Last: 1})
		// Replace the item count 0 by MaxBatchItems+1.
		i := len(raw) - 64 - 1
		out := append([]byte(nil), raw[:i]...)
		out = binary.AppendUvarint(out, MaxBatchItems+1)
		return append(out, make([]byte, 64)...)
	}, "items"},
}

func TestDecodeBatchErrors(t *testing.T) {
	raw := signedSample(t)
	for _, c := range batchCases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeBatch(c.data(raw))
			if err == nil {
				t.Fatal("accepted")
			}
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("not a FormatError: %v", err)
			}
			if c.field != "" && fe.Field != c.field {
				t.Fatalf("error names field %q, want %q (%v)", fe.Field, c.field, err)
			}
		})
	}
}

func TestEmptyBatchCoversRange(t *testing.T) {
	k, id := testKey()
	b := &Batch{Install: "0123456789abcdef", Incarnation: "0123456789abcdef", First: 1, Last: 100}
	raw, err := b.Sign(k, id)
	if err != nil {
		t.Fatal(err)
	}
	d, err := DecodeBatch(raw)
	if err != nil || len(d.Items) != 0 || d.Last != 100 {
		t.Fatalf("%v %+v", err, d)
	}
}

// FuzzDecodeBatch: decoding never panics, and whatever decodes re-encodes
// to the same bytes (the format is canonical). Seeds: the case table and
// the committed corpus in testdata/fuzz/FuzzDecodeBatch.
func FuzzDecodeBatch(f *testing.F) {
	raw := signedSample(f)
	f.Add(raw)
	for _, c := range batchCases {
		f.Add(c.data(raw))
	}
	k, id := testKey()
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := DecodeBatch(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error does not wrap ErrMalformed: %v", err)
			}
			return
		}
		body, err := b.body()
		if err != nil {
			t.Fatalf("decoded batch does not re-encode: %v", err)
		}
		if !bytes.Equal(append(body, b.Signature...), data) {
			t.Fatal("decoded batch re-encodes differently")
		}
		if b.KeyID == id {
			_ = b.Verify(k.Public().(ed25519.PublicKey))
		}
	})
}

// TestFuzzCorpusCommitted keeps the committed seed corpus in step with the
// case table (run with -update-corpus to rewrite it).
func TestFuzzCorpusCommitted(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecodeBatch")
	if *updateCorpus {
		raw := signedSample(t)
		os.MkdirAll(dir, 0o755)
		write := func(name string, b []byte) {
			s := "go test fuzz v1\n[]byte(" + quoteBytes(b) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, name), []byte(s), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write("valid", raw)
		for _, c := range batchCases {
			write(strings.ReplaceAll(c.name, " ", "-"), c.data(raw))
		}
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatalf("committed corpus missing: %v", err)
	}
	if len(ents) != len(batchCases)+1 {
		t.Fatalf("corpus has %d files, the case table %d (+1 valid); run go test -run TestFuzzCorpusCommitted -update-corpus", len(ents), len(batchCases))
	}
}
