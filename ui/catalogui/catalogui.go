// Package catalogui is the catalog browser of the desk app: search as you
// type over the procedure catalog (catalog.Index: case- and
// diacritic-insensitive word prefixes, codes), filters by field, level and
// agency, and the detail of a procedure: components per case, time limit
// and fees per channel, legal basis. Enter on a result starts an intake
// with that procedure.
package catalogui

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/catalog"
	"motcua/ui/widgets"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err)
	}
}

func tr(key, vi string, data ...any) string { return widgets.X("catalog."+key, vi, data...) }

// MaxResults bounds the result list (the clerk narrows the query instead
// of scrolling through thousands).
const MaxResults = 300

// Config is what the browser needs.
type Config struct {
	Window fyne.Window
	Index  *catalog.Index
	Typing *widgets.Typing
	// OnStartIntake starts an intake with the procedure (nil: the button
	// is hidden, e.g. for roles that do not receive dossiers).
	OnStartIntake func(p *catalog.Procedure)
}

// Screen is the catalog browser.
type Screen struct {
	cfg  Config
	hits []catalog.Hit
	sel  int
	root fyne.CanvasObject

	Search  *widgets.VNEntry
	Field   *widget.Select
	Level   *widget.Select
	Agency  *widgets.VNEntry
	Count   *widget.Label
	List    *widget.List
	Detail  *fyne.Container
	Start   *widget.Button
	scroll  *container.Scroll
	fields  []catalog.Field
	current *catalog.Procedure
}

var levels = []catalog.Level{"", catalog.LevelMinistry, catalog.LevelProvince, catalog.LevelDistrict, catalog.LevelCommune, catalog.LevelOther}

// LevelName returns the Vietnamese name of a level.
func LevelName(l catalog.Level) string {
	switch l {
	case catalog.LevelMinistry:
		return tr("level.ministry", "Cấp bộ")
	case catalog.LevelProvince:
		return tr("level.province", "Cấp tỉnh")
	case catalog.LevelDistrict:
		return tr("level.district", "Cấp huyện")
	case catalog.LevelCommune:
		return tr("level.commune", "Cấp xã")
	case catalog.LevelOther:
		return tr("level.other", "Cơ quan khác")
	}
	return tr("level.all", "Mọi cấp")
}

// New builds the browser.
func New(cfg Config) *Screen {
	s := &Screen{cfg: cfg, sel: -1}
	s.root = s.build()
	s.search()
	return s
}

// Title is the screen's heading.
func (s *Screen) Title() string { return tr("title", "Thủ tục hành chính") }

// Content returns the screen.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Focus puts the cursor in the search box.
func (s *Screen) Focus() { s.cfg.Window.Canvas().Focus(s.Search) }

// Hits returns the current results.
func (s *Screen) Hits() []catalog.Hit { return s.hits }

// Current returns the procedure shown in the detail pane (nil: none).
func (s *Screen) Current() *catalog.Procedure { return s.current }

func (s *Screen) build() fyne.CanvasObject {
	s.Search = widgets.NewVNEntry(s.cfg.Typing)
	s.Search.SetPlaceHolder(tr("search.ph", "Tìm theo tên hoặc mã thủ tục, ví dụ: đăng ký khai sinh, 1.001193"))
	s.Search.OnChanged = func(string) { s.search() }
	s.Search.OnSubmitted = func(string) { s.onEnter() }
	s.Search.OnKey = s.onSearchKey

	s.fields = s.cfg.Index.Fields()
	fieldNames := []string{tr("field.all", "Mọi lĩnh vực")}
	for _, f := range s.fields {
		fieldNames = append(fieldNames, f.Name)
	}
	s.Field = widget.NewSelect(fieldNames, func(string) { s.search() })
	s.Field.SetSelectedIndex(0)
	levelNames := make([]string, len(levels))
	for i, l := range levels {
		levelNames[i] = LevelName(l)
	}
	s.Level = widget.NewSelect(levelNames, func(string) { s.search() })
	s.Level.SetSelectedIndex(0)
	s.Agency = widgets.NewVNEntry(s.cfg.Typing)
	s.Agency.SetPlaceHolder(tr("agency.ph", "Cơ quan thực hiện"))
	s.Agency.OnChanged = func(string) { s.search() }
	s.Count = widget.NewLabel("")
	s.Count.Importance = widget.LowImportance

	s.List = widget.NewList(
		func() int { return len(s.hits) },
		func() fyne.CanvasObject {
			code := widget.NewLabel("")
			code.TextStyle = fyne.TextStyle{Bold: true}
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("")
			info.SizeName = theme.SizeNameCaptionText
			info.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, code, nil, container.NewVBox(name, info))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := s.hits[i].Procedure
			c := o.(*fyne.Container)
			box := c.Objects[0].(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(p.Name)
			box.Objects[1].(*widget.Label).SetText(summaryLine(p))
			c.Objects[1].(*widget.Label).SetText(p.Code)
		})
	s.List.OnSelected = func(i widget.ListItemID) {
		widgets.NoteActivity()
		s.sel = i
		s.show(s.hits[i].Procedure)
	}

	s.Detail = container.NewVBox()
	s.scroll = container.NewVScroll(container.NewPadded(s.Detail))
	s.Start = widget.NewButtonWithIcon(tr("start", "Tiếp nhận hồ sơ thủ tục này (Enter)"), theme.NavigateNextIcon(), s.onStart)
	s.Start.Importance = widget.HighImportance
	s.Start.Disable()
	if s.cfg.OnStartIntake == nil {
		s.Start.Hide()
	}

	filters := container.NewGridWithColumns(3, s.Field, s.Level, s.Agency)
	top := container.NewVBox(s.Search, filters, s.Count)
	left := container.NewBorder(top, nil, nil, nil, s.List)
	right := container.NewBorder(nil, container.NewHBox(s.Start), nil, nil, s.scroll)
	split := container.NewHSplit(left, right)
	split.Offset = 0.45
	return split
}

