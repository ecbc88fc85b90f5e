package intake

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// Decision options of a checklist row, in key order 1–5 then 0.
const (
	optOriginal = iota
	optCertified
	optCopy
	optPresented
	optNational
	optMissing
)

var optKeys = []rune{'1', '2', '3', '4', '5', '0'}

// checklistStep: one row per component with the clerk's decision (one key
// per row), counts, note and attached scans.
type checklistStep struct {
	items    []dossier.Item
	rows     []*itemRow
	ckList   *fyne.Container
	ckScroll *container.Scroll
	progress *widget.Label
	ckErr    *widget.Label
	// pick overrides the file dialog (tests, and the harness).
	pick func(fn func(path string))
}

// itemRow is the widgets of one component.
type itemRow struct {
	i          int
	box        *fyne.Container
	name       *widget.Label
	badge      *widget.Label
	want       *widget.Label
	decision   *kit.Choice
	originals  *kit.Entry
	certified  *kit.Entry
	copies     *kit.Entry
	note       *widgets.VNEntry
	attach     *kit.Button
	fromFolder *kit.Button
	scans      *widget.Label
	err        *widget.Label
}

func (s *screen) buildChecklist() fyne.CanvasObject {
	s.ckList = container.NewVBox()
	s.progress = widget.NewLabel("")
	s.ckErr = kit.ErrorLabel()
	help := kit.Hint(tr("ck.help", "Mỗi thành phần một phím: 1 bản chính · 2 bản sao chứng thực · 3 bản sao · 4 xuất trình (trả lại ngay) · 5 lấy từ CSDL quốc gia · 0 thiếu. Tab để sửa số bản, ghi chú, đính kèm tệp quét."))
	top := container.NewVBox(kit.Heading(tr("ck.heading", "3. Kiểm tra thành phần hồ sơ")), help, s.progress, s.ckErr)
	s.ckScroll = container.NewVScroll(s.ckList)
	return container.NewBorder(top, nil, nil, nil, s.ckScroll)
}

func (s *screen) resetChecklist() {
	s.items = nil
	s.rows = nil
	s.ckList.Objects = nil
	s.ckList.Refresh()
	kit.SetError(s.ckErr, "")
	s.progress.SetText("")
}

// loadChecklist builds the rows for the chosen procedure and case.
func (s *screen) loadChecklist() {
	s.resetChecklist()
	if s.proc == nil || !s.caseChosen() {
		return
	}
	items, err := desk.Checklist(s.proc, s.caseName)
	if err != nil {
		kit.SetError(s.ckErr, widgets.ErrorText(err))
		return
	}
	s.items = items
	for i := range items {
		r := s.newRow(i)
		s.rows = append(s.rows, r)
		s.ckList.Add(r.box)
	}
	if len(items) == 0 {
		kit.SetError(s.ckErr, tr("ck.empty", "Danh mục không có thành phần hồ sơ cho trường hợp này; không thể tiếp nhận. Báo quản trị viên cập nhật thủ tục."))
	}
	s.ckList.Refresh()
	s.refreshProgress()
}

