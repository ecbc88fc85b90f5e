package forms

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"time"

	"github.com/go-pdf/fpdf"

	"motcua/assets/fonts"
	"motcua/dossier"
)

// pdfFamily is the family name registered with fpdf.
const pdfFamily = "notoserif"

// PDF writes d as a PDF. created is the document's creation date (from the
// injected clock); with the same document and date the bytes are the same,
// because fpdf is told the dates, sorts its catalogs, and the document id
// in the XMP metadata is a hash of the content.
//
// fpdf parses each TrueType font it is given, once per document, and
// embeds the subset of glyphs used; only the styles the document uses are
// added.
func PDF(w io.Writer, d *Document, created time.Time) error {
	if len(d.Pages) == 0 {
		return fmt.Errorf("form %s: no pages", d.Number)
	}
	if created.IsZero() {
		return fmt.Errorf("form %s: the PDF needs a creation date", d.Number)
	}
	orient := func(p *Page) string {
		if p.Landscape() {
			return "L"
		}
		return "P"
	}
	// fpdf takes the portrait size and swaps it for "L".
	size := func(p *Page) fpdf.SizeType { return fpdf.SizeType{Wd: min(p.W, p.H), Ht: max(p.W, p.H)} }
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: orient(&d.Pages[0]), UnitStr: "mm", Size: size(&d.Pages[0])})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	created = created.In(dossier.Zone).Truncate(time.Second)
	pdf.SetCreationDate(created)
	pdf.SetModificationDate(created)
	pdf.SetTitle(d.Title, true)
	pdf.SetSubject(d.Code, true)
	pdf.SetCreator("motcua", true)
	pdf.SetMargins(0, 0, 0)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetDrawColor(0, 0, 0)
	pdf.SetFillColor(0, 0, 0)
	pdf.SetTextColor(0, 0, 0)

	added := map[Style]bool{}
	useFont := func(f Font) {
		if !added[f.Style] {
			pdf.AddUTF8FontFromBytes(pdfFamily, string(f.Style), fonts.Style(string(f.Style)))
			added[f.Style] = true
		}
		pdf.SetFont(pdfFamily, string(f.Style), f.Size)
	}
	drawText := func(t *Text) {
		if len(t.Lines) == 0 {
			return
		}
		useFont(t.Font)
		for i, l := range t.Lines {
			if l != "" {
				pdf.Text(t.LineX(i), t.Baseline(i), l)
			}
		}
	}
	content := sha256.New()
	for pi := range d.Pages {
		p := &d.Pages[pi]
		pdf.AddPageFormat(orient(p), size(p))
		for _, it := range p.Items {
			switch {
			case it.Text != nil:
				drawText(it.Text)
			case it.Line != nil:
				l := it.Line
				pdf.SetLineWidth(l.Width)
				if l.Dash > 0 {
					pdf.SetDashPattern([]float64{l.Dash, l.Dash}, 0)
				}
				pdf.Line(l.X1, l.Y1, l.X2, l.Y2)
				if l.Dash > 0 {
					pdf.SetDashPattern(nil, 0)
				}
			case it.Rect != nil:
				r := it.Rect
				if r.Fill {
					pdf.Rect(r.X, r.Y, r.W, r.H, "F")
				} else {
					pdf.SetLineWidth(r.Width)
					pdf.Rect(r.X, r.Y, r.W, r.H, "D")
				}
			case it.Image != nil:
				if err := pdfImage(pdf, it.Image); err != nil {
					return fmt.Errorf("form %s page %d: %w", d.Number, pi+1, err)
				}
			case it.Table != nil:
				tb := it.Table
				pdf.SetLineWidth(tb.Border)
				for ri, row := range tb.Rows {
					for _, cell := range row.Cells {
						x, y, w, h := tb.Box(ri, cell)
						pdf.Rect(x, y, w, h, "D")
						for k := range cell.Texts {
							drawText(&cell.Texts[k])
						}
					}
				}
			}
		}
	}
	// The document id: a hash of the layout and the date.
	if j, err := d.JSON(); err == nil {
		content.Write(j)
	}
	content.Write([]byte(created.Format(time.RFC3339)))
	sum := content.Sum(nil)
	pdf.SetXmpMetadata(xmp(d.Title, created, hex.EncodeToString(sum[:16])))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("form %s: %w", d.Number, err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// pdfImage draws a QR code or a barcode as filled rectangles (vector, so
// it stays sharp at any printer resolution).
func pdfImage(pdf *fpdf.Fpdf, im *Image) error {
	switch im.Kind {
	case QR:
		m, err := qrMatrix(im.Data)
		if err != nil {
			return err
		}
		mod := im.W / float64(len(m))
		for y, row := range m {
			runs(row, func(x, n int) {
				// A hair of overlap hides seams between rows in viewers.
				pdf.Rect(im.X+float64(x)*mod, im.Y+float64(y)*mod, float64(n)*mod, mod+0.01, "F")
			})
		}
	case Barcode:
		m, err := barModules(im.Data)
		if err != nil {
			return err
		}
		mod := im.W / float64(len(m))
		runs(m, func(x, n int) {
			pdf.Rect(im.X+float64(x)*mod, im.Y, float64(n)*mod, im.H, "F")
		})
	default:
		return fmt.Errorf("unknown image kind %q", im.Kind)
	}
	return nil
}

// xmp is a minimal XMP packet with the title, the dates and a fixed
// document id.
func xmp(title string, created time.Time, id string) []byte {
	ts := created.Format("2006-01-02T15:04:05-07:00")
	return []byte(`<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
<dc:title><rdf:Alt><rdf:li xml:lang="vi">` + html.EscapeString(title) + `</rdf:li></rdf:Alt></dc:title>
<xmp:CreateDate>` + ts + `</xmp:CreateDate>
<xmp:ModifyDate>` + ts + `</xmp:ModifyDate>
<xmp:CreatorTool>motcua</xmp:CreatorTool>
<xmpMM:DocumentID>uuid:` + id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:32] + `</xmpMM:DocumentID>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`)
}