// filter returns the filter the pickers describe.
func (s *Screen) filter() catalog.Filter {
	var f catalog.Filter
	if i := s.Field.SelectedIndex(); i > 0 && i-1 < len(s.fields) {
		f.Field = s.fields[i-1].Code
		if f.Field == "" {
			f.Field = s.fields[i-1].Name
		}
	}
	if i := s.Level.SelectedIndex(); i > 0 {
		f.Level = levels[i]
	}
	f.Agency = strings.TrimSpace(s.Agency.Text)
	return f
}

// search runs the query (the index answers in about a millisecond, so it
// runs on every keystroke).
func (s *Screen) search() {
	if s.List == nil || s.Field == nil || s.Level == nil || s.Agency == nil {
		return // still building
	}
	s.hits = s.cfg.Index.Search(s.Search.Text, s.filter(), MaxResults)
	s.List.UnselectAll()
	s.List.Refresh()
	s.List.ScrollToTop()
	s.sel = -1
	switch n := len(s.hits); {
	case n == 0:
		s.Count.SetText(tr("count.none", "Không tìm thấy thủ tục nào. Thử bớt từ, hoặc bỏ bộ lọc."))
	case n >= MaxResults:
		s.Count.SetText(tr("count.many", "Hơn {{.N}} thủ tục; gõ thêm để thu hẹp.", map[string]int{"N": MaxResults}))
	default:
		s.Count.SetText(tr("count", "{{.N}} thủ tục", map[string]int{"N": n}))
	}
	if len(s.hits) > 0 && strings.TrimSpace(s.Search.Text) != "" {
		s.List.Select(0)
	} else {
		s.show(nil)
	}
}

// onSearchKey moves the selection with Up/Down from the search box.
func (s *Screen) onSearchKey(ev *fyne.KeyEvent) bool {
	switch ev.Name {
	case fyne.KeyDown:
		if s.sel+1 < len(s.hits) {
			s.List.Select(s.sel + 1)
		}
		return true
	case fyne.KeyUp:
		if s.sel > 0 {
			s.List.Select(s.sel - 1)
		}
		return true
	}
	return false
}

// onEnter starts an intake with the selected procedure.
func (s *Screen) onEnter() {
	if s.sel < 0 && len(s.hits) > 0 {
		s.List.Select(0)
	}
	s.onStart()
}

func (s *Screen) onStart() {
	widgets.NoteActivity()
	if s.current == nil || s.cfg.OnStartIntake == nil {
		return
	}
	if s.current.ListOnly {
		return
	}
	s.cfg.OnStartIntake(s.current)
}

func summaryLine(p *catalog.Procedure) string {
	var parts []string
	if p.Field.Name != "" {
		parts = append(parts, p.Field.Name)
	}
	var ls []string
	for _, l := range p.Levels {
		ls = append(ls, LevelName(l))
	}
	if len(ls) > 0 {
		parts = append(parts, strings.Join(ls, ", "))
	}
	if p.ListOnly {
		parts = append(parts, tr("listonly.short", "chỉ có tên trong danh sách"))
	}
	return strings.Join(parts, " · ")
}

