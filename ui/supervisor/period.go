package supervisor

import (
	"context"
	"fmt"
	"io"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/report"
	"motcua/report/pdf"
	"motcua/report/xlsx"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// Period is the period report screen (Báo cáo định kỳ): Biểu
// II.06a/VPCP/KSTT for a range of days, by field, exactly as
// report.BuildPeriod returns it, with drill-down on every cell and the
// Excel and PDF exports.
type Period struct{ *period }

type period struct {
	deps Deps
	win  fyne.Window
	keys *kit.Keys
	run  runner
	job  job
	exp  *exporter

	Dates     *dateRange
	make      *kit.Button
	stop      *widget.Button
	xlsxBtn   *kit.Button
	pdfBtn    *kit.Button
	Recipient *widgets.VNEntry
	Head      *widgets.VNEntry
	act       *spinner
	status    *widget.Label
	Table     *periodTable
	root      fyne.CanvasObject

	drills drillHost
	p      *report.Period
	took   time.Duration
}

// NewPeriod builds the period report screen for window w.
func NewPeriod(w fyne.Window, deps Deps) *Period {
	s := &period{deps: deps, win: w, keys: kit.NewKeys()}
	s.drills = drillHost{win: w, deps: &s.deps, run: &s.run, keys: s.keys}
	s.build()
	return &Period{s}
}

// Title is the screen's name.
func (s *period) Title() string { return tr("period.title", "Báo cáo định kỳ (Biểu II.06a)") }

// Content returns the screen's root object.
func (s *period) Content() fyne.CanvasObject { return s.root }

// Focus installs the shortcuts and focuses the first date.
func (s *period) Focus() {
	s.keys.Install(s.win.Canvas())
	s.win.Canvas().Focus(s.Dates.From)
}

// HandleKey takes Esc (closes a drill-down list) and F5 (recompute).
func (s *period) HandleKey(ev *fyne.KeyEvent) bool { return s.keys.HandleKey(ev) }

// Busy reports whether the report is being computed.
func (s *period) Busy() bool { return s.act.busy }

// Report returns the report shown (nil before the first one).
func (s *period) Report() *report.Period { return s.p }

// periodCols describes the 13 columns on screen: the group line (shown
// over the first column of a group), the column's name and its width.
type periodCol struct {
	group, name string
	width       float32
}

func periodColumns() []periodCol {
	g1, g2, g3 := tr("period.gReceived", "Tiếp nhận"), tr("period.gResolved", "Đã giải quyết"), tr("period.gPending", "Đang giải quyết")
	return []periodCol{
		{"", tr("period.cNo", "TT"), 40},
		{"", tr("period.cField", "Lĩnh vực, công việc giải quyết theo cấp"), 200},
		{g1, tr("period.cTotal", "Tổng số"), 72},
		{"", tr("period.cOnline", "Trực tuyến"), 72},
		{"", tr("period.cDirect", "Trực tiếp, bưu chính"), 72},
		{"", tr("period.cCarried", "Từ kỳ trước"), 72},
		{g2, tr("period.cTotal", "Tổng số"), 72},
		{"", tr("period.cEarly", "Trước hạn"), 72},
		{"", tr("period.cOnTime", "Đúng hạn"), 72},
		{"", tr("period.cLate", "Quá hạn"), 72},
		{g3, tr("period.cTotal", "Tổng số"), 72},
		{"", tr("period.cInTime", "Trong hạn"), 72},
		{"", tr("period.cLate", "Quá hạn"), 72},
	}
}

func (s *period) build() {
	s.keys.Key(fyne.KeyEscape, func() { s.drills.escape() })
	s.keys.Key(fyne.KeyF5, s.compute)
	s.keys.Shortcut(fyne.KeyE, s.exportExcel)
	s.keys.Shortcut(fyne.KeyP, s.exportPDF)
	s.Dates = newDateRange(s.win, s.keys, s.deps.now, false,
		[]preset{presetMonth(), presetLastMonth(), presetQuarter(), presetLastQuarter(), presetYear(), presetLastYear()}, s.compute)
	from, to := presetLastMonth().span(s.deps.now())
	s.Dates.Set(from, to)
	s.make = kit.NewButton(tr("period.make", "Lập báo cáo"), "Enter", s.keys, s.compute)
	s.make.Importance = widget.HighImportance
	s.stop = widget.NewButton(tr("period.stop", "Dừng"), func() {
		s.job.stop()
		s.act.off()
		s.status.SetText(tr("period.stopped", "Đã dừng lập báo cáo."))
	})
	s.xlsxBtn = kit.NewButton(tr("period.xlsx", "Xuất Excel"), "Ctrl+E", s.keys, s.exportExcel)
	s.pdfBtn = kit.NewButton(tr("period.pdf", "Xuất PDF"), "Ctrl+P", s.keys, s.exportPDF)
	s.xlsxBtn.Disable()
	s.pdfBtn.Disable()
	o := s.deps.office()
	s.Recipient = kit.NewVN(s.deps.Typing, false, nil)
	s.Recipient.SetText(o.ParentAgency)
	s.Recipient.SetPlaceHolder(tr("period.recipientPh", "ví dụ: Văn phòng UBND tỉnh"))
	s.Head = kit.NewVN(s.deps.Typing, false, nil)
	s.Head.SetPlaceHolder(tr("period.headPh", "họ tên thủ trưởng (để trống: ký tay)"))
	s.act = &spinner{}
	s.status = widget.NewLabel(tr("period.hint", "Chọn kỳ báo cáo rồi bấm \"Lập báo cáo\". Hồ sơ tính theo ngày tiếp nhận và ngày kết thúc xử lý (cách so ngày của Biểu II.06a)."))
	s.status.Wrapping = fyne.TextWrapWord
	s.exp = newExporter(s.win, &s.run)

	cols := periodColumns()
	s.Table = newPeriodTable(s.keys)
	s.Table.Length = func() (int, int) {
		if s.p == nil {
			return 0, len(cols)
		}
		return len(s.p.Rows) + 1, len(cols)
	}
	s.Table.CreateCell = func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	s.Table.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		text, align, bold := s.cellText(id)
		l.Alignment = align
		l.TextStyle = fyne.TextStyle{Bold: bold}
		l.SetText(text)
	}
	s.Table.ShowHeaderRow = true
	s.Table.ShowHeaderColumn = false
	s.Table.StickyColumnCount = 2
	s.Table.CreateHeader = func() fyne.CanvasObject { return widget.NewRichText() }
	s.Table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col < 0 || id.Col >= len(cols) {
			return
		}
		rt := o.(*widget.RichText)
		rt.Segments = headerSegments(cols[id.Col], id.Col+1)
		rt.Refresh()
	}
	s.Table.SetRowHeight(-1, widget.NewRichText(headerSegments(cols[4], 5)...).MinSize().Height)
	for i, c := range cols {
		s.Table.SetColumnWidth(i, c.width)
	}
	s.Table.OnSelected = func(id widget.TableCellID) {
		s.Table.UnselectAll()
		s.drill(id)
	}

	labelled := func(label string, e fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, widget.NewLabel(label), nil, e)
	}
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(s.xlsxBtn, s.pdfBtn), s.Dates.Fields(s.make)),
		s.Dates.PresetRow(),
		s.Dates.Err,
		container.NewGridWithColumns(2,
			labelled(tr("period.recipient", "Đơn vị nhận báo cáo"), s.Recipient),
			labelled(tr("period.head", "Thủ trưởng đơn vị"), s.Head)),
		s.act.line(s.status, s.stop),
		s.exp.Object(),
		widget.NewSeparator(),
	)
	s.root = container.NewBorder(top, nil, nil, nil, s.Table)
}

