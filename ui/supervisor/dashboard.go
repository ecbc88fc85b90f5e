package supervisor

import (
	"context"
	"io"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"motcua/dossier"
	"motcua/report"
	"motcua/report/xlsx"
	"motcua/ui/intake/kit"
)

// chartTop is how many procedures or fields a chart shows before the
// "others" row.
const chartTop = 10

// maxListDays bounds the range whose dossier list and tracking book go
// into the Excel export (longer ranges export the figures only).
const maxListDays = 31

// Dashboard is the supervisor's view of a day or a range (Giám sát).
type Dashboard struct{ *dashboard }

type dashboard struct {
	deps Deps
	win  fyne.Window
	keys *kit.Keys
	run  runner
	job  job
	exp  *exporter

	Dates     *dateRange
	show      *kit.Button
	xlsxBtn   *kit.Button
	act       *spinner
	Status    *widget.Label
	namesNote *widget.Label

	// Headline numbers.
	Received, Guidance, Refused, Pending, Due, Overdue *Tile
	// Charts.
	Timeliness, Rule766, Rates, Channel, Field, Procedure, Clerk *BarChart
	resolvedHead                                                 *widget.Label
	syncLine                                                     *widget.Label

	tiles  *fyne.Container
	drills drillHost
	body   fyne.CanvasObject
	root   fyne.CanvasObject

	// d is the dashboard shown; took the time its computation took.
	d    *report.Dashboard
	took time.Duration
}

// NewDashboard builds the dashboard screen for window w.
func NewDashboard(w fyne.Window, deps Deps) *Dashboard {
	s := &dashboard{deps: deps, win: w, keys: kit.NewKeys()}
	s.drills = drillHost{win: w, deps: &s.deps, run: &s.run, keys: s.keys}
	s.build()
	return &Dashboard{s}
}

// Title is the screen's name.
func (s *dashboard) Title() string { return tr("dash.title", "Giám sát tiếp nhận") }

// Content returns the screen's root object.
func (s *dashboard) Content() fyne.CanvasObject { return s.root }

// Focus installs the shortcuts and computes the dashboard the first time.
func (s *dashboard) Focus() {
	s.keys.Install(s.win.Canvas())
	if s.d == nil && !s.Busy() {
		s.refresh()
	}
	s.win.Canvas().Focus(s.Dates.From)
}

// HandleKey takes Esc (closes a drill-down list) and F5 (recompute).
func (s *dashboard) HandleKey(ev *fyne.KeyEvent) bool { return s.keys.HandleKey(ev) }

// Report returns the dashboard shown (nil before the first computation).
func (s *dashboard) Report() *report.Dashboard { return s.d }

// Busy reports whether a computation is running.
func (s *dashboard) Busy() bool { return s.act.busy }

