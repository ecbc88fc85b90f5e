package synth

import (
	"encoding/json"
	"testing"
	"time"

	"motcua/catalog"
	"motcua/dossier"
	"motcua/workday"
)

// TestGenerator_ValidAndDeterministic: every generated record passes the
// intake validation and its history replays (AsOf), the mix has every
// outcome, and the same seed gives the same data.
func TestGenerator_ValidAndDeterministic(t *testing.T) {
	set, err := catalog.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 17, 30, 0, 0, dossier.Zone)
	gen := func() []*dossier.Dossier {
		g, err := New(set, workday.Default(), workday.DefaultOffice(), "quay-01", now, 7)
		if err != nil {
			t.Fatal(err)
		}
		var out []*dossier.Dossier
		for _, day := range g.Days(now.AddDate(0, 0, -60), now) {
			for range 20 {
				d, err := g.Dossier(day)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, d)
			}
		}
		return out
	}
	a, b := gen(), gen()
	statuses := map[dossier.Status]int{}
	guidance := 0
	for i, d := range a {
		v := dossier.VerdictReceive
		switch {
		case d.Kind == dossier.KindGuidance:
			v, guidance = dossier.VerdictSupplement, guidance+1
		case d.History[0].Kind == dossier.EvRefused:
			v = dossier.VerdictRefuse
		}
		first := d.AsOf(0)
		if err := first.ValidateIntake(v); err != nil {
			t.Fatalf("record %d (%s): %v", i, d.Procedure.Code, err)
		}
		if got, _ := json.Marshal(d.AsOf(len(d.History) - 1)); string(got) != mustJSON(d) {
			t.Fatalf("record %d does not replay", i)
		}
		if !d.Generated {
			t.Fatal("not marked generated")
		}
		statuses[d.Status]++
		if mustJSON(d) != mustJSON(b[i]) {
			t.Fatalf("record %d differs between runs with the same seed", i)
		}
	}
	for _, s := range []dossier.Status{dossier.StatusReceived, dossier.StatusProcessing, dossier.StatusReturned, dossier.StatusRefused, dossier.StatusWithdrawn} {
		if statuses[s] == 0 {
			t.Errorf("no record in status %d (%v)", s, statuses)
		}
	}
	if guidance == 0 {
		t.Error("no guidance record")
	}
}

func mustJSON(d *dossier.Dossier) string {
	b, _ := json.Marshal(d)
	return string(b)
}
