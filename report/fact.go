package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"motcua/dossier"
)

// Fact is what a report reads about one record (dossier or counter
// guidance record). It mirrors the store's facts block (no personal data,
// no body decoding) plus PendingSupplementAt, which the adapter resolves.
// All times are in dossier.Zone.
type Fact struct {
	ID uint64
	// Code is the dossier code, or the guidance number of a guidance record.
	Code string
	Kind dossier.RecordKind
	// Status is the current national status (0 for guidance records).
	Status  dossier.Status
	Channel dossier.Channel
	// Result tells an approved result from a refusal after appraisal.
	Result dossier.ResultKind

	// ReceivedAt: receipt of the complete dossier (or the guidance/refusal
	// time at the counter).
	ReceivedAt time.Time
	// Appointment is the current appointment: moved by the one allowed
	// extension (Decree 118 art. 19.6) and restarted when a requested
	// supplement arrives (art. 19.5). Zero when the procedure has no
	// deadline.
	Appointment time.Time
	// FirstAppointment is the appointment printed on the receipt.
	FirstAppointment time.Time
	// FinishedAt is when processing ended: the first of result ready (9),
	// returned (10), stopped (8), withdrawn (7), or the refusal at intake
	// (3). Zero while open.
	FinishedAt time.Time
	// ReturnedAt is when the result was handed over (status 10).
	ReturnedAt time.Time

	// Supplements counts supplement requests after appraisal.
	Supplements int
	// SupplementWait is the total time the applicant took to supply
	// documents (closed waits only, plus the open wait closed by a stop or
	// withdrawal).
	SupplementWait time.Duration
	// SupplementSince is the time of the open supplement request (status
	// 5), zero otherwise.
	SupplementSince time.Time
	// PendingSupplementAt is the time of the last supplement request when
	// it was never answered: the dossier is waiting for it (= SupplementSince)
	// or was stopped or withdrawn while waiting. Zero when every request
	// was answered.
	PendingSupplementAt time.Time

	ProcedureCode string
	FieldCode     string
	Clerk         string
	Desk          string

	// Digitised: at least one component has a scan or was taken from
	// national data (766 indicator 4.3 "HoSoCoThanhPhanSoHoa").
	Digitised bool
	// Extended: the appointment was moved once by an extension.
	Extended bool
	// Generated marks synthetic records ("motcuactl gen").
	Generated bool

	// MaxDuration is the statutory maximum processing time as a duration,
	// used only when the dossier has no appointment (766 rule "duration
	// minus supplement time ≤ statutory maximum", domain.md §3.3). Zero
	// means unknown or no deadline; such a dossier counts as on time.
	MaxDuration time.Duration
}

// IsDossier reports whether f is a dossier that was received (not a
// guidance record, not refused at intake, not an online submission still
// waiting to be received). Only these enter the II.06a form and the
// timeliness, digitisation and online-share rates.
func (f *Fact) IsDossier() bool {
	return f.Kind == dossier.KindDossier && f.Status != dossier.StatusRefused &&
		f.Status != dossier.StatusSubmitted && f.Status != dossier.StatusNone
}

// Source streams facts. Implementations call fn once per record in a
// stable order (the store's: id order within a day) and stop at the first
// error fn returns, returning it.
type Source interface {
	// Range: records received on calendar days from..to inclusive (in
	// dossier.Zone; times of day are ignored). A zero from means "since
	// the first record".
	Range(from, to time.Time, fn func(Fact) error) error
	// Open: dossiers still open now (statuses 1, 2, 4, 5, 6), whatever
	// their receipt date.
	Open(fn func(Fact) error) error
	// DueBetween: open dossiers whose current appointment is in [from, to).
	DueBetween(from, to time.Time, fn func(Fact) error) error
	// FinishedBetween: records whose processing ended (FinishedAt) in
	// [from, to).
	FinishedBetween(from, to time.Time, fn func(Fact) error) error
}

// Names gives the catalog names of fields (lĩnh vực) and procedures. An
// empty string means unknown; reports then show the code.
type Names interface {
	FieldName(code string) string
	ProcedureName(code string) string
}