func (s *dashboard) build() {
	s.keys.Key(fyne.KeyEscape, func() { s.drills.escape() })
	s.keys.Key(fyne.KeyF5, s.refresh)
	s.keys.Shortcut(fyne.KeyE, s.exportExcel)
	s.Dates = newDateRange(s.win, s.keys, s.deps.now, false,
		[]preset{presetToday(), presetYesterday(), presetWeek(), presetMonth()}, s.refresh)
	s.show = kit.NewButton(tr("dash.show", "Xem"), "Enter", s.keys, s.refresh)
	s.show.Importance = widget.HighImportance
	s.xlsxBtn = kit.NewButton(tr("dash.xlsx", "Xuất Excel"), "Ctrl+E", s.keys, s.exportExcel)
	s.act = &spinner{}
	s.Status = widget.NewLabel("")
	s.Status.Wrapping = fyne.TextWrapWord
	s.namesNote = widget.NewLabel("")
	s.namesNote.Wrapping = fyne.TextWrapWord
	s.namesNote.Hide()
	s.exp = newExporter(s.win, &s.run)

	s.Received = newTile(tr("dash.received", "Tiếp nhận"), seriesReceived, s.keys)
	s.Guidance = newTile(tr("dash.guidance", "Bổ sung tại quầy"), seriesGuidance, s.keys)
	s.Refused = newTile(tr("dash.refused", "Từ chối tiếp nhận"), seriesRefused, s.keys)
	s.Pending = newTile(tr("dash.pending", "Trực tuyến chờ nhận"), seriesNeutral, s.keys)
	s.Due = newTile(tr("dash.due", "Đến hạn trong kỳ"), seriesNeutral, s.keys)
	s.Overdue = newTile(tr("dash.overdue", "Quá hạn"), seriesRefused, s.keys)
	for _, t := range []*Tile{s.Received, s.Guidance, s.Refused, s.Pending, s.Due, s.Overdue} {
		t := t
		t.OnTapped = func() { s.drills.show(t.Title, t.Cell) }
	}
	chart := func() *BarChart {
		c := NewBarChart(s.keys)
		c.OnDrill = func(title string, cell report.Cell) { s.drills.show(title, cell) }
		return c
	}
	s.Timeliness, s.Rule766, s.Rates = chart(), chart(), chart()
	s.Channel, s.Field, s.Procedure, s.Clerk = chart(), chart(), chart(), chart()
	s.resolvedHead = widget.NewLabel("")
	s.resolvedHead.Wrapping = fyne.TextWrapWord
	s.syncLine = widget.NewLabel("")
	s.syncLine.Wrapping = fyne.TextWrapWord

	note := kit.Hint
	s.tiles = container.NewGridWrap(fyne.NewSize(172, s.Received.MinSize().Height),
		s.Received, s.Guidance, s.Refused, s.Pending, s.Due, s.Overdue)
	results := widget.NewCard(tr("dash.resolved", "Kết quả giải quyết trong kỳ"), "", container.NewVBox(
		s.resolvedHead,
		kit.Heading(tr("dash.rule06a", "Theo cách tính của Biểu II.06a (so sánh theo ngày)")),
		s.Timeliness,
		note(tr("dash.rule06aNote", "Ngày có kết quả so với ngày hẹn trả: trước ngày hẹn là trước hạn, đúng ngày hẹn là đúng hạn, sau ngày hẹn là quá hạn; hồ sơ rút và hồ sơ không có thời hạn tính đúng hạn.")),
		kit.Heading(tr("dash.rule766", "Theo Quyết định 766/QĐ-TTg, chỉ số 2.1 (so đến từng giây)")),
		s.Rule766,
		note(tr("dash.rule766Note", "Thời điểm kết thúc xử lý so với giờ hẹn trả; yêu cầu bổ sung từ hai lần trở lên tính quá hạn. Hai cách tính có thể khác nhau: có kết quả lúc 16:00 ngày hẹn khi giờ hẹn là 10:00 là quá hạn theo QĐ 766 nhưng đúng hạn trên Biểu II.06a.")),
	))
	rates := widget.NewCard(tr("dash.rates", "Số hóa và trực tuyến (hồ sơ tiếp nhận trong kỳ)"), "", container.NewVBox(
		s.Rates,
		note(tr("dash.ratesNote", "Số hóa: hồ sơ có ít nhất một thành phần được quét hoặc lấy từ dữ liệu quốc gia (QĐ 766, chỉ số 4.3). Trực tuyến: hồ sơ nộp qua Cổng dịch vụ công (kênh 2, chỉ số 3.3).")),
	))
	card := func(title string, c *BarChart) fyne.CanvasObject { return widget.NewCard(title, "", c) }
	syncCard := widget.NewCard(tr("dash.sync", "Đồng bộ với máy chủ tỉnh"), "", s.syncLine)
	s.body = container.NewVBox(
		s.tiles, s.namesNote, results, rates,
		card(tr("dash.byChannel", "Theo kênh tiếp nhận"), s.Channel),
		card(tr("dash.byField", "Theo lĩnh vực"), s.Field),
		card(tr("dash.byProcedure", "Theo thủ tục"), s.Procedure),
		card(tr("dash.byClerk", "Theo cán bộ tiếp nhận"), s.Clerk),
		syncCard,
	)
	top := container.NewVBox(
		s.Dates.Object(s.show),
		container.NewBorder(nil, nil, nil, s.xlsxBtn, s.act.line(s.Status)),
		s.exp.Object(),
		widget.NewSeparator(),
	)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewPadded(s.body)))
}

