package syncproto

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// AckStatus is the hub's verdict on one event.
type AckStatus string

// Verdicts. A duplicate is a success: the hub already holds the event with
// the same content hash (MOSIP's "duplicate = success", peers.md §1.1).
const (
	AckOK        AckStatus = "ok"
	AckDuplicate AckStatus = "duplicate"
	AckRejected  AckStatus = "rejected"
)

// Done reports whether the desk may drop the event from its outbox.
func (s AckStatus) Done() bool { return s == AckOK || s == AckDuplicate }

// ItemAck is the hub's answer for one event of a batch.
type ItemAck struct {
	Seq    uint64    `json:"seq"`
	Status AckStatus `json:"status"`
	// Reason says why an event was rejected (English, no personal data).
	Reason string `json:"reason,omitempty"`
	// Conflict is set when the hub already holds this (install, seq) with a
	// different content hash (ODK's 409 rule, peers.md §1.1); the hub keeps
	// the first content and records an anomaly.
	Conflict bool `json:"conflict,omitempty"`
}

// BatchAck answers a batch: one ItemAck per event, in sequence order. The
// HTTP status is 200, or 409 when at least one item is a conflict; the body
// is a BatchAck either way, so one bad event never holds back the others.
type BatchAck struct {
	Install     string    `json:"install"`
	Incarnation string    `json:"incarnation"`
	First       uint64    `json:"first"`
	Last        uint64    `json:"last"`
	Items       []ItemAck `json:"items"`
	// Covered is the hub's contiguous watermark for this installation:
	// every journal sequence ≤ Covered has been covered by some batch.
	Covered uint64    `json:"covered"`
	HubTime time.Time `json:"hub_time"`
}

// Counts returns how many items were accepted, duplicates and rejected.
func (a *BatchAck) Counts() (ok, dup, rejected int) {
	for _, it := range a.Items {
		switch it.Status {
		case AckOK:
			ok++
		case AckDuplicate:
			dup++
		case AckRejected:
			rejected++
		}
	}
	return
}

// Conflicts reports whether any item is a conflict.
func (a *BatchAck) Conflicts() bool {
	for _, it := range a.Items {
		if it.Conflict {
			return true
		}
	}
	return false
}

// Match checks that the acknowledgement answers batch b: same desk and
// range, exactly one answer per event, in order.
func (a *BatchAck) Match(b *Batch) error {
	const w = "ack"
	switch {
	case a.Install != b.Install:
		return ferr(w, "install", "answers installation %q, the batch came from %q", clip(a.Install), b.Install)
	case a.Incarnation != b.Incarnation:
		return ferr(w, "incarnation", "answers incarnation %q, the batch came from %q", clip(a.Incarnation), b.Incarnation)
	case a.First != b.First || a.Last != b.Last:
		return ferr(w, "range", "answers %d–%d, the batch covers %d–%d", a.First, a.Last, b.First, b.Last)
	case len(a.Items) != len(b.Items):
		return ferr(w, "items", "%d answers for %d events", len(a.Items), len(b.Items))
	}
	for i := range a.Items {
		if a.Items[i].Seq != b.Items[i].Seq {
			return ferr(w, fmt.Sprintf("items[%d].seq", i), "answers event %d, expected %d", a.Items[i].Seq, b.Items[i].Seq)
		}
	}
	return nil
}

func (a *BatchAck) check() error {
	const w = "ack"
	if !ValidID(a.Install) {
		return ferr(w, "install", "install id %q must be 8–64 lower-case hex digits", clip(a.Install))
	}
	if !ValidID(a.Incarnation) {
		return ferr(w, "incarnation", "incarnation id %q must be 8–64 lower-case hex digits", clip(a.Incarnation))
	}
	if a.First == 0 || a.Last < a.First {
		return ferr(w, "range", "range %d–%d is not valid", a.First, a.Last)
	}
	if len(a.Items) > MaxBatchItems {
		return ferr(w, "items", "%d answers, at most %d", len(a.Items), MaxBatchItems)
	}
	var prev uint64
	for i, it := range a.Items {
		f := fmt.Sprintf("items[%d]", i)
		switch {
		case it.Seq < a.First || it.Seq > a.Last:
			return ferr(w, f+".seq", "sequence %d is outside %d–%d", it.Seq, a.First, a.Last)
		case i > 0 && it.Seq <= prev:
			return ferr(w, f+".seq", "sequence %d does not follow %d", it.Seq, prev)
		case it.Status != AckOK && it.Status != AckDuplicate && it.Status != AckRejected:
			return ferr(w, f+".status", "unknown status %q (ok, duplicate, rejected)", clip(string(it.Status)))
		case it.Status == AckRejected && it.Reason == "":
			return ferr(w, f+".reason", "a rejected event needs a reason")
		case it.Conflict && it.Status != AckRejected:
			return ferr(w, f+".conflict", "a conflict must be rejected")
		case len(it.Reason) > 1000:
			return ferr(w, f+".reason", "reason longer than 1000 bytes")
		}
		prev = it.Seq
	}
	return nil
}

// EncodeBatchAck validates and encodes an acknowledgement as JSON.
func EncodeBatchAck(a *BatchAck) ([]byte, error) {
	if err := a.check(); err != nil {
		return nil, err
	}
	return json.Marshal(a)
}

// DecodeBatchAck parses an acknowledgement strictly (unknown fields,
// trailing data and invalid values are errors wrapping ErrMalformed).
func DecodeBatchAck(b []byte) (*BatchAck, error) {
	var a BatchAck
	if err := strictJSON("ack", b, &a); err != nil {
		return nil, err
	}
	if err := a.check(); err != nil {
		return nil, err
	}
	return &a, nil
}

// strictJSON decodes exactly one JSON value with no unknown fields.
func strictJSON(what string, b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return ferr(what, "", "empty body")
		}
		return ferr(what, "", "%v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return ferr(what, "", "unexpected data after the JSON value")
	}
	return nil
}

// ErrorBody is the JSON body of every hub error response.
type ErrorBody struct {
	Error string `json:"error"`
	// Code is a stable machine word: "malformed", "unknown-desk",
	// "signature", "stale-incarnation", "token", "slot-taken", "not-found",
	// "conflict", "unauthorised", "internal".
	Code string `json:"code"`
}
