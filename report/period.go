package report

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"motcua/dossier"
	"motcua/vntext"
)

// Col is a column number of Biểu II.06a/VPCP/KSTT (domain.md §7.2).
type Col int

// The 13 columns. 1 (TT) and 2 (field name) are labels; 3–13 are numbers.
const (
	ColNo            Col = 1  // TT
	ColField         Col = 2  // Lĩnh vực, công việc giải quyết theo cấp
	ColReceived      Col = 3  // Tiếp nhận: tổng số = 4 + 5 + 6
	ColOnline        Col = 4  // … trực tuyến (new in the period, KenhThucHien 2)
	ColDirect        Col = 5  // … trực tiếp và qua dịch vụ bưu chính (new, KenhThucHien 1/3/null)
	ColCarried       Col = 6  // … từ kỳ trước
	ColResolved      Col = 7  // Đã giải quyết: tổng số = 8 + 9 + 10
	ColEarly         Col = 8  // … trước hạn
	ColOnTime        Col = 9  // … đúng hạn (incl. withdrawn)
	ColLate          Col = 10 // … quá hạn
	ColPending       Col = 11 // Đang giải quyết: tổng số = 12 + 13
	ColPendingInTime Col = 12 // … trong hạn (incl. waiting for a supplement)
	ColPendingLate   Col = 13 // … quá hạn
	NumCols              = 13
)

// parts lists the leaf columns a total column sums.
var parts = map[Col][]Col{
	ColReceived: {ColOnline, ColDirect, ColCarried},
	ColResolved: {ColEarly, ColOnTime, ColLate},
	ColPending:  {ColPendingInTime, ColPendingLate},
}

// PeriodHeader is the header block of the form.
type PeriodHeader struct {
	// Reporter is "Đơn vị báo cáo" (the one-stop unit).
	Reporter string
	// Recipient is "Đơn vị nhận báo cáo" (e.g. Văn phòng UBND tỉnh).
	Recipient string
	// Place is the địa danh before the date line ("Thanh Hóa").
	Place string
	// Prepared is the date the report is made (injected clock).
	Prepared time.Time
	// Preparer (Người lập biểu) and Head (Thủ trưởng đơn vị) for the
	// signature blocks; empty leaves the name line blank.
	Preparer, Head string
}

// Row is one field (lĩnh vực) of the form. Only leaf columns (4, 5, 6, 8,
// 9, 10, 12, 13) are stored; totals (3, 7, 11) are their sums.
type Row struct {
	No   int
	Key  string // FieldKey of its records ("" = no field known)
	Name string
	leaf [NumCols + 1]Cell
}

// Cell returns the cell of column c (3–13) with its record ids; a total
// column concatenates its parts.
func (r *Row) Cell(c Col) Cell {
	ps, ok := parts[c]
	if !ok {
		if c < ColReceived || c > ColPendingLate {
			return Cell{}
		}
		return r.leaf[c]
	}
	var out Cell
	for _, p := range ps {
		out.IDs = append(out.IDs, r.leaf[p].IDs...)
	}
	return out
}

// N returns the number in column c (3–13).
func (r *Row) N(c Col) int {
	if ps, ok := parts[c]; ok {
		n := 0
		for _, p := range ps {
			n += r.leaf[p].N()
		}
		return n
	}
	if c < ColReceived || c > ColPendingLate {
		return 0
	}
	return r.leaf[c].N()
}

// Period is Biểu II.06a/VPCP/KSTT for one reporting period, by field.
//
// Scope: received dossiers only (Fact.IsDossier: not guidance records,
// not refused at intake, not online filings never received) whose receipt
// is before the end of the period. Let E be midnight after the last day.
//
//   - New (cols 4, 5): received on a day of the period; col 4 online
//     (KenhThucHien 2), col 5 at the counter or by post (1, 3, or null).
//   - Carried over (col 6, "từ kỳ trước"): received before the first day
//     and not finished before it — still open at the start, whether it
//     finished inside the period, after it, or not yet.
//   - Resolved (cols 7–10): FinishedAt (first of result ready, returned,
//     stopped, withdrawn) before E. Columns 8/9/10 by Judge's date-only
//     bucket (R1, domain.md §7.2): withdrawn and dossiers without a
//     deadline are đúng hạn (col. 9); more than one supplement request is
//     quá hạn.
//   - In progress (cols 11–13): not finished before E. Col 12 "trong hạn"
//     includes dossiers waiting for a supplement at E (domain.md §7.2).
//     Col 13 "quá hạn": the appointment is before E (date-only: its date is
//     on or before the last day, so the end date will be later), or the
//     dossier had more than one supplement request and is not waiting.
//
// Every dossier in scope is in exactly one of 4/5/6 and exactly one of
// 8/9/10/12/13, so col 3 = col 7 + col 11 on every row.
//
// Limit: facts hold the current state only. For a past period, a dossier
// whose appointment was extended or restarted after E is judged against
// the later appointment, and a dossier waiting at E whose supplement
// arrived after E is not seen as waiting at E. Run the report soon after
// the period closes; exact "as of" figures need the event history.
type Period struct {
	Header         PeriodHeader
	From, To       time.Time
	NamesFromCodes bool
	Rows           []Row
}

