package supervisor

import (
	"context"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/dossier"
	"motcua/report"
	"motcua/report/xlsx"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// Close is the daily close screen (Đóng ngày): the day's records per
// clerk against the supervisor's paper counts, differences shown as they
// are typed and explained by a note, the sign-off with the supervisor's
// login (desk.Service.CloseDay), then the automatic backup and the day's
// tracking book. A closed day shows its record and amendments; "Điều
// chỉnh" changes it through desk.Service.AmendClose. Users who may not
// close a day see everything read-only.
type Close struct{ *closeScreen }

type closeScreen struct {
	deps Deps
	win  fyne.Window
	keys *kit.Keys
	run  runner
	job  job
	exp  *exporter

	Dates    *dateRange
	show     *kit.Button
	act      *spinner
	State    *widget.Label
	ReadOnly *widget.Label
	body     *fyne.Container
	root     fyne.CanvasObject

	// The form (open day, or an amendment).
	Lines    []*clerkLine
	Note     *widgets.VNEntry
	Reason   *widgets.VNEntry
	Sign     *kit.Button
	Problems *widget.Label
	amending bool

	// The closed day.
	Record *widget.Label
	Amend  *kit.Button

	// Backup after the close.
	BackupStatus *widget.Label
	backupAct    *widget.Activity
	BackupRetry  *widget.Button

	// Printing and exports of the day.
	PrintBtn, PDFBtn, XLSXBtn *kit.Button
	PrintStatus               *widget.Label

	drills drillHost
	// confirm asks before signing (a dialog; tests replace it).
	confirm func(title, msg, yes string, ok func())

	day    time.Time
	dash   *report.Dashboard
	closed *report.DayClose
	loaded bool
}

// NewClose builds the daily close screen for window w.
func NewClose(w fyne.Window, deps Deps) *Close {
	s := &closeScreen{deps: deps, win: w, keys: kit.NewKeys()}
	s.drills = drillHost{win: w, deps: &s.deps, run: &s.run, keys: s.keys}
	s.confirm = func(title, msg, yes string, ok func()) {
		widgets.Confirm(title, msg, yes, func(b bool) {
			if b {
				ok()
			}
		}, s.win)
	}
	s.build()
	return &Close{s}
}

// Title is the screen's name.
func (s *closeScreen) Title() string { return tr("close.title", "Đóng ngày") }

// Content returns the screen's root object.
func (s *closeScreen) Content() fyne.CanvasObject { return s.root }

// Focus installs the shortcuts and loads today the first time.
func (s *closeScreen) Focus() {
	s.keys.Install(s.win.Canvas())
	if !s.loaded {
		s.load()
	}
	s.win.Canvas().Focus(s.Dates.From)
}

// HandleKey takes Esc (closes a drill-down list) and F5 (reload).
func (s *closeScreen) HandleKey(ev *fyne.KeyEvent) bool { return s.keys.HandleKey(ev) }

// Busy reports whether the day is being read or signed off.
func (s *closeScreen) Busy() bool { return s.act.busy }

// Closed returns the close record shown (nil when the day is open).
func (s *closeScreen) Closed() *report.DayClose { return s.closed }

// canClose reports whether the session may sign off days.
func (s *closeScreen) canClose() bool {
	sess := s.deps.session()
	return sess != nil && account.Can(sess.User.Role, account.ActCloseDay)
}

func (s *closeScreen) canAmend() bool {
	sess := s.deps.session()
	return sess != nil && account.Can(sess.User.Role, account.ActAmendClosed)
}

func (s *closeScreen) build() {
	s.keys.Key(fyne.KeyEscape, func() { s.drills.escape() })
	s.keys.Key(fyne.KeyF5, s.load)
	s.keys.Shortcut(fyne.KeyS, s.onSign)
	s.keys.Shortcut(fyne.KeyP, s.onPrint)
	s.Dates = newDateRange(s.win, s.keys, s.deps.now, true, []preset{presetToday(), presetYesterday()}, s.load)
	s.show = kit.NewButton(tr("close.show", "Xem"), "Enter", s.keys, s.load)
	s.act = &spinner{}
	s.State = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.State.Wrapping = fyne.TextWrapWord
	s.ReadOnly = widget.NewLabel(tr("close.readOnly", "Chỉ lãnh đạo bộ phận (vai trò giám sát) được ký đóng ngày và điều chỉnh. Bạn đang xem ở chế độ chỉ đọc."))
	s.ReadOnly.Wrapping = fyne.TextWrapWord
	if s.canClose() {
		s.ReadOnly.Hide()
	}
	s.Note = kit.NewVN(s.deps.Typing, false, nil)
	s.Note.SetPlaceHolder(tr("close.notePh", "Ghi chú chung của ngày (không bắt buộc)"))
	s.Reason = kit.NewVN(s.deps.Typing, false, nil)
	s.Reason.SetPlaceHolder(tr("close.reasonPh", "Lý do điều chỉnh (bắt buộc)"))
	s.Sign = kit.NewButton(tr("close.sign", "Ký xác nhận và đóng ngày"), "Ctrl+S", s.keys, s.onSign)
	s.Sign.Importance = widget.HighImportance
	s.Problems = kit.ErrorLabel()
	s.Record = widget.NewLabel("")
	s.Record.Wrapping = fyne.TextWrapWord
	s.Amend = kit.NewButton(tr("close.amend", "Điều chỉnh"), "", s.keys, s.startAmend)
	s.BackupStatus = statusLabel()
	s.backupAct = widget.NewActivity()
	s.backupAct.Hide()
	s.BackupRetry = widget.NewButton(tr("close.backupRetry", "Sao lưu lại"), func() { s.backup("close") })
	s.BackupRetry.Hide()
	s.PrintBtn = kit.NewButton(tr("close.print", "In sổ theo dõi của ngày"), "Ctrl+P", s.keys, s.onPrint)
	s.PDFBtn = kit.NewButton(tr("close.pdf", "Lưu sổ theo dõi (PDF)"), "", s.keys, func() { s.exportBook(ExportPDF) })
	s.XLSXBtn = kit.NewButton(tr("close.xlsx", "Xuất danh sách ngày (Excel)"), "", s.keys, s.exportDay)
	if s.deps.PrintBook == nil {
		s.PrintBtn.Disable()
	}
	if s.deps.ExportBook == nil {
		s.PDFBtn.Disable()
	}
	s.PrintStatus = statusLabel()
	s.exp = newExporter(s.win, &s.run)
	s.body = container.NewVBox()
	top := container.NewVBox(
		s.Dates.Object(s.show),
		s.act.line(s.State),
		s.ReadOnly,
		widget.NewSeparator(),
	)
	actions := container.NewVBox(
		widget.NewSeparator(),
		container.NewHBox(s.PrintBtn, s.PDFBtn, s.XLSXBtn),
		s.PrintStatus, s.exp.Object(),
		container.NewBorder(nil, nil, s.backupAct, s.BackupRetry, s.BackupStatus),
	)
	s.root = container.NewBorder(top, actions, nil, nil, container.NewVScroll(container.NewPadded(s.body)))
}

// load reads the day's records and its close record off the UI goroutine.
func (s *closeScreen) load() {
	day, _, ok := s.Dates.Values()
	if !ok {
		return
	}
	if day.After(dossier.Day(s.deps.now())) {
		kit.SetError(s.Dates.Err, tr("close.future", "Không thể đóng một ngày chưa đến."))
		return
	}
	src := s.deps.source()
	if src == nil || s.deps.Service == nil {
		s.State.SetText(tr("close.unavailable", "Chức năng đóng ngày chưa có trên máy này."))
		return
	}
	ctx, gen := s.job.start()
	now := s.deps.now()
	s.loaded = true
	s.act.on()
	s.State.SetText(tr("close.loading", "Đang đọc số liệu ngày {{.D}}…", map[string]any{"D": date(day)}))
	var (
		d      *report.Dashboard
		closed *report.DayClose
		err    error
	)
	s.run.run(func() {
		d, err = report.BuildDashboard(cancelSource{ctx, src}, report.DashboardOptions{From: day, To: day, Now: now, Names: s.deps.names()})
		if err != nil {
			return
		}
		closed, _, err = s.deps.Service.DayCloseOf(day)
	}, func() {
		if !s.job.current(gen) {
			return
		}
		s.act.off()
		if err != nil {
			s.State.SetText(tr("close.loadFailed", "Chưa đọc được số liệu của ngày: {{.E}}", map[string]any{"E": storageText(err)}))
			return
		}
		s.day, s.dash, s.closed = day, d, closed
		s.amending = false
		s.render()
	})
}

// render shows the open day's form or the closed day's record.
func (s *closeScreen) render() {
	kit.SetError(s.Problems, "")
	if s.closed != nil && !s.amending {
		s.renderClosed()
		return
	}
	s.renderForm()
}

// clerkKeys lists the clerks of the form: those with records and, for an
// amendment, those of the record.
func (s *closeScreen) clerkKeys() []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range s.dash.ByClerk {
		if !seen[g.Key] {
			seen[g.Key] = true
			out = append(out, g.Key)
		}
	}
	if s.closed != nil {
		for _, cc := range s.closed.Clerks {
			if !seen[cc.Clerk] {
				seen[cc.Clerk] = true
				out = append(out, cc.Clerk)
			}
		}
	}
	slices.Sort(out)
	return out
}

