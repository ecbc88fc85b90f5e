package supervisor

import (
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"motcua/desk"
	"motcua/dossier"
	"motcua/syncer"
	"motcua/ui/widgets"
)

// storageText is the sentence for a failed write: the disk is full, or
// read-only (desk.StorageProblem), or the generic text of widgets.
func storageText(err error) string {
	switch desk.StorageProblem(err) {
	case "disk-full":
		return tr("err.diskFull", "Ổ đĩa đã đầy, không còn chỗ để ghi. Hãy xóa bớt tệp không cần hoặc chọn nơi lưu khác rồi thử lại.")
	case "read-only":
		return tr("err.readOnly", "Không ghi được: ổ đĩa hoặc thư mục chỉ cho phép đọc, hoặc máy không có quyền ghi vào đó. Kiểm tra ổ USB (khóa chống ghi) hoặc chọn thư mục khác.")
	case "locked":
		return tr("err.locked", "Cơ sở dữ liệu đang được một chương trình motcua khác sử dụng. Chờ chương trình đó xong rồi thử lại.")
	}
	return widgets.ErrorText(err)
}

// backupText is the sentence for a failed backup.
func backupText(err error, dir string) string {
	switch desk.StorageProblem(err) {
	case "disk-full":
		return tr("backup.diskFull", "Sao lưu chưa thành công: ổ đĩa của thư mục sao lưu đã đầy ({{.D}}). Hãy xóa bớt bản sao lưu cũ hoặc cắm ổ USB khác, rồi bấm \"Sao lưu ngay\".", map[string]any{"D": dir})
	case "read-only":
		return tr("backup.readOnly", "Sao lưu chưa thành công: không ghi được vào thư mục sao lưu ({{.D}}) — ổ đĩa chỉ đọc, ổ USB bị khóa chống ghi, hoặc không có quyền ghi. Kiểm tra rồi bấm \"Sao lưu ngay\".", map[string]any{"D": dir})
	}
	return tr("backup.failed", "Sao lưu chưa thành công: {{.E}}", map[string]any{"E": widgets.ErrorText(err)})
}

