package syncproto

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"time"

	"motcua/dossier"
)

// Office-wide queries answered by the hub for the desk app's supervisor
// screens (GET /v1/office/…, desk-signed requests; the office is the
// requesting desk's).

// CountDims are the dimensions a count can be grouped by.
var CountDims = []string{"day", "status", "clerk", "procedure", "desk", "channel"}

// CountRow is one group of an office count. Only the grouped dimensions are
// set.
type CountRow struct {
	Day       string `json:"day,omitempty"` // YYYY-MM-DD, receipt day (UTC+7)
	Status    *int   `json:"status,omitempty"`
	Clerk     string `json:"clerk,omitempty"`
	Procedure string `json:"procedure,omitempty"`
	Desk      string `json:"desk,omitempty"`
	Channel   *int   `json:"channel,omitempty"`
	Count     int    `json:"count"`
}

// Counts answers GET /v1/office/counts?from=YYYY-MM-DD&to=YYYY-MM-DD&by=day,status.
type Counts struct {
	Office string     `json:"office"`
	From   string     `json:"from"`
	To     string     `json:"to"`
	By     []string   `json:"by"`
	Rows   []CountRow `json:"rows"`
	Total  int        `json:"total"`
}

// DaySummary is one dossier in a day list: the facts a supervisor screen
// shows, without personal data (fetch the dossier by code for that).
type DaySummary struct {
	Code          string         `json:"code"`
	Kind          int            `json:"kind"`
	Status        dossier.Status `json:"status"`
	Channel       int            `json:"channel"`
	ReceivedAt    time.Time      `json:"received_at,omitzero"`
	Appointment   time.Time      `json:"appointment,omitzero"`
	FinishedAt    time.Time      `json:"finished_at,omitzero"`
	ReturnedAt    time.Time      `json:"returned_at,omitzero"`
	Clerk         string         `json:"clerk"`
	Desk          string         `json:"desk"`
	ProcedureCode string         `json:"procedure_code"`
	ProcedureName string         `json:"procedure_name"`
	Department    string         `json:"department,omitempty"`
	Install       string         `json:"install"`
	Seq           uint64         `json:"seq"`
}

// DayList answers GET /v1/office/day?date=YYYY-MM-DD.
type DayList struct {
	Office   string       `json:"office"`
	Date     string       `json:"date"`
	Dossiers []DaySummary `json:"dossiers"`
}

// DossierRecord answers GET /v1/office/dossiers/{code}: the current state
// held at the hub and which event it came from.
type DossierRecord struct {
	Install string           `json:"install"`
	Seq     uint64           `json:"seq"`
	Dossier *dossier.Dossier `json:"dossier"`
}

// Checksum summarises a set of events: SHA-256 over, in sequence order,
// each event's sequence (8 bytes big-endian) and content hash. The hub's
// "stats" prints it per desk; a desk computes it over the events it sent,
// and equal checksums mean the hub holds exactly those events.
type Checksum struct {
	h    hash.Hash
	last uint64
	n    int
}

// NewChecksum starts an empty checksum.
func NewChecksum() *Checksum { return &Checksum{h: sha256.New()} }

// Add adds one event; sequences must be added in increasing order.
func (c *Checksum) Add(seq uint64, contentHash [32]byte) error {
	if c.n > 0 && seq <= c.last {
		return fmt.Errorf("checksum: sequence %d added after %d", seq, c.last)
	}
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seq)
	c.h.Write(b[:])
	c.h.Write(contentHash[:])
	c.last, c.n = seq, c.n+1
	return nil
}

// Sum returns the hex checksum ("" when no event was added, as the hub
// prints for a desk without events).
func (c *Checksum) Sum() string {
	if c.n == 0 {
		return ""
	}
	return hex.EncodeToString(c.h.Sum(nil))
}