func (s *screen) newRow(i int) *itemRow {
	it := s.items[i]
	r := &itemRow{i: i}
	r.name = widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, it.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.name.Wrapping = fyne.TextWrapWord
	r.badge = widget.NewLabel("")
	switch {
	case it.Conditional:
		r.badge.SetText(tr("ck.conditional", "◇ Tùy trường hợp"))
		r.badge.Importance = widget.MediumImportance
	case it.MustSubmit:
		r.badge.SetText(tr("ck.must", "■ Bắt buộc nộp"))
		r.badge.Importance = widget.DangerImportance
	case it.PresentOnly:
		r.badge.SetText(tr("ck.present", "◆ Xuất trình"))
		r.badge.Importance = widget.WarningImportance
	default:
		r.badge.SetText(tr("ck.optional", "○ Không bắt buộc"))
		r.badge.Importance = widget.LowImportance
	}
	r.want = kit.Hint(wantText(it))
	last := tr("ck.optMissing", "Thiếu")
	switch {
	case it.Conditional:
		last = tr("ck.optNotCase", "Không thuộc trường hợp")
	case !it.MustSubmit && !it.PresentOnly:
		last = tr("ck.optNA", "Không nộp")
	}
	r.decision = kit.NewChoice([]string{
		tr("ck.optOriginal", "Bản chính"), tr("ck.optCertified", "Sao chứng thực"), tr("ck.optCopy", "Bản sao"),
		tr("ck.optPresented", "Xuất trình"), tr("ck.optNational", "CSDL quốc gia"), last,
	}, s.keys)
	r.decision.SetKeys(optKeys)
	r.decision.Horizontal = true
	r.decision.AutoSubmit = true
	r.decision.OnChanged = func(opt int) { s.decide(i, opt) }
	r.decision.OnSubmit = func() { s.nextRow(i) }
	count := func() *kit.Entry {
		e := s.newEntry()
		e.SetPlaceHolder("0")
		e.OnChanged = func(string) { s.onCounts(i) }
		return e
	}
	r.originals, r.certified, r.copies = count(), count(), count()
	r.note = s.newVN()
	r.note.SetPlaceHolder(tr("ck.notePh", "Ghi chú (tình trạng, số hiệu giấy tờ…)"))
	r.note.OnSubmitted = func(string) { s.nextRow(i) }
	r.attach = kit.NewButton(tr("ck.attach", "Đính kèm tệp…"), "", s.keys, func() { s.onAttachFile(i) })
	r.fromFolder = kit.NewButton(tr("ck.folder", "Từ máy quét…"), "", s.keys, func() { s.onAttachFolder(i) })
	r.scans = kit.Hint("")
	r.scans.Hide()
	r.err = kit.ErrorLabel()
	counts := container.NewHBox(
		widget.NewLabel(tr("ck.originals", "Bản chính")), fixed(r.originals, 56),
		widget.NewLabel(tr("ck.certified", "Sao chứng thực")), fixed(r.certified, 56),
		widget.NewLabel(tr("ck.copies", "Bản sao")), fixed(r.copies, 56),
	)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, r.badge, r.name),
		container.NewBorder(nil, nil, r.decision, nil, r.want),
		kit.Row(counts, r.note, container.NewHBox(r.attach, r.fromFolder)),
		r.scans, r.err,
		widget.NewSeparator(),
	)
	reveal := func() { kit.EnsureVisible(s.ckScroll, r.box) }
	r.decision.OnFocus = reveal
	r.originals.OnFocus, r.certified.OnFocus, r.copies.OnFocus = reveal, reveal, reveal
	return r
}