// Total returns the totals row cell of column c (ids of every row).
func (p *Period) Total(c Col) Cell {
	var out Cell
	for i := range p.Rows {
		out.IDs = append(out.IDs, p.Rows[i].Cell(c).IDs...)
	}
	return out
}

// TotalN returns the totals row number of column c.
func (p *Period) TotalN(c Col) int {
	n := 0
	for i := range p.Rows {
		n += p.Rows[i].N(c)
	}
	return n
}

// PeriodColumns returns the columns of the form that f counts in for the
// period from..to (calendar days, inclusive), totals included, in
// increasing order — e.g. [3 4 7 8] for a dossier received online in the
// period and resolved early. It returns nil when f is out of scope. It is
// the definition BuildPeriod uses and the drill-down filter for a cell:
// f is behind cell (row, c) ⇔ FieldKey(f, names) == row.Key and c ∈
// PeriodColumns(f, from, to).
func PeriodColumns(f Fact, from, to time.Time) []Col {
	a, b, ok := periodLeaves(f, dayStart(from), nextDay(to))
	if !ok {
		return nil
	}
	top := ColResolved
	if b >= ColPending {
		top = ColPending
	}
	return []Col{ColReceived, a, top, b}
}

// periodLeaves returns the intake leaf (4, 5 or 6) and the outcome leaf
// (8, 9, 10, 12 or 13) of f for the period [start, end).
func periodLeaves(f Fact, start, end time.Time) (Col, Col, bool) {
	if !f.IsDossier() || f.ReceivedAt.IsZero() || !f.ReceivedAt.Before(end) {
		return 0, 0, false
	}
	var in Col
	switch {
	case !f.ReceivedAt.Before(start):
		if f.Channel == dossier.ChannelOnline {
			in = ColOnline
		} else {
			in = ColDirect
		}
	case f.FinishedAt.IsZero() || !f.FinishedAt.Before(start):
		in = ColCarried
	default:
		return 0, 0, false // finished before the period
	}
	if !f.FinishedAt.IsZero() && f.FinishedAt.Before(end) {
		switch Judge(f).Bucket {
		case Early:
			return in, ColEarly, true
		case Late:
			return in, ColLate, true
		default:
			return in, ColOnTime, true
		}
	}
	return in, pendingLeaf(f, end), true
}

// pendingLeaf classifies a dossier still in progress at end.
func pendingLeaf(f Fact, end time.Time) Col {
	waitingAt := f.SupplementSince
	if waitingAt.IsZero() {
		waitingAt = f.PendingSupplementAt
	}
	if !waitingAt.IsZero() && waitingAt.Before(end) {
		return ColPendingInTime // waiting for a supplement at the end (§7.2 col. 12)
	}
	if f.Supplements > 1 {
		return ColPendingLate
	}
	due := f.Appointment
	if due.IsZero() && f.MaxDuration > 0 {
		due = f.ReceivedAt.Add(f.SupplementWait + f.MaxDuration)
	}
	if !due.IsZero() && due.Before(end) {
		return ColPendingLate
	}
	return ColPendingInTime
}

// PeriodOptions select a period report.
type PeriodOptions struct {
	From, To time.Time // calendar days, inclusive
	Header   PeriodHeader
	Names    Names // nil = CodesOnly
}

// BuildPeriod computes Biểu II.06a from src. It reads every record
// received up to the last day of the period in one pass (src.Range from
// the beginning): the ones received inside the period are new, the
// earlier ones open at its start are carried over.
func BuildPeriod(src Source, opt PeriodOptions) (*Period, error) {
	from, to, err := window(opt.From, opt.To)
	if err != nil {
		return nil, err
	}
	names := opt.Names
	if names == nil {
		names = CodesOnly{}
	}
	_, codesOnly := names.(CodesOnly)
	p := &Period{Header: opt.Header, From: from, To: to, NamesFromCodes: codesOnly}
	start, end := from, nextDay(to)
	idx := map[string]int{}
	err = src.Range(time.Time{}, to, func(f Fact) error {
		a, b, ok := periodLeaves(f, start, end)
		if !ok {
			return nil
		}
		key := FieldKey(f, names)
		i, seen := idx[key]
		if !seen {
			i = len(p.Rows)
			idx[key] = i
			p.Rows = append(p.Rows, Row{Key: key, Name: FieldLabel(names, key)})
		}
		r := &p.Rows[i]
		r.leaf[a].add(f.ID)
		r.leaf[b].add(f.ID)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("period %s..%s: %w", from.Format(time.DateOnly), to.Format(time.DateOnly), err)
	}
	slices.SortFunc(p.Rows, func(a, b Row) int {
		if (a.Key == "") != (b.Key == "") { // "no field" last
			if a.Key == "" {
				return 1
			}
			return -1
		}
		if c := strings.Compare(vntext.Fold(a.Name), vntext.Fold(b.Name)); c != 0 {
			return c
		}
		return strings.Compare(a.Key, b.Key)
	})
	for i := range p.Rows {
		p.Rows[i].No = i + 1
	}
	return p, nil
}
