package report

import (
	"errors"
	"slices"
	"testing"
	"time"

	"motcua/dossier"
)

func scanned(d *dossier.Dossier) {
	d.Checklist = []dossier.Item{{Name: "Tờ khai", Decision: dossier.DecisionSubmitted, Originals: 1, Scans: []dossier.Scan{{Name: "a.pdf", SHA256: "00", Size: 1, MIME: "application/pdf"}}}}
}

func online(d *dossier.Dossier) { d.Channel = dossier.ChannelOnline }

func dashboardFixture(t testing.TB) SliceSource {
	land := func(d *dossier.Dossier) {
		d.Procedure.Code, d.Procedure.FieldCode, d.Clerk = "1.004227", "DD", "clerk-b"
	}
	pending := received(t, 206, "2026-03-10 10:30", "").with(online).fact()
	pending.Status = dossier.StatusSubmitted
	return SliceSource{
		received(t, 201, "2026-03-10 08:00", "2026-03-17 17:00").with(scanned).fact(),
		received(t, 202, "2026-03-10 09:00", "2026-03-17 17:00").with(online).with(land).fact(),
		received(t, 203, "2026-03-10 09:30", "2026-03-17 17:00").with(scanned).with(func(d *dossier.Dossier) { d.Channel = dossier.ChannelPostal }).fact(),
		guidance(t, 204, "2026-03-10 10:00"),
		refusedAtIntake(t, 205, "2026-03-10 10:15"),
		pending,
		received(t, 207, "2026-03-03 08:00", "2026-03-10 10:00").ev(dossier.EvTransferred, "2026-03-03 09:00").fact(),
		received(t, 208, "2026-03-03 08:00", "2026-03-10 17:00").ev(dossier.EvTransferred, "2026-03-03 09:00").fact(),
		received(t, 209, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").ev(dossier.EvSupplementRequest, "2026-03-05 09:00").fact(),
		received(t, 210, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").fact(),
		received(t, 211, "2026-03-02 08:00", "2026-03-12 17:00").ev(dossier.EvResultReady, "2026-03-10 09:00").fact(),
		received(t, 212, "2026-03-02 08:00", "2026-03-10 08:00").ev(dossier.EvResultReady, "2026-03-10 11:00").fact(),
		received(t, 213, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-10 09:00").ev(dossier.EvReturned, "2026-03-10 14:00").fact(),
		received(t, 214, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvWithdrawn, "2026-03-10 09:00").fact(),
		refusedAtIntake(t, 215, "2026-03-09 10:00"),
		received(t, 216, "2026-03-02 08:00", "2026-03-12 17:00").ev(dossier.EvResultReady, "2026-03-11 09:00").fact(),
	}
}

func ids(c Cell) []uint64 {
	out := slices.Clone(c.IDs)
	slices.Sort(out)
	return out
}

func TestBuildDashboard(t *testing.T) {
	src := dashboardFixture(t)
	day := ict(t, "2026-03-10 00:00")
	d, err := BuildDashboard(src, DashboardOptions{From: day, Now: ict(t, "2026-03-10 15:00"), Names: testNames, Records: true, Sync: SyncState{Known: true, Pending: 3}})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, c Cell, want ...uint64) {
		t.Helper()
		if got := ids(c); !slices.Equal(got, want) {
			t.Errorf("%s: %v, want %v", what, got, want)
		}
	}
	check("received", d.Received, 201, 202, 203)
	check("guidance", d.Guidance, 204)
	check("refused", d.Refused, 205)
	check("pending online", d.Pending, 206)
	check("online", d.Online, 202)
	check("digitised", d.Digitised, 201, 203)
	check("due today", d.Due, 207, 208)
	check("overdue (waiting for a supplement excluded)", d.Overdue, 207, 210)
	check("resolved", d.Resolved, 211, 212, 213, 214)
	check("early", d.Early, 211)
	check("on time (date-only, withdrawn included)", d.OnTime, 212, 214)
	check("late", d.Late, 213)
	check("on time 766", d.OnTime766, 211, 214)
	check("late 766", d.Late766, 212, 213)
	if r := d.DigitisationRate(); r.Num.N() != 2 || r.Den.N() != 3 || r.Percent() < 66.6 || r.Percent() > 66.7 {
		t.Errorf("digitisation rate %d/%d %.2f%%", r.Num.N(), r.Den.N(), r.Percent())
	}
	if r := d.OnTimeRate766(); r.Percent() != 50 {
		t.Errorf("766 on-time rate %.2f, want 50", r.Percent())
	}
	if r := d.OnlineShare(); r.Num.N() != 1 || r.Den.N() != 3 {
		t.Errorf("online share %d/%d", r.Num.N(), r.Den.N())
	}
	if !d.Sync.Known || d.Sync.Pending != 3 || d.NamesFromCodes {
		t.Errorf("sync %+v, codes %v", d.Sync, d.NamesFromCodes)
	}
	// Breakdowns: by channel, procedure, field, clerk.
	type row struct {
		key, name string
		r, g, x   []uint64
	}
	flat := func(gs []Group) []row {
		var out []row
		for _, g := range gs {
			out = append(out, row{g.Key, g.Name, ids(g.Received), ids(g.Guidance), ids(g.Refused)})
		}
		return out
	}
	eq := func(what string, got, want []row) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %+v, want %+v", what, got, want)
			return
		}
		for i := range got {
			if got[i].key != want[i].key || got[i].name != want[i].name || !slices.Equal(got[i].r, want[i].r) || !slices.Equal(got[i].g, want[i].g) || !slices.Equal(got[i].x, want[i].x) {
				t.Errorf("%s row %d: %+v, want %+v", what, i, got[i], want[i])
			}
		}
	}
	eq("by channel", flat(d.ByChannel), []row{
		{"1", "Trực tiếp", []uint64{201}, []uint64{204}, []uint64{205}},
		{"2", "Trực tuyến", []uint64{202}, nil, nil},
		{"3", "Bưu chính công ích", []uint64{203}, nil, nil},
	})
	eq("by procedure", flat(d.ByProcedure), []row{
		{"1.001193", "Đăng ký khai sinh", []uint64{201, 203}, []uint64{204}, []uint64{205}},
		{"1.004227", "Đăng ký biến động đất đai", []uint64{202}, nil, nil},
	})
	eq("by field", flat(d.ByField), []row{
		{"HT", "Hộ tịch", []uint64{201, 203}, []uint64{204}, []uint64{205}},
		{"DD", "Đất đai", []uint64{202}, nil, nil},
	})
	eq("by clerk", flat(d.ByClerk), []row{
		{"clerk-a", "clerk-a", []uint64{201, 203}, []uint64{204}, nil},
		{"clerk-b", "clerk-b", []uint64{202}, nil, []uint64{205}},
	})
	var rec []uint64
	for _, f := range d.Records {
		rec = append(rec, f.ID)
	}
	if !slices.Equal(rec, []uint64{201, 202, 203, 204, 205, 206}) {
		t.Errorf("records %v", rec)
	}
}

