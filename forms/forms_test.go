package forms

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/receipt"
	"motcua/workday"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// needTool returns the path of an external tool, skipping the test when it
// is missing unless MOTCUA_REQUIRE_TOOLS=1 (CI), where it fails.
func needTool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("MOTCUA_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%s is required (MOTCUA_REQUIRE_TOOLS=1) but not installed: apt-get install %s", name, pkg)
		}
		t.Skipf("%s not installed (apt-get install %s); set MOTCUA_REQUIRE_TOOLS=1 to make this a failure", name, pkg)
	}
	return p
}

func TestFontCoverage(t *testing.T) {
	want := []rune("₫ĐđƠơƯưĂăÂâÊêÔôĨĩŨũÀÁẢÃẠàáảãạ–…“”")
	for r := rune(0x1EA0); r <= 0x1EF9; r++ {
		want = append(want, r)
	}
	for _, s := range []Style{Regular, Bold, Italic, BoldItalic} {
		for _, r := range want {
			if !Covers(s, r) {
				t.Errorf("style %q lacks %U %c", s, r, r)
			}
		}
	}
	if Covers(Regular, '中') {
		t.Error("Noto Serif has no CJK; Covers must say so")
	}
}

func TestClean(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Nguye\u0302\u0303n", "Nguyễn"}, // decomposed → NFC
		{"a\tb\r\nc", "a b\nc"},
		{"x\u200By\uFEFF", "xy"},
		{"Lý 中 Minh", "Lý ? Minh"},
		{"bad \xff byte", "bad ? byte"},
	}
	for _, tc := range cases {
		if got := Clean(tc.in); got != tc.want {
			t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	f := fBody
	cases := []struct {
		in    string
		w     float64
		lines []string
	}{
		{"", 50, []string{""}},
		{"Một hai ba", 500, []string{"Một hai ba"}},
		{"  Một   hai  ", 500, []string{"Một hai"}},
		{"a\n\nb", 500, []string{"a", "", "b"}},
		{"000.00.06.H56-231027-0361", 32, []string{"000.00.06.H56-", "231027-0361"}},
		{"000.00.06.H56-231027-0361", 24, []string{"000.00.06.", "H56-231027-", "0361"}},
	}
	for _, tc := range cases {
		got := Wrap(f, tc.w, tc.in)
		if strings.Join(got, "|") != strings.Join(tc.lines, "|") {
			t.Errorf("Wrap(%q, %v) = %q, want %q", tc.in, tc.w, got, tc.lines)
		}
	}
	// Every line fits, and no word is lost.
	long := strings.Repeat("Giấy chứng nhận quyền sử dụng đất ", 12)
	for _, w := range []float64{20, 45, 80, 170} {
		lines := Wrap(f, w, long)
		for _, l := range lines {
			if Width(f, l) > w+1e-6 {
				t.Errorf("w=%v: %q is %.2f mm", w, l, Width(f, l))
			}
		}
		if strings.Join(strings.Fields(strings.Join(lines, " ")), " ") != strings.TrimSpace(long) {
			t.Errorf("w=%v: words changed", w)
		}
	}
}

func TestWidth(t *testing.T) {
	// Widths scale with size and are additive.
	a, b := Width(fBody, "Hạc "), Width(fBody, "Thành")
	if d := Width(fBody, "Hạc Thành") - a - b; d > 1e-9 || d < -1e-9 {
		t.Fatal("not additive")
	}
	big := Font{Family, Regular, 23}
	if r := Width(big, "Hạc") / Width(fBody, "Hạc"); r < 1.999 || r > 2.001 {
		t.Fatalf("ratio %v", r)
	}
	if Width(fBold, "HẠC THÀNH") <= Width(fBody, "HẠC THÀNH") {
		t.Fatal("bold is not wider")
	}
}

func TestFormat(t *testing.T) {
	tm := time.Date(2023, 10, 27, 9, 2, 0, 0, dossier.Zone)
	cases := []struct{ got, want string }{
		{TimeVN(tm), "09 giờ 02 phút, ngày 27 tháng 10 năm 2023"},
		{TimeVN(tm.UTC()), "09 giờ 02 phút, ngày 27 tháng 10 năm 2023"},
		{DateLine("Thanh Hóa", tm), "Thanh Hóa, ngày 27 tháng 10 năm 2023"},
		{DateLine("Hà Nội", time.Date(2026, 2, 5, 0, 0, 0, 0, dossier.Zone)), "Hà Nội, ngày 05 tháng 02 năm 2026"},
		{DateLine("Huế", time.Date(2026, 3, 9, 0, 0, 0, 0, dossier.Zone)), "Huế, ngày 09 tháng 3 năm 2026"},
		{DateVN(tm), "27/10/2023"},
		{Money(100000), "100.000 đồng"},
		{Money(1250000), "1.250.000 đồng"},
		{Money(500), "500 đồng"},
		{Money(0), "0 đồng"},
		{LimitVN(workday.Limit{Value: 5, Unit: workday.WorkingDays}), "5 ngày làm việc"},
		{LimitVN(workday.Limit{Value: 0.5, Unit: workday.WorkingDays}), "0,5 ngày làm việc"},
		{LimitVN(workday.Limit{Value: 30, Unit: workday.Days}), "30 ngày"},
		{LimitVN(workday.Limit{Value: 8, Unit: workday.Hours}), "8 giờ làm việc"},
		{LimitVN(workday.Limit{Value: 2, Unit: workday.Months}), "2 tháng"},
		{LimitVN(workday.Limit{Unit: workday.SameDay}), "Trong ngày làm việc"},
		{LimitVN(workday.Limit{Unit: workday.NoLimit}), "Không quy định thời hạn"},
		{StepResult(at(2023, 11, 2, 10, 0), at(2023, 11, 3, 9, 32)), Early},
		{StepResult(at(2023, 11, 3, 8, 0), at(2023, 11, 3, 9, 32)), OnTime},
		{StepResult(at(2023, 11, 3, 9, 32), at(2023, 11, 3, 9, 32)), OnTime},
		{StepResult(at(2023, 11, 3, 9, 33), at(2023, 11, 3, 9, 32)), Late},
		{StepResult(at(2023, 11, 3, 9, 33), time.Time{}), ""},
	}
	for i, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("case %d: %q, want %q", i, tc.got, tc.want)
		}
	}
}

