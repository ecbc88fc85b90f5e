package intake

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
	"motcua/workday"
)

// channelStep: channel (1/2/3), catalog row when a channel has several,
// case (trường hợp) when the procedure has several, the time limit and fees
// from the catalog, and the clerk's time limit when the catalog's has no
// readable unit (desk.IntakeRequest.TimeLimit/LimitReason: never guessed).
type channelStep struct {
	channel     *kit.Choice
	rowChoice   *kit.Choice
	rowBox      *fyne.Container
	chRows      []int // catalog channel indices of the chosen method
	caseChoice  *kit.Choice
	caseBox     *fyne.Container
	caseName    string
	returnBy    *kit.Choice
	procInfo    *widget.Label
	limitInfo   *widget.Label
	feeInfo     *widget.Label
	adjust      *kit.Button
	adjusting   bool
	limitBox    *fyne.Container
	limitHint   *widget.Label
	unit        *kit.Choice
	limitNum    *kit.Entry
	limitReason *widgets.VNEntry
	unitErr     *widget.Label
	numErr      *widget.Label
	reasonErr   *widget.Label
	chErr       *widget.Label
}

// units offered when the clerk sets the time limit, in Choice order.
var units = []workday.Unit{workday.WorkingDays, workday.Days, workday.Hours, workday.Months, workday.SameDay, workday.NoLimit}

func unitNames() []string {
	return []string{
		tr("unit.workingDays", "Ngày làm việc"),
		tr("unit.days", "Ngày (kể cả ngày nghỉ)"),
		tr("unit.hours", "Giờ làm việc"),
		tr("unit.months", "Tháng"),
		tr("unit.sameDay", "Trong ngày (sau 15 giờ: ngày làm việc tiếp theo)"),
		tr("unit.none", "Không quy định thời hạn"),
	}
}

func (s *screen) buildChannel() fyne.CanvasObject {
	s.channel = kit.NewChoice([]string{
		dossier.ChannelDirect.Vietnamese(), dossier.ChannelOnline.Vietnamese(), dossier.ChannelPostal.Vietnamese(),
	}, s.keys)
	s.channel.OnChanged = func(int) { s.onChannel() }
	s.channel.OnSubmit = s.advanceChannel
	s.rowChoice = kit.NewChoice(nil, s.keys)
	s.rowChoice.OnChanged = func(int) { s.refreshLimit() }
	s.rowChoice.OnSubmit = s.advanceChannel
	s.rowBox = container.NewVBox(kit.Heading(tr("ch.row", "Danh mục có nhiều thời hạn cho cách nộp này: chọn dòng phù hợp")), s.rowChoice)
	s.caseChoice = kit.NewChoice(nil, s.keys)
	s.caseChoice.OnChanged = func(i int) { s.onCase(i) }
	s.caseChoice.OnSubmit = s.advanceChannel
	s.caseBox = container.NewVBox(kit.Heading(tr("ch.case", "Trường hợp *")), s.caseChoice)
	s.returnBy = kit.NewChoice([]string{tr("ch.returnCounter", "Tại quầy"), tr("ch.returnPost", "Qua bưu chính công ích")}, s.keys)
	s.returnBy.Horizontal = true
	s.returnBy.OnSubmit = s.advanceChannel
	s.procInfo = widget.NewLabel("")
	s.procInfo.Wrapping = fyne.TextWrapWord
	s.limitInfo = widget.NewLabel("")
	s.limitInfo.Wrapping = fyne.TextWrapWord
	s.feeInfo = widget.NewLabel("")
	s.feeInfo.Wrapping = fyne.TextWrapWord
	s.chErr = kit.ErrorLabel()

	s.adjust = kit.NewButton(tr("ch.adjust", "Điều chỉnh thời hạn…"), "", s.keys, func() {
		s.adjusting = !s.adjusting
		s.refreshLimit()
		if s.adjusting {
			s.focus(s.unit)
		}
	})
	s.unit = kit.NewChoice(unitNames(), s.keys)
	s.unit.OnChanged = func(int) { s.refreshLimitFields() }
	s.unit.OnSubmit = s.advanceChannel
	s.limitNum = s.newEntry()
	s.limitNum.SetPlaceHolder(tr("ch.limitNum", "Số, ví dụ 5 hoặc 0,5"))
	s.limitNum.OnChanged = func(string) { s.refreshSummary() }
	s.limitNum.OnSubmitted = func(string) { s.advanceChannel() }
	s.limitReason = s.newVN()
	s.limitReason.SetPlaceHolder(tr("ch.limitReasonPh", "Căn cứ: văn bản, điều khoản quy định thời hạn"))
	s.limitReason.OnSubmitted = func(string) { s.advanceChannel() }
	s.unitErr, s.numErr, s.reasonErr = kit.ErrorLabel(), kit.ErrorLabel(), kit.ErrorLabel()
	s.limitHint = widget.NewLabel("")
	s.limitHint.Wrapping = fyne.TextWrapWord
	s.limitHint.Importance = widget.WarningImportance
	s.limitBox = container.NewVBox(
		s.limitHint,
		kit.Heading(tr("ch.unit", "Đơn vị thời hạn *")), s.unit, s.unitErr,
		container.NewBorder(nil, nil, widget.NewLabel(tr("ch.value", "Số lượng *")), nil, s.limitNum), s.numErr,
		container.NewBorder(nil, nil, widget.NewLabel(tr("ch.basis", "Căn cứ *")), nil, s.limitReason), s.reasonErr,
	)

	left := container.NewVBox(
		kit.Heading(tr("ch.heading", "2. Cách thức nộp (phím 1, 2, 3)")), s.channel,
		s.rowBox, s.caseBox,
		kit.Heading(tr("ch.returnBy", "Nơi nhận kết quả")), s.returnBy,
		s.chErr,
	)
	right := container.NewVBox(
		kit.Heading(tr("ch.info", "Thông tin từ danh mục")),
		s.procInfo, s.limitInfo, s.feeInfo, container.NewHBox(s.adjust), s.limitBox,
	)
	return container.NewVScroll(container.NewGridWithColumns(2, left, right))
}