func (s *closeScreen) renderForm() {
	names := userNames(&s.deps)
	groups := map[string]report.Group{}
	for _, g := range s.dash.ByClerk {
		groups[g.Key] = g
	}
	editable := s.canClose()
	if s.amending {
		editable = s.canAmend()
	}
	s.Lines = nil
	rows := []fyne.CanvasObject{closeHeader(true)}
	for _, k := range s.clerkKeys() {
		l := newClerkLine(s, k, names[k], groups[k])
		if s.amending {
			for _, cc := range s.closed.Clerks {
				if cc.Clerk == k {
					l.setPaper(cc.Paper, cc.Note)
				}
			}
		}
		if !editable {
			l.disable()
		}
		s.Lines = append(s.Lines, l)
		rows = append(rows, l.object())
	}
	if len(s.Lines) == 0 {
		rows = append(rows, widget.NewLabel(tr("close.noRecords", "Không có hồ sơ, phiếu hướng dẫn hay phiếu từ chối nào trong ngày.")))
	}
	t := s.dash.Received.N() + s.dash.Guidance.N() + s.dash.Refused.N()
	if s.amending {
		s.State.SetText(tr("close.amending", "Điều chỉnh biên bản đóng ngày {{.D}}: sửa số trên sổ giấy hoặc ghi chú, ghi lý do rồi lưu. Biên bản cũ và mọi lần điều chỉnh đều được giữ lại.", map[string]any{"D": date(s.day)}))
		s.Sign.SetText(tr("close.saveAmend", "Lưu điều chỉnh") + " (Ctrl+S)")
		s.Reason.SetText("")
	} else {
		s.State.SetText(tr("close.open", "Ngày {{.D}} chưa đóng: {{.N}} bản ghi trong hệ thống. Đếm phiếu trên sổ giấy của từng cán bộ, nhập vào cột \"Sổ giấy\", rồi ký xác nhận.", map[string]any{"D": date(s.day), "N": num(t)}))
		s.Sign.SetText(tr("close.sign", "Ký xác nhận và đóng ngày") + " (Ctrl+S)")
	}
	s.Note.SetText("")
	if s.closed != nil {
		s.Note.SetText(s.closed.Note)
	}
	if !editable {
		s.Note.Disable()
		s.Reason.Disable()
		s.Sign.Hide()
	} else {
		s.Note.Enable()
		s.Reason.Enable()
		s.Sign.Show()
	}
	objs := append(rows, widget.NewSeparator())
	if s.amending {
		objs = append(objs, kit.Form(kit.NewField(tr("close.reason", "Lý do điều chỉnh"), true, s.Reason)))
		cancel := widget.NewButton(tr("close.cancelAmend", "Thôi, không điều chỉnh"), func() { s.amending = false; s.render() })
		objs = append(objs, container.NewHBox(s.Sign, cancel))
	} else {
		objs = append(objs, kit.Form(kit.NewField(tr("close.note", "Ghi chú chung"), false, s.Note)), container.NewHBox(s.Sign))
	}
	objs = append(objs, s.Problems)
	s.body.Objects = objs
	s.body.Refresh()
	if editable && len(s.Lines) > 0 && s.win != nil {
		s.win.Canvas().Focus(s.Lines[0].Paper[0])
	}
}

