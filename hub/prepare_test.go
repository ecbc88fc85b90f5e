package hub

import (
	"strings"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/syncer/synctest"
	"motcua/syncproto"
)

const testOffice = "000.00.06.H56"

// prepareCases are event payloads a desk may send, with the reason the hub
// rejects them ("" = stored). They seed FuzzPrepare.
func prepareCases(t testing.TB) []struct {
	name    string
	seq     uint64
	payload string
	want    string
} {
	enc := func(ev *syncproto.Event) string {
		b, err := ev.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	d := synctest.Dossier(testOffice, 3)
	good := &syncproto.Event{Seq: 5, Kind: syncproto.KindDossier, At: d.ReceivedAt, Change: "received", Code: string(d.Code), Dossier: d}
	foreign := synctest.Dossier("000.00.99.H56", 1)
	bad := func(f func(e *syncproto.Event)) string {
		e := *good
		dd := *d
		e.Dossier = &dd
		f(&e)
		return enc(&e)
	}
	return []struct {
		name    string
		seq     uint64
		payload string
		want    string
	}{
		{"dossier", 5, enc(good), ""},
		{"day closed", 9, `{"seq":9,"kind":"day-closed","at":"2026-03-02T17:00:00+07:00","change":"closed","code":"2026-03-02","data":{"n":3}}`, ""},
		{"guidance", 6, enc(&syncproto.Event{Seq: 6, Kind: syncproto.KindDossier, At: d.ReceivedAt, Code: "HD-260302-0001",
			Dossier: &dossier.Dossier{Kind: dossier.KindGuidance, GuidanceNo: "HD-260302-0001", ReceivedAt: d.ReceivedAt}}), ""},
		{"not JSON", 5, `{"seq":`, "not a valid event"},
		{"sequence mismatch", 6, enc(good), "says sequence 5"},
		{"no time", 5, bad(func(e *syncproto.Event) { e.At = time.Time{} }), "has no time"},
		{"no dossier", 5, bad(func(e *syncproto.Event) { e.Dossier = nil }), "carries no dossier"},
		{"code mismatch", 5, bad(func(e *syncproto.Event) { e.Code = "000.00.06.H56-260302-0099" }), "carries dossier"},
		{"another agency", 5, bad(func(e *syncproto.Event) { e.Dossier = foreign; e.Code = string(foreign.Code) }), "belongs to agency 000.00.99.H56"},
		{"bad status", 5, bad(func(e *syncproto.Event) { e.Dossier.Status = 42 }), "not a national status"},
		{"bad code", 5, bad(func(e *syncproto.Event) { e.Dossier.Code = "xyz"; e.Code = "xyz" }), "event 5"},
		{"unknown record kind", 5, bad(func(e *syncproto.Event) { e.Dossier.Kind = 7 }), "unknown record kind"},
		{"long code", 5, bad(func(e *syncproto.Event) { e.Code = strings.Repeat("x", 101) }), "longer than 100"},
		{"bad day", 9, `{"seq":9,"kind":"day-closed","at":"2026-03-02T17:00:00+07:00","code":"02/03/2026"}`, "is not YYYY-MM-DD"},
		{"unknown kind", 9, `{"seq":9,"kind":"payment","at":"2026-03-02T17:00:00+07:00","code":"x"}`, "upgrade motcua-hub"},
	}
}

func TestPrepare(t *testing.T) {
	for _, c := range prepareCases(t) {
		p := prepare(syncproto.NewItem(c.seq, []byte(c.payload)), testOffice)
		if c.want == "" && p.reason != "" || c.want != "" && !strings.Contains(p.reason, c.want) {
			t.Errorf("%s: reason %q, want %q", c.name, p.reason, c.want)
		}
	}
}

// FuzzPrepare: the hub's decoder of desk events never panics; an accepted
// event names its batch sequence and an accepted dossier is of the desk's
// agency with a national status; a rejected one carries no dossier.
func FuzzPrepare(f *testing.F) {
	for _, c := range prepareCases(f) {
		f.Add(c.seq, []byte(c.payload))
	}
	f.Fuzz(func(t *testing.T, seq uint64, payload []byte) {
		p := prepare(syncproto.NewItem(seq, payload), testOffice)
		if p.reason != "" {
			if p.dossier != nil {
				t.Fatal("a rejected event carries a dossier")
			}
			return
		}
		if p.ev == nil || p.ev.Seq != seq || p.ev.At.IsZero() {
			t.Fatalf("accepted event %+v for sequence %d", p.ev, seq)
		}
		if d := p.dossier; d != nil && d.Kind == dossier.KindDossier {
			agency, _, _, err := dossier.ParseCode(string(d.Code))
			if err != nil || agency != testOffice || !d.Status.Valid() {
				t.Fatalf("accepted dossier %q status %d: %v", d.Code, d.Status, err)
			}
		}
	})
}
