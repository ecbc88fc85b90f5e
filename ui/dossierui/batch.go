package dossierui

import (
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// maxBatch bounds the received dossiers listed for a batch transfer.
const maxBatch = 1000

// BatchTransfer is the screen that transfers many received dossiers to a
// handling department at once and prints their control slips (form 06).
// Paper received after 15:00 is flagged: it goes at the start of the next
// working day (Decree 118 art. 18; dossier.Dossier.TransferDue).
type BatchTransfer struct{ *batch }

type batch struct {
	runner
	deps Deps
	win  fyne.Window
	keys *kit.Keys

	dept     *widgets.VNEntry
	deptErr  *widget.Label
	list     *widget.List
	rows     []*dossier.Dossier
	sel      map[uint64]bool
	info     *widget.Label
	result   *widget.Label
	transfer *kit.Button
	busy     bool
	root     fyne.CanvasObject
}

// NewBatchTransfer builds the batch transfer screen for window w.
func NewBatchTransfer(w fyne.Window, deps Deps) *BatchTransfer {
	b := &batch{deps: deps, win: w, keys: kit.NewKeys(), sel: map[uint64]bool{}}
	b.build()
	return &BatchTransfer{b}
}

// Title is the screen's name.
func (b *BatchTransfer) Title() string { return tr("batch.title", "Chuyển hồ sơ theo lô") }

// Content returns the screen's root object.
func (b *BatchTransfer) Content() fyne.CanvasObject { return b.root }

// Focus installs the shortcuts, reloads the received dossiers and puts the
// cursor in the department field.
func (b *BatchTransfer) Focus() {
	b.keys.Install(b.win.Canvas())
	b.load()
	b.focus(b.dept)
}

// Reset clears the selection and reloads.
func (b *BatchTransfer) Reset() {
	b.sel = map[uint64]bool{}
	b.result.SetText("")
	b.load()
}

// HandleKey takes Esc and the F-keys while the screen is shown.
func (b *BatchTransfer) HandleKey(ev *fyne.KeyEvent) bool { return b.keys.HandleKey(ev) }

func (b *batch) build() {
	b.keys.Shortcut(fyne.KeyS, b.onTransfer)
	b.keys.Shortcut(fyne.KeyA, b.selectAll)
	b.dept = kit.NewVN(b.deps.Typing, false, nil)
	b.dept.SetPlaceHolder(tr("batch.deptPh", "Cơ quan, bộ phận nhận hồ sơ, ví dụ: Phòng Tư pháp"))
	b.dept.OnSubmitted = func(string) { b.focus(b.list) }
	b.deptErr = kit.ErrorLabel()
	b.info = widget.NewLabel("")
	b.info.Wrapping = fyne.TextWrapWord
	b.result = widget.NewLabel("")
	b.result.Wrapping = fyne.TextWrapWord
	b.list = widget.NewList(
		func() int { return len(b.rows) },
		func() fyne.CanvasObject {
			mark := widget.NewLabelWithStyle("☐", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head := widget.NewLabel("")
			head.Truncation = fyne.TextTruncateEllipsis
			flag := widget.NewLabel("")
			return container.NewBorder(nil, nil, mark, nil, container.NewVBox(head, flag))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(b.rows) {
				return
			}
			d := b.rows[id]
			c := o.(*fyne.Container)
			var mark *widget.Label
			var box *fyne.Container
			for _, x := range c.Objects {
				switch v := x.(type) {
				case *widget.Label:
					mark = v
				case *fyne.Container:
					box = v
				}
			}
			if b.sel[d.ID] {
				mark.SetText("☑")
			} else {
				mark.SetText("☐")
			}
			box.Objects[0].(*widget.Label).SetText(label(d) + " · " + ownerName(d) + " · " + d.Procedure.Name)
			txt, imp := transferText(d, b.deps.now())
			fl := box.Objects[1].(*widget.Label)
			fl.Importance = imp
			fl.SetText(txt)
		})
	b.list.OnSelected = func(id widget.ListItemID) {
		b.list.UnselectAll()
		b.toggle(id)
	}
	b.transfer = kit.NewButton(tr("batch.transfer", "Chuyển và in phiếu kiểm soát"), "Ctrl+S", b.keys, b.onTransfer)
	b.transfer.Importance = widget.HighImportance
	due := kit.NewButton(tr("batch.selectDue", "Chọn hồ sơ phải chuyển hôm nay"), "", b.keys, b.selectDue)
	all := kit.NewButton(tr("batch.selectAll", "Chọn tất cả"), "Ctrl+A", b.keys, b.selectAll)
	none := kit.NewButton(tr("batch.selectNone", "Bỏ chọn"), "", b.keys, func() { b.sel = map[uint64]bool{}; b.refresh() })
	help := kit.Hint(tr("batch.help", "Danh sách hồ sơ đã tiếp nhận, chưa chuyển. ↑/↓ và phím cách để chọn. Hồ sơ giấy nhận sau 15 giờ chuyển sáng ngày làm việc tiếp theo (Nghị định 118/2025, Điều 18)."))
	top := container.NewVBox(
		kit.Heading(tr("batch.heading", "Chuyển hồ sơ đến cơ quan giải quyết")), help,
		container.NewBorder(nil, nil, widget.NewLabel(tr("batch.dept", "Chuyển đến *")), nil, b.dept), b.deptErr,
		container.NewHBox(due, all, none), b.info,
	)
	bottom := container.NewVBox(container.NewHBox(b.transfer), b.result)
	b.root = container.NewBorder(top, bottom, nil, nil, b.list)
}

// transferText says when the paper must go, with the 15:00 flag.
func transferText(d *dossier.Dossier, now time.Time) (string, widget.Importance) {
	recv := tr("batch.received", "Nhận {{.T}}", map[string]any{"T": kit.Short(d.ReceivedAt)})
	if d.TransferDue.IsZero() {
		return recv + " · " + tr("batch.online", "hồ sơ điện tử: chuyển ngay trên hệ thống"), widget.LowImportance
	}
	if transferNextDay(d) {
		return recv + " · " + tr("batch.nextDay", "⏰ chuyển sáng ngày làm việc tiếp theo (trước {{.T}})", map[string]any{"T": kit.Short(d.TransferDue)}), widget.WarningImportance
	}
	if now.After(d.TransferDue) {
		return recv + " · " + tr("batch.late", "⚠ quá giờ chuyển ({{.T}})", map[string]any{"T": kit.Short(d.TransferDue)}), widget.DangerImportance
	}
	return recv + " · " + tr("batch.today", "chuyển trong ngày, trước {{.T}}", map[string]any{"T": kit.Short(d.TransferDue)}), widget.MediumImportance
}

// load lists the received dossiers, earliest transfer first.
func (b *batch) load() {
	if b.deps.ByStatus == nil {
		b.info.SetText(tr("batch.noSource", "Chưa cấu hình danh sách hồ sơ theo trạng thái."))
		return
	}
	var ds []*dossier.Dossier
	var err error
	b.run(func() { ds, err = b.deps.ByStatus(dossier.StatusReceived, maxBatch) }, func() {
		if err != nil {
			b.info.SetText(widgets.ErrorText(err))
			return
		}
		sort.SliceStable(ds, func(i, j int) bool {
			ti, tj := ds[i].TransferDue, ds[j].TransferDue
			if ti.Equal(tj) {
				return ds[i].ReceivedAt.Before(ds[j].ReceivedAt)
			}
			if ti.IsZero() || tj.IsZero() {
				return !ti.IsZero()
			}
			return ti.Before(tj)
		})
		b.rows = ds
		keep := map[uint64]bool{}
		for _, d := range ds {
			if b.sel[d.ID] {
				keep[d.ID] = true
			}
		}
		b.sel = keep
		if b.dept.Text == "" && len(ds) > 0 {
			b.dept.SetText(ds[0].Procedure.Agency)
		}
		b.refresh()
	})
}

func (b *batch) refresh() {
	n := 0
	for _, v := range b.sel {
		if v {
			n++
		}
	}
	b.info.SetText(tr("batch.count", "{{.N}} hồ sơ chờ chuyển, đã chọn {{.S}}.", map[string]any{"N": len(b.rows), "S": n}))
	b.list.Refresh()
}

func (b *batch) toggle(id int) {
	if id < 0 || id >= len(b.rows) {
		return
	}
	d := b.rows[id]
	b.sel[d.ID] = !b.sel[d.ID]
	b.refresh()
}

func (b *batch) selectAll() {
	for _, d := range b.rows {
		b.sel[d.ID] = true
	}
	b.refresh()
}

// selectDue selects the dossiers whose paper must go today (not those
// received after the cut-off, which go tomorrow morning).
func (b *batch) selectDue() {
	now := b.deps.now()
	end := dossier.Day(now).AddDate(0, 0, 1)
	for _, d := range b.rows {
		if !d.TransferDue.IsZero() && d.TransferDue.Before(end) {
			b.sel[d.ID] = true
		}
	}
	b.refresh()
}

// onTransfer transfers the selected dossiers one by one (each in its own
// store transaction), prints a control slip for each, and reports the
// ones the rules refused with the reason.
func (b *batch) onTransfer() {
	if b.busy {
		return
	}
	dept := strings.TrimSpace(b.dept.Text)
	kit.SetError(b.deptErr, "")
	if dept == "" {
		kit.SetError(b.deptErr, tr("batch.deptErr", "Nhập cơ quan, bộ phận nhận hồ sơ."))
		b.focus(b.dept)
		return
	}
	var chosen []*dossier.Dossier
	for _, d := range b.rows {
		if b.sel[d.ID] {
			chosen = append(chosen, d)
		}
	}
	if len(chosen) == 0 {
		b.result.Importance = widget.DangerImportance
		b.result.SetText(tr("batch.noneSelected", "Chưa chọn hồ sơ nào (↑/↓ và phím cách, hoặc “Chọn hồ sơ phải chuyển hôm nay”)."))
		return
	}
	var sess *desk.Session
	if b.deps.Session != nil {
		sess = b.deps.Session()
	}
	if sess == nil || b.deps.Service == nil {
		b.result.SetText(tr("a.session", "Phiên làm việc đã hết: đăng nhập lại."))
		return
	}
	b.busy = true
	b.transfer.Disable()
	type outcome struct {
		d     *dossier.Dossier
		err   error
		print error
	}
	var out []outcome
	slip, hasSlip := formNumber(sess, FormControl)
	b.run(func() {
		for _, d := range chosen {
			nd, err := b.deps.Service.Transition(sess, label(d), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: dept})
			o := outcome{d: d, err: err}
			if err == nil {
				o.d = nd
				if b.deps.Forms != nil && hasSlip {
					o.print = b.deps.Forms.Print(nd, slip, false)
				}
			}
			out = append(out, o)
		}
	}, func() {
		b.busy = false
		b.transfer.Enable()
		ok := 0
		var lines []string
		for _, o := range out {
			switch {
			case o.err != nil:
				lines = append(lines, tr("batch.failed", "{{.C}}: không chuyển được – {{.E}}", map[string]any{"C": label(o.d), "E": widgets.ErrorText(o.err)}))
			case o.print != nil:
				ok++
				lines = append(lines, tr("batch.printFailed", "{{.C}}: đã chuyển, chưa in được phiếu kiểm soát – {{.E}}", map[string]any{"C": label(o.d), "E": widgets.ErrorText(o.print)}))
			default:
				ok++
			}
		}
		head := tr("batch.done", "Đã chuyển {{.N}}/{{.T}} hồ sơ đến {{.D}} và in phiếu kiểm soát (mẫu 06).", map[string]any{"N": ok, "T": len(out), "D": dept})
		b.result.Importance = widget.SuccessImportance
		if len(lines) > 0 {
			b.result.Importance = widget.DangerImportance
		}
		b.result.SetText(strings.Join(append([]string{head}, lines...), "\n"))
		for _, o := range out {
			if o.err == nil {
				delete(b.sel, o.d.ID)
			}
		}
		b.load()
	})
}
