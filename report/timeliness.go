package report

import (
	"time"

	"motcua/dossier"
)

// Bucket is the II.06a timeliness column of a dossier, by R1's date-only
// comparison (domain.md §7.2).
type Bucket uint8

// Buckets.
const (
	// NotJudged: the dossier has no end yet (still being processed), or is
	// not a received dossier (guidance record, refused at intake).
	NotJudged Bucket = iota
	Early            // trước hạn: end date before the appointment date
	OnTime           // đúng hạn: same date (also: withdrawn, no deadline)
	Late             // quá hạn: later date (also: more than one supplement request)
)

// Vietnamese returns the column label.
func (b Bucket) Vietnamese() string {
	switch b {
	case Early:
		return "Trước hạn"
	case OnTime:
		return "Đúng hạn"
	case Late:
		return "Quá hạn"
	}
	return "Chưa kết thúc"
}

// Basis says which rule decided a verdict.
type Basis uint8

// Bases of a verdict.
const (
	BasisNone          Basis = iota // not judged
	BasisAppointment                // end compared with the current appointment
	BasisStatutory                  // no appointment: duration − supplement time vs MaxDuration
	BasisNoDeadline                 // no appointment and no statutory maximum: on time
	BasisWithdrawn                  // withdrawn by the applicant: on time (II.06a col. 9)
	BasisTwoRequests                // more than one supplement request: late (766)
	BasisPendingSupply              // one unanswered request: its time is the end (766)
)

// String names the basis for logs and the CLI.
func (b Basis) String() string {
	return [...]string{"none", "appointment", "statutory-maximum", "no-deadline", "withdrawn", "two-supplement-requests", "unanswered-supplement"}[b]
}

// Timeliness is the verdict on one dossier.
type Timeliness struct {
	// End is the end time used (zero when not judged).
	End time.Time
	// Deadline is what End was compared with: the current appointment, or
	// ReceivedAt + SupplementWait + MaxDuration; zero when there is none.
	Deadline time.Time
	// OnTime766 is the 766 rule (domain.md §3.3): End ≤ Deadline to the
	// second. Meaningful only when Bucket != NotJudged.
	OnTime766 bool
	// Bucket is the II.06a date-only column (domain.md §7.2).
	Bucket Bucket
	Basis  Basis
}

// Judge evaluates a dossier's timeliness as the national index does
// (domain.md §3.3), producing both the 766 verdict and the II.06a
// date-only bucket:
//
//  1. Only received dossiers are judged (Fact.IsDossier).
//  2. The end is the first end status reached: result ready (9), returned
//     (10), stopped (8) — FinishedAt, which the dossier package sets once
//     from the first of these (and from withdrawal, 7).
//  3. Withdrawn (7) counts as on time: II.06a col. 9 "đúng hạn" includes
//     withdrawn dossiers (domain.md §7.2). The 766 rule has no end status
//     for withdrawal; we use the same convention so the dashboard rate and
//     the form agree.
//  4. More than one supplement request ⇒ late, whatever the dates (766,
//     domain.md §1.3 step 2 and §3.3). A dossier still waiting on its
//     second request is judged late as soon as that request is made.
//  5. Exactly one unanswered request ⇒ the request time is the end. This
//     covers a dossier waiting for the supplement (status 5) and one
//     stopped or withdrawn while waiting (the end status came after the
//     request; subtracting the open wait from the stop time gives the
//     same instant).
//  6. Supplement time is subtracted — but only once. When a requested
//     supplement arrives the appointment restarts (Decree 118 art. 19.5;
//     dossier.Dossier.derive sets Appointment to the restarted date), so
//     comparing End with the current Appointment already excludes the
//     applicant's time; SupplementWait is NOT subtracted again. A wait
//     that ended with a stop or withdrawal had no restart; rule 5 takes
//     the request time as the end instead.
//  7. No appointment: duration − supplement time ≤ statutory maximum, i.e.
//     End ≤ ReceivedAt + SupplementWait + MaxDuration (here subtracting the
//     wait is right: there is no restarted appointment). With no
//     statutory maximum (the procedure has no deadline, or it is unknown)
//     the dossier counts as on time (đúng hạn).
//
// Open dossiers without an unanswered request are not judged (Bucket
// NotJudged); use Overdue for those.
func Judge(f Fact) Timeliness {
	var t Timeliness
	if !f.IsDossier() {
		return t
	}
	waiting := f.Status == dossier.StatusSupplement
	switch {
	case f.Supplements > 1 && (waiting && !f.SupplementSince.IsZero() || !f.Status.Open() && !f.FinishedAt.IsZero()):
		t.End = f.FinishedAt
		if waiting {
			t.End = f.SupplementSince
		}
		t.Deadline = f.Appointment
		t.Bucket, t.OnTime766, t.Basis = Late, false, BasisTwoRequests
		return t
	case f.Status == dossier.StatusWithdrawn:
		t.End = f.FinishedAt
		t.Deadline = f.Appointment
		t.Bucket, t.OnTime766, t.Basis = OnTime, true, BasisWithdrawn
		return t
	case f.Supplements == 1 && !f.PendingSupplementAt.IsZero():
		t.End = f.PendingSupplementAt
		t.Basis = BasisPendingSupply
	case waiting && !f.SupplementSince.IsZero():
		// Status 5 without the adapter's PendingSupplementAt: the open
		// request is SupplementSince.
		t.End = f.SupplementSince
		t.Basis = BasisPendingSupply
	case !f.FinishedAt.IsZero() && !f.Status.Open():
		t.End = f.FinishedAt
		t.Basis = BasisAppointment
	default:
		return Timeliness{} // still being processed
	}
	switch {
	case !f.Appointment.IsZero():
		t.Deadline = f.Appointment
	case f.MaxDuration > 0:
		t.Deadline = f.ReceivedAt.Add(f.SupplementWait + f.MaxDuration)
		if t.Basis == BasisAppointment {
			t.Basis = BasisStatutory
		}
	default:
		t.Bucket, t.OnTime766 = OnTime, true
		if t.Basis == BasisAppointment {
			t.Basis = BasisNoDeadline
		}
		return t
	}
	t.OnTime766 = !t.End.After(t.Deadline)
	switch c := dateCmp(t.End, t.Deadline); {
	case c < 0:
		t.Bucket = Early
	case c == 0:
		t.Bucket = OnTime
	default:
		t.Bucket = Late
	}
	return t
}

// Overdue reports whether an open dossier is past its appointment at
// instant at (766 rule, to the second). Dossiers waiting for a supplement
// (status 5) are not overdue: the clock stops and restarts when the
// documents arrive (Decree 118 art. 19.5). Dossiers without an
// appointment are never overdue here.
func Overdue(f Fact, at time.Time) bool {
	if !f.IsDossier() || !f.Status.Open() || f.Status == dossier.StatusSupplement {
		return false
	}
	return !f.Appointment.IsZero() && f.Appointment.Before(at)
}
