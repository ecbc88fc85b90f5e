// Package synctest provides a desk outbox and an applier for sync tests and
// the hub benchmark: a Store that holds synthetic dossier events in memory
// (acknowledgements optionally persisted to a folder, so a desk process
// can be killed and restarted), and an Applier that records what it
// applied. The events are generated, clearly synthetic data (names
// "Người thử N"), never real people.
package synctest

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"motcua/dossier"
	"motcua/syncproto"
)

// Store is an in-memory outbox satisfying syncer.Store.
type Store struct {
	mu          sync.Mutex
	install     string
	incarnation string
	events      map[uint64][]byte // every event ever committed
	acked       map[uint64]bool
	quarantine  map[uint64]string
	last        uint64
	dir         string // "" = memory only
	ackFile     *os.File
	// Calls counts Pending calls (tests).
	Calls int
}

// NewStore returns an empty store.
func NewStore(install, incarnation string) *Store {
	return &Store{install: install, incarnation: incarnation, events: map[uint64][]byte{}, acked: map[uint64]bool{}, quarantine: map[uint64]string{}}
}

// Persist keeps acknowledgements and quarantine decisions in dir (appended
// and synced on every call) and loads those already there.
func (s *Store) Persist(dir string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dir = dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	p := filepath.Join(dir, "acks")
	if f, err := os.Open(p); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			line := sc.Text()
			seqS, reason, q := strings.Cut(line, "\t")
			seq, err := strconv.ParseUint(seqS, 10, 64)
			if err != nil {
				continue // a torn last line after a kill
			}
			if q {
				s.quarantine[seq] = reason
			} else {
				s.acked[seq] = true
			}
		}
		f.Close()
	}
	f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	s.ackFile = f
	return nil
}

// Close closes the persistence file.
func (s *Store) Close() error {
	if s.ackFile != nil {
		return s.ackFile.Close()
	}
	return nil
}

// Add commits an event with the next sequence (gap > 0 skips that many
// sequences first, as non-outbox journal entries would).
func (s *Store) Add(ev *syncproto.Event, gap uint64) (uint64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last += gap + 1
	ev.Seq = s.last
	b, err := ev.Encode()
	if err != nil {
		return 0, err
	}
	s.events[ev.Seq] = b
	return ev.Seq, nil
}

// AddRaw commits an arbitrary payload with the next sequence.
func (s *Store) AddRaw(payload []byte) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.last++
	s.events[s.last] = payload
	return s.last
}

// Replace overwrites the payload of a sequence (a restored database that
// re-used the sequence) and makes it pending again.
func (s *Store) Replace(seq uint64, payload []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.events[seq] = payload
	delete(s.acked, seq)
	delete(s.quarantine, seq)
}

// SetIncarnation simulates a restore.
func (s *Store) SetIncarnation(inc string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.incarnation = inc
}

// Unack makes every event pending again (a re-push).
func (s *Store) Unack() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acked = map[uint64]bool{}
	s.quarantine = map[uint64]string{}
}

func (s *Store) sorted() []uint64 {
	seqs := make([]uint64, 0, len(s.events))
	for k := range s.events {
		seqs = append(seqs, k)
	}
	sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
	return seqs
}

// Pending implements syncer.Store.
func (s *Store) Pending(after uint64, limit int) ([]syncproto.OutboxItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.Calls++
	var out []syncproto.OutboxItem
	for _, k := range s.sorted() {
		if k <= after || s.acked[k] {
			continue
		}
		if _, q := s.quarantine[k]; q {
			continue
		}
		out = append(out, syncproto.OutboxItem{Seq: k, Payload: s.events[k]})
		if len(out) == limit {
			break
		}
	}
	return out, nil
}

func (s *Store) persist(line string) error {
	if s.ackFile == nil {
		return nil
	}
	if _, err := s.ackFile.WriteString(line); err != nil {
		return err
	}
	return s.ackFile.Sync()
}

// Ack implements syncer.Store.
func (s *Store) Ack(seqs []uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, q := range seqs {
		if _, ok := s.events[q]; ok {
			s.acked[q] = true
			fmt.Fprintf(&b, "%d\n", q)
		}
	}
	return s.persist(b.String())
}

// Quarantine implements syncer.Store.
func (s *Store) Quarantine(seq uint64, reason string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.events[seq]; !ok || s.acked[seq] {
		return nil
	}
	s.quarantine[seq] = reason
	return s.persist(fmt.Sprintf("%d\t%s\n", seq, strings.ReplaceAll(reason, "\n", " ")))
}

// Retry implements syncer.Store.
func (s *Store) Retry(seq uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.quarantine[seq]; !ok {
		return fmt.Errorf("event %d is not quarantined", seq)
	}
	delete(s.quarantine, seq)
	return nil
}

// Quarantined returns the quarantine (seq → reason).
func (s *Store) Quarantined() map[uint64]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[uint64]string{}
	for k, v := range s.quarantine {
		out[k] = v
	}
	return out
}