// closeColumns: clerk, records ×3, paper ×3, difference.
var closeColumns = []float32{220, 104, 104, 104, 104, 104, 104, 230}

// closeHeader is the heading of the clerks' lines; editable names the
// paper columns as input.
func closeHeader(editable bool) fyne.CanvasObject {
	paper := tr("close.colPaperShown", "Sổ giấy")
	if editable {
		paper = tr("close.colPaper", "Sổ giấy (nhập)")
	}
	b := func(s string) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	return container.NewVBox(
		container.New(&colLayout{widths: []float32{220, 312, 312, 230}},
			b(tr("close.colClerk", "Cán bộ tiếp nhận")), b(tr("close.colRecords", "Trong hệ thống")), b(paper), b(tr("close.colDiff", "Chênh lệch (giấy − hệ thống)"))),
		container.New(&colLayout{widths: closeColumns},
			widget.NewLabel(""), b(tr("close.colReceived", "Tiếp nhận")), b(tr("close.colGuidance", "Hướng dẫn")), b(tr("close.colRefused", "Từ chối")),
			b(tr("close.colReceived", "Tiếp nhận")), b(tr("close.colGuidance", "Hướng dẫn")), b(tr("close.colRefused", "Từ chối")), widget.NewLabel("")),
	)
}

// clerkLine is one clerk's line of the close form.
type clerkLine struct {
	s     *closeScreen
	Clerk string
	Name  string
	group report.Group

	Records [3]*Link
	Paper   [3]*kit.Entry
	Diff    *widget.Label
	Note    *widgets.VNEntry
	noteBox *fyne.Container
	row     *fyne.Container
}

