package supervisor

import (
	"fmt"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"motcua/dossier"
	"motcua/report"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// drillPage is how many dossiers a drill-down list loads at a time.
const drillPage = 50

// drillRow is one dossier of a drill-down list.
type drillRow struct {
	code, status, received, appointment, owner string
	failed                                     bool
}

// Drill is the list of the dossiers behind one number: code, status,
// receipt, appointment and owner, loaded page by page off the UI
// goroutine as the list scrolls. Selecting a dossier (click, or Enter on
// the focused row) opens it in the dossier screen.
type Drill struct {
	deps *Deps
	run  *runner
	keys *kit.Keys

	Title string
	IDs   []uint64

	Info *widget.Label
	List *drillList
	root fyne.CanvasObject

	mu      sync.Mutex
	pages   map[int][]drillRow
	loading map[int]bool
	// opened is called after a dossier was handed to OpenDossier (the
	// dialog closes).
	opened func()
}

func newDrill(deps *Deps, run *runner, keys *kit.Keys, title string, c report.Cell) *Drill {
	d := &Drill{deps: deps, run: run, keys: keys, Title: title, IDs: c.IDs, pages: map[int][]drillRow{}, loading: map[int]bool{}}
	d.build()
	return d
}

// drillColumns are the list's column widths; the last column takes the
// rest.
var drillColumns = []float32{245, 215, 155, 155, 220}

func (d *Drill) build() {
	n := len(d.IDs)
	hint := tr("drill.hint", "Chọn một hồ sơ (nhấn chuột, hoặc Enter trên dòng đang chọn) để mở trong màn hình Tra cứu hồ sơ. Esc: đóng.")
	if d.deps.OpenDossier == nil {
		hint = tr("drill.hintNoOpen", "Danh sách chỉ để xem. Esc: đóng.")
	}
	d.Info = widget.NewLabel(tr("drill.count", "{{.N}} hồ sơ.", map[string]any{"N": num(n)}) + " " + hint)
	d.Info.Wrapping = fyne.TextWrapWord
	if d.deps.Records == nil && n > 0 {
		d.Info.SetText(tr("drill.noRecords", "{{.N}} hồ sơ. Không đọc được chi tiết hồ sơ trên máy này.", map[string]any{"N": num(n)}))
	}
	head := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	header := container.New(&colLayout{widths: drillColumns},
		head(tr("drill.code", "Mã hồ sơ")), head(tr("drill.status", "Trạng thái")),
		head(tr("drill.received", "Tiếp nhận")), head(tr("drill.appointment", "Hẹn trả")), head(tr("drill.owner", "Chủ hồ sơ")))
	d.List = newDrillList(d.keys)
	d.List.Length = func() int { return n }
	d.List.CreateItem = func() fyne.CanvasObject {
		cells := make([]fyne.CanvasObject, len(drillColumns))
		for i := range cells {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			cells[i] = l
		}
		return container.New(&colLayout{widths: drillColumns}, cells...)
	}
	d.List.UpdateItem = func(i widget.ListItemID, o fyne.CanvasObject) {
		row, ok := d.row(i)
		cells := o.(*fyne.Container).Objects
		if !ok {
			for k, c := range cells {
				s := ""
				if k == 0 {
					s = tr("drill.loading", "Đang tải…")
				}
				c.(*widget.Label).SetText(s)
			}
			return
		}
		for k, s := range []string{row.code, row.status, row.received, row.appointment, row.owner} {
			cells[k].(*widget.Label).SetText(s)
		}
	}
	d.List.OnSelected = func(i widget.ListItemID) {
		d.List.Unselect(i)
		d.openRow(i)
	}
	d.root = container.NewBorder(container.NewVBox(d.Info, header, widget.NewSeparator()), nil, nil, nil, d.List)
}

// Content is the list with its heading.
func (d *Drill) Content() fyne.CanvasObject { return d.root }

// row returns row i when its page is loaded, and starts loading it
// otherwise.
func (d *Drill) row(i int) (drillRow, bool) {
	p := i / drillPage
	d.mu.Lock()
	rows, ok := d.pages[p]
	if !ok && !d.loading[p] && d.deps.Records != nil {
		d.loading[p] = true
		d.mu.Unlock()
		d.load(p)
		d.mu.Lock()
		rows, ok = d.pages[p]
	}
	d.mu.Unlock()
	if !ok || i-p*drillPage >= len(rows) {
		return drillRow{}, false
	}
	return rows[i-p*drillPage], true
}

// load reads page p of the dossiers off the UI goroutine.
func (d *Drill) load(p int) {
	lo := p * drillPage
	hi := min(lo+drillPage, len(d.IDs))
	ids := d.IDs[lo:hi]
	var rows []drillRow
	d.run.run(func() {
		rows = make([]drillRow, 0, len(ids))
		for _, id := range ids {
			x, err := d.deps.Records.DossierByID(id)
			if err != nil {
				fyne.LogError(fmt.Sprintf("drill-down: dossier %d", id), err)
				rows = append(rows, drillRow{code: fmt.Sprintf("#%d", id), status: widgets.ErrorText(err), failed: true})
				continue
			}
			rows = append(rows, rowOf(x))
		}
	}, func() {
		d.mu.Lock()
		d.pages[p] = rows
		delete(d.loading, p)
		d.mu.Unlock()
		for i := lo; i < hi; i++ {
			d.List.RefreshItem(i)
		}
	})
}

// rowOf describes a dossier for the list.
func rowOf(x *dossier.Dossier) drillRow {
	r := drillRow{code: string(x.Code), received: stamp(x.ReceivedAt), appointment: stamp(x.Appointment), owner: x.OwnerParty().Name}
	switch {
	case x.Kind == dossier.KindGuidance:
		r.code = x.GuidanceNo
		r.status = tr("drill.guidance", "Hướng dẫn bổ sung (chưa tiếp nhận)")
	default:
		r.status = fmt.Sprintf("%d – %s", x.Status, x.Status.Vietnamese())
	}
	return r
}

// openRow opens dossier i in the dossier screen.
func (d *Drill) openRow(i int) {
	row, ok := d.row(i)
	if !ok || row.failed || d.deps.OpenDossier == nil {
		return
	}
	d.deps.OpenDossier(row.code)
	if d.opened != nil {
		d.opened()
	}
}

// Codes returns the codes of the loaded rows in list order (tests).
func (d *Drill) Codes() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []string
	for p := 0; p*drillPage < len(d.IDs); p++ {
		rows, ok := d.pages[p]
		if !ok {
			break
		}
		for _, r := range rows {
			out = append(out, r.code)
		}
	}
	return out
}