func TestKinds(t *testing.T) {
	cases := []struct {
		set  desk.FormSet
		num  string
		kind Kind
		err  string
	}{
		{desk.FormsTT03, "01", KindReceipt, ""},
		{desk.FormsTT03, "5", KindStop, ""},
		{desk.FormsTT03, "06", KindControl, ""},
		{desk.FormsTT03, "Mẫu 07", KindBook, ""},
		{"", "07", KindBook, ""},
		{desk.FormsTT01, "05", KindControl, ""},
		{desk.FormsTT01, "06", KindBook, ""},
		{desk.FormsTT01, "07", 0, "does not exist"},
		{desk.FormsTT03, "00", 0, "does not exist"},
		{desk.FormsTT03, "x", 0, "does not exist"},
		{"tt99", "01", 0, "unknown form set"},
	}
	for _, tc := range cases {
		k, err := KindOf(tc.set, tc.num)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %s: err %v, want %q", tc.set, tc.num, err, tc.err)
			}
			continue
		}
		if err != nil || k != tc.kind {
			t.Errorf("%s %s: %v %v", tc.set, tc.num, k, err)
		}
	}
	if _, ok := KindStop.Number(desk.FormsTT01); ok {
		t.Error("TT 01 has no stop notice")
	}
	if n, _ := KindControl.Number(desk.FormsTT01); n != "05" {
		t.Errorf("TT 01 control slip = %s", n)
	}
	if KindApology.Title(desk.FormsTT03) != "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết" ||
		KindApology.Title(desk.FormsTT01) != "Phiếu xin lỗi và hẹn lại ngày trả kết quả" {
		t.Error("form 04 titles")
	}
	var k Kind
	if err := k.UnmarshalText([]byte("book")); err != nil || k != KindBook {
		t.Error("slug round trip")
	}
	if err := k.UnmarshalText([]byte("nope")); err == nil {
		t.Error("bad slug accepted")
	}
}

