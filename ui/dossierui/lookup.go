package dossierui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/cccd"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
	"motcua/vntext"
)

// maxResults bounds a lookup.
const maxResults = 200

// Screen is the dossier screen: three tabs — the lookup (F3: a dossier
// code, an ID number or tax code, a name (diacritic-insensitive), a phone
// number or a scanned receipt; recent dossiers; filters; the detail of the
// chosen dossier with its timeline and actions), the batch transfer, and
// the tracking book.
type Screen struct {
	*lookup
	tabs  *container.AppTabs
	batch *BatchTransfer
	book  *Book
}

type lookup struct {
	runner
	deps Deps
	win  fyne.Window
	keys *kit.Keys

	query     *kit.Entry
	searched  string
	status    *widget.Select
	date      *kit.Entry
	proc      *kit.Entry
	dueToday  *widget.Check
	overdue   *widget.Check
	info      *widget.Label
	list      *widget.List
	all       []*dossier.Dossier
	shown     []*dossier.Dossier
	hl        int
	filterErr *widget.Label

	cur    *dossier.Dossier
	detail *fyne.Container
	msg    *widget.Label
	root   fyne.CanvasObject

	act *actionForm
}

// New builds the dossier screen for window w.
func New(w fyne.Window, deps Deps) *Screen {
	l := &lookup{deps: deps, win: w, keys: kit.NewKeys()}
	l.build()
	s := &Screen{lookup: l, batch: NewBatchTransfer(w, deps), book: NewBook(w, deps)}
	s.tabs = container.NewAppTabs(
		container.NewTabItem(tr("tab.lookup", "Tra cứu (F3)"), l.root),
		container.NewTabItem(tr("tab.batch", "Chuyển hồ sơ theo lô"), s.batch.Content()),
		container.NewTabItem(tr("tab.book", "Sổ theo dõi hồ sơ"), s.book.Content()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.Focus() }
	return s
}

// setInline runs the work of all tabs on the caller's goroutine (tests).
func (s *Screen) setInline() {
	s.inline, s.batch.inline, s.book.inline = true, true, true
}

// setWindow sets the window of all tabs (tests build the screen first).
func (s *Screen) setWindow(w fyne.Window) { s.win, s.batch.win, s.book.win = w, w, w }

// Title is the screen's name for the shell's navigation.
func (s *Screen) Title() string { return tr("lookup.title", "Tra cứu hồ sơ") }

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.tabs }

// Focus installs the shortcuts of the open tab and puts the cursor where
// the clerk types next; the lookup loads the recent dossiers the first
// time.
func (s *Screen) Focus() {
	switch s.tabs.SelectedIndex() {
	case 1:
		s.batch.Focus()
		return
	case 2:
		s.book.Focus()
		return
	}
	s.keys.Install(s.win.Canvas())
	if s.all == nil && s.searched == "" {
		s.search("")
	}
	s.focus(s.query)
}

// Reset clears the lookup.
func (s *Screen) Reset() {
	s.query.SetText("")
	s.date.SetText("")
	s.proc.SetText("")
	s.status.SetSelectedIndex(0)
	s.dueToday.SetChecked(false)
	s.overdue.SetChecked(false)
	s.showDossier(nil)
	s.search("")
}

// HandleScan opens the dossier of a scanned receipt QR (or looks the text
// up when it is a code), or finds the dossiers of a scanned ID card, in
// the lookup tab.
func (s *Screen) HandleScan(payload string) bool {
	kind, _ := desk.ClassifyQuery(payload)
	if kind != desk.QueryReceipt && kind != desk.QueryCode && !cccd.IsLikelyCCCD(payload) {
		return false
	}
	if s.tabs.SelectedIndex() != 0 {
		s.tabs.SelectIndex(0)
	}
	return s.handleScan(payload)
}

// handleScan opens a scanned receipt, or looks up the dossiers of a
// scanned ID card (CCCD QR, domain.md §5) by its ID number.
func (s *lookup) handleScan(payload string) bool {
	if cccd.IsLikelyCCCD(payload) {
		card, err := cccd.Parse(payload)
		if err != nil {
			s.info.SetText(tr("lookup.badCard", "Không đọc được mã QR trên thẻ CCCD: quét lại hoặc gõ số định danh."))
			return true
		}
		s.query.SetText(card.ID)
		s.search(card.ID)
		return true
	}
	kind, _ := desk.ClassifyQuery(payload)
	if kind != desk.QueryReceipt && kind != desk.QueryCode {
		return false
	}
	s.query.SetText(strings.TrimSpace(payload))
	s.search(payload)
	return true
}