func (s *screen) resetChannel() {
	s.channel.SetSelected(0)
	s.returnBy.SetSelected(0)
	s.caseChoice.SetOptions(nil)
	s.caseName = ""
	s.rowChoice.SetOptions(nil)
	s.chRows = nil
	s.adjusting = false
	s.unit.SetSelected(-1)
	s.limitNum.SetText("")
	s.limitReason.SetText("")
	for _, l := range []*widget.Label{s.unitErr, s.numErr, s.reasonErr, s.chErr} {
		kit.SetError(l, "")
	}
	s.refreshLimit()
}

// loadChannel fills the step from a newly chosen procedure.
func (s *screen) loadChannel() {
	p := s.proc
	s.resetChannel()
	var cases []string
	def := -1
	for i, c := range p.Cases {
		name := c.Name
		if name == "" {
			name = tr("ch.defaultCase", "Trường hợp chung")
			def = i
		}
		cases = append(cases, name)
	}
	if len(p.Cases) > 1 {
		s.caseChoice.SetOptions(cases)
		if len(cases) > 9 {
			s.caseChoice.SetKeys(nil)
		}
		s.caseChoice.SetSelected(def)
		s.caseBox.Show()
	} else {
		s.caseBox.Hide()
	}
	if def >= 0 || len(p.Cases) == 1 {
		s.caseName = ""
		if len(p.Cases) == 1 {
			s.caseName = p.Cases[0].Name
		}
	}
	// The first channel the catalog publishes, direct if available.
	sel := 0
	for _, want := range []catalog.Method{catalog.MethodDirect, catalog.MethodPostal, catalog.MethodOnline} {
		if hasMethod(p, want) {
			sel = int(want) - 1
			break
		}
	}
	s.channel.SetSelected(sel)
	var agencies []string
	for _, a := range p.Agencies.All() {
		agencies = append(agencies, a.Name)
	}
	info := p.Code + " – " + p.Name
	if lv := levelText(p); lv != "" {
		info += "\n" + tr("ch.level", "Cấp thực hiện: {{.L}}", map[string]any{"L": lv})
	}
	if p.Field.Name != "" {
		info += "\n" + tr("ch.field", "Lĩnh vực: {{.F}}", map[string]any{"F": p.Field.Name})
	}
	if len(agencies) > 0 {
		info += "\n" + tr("ch.agency", "Cơ quan: {{.A}}", map[string]any{"A": strings.Join(dedupe(agencies), "; ")})
	}
	s.procInfo.SetText(info)
	s.onChannel()
	s.loadChecklist()
}