// fixed gives an entry a fixed width.
func fixed(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// wantText is what the catalog asks for a component.
func wantText(it dossier.Item) string {
	var parts []string
	if it.WantOriginals > 0 {
		parts = append(parts, tr("ck.wantOriginals", "{{.N}} bản chính", map[string]any{"N": it.WantOriginals}))
	}
	if it.WantCopies > 0 {
		parts = append(parts, tr("ck.wantCopies", "{{.N}} bản sao", map[string]any{"N": it.WantCopies}))
	}
	if len(parts) == 0 {
		return tr("ck.wantNone", "Danh mục không ghi số bản.")
	}
	return tr("ck.want", "Danh mục yêu cầu: {{.W}}.", map[string]any{"W": strings.Join(parts, ", ")})
}

// decide applies a decision key to component i.
func (s *screen) decide(i, opt int) {
	it := &s.items[i]
	r := s.rows[i]
	it.Originals, it.CertifiedCopies, it.Copies = 0, 0, 0
	switch opt {
	case -1: // undone (a scanner burst reached the row)
		it.Decision = dossier.DecisionUnset
	case optOriginal:
		it.Decision, it.Originals = dossier.DecisionSubmitted, max(it.WantOriginals, 1)
	case optCertified:
		it.Decision, it.CertifiedCopies = dossier.DecisionSubmitted, max(it.WantCopies, 1)
	case optCopy:
		it.Decision, it.Copies = dossier.DecisionSubmitted, max(it.WantCopies, 1)
	case optPresented:
		it.Decision = dossier.DecisionPresented
	case optNational:
		it.Decision = dossier.DecisionNationalData
	case optMissing:
		it.Decision = dossier.DecisionMissing
		if it.Conditional || (!it.MustSubmit && !it.PresentOnly) {
			it.Decision = dossier.DecisionNotApplicable
		}
	}
	s.setCounts(r, *it)
	kit.SetError(r.err, "")
	s.refreshProgress()
}

// setCounts shows the counts without triggering onCounts.
func (s *screen) setCounts(r *itemRow, it dossier.Item) {
	for _, x := range []struct {
		e *kit.Entry
		n int
	}{{r.originals, it.Originals}, {r.certified, it.CertifiedCopies}, {r.copies, it.Copies}} {
		cb := x.e.OnChanged
		x.e.OnChanged = nil
		if x.n == 0 {
			x.e.SetText("")
		} else {
			x.e.SetText(strconv.Itoa(x.n))
		}
		x.e.OnChanged = cb
	}
}

// onCounts reads edited counts: any count makes the component submitted.
func (s *screen) onCounts(i int) {
	it := &s.items[i]
	r := s.rows[i]
	n := func(e *kit.Entry) (int, bool) {
		t := strings.TrimSpace(e.Text)
		if t == "" {
			return 0, true
		}
		v, err := strconv.Atoi(t)
		return v, err == nil && v >= 0 && v < 1000
	}
	o, ok1 := n(r.originals)
	c, ok2 := n(r.certified)
	p, ok3 := n(r.copies)
	if !ok1 || !ok2 || !ok3 {
		kit.SetError(r.err, tr("ck.countErr", "Số bản phải là số nguyên từ 0 đến 999."))
		return
	}
	kit.SetError(r.err, "")
	it.Originals, it.CertifiedCopies, it.Copies = o, c, p
	if o+c+p > 0 {
		it.Decision = dossier.DecisionSubmitted
		switch {
		case o > 0:
			r.decision.SetSelected(optOriginal)
		case c > 0:
			r.decision.SetSelected(optCertified)
		default:
			r.decision.SetSelected(optCopy)
		}
	}
	s.refreshProgress()
}

// nextRow moves the focus to the next component's decision, or on to the
// Next button after the last.
func (s *screen) nextRow(i int) {
	if i+1 < len(s.rows) {
		s.focus(s.rows[i+1].decision)
		return
	}
	s.focus(s.next)
}

func (s *screen) focusChecklist() {
	for _, r := range s.rows {
		if r.decision.Selected() < 0 {
			s.focus(r.decision)
			return
		}
	}
	if len(s.rows) > 0 {
		s.focus(s.next)
	}
}

// missing returns the names of required components not provided.
func (s *screen) missing() []string {
	var out []string
	for _, it := range s.items {
		if it.Decision != dossier.DecisionUnset && !it.Provided() && (it.MustSubmit || it.PresentOnly) {
			out = append(out, it.Name)
		}
	}
	return out
}

// unchecked counts components without a decision.
func (s *screen) unchecked() int {
	n := 0
	for _, it := range s.items {
		if it.Decision == dossier.DecisionUnset {
			n++
		}
	}
	return n
}

func (s *screen) refreshProgress() {
	if len(s.items) == 0 {
		s.progress.SetText("")
		return
	}
	done := len(s.items) - s.unchecked()
	txt := tr("ck.progress", "Đã kiểm tra {{.D}}/{{.N}} thành phần.", map[string]any{"D": done, "N": len(s.items)})
	if m := len(s.missing()); m > 0 {
		txt += " " + tr("ck.progressMissing", "Thiếu {{.M}} thành phần bắt buộc.", map[string]any{"M": m})
		s.progress.Importance = widget.DangerImportance
	} else if done == len(s.items) {
		txt += " " + tr("ck.progressOK", "Đủ thành phần bắt buộc.")
		s.progress.Importance = widget.SuccessImportance
	} else {
		s.progress.Importance = widget.MediumImportance
	}
	s.progress.SetText(txt)
}

// onAttachFile attaches a scan chosen from disk.
func (s *screen) onAttachFile(i int) {
	if s.pick != nil {
		s.pick(func(p string) { s.attach(i, p) })
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			return
		}
		p := rc.URI().Path()
		rc.Close()
		s.attach(i, p)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".pdf", ".jpg", ".jpeg", ".png", ".PDF", ".JPG", ".JPEG", ".PNG"}))
	if dir := s.scanFolder(); dir != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
			d.SetLocation(l)
		}
	}
	d.Show()
}