// HandleKey takes Esc and the F-keys while the screen is shown; F3 opens
// the lookup tab from any tab.
func (s *Screen) HandleKey(ev *fyne.KeyEvent) bool {
	if ev.Name == fyne.KeyF3 && s.tabs.SelectedIndex() != 0 {
		s.tabs.SelectIndex(0)
	}
	switch s.tabs.SelectedIndex() {
	case 1:
		return s.batch.HandleKey(ev)
	case 2:
		return s.book.HandleKey(ev)
	}
	return s.keys.HandleKey(ev)
}

// Open looks up a dossier by code and shows it in the lookup tab.
func (s *Screen) Open(code string) {
	if s.tabs.SelectedIndex() != 0 {
		s.tabs.SelectIndex(0)
	}
	s.query.SetText(code)
	s.search(code)
}

// OpenAction opens the dialog of action k for the dossier shown, when its
// status allows it (as the detail's buttons do); false otherwise.
func (s *Screen) OpenAction(k dossier.EventKind) bool {
	if s.cur == nil {
		return false
	}
	kinds, _ := Offered(s.cur, s.deps.now())
	for _, x := range kinds {
		if x == k {
			s.openAction(k)
			return true
		}
	}
	return false
}

// Current returns the dossier shown in the detail (nil when none).
func (s *Screen) Current() *dossier.Dossier { return s.cur }

func (s *lookup) build() {
	s.keys.Key(fyne.KeyF3, func() { s.query.SetText(""); s.focus(s.query) })
	s.keys.Key(fyne.KeyEscape, s.onEscape)
	s.keys.Shortcut(fyne.KeyS, s.onSave)
	s.keys.Shortcut(fyne.KeyF, func() { s.focus(s.query) })
	s.keys.Scan = s.handleScan

	s.query = kit.NewEntry(s.keys)
	s.query.SetPlaceHolder(tr("lookup.placeholder", "F3 – mã hồ sơ, số CCCD/MST, họ tên, số điện thoại, hoặc quét giấy tiếp nhận"))
	s.query.OnSubmitted = func(t string) { s.onEnter(t) }
	s.query.OnKey = s.onQueryKey
	opts := []string{tr("filter.all", "Mọi trạng thái"), tr("status.guidance", "Phiếu hướng dẫn bổ sung (chưa tiếp nhận)")}
	for st := dossier.StatusSubmitted; st <= dossier.MaxStatus; st++ {
		opts = append(opts, st.String()+" – "+st.Vietnamese())
	}
	s.status = widget.NewSelect(opts, func(string) { s.applyFilters() })
	s.status.SetSelectedIndex(0)
	s.date = kit.NewEntry(s.keys)
	s.date.SetPlaceHolder(tr("filter.date", "Ngày nhận dd/mm/yyyy"))
	s.date.OnSubmitted = func(string) { s.onDate() }
	s.proc = kit.NewEntry(s.keys)
	s.proc.SetPlaceHolder(tr("filter.proc", "Thủ tục: mã hoặc tên"))
	s.proc.OnChanged = func(string) { s.applyFilters() }
	s.dueToday = widget.NewCheck(tr("filter.dueToday", "Đến hạn hôm nay"), func(bool) { s.applyFilters() })
	s.overdue = widget.NewCheck(tr("filter.overdue", "Quá hạn"), func(bool) { s.applyFilters() })
	s.info = widget.NewLabel("")
	s.filterErr = kit.ErrorLabel()
	s.list = widget.NewList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
			code := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
			st := widget.NewLabel("")
			who := widget.NewLabel("")
			who.Truncation = fyne.TextTruncateEllipsis
			due := widget.NewLabel("")
			return container.NewStack(bg, container.NewVBox(container.NewBorder(nil, nil, code, nil, st), who, due))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(s.shown) {
				return
			}
			d := s.shown[id]
			stack := o.(*fyne.Container)
			bg := stack.Objects[0].(*canvas.Rectangle)
			box := stack.Objects[1].(*fyne.Container)
			head := box.Objects[0].(*fyne.Container)
			var code, st *widget.Label
			for _, x := range head.Objects {
				l := x.(*widget.Label)
				if l.TextStyle.Monospace {
					code = l
				} else {
					st = l
				}
			}
			code.SetText(label(d))
			st.SetText(statusText(d))
			box.Objects[1].(*widget.Label).SetText(ownerName(d) + " · " + d.Procedure.Name)
			dl := box.Objects[2].(*widget.Label)
			txt, imp := dueText(d, s.deps.now())
			dl.Importance = imp
			dl.SetText(txt)
			if id == s.hl {
				bg.FillColor = theme.Color(theme.ColorNameSelection)
			} else {
				bg.FillColor = theme.Color(theme.ColorNameBackground)
			}
			bg.Refresh()
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		s.list.UnselectAll()
		if id >= 0 && id < len(s.shown) {
			s.hl = id
			s.list.Refresh()
			s.showDossier(s.shown[id])
		}
	}
	filters := container.NewGridWithColumns(2, s.status, s.date, s.proc, container.NewHBox(s.dueToday, s.overdue))
	left := container.NewBorder(
		container.NewVBox(s.query, filters, s.filterErr, s.info),
		nil, nil, nil, s.list)
	s.msg = widget.NewLabel("")
	s.msg.Wrapping = fyne.TextWrapWord
	s.msg.Hide()
	s.detail = container.NewVBox()
	right := container.NewBorder(s.msg, nil, nil, nil, container.NewVScroll(s.detail))
	split := container.NewHSplit(left, right)
	split.Offset = 0.42
	s.root = split
	s.showDossier(nil)
}

