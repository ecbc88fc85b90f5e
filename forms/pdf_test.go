package forms

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/desk"
	"motcua/receipt"
)

func renderPDF(t testing.TB, gc goldenCase) []byte {
	t.Helper()
	d, in := buildCase(t, gc)
	var buf bytes.Buffer
	if err := PDF(&buf, d, in.Now); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestPDFDeterministic(t *testing.T) {
	gc := goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false}
	a, b := renderPDF(t, gc), renderPDF(t, gc)
	if !bytes.Equal(a, b) {
		t.Fatal("two renderings of the same receipt differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) || !bytes.Contains(a, []byte("xmpMM:DocumentID>uuid:")) {
		t.Fatal("not a PDF with a document id")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20231110170500)")) {
		t.Fatal("creation date is not the injected clock")
	}
	other := renderPDF(t, goldenCase{"tt03-2025-01-copy", desk.FormsTT03, KindReceipt, true})
	if bytes.Equal(a, other) {
		t.Fatal("the reprint is identical to the original")
	}
	var buf bytes.Buffer
	d, _ := buildCase(t, gc)
	if err := PDF(&buf, d, time.Time{}); err == nil {
		t.Fatal("a zero creation date must be refused")
	}
}

// TestPDFText: pdftotext of every form contains the exact Vietnamese title
// (and the reprint mark on copies).
func TestPDFText(t *testing.T) {
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	for _, gc := range goldenCases() {
		p := filepath.Join(dir, gc.name+".pdf")
		if err := os.WriteFile(p, renderPDF(t, gc), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, "-enc", "UTF-8", p, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", gc.name, err)
		}
		txt := string(out)
		title := upper(gc.kind.Title(gc.set))
		if !strings.Contains(txt, title) {
			t.Errorf("%s: pdftotext lacks the title %q", gc.name, title)
		}
		if gc.kind != KindBook && !strings.Contains(txt, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") {
			t.Errorf("%s: national motto missing", gc.name)
		}
		if gc.copy != strings.Contains(txt, "BẢN SAO") {
			t.Errorf("%s: copy mark present = %v", gc.name, !gc.copy)
		}
		if gc.copy && !strings.Contains(txt, "In lại lúc 17 giờ 05 phút, ngày 10 tháng 11 năm 2023") {
			t.Errorf("%s: reprint time missing", gc.name)
		}
	}
}

// TestReceiptQRRoundTrip renders the receipt PDF to PNG, decodes the QR and
// the barcode with zbarimg and verifies the QR with the desk key.
func TestReceiptQRRoundTrip(t *testing.T) {
	pdftoppm := needTool(t, "pdftoppm", "poppler-utils")
	zbarimg := needTool(t, "zbarimg", "zbar-tools")
	gc := goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false}
	dir := t.TempDir()
	p := filepath.Join(dir, "receipt.pdf")
	if err := os.WriteFile(p, renderPDF(t, gc), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(pdftoppm, "-r", "200", "-png", "-f", "1", "-l", "1", p, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	png := filepath.Join(dir, "page-1.png")
	out, err := exec.Command(zbarimg, "-q", png).Output()
	if err != nil {
		t.Fatalf("zbarimg found no code: %v", err)
	}
	var qr, bar string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		switch {
		case strings.HasPrefix(line, "QR-Code:"):
			qr = strings.TrimPrefix(line, "QR-Code:")
		case strings.HasPrefix(line, "CODE-128:"):
			bar = strings.TrimPrefix(line, "CODE-128:")
		}
	}
	ring := receipt.Keyring{}
	ring.Add(testKey(t))
	c, err := receipt.Verify(qr, ring.Trusted)
	if err != nil {
		t.Fatalf("scanned QR %q: %v", qr, err)
	}
	if c.Code != "000.00.06.H56-231027-0361" || c.Procedure != "1.001193.000.00.00.H56" {
		t.Fatalf("claims %+v", c)
	}
	if bar != c.Code {
		t.Fatalf("barcode reads %q, want %q", bar, c.Code)
	}
}

func BenchmarkReceiptPDF(b *testing.B) {
	d, in := buildCase(b, goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false})
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := PDF(&buf, d, in.Now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "bytes")
}

// BenchmarkReceiptBuildPDF includes signing the QR and building the layout.
func BenchmarkReceiptBuildPDF(b *testing.B) {
	in := testInput(b, desk.FormsTT03, KindReceipt)
	k := testKey(b)
	var buf bytes.Buffer
	for b.Loop() {
		qr, err := SignReceipt(in.Office, in.Dossier, k)
		if err != nil {
			b.Fatal(err)
		}
		in.QR = qr
		d, err := Build(KindReceipt, in)
		if err != nil {
			b.Fatal(err)
		}
		buf.Reset()
		if err := PDF(&buf, d, in.Now); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReceiptPDFColdQR encodes the QR on every run (a new dossier's
// receipt): the cost at the counter.
func BenchmarkReceiptPDFColdQR(b *testing.B) {
	d, in := buildCase(b, goldenCase{"tt03-2025-01", desk.FormsTT03, KindReceipt, false})
	var buf bytes.Buffer
	for b.Loop() {
		qrCache.Lock()
		clear(qrCache.m)
		qrCache.keys = qrCache.keys[:0]
		qrCache.Unlock()
		buf.Reset()
		if err := PDF(&buf, d, in.Now); err != nil {
			b.Fatal(err)
		}
	}
}