func newClerkLine(s *closeScreen, clerk, name string, g report.Group) *clerkLine {
	l := &clerkLine{s: s, Clerk: clerk, Name: name, group: g}
	label := clerkText(clerk)
	if name != "" {
		label = name + " (" + clerk + ")"
	}
	cells := []report.Cell{g.Received, g.Guidance, g.Refused}
	whats := []string{whatText("received"), whatText("guidance"), whatText("refused")}
	for i := range 3 {
		c, title := cells[i], label+" — "+whats[i]
		l.Records[i] = newLink(num(c.N()), s.keys, func() { s.drills.show(title, c) })
		e := kit.NewEntry(s.keys)
		e.SetPlaceHolder("0")
		e.OnChanged = func(string) { l.update() }
		l.Paper[i] = e
	}
	l.Paper[2].OnSubmitted = func(string) {
		if l.noteBox.Visible() && s.win != nil {
			s.win.Canvas().Focus(l.Note)
			return
		}
		s.focusNext(l)
	}
	l.Diff = widget.NewLabel("")
	l.Diff.Wrapping = fyne.TextWrapWord
	l.Note = kit.NewVN(s.deps.Typing, false, nil)
	l.Note.SetPlaceHolder(tr("close.diffNotePh", "Giải thích chênh lệch (bắt buộc khi có chênh lệch)"))
	l.Note.OnSubmitted = func(string) { s.focusNext(l) }
	l.noteBox = container.NewBorder(nil, nil, widget.NewLabel(tr("close.diffNote", "Ghi chú chênh lệch:")), nil, l.Note)
	title := widget.NewLabel(label)
	title.Truncation = fyne.TextTruncateEllipsis
	l.row = container.NewVBox(
		container.New(&colLayout{widths: closeColumns}, title, l.Records[0], l.Records[1], l.Records[2], l.Paper[0], l.Paper[1], l.Paper[2], l.Diff),
		l.noteBox,
	)
	l.update()
	return l
}

func (l *clerkLine) object() fyne.CanvasObject { return l.row }

// focusNext moves to the next clerk's first paper field, or the general
// note.
func (s *closeScreen) focusNext(l *clerkLine) {
	if s.win == nil {
		return
	}
	for i, x := range s.Lines {
		if x == l && i+1 < len(s.Lines) {
			s.win.Canvas().Focus(s.Lines[i+1].Paper[0])
			return
		}
	}
	if s.amending {
		s.win.Canvas().Focus(s.Reason)
	} else {
		s.win.Canvas().Focus(s.Note)
	}
}

