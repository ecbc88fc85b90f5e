package xlsx

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/dossier"
	"motcua/report"
)

var zone = dossier.Zone

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, zone)
	if err != nil {
		panic(err)
	}
	return t
}

type names map[string]string

func (n names) FieldName(c string) string     { return n["f:"+c] }
func (n names) ProcedureName(c string) string { return n["p:"+c] }

var testNames = names{"f:HT": "Hộ tịch", "f:DD": "Đất đai", "p:1.001193": "Đăng ký khai sinh", "p:1.004227": "Đăng ký biến động đất đai"}

// facts: March 2026 with known II.06a columns.
func facts() report.SliceSource {
	rcv := func(id uint64, field string, ch dossier.Channel, recv, appt string) report.Fact {
		proc := "1.001193"
		if field == "DD" {
			proc = "1.004227"
		}
		f := report.Fact{ID: id, Code: "000.00.06.H56-2603" + string(rune('0'+id%10)), Kind: dossier.KindDossier, Status: dossier.StatusProcessing,
			Channel: ch, ReceivedAt: at(recv), ProcedureCode: proc, FieldCode: field, Clerk: "clerk-a", Digitised: id%2 == 0}
		if appt != "" {
			f.Appointment, f.FirstAppointment = at(appt), at(appt)
		}
		return f
	}
	done := func(f report.Fact, st dossier.Status, end string) report.Fact {
		f.Status, f.FinishedAt = st, at(end)
		return f
	}
	return report.SliceSource{
		done(rcv(1, "HT", dossier.ChannelDirect, "2026-03-10 08:00", "2026-03-17 17:00"), dossier.StatusResultReady, "2026-03-12 09:00"), // early
		done(rcv(2, "HT", dossier.ChannelOnline, "2026-03-10 09:00", "2026-03-17 17:00"), dossier.StatusReturned, "2026-03-17 16:00"),    // on time
		done(rcv(3, "DD", dossier.ChannelPostal, "2026-03-10 09:30", "2026-03-12 17:00"), dossier.StatusResultReady, "2026-03-13 09:00"), // late
		rcv(4, "DD", dossier.ChannelDirect, "2026-02-20 08:00", "2026-02-27 17:00"),                                                      // carried, pending late
		rcv(5, "HT", dossier.ChannelDirect, "2026-03-30 08:00", "2026-04-06 17:00"),                                                      // pending in time
		{ID: 6, Code: "HD-260310-0001", Kind: dossier.KindGuidance, ReceivedAt: at("2026-03-10 10:00"), ProcedureCode: "1.001193", FieldCode: "HT", Clerk: "clerk-b"},
		{ID: 7, Code: "000.00.06.H56-260310-0007", Kind: dossier.KindDossier, Status: dossier.StatusRefused, ReceivedAt: at("2026-03-10 10:15"), FinishedAt: at("2026-03-10 10:15"), ProcedureCode: "1.004227", FieldCode: "DD", Clerk: "clerk-b"},
	}
}

func reopen(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func val(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatalf("%s!%s: %v", sheet, cell, err)
	}
	return v
}

func opts() Options {
	return Options{Now: at("2026-04-02 09:30"), Office: "Bộ phận Một cửa UBND xã Hoằng Hóa", Names: testNames}
}

