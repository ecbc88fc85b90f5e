package storesrc

import (
	"cmp"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/internal/benchstore"
	"motcua/store"
)

// collect runs a Source method and returns its facts sorted by id.
func collect(t *testing.T, run func(fn func(report.Fact) error) error) []report.Fact {
	t.Helper()
	var out []report.Fact
	if err := run(func(f report.Fact) error { out = append(out, f); return nil }); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b report.Fact) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// truth returns the facts of every record in db, built from the full
// dossiers with report.FactOf (the reference for the adapter).
func truth(t *testing.T, db *store.DB) report.SliceSource {
	t.Helper()
	var ids []uint64
	if err := db.AllFacts(func(f store.Facts) error { ids = append(ids, f.ID); return nil }); err != nil {
		t.Fatal(err)
	}
	var out report.SliceSource
	for _, id := range ids {
		d, err := db.DossierByID(id)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, report.FactOf(d))
	}
	return out
}

func sameFacts(t *testing.T, what string, got, want []report.Fact) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d facts, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !reflect.DeepEqual(norm(got[i]), norm(want[i])) {
			t.Fatalf("%s: fact %d differs\n got %+v\nwant %+v", what, got[i].ID, got[i], want[i])
		}
	}
}

// norm makes times comparable with DeepEqual (same location, and
// "no value" as the zero time).
func norm(f report.Fact) report.Fact {
	for _, p := range []*time.Time{&f.ReceivedAt, &f.Appointment, &f.FirstAppointment, &f.FinishedAt, &f.ReturnedAt, &f.SupplementSince, &f.PendingSupplementAt} {
		if p.IsZero() {
			*p = time.Time{}
		} else {
			*p = p.In(dossier.Zone)
		}
	}
	return f
}

// TestAdapterMatchesFullRecords compares every Source method on a
// generated store (all lifecycles: supplements answered and not, two
// requests, stops, withdrawals, extensions, guidance, refusals) with the
// same method of a SliceSource over the fully decoded dossiers.
func TestAdapterMatchesFullRecords(t *testing.T) {
	spec := benchstore.Year(6000)
	spec.Start = time.Date(2025, 10, 1, 0, 0, 0, 0, dossier.Zone)
	spec.Days = 92
	path := filepath.Join(t.TempDir(), "gen.db")
	if err := benchstore.Build(spec, path, nil); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src, ref := New(db), truth(t, db)
	var stoppedWithSupplement, waiting int
	for _, f := range ref {
		if f.Status == dossier.StatusStopped && f.Supplements > 0 && !f.PendingSupplementAt.IsZero() {
			stoppedWithSupplement++
		}
		if f.Status == dossier.StatusSupplement {
			waiting++
		}
	}
	if stoppedWithSupplement == 0 || waiting == 0 {
		t.Fatalf("generated store lacks the supplement cases (stopped while waiting %d, waiting %d)", stoppedWithSupplement, waiting)
	}
	d1, d2 := time.Date(2025, 11, 3, 0, 0, 0, 0, dossier.Zone), time.Date(2025, 11, 30, 0, 0, 0, 0, dossier.Zone)
	checks := []struct {
		name      string
		got, want func(fn func(report.Fact) error) error
	}{
		{"range", func(fn func(report.Fact) error) error { return src.Range(d1, d2, fn) }, func(fn func(report.Fact) error) error { return ref.Range(d1, d2, fn) }},
		{"range from the start", func(fn func(report.Fact) error) error { return src.Range(time.Time{}, d2, fn) }, func(fn func(report.Fact) error) error { return ref.Range(time.Time{}, d2, fn) }},
		{"open", src.Open, ref.Open},
		{"due", func(fn func(report.Fact) error) error { return src.DueBetween(d2, spec.Now.AddDate(0, 2, 0), fn) }, func(fn func(report.Fact) error) error { return ref.DueBetween(d2, spec.Now.AddDate(0, 2, 0), fn) }},
		{"finished", func(fn func(report.Fact) error) error { return src.FinishedBetween(d1, d2, fn) }, func(fn func(report.Fact) error) error { return ref.FinishedBetween(d1, d2, fn) }},
	}
	for _, c := range checks {
		got, want := collect(t, c.got), collect(t, c.want)
		if len(want) == 0 {
			t.Fatalf("%s: the reference is empty; the check would prove nothing", c.name)
		}
		sameFacts(t, c.name, got, want)
	}
	// And the reports agree.
	now := spec.Now
	a, err := report.BuildPeriod(src, report.PeriodOptions{From: d1, To: d2})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := report.BuildPeriod(ref, report.PeriodOptions{From: d1, To: d2})
	for c := report.ColReceived; c <= report.ColPendingLate; c++ {
		if a.TotalN(c) != b.TotalN(c) {
			t.Errorf("II.06a col %d: %d from the store, %d from full records", c, a.TotalN(c), b.TotalN(c))
		}
	}
	if a.TotalN(report.ColCarried) == 0 || a.TotalN(report.ColLate) == 0 || a.TotalN(report.ColPendingInTime) == 0 {
		t.Errorf("generated period lacks carried-over, late or pending dossiers: %d %d %d", a.TotalN(report.ColCarried), a.TotalN(report.ColLate), a.TotalN(report.ColPendingInTime))
	}
	da, err := report.BuildDashboard(src, report.DashboardOptions{From: d2, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	db2, _ := report.BuildDashboard(ref, report.DashboardOptions{From: d2, Now: now})
	if da.Received.N() != db2.Received.N() || da.Resolved.N() != db2.Resolved.N() || da.Overdue.N() != db2.Overdue.N() || da.Late766.N() != db2.Late766.N() {
		t.Errorf("dashboards differ: %d/%d/%d/%d vs %d/%d/%d/%d", da.Received.N(), da.Resolved.N(), da.Overdue.N(), da.Late766.N(), db2.Received.N(), db2.Resolved.N(), db2.Overdue.N(), db2.Late766.N())
	}
}

// TestOpenWithoutAppointment: an open dossier of a procedure without a
// deadline is not in the due index; Open still finds it.
func TestOpenWithoutAppointment(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "m.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, dossier.Zone)
	mk := func(appt time.Time) *dossier.Dossier {
		return &dossier.Dossier{Kind: dossier.KindDossier, Procedure: dossier.ProcedureRef{Code: "1.001193", FieldCode: "HT"}, Channel: dossier.ChannelDirect,
			Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Lê Văn Tám"}, TimeLimit: dossier.Limit{Unit: "none"},
			ReceivedAt: at, FirstAppointment: appt, Appointment: appt, Clerk: "c1", Desk: "d1", Status: dossier.StatusReceived,
			History: []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: "c1", To: dossier.StatusReceived}}}
	}
	a, b := mk(time.Time{}), mk(at.Add(72*time.Hour))
	b.TimeLimit = dossier.Limit{Value: 3, Unit: "days"}
	for _, d := range []*dossier.Dossier{a, b} {
		if err := db.CreateDossier(d, benchstore.Scheme); err != nil {
			t.Fatal(err)
		}
	}
	got := collect(t, New(db).Open)
	if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID || !got[0].Appointment.IsZero() {
		t.Fatalf("open: %+v", got)
	}
}
