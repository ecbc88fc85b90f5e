// Package benchstore builds (once) and caches the large desk store the
// report benchmarks run on: realistic synthetic dossiers spread over a
// year of working days, written with store.BulkCreate in chunks of 10,000.
// The file is cached under os.TempDir(), keyed by Version and the record
// count, so reruns reuse it. Records are marked Generated.
package benchstore

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"time"

	"motcua/dossier"
	"motcua/store"
	"motcua/workday"
)

// Version keys the cache file; bump it whenever the generator changes.
const Version = "v1"

// Chunk is the number of records per BulkCreate transaction.
const Chunk = 10_000

// Spec describes the generated store.
type Spec struct {
	// N is the number of records (dossiers, guidance records, refusals).
	N int
	// Start is the first receipt day; Days the number of calendar days
	// (only working days receive records).
	Start time.Time
	Days  int
	// Now is the generator's clock: events after it are not applied, so
	// recent dossiers stay open.
	Now  time.Time
	Seed uint64
}

// Year is the benchmark store of issue 6: 1,000,000 records received over
// the working days of 2025, observed on 2026-01-05 10:00.
func Year(n int) Spec {
	return Spec{
		N: n, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, dossier.Zone), Days: 365,
		Now: time.Date(2026, 1, 5, 10, 0, 0, 0, dossier.Zone), Seed: 766,
	}
}

// Scheme is the code scheme of the generated records.
var Scheme = dossier.DefaultCodeScheme("000.00.06.H56", 1, 1)

// Path is the cache file of s.
func (s Spec) Path() string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("motcua-report-bench-%s-%d-%d.db", Version, s.N, s.Seed))
}

// Ensure returns the path of s's store, building it when it is not cached.
// built is the build time (0 when the cache was used).
func Ensure(s Spec, logf func(string, ...any)) (path string, built time.Duration, err error) {
	path = s.Path()
	if _, err := os.Stat(path); err == nil {
		// The store's record format may have changed since the file was
		// cached (the key is this generator's Version only): a cached
		// file that no longer decodes is rebuilt.
		if err := readable(path, s.N); err == nil {
			return path, 0, nil
		} else if logf != nil {
			logf("benchstore: cached %s is stale (%v); rebuilding", path, err)
		}
		if err := os.Remove(path); err != nil {
			return "", 0, err
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", 0, err
	}
	t0 := time.Now()
	tmp := path + ".partial"
	_ = os.Remove(tmp)
	if err := Build(s, tmp, logf); err != nil {
		_ = os.Remove(tmp)
		return "", 0, err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", 0, err
	}
	return path, time.Since(t0), nil
}

// readable opens a cached store and decodes a spread of whole records.
func readable(path string, n int) error {
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	for i := range 64 {
		id := uint64(1 + i*(n-1)/63)
		if _, err := db.DossierByID(id); err != nil {
			return fmt.Errorf("record %d: %w", id, err)
		}
	}
	return nil
}

// Build writes the store of s to a new file at path.
func Build(s Spec, path string, logf func(string, ...any)) error {
	now := s.Now
	db, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	defer db.Close()
	g := newGen(s)
	days := g.workingDays()
	batch := make([]*dossier.Dossier, 0, Chunk)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := db.BulkCreate(batch, Scheme, store.BulkOptions{}); err != nil {
			return err
		}
		batch = batch[:0]
		return nil
	}
	made := 0
	for i, day := range days {
		// Spread N over the working days, with a Monday peak.
		n := (s.N - made) / (len(days) - i)
		if day.Weekday() == time.Monday && i < len(days)-1 {
			n = n * 6 / 5
		}
		for _, d := range g.day(day, n) {
			batch = append(batch, d)
			made++
			if len(batch) == Chunk {
				if err := flush(); err != nil {
					return err
				}
				if logf != nil && made%100_000 == 0 {
					logf("benchstore: %d/%d records", made, s.N)
				}
			}
		}
	}
	return flush()
}

type proc struct {
	code, name, field, fieldName string
	limit                        workday.Limit
}

type gen struct {
	s      Spec
	rng    *rand.Rand
	cal    *workday.Calendar
	office workday.Office
	procs  []proc
	clerks []string
	zipf   *rand.Zipf
}

func newGen(s Spec) *gen {
	g := &gen{s: s, rng: rand.New(rand.NewPCG(s.Seed, 6)), cal: workday.Default(), office: workday.DefaultOffice()}
	limits := []workday.Limit{{Value: 1, Unit: workday.WorkingDays}, {Value: 3, Unit: workday.WorkingDays}, {Value: 5, Unit: workday.WorkingDays},
		{Value: 7, Unit: workday.WorkingDays}, {Value: 10, Unit: workday.WorkingDays}, {Value: 15, Unit: workday.WorkingDays},
		{Value: 20, Unit: workday.WorkingDays}, {Value: 30, Unit: workday.Days}, {Unit: workday.SameDay}, {Unit: workday.NoLimit}}
	for i := range 250 {
		f := i % 25
		g.procs = append(g.procs, proc{
			code: fmt.Sprintf("1.%06d", 1000+i*7), name: fmt.Sprintf("Thủ tục số %d", i+1),
			field: fmt.Sprintf("LV%02d", f+1), fieldName: fmt.Sprintf("Lĩnh vực %d", f+1),
			limit: limits[(i*7+i/25)%len(limits)],
		})
	}
	for i := range 12 {
		g.clerks = append(g.clerks, fmt.Sprintf("canbo%02d", i+1))
	}
	g.zipf = rand.NewZipf(g.rng, 1.1, 4, uint64(len(g.procs)-1))
	return g
}

