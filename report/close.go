package report

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"motcua/dossier"
)

// DayCounts are the counter outcomes of one day (records received that
// day, classified by Intake).
type DayCounts struct {
	Received int `json:"received"` // dossiers received (form 01)
	Guidance int `json:"guidance"` // guidance records: supplement requested at the counter (form 02)
	Refused  int `json:"refused"`  // refused at intake (form 03)
	// Received dossiers by channel.
	Direct int `json:"direct"`
	Online int `json:"online"`
	Postal int `json:"postal"`
}

func (c *DayCounts) add(f Fact) {
	switch Intake(f) {
	case OutcomeReceived:
		c.Received++
		switch f.Channel {
		case dossier.ChannelOnline:
			c.Online++
		case dossier.ChannelPostal:
			c.Postal++
		default:
			c.Direct++
		}
	case OutcomeGuidance:
		c.Guidance++
	case OutcomeRefused:
		c.Refused++
	}
}

// PaperCount is what the supervisor counted on paper for one clerk: the
// receipts (form 01), counter supplement requests (form 02) and refusals
// (form 03) of the day.
type PaperCount struct {
	Received int `json:"received"`
	Guidance int `json:"guidance"`
	Refused  int `json:"refused"`
}

// ClerkClose is one clerk's line of the daily close.
type ClerkClose struct {
	Clerk   string     `json:"clerk"`
	Records DayCounts  `json:"records"`
	Paper   PaperCount `json:"paper"`
	// Note explains a difference between paper and records (required when
	// there is one).
	Note string `json:"note,omitempty"`
}

// Difference is one mismatch between the records and the paper count.
type Difference struct {
	Clerk string `json:"clerk"`
	// What is "received", "guidance" or "refused".
	What    string `json:"what"`
	Records int    `json:"records"`
	Paper   int    `json:"paper"`
}

// CloseAmendment is a change to a closed day, kept with the record.
type CloseAmendment struct {
	At     time.Time `json:"at"`
	By     string    `json:"by"`
	Reason string    `json:"reason"`
	// Before and After are the day's totals around the change.
	Before DayCounts `json:"before"`
	After  DayCounts `json:"after"`
	// Changes lists what changed, one line each ("clerk a: paper received 4 → 5").
	Changes []string `json:"changes"`
	// Audit chain head when the amendment was made.
	AuditSeq  uint64 `json:"audit_seq"`
	AuditHash string `json:"audit_hash"`
}

// DayClose is the daily close record ("chốt sổ ngày"): the day's counts,
// the supervisor's paper counts per clerk and the differences, the
// sign-off and the audit chain head at sign-off. After sign-off the day
// changes only through Amend, which appends a CloseAmendment. The store
// keeps it as JSON in the days bucket.
type DayClose struct {
	// Day is midnight (dossier.Zone) of the closed day.
	Day         time.Time    `json:"day"`
	Totals      DayCounts    `json:"totals"`
	Clerks      []ClerkClose `json:"clerks"`
	Differences []Difference `json:"differences,omitempty"`
	Note        string       `json:"note,omitempty"`
	SignedBy    string       `json:"signed_by"`
	SignedAt    time.Time    `json:"signed_at"`
	// AuditSeq and AuditHash are the audit chain head at sign-off
	// (store.AuditHead), which pins everything recorded up to the close.
	AuditSeq   uint64           `json:"audit_seq"`
	AuditHash  string           `json:"audit_hash"`
	Amendments []CloseAmendment `json:"amendments,omitempty"`
}

// CloseInput is what the supervisor enters to close a day.
type CloseInput struct {
	Day time.Time
	// Paper holds the paper counts by clerk user name. Every clerk with
	// records that day needs one; a count for a clerk without records is a
	// difference.
	Paper map[string]PaperCount
	// Notes explain differences, by clerk.
	Notes map[string]string
	// Note is a general remark.
	Note      string
	SignedBy  string
	SignedAt  time.Time
	AuditSeq  uint64
	AuditHash string
}

// ErrClose marks a daily close that cannot be accepted; the wrapped errors
// name each problem.
var ErrClose = errors.New("daily close")