func TestForEvent(t *testing.T) {
	d := testDossier()
	g := testGuidance()
	cases := []struct {
		set  desk.FormSet
		d    *dossier.Dossier
		ev   dossier.Event
		want []Kind
	}{
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvReceived}, []Kind{KindReceipt, KindControl}},
		{desk.FormsTT01, d, dossier.Event{Kind: dossier.EvReceived}, []Kind{KindReceipt, KindControl}},
		{desk.FormsTT03, g, dossier.Event{Kind: dossier.EvGuidance}, []Kind{KindSupplement}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvSupplementRequest}, []Kind{KindSupplement}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvRefused}, []Kind{KindRefusal}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvResultReady, Result: dossier.ResultRefused}, []Kind{KindRefusal}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvResultReady, Result: dossier.ResultApproved}, nil},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvExtended}, []Kind{KindApology}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvStopped}, []Kind{KindStop}},
		{desk.FormsTT01, d, dossier.Event{Kind: dossier.EvStopped}, nil},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvTransferred}, []Kind{KindControl}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvReturned}, []Kind{KindReturn}},
		{desk.FormsTT03, d, dossier.Event{Kind: dossier.EvNote}, nil},
		{desk.FormsTT03, g, dossier.Event{Kind: dossier.EvNote}, nil},
	}
	for i, tc := range cases {
		got, ok := ForEvent(tc.set, tc.d, tc.ev)
		if ok != (len(tc.want) > 0) || len(got) != len(tc.want) {
			t.Errorf("case %d (%s): %v %v, want %v", i, tc.ev.Kind, got, ok, tc.want)
			continue
		}
		for j := range got {
			if got[j] != tc.want[j] {
				t.Errorf("case %d: %v, want %v", i, got, tc.want)
			}
		}
	}
}

// goldenCases are every form of both sets, plus a reprint.
type goldenCase struct {
	name string
	set  desk.FormSet
	kind Kind
	copy bool
}

func goldenCases() []goldenCase {
	var out []goldenCase
	for _, set := range []desk.FormSet{desk.FormsTT03, desk.FormsTT01} {
		for _, k := range Kinds {
			if n, ok := k.Number(set); ok {
				out = append(out, goldenCase{string(set) + "-" + n, set, k, false})
			}
		}
	}
	return append(out, goldenCase{"tt03-2025-01-copy", desk.FormsTT03, KindReceipt, true})
}

func buildCase(t testing.TB, gc goldenCase) (*Document, Input) {
	t.Helper()
	in := testInput(t, gc.set, gc.kind)
	in.Copy = gc.copy
	d, err := Build(gc.kind, in)
	if err != nil {
		t.Fatalf("%s: %v", gc.name, err)
	}
	return d, in
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test ./forms -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test ./forms -run Golden -update, then review the diff)", p)
	}
}

// TestGoldenLayouts pins each form's layout model (JSON) and its text.
func TestGoldenLayouts(t *testing.T) {
	for _, gc := range goldenCases() {
		t.Run(gc.name, func(t *testing.T) {
			d, _ := buildCase(t, gc)
			j, err := d.JSON()
			if err != nil {
				t.Fatal(err)
			}
			golden(t, gc.name+".json", j)
			golden(t, gc.name+".txt", []byte(d.PlainText()))
			title := upper(gc.kind.Title(gc.set))
			if !strings.Contains(d.PlainText(), title) {
				t.Errorf("title %q not printed", title)
			}
			checkInside(t, d)
		})
	}
}

