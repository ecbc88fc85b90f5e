package forms

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"math"
	"strings"

	"motcua/dossier"
)

// The 80 mm thermal receipt. Common 80 mm ESC/POS printers print 576 dots
// per line at 8 dots per mm (203.2 dpi): a 72 mm wide image. Text is
// rasterised with the embedded font, so Vietnamese never depends on the
// printer's code pages.
const (
	// ThermalDots is the printable width in dots.
	ThermalDots = 576
	// ThermalDPI is 8 dots per millimetre.
	ThermalDPI = 203.2
	// ThermalWidth is the printable width in mm.
	ThermalWidth = ThermalDots / 8.0
)

// thermal fonts: 9 pt is 25 dots high, readable on thermal paper.
var (
	tBody   = Font{Family, Regular, 9}
	tBold   = Font{Family, Bold, 9}
	tItalic = Font{Family, Italic, 8.5}
	tTitle  = Font{Family, Bold, 11}
)

// BuildThermal lays out the receipt (form 01's content) on one long 72 mm
// page: unit, title, code, barcode, QR, the submitter and procedure, the
// receipt and appointment times, the return place, fees and the clerk.
func BuildThermal(in Input) (*Document, error) {
	set := setOrDefault(in.Office.Forms)
	if err := checkOffice(in.Office); err != nil {
		return nil, err
	}
	d := in.Dossier
	if d == nil || d.Kind != dossier.KindDossier || d.Code == "" || d.Status == dossier.StatusRefused {
		return nil, errors.New("the thermal receipt is issued only for a received dossier")
	}
	if strings.TrimSpace(in.QR) == "" {
		return nil, errors.New("the thermal receipt needs the signed receipt QR text (forms.SignReceipt)")
	}
	if in.Copy && in.Now.IsZero() {
		return nil, errors.New("a reprint needs the print time (Input.Now)")
	}
	num, _ := KindReceipt.Number(set)
	doc := &Document{Kind: KindReceipt, Number: num, Set: string(set), Title: KindReceipt.Title(set), Code: string(d.Code), Copy: in.Copy}
	const m = 1.0
	c := newComposer(doc, ThermalWidth, 3000, m, m, 2, 0)
	c.startCopy()
	w := c.cw()
	center := func(f Font, s string) { c.para(c.ml, w, f, Center, s) }
	if in.Copy {
		center(Font{Family, Bold, 12}, "BẢN SAO")
		center(tItalic, "In lại lúc "+TimeVN(in.Now))
		c.gap(1)
	}
	center(tBody, upper(in.Office.ParentAgency))
	center(tBold, upper(in.Office.Name))
	c.gap(1.5)
	center(tTitle, upper(doc.Title))
	c.gap(1)
	center(tBold, "Mã hồ sơ: "+string(d.Code))

	// Barcode and QR with whole-dot modules so they stay decodable.
	bars, err := barModules(string(d.Code))
	if err != nil {
		return nil, err
	}
	mod := 2
	for mod > 1 && len(bars)*mod > ThermalDots-16 {
		mod--
	}
	bw := float64(len(bars)*mod) / 8
	c.add(Item{Image: &Image{X: snap8(c.ml + (w-bw)/2), Y: snap8(c.y + 1), W: bw, H: 10, Kind: Barcode, Data: string(d.Code)}})
	c.gap(12)
	qm, err := qrMatrix(in.QR)
	if err != nil {
		return nil, err
	}
	qmod := int(math.Floor(math.Min(40*8/float64(len(qm)), float64(ThermalDots-16)/float64(len(qm)))))
	qmod = max(qmod, 2)
	qw := float64(len(qm)*qmod) / 8
	c.add(Item{Image: &Image{X: snap8(c.ml + (w-qw)/2), Y: snap8(c.y), W: qw, H: qw, Kind: QR, Data: in.QR}})
	c.gap(qw + 1)

	field := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		c.para(c.ml, w, tBold, Left, label)
		c.para(c.ml+2, w-2, tBody, Left, value)
	}
	field("Người nộp hồ sơ:", honorific(&d.Submitter)+" "+d.Submitter.Name)
	if d.Owner != nil {
		field("Chủ hồ sơ:", honorific(d.Owner)+" "+d.Owner.Name)
	}
	field("Thủ tục:", procedureText(d))
	field("Thời gian nhận hồ sơ:", TimeVN(d.ReceivedAt))
	due := NoAppointment
	if !d.FirstAppointment.IsZero() {
		due = TimeVN(d.FirstAppointment)
	}
	field("Thời gian trả kết quả:", due)
	where := strings.TrimSpace(in.Office.Name)
	if d.ReturnBy == dossier.ReturnByPost {
		where = "Qua dịch vụ bưu chính công ích"
	}
	field("Nhận kết quả tại:", where)
	field("Phí, lệ phí:", feesText(d))
	field("Người tiếp nhận:", clerkName(d))
	c.gap(1)
	c.para(c.ml, w, tItalic, Left, "Vui lòng mang theo phiếu này khi đến nhận kết quả. Quét mã QR để tra cứu tình trạng hồ sơ.")
	c.gap(4)
	// The page is as long as its content, in whole dots.
	doc.Pages[0].H = math.Ceil(c.y*8) / 8
	return doc, nil
}