// OutboxStats implements syncer.Store.
func (s *Store) OutboxStats() (syncproto.OutboxStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st syncproto.OutboxStats
	for k := range s.events {
		switch {
		case s.acked[k]:
			st.Acked = max(st.Acked, k)
		default:
			if _, q := s.quarantine[k]; q {
				st.Quarantined++
			} else {
				st.Pending++
			}
		}
	}
	st.LastSeq = s.last
	return st, nil
}

// AuditHead implements syncer.Store (a fixed synthetic head).
func (s *Store) AuditHead() (syncproto.AuditHead, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := sha256.Sum256([]byte(fmt.Sprint(s.last)))
	return syncproto.AuditHead{Seq: s.last, Hash: fmt.Sprintf("%x", h)}, nil
}

// InstallID implements syncer.Store.
func (s *Store) InstallID() string { return s.install }

// IncarnationID implements syncer.Store.
func (s *Store) IncarnationID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.incarnation
}

// Checksum is the syncproto.Checksum of every event the store holds
// (to compare with the hub's per-desk checksum).
func (s *Store) Checksum() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := syncproto.NewChecksum()
	for _, k := range s.sorted() {
		c.Add(k, sha256.Sum256(s.events[k]))
	}
	return c.Sum()
}

// Len returns the number of events.
func (s *Store) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.events)
}

// Day0 is the receipt day of the first generated dossier.
var Day0 = time.Date(2026, 3, 2, 8, 0, 0, 0, dossier.Zone)

// Dossier builds synthetic dossier number i of an office (slot 1 of 10:
// at most 999 a day, so the generator moves to the next day after 900).
func Dossier(office string, i int) *dossier.Dossier {
	day := Day0.AddDate(0, 0, i/900)
	at := day.Add(time.Duration(i%900) * 30 * time.Second)
	scheme := dossier.DefaultCodeScheme(office, 1, 10)
	d := &dossier.Dossier{
		ID: uint64(i + 1), Kind: dossier.KindDossier, Code: scheme.Format(at, i%900+1),
		Procedure:  dossier.ProcedureRef{Code: fmt.Sprintf("1.00%04d", i%7), Name: fmt.Sprintf("Thủ tục thử %d", i%7), Version: "v1", FieldCode: "G03-TP01", FieldName: "Hộ tịch"},
		Channel:    dossier.ChannelDirect,
		Submitter:  dossier.Party{Kind: dossier.PartyCitizen, Name: fmt.Sprintf("Người thử %d", i), IDNumber: fmt.Sprintf("%012d", 100000000000+i)},
		Checklist:  []dossier.Item{{Name: "Tờ khai", MustSubmit: true, Decision: dossier.DecisionSubmitted, Originals: 1}},
		TimeLimit:  dossier.Limit{Value: 3, Unit: "working-days"},
		ReceivedAt: at, FirstAppointment: at.AddDate(0, 0, 5),
		Clerk: fmt.Sprintf("clerk%d", i%3), Desk: "quay-01", Status: dossier.StatusReceived,
		History: []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: fmt.Sprintf("clerk%d", i%3), To: dossier.StatusReceived}},
	}
	d.Appointment = d.FirstAppointment
	return d
}

// Fill commits n synthetic events into s: dossiers received, every second
// one then transferred (a later snapshot of the same dossier). Sequences
// have a gap every 10 events (non-outbox journal entries).
func Fill(s *Store, office string, n int) error {
	for i := 0; i < n; i++ {
		k := i / 2
		d := Dossier(office, k)
		change := "received"
		if i%2 == 1 {
			ev := dossier.Event{Kind: dossier.EvTransferred, At: d.ReceivedAt.Add(time.Hour), Actor: d.Clerk, Department: "Phòng Tư pháp"}
			if err := d.Apply(ev); err != nil {
				return err
			}
			change = "transferred"
		}
		var gap uint64
		if i%10 == 9 {
			gap = 1
		}
		if _, err := s.Add(&syncproto.Event{Kind: syncproto.KindDossier, At: d.History[len(d.History)-1].At, Change: change, Code: string(d.Code), Dossier: d}, gap); err != nil {
			return err
		}
	}
	return nil
}

// Applier records applied hub changes, idempotently by change id.
type Applier struct {
	mu      sync.Mutex
	cursor  uint64
	Applied []syncproto.Change
	seen    map[string]bool
	// Refuse makes Apply return this error for dossier changes.
	Refuse error
}

// PullCursor implements syncer.Applier.
func (a *Applier) PullCursor() (uint64, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cursor, nil
}

// SetPullCursor implements syncer.Applier.
func (a *Applier) SetPullCursor(c uint64) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c > a.cursor {
		a.cursor = c
	}
	return nil
}

// Apply implements syncer.Applier.
func (a *Applier) Apply(c syncproto.Change) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.seen == nil {
		a.seen = map[string]bool{}
	}
	if a.seen[c.ID] {
		return nil
	}
	if a.Refuse != nil && c.Kind == syncproto.ChangeDossier {
		return a.Refuse
	}
	a.seen[c.ID] = true
	a.Applied = append(a.Applied, c)
	return nil
}