func (l *clerkLine) setPaper(p report.PaperCount, note string) {
	for i, n := range []int{p.Received, p.Guidance, p.Refused} {
		l.Paper[i].SetText(strconv.Itoa(n))
	}
	l.Note.SetText(note)
	l.update()
}

func (l *clerkLine) disable() {
	for _, e := range l.Paper {
		e.Disable()
	}
	l.Note.Disable()
}

// paper reads the typed counts; ok is false when one is missing or not a
// whole number ≥ 0.
func (l *clerkLine) paper() (report.PaperCount, bool) {
	var v [3]int
	for i, e := range l.Paper {
		t := strings.TrimSpace(e.Text)
		n, err := strconv.Atoi(t)
		if t == "" || err != nil || n < 0 {
			return report.PaperCount{}, false
		}
		v[i] = n
	}
	return report.PaperCount{Received: v[0], Guidance: v[1], Refused: v[2]}, true
}

func (l *clerkLine) records() [3]int {
	return [3]int{l.group.Received.N(), l.group.Guidance.N(), l.group.Refused.N()}
}

// differs reports whether the typed counts differ from the records.
func (l *clerkLine) differs() bool {
	p, ok := l.paper()
	if !ok {
		return false
	}
	r := l.records()
	return p.Received != r[0] || p.Guidance != r[1] || p.Refused != r[2]
}

// update shows the difference of the line as it is typed.
func (l *clerkLine) update() {
	var parts []string
	bad := false
	r := l.records()
	empty := true
	for i, e := range l.Paper {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			continue
		}
		empty = false
		n, err := strconv.Atoi(t)
		if err != nil || n < 0 {
			bad = true
			continue
		}
		if n != r[i] {
			parts = append(parts, whatText([]string{"received", "guidance", "refused"}[i])+" "+signed(n-r[i]))
		}
	}
	l.Diff.Importance = widget.MediumImportance
	switch {
	case bad:
		l.Diff.Importance = widget.DangerImportance
		l.Diff.SetText(tr("close.badNumber", "Số trên sổ giấy là số nguyên từ 0 trở lên."))
	case empty:
		l.Diff.SetText(tr("close.notEntered", "Chưa nhập"))
	case len(parts) > 0:
		l.Diff.Importance = widget.WarningImportance
		l.Diff.SetText(tr("close.differs", "Lệch: {{.D}}", map[string]any{"D": strings.Join(parts, ", ")}))
	default:
		if _, ok := l.paper(); ok {
			l.Diff.SetText(tr("close.matches", "Khớp"))
		} else {
			l.Diff.SetText(tr("close.incomplete", "Nhập đủ ba cột"))
		}
	}
	if len(parts) > 0 || strings.TrimSpace(l.Note.Text) != "" {
		l.noteBox.Show()
	} else {
		l.noteBox.Hide()
	}
}

// check lists the problems of the form in Vietnamese (nothing is sent to
// the service while there is one).
func (s *closeScreen) check() []string {
	var out []string
	for _, l := range s.Lines {
		who := l.Name
		if who == "" {
			who = clerkText(l.Clerk)
		}
		if _, ok := l.paper(); !ok {
			out = append(out, tr("close.needPaper", "Cán bộ {{.C}}: nhập đủ số trên sổ giấy (tiếp nhận, hướng dẫn, từ chối), mỗi ô một số nguyên từ 0 trở lên.", map[string]any{"C": who}))
			continue
		}
		if l.differs() && strings.TrimSpace(l.Note.Text) == "" {
			out = append(out, tr("close.errNote", "Cán bộ {{.C}}: số trên sổ giấy khác số trong hệ thống; phải ghi chú giải thích chênh lệch.", map[string]any{"C": who}))
		}
	}
	if s.amending && strings.TrimSpace(s.Reason.Text) == "" {
		out = append(out, tr("close.errReason", "Điều chỉnh phải ghi lý do."))
	}
	return out
}