// snap8 rounds millimetres to whole dots (1/8 mm).
func snap8(v float64) float64 { return math.Round(v*8) / 8 }

// Thermal renders the thermal layout as a 1-bit image (576 dots wide,
// black where the gray raster is darker than mid-gray).
func Thermal(d *Document) (*image.Paletted, error) {
	if len(d.Pages) != 1 || d.Pages[0].W != ThermalWidth {
		return nil, errors.New("not a thermal receipt layout (BuildThermal)")
	}
	g, err := Raster(d, 0, ThermalDPI)
	if err != nil {
		return nil, err
	}
	b := g.Bounds()
	out := image.NewPaletted(image.Rect(0, 0, ThermalDots, b.Dy()), color.Palette{color.White, color.Black})
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < ThermalDots && x < b.Dx(); x++ {
			if g.GrayAt(x, y).Y < 128 {
				out.SetColorIndex(x, y, 1)
			}
		}
	}
	return out, nil
}

// ESC/POS commands.
var (
	escInit = []byte{0x1B, 0x40}             // ESC @: initialise
	escFeed = []byte{0x1B, 0x64, 4}          // ESC d 4: feed 4 lines
	escCut  = []byte{0x1D, 0x56, 0x41, 0x03} // GS V 65 3: feed 3 dots and cut
)

// bandRows is the height of one GS v 0 raster command; printers with
// small buffers accept bands of this size.
const bandRows = 128

// EscPos encodes a 1-bit image (index 1 = black) as an ESC/POS job: ESC @,
// the image as GS v 0 raster bands (MSB = leftmost dot), a feed and a cut.
func EscPos(img *image.Paletted) []byte {
	b := img.Bounds()
	wb := (b.Dx() + 7) / 8
	var out bytes.Buffer
	out.Write(escInit)
	for y0 := b.Min.Y; y0 < b.Max.Y; y0 += bandRows {
		h := min(bandRows, b.Max.Y-y0)
		out.Write([]byte{0x1D, 0x76, 0x30, 0x00, byte(wb), byte(wb >> 8), byte(h), byte(h >> 8)})
		row := make([]byte, wb)
		for y := y0; y < y0+h; y++ {
			clear(row)
			for x := b.Min.X; x < b.Max.X; x++ {
				if img.ColorIndexAt(x, y) == 1 {
					i := x - b.Min.X
					row[i/8] |= 0x80 >> (i % 8)
				}
			}
			out.Write(row)
		}
	}
	out.Write(escFeed)
	out.Write(escCut)
	return out.Bytes()
}

// ThermalJob builds, rasterises and encodes the thermal receipt: the bytes
// to send raw to the receipt printer.
func ThermalJob(in Input) ([]byte, *image.Paletted, error) {
	d, err := BuildThermal(in)
	if err != nil {
		return nil, nil, err
	}
	img, err := Thermal(d)
	if err != nil {
		return nil, nil, fmt.Errorf("thermal receipt: %w", err)
	}
	return EscPos(img), img, nil
}
