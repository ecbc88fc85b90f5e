package syncproto

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// A Batch is a run of outbox events from one desk, signed with the desk's
// Ed25519 key. It covers the journal sequences First..Last of one
// installation: every outbox event in that range is in Items, and the
// sequences in the range that are absent are known not to be outbox events
// (the outbox is a view of the desk's journal, so sequences have gaps). The
// hub uses the range to tell a gap from "nothing to send" (syncthing's
// PrevSequence/LastSequence, ../shared/docs/style.md A6 and point 18).
//
// Wire format (application/x-motcua-batch), all integers unsigned varints
// in their shortest form, strings as varint length + UTF-8 bytes:
//
//	"MCB1"
//	install incarnation key_id            (strings)
//	first last audit_seq                  (varints)
//	audit_hash                            (string: "" or 64 hex digits)
//	created_at                            (varint: Unix milliseconds, desk clock)
//	n                                     (varint)
//	n × { seq (varint), sha256 (32 bytes), payload (varint length + bytes) }
//	signature                             (64 bytes, Ed25519 over every byte before it)
//
// The encoding is canonical: one batch value has exactly one encoding, and
// DecodeBatch refuses anything else, so the signed bytes are the bytes on
// the wire.
type Batch struct {
	// Install and Incarnation identify the desk database (store.InstallID,
	// store.IncarnationID; a restored file has a new incarnation).
	Install     string
	Incarnation string
	// KeyID names the desk's signing key (first 8 hex digits of SHA-256 of
	// the public key, as receipt keys are named).
	KeyID string
	// First and Last bound the journal sequences this batch covers.
	First, Last uint64
	// AuditSeq and AuditHash are the desk's audit chain head when the batch
	// was made (the chain travels with the data, peers.md §5.6).
	AuditSeq  uint64
	AuditHash string
	// CreatedAt is the desk's clock when the batch was made (informational:
	// desk clocks are not trusted).
	CreatedAt time.Time
	Items     []Item
	// Signature is the Ed25519 signature of the encoding without it.
	Signature []byte

	signed []byte // the signed bytes, set by DecodeBatch and Sign
}

// Item is one outbox event in a batch.
type Item struct {
	Seq uint64
	// Hash is SHA-256 of Payload: the event's content hash. The hub keys
	// events by (install, seq) and compares this hash on a re-send.
	Hash    [32]byte
	Payload []byte
}

// NewItem builds an item, computing the content hash.
func NewItem(seq uint64, payload []byte) Item {
	return Item{Seq: seq, Hash: sha256.Sum256(payload), Payload: payload}
}

// HashHex returns the content hash as lower-case hex (the form Hash returns
// for encoded events).
func (it Item) HashHex() string { return hex.EncodeToString(it.Hash[:]) }

// Limits enforced by DecodeBatch and Encode.
const (
	MaxBatchItems   = 10000
	MaxPayloadBytes = 4 << 20
	MaxBatchBytes   = 64 << 20
	maxIDLen        = 64
)

// batchMagic starts every encoded batch; the "1" is the format version.
var batchMagic = []byte("MCB1")

// ErrMalformed is wrapped by every decoding error of this package.
var ErrMalformed = errors.New("malformed")

// ErrSignature is returned when a signature does not verify.
var ErrSignature = errors.New("signature does not verify")

// FormatError names what is wrong with an encoded value. It wraps
// ErrMalformed.
type FormatError struct {
	What  string // "batch", "ack", "pull", "bundle", …
	Field string
	Msg   string
}

func (e *FormatError) Error() string {
	if e.Field == "" {
		return e.What + ": " + e.Msg
	}
	return e.What + ": " + e.Field + ": " + e.Msg
}

// Unwrap makes errors.Is(err, ErrMalformed) true.
func (e *FormatError) Unwrap() error { return ErrMalformed }

func ferr(what, field, format string, a ...any) error {
	return &FormatError{What: what, Field: field, Msg: fmt.Sprintf(format, a...)}
}

