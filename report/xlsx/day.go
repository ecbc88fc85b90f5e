package xlsx

import (
	"fmt"
	"io"
	"strconv"

	"motcua/dossier"
	"motcua/report"
)

// Sheet names of the day workbook, in order.
const (
	SummarySheet   = "Tổng hợp"
	ChannelSheet   = "Theo kênh"
	ProcedureSheet = "Theo thủ tục"
	FieldSheet     = "Theo lĩnh vực"
	ClerkSheet     = "Theo cán bộ"
	ListSheet      = "Danh sách hồ sơ"
	BookSheet      = "Sổ theo dõi hồ sơ"
)

// Layout rows shared by the breakdown, list and book sheets: the header
// row and the first data row.
const (
	TableHeaderRow = 5
	TableFirstRow  = 6
	BookHeaderRow  = 4 // two header rows (4–5), numbered row 6
	BookFirstRow   = 7
	SummaryFirst   = 7 // first indicator row of the summary sheet (header at 6)
)

// WriteDay writes the dashboard workbook: the summary of indicators, one
// sheet per breakdown (channel, procedure, field, clerk), the list of the
// records received in the window (d.Records: build the dashboard with
// DashboardOptions.Records) and the tracking book of book.
func WriteDay(out io.Writer, d *report.Dashboard, book []report.BookEntry, opt Options) error {
	w, err := newWorkbook(opt, "Báo cáo tiếp nhận hồ sơ "+windowText(d))
	if err != nil {
		return err
	}
	w.summarySheet(d)
	w.groupSheet(ChannelSheet, "Kênh", d.ByChannel)
	w.groupSheet(ProcedureSheet, "Thủ tục hành chính", d.ByProcedure)
	w.groupSheet(FieldSheet, "Lĩnh vực", d.ByField)
	w.groupSheet(ClerkSheet, "Cán bộ tiếp nhận", d.ByClerk)
	w.listSheet(d)
	w.bookSheet(book, "Từ ngày "+dateVN(d.From)+" đến ngày "+dateVN(d.To))
	return w.finish(out)
}

// WriteBook writes only the tracking book, with a subtitle such as "Tháng
// 3 năm 2026".
func WriteBook(out io.Writer, book []report.BookEntry, subtitle string, opt Options) error {
	w, err := newWorkbook(opt, "Sổ theo dõi hồ sơ")
	if err != nil {
		return err
	}
	w.bookSheet(book, subtitle)
	return w.finish(out)
}

func windowText(d *report.Dashboard) string {
	if d.From.Equal(d.To) {
		return "ngày " + dateVN(d.From)
	}
	return "từ ngày " + dateVN(d.From) + " đến ngày " + dateVN(d.To)
}

func channelCount(gs []report.Group, c dossier.Channel) int {
	for _, g := range gs {
		if g.Key == strconv.Itoa(int(c)) {
			return g.Received.N()
		}
	}
	return 0
}