// CodesOnly is a Names that knows no names: every label falls back to the
// code. Reports built with it say so (Dashboard.NamesFromCodes).
type CodesOnly struct{}

// FieldName returns "".
func (CodesOnly) FieldName(string) string { return "" }

// ProcedureName returns "".
func (CodesOnly) ProcedureName(string) string { return "" }

// NoField labels records without a field code.
const NoField = "Chưa xác định lĩnh vực"

// NoProcedure labels records without a procedure code.
const NoProcedure = "Chưa xác định thủ tục"

// FieldLabel is the label of a field key: its catalog name, else the key,
// else NoField.
func FieldLabel(n Names, code string) string {
	if code == "" {
		return NoField
	}
	if s := n.FieldName(code); s != "" {
		return s
	}
	return code
}

// ProcedureLabel is the label of a procedure code: its catalog name, else
// the code, else NoProcedure.
func ProcedureLabel(n Names, code string) string {
	if code == "" {
		return NoProcedure
	}
	if s := n.ProcedureName(code); s != "" {
		return s
	}
	return code
}

// Cell is one number of a report together with the ids of the records
// behind it, for drill-down.
type Cell struct {
	IDs []uint64
}

// N returns the number of records in the cell.
func (c Cell) N() int { return len(c.IDs) }

func (c *Cell) add(id uint64) { c.IDs = append(c.IDs, id) }

// Ratio is a share: Num of Den, both drillable.
type Ratio struct {
	Num, Den Cell
}

// Percent returns 100·Num/Den, or 0 when Den is empty.
func (r Ratio) Percent() float64 {
	if r.Den.N() == 0 {
		return 0
	}
	return 100 * float64(r.Num.N()) / float64(r.Den.N())
}

// dayStart returns midnight of t's day in dossier.Zone.
func dayStart(t time.Time) time.Time { return dossier.Day(t) }

// nextDay returns midnight of the day after t's day.
func nextDay(t time.Time) time.Time { return dayStart(t).AddDate(0, 0, 1) }

// dateCmp compares the calendar dates (dossier.Zone) of a and b.
func dateCmp(a, b time.Time) int {
	a, b = dayStart(a), dayStart(b)
	return a.Compare(b)
}

// sortGroups orders groups by received count (descending), then label
// (byte order), then key.
func sortGroups(gs []Group) {
	slices.SortFunc(gs, func(a, b Group) int {
		if c := cmp.Compare(b.Received.N(), a.Received.N()); c != 0 {
			return c
		}
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
}

// FactOf returns the facts of a full dossier record, with
// PendingSupplementAt resolved from the history. Adapters use it for
// records they had to decode; tests use it to build facts from dossiers
// that went through dossier.Apply.
func FactOf(d *dossier.Dossier) Fact {
	f := Fact{
		ID: d.ID, Code: string(d.Code), Kind: d.Kind, Status: d.Status, Channel: d.Channel, Result: d.ResultKind,
		ReceivedAt: d.ReceivedAt, Appointment: d.Appointment, FirstAppointment: d.FirstAppointment,
		FinishedAt: d.FinishedAt, ReturnedAt: d.ReturnedAt,
		Supplements: d.Supplements, SupplementWait: d.SupplementWait, SupplementSince: d.SupplementSince,
		ProcedureCode: d.Procedure.Code, FieldCode: d.Procedure.FieldCode, Clerk: d.Clerk, Desk: d.Desk,
		Digitised: d.Digitised(), Extended: d.Extended, Generated: d.Generated,
	}
	if d.Kind == dossier.KindGuidance {
		f.Code = d.GuidanceNo
	}
	f.PendingSupplementAt = PendingSupplement(d.History)
	return f
}

// PendingSupplement returns the time of the last supplement request in
// history if no supplement was received after it, else the zero time
// (dossier.Dossier.PendingSupplement).
func PendingSupplement(history []dossier.Event) time.Time {
	return (&dossier.Dossier{History: history}).PendingSupplement()
}