// syncErrorText turns the sync worker's last error into a Vietnamese
// sentence: a hub refusal by its stable code (syncproto.ErrorBody.Code),
// or a network failure. err is the error of a progress report when there
// is one; msg is syncer.Status.LastError otherwise.
func syncErrorText(err error, msg string) string {
	if widgets.Language() == widgets.LangEnglish {
		if err != nil {
			return err.Error()
		}
		return msg
	}
	status, code := 0, ""
	var he *syncer.HubError
	if errors.As(err, &he) {
		status, code = he.Status, he.Code
	} else if m := hubErrRE.FindStringSubmatch(msg); m != nil {
		status, _ = strconv.Atoi(m[1])
		code = m[2]
	}
	if err != nil && msg == "" {
		msg = err.Error()
	}
	switch code {
	case "unknown-desk":
		return tr("sync.errUnknownDesk", "Máy chủ tỉnh không nhận ra quầy này (chưa đăng ký, hoặc đăng ký đã bị xóa). Cán bộ CNTT cần đăng ký lại quầy (motcuactl sync enroll).")
	case "signature":
		return tr("sync.errSignature", "Máy chủ tỉnh không chấp nhận chữ ký số của quầy (khóa của quầy đã đổi?). Báo cán bộ CNTT.")
	case "stale-incarnation":
		return tr("sync.errStale", "Cơ sở dữ liệu của quầy đã được khôi phục từ bản sao lưu; máy chủ tỉnh cần xác nhận lại trước khi nhận tiếp. Báo cán bộ CNTT.")
	case "token":
		return tr("sync.errToken", "Mã đăng ký quầy không đúng hoặc đã hết hạn. Xin mã mới ở máy chủ tỉnh.")
	case "malformed":
		return tr("sync.errMalformed", "Máy chủ tỉnh không đọc được dữ liệu quầy gửi lên (lỗi phần mềm). Báo cán bộ CNTT; các hồ sơ vẫn được giữ an toàn trên quầy.")
	case "unauthorised":
		return tr("sync.errUnauthorised", "Máy chủ tỉnh từ chối quyền truy cập của quầy. Báo cán bộ CNTT.")
	}
	switch {
	case status == http.StatusTooManyRequests:
		return tr("sync.errBusy", "Máy chủ tỉnh đang quá tải. Quầy sẽ tự gửi lại sau.")
	case status >= 500:
		return tr("sync.errHub", "Máy chủ tỉnh đang gặp sự cố. Quầy sẽ tự gửi lại sau; hồ sơ vẫn được giữ an toàn trên quầy.")
	case status > 0:
		return tr("sync.errRefused", "Máy chủ tỉnh từ chối yêu cầu (mã {{.S}}). Báo cán bộ CNTT.", map[string]any{"S": status})
	}
	l := strings.ToLower(msg)
	switch {
	case msg == "":
		return ""
	case strings.Contains(l, "network is unreachable"), strings.Contains(l, "no route to host"):
		return tr("sync.errNoNetwork", "Máy tính chưa kết nối mạng. Quầy vẫn làm việc bình thường và sẽ tự gửi khi có mạng.")
	case strings.Contains(l, "connection refused"), strings.Contains(l, "connection reset"), strings.Contains(l, "eof"):
		return tr("sync.errDown", "Không kết nối được máy chủ tỉnh (máy chủ không trả lời). Quầy vẫn làm việc bình thường và sẽ tự gửi lại.")
	case strings.Contains(l, "no such host"), strings.Contains(l, "server misbehaving"):
		return tr("sync.errDNS", "Không tìm thấy địa chỉ máy chủ tỉnh. Kiểm tra mạng hoặc địa chỉ máy chủ đã cấu hình.")
	case strings.Contains(l, "timeout"), strings.Contains(l, "deadline exceeded"):
		return tr("sync.errTimeout", "Mạng chậm hoặc chập chờn: máy chủ tỉnh không trả lời kịp. Quầy sẽ tự gửi lại.")
	case strings.Contains(l, "x509"), strings.Contains(l, "certificate"), strings.Contains(l, "tls"):
		return tr("sync.errTLS", "Chứng chỉ bảo mật của máy chủ tỉnh không hợp lệ. Báo cán bộ CNTT; không gửi dữ liệu khi chưa kiểm tra.")
	}
	return tr("sync.errOther", "Đồng bộ chưa thành công. Quầy sẽ tự gửi lại; nếu lỗi kéo dài, báo cán bộ CNTT (chi tiết bên dưới).")
}

// hubErrRE matches syncer.HubError's text "hub refused (409 conflict): …".
var hubErrRE = regexp.MustCompile(`hub refused \((\d{3}) ([a-z-]*)\)`)

// closeLine maps one problem of report.Close / Amend to Vietnamese.
type closeLine struct {
	re   *regexp.Regexp
	text func(data map[string]any) string
}

var closeLines = []closeLine{
	{regexp.MustCompile(`clerk (.+) has (\d+) records but no paper count`), func(d map[string]any) string {
		return tr("close.errNoPaper", "Cán bộ {{.C}}: có {{.N}} bản ghi trong hệ thống nhưng chưa nhập số trên sổ giấy.", d)
	}},
	{regexp.MustCompile(`clerk (.+): paper counts must not be negative`), func(d map[string]any) string {
		return tr("close.errNegative", "Cán bộ {{.C}}: số trên sổ giấy không được âm.", d)
	}},
	{regexp.MustCompile(`clerk (.+): paper \(.*\) differs from the records \(.*\); a note`), func(d map[string]any) string {
		return tr("close.errNote", "Cán bộ {{.C}}: số trên sổ giấy khác số trong hệ thống; phải ghi chú giải thích chênh lệch.", d)
	}},
	{regexp.MustCompile(`sign-off at (.+) is before the last record of the day \((.+)\)`), func(d map[string]any) string {
		return tr("close.errEarly", "Giờ ký ({{.C}}) sớm hơn bản ghi cuối cùng của ngày ({{.N}}): chỉ đóng ngày sau khi đã hết tiếp nhận.", d)
	}},
	{regexp.MustCompile(`sign-off at .* is before the day .* begins`), func(d map[string]any) string {
		return tr("close.errFuture", "Không thể đóng một ngày chưa bắt đầu.", d)
	}},
	{regexp.MustCompile(`amendment: the reason is required`), func(d map[string]any) string { return tr("close.errReason", "Điều chỉnh phải ghi lý do.", d) }},
	{regexp.MustCompile(`amendment changes nothing`), func(d map[string]any) string {
		return tr("close.errNothing", "Điều chỉnh không làm thay đổi gì so với biên bản đã ký.", d)
	}},
	{regexp.MustCompile(`amendment time must be after`), func(d map[string]any) string {
		return tr("close.errTime", "Thời điểm điều chỉnh phải sau lần ký hoặc lần điều chỉnh trước (kiểm tra đồng hồ của máy).", d)
	}},
	{regexp.MustCompile(`is already closed`), func(d map[string]any) string {
		return tr("close.errClosed", "Ngày này đã được đóng; muốn sửa hãy dùng \"Điều chỉnh\".", d)
	}},
	{regexp.MustCompile(`is not closed`), func(d map[string]any) string { return tr("close.errNotClosed", "Ngày này chưa được đóng.", d) }},
}