// checkInside asserts that every element lies on its page.
func checkInside(t *testing.T, d *Document) {
	t.Helper()
	for pi, p := range d.Pages {
		in := func(what string, x, y, w, h float64) {
			if x < -1e-6 || y < -1e-6 || x+w > p.W+1e-6 || y+h > p.H+1e-6 {
				t.Errorf("page %d: %s at (%.1f,%.1f) %.1f×%.1f is off the %.0f×%.0f page", pi+1, what, x, y, w, h, p.W, p.H)
			}
		}
		for _, it := range p.Items {
			switch {
			case it.Text != nil:
				in("text "+strings.Join(it.Text.Lines, "/"), it.Text.X, it.Text.Y, it.Text.W, it.Text.Height())
				for _, l := range it.Text.Lines {
					if Width(it.Text.Font, l) > it.Text.W+0.01 {
						t.Errorf("page %d: %q is wider than its box", pi+1, l)
					}
				}
			case it.Table != nil:
				tb := it.Table
				w := 0.0
				for _, c := range tb.Cols {
					w += c
				}
				in("table", tb.X, tb.Y, w, tb.Height())
			case it.Image != nil:
				in("image", it.Image.X, it.Image.Y, it.Image.W, it.Image.H)
			}
		}
	}
}

func TestBuildErrors(t *testing.T) {
	base := testInput(t, desk.FormsTT03, KindReceipt)
	cases := []struct {
		name string
		kind Kind
		mut  func(*Input)
		want string
	}{
		{"no office", KindReceipt, func(in *Input) { in.Office = desk.Office{} }, "office settings lack"},
		{"no QR", KindReceipt, func(in *Input) { in.QR = "" }, "signed receipt QR"},
		{"guidance receipt", KindReceipt, func(in *Input) { in.Dossier = testGuidance() }, "guidance record prints form 02"},
		{"refused receipt", KindReceipt, func(in *Input) { in.Dossier = testRefused() }, "print form 03"},
		{"no dossier", KindControl, func(in *Input) { in.Dossier = nil }, "needs a dossier"},
		{"copy without time", KindReceipt, func(in *Input) { in.Copy, in.Now = true, time.Time{} }, "print time"},
		{"stop in TT01", KindStop, func(in *Input) { in.Office.Forms = desk.FormsTT01 }, "has no"},
		{"no extension", KindApology, func(in *Input) { in.Dossier = testStopped() }, "no extended event"},
		{"no stop", KindStop, func(in *Input) {}, "no stopped or withdrawn event"},
		{"wrong event index", KindApology, func(in *Input) { in.Event = 1 }, "not extended"},
		{"event out of range", KindApology, func(in *Input) { in.Event = 99 }, "no history entry 99"},
		{"no supplement", KindSupplement, func(in *Input) {}, "supplement request"},
		{"not refused", KindRefusal, func(in *Input) {}, "neither refused"},
		{"book without days", KindBook, func(in *Input) {}, "first and last receipt days"},
		{"book reversed", KindBook, func(in *Input) { in.From, in.To = at(2023, 10, 28, 0, 0), at(2023, 10, 27, 0, 0) }, "before its first day"},
		{"control of guidance", KindControl, func(in *Input) { in.Dossier = testGuidance() }, "received dossier"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := base
			in.Dossier = testDossier()
			tc.mut(&in)
			_, err := Build(tc.kind, in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSupplementAfterAppraisal(t *testing.T) {
	d := testDossier()
	d.History = d.History[:2]
	d.Status, d.Extended, d.Appointment = dossier.StatusProcessing, false, d.FirstAppointment
	if err := d.Apply(dossier.Event{Kind: dossier.EvSupplementRequest, At: at(2023, 10, 30, 9, 0), Actor: "x",
		Items: []string{"Hộ chiếu của người cha (bản dịch có chứng thực)", "Giấy xác nhận của cơ quan xuất nhập cảnh"}, Note: "Bản dịch hộ chiếu chưa được chứng thực"}); err != nil {
		t.Fatal(err)
	}
	in := testInput(t, desk.FormsTT03, KindSupplement)
	in.Dossier = d
	doc, err := Build(KindSupplement, in)
	if err != nil {
		t.Fatal(err)
	}
	txt := doc.PlainText()
	for _, want := range []string{"Số: …………/HDHS", "Giấy xác nhận của cơ quan xuất nhập cảnh", "Bản dịch hộ chiếu chưa được chứng thực", "ngày 30 tháng 10 năm 2023"} {
		if !strings.Contains(txt, want) {
			t.Errorf("missing %q", want)
		}
	}
}

func TestReceiptVariants(t *testing.T) {
	in := testInput(t, desk.FormsTT03, KindReceipt)
	d := in.Dossier
	d.FirstAppointment = time.Time{}
	d.ReturnBy = dossier.ReturnByPost
	d.Owner = &dossier.Party{Kind: dossier.PartyBusiness, Name: "Công ty TNHH Xây dựng Đông Sơn", TaxCode: "2801234567", Address: "Khu công nghiệp Lễ Môn, tỉnh Thanh Hóa"}
	d.Authorisation = "Giấy ủy quyền số 15/UQ ngày 20/10/2023"
	d.Fees = nil
	qr, err := SignReceipt(in.Office, d, testKey(t))
	if err != nil {
		t.Fatal(err)
	}
	in.QR = qr
	doc, err := Build(KindReceipt, in)
	if err != nil {
		t.Fatal(err)
	}
	txt := strings.ReplaceAll(doc.PlainText(), "\n", " ")
	for _, want := range []string{
		NoAppointment,
		"Qua dịch vụ bưu chính công ích, đến địa chỉ: Khu công nghiệp Lễ Môn",
		"Chủ hồ sơ:", "Tổ chức Công ty TNHH Xây dựng Đông Sơn", "Giấy ủy quyền số 15/UQ",
		"Phí, lệ phí (nếu có): Không",
		"(Liên 1: Lưu tại Bộ phận Một cửa)", "(Liên 2: Giao người nộp hồ sơ)",
	} {
		if !strings.Contains(txt, want) {
			t.Errorf("missing %q", want)
		}
	}
	// The QR carries no personal data.
	for _, p := range []string{d.Submitter.Name, d.Submitter.IDNumber, d.Submitter.Phone, "Tuyết", "038190001234"} {
		if strings.Contains(in.QR, p) {
			t.Errorf("QR contains %q", p)
		}
	}
	ring := receipt.Keyring{}
	ring.Add(testKey(t))
	c, err := receipt.Verify(in.QR, ring.Trusted)
	if err != nil || !c.Appointment.IsZero() || c.Code != string(d.Code) {
		t.Fatalf("%+v %v", c, err)
	}
}

func TestBookContent(t *testing.T) {
	in := testInput(t, desk.FormsTT03, KindBook)
	doc, err := Build(KindBook, in)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.Pages[0].Landscape() {
		t.Fatal("the book is landscape")
	}
	txt := doc.PlainText()
	// Refused dossiers and guidance records are not in the book; dossiers
	// are in receipt order.
	if strings.Contains(txt, "-0362") || strings.Contains(txt, "HD-231027") {
		t.Error("refused dossier or guidance record listed")
	}
	i1, i3, i4 := strings.Index(txt, "-0361"), strings.Index(txt, "-0363"), strings.Index(txt, "-0364")
	// -0361 and -0363 share the receipt time (ordered by code), -0364
	// came later.
	if i1 < 0 || i3 < 0 || i4 < 0 || !(i1 < i3 && i3 < i4) {
		t.Errorf("order: %d %d %d", i1, i3, i4)
	}
	if !strings.Contains(txt, "Tổng số: 3 hồ sơ") {
		t.Error("total")
	}
	// A long book repeats its header on every page and numbers the pages.
	var many []*dossier.Dossier
	for i := range 60 {
		d := testDossier()
		d.Code = dossier.Code("000.00.06.H56-231027-" + string(rune('0'+i/10)) + string(rune('0'+i%10)) + "00")
		many = append(many, d)
	}
	in.Dossiers = many
	doc, err = Build(KindBook, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) < 3 {
		t.Fatalf("%d pages for 60 dossiers", len(doc.Pages))
	}
	for i, p := range doc.Pages {
		var hasHeader, hasNumber bool
		for _, it := range p.Items {
			if it.Table != nil && it.Table.Rows[0].Header && strings.Contains(it.Table.Rows[0].Cells[1].Texts[0].Lines[0], "Mã hồ sơ") {
				hasHeader = true
			}
			if it.Text != nil && strings.HasPrefix(it.Text.Lines[0], "Trang ") {
				hasNumber = true
			}
		}
		if !hasHeader || !hasNumber {
			t.Errorf("page %d: header %v, number %v", i+1, hasHeader, hasNumber)
		}
	}
	checkInside(t, doc)
	// An empty period prints one explanatory row.
	in.Dossiers = nil
	doc, err = Build(KindBook, in)
	if err != nil || !strings.Contains(doc.PlainText(), "Không có hồ sơ") {
		t.Fatalf("empty book: %v", err)
	}
}

// TestLetterContent checks the facts each letter must carry, on top of the
// golden files.
func TestLetterContent(t *testing.T) {
	flat := func(k Kind, set desk.FormSet) string {
		d, err := Build(k, testInput(t, set, k))
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(d.PlainText(), "\n", " ")
	}
	cases := []struct {
		kind Kind
		set  desk.FormSet
		want []string
	}{
		{KindSupplement, desk.FormsTT03, []string{"Số: HD-231027-0012/HDHS", "Giấy tờ chứng minh nơi cư trú của cha, mẹ", "thiếu bản dịch tiếng Việt có chứng thực", "Lý do: Hồ sơ còn thiếu", "NGƯỜI HƯỚNG DẪN"}},
		{KindRefusal, desk.FormsTT03, []string{"Số: …………/TCHS", "không thuộc thẩm quyền", "Xin thông báo cho Ông (Bà) được biết và thực hiện."}},
		{KindApology, desk.FormsTT03, []string{"V/v xin lỗi và đề nghị gia hạn", "09 giờ 32 phút, ngày 03 tháng 11 năm 2023", "Lý do: cần xác minh thông tin hộ chiếu", "16 giờ 00 phút, ngày 10 tháng 11 năm 2023", "THỦ TRƯỞNG CƠ QUAN", "Nơi nhận:"}},
		{KindApology, desk.FormsTT01, []string{"Số: …………/PXL", "Hẹn lại thời gian trả kết quả giải quyết hồ sơ: 16 giờ 00 phút, ngày 10 tháng 11 năm 2023"}},
		{KindStop, desk.FormsTT03, []string{"Số: …………/TB", "dừng giải quyết kể từ 10 giờ 15 phút, ngày 30 tháng 10 năm 2023", "Lý do: Người yêu cầu có đơn đề nghị dừng"}},
		// Control slip: one row per handover with giao/nhận times and the
		// graded result (transfer on the day: on time; result on 9/11 for
		// the extended 10/11: early; returned 10/11 08:45: on time).
		{KindControl, desk.FormsTT03, []string{"1. Giao: 14 giờ 05 phút, ngày 27 tháng 10 năm 2023", "Đúng hạn", "Trước hạn", "2. Nhận: Nguyễn Thị Ánh Tuyết", "Trả kết quả", "… giờ … phút, ngày … tháng … năm …"}},
	}
	for _, tc := range cases {
		txt := flat(tc.kind, tc.set)
		for _, w := range tc.want {
			if !strings.Contains(strings.ReplaceAll(txt, "  ", " "), w) && !strings.Contains(strings.ReplaceAll(txt, " ", ""), strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s %s: missing %q", tc.set, tc.kind, w)
			}
		}
	}
}