func dedupe(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range in {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func hasMethod(p *catalog.Procedure, m catalog.Method) bool {
	for _, c := range p.Channels {
		if c.Method == m {
			return true
		}
	}
	return false
}

// channelValue is the chosen channel.
func (s *screen) channelValue() dossier.Channel {
	if i := s.channel.Selected(); i >= 0 {
		return dossier.Channel(i + 1)
	}
	return 0
}

// rowValue is the catalog row of the chosen channel (nil when none).
func (s *screen) rowValue() *catalog.Channel {
	if s.proc == nil || len(s.chRows) == 0 {
		return nil
	}
	i := 0
	if j := s.rowChoice.Selected(); j >= 0 && j < len(s.chRows) {
		i = j
	}
	return &s.proc.Channels[s.chRows[i]]
}

// rowIndex is the desk.IntakeRequest.ChannelRow value.
func (s *screen) rowIndex() *int {
	if len(s.chRows) > 1 {
		if j := s.rowChoice.Selected(); j >= 0 && j < len(s.chRows) {
			v := s.chRows[j]
			return &v
		}
	}
	return nil
}

func (s *screen) onChannel() {
	s.chRows = nil
	if s.proc != nil {
		for i, c := range s.proc.Channels {
			if int(c.Method) == int(s.channelValue()) {
				s.chRows = append(s.chRows, i)
			}
		}
	}
	if len(s.chRows) > 1 {
		opts := make([]string, len(s.chRows))
		for j, i := range s.chRows {
			c := s.proc.Channels[i]
			opts[j] = timeText(c.Time)
			if d := strings.TrimSpace(c.Description); d != "" {
				opts[j] += " – " + shorten(d, 160)
			}
		}
		s.rowChoice.SetOptions(opts)
		s.rowChoice.SetSelected(0)
		s.rowBox.Show()
	} else {
		s.rowChoice.SetOptions(nil)
		s.rowBox.Hide()
	}
	kit.SetError(s.chErr, "")
	s.refreshLimit()
	s.loadFees()
	s.refreshSummary()
}

func (s *screen) onCase(i int) {
	if s.proc == nil || i < 0 || i >= len(s.proc.Cases) {
		return
	}
	s.caseName = s.proc.Cases[i].Name
	kit.SetError(s.chErr, "")
	s.loadChecklist()
	s.refreshSummary()
}

// caseChosen reports whether the case is settled.
func (s *screen) caseChosen() bool {
	return s.proc != nil && (len(s.proc.Cases) <= 1 || s.caseChoice.Selected() >= 0)
}

func timeText(t catalog.Time) string {
	if t.Unit != catalog.UnitUnparsed {
		l, err := desk.Limit(&catalog.Channel{Time: t})
		if err == nil {
			txt := kit.LimitText(l)
			if t.Text != "" && t.Unit != catalog.UnitNone {
				txt += " (“" + t.Text + "”)"
			}
			return txt
		}
	}
	if t.Text != "" {
		return "“" + t.Text + "”"
	}
	return tr("ch.noTime", "không ghi")
}

func shorten(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

// limitNeeded reports whether the clerk must give the time limit: the
// catalog's has no readable unit, or the clerk chose to adjust it.
func (s *screen) limitNeeded() bool {
	if s.proc == nil {
		return false
	}
	if s.adjusting {
		return true
	}
	_, err := desk.Limit(s.rowValue())
	return err != nil
}

// refreshLimit shows the catalog time and the clerk's fields when needed.
func (s *screen) refreshLimit() {
	row := s.rowValue()
	switch {
	case s.proc == nil:
		s.limitInfo.SetText("")
	case row == nil:
		s.limitInfo.SetText(tr("ch.noRow", "Danh mục không công bố thời hạn, phí cho cách nộp này."))
	default:
		s.limitInfo.SetText(tr("ch.limit", "Thời hạn giải quyết: {{.T}}", map[string]any{"T": timeText(row.Time)}))
	}
	s.feeInfo.SetText(feeText(row))
	_, catErr := desk.Limit(row)
	if s.proc != nil && s.limitNeeded() {
		if catErr != nil {
			txt := tr("ch.limitUnknown", "Danh mục không ghi rõ đơn vị thời hạn ({{.T}}). Chọn đơn vị theo văn bản quy định và ghi căn cứ; không được tự đoán.",
				map[string]any{"T": timeText(safeTime(row))})
			s.limitHint.SetText(txt)
			s.adjust.Hide()
		} else {
			s.limitHint.SetText(tr("ch.limitAdjust", "Thời hạn khác danh mục phải ghi căn cứ; thời hạn này in trên Giấy tiếp nhận."))
			s.adjust.Show()
			s.adjust.SetText(tr("ch.adjustOff", "Dùng thời hạn theo danh mục"))
		}
		s.limitBox.Show()
	} else {
		s.limitBox.Hide()
		s.adjust.SetText(tr("ch.adjust", "Điều chỉnh thời hạn…"))
		if s.proc != nil {
			s.adjust.Show()
		} else {
			s.adjust.Hide()
		}
	}
	s.refreshLimitFields()
	s.refreshSummary()
}

// feeText lists the fees of a catalog row as published.
func feeText(row *catalog.Channel) string {
	if row == nil {
		return ""
	}
	if len(row.Fees) == 0 {
		return tr("ch.noFees", "Phí, lệ phí: danh mục không ghi.")
	}
	var parts []string
	for _, f := range row.Fees {
		switch {
		case f.Amount == 0:
			parts = append(parts, tr("ch.free", "miễn phí"))
		case f.Amount > 0:
			p := kit.Money(f.Amount)
			if f.Text != "" {
				p += " – " + shorten(f.Text, 200)
			}
			parts = append(parts, p)
		default:
			parts = append(parts, shorten(f.Text, 200))
		}
	}
	return tr("ch.fees", "Phí, lệ phí: {{.F}}", map[string]any{"F": strings.Join(parts, "; ")})
}

func safeTime(c *catalog.Channel) catalog.Time {
	if c == nil {
		return catalog.Time{}
	}
	return c.Time
}

// refreshLimitFields hides the number for units that take none.
func (s *screen) refreshLimitFields() {
	if i := s.unit.Selected(); i >= 0 && (units[i] == workday.SameDay || units[i] == workday.NoLimit) {
		s.limitNum.SetText("")
		s.limitNum.Disable()
	} else {
		s.limitNum.Enable()
	}
	kit.SetError(s.unitErr, "")
	s.refreshSummary()
}

// typedLimit reads the clerk's time limit.
func (s *screen) typedLimit() (workday.Limit, error) {
	i := s.unit.Selected()
	if i < 0 {
		return workday.Limit{}, errUnit
	}
	l := workday.Limit{Unit: units[i]}
	if l.Unit != workday.SameDay && l.Unit != workday.NoLimit {
		v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s.limitNum.Text), ",", "."), 64)
		if err != nil {
			return l, errNumber
		}
		l.Value = v
	}
	return l, l.Validate()
}

