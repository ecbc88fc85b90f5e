package report

import (
	"slices"
	"testing"
	"time"

	"motcua/dossier"
)

type namesMap map[string]string

func (m namesMap) FieldName(c string) string     { return m["f:"+c] }
func (m namesMap) ProcedureName(c string) string { return m["p:"+c] }

var testNames = namesMap{"f:HT": "Hộ tịch", "f:DD": "Đất đai", "p:1.001193": "Đăng ký khai sinh", "p:1.004227": "Đăng ký biến động đất đai"}

type periodCase struct {
	name string
	fact func(t testing.TB) Fact
	want []Col // nil = not in the report
}

// March 2026 is the period of these cases.
func periodCases() []periodCase {
	return []periodCase{
		{"new, early", func(t testing.TB) Fact {
			return received(t, 101, "2026-03-02 08:00", "2026-03-09 17:00").ev(dossier.EvResultReady, "2026-03-05 10:00").fact()
		}, []Col{3, 5, 7, 8}},
		{"new online, on time", func(t testing.TB) Fact {
			return received(t, 102, "2026-03-02 08:00", "2026-03-09 17:00").with(func(d *dossier.Dossier) { d.Channel = dossier.ChannelOnline }).ev(dossier.EvResultReady, "2026-03-09 16:00").fact()
		}, []Col{3, 4, 7, 9}},
		{"new by post, late", func(t testing.TB) Fact {
			return received(t, 103, "2026-03-02 08:00", "2026-03-09 17:00").with(func(d *dossier.Dossier) { d.Channel = dossier.ChannelPostal }).ev(dossier.EvResultReady, "2026-03-10 08:00").fact()
		}, []Col{3, 5, 7, 10}},
		{"carried over, still open, past its appointment", func(t testing.TB) Fact {
			return received(t, 104, "2026-02-20 08:00", "2026-02-27 17:00").ev(dossier.EvTransferred, "2026-02-20 09:00").fact()
		}, []Col{3, 6, 11, 13}},
		{"carried over, finished inside, early", func(t testing.TB) Fact {
			return received(t, 105, "2026-02-25 08:00", "2026-03-04 17:00").ev(dossier.EvResultReady, "2026-03-03 10:00").fact()
		}, []Col{3, 6, 7, 8}},
		{"carried over, open and within its appointment", func(t testing.TB) Fact {
			return received(t, 106, "2026-02-27 08:00", "2026-04-06 17:00").fact()
		}, []Col{3, 6, 11, 12}},
		{"finished before the period: not reported", func(t testing.TB) Fact {
			return received(t, 107, "2026-02-10 08:00", "2026-02-24 17:00").ev(dossier.EvResultReady, "2026-02-20 10:00").fact()
		}, nil},
		{"finished at 23:59 on the day before the period: not reported", func(t testing.TB) Fact {
			return received(t, 108, "2026-02-10 08:00", "2026-03-24 17:00").ev(dossier.EvResultReady, "2026-02-28 23:59").fact()
		}, nil},
		{"finished at 00:00 on the first day: carried over and resolved", func(t testing.TB) Fact {
			return received(t, 109, "2026-02-10 08:00", "2026-03-24 17:00").ev(dossier.EvResultReady, "2026-03-01 00:00").fact()
		}, []Col{3, 6, 7, 8}},
		{"new, open at the end, appointment after it", func(t testing.TB) Fact {
			return received(t, 110, "2026-03-30 08:00", "2026-04-06 17:00").fact()
		}, []Col{3, 5, 11, 12}},
		{"new, open at the end, appointment on the last day", func(t testing.TB) Fact {
			return received(t, 111, "2026-03-24 08:00", "2026-03-31 10:00").fact()
		}, []Col{3, 5, 11, 13}},
		{"finished after the period: in progress at its end", func(t testing.TB) Fact {
			return received(t, 112, "2026-03-24 08:00", "2026-03-31 10:00").ev(dossier.EvResultReady, "2026-04-02 10:00").fact()
		}, []Col{3, 5, 11, 13}},
		{"one supplement answered, restarted appointment met", func(t testing.TB) Fact {
			return received(t, 113, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-03 09:00").ev(dossier.EvSupplementReceived, "2026-03-10 09:00", "2026-03-16 17:00").
				ev(dossier.EvResultReady, "2026-03-16 10:00").fact()
		}, []Col{3, 5, 7, 9}},
		{"waiting for a supplement at the end although past the appointment: trong hạn", func(t testing.TB) Fact {
			return received(t, 114, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-09 09:00").fact()
		}, []Col{3, 5, 11, 12}},
		{"one unanswered request, stopped inside: resolved early (request time)", func(t testing.TB) Fact {
			return received(t, 115, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").ev(dossier.EvStopped, "2026-03-25 09:00").fact()
		}, []Col{3, 5, 7, 8}},
		{"one unanswered request, stopped after the period: waiting at its end", func(t testing.TB) Fact {
			return received(t, 116, "2026-03-16 08:00", "2026-03-20 17:00").ev(dossier.EvTransferred, "2026-03-16 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-19 09:00").ev(dossier.EvStopped, "2026-04-08 09:00").fact()
		}, []Col{3, 5, 11, 12}},
		{"two supplement requests, resolved early by date: quá hạn", func(t testing.TB) Fact {
			return received(t, 117, "2026-03-02 08:00", "2026-03-20 17:00").ev(dossier.EvTransferred, "2026-03-02 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-03 09:00").ev(dossier.EvSupplementReceived, "2026-03-04 09:00", "2026-03-23 17:00").
				ev(dossier.EvSupplementRequest, "2026-03-05 09:00").ev(dossier.EvSupplementReceived, "2026-03-06 09:00", "2026-03-25 17:00").
				ev(dossier.EvResultReady, "2026-03-09 10:00").fact()
		}, []Col{3, 5, 7, 10}},
		{"two supplement requests, processing at the end within the appointment: quá hạn", func(t testing.TB) Fact {
			return received(t, 118, "2026-03-20 08:00", "2026-04-20 17:00").ev(dossier.EvTransferred, "2026-03-20 09:00").
				ev(dossier.EvSupplementRequest, "2026-03-23 09:00").ev(dossier.EvSupplementReceived, "2026-03-24 09:00", "2026-04-21 17:00").
				ev(dossier.EvSupplementRequest, "2026-03-25 09:00").ev(dossier.EvSupplementReceived, "2026-03-26 09:00", "2026-04-22 17:00").fact()
		}, []Col{3, 5, 11, 13}},
		{"withdrawn after the appointment: đúng hạn", func(t testing.TB) Fact {
			return received(t, 119, "2026-03-02 08:00", "2026-03-06 17:00").ev(dossier.EvWithdrawn, "2026-03-20 09:00").fact()
		}, []Col{3, 5, 7, 9}},
		{"stopped after the appointment: quá hạn", func(t testing.TB) Fact {
			return received(t, 120, "2026-03-02 08:00", "2026-03-10 17:00").ev(dossier.EvStopped, "2026-03-12 09:00").fact()
		}, []Col{3, 5, 7, 10}},
		{"refused at intake: not reported", func(t testing.TB) Fact { return refusedAtIntake(t, 121, "2026-03-02 08:00") }, nil},
		{"guidance record: not reported", func(t testing.TB) Fact { return guidance(t, 122, "2026-03-02 08:00") }, nil},
		{"no deadline, resolved: đúng hạn", func(t testing.TB) Fact {
			return received(t, 123, "2026-03-02 08:00", "").ev(dossier.EvResultReady, "2026-03-25 09:00").fact()
		}, []Col{3, 5, 7, 9}},
		{"no deadline, open: trong hạn", func(t testing.TB) Fact { return received(t, 124, "2026-03-02 08:00", "").fact() }, []Col{3, 5, 11, 12}},
		{"received 00:00 on the first day: new", func(t testing.TB) Fact { return received(t, 125, "2026-03-01 00:00", "2026-04-06 17:00").fact() }, []Col{3, 5, 11, 12}},
		{"received 23:59 on the last day: new", func(t testing.TB) Fact { return received(t, 126, "2026-03-31 23:59", "2026-04-06 17:00").fact() }, []Col{3, 5, 11, 12}},
		{"received 00:00 the day after: not reported", func(t testing.TB) Fact { return received(t, 127, "2026-04-01 00:00", "2026-04-06 17:00").fact() }, nil},
		{"received 23:59 the day before, open: carried over", func(t testing.TB) Fact {
			return received(t, 128, "2026-02-28 23:59", "2026-04-06 17:00").fact()
		}, []Col{3, 6, 11, 12}},
		{"timezone: 00:01 ICT on the first day given in UTC (previous UTC date): new", func(t testing.TB) Fact {
			f := received(t, 129, "2026-03-01 00:01", "2026-04-06 17:00").fact()
			f.ReceivedAt = time.Date(2026, 2, 28, 17, 1, 0, 0, time.UTC)
			return f
		}, []Col{3, 5, 11, 12}},
		{"timezone: 23:59 ICT on the last day of February given in UTC: carried over", func(t testing.TB) Fact {
			f := received(t, 130, "2026-02-28 23:59", "2026-04-06 17:00").fact()
			f.ReceivedAt = time.Date(2026, 2, 28, 16, 59, 0, 0, time.UTC)
			return f
		}, []Col{3, 6, 11, 12}},
		{"timezone: 00:01 ICT on 1 April given in UTC (31 March UTC): not reported", func(t testing.TB) Fact {
			f := received(t, 131, "2026-04-01 00:01", "2026-04-06 17:00").fact()
			f.ReceivedAt = time.Date(2026, 3, 31, 17, 1, 0, 0, time.UTC)
			return f
		}, nil},
		{"online filing not yet received: not reported", func(t testing.TB) Fact {
			f := received(t, 132, "2026-03-02 08:00", "").fact()
			f.Status, f.Channel = dossier.StatusSubmitted, dossier.ChannelOnline
			return f
		}, nil},
	}
}

func marchPeriod(t testing.TB) (time.Time, time.Time) {
	return ict(t, "2026-03-01 00:00"), ict(t, "2026-03-31 00:00")
}

func TestPeriodColumns(t *testing.T) {
	from, to := marchPeriod(t)
	for _, c := range periodCases() {
		t.Run(c.name, func(t *testing.T) {
			got := PeriodColumns(c.fact(t), from, to)
			if !slices.Equal(got, c.want) {
				t.Fatalf("columns %v, want %v", got, c.want)
			}
		})
	}
}

func TestBuildPeriod(t *testing.T) {
	from, to := marchPeriod(t)
	var src SliceSource
	want := map[string]*[NumCols + 1]int{}
	for i, c := range periodCases() {
		f := c.fact(t)
		// Spread the cases over two fields and "no field".
		switch i % 3 {
		case 1:
			f.FieldCode = "DD"
		case 2:
			f.FieldCode = ""
		}
		src = append(src, f)
		if c.want == nil {
			continue
		}
		w := want[f.FieldCode]
		if w == nil {
			w = new([NumCols + 1]int)
			want[f.FieldCode] = w
		}
		for _, col := range c.want {
			w[col]++
		}
	}
	p, err := BuildPeriod(src, PeriodOptions{From: from, To: to, Names: testNames, Header: PeriodHeader{Reporter: "Bộ phận Một cửa"}})
	if err != nil {
		t.Fatal(err)
	}
	// Rows sorted by folded name (Đất đai < Hộ tịch), "no field" last.
	var keys []string
	for _, r := range p.Rows {
		keys = append(keys, r.Key)
	}
	if !slices.Equal(keys, []string{"DD", "HT", ""}) {
		t.Fatalf("row order %q, want DD, HT, \"\"", keys)
	}
	if p.Rows[0].Name != "Đất đai" || p.Rows[2].Name != NoField || p.Rows[0].No != 1 || p.Rows[2].No != 3 {
		t.Fatalf("row labels: %q %q, numbers %d %d", p.Rows[0].Name, p.Rows[2].Name, p.Rows[0].No, p.Rows[2].No)
	}
	var totals [NumCols + 1]int
	for _, r := range p.Rows {
		w := want[r.Key]
		for c := ColReceived; c <= ColPendingLate; c++ {
			if r.N(c) != w[c] {
				t.Errorf("row %q col %d: %d, want %d", r.Key, c, r.N(c), w[c])
			}
			if r.Cell(c).N() != r.N(c) {
				t.Errorf("row %q col %d: cell has %d ids, number %d", r.Key, c, r.Cell(c).N(), r.N(c))
			}
			totals[c] += w[c]
		}
		if r.N(ColReceived) != r.N(ColResolved)+r.N(ColPending) {
			t.Errorf("row %q: col 3 (%d) != col 7 + col 11 (%d + %d)", r.Key, r.N(ColReceived), r.N(ColResolved), r.N(ColPending))
		}
	}
	for c := ColReceived; c <= ColPendingLate; c++ {
		if p.TotalN(c) != totals[c] || p.Total(c).N() != totals[c] {
			t.Errorf("total col %d: %d (%d ids), want %d", c, p.TotalN(c), p.Total(c).N(), totals[c])
		}
	}
	// Spot-check the known totals of the case table.
	if got := []int{p.TotalN(3), p.TotalN(4), p.TotalN(5), p.TotalN(6), p.TotalN(7), p.TotalN(8), p.TotalN(9), p.TotalN(10), p.TotalN(11), p.TotalN(12), p.TotalN(13)}; !slices.Equal(got, []int{25, 1, 18, 6, 11, 4, 4, 3, 14, 10, 4}) {
		t.Errorf("totals (3..13) %v", got)
	}
	// Drill-down: the carried-over ids are exactly the carried cases.
	carried := p.Total(ColCarried).IDs
	slices.Sort(carried)
	if !slices.Equal(carried, []uint64{104, 105, 106, 109, 128, 130}) {
		t.Errorf("carried-over ids %v", carried)
	}
}

func TestBuildPeriodErrors(t *testing.T) {
	from, to := marchPeriod(t)
	if _, err := BuildPeriod(SliceSource{}, PeriodOptions{From: to, To: from}); err == nil {
		t.Fatal("reversed period accepted")
	}
	if _, err := BuildPeriod(SliceSource{}, PeriodOptions{}); err == nil {
		t.Fatal("empty period accepted")
	}
	p, err := BuildPeriod(SliceSource{}, PeriodOptions{From: from, To: to})
	if err != nil || len(p.Rows) != 0 || !p.NamesFromCodes {
		t.Fatalf("empty source: %v, %d rows, codes %v", err, len(p.Rows), p.NamesFromCodes)
	}
}