// closeErrorText is the Vietnamese text of an error of desk.Service
// CloseDay or AmendClose: the service reports the close problems in one
// English message (one line per problem), mapped here line by line.
func closeErrorText(err error) string {
	var de *dossier.Error
	if !errors.As(err, &de) || widgets.Language() == widgets.LangEnglish || de.Kind == dossier.KindForbidden {
		return widgets.ErrorText(err)
	}
	var out []string
	for _, line := range strings.Split(de.Msg, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		done := false
		for _, cl := range closeLines {
			m := cl.re.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			data := map[string]any{}
			if len(m) > 1 {
				data["C"] = clerkText(m[1])
			}
			if len(m) > 2 {
				data["N"] = m[2]
			}
			out = append(out, cl.text(data))
			done = true
			break
		}
		if !done {
			out = append(out, widgets.ErrorText(dossier.Errorf(de.Kind, de.Field, "%s", line)))
		}
	}
	if len(out) == 0 {
		return widgets.ErrorText(err)
	}
	return strings.Join(out, "\n")
}

// clerkText shows the close record's "no clerk" marker in Vietnamese.
func clerkText(c string) string {
	if c == "" || c == "(no clerk recorded)" {
		return tr("close.noClerk", "(không rõ cán bộ)")
	}
	return c
}

var (
	changeCountRE = regexp.MustCompile(`^clerk (.*): (records|paper) (received|guidance|refused) (-?\d+) → (-?\d+)$`)
	changeNoteRE  = regexp.MustCompile(`^clerk (.*): note (".*") → (".*")$`)
	changeGoneRE  = regexp.MustCompile(`^clerk (.*): removed$`)
)

// changeText translates one line of report.CloseAmendment.Changes,
// naming clerks by their full names when known.
func changeText(s string, names map[string]string) string {
	who := func(c string) string {
		if n := names[c]; n != "" {
			return n + " (" + c + ")"
		}
		return clerkText(c)
	}
	if widgets.Language() == widgets.LangEnglish {
		return s
	}
	if m := changeCountRE.FindStringSubmatch(s); m != nil {
		src := tr("change.records", "hệ thống")
		if m[2] == "paper" {
			src = tr("change.paper", "sổ giấy")
		}
		return tr("change.count", "Cán bộ {{.C}}: {{.W}} ({{.S}}) {{.A}} → {{.B}}", map[string]any{"C": who(m[1]), "W": whatText(m[3]), "S": src, "A": m[4], "B": m[5]})
	}
	if m := changeNoteRE.FindStringSubmatch(s); m != nil {
		a, _ := strconv.Unquote(m[2])
		b, _ := strconv.Unquote(m[3])
		return tr("change.note", "Cán bộ {{.C}}: ghi chú «{{.A}}» → «{{.B}}»", map[string]any{"C": who(m[1]), "A": a, "B": b})
	}
	if m := changeGoneRE.FindStringSubmatch(s); m != nil {
		return tr("change.removed", "Cán bộ {{.C}}: bỏ khỏi biên bản", map[string]any{"C": who(m[1])})
	}
	return s
}

// whatText names a count of the close.
func whatText(w string) string {
	switch w {
	case "received":
		return tr("what.received", "tiếp nhận")
	case "guidance":
		return tr("what.guidance", "hướng dẫn bổ sung")
	case "refused":
		return tr("what.refused", "từ chối")
	}
	return w
}
