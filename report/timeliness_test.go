package report

import (
	"testing"
	"time"

	"motcua/dossier"
)

// judgeCase is shared by TestJudge and FuzzJudge's seeds.
type judgeCase struct {
	name   string
	fact   func(t testing.TB) Fact
	bucket Bucket
	on766  bool
	basis  Basis
	end    string // expected end "2006-01-02 15:04" ("" = zero)
}

func judgeCases() []judgeCase {
	return []judgeCase{
		{"early: result ready days before the appointment", func(t testing.TB) Fact {
			return received(t, 1, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").ev(dossier.EvResultReady, "2026-03-05 10:00").fact()
		}, Early, true, BasisAppointment, "2026-03-05 10:00"},
		{"on time: same date, before the hour", func(t testing.TB) Fact {
			return received(t, 2, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-09 16:00").fact()
		}, OnTime, true, BasisAppointment, "2026-03-09 16:00"},
		{"same date after the hour: đúng hạn on II.06a, late for 766", func(t testing.TB) Fact {
			return received(t, 3, "2026-03-02 08:00", "2026-03-09 10:00").ev(dossier.EvResultReady, "2026-03-09 16:00").fact()
		}, OnTime, false, BasisAppointment, "2026-03-09 16:00"},
		{"late: next day", func(t testing.TB) Fact {
			return received(t, 4, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-10 08:00").fact()
		}, Late, false, BasisAppointment, "2026-03-10 08:00"},
		{"returned: the end is the earlier result-ready time", func(t testing.TB) Fact {
			return received(t, 5, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-09 16:00").ev(dossier.EvReturned, "2026-03-12 09:00").fact()
		}, OnTime, true, BasisAppointment, "2026-03-09 16:00"},
		{"one supplement answered: compared with the restarted appointment, wait not subtracted twice", func(t testing.TB) Fact {
			// Subtracting the 7-day wait again would make it trước hạn;
			// comparing with the first appointment would make it late.
			return received(t, 6, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-03 09:00").ev(dossier.EvSupplementReceived, "2026-03-10 09:00", "2026-03-16 17:00").
				ev(dossier.EvResultReady, "2026-03-16 10:00").fact()
		}, OnTime, true, BasisAppointment, "2026-03-16 10:00"},
		{"one supplement unanswered, waiting: the request time is the end", func(t testing.TB) Fact {
			return received(t, 7, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").fact()
		}, Early, true, BasisPendingSupply, "2026-03-05 09:00"},
		{"one supplement unanswered then stopped (15-day closure): the request time is the end", func(t testing.TB) Fact {
			return received(t, 8, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").ev(dossier.EvStopped, "2026-03-25 09:00").fact()
		}, Early, true, BasisPendingSupply, "2026-03-05 09:00"},
		{"two supplement requests: late although early by date", func(t testing.TB) Fact {
			return received(t, 9, "2026-03-02 08:00", "2026-03-20 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-03 09:00").ev(dossier.EvSupplementReceived, "2026-03-04 09:00", "2026-03-23 17:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").ev(dossier.EvSupplementReceived, "2026-03-06 09:00", "2026-03-25 17:00").
				ev(dossier.EvResultReady, "2026-03-09 10:00").fact()
		}, Late, false, BasisTwoRequests, "2026-03-09 10:00"},
		{"two supplement requests, waiting on the second: late", func(t testing.TB) Fact {
			return received(t, 10, "2026-03-02 08:00", "2026-03-20 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-03 09:00").ev(dossier.EvSupplementReceived, "2026-03-04 09:00", "2026-03-23 17:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").fact()
		}, Late, false, BasisTwoRequests, "2026-03-05 09:00"},
		{"withdrawn after the appointment: on time", func(t testing.TB) Fact {
			return received(t, 11, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvWithdrawn, "2026-03-20 09:00").fact()
		}, OnTime, true, BasisWithdrawn, "2026-03-20 09:00"},
		{"stopped after the appointment: late", func(t testing.TB) Fact {
			return received(t, 12, "2026-03-02 08:00", "2026-03-10 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").ev(dossier.EvStopped, "2026-03-12 09:00").fact()
		}, Late, false, BasisAppointment, "2026-03-12 09:00"},
		{"stopped before the appointment: early", func(t testing.TB) Fact {
			return received(t, 13, "2026-03-02 08:00", "2026-03-10 17:00").ev(dossier.EvStopped, "2026-03-04 09:00").fact()
		}, Early, true, BasisAppointment, "2026-03-04 09:00"},
		{"extended once: compared with the new appointment", func(t testing.TB) Fact {
			return received(t, 14, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvExtended, "2026-03-04 09:00", "2026-03-13 17:00").ev(dossier.EvResultReady, "2026-03-12 09:00").fact()
		}, Early, true, BasisAppointment, "2026-03-12 09:00"},
		{"no deadline: on time", func(t testing.TB) Fact {
			return received(t, 15, "2026-03-02 08:00", "").ev(dossier.EvResultReady, "2026-05-25 09:00").fact()
		}, OnTime, true, BasisNoDeadline, "2026-05-25 09:00"},
		{"no appointment, statutory maximum: duration minus supplement time within it", func(t testing.TB) Fact {
			f := received(t, 16, "2026-03-02 08:00", "").fact()
			f.Status, f.FinishedAt, f.SupplementWait, f.Supplements, f.MaxDuration = dossier.StatusResultReady, ict(t, "2026-03-08 09:00"), 48*time.Hour, 1, 5*24*time.Hour
			return f // deadline 2026-03-09 08:00
		}, Early, true, BasisStatutory, "2026-03-08 09:00"},
		{"no appointment, statutory maximum: an hour over, same date", func(t testing.TB) Fact {
			f := received(t, 17, "2026-03-02 08:00", "").fact()
			f.Status, f.FinishedAt, f.SupplementWait, f.Supplements, f.MaxDuration = dossier.StatusResultReady, ict(t, "2026-03-09 09:00"), 48*time.Hour, 1, 5*24*time.Hour
			return f
		}, OnTime, false, BasisStatutory, "2026-03-09 09:00"},
		{"timezone: 00:01 ICT the next day is late although the UTC date equals the appointment's", func(t testing.TB) Fact {
			f := received(t, 18, "2026-03-02 08:00", "2026-03-09 17:00").fact()
			f.Status, f.FinishedAt = dossier.StatusResultReady, time.Date(2026, 3, 9, 17, 1, 0, 0, time.UTC) // 2026-03-10 00:01 ICT
			return f
		}, Late, false, BasisAppointment, "2026-03-10 00:01"},
		{"timezone: 23:59 ICT the day before a 06:00 appointment is early although the UTC dates match", func(t testing.TB) Fact {
			f := received(t, 19, "2026-03-02 08:00", "2026-03-10 06:00").fact()
			f.Status, f.FinishedAt = dossier.StatusResultReady, time.Date(2026, 3, 9, 16, 59, 0, 0, time.UTC) // 2026-03-09 23:59 ICT
			return f
		}, Early, true, BasisAppointment, "2026-03-09 23:59"},
		{"still processing: not judged", func(t testing.TB) Fact {
			return received(t, 20, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").fact()
		}, NotJudged, false, BasisNone, ""},
		{"refused at intake: not judged", func(t testing.TB) Fact { return refusedAtIntake(t, 21, "2026-03-02 08:00") }, NotJudged, false, BasisNone, ""},
		{"guidance record: not judged", func(t testing.TB) Fact { return guidance(t, 22, "2026-03-02 08:00") }, NotJudged, false, BasisNone, ""},
	}
}

func TestJudge(t *testing.T) {
	for _, c := range judgeCases() {
		t.Run(c.name, func(t *testing.T) {
			got := Judge(c.fact(t))
			if got.Bucket != c.bucket || got.Basis != c.basis || (c.bucket != NotJudged && got.OnTime766 != c.on766) {
				t.Fatalf("got bucket %s, 766 on time %v, basis %s; want %s, %v, %s (end %v, deadline %v)",
					got.Bucket.Vietnamese(), got.OnTime766, got.Basis, c.bucket.Vietnamese(), c.on766, c.basis, got.End, got.Deadline)
			}
			var want time.Time
			if c.end != "" {
				want = ict(t, c.end)
			}
			if !got.End.Equal(want) {
				t.Fatalf("end %v, want %v", got.End.In(zone), want)
			}
		})
	}
}

func TestOverdue(t *testing.T) {
	now := ict(t, "2026-03-10 12:00")
	cases := []struct {
		name string
		f    Fact
		want bool
	}{
		{"open past the appointment", received(t, 1, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").fact(), true},
		{"open, due later today", received(t, 2, "2026-03-02 08:00", "2026-03-10 17:00").fact(), false},
		{"due exactly now is not yet overdue", received(t, 3, "2026-03-02 08:00", "2026-03-10 12:00").fact(), false},
		{"waiting for a supplement: clock stopped", received(t, 4, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").ev(dossier.EvSupplementRequest, "2026-03-03 09:00").fact(), false},
		{"result ready: not open", received(t, 5, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-10 08:00").fact(), false},
		{"no deadline", received(t, 6, "2026-03-02 08:00", "").fact(), false},
	}
	for _, c := range cases {
		if got := Overdue(c.f, now); got != c.want {
			t.Errorf("%s: overdue %v, want %v", c.name, got, c.want)
		}
	}
}

// FuzzJudge checks invariants on arbitrary facts: Judge never panics, a
// judged dossier has an end, the 766 verdict implies a bucket no later
// than đúng hạn, and the date-only bucket agrees with the dates.
func FuzzJudge(f *testing.F) {
	for _, c := range judgeCases() {
		x := c.fact(f)
		f.Add(uint8(x.Status), uint8(x.Kind), x.ReceivedAt.Unix(), unixOr0(x.Appointment), unixOr0(x.FinishedAt), unixOr0(x.SupplementSince), unixOr0(x.PendingSupplementAt), x.Supplements, int64(x.SupplementWait), int64(x.MaxDuration))
	}
	f.Fuzz(func(t *testing.T, status, kind uint8, recv, appt, fin, since, pending int64, supp int, wait, max int64) {
		ts := func(v int64) time.Time {
			if v == 0 {
				return time.Time{}
			}
			return time.Unix(v%(1<<40), 0).In(zone)
		}
		x := Fact{Status: dossier.Status(status % 11), Kind: dossier.RecordKind(kind % 2), ReceivedAt: ts(recv), Appointment: ts(appt), FinishedAt: ts(fin),
			SupplementSince: ts(since), PendingSupplementAt: ts(pending), Supplements: supp % 5, SupplementWait: time.Duration(wait % (1 << 50)), MaxDuration: time.Duration(max % (1 << 50))}
		j := Judge(x)
		if j.Bucket == NotJudged {
			return
		}
		if j.End.IsZero() && j.Basis != BasisWithdrawn {
			t.Fatalf("judged without an end: %+v → %+v", x, j)
		}
		if j.OnTime766 && j.Bucket == Late {
			t.Fatalf("on time by the 766 rule but quá hạn by date: %+v → %+v", x, j)
		}
		if !j.Deadline.IsZero() && (j.Basis == BasisAppointment || j.Basis == BasisStatutory || j.Basis == BasisPendingSupply) {
			c := dateCmp(j.End, j.Deadline)
			if (c < 0) != (j.Bucket == Early) || (c == 0) != (j.Bucket == OnTime) {
				t.Fatalf("bucket %v disagrees with dates %v vs %v", j.Bucket, j.End, j.Deadline)
			}
		}
	})
}

func unixOr0(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}
