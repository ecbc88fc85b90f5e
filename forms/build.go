package forms

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/receipt"
)

// Input is what a form is built from.
type Input struct {
	Office desk.Office
	Desk   desk.Desk
	// Dossier is the dossier (or guidance record) of forms 01–06.
	Dossier *dossier.Dossier
	// Dossiers and From/To are the tracking book's content and its receipt
	// days (inclusive; only the dates count). Dossiers outside the range,
	// guidance records and dossiers refused at intake are left out.
	Dossiers []*dossier.Dossier
	From, To time.Time
	// Event, when > 0, selects the history entry a letter is about (a
	// particular supplement request, extension or stop); otherwise the
	// latest matching entry is used.
	Event int
	// QR is the signed receipt text printed on form 01 (SignReceipt).
	QR string
	// Copy marks a reprint: every page carries "BẢN SAO" and the reprint
	// time Now.
	Copy bool
	// Now is the print time (the reprint mark, the book's footer).
	Now time.Time
}

// Page geometry of the A4 forms (mm). Decree 30/2020 asks for wider
// margins on letters; the counter forms use the printable area of office
// printers and keep a receipt on one sheet.
const (
	marginL = 25.0
	marginR = 15.0
	marginT = 15.0
	marginB = 14.0
)

// builder carries one build.
type builder struct {
	in  Input
	set desk.FormSet
	k   Kind
	doc *Document
	c   *composer
}

// Build lays out form k for in, numbered and worded per the office's form
// set (in.Office.Forms; empty means TT 03/2025).
func Build(k Kind, in Input) (*Document, error) {
	set := setOrDefault(in.Office.Forms)
	num, ok := k.Number(set)
	if !ok {
		if _, known := numbers[set]; !known {
			return nil, fmt.Errorf("unknown form set %q", set)
		}
		return nil, fmt.Errorf("the %s form set has no %q (%s)", set, k.Title(desk.FormsTT03), k)
	}
	if err := checkOffice(in.Office); err != nil {
		return nil, err
	}
	if in.Copy && in.Now.IsZero() {
		return nil, errors.New("a reprint needs the print time (Input.Now)")
	}
	if k != KindBook && in.Dossier == nil {
		return nil, fmt.Errorf("form %s needs a dossier", num)
	}
	b := &builder{in: in, set: set, k: k}
	b.doc = &Document{Kind: k, Number: num, Set: string(set), Title: k.Title(set), Copy: in.Copy}
	if in.Dossier != nil && k != KindBook {
		b.doc.Code = recordNo(in.Dossier)
	}
	var err error
	switch k {
	case KindReceipt:
		err = b.receipt()
	case KindSupplement:
		err = b.supplement()
	case KindRefusal:
		err = b.refusal()
	case KindApology:
		err = b.apology()
	case KindStop:
		err = b.stop()
	case KindControl:
		err = b.control()
	case KindBook:
		err = b.book()
	case KindReturn:
		err = b.returnSlip()
	default:
		err = fmt.Errorf("unknown form kind %d", k)
	}
	if err != nil {
		return nil, err
	}
	if in.Copy {
		for i := range b.doc.Pages {
			copyMark(&b.doc.Pages[i], in.Now)
		}
	}
	return b.doc, nil
}

func checkOffice(o desk.Office) error {
	var miss []string
	if strings.TrimSpace(o.ParentAgency) == "" {
		miss = append(miss, "parent agency")
	}
	if strings.TrimSpace(o.Name) == "" {
		miss = append(miss, "unit name")
	}
	if strings.TrimSpace(o.Place) == "" {
		miss = append(miss, "place name")
	}
	if len(miss) > 0 {
		return fmt.Errorf("the office settings lack the %s printed on every form", strings.Join(miss, ", "))
	}
	return nil
}

// recordNo is the dossier code, or the guidance number of a guidance record.
func recordNo(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return d.GuidanceNo
	}
	return string(d.Code)
}