func (s *lookup) onEscape() {
	if s.act != nil {
		s.closeAction()
		return
	}
	s.focus(s.query)
}

func (s *lookup) onSave() {
	if s.act != nil {
		s.confirmAction()
	}
}

// onEnter searches, or opens the highlighted result when the text was
// already searched; an empty box reloads the recent dossiers.
func (s *lookup) onEnter(t string) {
	if t = strings.TrimSpace(t); t != "" && t == s.searched && len(s.shown) > 0 {
		s.showDossier(s.shown[s.hl])
		return
	}
	s.search(t)
}

func (s *lookup) onQueryKey(ev *fyne.KeyEvent) bool {
	move := 0
	switch ev.Name {
	case fyne.KeyDown:
		move = 1
	case fyne.KeyUp:
		move = -1
	default:
		return false
	}
	if len(s.shown) == 0 {
		return true
	}
	s.hl = max(0, min(len(s.shown)-1, s.hl+move))
	s.list.Refresh()
	s.list.ScrollTo(s.hl)
	s.showDossier(s.shown[s.hl])
	return true
}

// search runs desk.Lookup off the UI goroutine; a code or receipt that
// finds one dossier opens it.
func (s *lookup) search(text string) {
	text = strings.TrimSpace(text)
	s.searched = text
	if s.deps.Finder == nil {
		return
	}
	s.info.SetText(tr("lookup.searching", "Đang tìm…"))
	var kind desk.QueryKind
	var ds []*dossier.Dossier
	var err error
	s.run(func() { kind, ds, err = desk.Lookup(s.deps.Finder, text, maxResults) }, func() {
		if s.searched != text {
			return // a newer search replaced this one
		}
		if err != nil {
			s.info.SetText(widgets.ErrorText(err))
			return
		}
		s.setResults(ds)
		switch {
		case kind == desk.QueryRecent:
			s.info.SetText(tr("lookup.recent", "{{.N}} hồ sơ gần đây nhất.", map[string]any{"N": len(ds)}))
		case len(ds) == 0:
			s.info.SetText(tr("lookup.none", "Không tìm thấy hồ sơ nào với “{{.Q}}” ({{.K}}).", map[string]any{"Q": text, "K": kindText(kind)}))
		default:
			s.info.SetText(tr("lookup.found", "Tìm theo {{.K}}: {{.N}} hồ sơ.", map[string]any{"K": kindText(kind), "N": len(ds)}))
		}
		if (kind == desk.QueryCode || kind == desk.QueryReceipt) && len(ds) == 1 {
			s.showDossier(ds[0])
		}
	})
}

