package syncproto

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// USB carry (peers.md §5.8: batch files go out, status files come back).
//
// A desk bundle is a zip file with two entries:
//
//	manifest.json   Manifest (kind "desk-batch")
//	batch.mcb       a signed Batch (the same bytes as an HTTP push)
//
// The hub's answer bundle is a zip file with three entries:
//
//	manifest.json   Manifest (kind "hub-answer")
//	answer.json     Answer: the acknowledgements and the pulled changes
//	answer.sig      64 bytes: the hub's Ed25519 signature over
//	                "motcua-answer-v1\n" ‖ SHA-256(manifest.json) ‖ SHA-256(answer.json)
//
// The desk learnt the hub's public key at enrolment and refuses an answer
// it does not verify.

// Bundle kinds and format name.
const (
	BundleFormat     = "motcua-sync-bundle"
	BundleDeskBatch  = "desk-batch"
	BundleHubAnswer  = "hub-answer"
	maxBundleEntries = 3
	maxManifestBytes = 64 << 10
	maxAnswerBytes   = 256 << 20
)

// Manifest describes a bundle; it is checked against the contents.
type Manifest struct {
	Format      string `json:"format"`
	Version     int    `json:"version"`
	Kind        string `json:"kind"`
	Install     string `json:"install"`
	Incarnation string `json:"incarnation"`
	Office      string `json:"office"`
	// KeyID is the signer: the desk key (desk-batch) or the hub key
	// (hub-answer).
	KeyID  string `json:"key_id"`
	First  uint64 `json:"first"`
	Last   uint64 `json:"last"`
	Events int    `json:"events"`
	// PullAfter is the desk's pull cursor (desk-batch): the hub puts the
	// changes after it in the answer.
	PullAfter uint64 `json:"pull_after"`
	// BatchSHA256 is the SHA-256 of batch.mcb (desk-batch), or of the
	// batch being answered (hub-answer).
	BatchSHA256 string    `json:"batch_sha256"`
	CreatedAt   time.Time `json:"created_at"`
}

// Answer is the hub's reply carried back by USB.
type Answer struct {
	Ack  *BatchAck     `json:"ack"`
	Pull *PullResponse `json:"pull"`
}

// WriteDeskBundle writes a desk bundle for an encoded, signed batch.
func WriteDeskBundle(w io.Writer, office string, pullAfter uint64, batch []byte, now time.Time) (Manifest, error) {
	b, err := DecodeBatch(batch)
	if err != nil {
		return Manifest{}, err
	}
	h := sha256.Sum256(batch)
	m := Manifest{Format: BundleFormat, Version: 1, Kind: BundleDeskBatch,
		Install: b.Install, Incarnation: b.Incarnation, Office: office, KeyID: b.KeyID,
		First: b.First, Last: b.Last, Events: len(b.Items), PullAfter: pullAfter,
		BatchSHA256: hex.EncodeToString(h[:]), CreatedAt: now.UTC()}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return Manifest{}, err
	}
	return m, writeZip(w, now, []zipEntry{{"manifest.json", mb}, {"batch.mcb", batch}})
}

// ReadDeskBundle reads and checks a desk bundle: known entries only, a
// manifest that agrees with the batch. The batch signature is not
// verified here (the hub looks the key up).
func ReadDeskBundle(data []byte) (Manifest, *Batch, []byte, error) {
	files, err := readZip(data, []string{"manifest.json", "batch.mcb"}, map[string]int64{"manifest.json": maxManifestBytes, "batch.mcb": MaxBatchBytes})
	if err != nil {
		return Manifest{}, nil, nil, err
	}
	var m Manifest
	if err := strictJSON("bundle manifest", files["manifest.json"], &m); err != nil {
		return m, nil, nil, err
	}
	if err := m.checkHeader(BundleDeskBatch); err != nil {
		return m, nil, nil, err
	}
	raw := files["batch.mcb"]
	b, err := DecodeBatch(raw)
	if err != nil {
		return m, nil, nil, fmt.Errorf("bundle: batch.mcb: %w", err)
	}
	h := sha256.Sum256(raw)
	const w = "bundle manifest"
	switch {
	case m.BatchSHA256 != hex.EncodeToString(h[:]):
		return m, nil, nil, ferr(w, "batch_sha256", "does not match batch.mcb (the file was altered or truncated)")
	case m.Install != b.Install || m.Incarnation != b.Incarnation || m.KeyID != b.KeyID:
		return m, nil, nil, ferr(w, "install", "the manifest names another desk than the batch")
	case m.First != b.First || m.Last != b.Last || m.Events != len(b.Items):
		return m, nil, nil, ferr(w, "events", "the manifest says %d events in %d–%d, the batch has %d in %d–%d", m.Events, m.First, m.Last, len(b.Items), b.First, b.Last)
	}
	return m, b, raw, nil
}

func (m *Manifest) checkHeader(kind string) error {
	const w = "bundle manifest"
	switch {
	case m.Format != BundleFormat:
		return ferr(w, "format", "%q is not a motcua sync bundle", clip(m.Format))
	case m.Version != 1:
		return ferr(w, "version", "version %d is not supported (this program reads version 1)", m.Version)
	case m.Kind != kind:
		return ferr(w, "kind", "this is a %q bundle, expected %q", clip(m.Kind), kind)
	case !ValidID(m.Install) || !ValidID(m.Incarnation) || !ValidID(m.KeyID):
		return ferr(w, "install", "install, incarnation and key ids must be 8–64 lower-case hex digits")
	case !validHash(m.BatchSHA256):
		return ferr(w, "batch_sha256", "must be 64 lower-case hex digits")
	}
	return nil
}