type stepError string

func (e stepError) Error() string { return string(e) }

const (
	errUnit   stepError = "unit"
	errNumber stepError = "number"
)

// checkChannel validates the step; errors are shown next to the fields.
// The time limit is needed only to receive (a refusal or a supplement
// request promises no date).
func (s *screen) checkChannel(needLimit bool) bool {
	ok := true
	kit.SetError(s.chErr, "")
	if !s.caseChosen() {
		kit.SetError(s.chErr, tr("err.case", "Thủ tục có nhiều trường hợp: chọn một trường hợp (↑/↓ hoặc phím số)."))
		ok = false
	}
	if needLimit && s.limitNeeded() {
		l, err := s.typedLimit()
		kit.SetError(s.unitErr, "")
		kit.SetError(s.numErr, "")
		kit.SetError(s.reasonErr, "")
		switch {
		case err == errUnit:
			kit.SetError(s.unitErr, tr("err.unit", "Chọn đơn vị thời hạn (phím 1–6)."))
			ok = false
		case err == errNumber:
			kit.SetError(s.numErr, tr("err.number", "Nhập số lượng thời hạn, ví dụ 5."))
			ok = false
		case err != nil:
			kit.SetError(s.numErr, tr("err.limit", "Thời hạn không hợp lệ: số phải dương; ngày và tháng là số nguyên."))
			ok = false
		}
		_ = l
		if strings.TrimSpace(s.limitReason.Text) == "" {
			kit.SetError(s.reasonErr, tr("err.basis", "Ghi căn cứ của thời hạn (văn bản quy định)."))
			ok = false
		}
	}
	s.stepErr[stepChannel] = !ok
	return ok
}

// advanceChannel moves to the first unsettled field of the step, or on to
// the checklist when everything is settled (Enter on any field). From the
// time-limit fields themselves Enter moves on even when the limit is not
// complete: only receiving needs it (it is checked then), and a refusal
// must not be blocked by it.
func (s *screen) advanceChannel() {
	if !s.caseChosen() {
		s.focus(s.caseChoice)
		return
	}
	f := s.win.Canvas().Focused()
	inLimit := f == fyne.Focusable(s.unit) || f == fyne.Focusable(s.limitNum) || f == fyne.Focusable(s.limitReason)
	if s.limitNeeded() {
		_, err := s.typedLimit()
		switch {
		case err == errUnit && !inLimit:
			s.focus(s.unit)
			return
		case err != nil && err != errUnit && f != fyne.Focusable(s.limitNum) && f != fyne.Focusable(s.limitReason):
			s.focus(s.limitNum)
			return
		case strings.TrimSpace(s.limitReason.Text) == "" && f != fyne.Focusable(s.limitReason):
			s.focus(s.limitReason)
			return
		}
	}
	s.goTo(stepChecklist)
}

func (s *screen) focusChannel() {
	if !s.caseChosen() {
		s.focus(s.caseChoice)
		return
	}
	s.focus(s.channel)
}
