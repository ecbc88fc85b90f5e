// Package synth generates realistic synthetic dossiers for demos and
// benchmarks ("motcuactl gen"): Vietnamese names with their real frequency,
// valid ID numbers, real procedure codes from the catalog with their
// components and time limits, receipts in office hours on working days
// spread over a period, and a realistic mix of histories — recent dossiers
// still received, older ones transferred, supplemented, returned early, on
// time or late, some withdrawn, stopped, refused or only guided. Every
// record is marked Generated. The output is deterministic for a seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"time"

	"motcua/catalog"
	"motcua/dossier"
	"motcua/workday"
)

// Surnames with approximate shares of the population (%).
var surnames = []struct {
	name  string
	share int
}{
	{"Nguyễn", 38}, {"Trần", 11}, {"Lê", 9}, {"Phạm", 7}, {"Hoàng", 4}, {"Huỳnh", 4}, {"Phan", 4}, {"Vũ", 3},
	{"Võ", 3}, {"Đặng", 2}, {"Bùi", 2}, {"Đỗ", 2}, {"Hồ", 2}, {"Ngô", 2}, {"Dương", 1}, {"Lý", 1}, {"Đinh", 1}, {"Trương", 1}, {"Lương", 1}, {"Mai", 1},
}

var (
	middleMale   = []string{"Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Trọng", "Gia", "Anh", "Tuấn"}
	middleFemale = []string{"Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Minh", "Bảo", "Phương", "Khánh", "Mỹ", "Hồng"}
	givenMale    = []string{"An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Sơn", "Tâm", "Thắng", "Trung", "Tuấn", "Việt", "Vinh"}
	givenFemale  = []string{"Anh", "Chi", "Dung", "Giang", "Hà", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo", "Thủy", "Trang", "Vân", "Yến"}
	streets      = []string{"Trần Hưng Đạo", "Lê Lợi", "Nguyễn Trãi", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Phan Chu Trinh", "Điện Biên Phủ", "Nguyễn Huệ", "Hùng Vương"}
	wards        = []string{"phường Ba Đình", "phường Hoàn Kiếm", "xã Quảng Tâm", "phường Điện Biên", "xã Đông Sơn", "phường Hạc Thành", "xã Hoằng Hóa", "phường Nam Sầm Sơn"}
	provinces    = []struct {
		name string
		code string
	}{{"Hà Nội", "001"}, {"Thanh Hóa", "038"}, {"Nghệ An", "040"}, {"Hải Phòng", "031"}, {"Đà Nẵng", "048"}, {"TP. Hồ Chí Minh", "079"}}
	departments = []string{"Phòng Tư pháp", "Phòng Kinh tế", "Phòng Văn hóa - Xã hội", "Văn phòng HĐND và UBND", "Sở Tư pháp", "Sở Xây dựng"}
	clerks      = []struct{ user, name string }{{"clerk1", "Lê Thị Bình"}, {"clerk2", "Trần Văn Cường"}, {"clerk3", "Phạm Thu Hà"}, {"clerk4", "Hoàng Minh Đức"}}
)

// Generator makes dossiers.
type Generator struct {
	rng    *rand.Rand
	procs  []*catalog.Procedure
	cal    *workday.Calendar
	office workday.Office
	desk   string
	now    time.Time
}

// New returns a generator over the catalog's full procedures (those with
// components), relative to now (the last receipt is before now).
func New(set *catalog.Set, cal *workday.Calendar, office workday.Office, desk string, now time.Time, seed uint64) (*Generator, error) {
	g := &Generator{rng: rand.New(rand.NewPCG(seed, seed^0x9E3779B97F4A7C15)), cal: cal, office: office, desk: desk, now: now.In(dossier.Zone)}
	for _, p := range set.Procedures {
		if !p.ListOnly && len(p.Cases) > 0 && len(p.Channels) > 0 && len(p.Cases[0].Components) > 0 {
			g.procs = append(g.procs, p)
		}
	}
	if len(g.procs) == 0 {
		return nil, fmt.Errorf("the catalog has no procedure with components")
	}
	return g, nil
}

// Days returns the working days of the period [from, to) in order.
func (g *Generator) Days(from, to time.Time) []time.Time {
	var out []time.Time
	for d := dossier.Day(from); d.Before(to); d = d.AddDate(0, 0, 1) {
		if ok, err := g.cal.IsWorkingDay(workday.DateOf(d)); err == nil && ok {
			out = append(out, d)
		}
	}
	return out
}

func (g *Generator) pick(ss []string) string { return ss[g.rng.IntN(len(ss))] }

func (g *Generator) person() dossier.Party {
	r := g.rng.IntN(100)
	sur := surnames[0].name
	for _, s := range surnames {
		if r < s.share {
			sur = s.name
			break
		}
		r -= s.share
	}
	male := g.rng.IntN(2) == 0
	var name string
	if male {
		name = sur + " " + g.pick(middleMale) + " " + g.pick(givenMale)
	} else {
		name = sur + " " + g.pick(middleFemale) + " " + g.pick(givenFemale)
	}
	year := 1950 + g.rng.IntN(55)
	prov := provinces[g.rng.IntN(len(provinces))]
	century := 0
	if year >= 2000 {
		century = 2
	}
	if !male {
		century++
	}
	id := fmt.Sprintf("%s%d%02d%06d", prov.code, century, year%100, g.rng.IntN(1000000))
	sex := "Nam"
	if !male {
		sex = "Nữ"
	}
	phone := fmt.Sprintf("0%d%08d", []int{9, 9, 8, 3, 7}[g.rng.IntN(5)], g.rng.IntN(100000000))
	return dossier.Party{
		Kind: dossier.PartyCitizen, Name: name, IDNumber: id, Sex: sex,
		BirthDate: fmt.Sprintf("%04d-%02d-%02d", year, 1+g.rng.IntN(12), 1+g.rng.IntN(28)),
		Address:   fmt.Sprintf("Số %d %s, %s, %s", 1+g.rng.IntN(300), g.pick(streets), g.pick(wards), prov.name),
		Phone:     phone, Verified: g.rng.IntN(3) > 0,
	}
}

// receiptTime draws a time in the office windows of day.
func (g *Generator) receiptTime(day time.Time) time.Time {
	w := g.office.Windows
	if len(w) == 0 {
		w = workday.DefaultOffice().Windows
	}
	total := 0
	for _, x := range w {
		total += int(x.End - x.Start)
	}
	m := g.rng.IntN(total)
	for _, x := range w {
		if span := int(x.End - x.Start); m < span {
			return day.Add(time.Duration(int(x.Start)+m)*time.Minute + time.Duration(g.rng.IntN(60))*time.Second)
		}
		m -= int(x.End - x.Start)
	}
	return day.Add(8 * time.Hour)
}

// Dossier makes one record received on day.
func (g *Generator) Dossier(day time.Time) (*dossier.Dossier, error) {
	p := g.procs[g.rng.IntN(len(g.procs))]
	at := g.receiptTime(day)
	ch := dossier.ChannelDirect
	switch r := g.rng.IntN(100); {
	case r < 25:
		ch = dossier.ChannelOnline
	case r < 30:
		ch = dossier.ChannelPostal
	}
	row := p.Channels[0]
	for _, c := range p.Channels {
		if int(c.Method) == int(ch) {
			row = c
			break
		}
	}
	limit := workday.Limit{Value: row.Time.Value, Unit: workday.Unit(row.Time.Unit)}
	note := ""
	if limit.Validate() != nil || limit.Unit == "" {
		limit, note = workday.Limit{Value: 5, Unit: workday.WorkingDays}, "dữ liệu mô phỏng: danh mục không ghi đơn vị thời gian"
	}
	clerk := clerks[g.rng.IntN(len(clerks))]
	c := p.Cases[0]
	items := make([]dossier.Item, 0, len(c.Components))
	for _, comp := range c.Components {
		it := dossier.Item{Code: comp.Code, Name: comp.Name, MustSubmit: comp.MustSubmit && !comp.Optional, PresentOnly: !comp.MustSubmit && !comp.Optional,
			Conditional: catalog.Conditional(comp), WantOriginals: comp.Originals, WantCopies: comp.Copies}
		switch {
		case it.Conditional && g.rng.IntN(3) > 0:
			it.Decision = dossier.DecisionNotApplicable
		case it.PresentOnly:
			it.Decision = dossier.DecisionPresented
		case !it.MustSubmit:
			it.Decision = dossier.DecisionNotApplicable
		case g.rng.IntN(10) == 0:
			it.Decision = dossier.DecisionNationalData
		default:
			it.Decision, it.Originals, it.Copies = dossier.DecisionSubmitted, max(comp.Originals, 1), comp.Copies
			if g.rng.IntN(3) > 0 {
				it.Scans = []dossier.Scan{{Name: "scan.pdf", SHA256: fmt.Sprintf("%064x", g.rng.Uint64()), Size: int64(50000 + g.rng.IntN(500000)), MIME: "application/pdf"}}
			}
		}
		items = append(items, it)
	}
	d := &dossier.Dossier{
		Kind: dossier.KindDossier, Generated: true,
		Procedure: dossier.ProcedureRef{Code: p.Code, Name: p.Name, Version: p.Version.Hash, FieldCode: p.Field.Code, FieldName: p.Field.Name},
		Channel:   ch, Submitter: g.person(), Checklist: items, TimeLimit: limit, LimitNote: note,
		ReceivedAt: at, Clerk: clerk.user, ClerkName: clerk.name, Desk: g.desk, Summary: p.Name,
	}
	if d.Procedure.FieldCode == "" {
		d.Procedure.FieldCode = p.Field.Name
	}
	if len(p.Levels) > 0 {
		d.Procedure.Level = string(p.Levels[0])
	}
	if len(p.Agencies.Executing) > 0 {
		d.Procedure.Agency = p.Agencies.Executing[0].Name
	}
	for _, f := range row.Fees {
		d.Fees = append(d.Fees, dossier.Fee{Name: "Phí, lệ phí", Amount: max(f.Amount, 0), CatalogAmount: f.Amount, When: dossier.FeeAtIntake})
	}
	if g.rng.IntN(8) == 0 {
		o := g.person()
		d.Owner = &o
		d.Authorisation = "Giấy ủy quyền có chứng thực"
	}
	switch r := g.rng.IntN(100); {
	case r < 5: // supplement requested at the counter
		d.Kind, d.Reason = dossier.KindGuidance, "Thiếu thành phần hồ sơ"
		d.History = []dossier.Event{{Kind: dossier.EvGuidance, At: at, Actor: clerk.user, Desk: g.desk, Items: []string{items[0].Name}}}
		return d.AsOf(0), nil
	case r < 7: // refused
		d.Status, d.Reason = dossier.StatusRefused, "Không thuộc thẩm quyền giải quyết"
		d.History = []dossier.Event{{Kind: dossier.EvRefused, At: at, Actor: clerk.user, Desk: g.desk, To: dossier.StatusRefused, Note: d.Reason}}
		return d.AsOf(0), nil
	}
	due, ok, err := g.cal.Appointment(at, limit, g.office)
	if err != nil {
		return nil, err
	}
	if ok {
		d.FirstAppointment = due
	}
	if td, err := g.cal.TransferDue(at, g.office); err == nil && ch != dossier.ChannelOnline {
		d.TransferDue = td
	}
	d.History = []dossier.Event{{Kind: dossier.EvReceived, At: at, Actor: clerk.user, Desk: g.desk, To: dossier.StatusReceived}}
	d = d.AsOf(0)
	return d, g.evolve(d, clerk.user)
}

// evolve plays a realistic history up to now.
func (g *Generator) evolve(d *dossier.Dossier, clerk string) error {
	at := d.ReceivedAt
	step := func(frac float64) time.Time {
		span := g.now.Sub(at)
		if !d.Appointment.IsZero() && d.Appointment.After(at) {
			span = d.Appointment.Sub(at)
		}
		return at.Add(time.Duration(float64(span) * frac))
	}
	apply := func(ev dossier.Event) bool {
		if !ev.At.Before(g.now) {
			return false
		}
		ev.Actor, ev.Desk = clerk, g.desk
		if err := d.Apply(ev); err != nil {
			return false
		}
		at = ev.At
		return true
	}
	transfer := d.TransferDue
	if transfer.IsZero() || transfer.Before(at) {
		transfer = at.Add(2 * time.Hour)
	}
	if !apply(dossier.Event{Kind: dossier.EvTransferred, At: at.Add(transfer.Sub(at) / 2), Department: g.pick(departments)}) {
		return nil
	}
	r := g.rng.IntN(100)
	switch {
	case r < 3:
		apply(dossier.Event{Kind: dossier.EvWithdrawn, At: step(0.3), Note: "Công dân xin rút hồ sơ"})
		return nil
	case r < 5:
		apply(dossier.Event{Kind: dossier.EvStopped, At: step(0.4), Note: "Công dân đề nghị dừng giải quyết"})
		return nil
	case r < 15:
		if !apply(dossier.Event{Kind: dossier.EvSupplementRequest, At: step(0.2), Items: []string{d.Checklist[0].Name}, Note: "Bản sao không rõ"}) {
			return nil
		}
		back := at.Add(time.Duration(1+g.rng.IntN(96)) * time.Hour)
		if g.rng.IntN(10) == 0 {
			return nil // still waiting
		}
		due, ok, err := g.cal.Restart(back, d.TimeLimit, g.office)
		if err != nil {
			return err
		}
		ev := dossier.Event{Kind: dossier.EvSupplementReceived, At: back}
		if ok {
			ev.Appointment = due
		}
		if !apply(ev) {
			return nil
		}
	}
	// Finish: 70% early, 18% on the due day, 12% late (late ones may get
	// an extension first).
	var end time.Time
	switch x := g.rng.IntN(100); {
	case d.Appointment.IsZero():
		end = at.Add(time.Duration(24+g.rng.IntN(240)) * time.Hour)
	case x < 70:
		end = step(0.4 + 0.5*g.rng.Float64())
	case x < 88:
		end = d.Appointment.Add(-time.Duration(g.rng.IntN(120)) * time.Minute)
	default:
		if g.rng.IntN(2) == 0 {
			apply(dossier.Event{Kind: dossier.EvExtended, At: d.Appointment.Add(-48 * time.Hour), Approver: "sup1", Appointment: d.Appointment.Add(5 * 24 * time.Hour), Note: "Chờ kết quả xác minh"})
		}
		end = d.Appointment.Add(time.Duration(1+g.rng.IntN(120)) * time.Hour)
	}
	if !end.After(at) {
		end = at.Add(time.Minute)
	}
	res := dossier.ResultApproved
	note := ""
	if g.rng.IntN(50) == 0 {
		res, note = dossier.ResultRefused, "Không đủ điều kiện theo quy định"
	}
	if !apply(dossier.Event{Kind: dossier.EvResultReady, At: end, Result: res, Note: note}) {
		return nil
	}
	apply(dossier.Event{Kind: dossier.EvReturned, At: end.Add(time.Duration(1+g.rng.IntN(72)) * time.Hour), Collector: &dossier.Collector{Name: d.OwnerParty().Name, IDNumber: d.OwnerParty().IDNumber, IDChecked: true}})
	return nil
}