// refresh recomputes the dashboard for the range in the fields, off the
// UI goroutine.
func (s *dashboard) refresh() {
	from, to, ok := s.Dates.Values()
	if !ok {
		return
	}
	src := s.deps.source()
	if src == nil {
		s.Status.SetText(tr("dash.noSource", "Chưa có dữ liệu báo cáo trên máy này."))
		return
	}
	ctx, gen := s.job.start()
	now := s.deps.now()
	s.act.on()
	s.Status.SetText(tr("dash.computing", "Đang tính số liệu từ {{.F}} đến {{.T}}…", map[string]any{"F": date(from), "T": date(to)}))
	var d *report.Dashboard
	var err error
	var took time.Duration
	names := s.deps.names()
	s.run.run(func() {
		start := time.Now()
		d, err = report.BuildDashboard(cancelSource{ctx, src}, report.DashboardOptions{From: from, To: to, Now: now, Names: names, Sync: s.deps.syncState()})
		took = time.Since(start)
	}, func() {
		if !s.job.current(gen) {
			return
		}
		s.act.off()
		if err != nil {
			if ctx.Err() == nil {
				s.Status.SetText(tr("dash.failed", "Chưa tính được số liệu: {{.E}}", map[string]any{"E": storageText(err)}))
			}
			return
		}
		s.d, s.took = d, took
		s.fill()
	})
}

// span describes the range of d: "ngày 03/11/2025" or "từ … đến …".
func span(from, to time.Time) string {
	if dossier.Day(from).Equal(dossier.Day(to)) {
		return tr("span.day", "ngày {{.D}}", map[string]any{"D": date(from)})
	}
	return tr("span.range", "từ {{.F}} đến {{.T}}", map[string]any{"F": date(from), "T": date(to)})
}

// seconds formats a duration in seconds with one decimal.
func seconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', 1, 64)
	if s == "0.0" {
		s = "< 0.1"
	}
	return decimal(s)
}