// ValidID checks an install, incarnation or key id: 8–64 lower-case hex
// digits.
func ValidID(s string) bool {
	if len(s) < 8 || len(s) > maxIDLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

func validHash(s string) bool { return len(s) == 64 && ValidID(s[:32]) && ValidID(s[32:]) }

// KeyIDOf returns the key id of a public key: the first 8 hex digits of
// SHA-256 of the key (the receipt package's naming).
func KeyIDOf(pub ed25519.PublicKey) string {
	h := sha256.Sum256(pub)
	return hex.EncodeToString(h[:4])
}

// check validates the header and the items (shared by Encode and Decode).
func (b *Batch) check() error {
	const w = "batch"
	switch {
	case !ValidID(b.Install):
		return ferr(w, "install", "install id %q must be 8–64 lower-case hex digits", clip(b.Install))
	case !ValidID(b.Incarnation):
		return ferr(w, "incarnation", "incarnation id %q must be 8–64 lower-case hex digits", clip(b.Incarnation))
	case !ValidID(b.KeyID):
		return ferr(w, "key_id", "key id %q must be 8–64 lower-case hex digits", clip(b.KeyID))
	case b.First == 0:
		return ferr(w, "first", "the first sequence must be 1 or more")
	case b.Last < b.First:
		return ferr(w, "last", "the range %d–%d is reversed", b.First, b.Last)
	case b.AuditHash != "" && !validHash(b.AuditHash):
		return ferr(w, "audit_hash", "audit head hash must be 64 lower-case hex digits")
	case b.AuditHash == "" && b.AuditSeq != 0:
		return ferr(w, "audit_hash", "audit head %d has no hash", b.AuditSeq)
	case len(b.Items) > MaxBatchItems:
		return ferr(w, "items", "%d events, at most %d per batch", len(b.Items), MaxBatchItems)
	}
	var prev uint64
	for i, it := range b.Items {
		switch {
		case it.Seq < b.First || it.Seq > b.Last:
			return ferr(w, fmt.Sprintf("items[%d].seq", i), "sequence %d is outside the batch range %d–%d", it.Seq, b.First, b.Last)
		case i > 0 && it.Seq <= prev:
			return ferr(w, fmt.Sprintf("items[%d].seq", i), "sequence %d does not follow %d (must increase)", it.Seq, prev)
		case len(it.Payload) == 0:
			return ferr(w, fmt.Sprintf("items[%d].payload", i), "event %d is empty", it.Seq)
		case len(it.Payload) > MaxPayloadBytes:
			return ferr(w, fmt.Sprintf("items[%d].payload", i), "event %d is %d bytes, at most %d", it.Seq, len(it.Payload), MaxPayloadBytes)
		case sha256.Sum256(it.Payload) != it.Hash:
			return ferr(w, fmt.Sprintf("items[%d].hash", i), "event %d does not match its content hash", it.Seq)
		}
		prev = it.Seq
	}
	return nil
}

func clip(s string) string {
	if len(s) > 70 {
		s = s[:70] + "…"
	}
	if !utf8.ValidString(s) {
		return fmt.Sprintf("%x", s)
	}
	return s
}

// body encodes everything but the signature.
func (b *Batch) body() ([]byte, error) {
	if err := b.check(); err != nil {
		return nil, err
	}
	size := 128 + len(b.Install) + len(b.Incarnation) + len(b.KeyID) + len(b.AuditHash)
	for _, it := range b.Items {
		size += 2*binary.MaxVarintLen64 + 32 + len(it.Payload)
	}
	if size > MaxBatchBytes {
		return nil, ferr("batch", "items", "the batch would be larger than %d MiB; send fewer events", MaxBatchBytes>>20)
	}
	out := make([]byte, 0, size)
	out = append(out, batchMagic...)
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
	return out, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// Sign validates the batch, signs its canonical encoding with priv and
// returns the encoded batch. keyID must name priv's public key.
func (b *Batch) Sign(priv ed25519.PrivateKey, keyID string) ([]byte, error) {
	if len(priv) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("batch: the desk key is %d bytes, not an Ed25519 private key", len(priv))
	}
	if want := KeyIDOf(priv.Public().(ed25519.PublicKey)); keyID != want {
		return nil, fmt.Errorf("batch: key id %q does not name this key (its id is %s)", keyID, want)
	}
	b.KeyID = keyID
	body, err := b.body()
	if err != nil {
		return nil, err
	}
	b.Signature = ed25519.Sign(priv, body)
	b.signed = body
	return append(body, b.Signature...), nil
}

// Verify checks the signature with the desk's public key. It works on a
// batch returned by DecodeBatch or Sign (the exact signed bytes).
func (b *Batch) Verify(pub ed25519.PublicKey) error {
	if len(pub) != ed25519.PublicKeySize {
		return fmt.Errorf("batch: public key is %d bytes, not an Ed25519 key", len(pub))
	}
	if b.signed == nil || len(b.Signature) != ed25519.SignatureSize {
		return fmt.Errorf("batch: %w (the batch is not signed)", ErrSignature)
	}
	if !ed25519.Verify(pub, b.signed, b.Signature) {
		return fmt.Errorf("batch from key %s: %w", b.KeyID, ErrSignature)
	}
	return nil
}

// Seqs returns the sequences of the items.
func (b *Batch) Seqs() []uint64 {
	out := make([]uint64, len(b.Items))
	for i, it := range b.Items {
		out[i] = it.Seq
	}
	return out
}

// DecodeBatch parses an encoded batch strictly: wrong magic, truncated or
// over-long fields, non-canonical integers, sequences out of order or out of
// range, hashes that do not match, a missing signature and trailing bytes
// are errors wrapping ErrMalformed that name the field. It does not verify
// the signature (the caller looks the key up by b.KeyID and calls Verify).
func DecodeBatch(data []byte) (*Batch, error) {
	const w = "batch"
	if len(data) > MaxBatchBytes {
		return nil, ferr(w, "", "%d bytes, at most %d MiB", len(data), MaxBatchBytes>>20)
	}
	if len(data) < len(batchMagic) || !bytes.Equal(data[:len(batchMagic)], batchMagic) {
		return nil, ferr(w, "", "not a motcua batch (it must start with %q)", batchMagic)
	}
	if len(data) < len(batchMagic)+ed25519.SignatureSize {
		return nil, ferr(w, "signature", "the batch is unsigned or truncated")
	}
	body := data[:len(data)-ed25519.SignatureSize]
	r := reader{what: w, b: body, off: len(batchMagic)}
	var b Batch
	b.Install = r.str("install", maxIDLen)
	b.Incarnation = r.str("incarnation", maxIDLen)
	b.KeyID = r.str("key_id", maxIDLen)
	b.First = r.uvarint("first")
	b.Last = r.uvarint("last")
	b.AuditSeq = r.uvarint("audit_seq")
	b.AuditHash = r.str("audit_hash", 64)
	ms := r.uvarint("created_at")
	if r.err == nil && ms > 1<<53 {
		r.fail("created_at", "time %d is out of range", ms)
	}
	b.CreatedAt = time.UnixMilli(int64(ms)).UTC()
	n := r.uvarint("items")
	if r.err == nil && n > MaxBatchItems {
		r.fail("items", "%d events, at most %d per batch", n, MaxBatchItems)
	}
	if r.err == nil {
		b.Items = make([]Item, 0, min(n, uint64(len(body)/34+1)))
	}
	for i := uint64(0); r.err == nil && i < n; i++ {
		var it Item
		f := fmt.Sprintf("items[%d]", i)
		it.Seq = r.uvarint(f + ".seq")
		copy(it.Hash[:], r.bytes(f+".hash", 32))
		l := r.uvarint(f + ".payload")
		if r.err == nil && l > MaxPayloadBytes {
			r.fail(f+".payload", "%d bytes, at most %d", l, MaxPayloadBytes)
		}
		it.Payload = r.bytes(f+".payload", int(l))
		b.Items = append(b.Items, it)
	}
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(body) {
		return nil, ferr(w, "", "%d unexpected bytes after the last event (or a truncated signature)", len(body)-r.off)
	}
	if err := b.check(); err != nil {
		return nil, err
	}
	b.Signature = append([]byte(nil), data[len(body):]...)
	b.signed = body
	return &b, nil
}

// reader decodes the canonical varint format, remembering the first error.
type reader struct {
	what string
	b    []byte
	off  int
	err  error
}

func (r *reader) fail(field, format string, a ...any) {
	if r.err == nil {
		r.err = ferr(r.what, field, format, a...)
	}
}

func (r *reader) uvarint(field string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	switch {
	case n == 0:
		r.fail(field, "truncated")
		return 0
	case n < 0:
		r.fail(field, "number overflows 64 bits")
		return 0
	case n != uvarintLen(v):
		r.fail(field, "number is not in its shortest encoding")
		return 0
	}
	r.off += n
	return v
}

func uvarintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}

func (r *reader) bytes(field string, n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || n > len(r.b)-r.off {
		r.fail(field, "truncated (%d bytes announced, %d left)", n, len(r.b)-r.off)
		return nil
	}
	out := r.b[r.off : r.off+n : r.off+n]
	r.off += n
	return out
}

func (r *reader) str(field string, maxLen int) string {
	l := r.uvarint(field)
	if r.err != nil {
		return ""
	}
	if l > uint64(maxLen) {
		r.fail(field, "%d bytes, at most %d", l, maxLen)
		return ""
	}
	b := r.bytes(field, int(l))
	if r.err == nil && !utf8.Valid(b) {
		r.fail(field, "not valid UTF-8")
		return ""
	}
	return string(b)
}
