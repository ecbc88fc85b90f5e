package intake

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/catalog"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// feesStep: the fee lines of the catalog row (desk.IntakeRequest.Fees);
// an amount different from the catalog needs a reason
// (dossier.ValidateIntake, decree118.md B.10).
type feesStep struct {
	fees     []dossier.Fee
	feeRows  []*feeRow
	feeList  *fyne.Container
	total    *widget.Label
	noFees   *widget.Label
	addFee   *kit.Button
	feeTitle *widget.Label
}

type feeRow struct {
	name    *widgets.VNEntry // added lines only
	label   *widget.Label
	catalog *widget.Label
	amount  *kit.Entry
	when    *kit.Choice
	paid    *widget.Check
	reason  *widgets.VNEntry
	err     *widget.Label
	box     *fyne.Container
}

func (s *screen) buildFees() fyne.CanvasObject {
	s.feeList = container.NewVBox()
	s.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.noFees = kit.Hint(tr("fee.none", "Danh mục không ghi phí, lệ phí cho cách nộp này."))
	s.addFee = kit.NewButton(tr("fee.add", "Thêm khoản thu ngoài danh mục"), "", s.keys, s.onAddFee)
	help := kit.Hint(tr("fee.help", "Mức thu lấy từ danh mục. Thu khác danh mục phải ghi lý do. Enter ở ô số tiền để sang bước kết quả."))
	top := container.NewVBox(kit.Heading(tr("fee.heading", "5. Phí, lệ phí")), help)
	return container.NewBorder(top, container.NewVBox(s.total, container.NewHBox(s.addFee)), nil, nil,
		container.NewVScroll(container.NewVBox(s.noFees, s.feeList)))
}

func (s *screen) resetFees() {
	s.fees = nil
	s.feeRows = nil
	s.feeList.Objects = nil
	s.feeList.Refresh()
	s.refreshTotal()
}

// loadFees takes the fee lines of the chosen channel row, as
// desk.Service.Receive would (name, amount, catalog amount, at intake).
func (s *screen) loadFees() {
	s.resetFees()
	row := s.rowValue()
	if row == nil {
		s.refreshTotal()
		return
	}
	for _, f := range row.Fees {
		name := f.Text
		if name == "" {
			name = tr("fee.default", "Phí, lệ phí")
		}
		s.addFeeLine(dossier.Fee{Name: name, Amount: max(f.Amount, 0), CatalogAmount: f.Amount, When: dossier.FeeAtIntake}, false)
	}
	s.refreshTotal()
}

func (s *screen) onAddFee() {
	// A line the catalog does not have: its catalog amount is 0, so any
	// amount needs a reason.
	r := s.addFeeLine(dossier.Fee{CatalogAmount: 0, When: dossier.FeeAtIntake}, true)
	s.refreshTotal()
	s.focus(r.name)
}