func (g *gen) workingDays() []time.Time {
	var out []time.Time
	for i := range g.s.Days {
		d := g.s.Start.AddDate(0, 0, i)
		ok, err := g.cal.IsWorkingDay(workday.DateOf(d))
		if err == nil && ok {
			out = append(out, d)
		}
	}
	return out
}

var surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"}
var given = []string{"Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Ngọc Lan", "Thanh Sơn", "Hồng Nhung", "Gia Bảo"}

// day makes n records received on day, in receipt order.
func (g *gen) day(day time.Time, n int) []*dossier.Dossier {
	times := make([]time.Time, n)
	for i := range times {
		// Office windows 07:00–11:30 and 13:30–17:00 (420 minutes).
		m := g.rng.IntN(420 * 60)
		sec := 7*3600 + m
		if m >= 270*60 {
			sec += 120 * 60
		}
		times[i] = day.Add(time.Duration(sec) * time.Second)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	out := make([]*dossier.Dossier, 0, n)
	for _, at := range times {
		out = append(out, g.record(at))
	}
	// Evening online receipts move some records later: keep receipt order.
	slices.SortStableFunc(out, func(a, b *dossier.Dossier) int { return a.ReceivedAt.Compare(b.ReceivedAt) })
	return out
}

func (g *gen) record(at time.Time) *dossier.Dossier {
	r := g.rng
	p := g.procs[g.zipf.Uint64()]
	clerk := g.clerks[r.IntN(len(g.clerks))]
	d := &dossier.Dossier{
		Kind: dossier.KindDossier, Generated: true,
		Procedure: dossier.ProcedureRef{Code: p.code, Name: p.name, Version: "bench", FieldCode: p.field, FieldName: p.fieldName, Level: "Cấp xã", Agency: "UBND xã"},
		Channel:   dossier.ChannelDirect,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: surnames[r.IntN(len(surnames))] + " " + given[r.IntN(len(given))],
			IDNumber: fmt.Sprintf("0%02d%09d", r.IntN(96), r.IntN(1e9)), BirthDate: "1985-06-15", Sex: "Nam",
			Address: fmt.Sprintf("Số %d, thôn %d, xã Bench", r.IntN(200)+1, r.IntN(12)+1), Phone: fmt.Sprintf("09%08d", r.IntN(1e8)), Verified: true},
		Checklist: []dossier.Item{
			{Name: "Tờ khai", MustSubmit: true, WantOriginals: 1, Decision: dossier.DecisionSubmitted, Originals: 1},
			{Name: "Giấy tờ chứng minh", MustSubmit: true, WantCopies: 1, Decision: dossier.DecisionSubmitted, CertifiedCopies: 1},
			{Name: "Giấy tờ tùy thân", PresentOnly: true, Decision: dossier.DecisionPresented},
		},
		Fees:       []dossier.Fee{{Name: "Lệ phí", Amount: 50000, CatalogAmount: 50000, When: dossier.FeeAtIntake, Paid: true}},
		TimeLimit:  p.limit,
		ReceivedAt: at, Clerk: clerk, ClerkName: "Cán bộ " + clerk, Desk: fmt.Sprintf("quay-%02d", r.IntN(6)+1),
	}
	if r.IntN(100) < 72 {
		d.Checklist[0].Scans = []dossier.Scan{{Name: "tokhai.pdf", SHA256: fmt.Sprintf("%064x", r.Uint64()), Size: 150_000, MIME: "application/pdf"}}
	}
	switch c := r.IntN(100); {
	case c < 38:
		d.Channel = dossier.ChannelOnline
		if r.IntN(10) == 0 { // filed in the evening, received on the portal
			d.ReceivedAt = dossier.Day(at).Add(time.Duration(17*3600+r.IntN(7*3600-60)) * time.Second)
		}
	case c < 42:
		d.Channel = dossier.ChannelPostal
	}
	at = d.ReceivedAt
	switch k := r.IntN(1000); {
	case k < 40: // guidance record (form 02 at the counter)
		d.Kind = dossier.KindGuidance
		d.Reason = "Thiếu giấy tờ chứng minh"
		d.Checklist[1].Decision = dossier.DecisionMissing
		d.History = []dossier.Event{{Kind: dossier.EvGuidance, At: at, Actor: clerk, Desk: d.Desk}}
		return d
	case k < 55: // refused at intake (form 03)
		d.Status = dossier.StatusRefused
		d.Reason = "Không thuộc thẩm quyền"
		d.FinishedAt = at
		d.History = []dossier.Event{{Kind: dossier.EvRefused, At: at, Actor: clerk, Desk: d.Desk, To: dossier.StatusRefused}}
		return d
	}
	due, ok, err := g.cal.Appointment(at, p.limit, g.office)
	if err != nil {
		panic(err) // the built-in calendar covers the benchmark years
	}
	if ok {
		d.FirstAppointment = due
	}
	d.Status = dossier.StatusReceived
	d.Appointment = d.FirstAppointment
	d.History = []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: clerk, Desk: d.Desk, To: dossier.StatusReceived}}
	g.lifecycle(d)
	return d
}