// headerSegments are the four lines of a column heading, in the caption
// size: the group name (over the group's first column, bold), the column
// name on two lines, and the column number as on the paper form.
func headerSegments(c periodCol, n int) []widget.RichTextSegment {
	line := func(s string, st fyne.TextStyle) widget.RichTextSegment {
		return &widget.TextSegment{Text: s, Style: widget.RichTextStyle{TextStyle: st, SizeName: theme.SizeNameCaptionText, ColorName: theme.ColorNameForeground}}
	}
	a, b := c.name, ""
	size := fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameCaptionText)
	if fyne.MeasureText(a, size, fyne.TextStyle{}).Width > c.width-2*theme.InnerPadding() {
		a, b = split2(c.name)
	}
	return []widget.RichTextSegment{
		line(c.group, fyne.TextStyle{Bold: true}), line(a, fyne.TextStyle{}), line(b, fyne.TextStyle{}),
		line(fmt.Sprintf("(%d)", n), fyne.TextStyle{Italic: true}),
	}
}

// split2 cuts a column name into two lines at the space nearest its
// middle.
func split2(s string) (string, string) {
	best, mid := -1, len(s)/2
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && (best < 0 || abs(i-mid) < abs(best-mid)) {
			best = i
		}
	}
	if best < 0 {
		return s, ""
	}
	return s[:best], s[best+1:]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cellText is the text of a table cell; the last row is the totals.
func (s *period) cellText(id widget.TableCellID) (string, fyne.TextAlign, bool) {
	if s.p == nil {
		return "", fyne.TextAlignLeading, false
	}
	c := report.Col(id.Col + 1)
	total := id.Row == len(s.p.Rows)
	boldCol := c == report.ColReceived || c == report.ColResolved || c == report.ColPending
	switch {
	case total && c == report.ColNo:
		return "", fyne.TextAlignLeading, true
	case total && c == report.ColField:
		return tr("period.total", "Tổng cộng"), fyne.TextAlignLeading, true
	case total:
		return num(s.p.TotalN(c)), fyne.TextAlignTrailing, true
	}
	r := &s.p.Rows[id.Row]
	switch c {
	case report.ColNo:
		return fmt.Sprint(r.No), fyne.TextAlignCenter, false
	case report.ColField:
		return r.Name, fyne.TextAlignLeading, false
	}
	return num(r.N(c)), fyne.TextAlignTrailing, boldCol
}