// drillHost shows the drill-down lists of a screen in a dialog over its
// window. The screen binds Esc to escape.
type drillHost struct {
	win  fyne.Window
	deps *Deps
	run  *runner
	keys *kit.Keys
	dlg  dialog.Dialog
	// Last is the list shown last (tests read it).
	Last *Drill
}

// show opens the drill-down list of c.
func (h *drillHost) show(title string, c report.Cell) *Drill {
	d := newDrill(h.deps, h.run, h.keys, title, c)
	h.Last = d
	if h.win == nil {
		return d
	}
	if h.dlg != nil {
		h.dlg.Hide()
	}
	dlg := dialog.NewCustom(title, tr("drill.close", "Đóng (Esc)"), d.Content(), h.win)
	h.dlg = dlg
	dlg.SetOnClosed(func() {
		if h.dlg == dlg {
			h.dlg = nil
		}
	})
	d.opened = dlg.Hide
	cs := h.win.Canvas().Size()
	dlg.Resize(fyne.NewSize(min(1100, max(cs.Width-40, 600)), min(620, max(cs.Height-40, 400))))
	dlg.Show()
	if len(d.IDs) > 0 {
		h.win.Canvas().Focus(d.List)
	}
	return d
}

// escape closes the list shown; false when none is.
func (h *drillHost) escape() bool {
	if h.dlg == nil {
		return false
	}
	h.dlg.Hide()
	return true
}

// drillList is a widget.List that also selects the focused row on Enter
// and passes Esc and shortcuts to the screen.
type drillList struct {
	widget.List
	keys *kit.Keys
}

func newDrillList(keys *kit.Keys) *drillList {
	l := &drillList{keys: keys}
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey selects on Enter; Esc and F-keys go to the screen.
func (l *drillList) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		l.List.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
		return
	case fyne.KeyUp, fyne.KeyDown, fyne.KeySpace:
		l.List.TypedKey(ev)
		return
	}
	kit.Forward(l, l.keys, ev)
}

// colLayout lays objects out in a row with fixed widths; the last one
// takes what is left (at least its width).
type colLayout struct{ widths []float32 }

func (c *colLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		ms := o.MinSize()
		if i < len(c.widths) {
			w += c.widths[i]
		} else {
			w += ms.Width
		}
		h = max(h, ms.Height)
	}
	return fyne.NewSize(w, h)
}

func (c *colLayout) Layout(objs []fyne.CanvasObject, s fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := o.MinSize().Width
		if i < len(c.widths) {
			w = c.widths[i]
		}
		if i == len(objs)-1 {
			w = max(w, s.Width-x)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, s.Height))
		x += w
	}
}