func (s *screen) scanFolder() string {
	if sess := s.session(); sess != nil {
		return sess.Desk.ScanFolder
	}
	return ""
}

// onAttachFolder offers the scanner folder's files, newest first.
func (s *screen) onAttachFolder(i int) {
	dir := s.scanFolder()
	if dir == "" {
		kit.SetError(s.rows[i].err, tr("ck.noFolder", "Quầy chưa khai báo thư mục máy quét (Quản trị → Quầy). Dùng “Đính kèm tệp…”."))
		return
	}
	files, err := desk.FolderFiles(dir)
	if err != nil {
		kit.SetError(s.rows[i].err, tr("ck.folderErr", "Không đọc được thư mục máy quét {{.D}}.", map[string]any{"D": dir}))
		return
	}
	if len(files) == 0 {
		kit.SetError(s.rows[i].err, tr("ck.folderEmpty", "Thư mục máy quét chưa có tệp PDF, JPG hoặc PNG nào."))
		return
	}
	s.showFolderPicker(i, files)
}

// showFolderPicker lists up to 9 newest files; a digit or Enter attaches.
func (s *screen) showFolderPicker(i int, files []string) {
	if len(files) > 9 {
		files = files[:9]
	}
	opts := make([]string, len(files))
	for j, f := range files {
		opts[j] = filepath.Base(f)
		if st, err := osStat(f); err == nil {
			opts[j] += "  (" + st.ModTime().In(time.Local).Format("15:04 02/01") + ")"
		}
	}
	c := kit.NewChoice(opts, s.keys)
	c.SetSelected(0)
	var d dialog.Dialog
	attach := func() {
		if j := c.Selected(); j >= 0 {
			d.Hide()
			s.attach(i, files[j])
		}
	}
	c.OnSubmit = attach
	d = dialog.NewCustomConfirm(tr("ck.folderTitle", "Tệp mới nhất trong thư mục máy quét"), tr("ck.folderAttach", "Đính kèm"),
		widgets.X("common.cancel", "Hủy"), c, func(ok bool) {
			if ok {
				attach()
			}
		}, s.win)
	s.showModal(d)
	s.win.Canvas().Focus(c)
}

// attach stores a scan and adds it to component i.
func (s *screen) attach(i int, path string) {
	r := s.rows[i]
	var sc dossier.Scan
	var err error
	s.run(func() { sc, err = s.deps.Scans.Attach(path) }, func() {
		if i >= len(s.items) || s.rows[i] != r {
			return // the checklist was rebuilt meanwhile
		}
		if err != nil {
			kit.SetError(r.err, widgets.ErrorText(err))
			return
		}
		kit.SetError(r.err, "")
		s.items[i].Scans = append(s.items[i].Scans, sc)
		s.refreshScans(i)
	})
}

func (s *screen) refreshScans(i int) {
	var names []string
	for _, sc := range s.items[i].Scans {
		names = append(names, fmt.Sprintf("%s (%d KB)", sc.Name, (sc.Size+1023)/1024))
	}
	if len(names) == 0 {
		s.rows[i].scans.SetText("")
		s.rows[i].scans.Hide()
		return
	}
	s.rows[i].scans.Show()
	s.rows[i].scans.SetText(tr("ck.scans", "Tệp quét: {{.F}}", map[string]any{"F": strings.Join(names, ", ")}))
}

// checklistItems returns the items with notes read from the rows.
func (s *screen) checklistItems() []dossier.Item {
	out := make([]dossier.Item, len(s.items))
	for i, it := range s.items {
		it.Note = strings.TrimSpace(s.rows[i].note.Text)
		it.Scans = append([]dossier.Scan(nil), it.Scans...)
		out[i] = it
	}
	return out
}