// TimeText formats a processing time limit in Vietnamese.
func TimeText(t catalog.Time) string {
	v := strconv.FormatFloat(t.Value, 'f', -1, 64)
	v = strings.Replace(v, ".", ",", 1)
	var s string
	switch t.Unit {
	case catalog.UnitWorkingDays:
		s = v + " " + tr("unit.workdays", "ngày làm việc")
	case catalog.UnitDays:
		s = v + " " + tr("unit.days", "ngày")
	case catalog.UnitHours:
		s = v + " " + tr("unit.hours", "giờ làm việc")
	case catalog.UnitMonths:
		s = v + " " + tr("unit.months", "tháng")
	case catalog.UnitNone:
		s = tr("unit.none", "Không quy định thời hạn")
	default:
		if t.Text != "" {
			return tr("unit.unparsed", "“{{.T}}” (danh mục không ghi rõ đơn vị thời gian)", map[string]string{"T": t.Text})
		}
		return tr("unit.unknown", "Không rõ (danh mục không ghi)")
	}
	if t.Text != "" && t.Text != s {
		s += " — " + t.Text
	}
	return s
}

// FeeText formats a fee.
func FeeText(f catalog.Fee) string {
	if f.Text != "" {
		return f.Text
	}
	switch {
	case f.Amount == 0:
		return tr("fee.free", "Miễn phí")
	case f.Amount > 0:
		return Money(f.Amount) + " " + tr("fee.vnd", "đồng")
	}
	return tr("fee.unknown", "Không rõ")
}

