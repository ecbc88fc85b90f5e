// Package syncproto is the wire format shared by desks and the provincial
// hub: outbox events, signed batches, acknowledgements and USB bundles.
// It imports only the standard library and the module's domain packages.
package syncproto

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"motcua/dossier"
)

// Event kinds carried in the outbox.
const (
	// KindDossier carries a dossier snapshot after a committed change
	// (intake, transition, amendment). The hub keeps, per dossier code,
	// the snapshot with the highest (installation, sequence).
	KindDossier = "dossier"
	// KindDayClosed carries a supervisor's daily close with the audit
	// chain head.
	KindDayClosed = "day-closed"
)

// Event is one outbox entry. Seq is the per-installation sequence assigned
// in the same bbolt transaction as the change it describes; events are
// immutable once committed and their content hash identifies them.
type Event struct {
	Seq  uint64    `json:"seq"`
	Kind string    `json:"kind"`
	At   time.Time `json:"at"`
	// Change names what happened (a dossier.EventKind such as "received",
	// "transferred"; or "closed" for a day).
	Change string `json:"change"`
	// Code is the dossier code or guidance number, or the day (YYYY-MM-DD)
	// for KindDayClosed.
	Code string `json:"code"`
	// Dossier is the full dossier after the change (KindDossier).
	Dossier *dossier.Dossier `json:"dossier,omitempty"`
	// Data carries other kinds' bodies.
	Data json.RawMessage `json:"data,omitempty"`
}

// Encode returns the canonical bytes of the event. Encoding is
// deterministic for a given event value.
func (e *Event) Encode() ([]byte, error) { return json.Marshal(e) }

// Decode parses event bytes.
func Decode(b []byte) (*Event, error) {
	var e Event
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, err
	}
	return &e, nil
}

// Hash is the content hash of encoded event bytes (hex SHA-256).
func Hash(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// OutboxItem is a pending outbox event as the desk store hands it to the
// sync worker: the journal sequence and the encoded Event.
type OutboxItem struct {
	Seq     uint64
	Payload []byte
}