func (s *closeScreen) input() (map[string]report.PaperCount, map[string]string) {
	paper := map[string]report.PaperCount{}
	notes := map[string]string{}
	for _, l := range s.Lines {
		p, _ := l.paper()
		paper[l.Clerk] = p
		notes[l.Clerk] = strings.TrimSpace(l.Note.Text)
	}
	return paper, notes
}

// onSign checks the form, asks for confirmation and signs off (or saves
// the amendment).
func (s *closeScreen) onSign() {
	widgets.NoteActivity()
	if s.dash == nil || !s.Sign.Visible() || (s.closed != nil && !s.amending) {
		return
	}
	if ps := s.check(); len(ps) > 0 {
		kit.SetError(s.Problems, strings.Join(ps, "\n"))
		return
	}
	kit.SetError(s.Problems, "")
	if s.amending {
		s.doAmend()
		return
	}
	sess := s.deps.session()
	who := ""
	if sess != nil {
		who = sess.User.Name
	}
	s.confirm(tr("close.confirmTitle", "Đóng ngày {{.D}}", map[string]any{"D": date(s.day)}),
		tr("close.confirm", "{{.U}} ký xác nhận số liệu ngày {{.D}}. Sau khi đóng, quầy không tiếp nhận thêm hồ sơ cho ngày này và mọi thay đổi phải qua \"Điều chỉnh\" (có ghi lý do). Đóng ngày?", map[string]any{"U": who, "D": date(s.day)}),
		tr("close.confirmYes", "Ký và đóng ngày"), s.doSign)
}

// doSign closes the day through the service, then backs up.
func (s *closeScreen) doSign() {
	sess := s.deps.session()
	paper, notes := s.input()
	in := report.CloseInput{Day: s.day, Paper: paper, Notes: notes, Note: s.Note.Text}
	s.Sign.Disable()
	s.act.on()
	var c *report.DayClose
	var err error
	s.run.run(func() {
		c, err = s.deps.Service.CloseDay(sess, in)
	}, func() {
		s.Sign.Enable()
		s.act.off()
		if err != nil {
			kit.SetError(s.Problems, closeErrorText(err))
			return
		}
		s.closed = c
		s.render()
		s.backup("close")
	})
}

// startAmend shows the form filled from the record.
func (s *closeScreen) startAmend() {
	if s.closed == nil || !s.canAmend() {
		return
	}
	s.amending = true
	s.render()
}

func (s *closeScreen) doAmend() {
	sess := s.deps.session()
	paper, notes := s.input()
	in := report.AmendInput{Reason: s.Reason.Text, Paper: paper, Notes: notes}
	day := s.day
	s.Sign.Disable()
	var c *report.DayClose
	var err error
	s.run.run(func() {
		c, err = s.deps.Service.AmendClose(sess, day, in)
	}, func() {
		s.Sign.Enable()
		if err != nil {
			kit.SetError(s.Problems, closeErrorText(err))
			return
		}
		s.closed = c
		s.amending = false
		s.render()
	})
}