// fill shows s.d.
func (s *dashboard) fill() {
	d := s.d
	s.Status.SetText(tr("dash.shown", "Số liệu {{.S}}, tính lúc {{.At}} ({{.Took}} giây). Bấm vào một con số để xem danh sách hồ sơ.",
		map[string]any{"S": span(d.From, d.To), "At": d.Now.In(dossier.Zone).Format("15:04"), "Took": seconds(s.took)}))
	if d.NamesFromCodes {
		s.namesNote.SetText(tr("dash.codes", "Chưa có danh mục thủ tục trên máy: lĩnh vực và thủ tục hiển thị theo mã."))
		s.namesNote.Show()
	} else {
		s.namesNote.Hide()
	}
	s.Received.Set(d.Received, tr("dash.receivedHint", "hồ sơ đã cấp giấy hẹn"))
	s.Guidance.Set(d.Guidance, tr("dash.guidanceHint", "phiếu hướng dẫn, mẫu 02"))
	s.Refused.Set(d.Refused, tr("dash.refusedHint", "phiếu từ chối, mẫu 03"))
	s.Pending.Set(d.Pending, tr("dash.pendingHint", "nộp qua cổng, chưa nhận"))
	s.Due.Set(d.Due, tr("dash.dueHint", "còn mở, hẹn trong kỳ"))
	s.Overdue.Set(d.Overdue, tr("dash.overdueHint", "còn mở, quá giờ hẹn"))
	var ts fyne.Size
	for _, o := range s.tiles.Objects {
		ts = ts.Max(o.MinSize())
	}
	s.tiles.Layout = layout.NewGridWrapLayout(ts)
	s.tiles.Refresh()

	s.resolvedHead.SetText(tr("dash.resolvedHead", "{{.N}} hồ sơ kết thúc xử lý trong kỳ (có kết quả, đã trả, dừng hoặc rút).", map[string]any{"N": num(d.Resolved.N())}))
	s.Timeliness.SetRows([]ChartRow{
		{Label: tr("dash.early", "Trước hạn"), Bars: []Bar{{Name: tr("unit.dossiers", "hồ sơ"), Cell: d.Early, series: seriesGood}}, Suffix: pct(d.EarlyRate())},
		{Label: tr("dash.onTime", "Đúng hạn"), Bars: []Bar{{Name: tr("unit.dossiers", "hồ sơ"), Cell: d.OnTime, series: seriesNeutral}}, Suffix: pct(d.OnTimeRate())},
		{Label: tr("dash.late", "Quá hạn"), Bars: []Bar{{Name: tr("unit.dossiers", "hồ sơ"), Cell: d.Late, series: seriesRefused}}, Suffix: pct(d.LateRate())},
	})
	s.Rule766.SetRows([]ChartRow{
		{Label: tr("dash.onTime766", "Trước hạn và đúng hạn"), Bars: []Bar{{Name: tr("unit.dossiers", "hồ sơ"), Cell: d.OnTime766, series: seriesGood}}, Suffix: pct(d.OnTimeRate766())},
		{Label: tr("dash.late766", "Quá hạn"), Bars: []Bar{{Name: tr("unit.dossiers", "hồ sơ"), Cell: d.Late766, series: seriesRefused}}, Suffix: pct(report.Ratio{Num: d.Late766, Den: d.Resolved})},
	})
	var rates []ChartRow
	if d.Received.N() > 0 {
		rates = []ChartRow{
			{Label: tr("dash.digitised", "Hồ sơ có thành phần số hóa"), Bars: []Bar{
				{Name: tr("dash.digitisedYes", "đã số hóa"), Cell: d.Digitised, series: seriesGood},
				{Name: tr("dash.digitisedNo", "chưa số hóa"), Cell: minus(d.Received, d.Digitised), series: seriesGuidance},
			}, Suffix: pct(d.DigitisationRate())},
			{Label: tr("dash.online", "Hồ sơ nộp trực tuyến"), Bars: []Bar{
				{Name: tr("dash.onlineYes", "trực tuyến"), Cell: d.Online, series: seriesGood},
				{Name: tr("dash.onlineNo", "trực tiếp, bưu chính"), Cell: minus(d.Received, d.Online), series: seriesReceived},
			}, Suffix: pct(d.OnlineShare())},
		}
	}
	s.Rates.SetRows(rates)
	s.Channel.SetRows(groupRows(d.ByChannel, 0, ""))
	s.Field.SetRows(groupRows(d.ByField, chartTop, tr("dash.otherFields", "Các lĩnh vực khác")))
	s.Procedure.SetRows(groupRows(d.ByProcedure, chartTop, tr("dash.otherProcedures", "Các thủ tục khác")))
	s.Clerk.SetRows(groupRows(s.clerkNames(d.ByClerk), 0, ""))
	s.syncLine.SetText(syncSummary(d.Sync, s.deps.Sync != nil))
}

// clerkNames labels clerks with their full names (user list of the
// desk), keeping the user name in brackets.
func (s *dashboard) clerkNames(gs []report.Group) []report.Group {
	names := userNames(&s.deps)
	out := slices.Clone(gs)
	for i := range out {
		if n := names[out[i].Key]; n != "" {
			out[i].Name = n + " (" + out[i].Key + ")"
		}
	}
	return out
}

// userNames maps user names to full names (best effort).
func userNames(deps *Deps) map[string]string {
	out := map[string]string{}
	if deps.Service == nil || deps.Service.Store == nil {
		return out
	}
	us, err := deps.Service.Store.Users()
	if err != nil {
		return out
	}
	for _, u := range us {
		out[u.Username] = u.Name
	}
	return out
}