func TestBuildDashboardRangeAndCodes(t *testing.T) {
	src := dashboardFixture(t)
	d, err := BuildDashboard(src, DashboardOptions{From: ict(t, "2026-03-02 00:00"), To: ict(t, "2026-03-11 00:00"), Now: ict(t, "2026-03-10 15:00")})
	if err != nil {
		t.Fatal(err)
	}
	if !d.NamesFromCodes || d.ByField[0].Name != "HT" {
		t.Errorf("without names the labels must be the codes: %v %q", d.NamesFromCodes, d.ByField[0].Name)
	}
	// 201–203 and 207–214, 216 received; 215 refused on 03-09.
	if got := ids(d.Received); !slices.Equal(got, []uint64{201, 202, 203, 207, 208, 209, 210, 211, 212, 213, 214, 216}) {
		t.Errorf("range received %v", got)
	}
	if got := ids(d.Resolved); !slices.Equal(got, []uint64{211, 212, 213, 214, 216}) {
		t.Errorf("range resolved %v", got)
	}
	if d.Records != nil {
		t.Error("records kept without the option")
	}
}

var errDisk = errors.New("disk on fire")

// errSource fails the named method.
type errSource struct{ fail string }

func (s errSource) err(m string) error {
	if m == s.fail {
		return errDisk
	}
	return nil
}
func (s errSource) Range(_, _ time.Time, _ func(Fact) error) error      { return s.err("range") }
func (s errSource) Open(_ func(Fact) error) error                       { return s.err("open") }
func (s errSource) DueBetween(_, _ time.Time, _ func(Fact) error) error { return s.err("due") }
func (s errSource) FinishedBetween(_, _ time.Time, _ func(Fact) error) error {
	return s.err("finished")
}

func TestBuildDashboardErrors(t *testing.T) {
	day := ict(t, "2026-03-10 00:00")
	if _, err := BuildDashboard(SliceSource{}, DashboardOptions{From: day}); !errors.Is(err, ErrWindow) {
		t.Errorf("missing clock: %v", err)
	}
	if _, err := BuildDashboard(SliceSource{}, DashboardOptions{Now: day}); !errors.Is(err, ErrWindow) {
		t.Errorf("missing day: %v", err)
	}
	for _, m := range []string{"range", "due", "finished"} {
		if _, err := BuildDashboard(errSource{m}, DashboardOptions{From: day, Now: day}); !errors.Is(err, errDisk) {
			t.Errorf("%s: source error not returned: %v", m, err)
		}
	}
}