func period(t *testing.T) *report.Period {
	p, err := report.BuildPeriod(facts(), report.PeriodOptions{From: at("2026-03-01 00:00"), To: at("2026-03-31 00:00"), Names: testNames,
		Header: report.PeriodHeader{Reporter: "Bộ phận Một cửa UBND xã Hoằng Hóa", Recipient: "Văn phòng UBND tỉnh Thanh Hóa", Place: "Hoằng Hóa", Prepared: at("2026-04-02 09:00"), Preparer: "Lê Thị Bình", Head: "Nguyễn Văn Cường"}})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWritePeriod(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePeriod(&buf, period(t), opts()); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, buf.Bytes())
	if got := f.GetSheetList(); !slices.Equal(got, []string{PeriodSheet}) {
		t.Fatalf("sheets %v", got)
	}
	sh := PeriodSheet
	for cell, want := range map[string]string{
		"A1": "Biểu số II.06a/VPCP/KSTT",
		"I1": "Đơn vị báo cáo: Bộ phận Một cửa UBND xã Hoằng Hóa",
		"I2": "Đơn vị nhận báo cáo: Văn phòng UBND tỉnh Thanh Hóa",
		"A3": "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
		"A4": "Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026",
		"A7": "TT", "B7": "Lĩnh vực, công việc giải quyết theo cấp", "C7": "Số hồ sơ nhận giải quyết",
		"G7": "Kết quả giải quyết: số hồ sơ đã giải quyết", "K7": "Số hồ sơ đang giải quyết",
		"C8": "Tổng số", "D8": "Trong đó", "D9": "Số mới tiếp nhận trực tuyến", "F9": "Số từ kỳ trước chuyển qua",
		"H9": "Trước hạn", "I9": "Đúng hạn", "J9": "Quá hạn", "L9": "Trong hạn", "M9": "Quá hạn",
		"A10": "(1)", "B10": "(2)", "M10": "(13)",
		// Đất đai first (folded order), then Hộ tịch, then the totals.
		"A11": "1", "B11": "Đất đai", "C11": "2", "D11": "0", "E11": "1", "F11": "1", "G11": "1", "J11": "1", "K11": "1", "M11": "1",
		"A12": "2", "B12": "Hộ tịch", "C12": "3", "D12": "1", "E12": "2", "F12": "0", "G12": "2", "H12": "1", "I12": "1", "K12": "1", "L12": "1",
		"A13": "Tổng cộng", "C13": "5", "D13": "1", "E13": "3", "F13": "1", "G13": "3", "H13": "1", "I13": "1", "J13": "1", "K13": "2", "L13": "1", "M13": "1",
		"I15": "Hoằng Hóa, ngày 02 tháng 04 năm 2026", "A16": "NGƯỜI LẬP BIỂU", "I16": "THỦ TRƯỞNG ĐƠN VỊ", "A21": "Lê Thị Bình", "I21": "Nguyễn Văn Cường",
	} {
		if got := val(t, f, sh, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
	}
	merges, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	var ranges []string
	for _, m := range merges {
		ranges = append(ranges, m.GetStartAxis()+":"+m.GetEndAxis())
	}
	for _, want := range []string{"A7:A9", "B7:B9", "C7:F7", "G7:J7", "K7:M7", "C8:C9", "D8:F8", "G8:G9", "H8:J8", "K8:K9", "L8:M8", "A13:B13", "A3:M3"} {
		if !slices.Contains(ranges, want) {
			t.Errorf("merged range %s missing (have %v)", want, ranges)
		}
	}
	if w, _ := f.GetColWidth(sh, "B"); w != 42 {
		t.Errorf("column B width %v", w)
	}
	id, _ := f.GetCellStyle(sh, "E12")
	st, err := f.GetStyle(id)
	if err != nil || len(st.Border) != 4 || st.Font == nil || st.Font.Family != "Times New Roman" {
		t.Errorf("data cell style: %+v %v", st, err)
	}
}

func dashboard(t *testing.T) *report.Dashboard {
	d, err := report.BuildDashboard(facts(), report.DashboardOptions{From: at("2026-03-10 00:00"), Now: at("2026-03-10 15:00"), Names: testNames, Records: true,
		Sync: report.SyncState{Known: true, Pending: 4, Quarantined: 1, LastSeq: 120, Acked: 116}})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func book() []report.BookEntry {
	return []report.BookEntry{{No: 1, ID: 1, Code: "000.00.06.H56-260310-0001", Procedure: "Đăng ký khai sinh", Sets: 1, Owner: "Trần Thị Cúc", AddressPhone: "Xóm 2; 0987654321",
		Agency: "UBND xã", Received: at("2026-03-10 08:00"), Appointment: at("2026-03-17 17:00"), Transferred: at("2026-03-10 09:15"), ResultIn: at("2026-03-12 09:00"), Note: "Bổ sung 1 lần"}}
}

func TestWriteDay(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDay(&buf, dashboard(t), book(), opts()); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, buf.Bytes())
	if got := f.GetSheetList(); !slices.Equal(got, []string{SummarySheet, ChannelSheet, ProcedureSheet, FieldSheet, ClerkSheet, ListSheet, BookSheet}) {
		t.Fatalf("sheets %v", got)
	}
	checks := map[string]map[string]string{
		SummarySheet: {
			"A1": "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", "A3": "Kỳ: ngày 10/03/2026", "A4": "Số liệu tại thời điểm 15:00 10/03/2026",
			"B7": "Hồ sơ tiếp nhận", "C7": "3",
			"B8": "– trực tuyến", "C8": "1", "D8": "33.3%",
			"C9": "1", "C10": "1", // direct, postal
			"C11": "1", "C12": "1", "C13": "0", // guidance, refused, pending
			"B14": "Hồ sơ có thành phần được số hóa", "C14": "1", "D14": "33.3%",
			"C16": "1", // overdue: dossier 4
			"C17": "0", // nothing finished on 10/03
			"B22": "Đồng bộ: sự kiện chờ gửi", "C22": "4", "C23": "1", "C24": "120 / 116",
		},
		ChannelSheet: {"A5": "TT", "B6": "1", "C6": "Trực tiếp", "D6": "1", "E6": "1", "F6": "1", "G6": "3", "C7": "Trực tuyến", "C8": "Bưu chính công ích", "A9": "Tổng cộng", "D9": "3", "E9": "1", "F9": "1", "G9": "5"},
		ProcedureSheet: {"B6": "1.001193", "C6": "Đăng ký khai sinh", "D6": "2", "E6": "1", "F6": "0",
			"B7": "1.004227", "C7": "Đăng ký biến động đất đai", "D7": "1", "F7": "1"},
		FieldSheet: {"C6": "Hộ tịch", "D6": "2", "C7": "Đất đai", "D7": "1"},
		ClerkSheet: {"B6": "clerk-a", "D6": "3", "B7": "clerk-b", "E7": "1", "F7": "1", "G7": "2"},
		ListSheet: {"B5": "Mã hồ sơ / số phiếu", "A6": "1", "C6": "Tiếp nhận", "E6": "Đăng ký khai sinh", "F6": "Hộ tịch", "G6": "Trực tiếp", "H6": "Đã xử lý xong", "I6": "10/03/2026 08:00", "J6": "17/03/2026 17:00",
			"C9": "Hướng dẫn bổ sung", "H9": "", "C10": "Từ chối tiếp nhận", "H10": "Không được tiếp nhận", "J10": "", "A11": ""},
		BookSheet: {"A1": "SỔ THEO DÕI HỒ SƠ", "H4": "Ngày, tháng, năm", "H5": "Nhận hồ sơ", "L5": "Trả kết quả cho cá nhân, tổ chức", "M4": "Ký nhận", "N6": "(14)",
			"A7": "1", "B7": "000.00.06.H56-260310-0001", "E7": "Trần Thị Cúc", "F7": "Xóm 2; 0987654321", "H7": "10/03/2026 08:00", "J7": "10/03/2026 09:15", "K7": "12/03/2026 09:00", "L7": "", "N7": "Bổ sung 1 lần"},
	}
	for sh, cells := range checks {
		for cell, want := range cells {
			if got := val(t, f, sh, cell); got != want {
				t.Errorf("%s!%s = %q, want %q", sh, cell, got, want)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteDay(&a, dashboard(t), book(), opts()); err != nil {
		t.Fatal(err)
	}
	if err := WriteDay(&b, dashboard(t), book(), opts()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two exports of the same dashboard differ")
	}
	var c bytes.Buffer
	o := opts()
	o.Now = o.Now.Add(time.Hour)
	if err := WriteDay(&c, dashboard(t), book(), o); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("the export time is not in the file")
	}
	props, err := reopen(t, a.Bytes()).GetDocProps()
	if err != nil || props.Created != "2026-04-02T02:30:00Z" || props.Modified != props.Created || !strings.HasPrefix(props.Title, "Báo cáo tiếp nhận hồ sơ ngày 10/03/2026") {
		t.Fatalf("doc props %+v %v", props, err)
	}
}

func TestOptionsRequired(t *testing.T) {
	var buf bytes.Buffer
	if err := WritePeriod(&buf, period(t), Options{}); err == nil || !strings.Contains(err.Error(), "Options.Now") {
		t.Fatalf("missing clock: %v", err)
	}
	if buf.Len() != 0 {
		t.Fatal("wrote a file on error")
	}
}

func TestWriteBook(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteBook(&buf, book(), "Tháng 3 năm 2026", opts()); err != nil {
		t.Fatal(err)
	}
	f := reopen(t, buf.Bytes())
	if got := val(t, f, BookSheet, "A2"); got != "Bộ phận Một cửa UBND xã Hoằng Hóa — Tháng 3 năm 2026" {
		t.Errorf("subtitle %q", got)
	}
	if got := val(t, f, BookSheet, "C7"); got != "Đăng ký khai sinh" {
		t.Errorf("procedure %q", got)
	}
}