// Close computes and validates the close record of in.Day from the
// records in src. Validation: the signer, the sign-off time (not before
// the last record of the day) and the audit head are required; every clerk
// with records needs a paper count; paper counts must not be negative;
// each clerk whose paper count differs from the records needs a note.
// All problems are reported together (errors.Join, each wrapping
// ErrClose).
func Close(src Source, in CloseInput) (*DayClose, error) {
	if in.Day.IsZero() {
		return nil, fmt.Errorf("%w: the day is required", ErrClose)
	}
	day := dayStart(in.Day)
	c := &DayClose{Day: day, Note: strings.TrimSpace(in.Note), SignedBy: strings.TrimSpace(in.SignedBy), SignedAt: in.SignedAt, AuditSeq: in.AuditSeq, AuditHash: strings.TrimSpace(in.AuditHash)}
	last, err := c.fill(src, in.Paper, in.Notes)
	if err != nil {
		return nil, err
	}
	var errs []error
	if c.SignedBy == "" {
		errs = append(errs, fmt.Errorf("%w: the supervisor signing off is required", ErrClose))
	}
	switch {
	case c.SignedAt.IsZero():
		errs = append(errs, fmt.Errorf("%w: the sign-off time is required", ErrClose))
	case c.SignedAt.Before(day):
		errs = append(errs, fmt.Errorf("%w: sign-off at %s is before the day %s begins", ErrClose, c.SignedAt.In(dossier.Zone).Format("2006-01-02 15:04"), day.Format(time.DateOnly)))
	case c.SignedAt.Before(last):
		errs = append(errs, fmt.Errorf("%w: sign-off at %s is before the last record of the day (%s)", ErrClose, c.SignedAt.In(dossier.Zone).Format("2006-01-02 15:04"), last.In(dossier.Zone).Format("2006-01-02 15:04")))
	}
	if err := checkAuditHead(c.AuditSeq, c.AuditHash); err != nil {
		errs = append(errs, err)
	}
	errs = append(errs, c.validate(in.Paper)...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

func checkAuditHead(seq uint64, hash string) error {
	if hash == "" {
		return fmt.Errorf("%w: the audit chain head is required", ErrClose)
	}
	if len(hash) != 64 || strings.Trim(hash, "0123456789abcdef") != "" {
		return fmt.Errorf("%w: audit chain head hash %q is not 64 lower-case hex digits", ErrClose, hash)
	}
	if seq == 0 {
		return fmt.Errorf("%w: audit chain head sequence is 0", ErrClose)
	}
	return nil
}

// fill recomputes totals, clerks and differences from the records and the
// paper counts. It returns the time of the day's last record.
func (c *DayClose) fill(src Source, paper map[string]PaperCount, notes map[string]string) (time.Time, error) {
	var last time.Time
	byClerk := map[string]*ClerkClose{}
	c.Totals = DayCounts{}
	err := src.Range(c.Day, c.Day, func(f Fact) error {
		o := Intake(f)
		if o != OutcomeReceived && o != OutcomeGuidance && o != OutcomeRefused {
			return nil
		}
		if f.ReceivedAt.After(last) {
			last = f.ReceivedAt
		}
		c.Totals.add(f)
		cc := byClerk[f.Clerk]
		if cc == nil {
			cc = &ClerkClose{Clerk: f.Clerk}
			byClerk[f.Clerk] = cc
		}
		cc.Records.add(f)
		return nil
	})
	if err != nil {
		return last, fmt.Errorf("records of %s: %w", c.Day.Format(time.DateOnly), err)
	}
	for name := range paper {
		if byClerk[name] == nil {
			byClerk[name] = &ClerkClose{Clerk: name}
		}
	}
	c.Clerks = c.Clerks[:0]
	c.Differences = nil
	for _, name := range slices.Sorted(maps.Keys(byClerk)) {
		cc := byClerk[name]
		cc.Paper = paper[name]
		cc.Note = strings.TrimSpace(notes[name])
		c.Clerks = append(c.Clerks, *cc)
		for _, d := range []Difference{
			{name, "received", cc.Records.Received, cc.Paper.Received},
			{name, "guidance", cc.Records.Guidance, cc.Paper.Guidance},
			{name, "refused", cc.Records.Refused, cc.Paper.Refused},
		} {
			if d.Records != d.Paper {
				c.Differences = append(c.Differences, d)
			}
		}
	}
	return last, nil
}

func (c *DayClose) validate(paper map[string]PaperCount) []error {
	var errs []error
	for _, cc := range c.Clerks {
		who := cc.Clerk
		if who == "" {
			who = "(no clerk recorded)"
		}
		p, ok := paper[cc.Clerk]
		if !ok {
			errs = append(errs, fmt.Errorf("%w: clerk %s has %d records but no paper count", ErrClose, who, cc.Records.Received+cc.Records.Guidance+cc.Records.Refused))
			continue
		}
		if p.Received < 0 || p.Guidance < 0 || p.Refused < 0 {
			errs = append(errs, fmt.Errorf("%w: clerk %s: paper counts must not be negative", ErrClose, who))
			continue
		}
		if cc.Note == "" && (p.Received != cc.Records.Received || p.Guidance != cc.Records.Guidance || p.Refused != cc.Records.Refused) {
			errs = append(errs, fmt.Errorf("%w: clerk %s: paper (received %d, guidance %d, refused %d) differs from the records (received %d, guidance %d, refused %d); a note explaining the difference is required",
				ErrClose, who, p.Received, p.Guidance, p.Refused, cc.Records.Received, cc.Records.Guidance, cc.Records.Refused))
		}
	}
	return errs
}

// AmendInput is a change to a closed day.
type AmendInput struct {
	At     time.Time
	By     string
	Reason string
	// Paper replaces the paper counts of the clerks it names; Notes
	// replaces their notes (an empty note removes it).
	Paper     map[string]PaperCount
	Notes     map[string]string
	AuditSeq  uint64
	AuditHash string
}

// Amend changes a closed day: it recounts the records from src (they may
// have changed since the close), applies the new paper counts and notes,
// validates the result as Close does and appends a CloseAmendment listing
// every change. The sign-off is kept. On error c is unchanged. An
// amendment that changes nothing is refused.
func (c *DayClose) Amend(src Source, in AmendInput) error {
	var errs []error
	by, reason := strings.TrimSpace(in.By), strings.TrimSpace(in.Reason)
	if by == "" {
		errs = append(errs, fmt.Errorf("%w: amendment: the user is required", ErrClose))
	}
	if reason == "" {
		errs = append(errs, fmt.Errorf("%w: amendment: the reason is required", ErrClose))
	}
	prev := c.SignedAt
	if n := len(c.Amendments); n > 0 {
		prev = c.Amendments[n-1].At
	}
	if in.At.IsZero() || !in.At.After(prev) {
		errs = append(errs, fmt.Errorf("%w: amendment time must be after the sign-off and any earlier amendment (%s)", ErrClose, prev.In(dossier.Zone).Format("2006-01-02 15:04:05")))
	}
	if err := checkAuditHead(in.AuditSeq, strings.TrimSpace(in.AuditHash)); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	paper := map[string]PaperCount{}
	notes := map[string]string{}
	for _, cc := range c.Clerks {
		paper[cc.Clerk] = cc.Paper
		if cc.Note != "" {
			notes[cc.Clerk] = cc.Note
		}
	}
	maps.Copy(paper, in.Paper)
	maps.Copy(notes, in.Notes)
	next := *c
	next.Clerks = nil
	if _, err := next.fill(src, paper, notes); err != nil {
		return err
	}
	if errs := next.validate(paper); len(errs) > 0 {
		return errors.Join(errs...)
	}
	changes := diffClose(c, &next)
	if len(changes) == 0 {
		return fmt.Errorf("%w: amendment changes nothing", ErrClose)
	}
	next.Amendments = append(slices.Clone(c.Amendments), CloseAmendment{
		At: in.At, By: by, Reason: reason, Before: c.Totals, After: next.Totals, Changes: changes,
		AuditSeq: in.AuditSeq, AuditHash: strings.TrimSpace(in.AuditHash),
	})
	*c = next
	return nil
}

// diffClose lists the per-clerk changes between two close records.
func diffClose(a, b *DayClose) []string {
	old := map[string]ClerkClose{}
	for _, cc := range a.Clerks {
		old[cc.Clerk] = cc
	}
	var out []string
	seen := map[string]bool{}
	line := func(clerk, what string, x, y int) {
		if x != y {
			out = append(out, fmt.Sprintf("clerk %s: %s %d → %d", clerk, what, x, y))
		}
	}
	for _, n := range b.Clerks {
		seen[n.Clerk] = true
		o := old[n.Clerk]
		line(n.Clerk, "records received", o.Records.Received, n.Records.Received)
		line(n.Clerk, "records guidance", o.Records.Guidance, n.Records.Guidance)
		line(n.Clerk, "records refused", o.Records.Refused, n.Records.Refused)
		line(n.Clerk, "paper received", o.Paper.Received, n.Paper.Received)
		line(n.Clerk, "paper guidance", o.Paper.Guidance, n.Paper.Guidance)
		line(n.Clerk, "paper refused", o.Paper.Refused, n.Paper.Refused)
		if o.Note != n.Note {
			out = append(out, fmt.Sprintf("clerk %s: note %q → %q", n.Clerk, o.Note, n.Note))
		}
	}
	for _, o := range a.Clerks {
		if !seen[o.Clerk] {
			out = append(out, fmt.Sprintf("clerk %s: removed", o.Clerk))
		}
	}
	return out
}
