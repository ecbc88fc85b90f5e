package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
	"motcua/report"
)

var zone = dossier.Zone

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, zone)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

type names map[string]string

func (n names) FieldName(c string) string   { return n[c] }
func (n names) ProcedureName(string) string { return "" }

// period builds March 2026 from facts with known columns:
//
//	Hộ tịch: new online resolved early (4, 8); new direct open, due after
//	the period (5, 12); carried over, resolved late (6, 10).
//	Đất đai: new direct resolved on the appointment day (5, 9); new direct
//	open, past its appointment (5, 13).
func period(t testing.TB, extra int) *report.Period {
	t.Helper()
	f := func(id uint64, field string, ch dossier.Channel, recv, appt, fin string) report.Fact {
		x := report.Fact{ID: id, Code: fmt.Sprintf("C%d", id), Kind: dossier.KindDossier, Status: dossier.StatusProcessing, Channel: ch,
			ReceivedAt: at(t, recv), Appointment: at(t, appt), FieldCode: field, ProcedureCode: "P" + field}
		if fin != "" {
			x.Status, x.FinishedAt = dossier.StatusResultReady, at(t, fin)
		}
		return x
	}
	src := report.SliceSource{
		f(1, "HT", dossier.ChannelOnline, "2026-03-02 08:00", "2026-03-06 10:00", "2026-03-04 09:00"),
		f(2, "HT", dossier.ChannelDirect, "2026-03-30 08:00", "2026-04-03 10:00", ""),
		f(3, "HT", dossier.ChannelDirect, "2026-02-20 08:00", "2026-03-02 10:00", "2026-03-05 09:00"),
		f(4, "DD", dossier.ChannelDirect, "2026-03-03 08:00", "2026-03-10 10:00", "2026-03-10 16:00"),
		f(5, "DD", dossier.ChannelPostal, "2026-03-04 08:00", "2026-03-20 10:00", ""),
	}
	nm := names{"HT": "Hộ tịch", "DD": "Đất đai"}
	for i := range extra {
		code := fmt.Sprintf("F%03d", i)
		nm[code] = fmt.Sprintf("Lĩnh vực thử nghiệm số %03d có tên khá dài để phải xuống dòng trong ô", i)
		src = append(src, f(uint64(100+i), code, dossier.ChannelDirect, "2026-03-05 08:00", "2026-04-20 10:00", ""))
	}
	p, err := report.BuildPeriod(src, report.PeriodOptions{
		From: at(t, "2026-03-01 00:00"), To: at(t, "2026-03-31 00:00"), Names: nm,
		Header: report.PeriodHeader{Reporter: "Bộ phận Một cửa UBND phường Ba Đình", Recipient: "Văn phòng UBND thành phố", Place: "Hà Nội",
			Prepared: at(t, "2026-04-01 09:00"), Preparer: "Trần Văn Cường", Head: "Nguyễn Thị Hoa"},
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func render(t *testing.T, p *report.Period) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := WritePeriod(&b, p, Options{Now: at(t, "2026-04-01 09:30")}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfText extracts the text of a PDF with pdftotext (poppler-utils).
func pdfText(t *testing.T, data []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed; the layout test needs it")
	}
	path := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var spaces = regexp.MustCompile(`\s+`)

// numbersOf returns the numbers on the line of the text that starts with
// label (after the row number), as one space-separated string.
func numbersOf(t *testing.T, text, label string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if i := strings.Index(line, label); i >= 0 {
			return strings.TrimSpace(spaces.ReplaceAllString(line[i+len(label):], " "))
		}
	}
	t.Fatalf("no line with %q in:\n%s", label, text)
	return ""
}

func TestWritePeriod_Numbers(t *testing.T) {
	text := pdfText(t, render(t, period(t, 0)))
	for _, want := range []string{
		"Biểu số II.06a/VPCP/KSTT", "Đơn vị báo cáo: Bộ phận Một cửa UBND phường Ba Đình", "Đơn vị nhận báo cáo: Văn phòng UBND thành phố",
		"TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026",
		"Số hồ sơ nhận giải quyết", "Đúng hạn", "(13)", "Hà Nội, ngày 01 tháng 04 năm 2026", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ",
		"Trần Văn Cường", "Nguyễn Thị Hoa", "trang 1/1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q:\n%s", want, text)
		}
	}
	// Rows are sorted by folded name: Đất đai (d) before Hộ tịch (h).
	//                       3 4 5 6 7 8 9 10 11 12 13
	if got, want := numbersOf(t, text, "Đất đai"), "2 0 2 0 1 0 1 0 1 0 1"; got != want {
		t.Errorf("Đất đai row = %q, want %q", got, want)
	}
	if got, want := numbersOf(t, text, "Hộ tịch"), "3 1 1 1 2 1 0 1 1 1 0"; got != want {
		t.Errorf("Hộ tịch row = %q, want %q", got, want)
	}
	if got, want := numbersOf(t, text, "Tổng cộng"), "5 1 3 1 3 1 1 1 2 1 1"; got != want {
		t.Errorf("totals row = %q, want %q", got, want)
	}
}

// TestWritePeriod_Pages: a long report continues on further pages, each
// with the header, and the totals and signatures come last.
func TestWritePeriod_Pages(t *testing.T) {
	text := pdfText(t, render(t, period(t, 40)))
	pages := strings.Split(text, "\f")
	var n int
	for _, pg := range pages {
		if strings.TrimSpace(pg) != "" {
			n++
		}
	}
	if n < 3 {
		t.Fatalf("%d pages for 42 fields, want at least 3", n)
	}
	for i, pg := range pages[:n] {
		if !strings.Contains(pg, "Số hồ sơ nhận giải quyết") && !strings.Contains(pg, "THỦ TRƯỞNG") {
			t.Errorf("page %d has no table header", i+1)
		}
		if !strings.Contains(pg, fmt.Sprintf("trang %d/%d", i+1, n)) {
			t.Errorf("page %d lacks its number %d/%d", i+1, i+1, n)
		}
	}
	if got, want := numbersOf(t, text, "Tổng cộng"), "45 1 43 1 3 1 1 1 42 41 1"; got != want {
		t.Errorf("totals row = %q, want %q", got, want)
	}
	if !strings.Contains(pages[n-1], "THỦ TRƯỞNG ĐƠN VỊ") {
		t.Error("the signature block is not on the last page")
	}
}

func TestWritePeriod_Deterministic(t *testing.T) {
	a, b := render(t, period(t, 3)), render(t, period(t, 3))
	if !bytes.Equal(a, b) {
		t.Fatal("two renders of the same period differ")
	}
	if !bytes.HasPrefix(a, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", a[:min(len(a), 16)])
	}
}

func TestWritePeriod_BadInput(t *testing.T) {
	var b bytes.Buffer
	if err := WritePeriod(&b, nil, Options{Now: time.Now()}); err == nil || !strings.Contains(err.Error(), "nothing to render") {
		t.Errorf("nil period: %v", err)
	}
	if err := WritePeriod(&b, period(t, 0), Options{}); err == nil || !strings.Contains(err.Error(), "Options.Now") {
		t.Errorf("no date: %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("%d bytes written on error", b.Len())
	}
}

func BenchmarkWritePeriod(b *testing.B) {
	p := period(b, 60)
	now := time.Date(2026, 4, 1, 9, 30, 0, 0, zone)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePeriod(&buf, p, Options{Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}