func kindText(k desk.QueryKind) string {
	switch k {
	case desk.QueryCode:
		return tr("kind.code", "mã hồ sơ")
	case desk.QueryReceipt:
		return tr("kind.receipt", "mã QR giấy tiếp nhận")
	case desk.QueryID:
		return tr("kind.id", "số định danh, CMND hoặc mã số thuế")
	case desk.QueryPhone:
		return tr("kind.phone", "số điện thoại")
	case desk.QueryName:
		return tr("kind.name", "họ tên (không phân biệt dấu)")
	}
	return tr("kind.recent", "hồ sơ gần đây")
}

// onDate loads the day's dossiers when the lookup box is empty, otherwise
// filters the results.
func (s *lookup) onDate() {
	t := strings.TrimSpace(s.date.Text)
	kit.SetError(s.filterErr, "")
	if t == "" {
		s.applyFilters()
		return
	}
	day, err := kit.ParseDate(t)
	if err != nil {
		kit.SetError(s.filterErr, tr("filter.dateErr", "Ngày nhập theo dạng ngày/tháng/năm, ví dụ 03/11/2025."))
		return
	}
	if strings.TrimSpace(s.query.Text) != "" || s.deps.ListDay == nil {
		s.applyFilters()
		return
	}
	var ds []*dossier.Dossier
	s.searched = ""
	s.run(func() { ds, err = s.deps.ListDay(day, 5000) }, func() {
		if err != nil {
			s.info.SetText(widgets.ErrorText(err))
			return
		}
		s.setResults(ds)
		s.info.SetText(tr("lookup.day", "{{.N}} hồ sơ nhận ngày {{.D}}.", map[string]any{"N": len(ds), "D": kit.Date(day)}))
	})
}

func (s *lookup) setResults(ds []*dossier.Dossier) {
	s.all = ds
	if s.all == nil {
		s.all = []*dossier.Dossier{}
	}
	s.applyFilters()
}

// applyFilters narrows the loaded results by status, receipt day,
// procedure and due state.
func (s *lookup) applyFilters() {
	if s.list == nil {
		return
	}
	var day time.Time
	if t := strings.TrimSpace(s.date.Text); t != "" {
		if d, err := kit.ParseDate(t); err == nil {
			day = d
		}
	}
	pq := vntext.Fold(strings.TrimSpace(s.proc.Text))
	now := s.deps.now()
	si := s.status.SelectedIndex()
	s.shown = s.shown[:0]
	for _, d := range s.all {
		switch {
		case si == 1 && d.Kind != dossier.KindGuidance:
			continue
		case si > 1 && (d.Kind == dossier.KindGuidance || int(d.Status) != si-1):
			continue
		case !day.IsZero() && !dossier.Day(d.ReceivedAt).Equal(day):
			continue
		case pq != "" && !strings.Contains(vntext.Fold(d.Procedure.Code+" "+d.Procedure.Name), pq):
			continue
		}
		due := DueState(d, now)
		if s.dueToday.Checked || s.overdue.Checked {
			if !(s.dueToday.Checked && due == DueToday) && !(s.overdue.Checked && due == DueOverdue) {
				continue
			}
		}
		s.shown = append(s.shown, d)
	}
	s.hl = 0
	s.list.Refresh()
	s.list.ScrollToTop()
}

// replace puts an updated dossier into the results and the detail.
func (s *lookup) replace(d *dossier.Dossier) {
	for i, x := range s.all {
		if x.ID == d.ID {
			s.all[i] = d
		}
	}
	for i, x := range s.shown {
		if x.ID == d.ID {
			s.shown[i] = d
		}
	}
	s.list.Refresh()
	s.showDossier(d)
}

// setMsg shows the outcome of the last action above the detail.
func (s *lookup) setMsg(msg string, imp widget.Importance) {
	s.msg.Importance = imp
	s.msg.SetText(msg)
	if msg == "" {
		s.msg.Hide()
	} else {
		s.msg.Show()
	}
}

func (s *lookup) session() *desk.Session {
	if s.deps.Session == nil {
		return nil
	}
	return s.deps.Session()
}