func (s *screen) addFeeLine(f dossier.Fee, added bool) *feeRow {
	i := len(s.fees)
	s.fees = append(s.fees, f)
	r := &feeRow{}
	r.label = widget.NewLabelWithStyle(f.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.label.Wrapping = fyne.TextWrapWord
	cat := tr("fee.catalog", "Danh mục: {{.A}}", map[string]any{"A": kit.Money(f.CatalogAmount)})
	if f.CatalogAmount == catalog.AmountUnknown {
		cat = tr("fee.catalogText", "Danh mục không ghi số tiền cụ thể: nhập số tiền thu theo văn bản quy định.")
	}
	if added {
		cat = tr("fee.added", "Khoản thu ngoài danh mục: ghi tên và lý do.")
	}
	r.catalog = kit.Hint(cat)
	r.amount = s.newEntry()
	r.amount.SetText(amountText(f.Amount))
	r.amount.OnChanged = func(string) { s.onFeeChanged(i) }
	r.amount.OnSubmitted = func(string) { s.goTo(stepVerdict) }
	r.when = kit.NewChoice([]string{tr("fee.atIntake", "Thu khi tiếp nhận"), tr("fee.atReturn", "Thu khi trả kết quả")}, s.keys)
	r.when.Horizontal = true
	r.when.SetSelected(0)
	r.when.OnChanged = func(j int) {
		s.fees[i].When = dossier.FeeAtIntake
		if j == 1 {
			s.fees[i].When = dossier.FeeAtReturn
		}
	}
	r.when.OnSubmit = func() { s.goTo(stepVerdict) }
	r.paid = widget.NewCheck(tr("fee.paid", "Đã thu"), func(b bool) { s.fees[i].Paid = b })
	r.reason = s.newVN()
	r.reason.SetPlaceHolder(tr("fee.reasonPh", "Lý do (bắt buộc khi khác danh mục)"))
	r.reason.OnChanged = func(t string) { s.fees[i].Reason = t }
	r.reason.OnSubmitted = func(string) { s.goTo(stepVerdict) }
	r.err = kit.ErrorLabel()
	head := fyne.CanvasObject(r.label)
	if added {
		r.name = s.newVN()
		r.name.SetPlaceHolder(tr("fee.namePh", "Tên khoản thu"))
		r.name.OnChanged = func(t string) { s.fees[i].Name = t }
		r.name.OnSubmitted = func(string) { s.focus(r.amount) }
		head = r.name
	}
	line := kit.Row(container.NewHBox(widget.NewLabel(tr("fee.amount", "Số tiền (đ)")), fixed(r.amount, 120), r.when, r.paid), r.reason, nil)
	r.box = container.NewVBox(head, r.catalog, line, r.err, widget.NewSeparator())
	s.feeRows = append(s.feeRows, r)
	s.feeList.Add(r.box)
	return r
}

func amountText(n int64) string {
	if n <= 0 {
		return "0"
	}
	return kit.Money(n)[:len(kit.Money(n))-len(" đ")]
}

func (s *screen) onFeeChanged(i int) {
	r := s.feeRows[i]
	v, err := kit.ParseMoney(r.amount.Text)
	if err != nil {
		kit.SetError(r.err, tr("fee.amountErr", "Số tiền chỉ gồm chữ số, ví dụ 50.000."))
		return
	}
	kit.SetError(r.err, "")
	s.fees[i].Amount = v
	s.refreshTotal()
}

func (s *screen) totalFees() int64 {
	var n int64
	for _, f := range s.fees {
		n += f.Amount
	}
	return n
}

func (s *screen) refreshTotal() {
	if len(s.fees) == 0 {
		s.noFees.Show()
		s.total.SetText("")
	} else {
		s.noFees.Hide()
		s.total.SetText(tr("fee.total", "Tổng cộng: {{.T}}", map[string]any{"T": kit.Money(s.totalFees())}))
	}
	s.refreshSummary()
}

func (s *screen) focusFees() {
	if len(s.feeRows) > 0 {
		s.focus(s.feeRows[0].amount)
		return
	}
	s.focus(s.next)
}

// feeValues returns the fee lines to charge, or an error text when an
// amount cannot be read.
func (s *screen) feeValues() ([]dossier.Fee, bool) {
	ok := true
	out := make([]dossier.Fee, len(s.fees))
	for i, f := range s.fees {
		if _, err := kit.ParseMoney(s.feeRows[i].amount.Text); err != nil {
			kit.SetError(s.feeRows[i].err, tr("fee.amountErr", "Số tiền chỉ gồm chữ số, ví dụ 50.000."))
			ok = false
		}
		out[i] = f
	}
	if out == nil {
		out = []dossier.Fee{}
	}
	return out, ok
}

// showFeeErrors puts service errors under the fee lines.
func (s *screen) showFeeErrors(err error) bool {
	any := false
	for i, r := range s.feeRows {
		var msgs []string
		for _, p := range widgets.Problems(err) {
			if hasPrefixIndex(p.Field, "fees", i) {
				msgs = append(msgs, p.Text)
			}
		}
		msg := joinLines(msgs)
		kit.SetError(r.err, msg)
		any = any || msg != ""
	}
	return any
}