// drill lists the dossiers of a cell.
func (s *period) drill(id widget.TableCellID) {
	if s.p == nil || id.Col < 2 {
		return
	}
	c := report.Col(id.Col + 1)
	cols := periodColumns()
	col := cols[id.Col]
	group := col.group
	for i := id.Col; group == "" && i >= 0; i-- {
		group = cols[i].group
	}
	what := fmt.Sprintf("%s — %s (%d)", group, col.name, c)
	if id.Row == len(s.p.Rows) {
		s.drills.show(tr("period.total", "Tổng cộng")+": "+what, s.p.Total(c))
		return
	}
	r := &s.p.Rows[id.Row]
	s.drills.show(r.Name+": "+what, r.Cell(c))
}

// compute builds the report off the UI goroutine.
func (s *period) compute() {
	from, to, ok := s.Dates.Values()
	if !ok {
		return
	}
	src := s.deps.source()
	if src == nil {
		s.status.SetText(tr("dash.noSource", "Chưa có dữ liệu báo cáo trên máy này."))
		return
	}
	ctx, gen := s.job.start()
	opt := report.PeriodOptions{From: from, To: to, Names: s.deps.names(), Header: s.header()}
	s.act.on()
	s.status.SetText(tr("period.computing", "Đang lập báo cáo từ {{.F}} đến {{.T}} (đọc mọi hồ sơ tiếp nhận đến hết kỳ)…", map[string]any{"F": date(from), "T": date(to)}))
	var p *report.Period
	var err error
	var took time.Duration
	s.run.run(func() {
		start := time.Now()
		p, err = report.BuildPeriod(cancelSource{ctx, src}, opt)
		took = time.Since(start)
	}, func() {
		if !s.job.current(gen) {
			return
		}
		s.act.off()
		if err != nil {
			s.status.SetText(tr("period.failed", "Chưa lập được báo cáo: {{.E}}", map[string]any{"E": storageText(err)}))
			return
		}
		s.p, s.took = p, took
		s.status.SetText(tr("period.shown", "Biểu II.06a {{.S}}: {{.N}} lĩnh vực, {{.R}} hồ sơ tiếp nhận (kể cả từ kỳ trước), lập trong {{.Took}} giây. Bấm vào một ô (hoặc chọn ô bằng phím mũi tên rồi Enter) để xem danh sách hồ sơ.",
			map[string]any{"S": span(p.From, p.To), "N": len(p.Rows), "R": num(p.TotalN(report.ColReceived)), "Took": seconds(took)}))
		s.xlsxBtn.Enable()
		s.pdfBtn.Enable()
		s.Table.Refresh()
		s.Table.ScrollToTop()
	})
}

// header is the header block printed on the exports.
func (s *period) header() report.PeriodHeader {
	o := s.deps.office()
	h := report.PeriodHeader{Reporter: o.Name, Recipient: s.Recipient.Text, Place: o.Place, Prepared: s.deps.now(), Head: s.Head.Text}
	if sess := s.deps.session(); sess != nil {
		h.Preparer = sess.User.Name
	}
	return h
}

// current returns the report shown with the header fields as typed now.
func (s *period) current() *report.Period {
	if s.p == nil {
		return nil
	}
	p := *s.p
	p.Header = s.header()
	return &p
}

func (s *period) fileName(ext string) string {
	return "bieu-II06a-" + s.p.From.Format("20060102") + "-" + s.p.To.Format("20060102") + "." + ext
}

// exportExcel writes the report shown with report/xlsx.
func (s *period) exportExcel() {
	p := s.current()
	if p == nil {
		return
	}
	opt := xlsx.Options{Now: s.deps.now(), Office: s.deps.office().Name, Names: s.deps.names(), Author: "motcua"}
	s.exp.export(s.fileName("xlsx"), func(ctx context.Context, w io.Writer) error { return xlsx.WritePeriod(w, p, opt) })
}

// exportPDF writes the report shown with report/pdf.
func (s *period) exportPDF() {
	p := s.current()
	if p == nil {
		return
	}
	opt := pdf.Options{Now: s.deps.now(), Office: s.deps.office().Name}
	s.exp.export(s.fileName("pdf"), func(ctx context.Context, w io.Writer) error { return pdf.WritePeriod(w, p, opt) })
}

// periodTable is a widget.Table that also drills down on Enter and passes
// Esc and shortcuts to the screen.
type periodTable struct {
	widget.Table
	keys *kit.Keys
}

func newPeriodTable(keys *kit.Keys) *periodTable {
	t := &periodTable{keys: keys}
	t.ExtendBaseWidget(t)
	return t
}

// TypedKey selects the focused cell on Enter.
func (t *periodTable) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Table.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight, fyne.KeySpace:
		t.Table.TypedKey(ev)
		return
	}
	kit.Forward(t, t.keys, ev)
}

// TypedShortcut passes shortcuts to the screen.
func (t *periodTable) TypedShortcut(sc fyne.Shortcut) {
	t.keys.HandleShortcut(sc)
}