// lifecycle applies the events after intake that happened before Now.
func (g *gen) lifecycle(d *dossier.Dossier) {
	r := g.rng
	t := d.ReceivedAt
	hours := func(lo, hi int) time.Duration { return time.Duration(lo*3600+r.IntN((hi-lo)*3600+1)) * time.Second }
	apply := func(ev dossier.Event) bool {
		if ev.At.After(g.s.Now) {
			return false
		}
		if ev.Actor == "" {
			ev.Actor = d.Clerk
		}
		if err := d.Apply(ev); err != nil {
			panic(fmt.Sprintf("benchstore: %s at %s: %v", ev.Kind, ev.At, err))
		}
		return true
	}
	t = t.Add(hours(0, 4))
	if !apply(dossier.Event{Kind: dossier.EvTransferred, At: t, Department: "Phòng chuyên môn"}) {
		return
	}
	span := 5 * 24 * time.Hour
	if !d.Appointment.IsZero() {
		span = d.Appointment.Sub(d.ReceivedAt)
	}
	clock := d.ReceivedAt
	switch k := r.IntN(1000); {
	case k < 10: // withdrawn
		apply(dossier.Event{Kind: dossier.EvWithdrawn, At: t.Add(hours(2, 200)), Note: "Công dân rút hồ sơ"})
		return
	case k < 15: // stopped
		apply(dossier.Event{Kind: dossier.EvStopped, At: t.Add(hours(24, 300)), Note: "Dừng xử lý"})
		return
	case k < 105: // supplement requested after appraisal
		t = t.Add(hours(4, 72))
		if !apply(dossier.Event{Kind: dossier.EvSupplementRequest, At: t, Items: []string{"Giấy tờ chứng minh"}}) {
			return
		}
		rounds := 1
		if r.IntN(10) == 0 {
			rounds = 2
		}
		for i := 0; i < rounds; i++ {
			if i > 0 {
				t = t.Add(hours(4, 72))
				if !apply(dossier.Event{Kind: dossier.EvSupplementRequest, At: t, Items: []string{"Bản sao"}, Note: "Yêu cầu bổ sung lần 2"}) {
					return
				}
			}
			if r.IntN(100) < 15 { // never answered: closed after 15 days (Decree 118 art. 19.5)
				apply(dossier.Event{Kind: dossier.EvStopped, At: t.Add(15 * 24 * time.Hour), Note: "Quá 15 ngày không bổ sung"})
				return
			}
			t = t.Add(hours(24, 240))
			due, ok, err := g.cal.Restart(t, d.TimeLimit, g.office)
			if err != nil {
				panic(err)
			}
			ev := dossier.Event{Kind: dossier.EvSupplementReceived, At: t}
			if ok {
				ev.Appointment = due
			}
			if !apply(ev) {
				return
			}
			clock = t
		}
		if !d.Appointment.IsZero() {
			span = d.Appointment.Sub(clock)
		}
	}
	if !d.Appointment.IsZero() && r.IntN(50) == 0 {
		at := d.Appointment.Add(-48 * time.Hour)
		if at.After(t) {
			if !apply(dossier.Event{Kind: dossier.EvExtended, At: at, Appointment: d.Appointment.Add(5 * 24 * time.Hour), Approver: "giamsat", Note: "Cần xác minh thêm"}) {
				return
			}
			t = at
			span += 5 * 24 * time.Hour
		}
	}
	// Result after 30–115% of the available time (about 1 in 10 late).
	done := clock.Add(time.Duration(float64(span) * (0.3 + 0.85*r.Float64())))
	if !done.After(t) {
		done = t.Add(time.Hour)
	}
	res := dossier.Event{Kind: dossier.EvResultReady, At: done, Result: dossier.ResultApproved, Department: "Phòng chuyên môn"}
	if r.IntN(50) == 0 {
		res.Result, res.Note = dossier.ResultRefused, "Không đủ điều kiện"
	}
	if !apply(res) || r.IntN(10) == 0 {
		return
	}
	apply(dossier.Event{Kind: dossier.EvReturned, At: done.Add(hours(1, 120)), Collector: &dossier.Collector{Name: d.Submitter.Name, IDNumber: d.Submitter.IDNumber, IDChecked: true}})
}