func (w *workbook) summarySheet(d *report.Dashboard) {
	st := w.st
	sh := w.sheet(SummarySheet)
	w.widths(sh, 6, 52, 12, 10, 60)
	w.merge(sh, 1, 1, 5, 1, "BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ", st.title)
	w.merge(sh, 1, 2, 5, 2, w.opt.Office, st.subtitle)
	w.merge(sh, 1, 3, 5, 3, "Kỳ: "+windowText(d), st.italic)
	w.merge(sh, 1, 4, 5, 4, "Số liệu tại thời điểm "+d.Now.In(dossier.Zone).Format("15:04 02/01/2006"), st.italic)
	if d.NamesFromCodes {
		w.merge(sh, 1, 5, 5, 5, "Chưa có danh mục: tên thủ tục và lĩnh vực được ghi bằng mã.", st.right)
	}
	w.row(sh, 6, []int{st.head}, "TT", "Chỉ tiêu", "Số lượng", "Tỷ lệ", "Cách tính")
	type line struct {
		label string
		n     any
		rate  any
		rule  string
	}
	lines := []line{
		{"Hồ sơ tiếp nhận", d.Received.N(), "", "Hồ sơ được tiếp nhận trong kỳ (theo ngày nhận)"},
		{"– trực tuyến", d.Online.N(), fraction(d.OnlineShare()), "Kênh trực tuyến ÷ hồ sơ tiếp nhận (chỉ số 766 mục 3.3)"},
		{"– trực tiếp", channelCount(d.ByChannel, dossier.ChannelDirect), "", ""},
		{"– qua dịch vụ bưu chính công ích", channelCount(d.ByChannel, dossier.ChannelPostal), "", ""},
		{"Hướng dẫn bổ sung tại quầy (Mẫu 02)", d.Guidance.N(), "", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; chưa tiếp nhận"},
		{"Từ chối tiếp nhận (Mẫu 03)", d.Refused.N(), "", ""},
		{"Hồ sơ trực tuyến chờ tiếp nhận", d.Pending.N(), "", "Trạng thái 1 (mới đăng ký)"},
		{"Hồ sơ có thành phần được số hóa", d.Digitised.N(), fraction(d.DigitisationRate()), "Có tệp quét hoặc lấy từ CSDL quốc gia ÷ hồ sơ tiếp nhận (chỉ số 766 mục 4.3)"},
		{"Hồ sơ đến hạn trả trong kỳ, chưa giải quyết", d.Due.N(), "", "Đang xử lý, ngày hẹn trả hiện tại nằm trong kỳ"},
		{"Hồ sơ quá hạn đang xử lý", d.Overdue.N(), "", "Đang xử lý, đã qua giờ hẹn trả tại thời điểm lập (không tính hồ sơ chờ bổ sung)"},
		{"Hồ sơ đã giải quyết trong kỳ", d.Resolved.N(), "", "Kết thúc xử lý trong kỳ (có kết quả, dừng, rút)"},
		{"– trước hạn", d.Early.N(), fraction(d.EarlyRate()), "So sánh theo ngày như Biểu II.06a"},
		{"– đúng hạn", d.OnTime.N(), fraction(d.OnTimeRate()), "Cùng ngày hẹn; gồm hồ sơ rút, hồ sơ không quy định thời hạn"},
		{"– quá hạn", d.Late.N(), fraction(d.LateRate()), "Sau ngày hẹn; hoặc yêu cầu bổ sung từ 2 lần"},
		{"Đúng hạn theo chỉ số 766 (mục 2.1)", d.OnTime766.N(), fraction(d.OnTimeRate766()), "Thời điểm kết thúc ≤ giờ hẹn trả (so đến giây)"},
	}
	if d.Sync.Known {
		lines = append(lines,
			line{"Đồng bộ: sự kiện chờ gửi", d.Sync.Pending, "", ""},
			line{"Đồng bộ: sự kiện bị cách ly", d.Sync.Quarantined, "", "Cần kiểm tra"},
			line{"Đồng bộ: số thứ tự cuối / đã xác nhận", fmt.Sprintf("%d / %d", d.Sync.LastSeq, d.Sync.Acked), "", ""},
		)
		if !d.Sync.LastSuccess.IsZero() {
			lines = append(lines, line{"Đồng bộ thành công lần cuối", d.Sync.LastSuccess, "", ""})
		}
	} else {
		lines = append(lines, line{"Đồng bộ", "không đọc được", "", ""})
	}
	for i, l := range lines {
		r := SummaryFirst + i
		w.set(sh, 1, r, i+1, st.cell)
		w.set(sh, 2, r, l.label, st.text)
		switch l.n.(type) {
		case int:
			w.set(sh, 3, r, l.n, st.num)
		default:
			w.set(sh, 3, r, l.n, st.date)
		}
		w.set(sh, 4, r, l.rate, st.pct)
		w.set(sh, 5, r, l.rule, st.text)
	}
}

func (w *workbook) groupSheet(name, what string, gs []report.Group) {
	st := w.st
	sh := w.sheet(name)
	w.widths(sh, 6, 16, 56, 12, 14, 12, 10)
	w.merge(sh, 1, 1, 7, 1, "HỒ SƠ TIẾP NHẬN THEO "+upperWhat(what), st.title)
	w.merge(sh, 1, 2, 7, 2, w.opt.Office, st.subtitle)
	w.row(sh, TableHeaderRow, []int{st.head}, "TT", "Mã", what, "Tiếp nhận", "Hướng dẫn bổ sung", "Từ chối tiếp nhận", "Tổng")
	r := TableFirstRow
	var tr, tg, tx int
	for i, g := range gs {
		n := g.Received.N() + g.Guidance.N() + g.Refused.N()
		w.row(sh, r, []int{st.cell, st.text, st.text, st.num}, i+1, g.Key, g.Name, g.Received.N(), g.Guidance.N(), g.Refused.N(), n)
		tr, tg, tx = tr+g.Received.N(), tg+g.Guidance.N(), tx+g.Refused.N()
		r++
	}
	w.merge(sh, 1, r, 3, r, "Tổng cộng", st.totalLabel)
	for i, v := range []int{tr, tg, tx, tr + tg + tx} {
		w.set(sh, 4+i, r, v, st.totalNum)
	}
	w.freeze(sh, TableHeaderRow)
}

func upperWhat(s string) string {
	switch s {
	case "Kênh":
		return "KÊNH"
	case "Thủ tục hành chính":
		return "THỦ TỤC HÀNH CHÍNH"
	case "Lĩnh vực":
		return "LĨNH VỰC"
	}
	return "CÁN BỘ TIẾP NHẬN"
}

// Outcome labels of the dossier list.
func outcomeLabel(o report.Outcome) string {
	switch o {
	case report.OutcomeReceived:
		return "Tiếp nhận"
	case report.OutcomeGuidance:
		return "Hướng dẫn bổ sung"
	case report.OutcomeRefused:
		return "Từ chối tiếp nhận"
	case report.OutcomePending:
		return "Chờ tiếp nhận"
	}
	return "Khác"
}

func (w *workbook) listSheet(d *report.Dashboard) {
	st := w.st
	sh := w.sheet(ListSheet)
	w.widths(sh, 6, 28, 18, 14, 44, 22, 16, 22, 17, 17, 14, 9)
	w.merge(sh, 1, 1, 12, 1, "DANH SÁCH HỒ SƠ "+upperWindow(d), st.title)
	w.merge(sh, 1, 2, 12, 2, w.opt.Office, st.subtitle)
	w.row(sh, TableHeaderRow, []int{st.head}, "TT", "Mã hồ sơ / số phiếu", "Loại", "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Kênh", "Trạng thái", "Nhận lúc", "Hẹn trả", "Cán bộ", "Số hóa")
	names := w.opt.Names
	for i, f := range d.Records {
		r := TableFirstRow + i
		status := f.Status.Vietnamese()
		o := report.Intake(f)
		if o == report.OutcomeGuidance {
			status = ""
		}
		dig := ""
		if f.Digitised {
			dig = "Có"
		}
		ch := f.Channel
		if !ch.Valid() {
			ch = dossier.ChannelDirect
		}
		w.row(sh, r, []int{st.cell, st.text, st.text, st.cell, st.text, st.text, st.text, st.text, st.date, st.date, st.cell, st.cell},
			i+1, f.Code, outcomeLabel(o), f.ProcedureCode, report.ProcedureLabel(names, f.ProcedureCode),
			report.FieldLabel(names, report.FieldKey(f, names)), ch.Vietnamese(), status, f.ReceivedAt, f.Appointment, f.Clerk, dig)
	}
	w.freeze(sh, TableHeaderRow)
	w.landscape(sh)
}

func upperWindow(d *report.Dashboard) string {
	if d.From.Equal(d.To) {
		return "NGÀY " + dateVN(d.From)
	}
	return "TỪ NGÀY " + dateVN(d.From) + " ĐẾN NGÀY " + dateVN(d.To)
}

func (w *workbook) bookSheet(book []report.BookEntry, subtitle string) {
	st := w.st
	sh := w.sheet(BookSheet)
	w.widths(sh, 6, 26, 36, 9, 24, 32, 22, 16, 16, 16, 16, 16, 12, 24)
	w.merge(sh, 1, 1, 14, 1, "SỔ THEO DÕI HỒ SƠ", st.title)
	w.merge(sh, 1, 2, 14, 2, w.opt.Office+" — "+subtitle, st.italic)
	r := BookHeaderRow
	for i, s := range []string{"STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết"} {
		w.merge(sh, i+1, r, i+1, r+1, s, st.head)
	}
	w.merge(sh, 8, r, 12, r, "Ngày, tháng, năm", st.head)
	for i, s := range []string{"Nhận hồ sơ", "Hẹn trả kết quả", "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết", "Trả kết quả cho cá nhân, tổ chức"} {
		w.set(sh, 8+i, r+1, s, st.head)
	}
	w.merge(sh, 13, r, 13, r+1, "Ký nhận", st.head)
	w.merge(sh, 14, r, 14, r+1, "Ghi chú", st.head)
	w.height(sh, r+1, 48)
	for c := 1; c <= 14; c++ {
		w.set(sh, c, r+2, fmt.Sprintf("(%d)", c), st.numRow)
	}
	for i, e := range book {
		w.row(sh, BookFirstRow+i, []int{st.cell, st.text, st.text, st.cell, st.text, st.text, st.text, st.date, st.date, st.date, st.date, st.date, st.text, st.text},
			e.No, e.Code, e.Procedure, e.Sets, e.Owner, e.AddressPhone, e.Agency, e.Received, e.Appointment, e.Transferred, e.ResultIn, e.Returned, "", e.Note)
	}
	w.freeze(sh, r+2)
	w.landscape(sh)
}