// Money formats an amount with dots: 1.500.000.
func Money(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// CopiesText says how many originals and copies a component needs.
func CopiesText(c catalog.Component) string {
	var parts []string
	if c.Originals > 0 {
		parts = append(parts, tr("copies.orig", "{{.N}} bản chính", map[string]int{"N": c.Originals}))
	}
	if c.Copies > 0 {
		parts = append(parts, tr("copies.copy", "{{.N}} bản sao", map[string]int{"N": c.Copies}))
	}
	if len(parts) == 0 {
		return tr("copies.none", "số bản không ghi")
	}
	return strings.Join(parts, ", ")
}

// show fills the detail pane.
func (s *Screen) show(p *catalog.Procedure) {
	s.current = p
	s.Detail.RemoveAll()
	if p == nil {
		s.Start.Disable()
		hint := widget.NewLabel(tr("detail.hint", "Gõ tên hoặc mã thủ tục vào ô tìm kiếm. Dùng phím ↑ ↓ để chọn, Enter để tiếp nhận hồ sơ của thủ tục đã chọn."))
		hint.Wrapping = fyne.TextWrapWord
		s.Detail.Add(hint)
		s.Detail.Refresh()
		return
	}
	if p.ListOnly {
		s.Start.Disable()
	} else {
		s.Start.Enable()
	}
	add := func(o fyne.CanvasObject) { s.Detail.Add(o) }
	label := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	heading := func(text string) {
		l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		add(l)
	}
	title := widget.NewLabelWithStyle(p.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	title.SizeName = theme.SizeNameSubHeadingText
	add(title)
	info := []string{tr("detail.code", "Mã: {{.C}}", map[string]string{"C": p.Code})}
	if sum := summaryLine(p); sum != "" {
		info = append(info, sum)
	}
	add(label(strings.Join(info, " · ")))
	if p.ListOnly {
		l := label(tr("detail.listonly", "Thủ tục này mới chỉ có tên trong danh sách thủ tục (chưa có thành phần hồ sơ, thời hạn, phí). Quản trị viên cần nhập đầy đủ thủ tục từ Cơ sở dữ liệu quốc gia trước khi tiếp nhận."))
		l.Importance = widget.WarningImportance
		add(l)
	}
	if ag := agencyText(p); ag != "" {
		add(label(tr("detail.agencies", "Cơ quan thực hiện: {{.A}}", map[string]string{"A": ag})))
	}

	if len(p.Channels) > 0 {
		heading(tr("detail.channels", "Cách thức nộp, thời hạn và phí"))
		for _, ch := range p.Channels {
			name := widget.NewLabelWithStyle(channelName(ch.Method), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			line := tr("detail.time", "Thời hạn giải quyết: {{.T}}", map[string]string{"T": TimeText(ch.Time)})
			var fees []string
			for _, f := range ch.Fees {
				fees = append(fees, FeeText(f))
			}
			if len(fees) > 0 {
				line += "\n" + tr("detail.fees", "Phí, lệ phí: {{.F}}", map[string]string{"F": strings.Join(fees, "; ")})
			}
			if ch.Description != "" {
				line += "\n" + ch.Description
			}
			add(container.NewVBox(name, label(line)))
		}
	}

	if len(p.Cases) > 0 {
		heading(tr("detail.components", "Thành phần hồ sơ"))
		for _, c := range p.Cases {
			if c.Name != "" || len(p.Cases) > 1 {
				name := c.Name
				if name == "" {
					name = tr("detail.defaultcase", "Trường hợp chung")
				}
				cl := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Italic: true})
				cl.Wrapping = fyne.TextWrapWord
				add(cl)
			}
			for i, comp := range c.Components {
				add(componentRow(i+1, comp))
			}
			for _, n := range c.Notes {
				l := label(tr("detail.note", "Lưu ý: {{.N}}", map[string]string{"N": n}))
				l.Importance = widget.LowImportance
				add(l)
			}
		}
	}

	if len(p.Results) > 0 {
		heading(tr("detail.results", "Kết quả"))
		var rs []string
		for _, r := range p.Results {
			rs = append(rs, "• "+r.Name)
		}
		add(label(strings.Join(rs, "\n")))
	}
	if p.Conditions != "" {
		heading(tr("detail.conditions", "Yêu cầu, điều kiện"))
		add(label(p.Conditions))
	}
	if len(p.LegalBasis) > 0 {
		heading(tr("detail.legal", "Căn cứ pháp lý"))
		var ls []string
		for _, d := range p.LegalBasis {
			line := "• " + strings.TrimSpace(d.Number+" "+d.Title)
			if d.Date != "" {
				line += " (" + d.Date + ")"
			}
			ls = append(ls, line)
		}
		add(label(strings.Join(ls, "\n")))
	}
	if p.Version.Hash != "" {
		v := label(tr("detail.version", "Phiên bản danh mục: {{.H}}", map[string]string{"H": shortHash(p.Version.Hash)}))
		v.Importance = widget.LowImportance
		add(v)
	}
	s.Detail.Refresh()
	s.scroll.ScrollToTop()
}

func shortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

func channelName(m catalog.Method) string {
	switch m {
	case catalog.MethodDirect:
		return tr("channel.direct", "Trực tiếp")
	case catalog.MethodOnline:
		return tr("channel.online", "Trực tuyến")
	case catalog.MethodPostal:
		return tr("channel.postal", "Dịch vụ bưu chính")
	}
	return tr("channel.unknown", "Cách thức khác")
}

func agencyText(p *catalog.Procedure) string {
	var names []string
	seen := map[string]bool{}
	for _, a := range append(append([]catalog.Agency(nil), p.Agencies.Executing...), p.Agencies.Competent...) {
		if a.Name != "" && !seen[a.Name] {
			seen[a.Name] = true
			names = append(names, a.Name)
		}
	}
	return strings.Join(names, "; ")
}

// componentRow shows one component: number, name, copies, and whether it
// is handed in or only shown.
func componentRow(n int, c catalog.Component) fyne.CanvasObject {
	name := widget.NewLabel(fmt.Sprintf("%d. %s", n, strings.TrimLeft(c.Name, "-+•* ")))
	name.Wrapping = fyne.TextWrapWord
	kind := tr("comp.submit", "Nộp")
	imp := widget.HighImportance
	if !c.MustSubmit {
		kind = tr("comp.present", "Chỉ xuất trình")
		imp = widget.MediumImportance
	}
	if c.Optional {
		kind += " · " + tr("comp.optional", "không bắt buộc")
	}
	meta := widget.NewLabel(kind + " · " + CopiesText(c))
	meta.Importance = imp
	meta.SizeName = theme.SizeNameCaptionText
	meta.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{name, meta}
	if c.Template != "" {
		t := widget.NewLabel(tr("comp.template", "Mẫu: {{.T}}", map[string]string{"T": strings.ReplaceAll(c.Template, "\n", "; ")}))
		t.Importance = widget.LowImportance
		t.SizeName = theme.SizeNameCaptionText
		t.Wrapping = fyne.TextWrapWord
		objs = append(objs, t)
	}
	return container.NewVBox(objs...)
}

// SetQuery types a query into the search box (the results follow).
func (s *Screen) SetQuery(q string) { s.Search.SetText(q) }