// portrait starts an A4 portrait composer.
func (b *builder) portrait() *composer {
	b.c = newComposer(b.doc, A4Short, A4Long, marginL, marginR, marginT, marginB)
	return b.c
}

// oneStop is how the set names the one-stop unit in running text.
func (b *builder) oneStop() string {
	if b.set == desk.FormsTT01 {
		return "Bộ phận tiếp nhận và trả kết quả"
	}
	return "Bộ phận Một cửa"
}

// header draws the common header (domain.md §1.2): left block governing
// agency and unit, right block the national motto, then the number line
// and the place-and-date line, then the title in capitals. numberLine ""
// omits the "Số:" line; subject is the "V/v …" line of a letter.
func (b *builder) header(numberLine string, date time.Time, subject string) {
	c := b.c
	lx, lw := c.ml-5, 82.0
	rx := lx + lw + 2
	rw := c.pw - c.mr - rx + 2
	y := c.y
	ly := y + c.place(lx, y, lw, fHead, Center, upper(b.in.Office.ParentAgency))
	ly += c.place(lx, ly, lw, fHeadB, Center, upper(b.in.Office.Name))
	ul := lw / 3
	c.hline(lx+(lw-ul)/2, lx+(lw+ul)/2, ly+0.8, thinLine)
	ry := y + c.place(rx, y, rw, fHeadB, Center, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
	motto := "Độc lập – Tự do – Hạnh phúc"
	ry += c.place(rx, ry, rw, fBold, Center, motto)
	mw := Width(fBold, motto)
	c.hline(rx+(rw-mw)/2, rx+(rw+mw)/2, ry+0.6, thinLine)
	y = max(ly, ry) + 2.5
	ly, ry = y, y
	if numberLine != "" {
		ly += c.place(lx, y, lw, fHead, Center, numberLine)
	}
	if subject != "" {
		ly += c.place(lx, ly, lw, fSmall, Center, subject)
	}
	ry += c.place(rx, y, rw, fItalic, Center, DateLine(b.in.Office.Place, date))
	c.y = r2(max(ly, ry) + 3.5)
}

// title prints the form title in capitals, centred.
func (b *builder) title(extra ...string) {
	c := b.c
	c.para(c.ml, c.cw(), fTitle, Center, upper(b.doc.Title))
	for _, e := range extra {
		c.para(c.ml, c.cw(), fItalic, Center, e)
	}
	c.gap(2)
}

// pageNumbers adds "Trang n/N" to the pages of the current copy when it
// has more than one.
func (b *builder) pageNumbers() {
	c := b.c
	pages := b.doc.Pages[c.first:]
	if len(pages) < 2 {
		return
	}
	for i := range pages {
		t := text(c.ml, c.ph-c.mb+3, c.cw(), fSmallI, Center, fmt.Sprintf("Trang %d/%d", i+1, len(pages)))
		pages[i].Items = append(pages[i].Items, Item{Text: t})
	}
}

// copyMark stamps a reprint: a framed "BẢN SAO" in the top margin with the
// reprint time.
func copyMark(p *Page, at time.Time) {
	f := Font{Family, Bold, 12}
	w := Width(f, "BẢN SAO") + 6
	x := p.W - marginR - w
	y := 3.0
	p.Items = append(p.Items,
		Item{Rect: &Rect{X: r2(x), Y: y, W: r2(w), H: 8, Width: 0.5}},
		Item{Text: text(x, y, w, f, Center, "BẢN SAO")},
	)
	note := "In lại lúc " + TimeVN(at)
	nf := Font{Family, Italic, 9}
	nw := Width(nf, note) + 1
	t := text(x-nw-3, y, nw, nf, Right, note)
	t.Y = r2(y + (8-t.Height())/2)
	p.Items = append(p.Items, Item{Text: t})
}

// party lines shared by the letters: address, phone and e-mail.
func (b *builder) contactLines(p *dossier.Party) {
	c := b.c
	c.field(c.ml, "Địa chỉ:", p.Address, fBody)
	phone, email := strings.TrimSpace(p.Phone), strings.TrimSpace(p.Email)
	if phone == "" {
		phone = "…………………"
	}
	if email == "" {
		email = "…………………"
	}
	c.pair("Số điện thoại: "+phone, "Email: "+email)
}

// idLine prints the party's identification number when known.
func (b *builder) idLine(p *dossier.Party) {
	c := b.c
	switch {
	case p.Kind.IsOrganisation() && p.TaxCode != "":
		c.field(c.ml, "Mã số thuế/Mã số doanh nghiệp:", p.TaxCode, fBody)
	case p.Passport && p.IDNumber != "":
		c.field(c.ml, "Số hộ chiếu:", p.IDNumber, fBody)
	case p.IDNumber != "":
		c.field(c.ml, "Số định danh cá nhân:", p.IDNumber, fBody)
	}
}

// procedureLabel is how the set introduces the procedure.
func (b *builder) procedureLabel() string {
	if b.set == desk.FormsTT01 {
		return "Nội dung yêu cầu giải quyết:"
	}
	return "Thủ tục hành chính cần giải quyết:"
}

// procedureText is the procedure name with the chosen case.
func procedureText(d *dossier.Dossier) string {
	s := strings.TrimSpace(d.Procedure.Name)
	if cs := strings.TrimSpace(d.Case); cs != "" {
		s += " (Trường hợp: " + cs + ")"
	}
	return s
}

// pick returns the history entry a letter is about: in.Event when set
// (it must be one of kinds), otherwise the latest of kinds.
func (b *builder) pick(kinds ...dossier.EventKind) (int, dossier.Event, error) {
	d := b.in.Dossier
	is := func(k dossier.EventKind) bool {
		for _, x := range kinds {
			if x == k {
				return true
			}
		}
		return false
	}
	if b.in.Event > 0 {
		if b.in.Event >= len(d.History) {
			return 0, dossier.Event{}, fmt.Errorf("dossier %s has no history entry %d", recordNo(d), b.in.Event)
		}
		ev := d.History[b.in.Event]
		if !is(ev.Kind) {
			return 0, dossier.Event{}, fmt.Errorf("history entry %d of %s is %q, not %s", b.in.Event, recordNo(d), ev.Kind, joinKinds(kinds))
		}
		return b.in.Event, ev, nil
	}
	for i := len(d.History) - 1; i >= 0; i-- {
		if is(d.History[i].Kind) {
			return i, d.History[i], nil
		}
	}
	return -1, dossier.Event{}, fmt.Errorf("dossier %s has no %s event", recordNo(d), joinKinds(kinds))
}

func joinKinds(ks []dossier.EventKind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, " or ")
}

// clerkName is the receiving clerk's display name.
func clerkName(d *dossier.Dossier) string {
	if n := strings.TrimSpace(d.ClerkName); n != "" {
		return n
	}
	return ""
}

// ReceiptClaims returns what the receipt QR of d asserts: the code, the
// procedure, the receipt time and the appointment printed on the receipt.
func ReceiptClaims(d *dossier.Dossier) receipt.Claims {
	return receipt.Claims{Code: string(d.Code), Procedure: d.Procedure.Code, Received: d.ReceivedAt, Appointment: d.FirstAppointment}
}

// SignReceipt returns the QR text of d's receipt signed by the desk key,
// after the office's lookup URL.
func SignReceipt(o desk.Office, d *dossier.Dossier, k receipt.Key) (string, error) {
	if d.Kind != dossier.KindDossier || d.Code == "" {
		return "", fmt.Errorf("only a received dossier has a receipt (got %s)", recordNo(d))
	}
	return k.Sign(ReceiptClaims(d), o.LookupURL)
}
