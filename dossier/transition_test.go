package dossier

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, Zone)

func sample(status Status) *Dossier {
	d := &Dossier{
		Code:        "000.00.06.H56-260302-0001",
		Status:      status,
		ReceivedAt:  t0,
		Appointment: t0.Add(10 * 24 * time.Hour),
		TimeLimit:   Limit{Value: 5, Unit: "working-days"},
		Submitter:   Party{Kind: PartyCitizen, Name: "Nguyễn Văn An", IDNumber: "001090123456", Phone: "0912345678"},
	}
	if status == StatusSupplement {
		d.Supplements = 1
		d.SupplementSince = t0.Add(time.Hour)
	}
	return d
}

// payload fills what each kind needs so that only the status rule decides.
func payload(k EventKind, at time.Time) Event {
	ev := Event{Kind: k, At: at, Actor: "clerk1", Note: "lý do"}
	switch k {
	case EvTransferred:
		ev.Department = "Phòng Tư pháp"
	case EvSupplementRequest:
		ev.Items = []string{"Tờ khai"}
	case EvSupplementReceived:
		ev.Appointment = at.Add(72 * time.Hour)
	case EvResultReady:
		ev.Result = ResultApproved
	case EvReturned:
		ev.Collector = &Collector{Name: "Nguyễn Văn An", IDChecked: true}
	case EvExtended:
		ev.Approver = "sup1"
		ev.Appointment = at.Add(30 * 24 * time.Hour)
	}
	return ev
}

// TestTransitions_Table checks every (status, event kind) pair against the
// expected table: an allowed move lands on the listed status, everything
// else is refused with a conflict error.
func TestTransitions_Table(t *testing.T) {
	want := map[Status]map[EventKind]Status{
		StatusSubmitted:   {EvWithdrawn: StatusWithdrawn},
		StatusReceived:    {EvTransferred: StatusProcessing, EvResultReady: StatusResultReady, EvWithdrawn: StatusWithdrawn, EvStopped: StatusStopped, EvExtended: StatusReceived},
		StatusRefused:     {},
		StatusProcessing:  {EvSupplementRequest: StatusSupplement, EvObligation: StatusObligation, EvResultReady: StatusResultReady, EvWithdrawn: StatusWithdrawn, EvStopped: StatusStopped, EvExtended: StatusProcessing},
		StatusSupplement:  {EvSupplementReceived: StatusProcessing, EvWithdrawn: StatusWithdrawn, EvStopped: StatusStopped, EvExtended: StatusSupplement},
		StatusObligation:  {EvObligationPaid: StatusProcessing, EvResultReady: StatusResultReady, EvWithdrawn: StatusWithdrawn, EvStopped: StatusStopped, EvExtended: StatusObligation},
		StatusWithdrawn:   {},
		StatusStopped:     {},
		StatusResultReady: {EvReturned: StatusReturned},
		StatusReturned:    {},
	}
	kinds := []EventKind{EvTransferred, EvSupplementRequest, EvSupplementReceived, EvObligation, EvObligationPaid, EvResultReady, EvReturned, EvWithdrawn, EvStopped, EvExtended}
	for from := StatusSubmitted; from <= MaxStatus; from++ {
		for _, k := range kinds {
			d := sample(from)
			err := d.Apply(payload(k, t0.Add(2*time.Hour)))
			to, ok := want[from][k]
			if ok {
				if err != nil {
					t.Errorf("%d --%s--> want %d, refused: %v", from, k, to, err)
					continue
				}
				if d.Status != to {
					t.Errorf("%d --%s--> got %d, want %d", from, k, d.Status, to)
				}
				if h := d.History[len(d.History)-1]; h.From != from || h.To != to {
					t.Errorf("%d --%s--> history says %d→%d", from, k, h.From, h.To)
				}
				continue
			}
			if err == nil {
				t.Errorf("%d --%s--> allowed (to %d), want refused", from, k, d.Status)
			} else if ErrorKind(err) != KindConflict {
				t.Errorf("%d --%s--> refused with kind %s, want conflict: %v", from, k, ErrorKind(err), err)
			}
			if d.Status != from || len(d.History) != 0 {
				t.Errorf("%d --%s--> a refused event changed the dossier", from, k)
			}
		}
	}
	// Transitions() and KindFor agree with the table.
	n := 0
	for from, m := range want {
		for k, to := range m {
			if k == EvExtended {
				continue
			}
			n++
			got, err := KindFor(from, to)
			if err != nil || got != k {
				t.Errorf("KindFor(%d,%d) = %q, %v; want %q", from, to, got, err, k)
			}
		}
	}
	if len(Transitions()) != n {
		t.Errorf("Transitions() has %d moves, table has %d", len(Transitions()), n)
	}
}