// renderClosed shows the close record with its amendments.
func (s *closeScreen) renderClosed() {
	c := s.closed
	names := userNames(&s.deps)
	signer := c.SignedBy
	if n := names[c.SignedBy]; n != "" {
		signer = n + " (" + c.SignedBy + ")"
	}
	s.State.SetText(tr("close.closedState", "Ngày {{.D}} đã đóng lúc {{.At}}, người ký: {{.U}}.", map[string]any{"D": date(c.Day), "At": stamp(c.SignedAt), "U": signer}))
	var b strings.Builder
	t := c.Totals
	b.WriteString(tr("close.totals", "Tổng trong hệ thống: tiếp nhận {{.R}} (trực tiếp {{.D}}, trực tuyến {{.O}}, bưu chính {{.P}}), hướng dẫn bổ sung {{.G}}, từ chối {{.F}}.",
		map[string]any{"R": num(t.Received), "D": num(t.Direct), "O": num(t.Online), "P": num(t.Postal), "G": num(t.Guidance), "F": num(t.Refused)}))
	b.WriteString("\n")
	b.WriteString(tr("close.audit", "Chuỗi nhật ký tại lúc ký: mục số {{.S}}, mã {{.H}}… (kiểm tra bằng motcuactl audit verify).", map[string]any{"S": c.AuditSeq, "H": short(c.AuditHash)}))
	if c.Note != "" {
		b.WriteString("\n" + tr("close.noteLine", "Ghi chú chung: {{.N}}", map[string]any{"N": c.Note}))
	}
	s.Record.SetText(b.String())

	rows := []fyne.CanvasObject{s.Record, closeHeader(false)}
	groups := map[string]report.Group{}
	for _, g := range s.dash.ByClerk {
		groups[g.Key] = g
	}
	for _, cc := range c.Clerks {
		label := clerkText(cc.Clerk)
		if n := names[cc.Clerk]; n != "" {
			label = n + " (" + cc.Clerk + ")"
		}
		g := groups[cc.Clerk]
		rec := []int{cc.Records.Received, cc.Records.Guidance, cc.Records.Refused}
		cells := []report.Cell{g.Received, g.Guidance, g.Refused}
		objs := []fyne.CanvasObject{widget.NewLabel(label)}
		for i := range 3 {
			cell, title := cells[i], label+" — "+whatText([]string{"received", "guidance", "refused"}[i])
			objs = append(objs, newLink(num(rec[i]), s.keys, func() { s.drills.show(title, cell) }))
		}
		var diffs []string
		for i, p := range []int{cc.Paper.Received, cc.Paper.Guidance, cc.Paper.Refused} {
			objs = append(objs, widget.NewLabel(num(p)))
			if p != rec[i] {
				diffs = append(diffs, whatText([]string{"received", "guidance", "refused"}[i])+" "+signed(p-rec[i]))
			}
		}
		d := tr("close.matches", "Khớp")
		if len(diffs) > 0 {
			d = strings.Join(diffs, ", ")
		}
		dl := widget.NewLabel(d)
		dl.Wrapping = fyne.TextWrapWord
		if len(diffs) > 0 {
			dl.Importance = widget.WarningImportance
		}
		objs = append(objs, dl)
		rows = append(rows, container.New(&colLayout{widths: closeColumns}, objs...))
		if cc.Note != "" {
			rows = append(rows, kit.Hint(tr("close.clerkNote", "Ghi chú của {{.C}}: {{.N}}", map[string]any{"C": label, "N": cc.Note})))
		}
	}
	if len(c.Clerks) == 0 {
		rows = append(rows, widget.NewLabel(tr("close.noRecords", "Không có hồ sơ, phiếu hướng dẫn hay phiếu từ chối nào trong ngày.")))
	}
	if now := s.dash; now != nil {
		cur := now.Received.N() + now.Guidance.N() + now.Refused.N()
		if atSign := c.Totals.Received + c.Totals.Guidance + c.Totals.Refused; cur != atSign {
			rows = append(rows, errorText(tr("close.changedSince", "Lưu ý: hiện trong hệ thống có {{.N}} bản ghi của ngày này, khác số lúc ký ({{.S}}). Lãnh đạo kiểm tra và điều chỉnh biên bản nếu cần.", map[string]any{"N": num(cur), "S": num(atSign)})))
		}
	}
	rows = append(rows, widget.NewSeparator(), kit.Heading(tr("close.amendments", "Các lần điều chỉnh")))
	if len(c.Amendments) == 0 {
		rows = append(rows, widget.NewLabel(tr("close.noAmendments", "Chưa có lần điều chỉnh nào.")))
	}
	for _, a := range c.Amendments {
		by := a.By
		if n := names[a.By]; n != "" {
			by = n + " (" + a.By + ")"
		}
		var lines []string
		lines = append(lines, tr("close.amendLine", "{{.At}} — {{.U}} — Lý do: {{.R}}", map[string]any{"At": stamp(a.At), "U": by, "R": a.Reason}))
		for _, ch := range a.Changes {
			lines = append(lines, "   • "+changeText(ch, names))
		}
		l := widget.NewLabel(strings.Join(lines, "\n"))
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, l)
	}
	if s.canAmend() {
		rows = append(rows, container.NewHBox(s.Amend))
	}
	rows = append(rows, s.Problems)
	s.body.Objects = rows
	s.body.Refresh()
}

// errorText is a red label showing msg.
func errorText(msg string) *widget.Label {
	l := kit.ErrorLabel()
	kit.SetError(l, msg)
	return l
}

