package report

import (
	"fmt"
	"testing"
	"time"

	"motcua/dossier"
)

// Fixtures: dossiers built through dossier.Apply, so the derived fields
// (FinishedAt, SupplementWait, the restarted Appointment) are exactly what
// the desk stores.

var zone = dossier.Zone

// ict parses "2006-01-02 15:04" in Vietnam time.
func ict(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, zone)
	if err != nil {
		t.Fatalf("bad fixture time %q: %v", s, err)
	}
	return v
}

type fx struct {
	t testing.TB
	d *dossier.Dossier
}

// received starts a received dossier (status 2). appt "" = no deadline.
func received(t testing.TB, id uint64, recv, appt string) *fx {
	t.Helper()
	at := ict(t, recv)
	d := &dossier.Dossier{
		ID: id, Kind: dossier.KindDossier, Code: dossier.Code("000.00.06.H56-" + at.Format("060102") + "-" + itoaPad(id)),
		Procedure:  dossier.ProcedureRef{Code: "1.001193", Name: "Đăng ký khai sinh", FieldCode: "HT", FieldName: "Hộ tịch", Agency: "UBND xã"},
		Channel:    dossier.ChannelDirect,
		Submitter:  dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyễn Văn An", Address: "Thôn 1", Phone: "0912345678"},
		TimeLimit:  dossier.Limit{Value: 5, Unit: "working-days"},
		ReceivedAt: at, Clerk: "clerk-a", ClerkName: "Lê Thị Bình", Desk: "quay-01",
		Status:  dossier.StatusReceived,
		History: []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: "clerk-a", To: dossier.StatusReceived}},
	}
	if appt == "" {
		d.TimeLimit = dossier.Limit{Unit: "none"}
	} else {
		d.FirstAppointment = ict(t, appt)
		d.Appointment = d.FirstAppointment
	}
	return &fx{t, d}
}

func itoaPad(id uint64) string { return fmt.Sprintf("%04d", id) }

func (x *fx) with(mod func(d *dossier.Dossier)) *fx { mod(x.d); return x }

// ev applies one event with the fields its kind requires. For
// supplement-received and extended, extra is the new appointment.
func (x *fx) ev(kind dossier.EventKind, at string, extra ...string) *fx {
	x.t.Helper()
	e := dossier.Event{Kind: kind, At: ict(x.t, at), Actor: "u1", Note: "ghi chú"}
	switch kind {
	case dossier.EvTransferred:
		e.Department = "Phòng Tư pháp"
	case dossier.EvSupplementRequest:
		e.Items = []string{"Giấy chứng sinh"}
	case dossier.EvSupplementReceived, dossier.EvExtended:
		if len(extra) > 0 {
			e.Appointment = ict(x.t, extra[0])
		}
		e.Approver = "supervisor"
	case dossier.EvResultReady:
		e.Result = dossier.ResultApproved
	case dossier.EvReturned:
		e.Collector = &dossier.Collector{Name: "Nguyễn Văn An", IDChecked: true}
	}
	if err := x.d.Apply(e); err != nil {
		x.t.Fatalf("fixture %d: apply %s at %s: %v", x.d.ID, kind, at, err)
	}
	return x
}

func (x *fx) fact() Fact { return FactOf(x.d) }

// refusedAtIntake is a record refused at the counter (status 3).
func refusedAtIntake(t testing.TB, id uint64, at string) Fact {
	t.Helper()
	tm := ict(t, at)
	d := &dossier.Dossier{ID: id, Kind: dossier.KindDossier, Code: dossier.Code("000.00.06.H56-" + tm.Format("060102") + "-" + itoaPad(id)),
		Procedure: dossier.ProcedureRef{Code: "1.001193", FieldCode: "HT"}, Channel: dossier.ChannelDirect,
		ReceivedAt: tm, FinishedAt: tm, Clerk: "clerk-b", Status: dossier.StatusRefused,
		History: []dossier.Event{{Kind: dossier.EvRefused, At: tm, Actor: "clerk-b", To: dossier.StatusRefused}}}
	return FactOf(d)
}

// guidance is a counter guidance record (form 02, not received).
func guidance(t testing.TB, id uint64, at string) Fact {
	t.Helper()
	tm := ict(t, at)
	d := &dossier.Dossier{ID: id, Kind: dossier.KindGuidance, GuidanceNo: "HD-" + tm.Format("060102") + "-" + itoaPad(id),
		Procedure: dossier.ProcedureRef{Code: "1.001193", FieldCode: "HT"}, Channel: dossier.ChannelDirect,
		ReceivedAt: tm, Clerk: "clerk-a", Status: dossier.StatusNone,
		History: []dossier.Event{{Kind: dossier.EvGuidance, At: tm, Actor: "clerk-a"}}}
	return FactOf(d)
}