func TestKindFor_RefusedNamesAllowed(t *testing.T) {
	_, err := KindFor(StatusReturned, StatusProcessing)
	if err == nil || !strings.Contains(err.Error(), "final") {
		t.Fatalf("want 'final' in error, got %v", err)
	}
	_, err = KindFor(StatusReceived, StatusReturned)
	if err == nil || !strings.Contains(err.Error(), "allowed: 4 processing") {
		t.Fatalf("want allowed list, got %v", err)
	}
}

func TestApply_PayloadRules(t *testing.T) {
	at := t0.Add(2 * time.Hour)
	cases := []struct {
		name   string
		status Status
		mod    func(d *Dossier, ev *Event)
		kind   EventKind
		want   string // substring of the error; "" = allowed
	}{
		{"transfer needs department", StatusReceived, func(_ *Dossier, ev *Event) { ev.Department = "" }, EvTransferred, "department"},
		{"supplement needs items or reason", StatusProcessing, func(_ *Dossier, ev *Event) { ev.Items = nil; ev.Note = "" }, EvSupplementRequest, "list the components"},
		{"second supplement needs reason", StatusProcessing, func(d *Dossier, ev *Event) { d.Supplements = 1; ev.Note = "" }, EvSupplementRequest, "second supplement"},
		{"second supplement with reason", StatusProcessing, func(d *Dossier, ev *Event) { d.Supplements = 1 }, EvSupplementRequest, ""},
		{"restart needs appointment", StatusSupplement, func(_ *Dossier, ev *Event) { ev.Appointment = time.Time{} }, EvSupplementReceived, "restarted appointment"},
		{"restart without deadline", StatusSupplement, func(d *Dossier, ev *Event) { d.TimeLimit.Unit = "none"; ev.Appointment = time.Time{} }, EvSupplementReceived, ""},
		{"refusal after appraisal needs reason", StatusProcessing, func(_ *Dossier, ev *Event) { ev.Result = ResultRefused; ev.Note = "" }, EvResultReady, "written reason"},
		{"result kind required", StatusProcessing, func(_ *Dossier, ev *Event) { ev.Result = 0 }, EvResultReady, "approved or a refusal"},
		{"return needs collector", StatusResultReady, func(_ *Dossier, ev *Event) { ev.Collector = nil }, EvReturned, "collecting"},
		{"return needs ID check", StatusResultReady, func(_ *Dossier, ev *Event) { ev.Collector.IDChecked = false }, EvReturned, "identity"},
		{"withdraw needs reason", StatusProcessing, func(_ *Dossier, ev *Event) { ev.Note = "" }, EvWithdrawn, "reason"},
		{"extension only once", StatusProcessing, func(d *Dossier, _ *Event) { d.Extended = true }, EvExtended, "once"},
		{"extension needs approver", StatusProcessing, func(_ *Dossier, ev *Event) { ev.Approver = "" }, EvExtended, "supervisor"},
		{"extension later date", StatusProcessing, func(d *Dossier, ev *Event) { ev.Appointment = d.Appointment }, EvExtended, "later"},
		{"extension one day before", StatusProcessing, func(d *Dossier, ev *Event) {
			ev.At = d.Appointment.Add(-23 * time.Hour)
			ev.Appointment = d.Appointment.Add(72 * time.Hour)
		}, EvExtended, "one day before"},
		{"extension exactly one day before", StatusProcessing, func(d *Dossier, ev *Event) {
			ev.At = d.Appointment.Add(-24 * time.Hour)
			ev.Appointment = d.Appointment.Add(72 * time.Hour)
		}, EvExtended, ""},
		{"event before receipt", StatusReceived, func(_ *Dossier, ev *Event) { ev.At = t0.Add(-time.Minute) }, EvTransferred, "before the dossier was received"},
		{"actor required", StatusReceived, func(_ *Dossier, ev *Event) { ev.Actor = " " }, EvTransferred, "user"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sample(c.status)
			ev := payload(c.kind, at)
			c.mod(d, &ev)
			err := d.Apply(ev)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want error containing %q", err, c.want)
			}
		})
	}
}