// short is the first 12 hex digits of a hash.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// backup runs the automatic backup off the UI goroutine and says where it
// went.
func (s *closeScreen) backup(reason string) {
	b := s.deps.Backups
	if b == nil {
		setText(s.BackupStatus, tr("close.noBackup", "Chưa cấu hình sao lưu tự động trên máy này."))
		return
	}
	s.BackupRetry.Hide()
	s.backupAct.Show()
	s.backupAct.Start()
	setText(s.BackupStatus, tr("close.backingUp", "Đang sao lưu tự động…"))
	var path, dir string
	var err error
	var keyCopy bool
	s.run.run(func() {
		dir = b.BackupDir()
		path, err = b.AutoBackup(reason)
		keyCopy = hasKeyCopy(path)
	}, func() {
		s.backupAct.Stop()
		s.backupAct.Hide()
		if err != nil {
			fyne.LogError("automatic backup", err)
			setText(s.BackupStatus, backupText(err, dir))
			s.BackupRetry.Show()
			return
		}
		setText(s.BackupStatus, backupDone(path, keyCopy))
	})
}

// backupDone says where a backup went, and warns when it can only be
// restored on this machine.
func backupDone(path string, keyCopy bool) string {
	msg := tr("backup.done", "Đã sao lưu vào: {{.P}}", map[string]any{"P": path})
	if !keyCopy {
		msg += "\n" + tr("backup.noRecovery", "Chú ý: chưa đặt mã khôi phục, nên bản sao lưu này chỉ khôi phục được trên chính máy này. Quản trị viên hãy tạo mã khôi phục (Quản trị → Sao lưu, hoặc motcuactl key recovery).")
	}
	return msg
}

// hasKeyCopy reports whether the recovery copy of the encryption key was
// written next to a backup (wire.Desk.Backup writes it as path + ".key",
// vault.KeyPath, only when a recovery code is set).
func hasKeyCopy(path string) bool {
	if path == "" {
		return false
	}
	_, err := os.Stat(path + ".key")
	return err == nil
}

// onPrint prints the day's tracking book.
func (s *closeScreen) onPrint() {
	if s.deps.PrintBook == nil || s.dash == nil {
		return
	}
	day := s.day
	setText(s.PrintStatus, tr("close.printing", "Đang gửi sổ theo dõi ngày {{.D}} tới máy in…", map[string]any{"D": date(day)}))
	var err error
	s.run.run(func() { err = s.deps.PrintBook(day) }, func() {
		if err != nil {
			setText(s.PrintStatus, tr("close.printFailed", "Chưa in được: {{.E}}", map[string]any{"E": widgets.ErrorText(err)}))
			return
		}
		setText(s.PrintStatus, tr("close.printed", "Đã gửi sổ theo dõi ngày {{.D}} tới máy in.", map[string]any{"D": date(day)}))
	})
}

// exportBook saves the day's tracking book.
func (s *closeScreen) exportBook(format string) {
	if s.deps.ExportBook == nil || s.dash == nil {
		return
	}
	day := s.day
	s.exp.export("so-theo-doi-"+day.Format("20060102")+"."+format, func(ctx context.Context, w io.Writer) error {
		return s.deps.ExportBook(format, day, day, w)
	})
}

// exportDay saves the day's workbook: figures, breakdowns, the list of
// the day's records and the tracking book (report/xlsx WriteDay).
func (s *closeScreen) exportDay() {
	if s.dash == nil {
		return
	}
	src := s.deps.source()
	day, now, names, office, records := s.day, s.deps.now(), s.deps.names(), s.deps.office(), s.deps.Records
	s.exp.export("danh-sach-"+day.Format("20060102")+".xlsx", func(ctx context.Context, w io.Writer) error {
		d, err := report.BuildDashboard(cancelSource{ctx, src}, report.DashboardOptions{From: day, To: day, Now: now, Names: names, Sync: s.deps.syncState(), Records: true})
		if err != nil {
			return err
		}
		var book []report.BookEntry
		if records != nil {
			var ds []*dossier.Dossier
			for _, f := range d.Records {
				if ctx.Err() != nil {
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
