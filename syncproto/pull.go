package syncproto

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"motcua/dossier"
)

// ChangeKind names what a pulled change carries.
type ChangeKind string

// Change kinds made at the hub and pulled by desks.
const (
	// ChangeDossier is a status change made at the hub for one dossier
	// (a department marks the result ready, confirms it received the
	// transferred paper, asks for a supplement…). It carries a
	// dossier.Event the desk applies with Dossier.Apply.
	ChangeDossier ChangeKind = "dossier-event"
	// ChangeCatalog is a procedure catalog published at the hub (the
	// catalog package's file format, Data).
	ChangeCatalog ChangeKind = "catalog"
	// ChangeHolidays is a days-off year table (workday JSON year table).
	ChangeHolidays ChangeKind = "holidays"
)

// HubEventKinds are the dossier events a hub may originate; the desk keeps
// every other kind to itself (intake, return, extension need the counter).
var HubEventKinds = []dossier.EventKind{
	dossier.EvTransferred,       // the department confirms it received the paper dossier
	dossier.EvSupplementRequest, // appraisal needs more papers (Decree 118 art. 19.5)
	dossier.EvObligation,        // a financial obligation is due
	dossier.EvResultReady,       // the result is ready for the one-stop unit
	dossier.EvStopped,           // processing stopped
	dossier.EvNote,              // a note on the timeline
}

// HubEventAllowed reports whether the hub may originate k.
func HubEventAllowed(k dossier.EventKind) bool {
	for _, x := range HubEventKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Change is one change made at the hub. Cursor orders changes hub-wide;
// ID is unique and stable, so a desk that sees a change twice (a lost
// acknowledgement, a USB answer imported twice) applies it once.
type Change struct {
	Cursor uint64     `json:"cursor"`
	ID     string     `json:"id"`
	Kind   ChangeKind `json:"kind"`
	At     time.Time  `json:"at"`
	// By names who made the change at the hub (API key name, e.g. a
	// department), never a citizen.
	By string `json:"by"`
	// Office is the agency code the change is for ("" = every office).
	Office string `json:"office,omitempty"`
	// Code and Event: ChangeDossier.
	Code  string         `json:"code,omitempty"`
	Event *dossier.Event `json:"event,omitempty"`
	// Version and Data: ChangeCatalog (version = content hash) and
	// ChangeHolidays (version = the year).
	Version string `json:"version,omitempty"`
	Data    []byte `json:"data,omitempty"`
}

// Check validates a change.
func (c *Change) Check() error {
	const w = "change"
	switch {
	case c.Cursor == 0:
		return ferr(w, "cursor", "cursor must be 1 or more")
	case !ValidID(c.ID):
		return ferr(w, "id", "id %q must be 8–64 lower-case hex digits", clip(c.ID))
	case c.At.IsZero():
		return ferr(w, "at", "time is required")
	case strings.TrimSpace(c.By) == "" || len(c.By) > 100:
		return ferr(w, "by", "who made the change is required (at most 100 bytes)")
	}
	switch c.Kind {
	case ChangeDossier:
		if _, _, _, err := dossier.ParseCode(c.Code); err != nil {
			return ferr(w, "code", "%v", err)
		}
		if c.Event == nil {
			return ferr(w, "event", "a dossier change needs the event")
		}
		if !HubEventAllowed(c.Event.Kind) {
			return ferr(w, "event.kind", "the hub may not originate %q events", clip(string(c.Event.Kind)))
		}
		if c.Event.At.IsZero() || strings.TrimSpace(c.Event.Actor) == "" {
			return ferr(w, "event", "the event needs its time and actor")
		}
		if len(c.Data) != 0 || c.Version != "" {
			return ferr(w, "data", "a dossier change carries no data")
		}
	case ChangeCatalog, ChangeHolidays:
		if len(c.Data) == 0 {
			return ferr(w, "data", "a %s update needs its data", c.Kind)
		}
		if c.Version == "" || len(c.Version) > 100 {
			return ferr(w, "version", "a %s update needs its version (at most 100 bytes)", c.Kind)
		}
		if c.Event != nil || c.Code != "" {
			return ferr(w, "event", "a %s update carries no dossier event", c.Kind)
		}
	default:
		return ferr(w, "kind", "unknown change kind %q (dossier-event, catalog, holidays)", clip(string(c.Kind)))
	}
	return nil
}

// PullResponse answers a pull: the changes after the desk's cursor, in
// cursor order. Cursor is where the next pull starts; More says another
// page is waiting.
type PullResponse struct {
	After   uint64   `json:"after"`
	Cursor  uint64   `json:"cursor"`
	More    bool     `json:"more"`
	Changes []Change `json:"changes"`
	// CodeFloors is, for each recent day, the highest dossier code the hub
	// holds from the pulling installation (any incarnation). A desk
	// restored from an older backup raises its day counters past them
	// before it issues a code again (store.RaiseCounters), so a code a
	// citizen holds is not issued a second time.
	CodeFloors []string `json:"code_floors,omitempty"`
}

// MaxPullChanges bounds one pull page.
const MaxPullChanges = 5000

// CodeFloorDays is how many days back (from the hub's today) the code
// floors of a pull reach; MaxCodeFloors bounds them (codes of several
// agencies or date layouts on one day).
const (
	CodeFloorDays = 62
	MaxCodeFloors = 4 * CodeFloorDays
)

func (p *PullResponse) check() error {
	const w = "pull"
	if len(p.Changes) > MaxPullChanges {
		return ferr(w, "changes", "%d changes, at most %d", len(p.Changes), MaxPullChanges)
	}
	prev := p.After
	for i := range p.Changes {
		c := &p.Changes[i]
		if err := c.Check(); err != nil {
			return fmt.Errorf("pull: changes[%d]: %w", i, err)
		}
		if c.Cursor <= prev {
			return ferr(w, fmt.Sprintf("changes[%d].cursor", i), "cursor %d does not follow %d", c.Cursor, prev)
		}
		prev = c.Cursor
	}
	if p.Cursor < prev {
		return ferr(w, "cursor", "cursor %d is behind the last change %d", p.Cursor, prev)
	}
	if p.Cursor < p.After {
		return ferr(w, "cursor", "cursor %d is behind the request %d", p.Cursor, p.After)
	}
	if len(p.CodeFloors) > MaxCodeFloors {
		return ferr(w, "code_floors", "%d code floors, at most %d", len(p.CodeFloors), MaxCodeFloors)
	}
	for i, c := range p.CodeFloors {
		if _, _, _, err := dossier.ParseCode(c); err != nil || strings.TrimSpace(c) != c {
			return ferr(w, fmt.Sprintf("code_floors[%d]", i), "%q is not a dossier code", clip(c))
		}
	}
	return nil
}

// EncodePull validates and encodes a pull response.
func EncodePull(p *PullResponse) ([]byte, error) {
	if p.Changes == nil {
		p.Changes = []Change{}
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return json.Marshal(p)
}

// DecodePull parses a pull response strictly.
func DecodePull(b []byte) (*PullResponse, error) {
	var p PullResponse
	if err := strictJSON("pull", b, &p); err != nil {
		return nil, err
	}
	if err := p.check(); err != nil {
		return nil, err
	}
	return &p, nil
}