func answerSigningBytes(manifest, answer []byte) []byte {
	hm := sha256.Sum256(manifest)
	ha := sha256.Sum256(answer)
	out := append([]byte("motcua-answer-v1\n"), hm[:]...)
	return append(out, ha[:]...)
}

// WriteAnswerBundle writes the hub's signed answer to a desk bundle.
func WriteAnswerBundle(w io.Writer, req Manifest, a *Answer, hubKey ed25519.PrivateKey, hubKeyID string, now time.Time) error {
	if a.Ack == nil || a.Pull == nil {
		return fmt.Errorf("answer bundle: both the acknowledgement and the pull are required")
	}
	if err := a.Ack.check(); err != nil {
		return err
	}
	if a.Pull.Changes == nil {
		a.Pull.Changes = []Change{}
	}
	if err := a.Pull.check(); err != nil {
		return err
	}
	m := Manifest{Format: BundleFormat, Version: 1, Kind: BundleHubAnswer,
		Install: req.Install, Incarnation: req.Incarnation, Office: req.Office, KeyID: hubKeyID,
		First: req.First, Last: req.Last, Events: len(a.Ack.Items), PullAfter: a.Pull.After,
		BatchSHA256: req.BatchSHA256, CreatedAt: now.UTC()}
	mb, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	ab, err := json.Marshal(a)
	if err != nil {
		return err
	}
	sig := ed25519.Sign(hubKey, answerSigningBytes(mb, ab))
	return writeZip(w, now, []zipEntry{{"manifest.json", mb}, {"answer.json", ab}, {"answer.sig", sig}})
}

// ReadAnswerBundle reads a hub answer, verifies its signature with the
// hub's public key and checks its contents.
func ReadAnswerBundle(data []byte, hubPub ed25519.PublicKey) (Manifest, *Answer, error) {
	files, err := readZip(data, []string{"manifest.json", "answer.json", "answer.sig"},
		map[string]int64{"manifest.json": maxManifestBytes, "answer.json": maxAnswerBytes, "answer.sig": ed25519.SignatureSize})
	if err != nil {
		return Manifest{}, nil, err
	}
	var m Manifest
	if err := strictJSON("bundle manifest", files["manifest.json"], &m); err != nil {
		return m, nil, err
	}
	if err := m.checkHeader(BundleHubAnswer); err != nil {
		return m, nil, err
	}
	if len(hubPub) != ed25519.PublicKeySize {
		return m, nil, fmt.Errorf("answer bundle: no hub public key (enrol the desk with the hub first)")
	}
	if m.KeyID != KeyIDOf(hubPub) {
		return m, nil, fmt.Errorf("answer bundle: signed by hub key %s, this desk trusts hub key %s", m.KeyID, KeyIDOf(hubPub))
	}
	if !ed25519.Verify(hubPub, answerSigningBytes(files["manifest.json"], files["answer.json"]), files["answer.sig"]) {
		return m, nil, fmt.Errorf("answer bundle: %w", ErrSignature)
	}
	var a Answer
	if err := strictJSON("answer", files["answer.json"], &a); err != nil {
		return m, nil, err
	}
	if a.Ack == nil || a.Pull == nil {
		return m, nil, ferr("answer", "", "the acknowledgement and the pull are required")
	}
	if err := a.Ack.check(); err != nil {
		return m, nil, err
	}
	if err := a.Pull.check(); err != nil {
		return m, nil, err
	}
	if a.Ack.Install != m.Install || a.Ack.Incarnation != m.Incarnation || a.Ack.First != m.First || a.Ack.Last != m.Last {
		return m, nil, ferr("answer", "ack", "the acknowledgement does not match the manifest")
	}
	return m, &a, nil
}

type zipEntry struct {
	name string
	data []byte
}

func writeZip(w io.Writer, now time.Time, entries []zipEntry) error {
	zw := zip.NewWriter(w)
	for _, e := range entries {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: e.name, Method: zip.Deflate, Modified: now.UTC()})
		if err != nil {
			return err
		}
		if _, err := f.Write(e.data); err != nil {
			return err
		}
	}
	return zw.Close()
}

// readZip reads exactly the named entries, each within its size limit.
func readZip(data []byte, names []string, limits map[string]int64) (map[string][]byte, error) {
	const w = "bundle"
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, ferr(w, "", "not a zip file: %v", err)
	}
	if len(zr.File) != len(names) || len(zr.File) > maxBundleEntries {
		return nil, ferr(w, "", "%d entries, expected exactly %v", len(zr.File), names)
	}
	out := make(map[string][]byte, len(names))
	for _, f := range zr.File {
		lim, ok := limits[f.Name]
		if !ok {
			return nil, ferr(w, f.Name, "unexpected entry (expected %v)", names)
		}
		if _, dup := out[f.Name]; dup {
			return nil, ferr(w, f.Name, "entry appears twice")
		}
		if f.UncompressedSize64 > uint64(lim) {
			return nil, ferr(w, f.Name, "%d bytes, at most %d", f.UncompressedSize64, lim)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, ferr(w, f.Name, "%v", err)
		}
		b, err := io.ReadAll(io.LimitReader(rc, lim+1))
		rc.Close()
		if err != nil {
			return nil, ferr(w, f.Name, "%v", err)
		}
		if int64(len(b)) > lim {
			return nil, ferr(w, f.Name, "larger than %d bytes", lim)
		}
		out[f.Name] = b
	}
	return out, nil
}