// syncSummary is the dashboard's sync line.
func syncSummary(st report.SyncState, hub bool) string {
	if !st.Known {
		return tr("dash.syncUnknown", "Chưa đọc được trạng thái đồng bộ trên máy này.")
	}
	last := tr("dash.syncNever", "chưa lần nào")
	if !st.LastSuccess.IsZero() {
		last = stamp(st.LastSuccess)
	}
	if !hub {
		last = tr("dash.syncNoHub", "chưa cấu hình máy chủ tỉnh (chuyển bằng USB)")
	}
	return tr("dash.syncLine", "Chờ gửi: {{.P}} thay đổi · Bị máy chủ từ chối (cách ly): {{.Q}} · Lần đồng bộ thành công gần nhất: {{.L}}",
		map[string]any{"P": num(st.Pending), "Q": num(st.Quarantined), "L": last})
}

// minus returns the ids of a that are not in b.
func minus(a, b report.Cell) report.Cell {
	in := make(map[uint64]bool, len(b.IDs))
	for _, id := range b.IDs {
		in[id] = true
	}
	var out report.Cell
	for _, id := range a.IDs {
		if !in[id] {
			out.IDs = append(out.IDs, id)
		}
	}
	return out
}

// groupRows charts a breakdown: received, and the counter supplement
// requests and refusals when there are any. With top > 0, rows after the
// first top are merged into one "others" row.
func groupRows(gs []report.Group, top int, other string) []ChartRow {
	row := func(label string, g report.Group) ChartRow {
		r := ChartRow{Label: label, Bars: []Bar{{Name: tr("unit.received", "tiếp nhận"), Cell: g.Received, series: seriesReceived}}}
		if g.Guidance.N() > 0 {
			r.Bars = append(r.Bars, Bar{Name: tr("unit.guidance", "yêu cầu bổ sung"), Cell: g.Guidance, series: seriesGuidance})
		}
		if g.Refused.N() > 0 {
			r.Bars = append(r.Bars, Bar{Name: tr("unit.refused", "từ chối"), Cell: g.Refused, series: seriesRefused})
		}
		return r
	}
	var out []ChartRow
	var rest report.Group
	n := 0
	for i, g := range gs {
		if top > 0 && i >= top {
			rest.Received.IDs = append(rest.Received.IDs, g.Received.IDs...)
			rest.Guidance.IDs = append(rest.Guidance.IDs, g.Guidance.IDs...)
			rest.Refused.IDs = append(rest.Refused.IDs, g.Refused.IDs...)
			n++
			continue
		}
		out = append(out, row(g.Name, g))
	}
	if n > 0 {
		r := row(tr("dash.others", "{{.L}} ({{.N}})", map[string]any{"L": other, "N": n}), rest)
		r.TextOnly = true
		out = append(out, r)
	}
	return out
}

// exportExcel writes the dashboard workbook (report/xlsx WriteDay): the
// figures, the breakdowns and, for ranges up to a month, the list of the
// records and the tracking book.
func (s *dashboard) exportExcel() {
	from, to, ok := s.Dates.Values()
	if !ok {
		return
	}
	src := s.deps.source()
	if src == nil {
		return
	}
	now := s.deps.now()
	names := s.deps.names()
	office := s.deps.office()
	records := s.deps.Records
	name := "giam-sat-" + from.Format("20060102") + "-" + to.Format("20060102") + ".xlsx"
	withList := !to.After(from.AddDate(0, 0, maxListDays-1))
	s.exp.export(name, func(ctx context.Context, w io.Writer) error {
		d, err := report.BuildDashboard(cancelSource{ctx, src}, report.DashboardOptions{From: from, To: to, Now: now, Names: names, Sync: s.deps.syncState(), Records: withList})
		if err != nil {
			return err
		}
		var book []report.BookEntry
		if withList && records != nil {
			ds := make([]*dossier.Dossier, 0, len(d.Records))
			for i, f := range d.Records {
				if i%64 == 0 && ctx.Err() != nil {
					return ctx.Err()
				}
				x, err := records.DossierByID(f.ID)
				if err != nil {
					return err
				}
				ds = append(ds, x)
			}
			book = report.Book(ds)
		}
		return xlsx.WriteDay(w, d, book, xlsx.Options{Now: now, Office: office.Name, Names: names, Author: "motcua"})
	})
}