func TestApply_DerivedFields(t *testing.T) {
	d := sample(StatusReceived)
	steps := []Event{
		payload(EvTransferred, t0.Add(1*time.Hour)),
		payload(EvSupplementRequest, t0.Add(24*time.Hour)),
		payload(EvSupplementReceived, t0.Add(72*time.Hour)),
		payload(EvResultReady, t0.Add(96*time.Hour)),
		payload(EvReturned, t0.Add(120*time.Hour)),
	}
	for _, ev := range steps {
		if err := d.Apply(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
	}
	if d.Status != StatusReturned || d.Supplements != 1 || d.SupplementWait != 48*time.Hour {
		t.Fatalf("status %d supplements %d wait %v", d.Status, d.Supplements, d.SupplementWait)
	}
	if !d.Appointment.Equal(t0.Add(72*time.Hour + 72*time.Hour)) {
		t.Fatalf("appointment not restarted: %v", d.Appointment)
	}
	if !d.FinishedAt.Equal(t0.Add(96*time.Hour)) || !d.ReturnedAt.Equal(t0.Add(120*time.Hour)) {
		t.Fatalf("finished %v returned %v", d.FinishedAt, d.ReturnedAt)
	}
	if d.Department != "Phòng Tư pháp" || d.ResultKind != ResultApproved {
		t.Fatalf("department %q result %d", d.Department, d.ResultKind)
	}
	// Events must be in time order.
	if err := d.Apply(Event{Kind: EvNote, At: t0.Add(100 * time.Hour), Actor: "a", Note: "x"}); err == nil {
		t.Fatal("an event older than the last one was accepted")
	}
}

func TestAmend(t *testing.T) {
	d := sample(StatusProcessing)
	ok := Event{Kind: EvAmended, At: t0.Add(time.Hour), Actor: "clerk1", Amend: &Amendment{Field: "submitter.phone", Old: "0912345678", New: "0987654321", Reason: "khách báo nhầm"}}
	if err := d.Apply(ok); err != nil {
		t.Fatal(err)
	}
	if d.Submitter.Phone != "0987654321" || d.IntakeAmendments != 1 {
		t.Fatalf("phone %q amendments %d", d.Submitter.Phone, d.IntakeAmendments)
	}
	bad := []struct {
		a    Amendment
		want string
	}{
		{Amendment{Field: "status", Old: "4", New: "10", Reason: "x"}, "cannot be corrected"},
		{Amendment{Field: "submitter.phone", Old: "0912345678", New: "0911111111", Reason: "x"}, "reload"},
		{Amendment{Field: "submitter.phone", Old: "0987654321", New: "12", Reason: "x"}, "phone"},
		{Amendment{Field: "submitter.name", Old: "Nguyễn Văn An", New: "Nguyễn Văn Ân", Reason: ""}, "reason"},
		{Amendment{Field: "owner.name", Old: "", New: "X", Reason: "x"}, "cannot be corrected"},
	}
	for _, b := range bad {
		a := b.a
		err := d.Apply(Event{Kind: EvAmended, At: t0.Add(2 * time.Hour), Actor: "clerk1", Amend: &a})
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%+v: got %v, want %q", a, err, b.want)
		}
	}
	if d.Submitter.Phone != "0987654321" {
		t.Fatal("a refused amendment changed the dossier")
	}
}

// TestAsOf checks that AsOf(n) rebuilds exactly the dossier as it was after
// event n, for a history with every kind of change including amendments.
func TestAsOf(t *testing.T) {
	d := sample(StatusReceived)
	d.FirstAppointment = d.Appointment
	d.History = []Event{{Kind: EvReceived, At: t0, Actor: "clerk1", To: StatusReceived}}
	snap := func() string { b, _ := json.Marshal(d); return string(b) }
	snaps := []string{snap()}
	steps := []Event{
		payload(EvTransferred, t0.Add(1*time.Hour)),
		{Kind: EvAmended, At: t0.Add(2 * time.Hour), Actor: "c", Amend: &Amendment{Field: "submitter.phone", Old: "0912345678", New: "0987654321", Reason: "x"}},
		payload(EvSupplementRequest, t0.Add(24*time.Hour)),
		payload(EvExtended, t0.Add(25*time.Hour)),
		{Kind: EvAmended, At: t0.Add(26 * time.Hour), Actor: "c", Amend: &Amendment{Field: "submitter.phone", Old: "0987654321", New: "0911111111", Reason: "y"}},
		payload(EvSupplementReceived, t0.Add(72*time.Hour)),
		payload(EvResultReady, t0.Add(96*time.Hour)),
		payload(EvReturned, t0.Add(120*time.Hour)),
	}
	for _, ev := range steps {
		if err := d.Apply(ev); err != nil {
			t.Fatalf("%s: %v", ev.Kind, err)
		}
		snaps = append(snaps, snap())
	}
	for n, want := range snaps {
		b, _ := json.Marshal(d.AsOf(n))
		if string(b) != want {
			t.Errorf("AsOf(%d):\n got %s\nwant %s", n, b, want)
		}
	}
	if d.Submitter.Phone != "0911111111" {
		t.Fatal("AsOf changed the original")
	}
}
