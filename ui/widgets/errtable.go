package widgets

import "motcua/dossier"

// errorRule maps domain errors to a Vietnamese sentence. field is the
// error's field path with indices written "[]" and without a party prefix
// ("" matches any field); kind "" matches any kind; has is a substring of
// the English message ("" matches any). The first matching rule wins, so
// specific rules come first. Placeholders: see expand.
type errorRule struct {
	field string
	kind  dossier.Kind
	has   string
	vi    string
}

const (
	invalid   = dossier.KindInvalid
	notFound  = dossier.KindNotFound
	conflict  = dossier.KindConflict
	forbidden = dossier.KindForbidden
)

// errorRules: the messages of desk, account, dossier and workday
// validation (their English texts are the source of the "has" keys).
var errorRules = []errorRule{
	// Office setup (desk.Office.Validate).
	{"name", invalid, "one-stop unit", "Nhập tên bộ phận một cửa (ví dụ: Bộ phận Một cửa UBND xã …)."},
	{"parent_agency", invalid, "", "Nhập tên cơ quan chủ quản (in ở góc trái mọi biểu mẫu)."},
	{"agency_code", invalid, `code "" `, "Nhập mã định danh điện tử của cơ quan (ví dụ: 000.00.12.H56)."},
	{"agency_code", invalid, "3–40", "Mã định danh cơ quan phải dài từ 3 đến 40 ký tự."},
	{"agency_code", invalid, "only digits", "Mã định danh cơ quan chỉ gồm chữ số, chữ in hoa và dấu chấm."},
	{"agency_code", invalid, "empty segment", "Mã định danh cơ quan có đoạn trống giữa hai dấu chấm."},
	{"agency_code", "", "", "Mã định danh cơ quan chưa hợp lệ."},
	{"place", invalid, "", "Nhập địa danh in trước ngày tháng (ví dụ: Thanh Hóa)."},
	{"cutoff", invalid, "", "Giờ chốt nhận hồ sơ trong ngày chưa hợp lệ; nhập dạng 15:00."},
	{"hours", invalid, "cut-off", "Giờ chốt nhận hồ sơ trong ngày chưa hợp lệ; nhập dạng 15:00."},
	{"hours", invalid, "", "Giờ làm việc chưa hợp lệ; nhập dạng 07:00-11:30,13:30-17:00."},
	{"lookup_url", invalid, "", "Địa chỉ tra cứu phải là địa chỉ web bắt đầu bằng http:// hoặc https://."},
	{"forms", invalid, "", "Chọn bộ biểu mẫu TT 03/2025 hoặc TT 01/2018."},
	{"slots", invalid, "1–99", "Số ô mã hồ sơ phải từ 1 đến 99."},
	{"slots", invalid, "whole number", "Nhập số ô mã bằng chữ số, từ 1 đến 99."},
	{"desk.number", invalid, "whole number", "Nhập số quầy bằng chữ số."},
	{"desk.slot", invalid, "whole number", "Nhập ô mã bằng chữ số."},
	{"backup_keep", invalid, "", "Nhập số bản sao lưu giữ lại bằng chữ số."},
	{"retention_years", invalid, "", "Nhập số năm bằng chữ số (0 = lưu mãi)."},
	{"slots", invalid, "leave no numbers", "Số ô mã hồ sơ quá lớn so với độ dài số thứ tự của mã hồ sơ."},
	{"slot", invalid, "", "Ô mã của quầy phải từ 1 đến số ô mã của cơ quan."},
	{"desk.slot", invalid, "", "Ô mã của quầy phải từ 1 đến số ô mã của cơ quan."},
	{"seq_width", invalid, "", "Độ dài số thứ tự của mã hồ sơ phải từ 3 đến 7 chữ số."},
	{"date_layout", invalid, "", "Phần ngày của mã hồ sơ phải có dạng yyMMdd hoặc yyyyMMdd."},
	{"desk.id", invalid, "", "Đặt tên cho quầy (ví dụ: quay-03)."},
	{"desk.number", invalid, "", "Số quầy phải từ 1 trở lên."},
	{"desk.hub_url", invalid, "", "Địa chỉ máy chủ đồng bộ phải bắt đầu bằng http:// hoặc https://."},
	{"setup", conflict, "", "Máy này đã được cài đặt; quản trị viên thay đổi cấu hình trong mục Quản trị."},

	// Users, login, passwords (account, desk.Service).
	{"username", invalid, "3–32", "Tên đăng nhập phải dài từ 3 đến 32 ký tự."},
	{"username", invalid, "may contain only", "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang và gạch dưới."},
	{"username", forbidden, "locked", "Tài khoản đang tạm khóa do đăng nhập sai nhiều lần, đến {until}. Chờ hết thời gian khóa hoặc nhờ quản trị viên đặt lại mật khẩu."},
	{"username", notFound, "", "Người dùng này không còn tồn tại."},
	{"name", invalid, "full name", "Nhập họ và tên."},
	{"admin_name", invalid, "", "Nhập họ và tên của quản trị viên."},
	{"role", invalid, "", "Chọn vai trò: cán bộ tiếp nhận, lãnh đạo/giám sát hoặc quản trị hệ thống."},
	{"role", conflict, "", "Không thể khóa hoặc hạ quyền tài khoản quản trị của chính mình."},
	{"role", forbidden, "", "Vai trò của bạn không được phép thực hiện thao tác này."},
	{"password", forbidden, "", "Sai tên đăng nhập hoặc mật khẩu."},
	{"password", invalid, "at least", "Mật khẩu phải có ít nhất {n} ký tự."},
	{"password", invalid, "user name", "Mật khẩu không được chứa tên đăng nhập."},
	{"password", invalid, "mix letters and digits", "Mật khẩu phải có cả chữ và số."},
	{"password", invalid, "must differ", "Mật khẩu mới phải khác mật khẩu hiện tại."},
	{"password", invalid, "required", "Nhập mật khẩu."},
	{"old_password", "", "", "Mật khẩu hiện tại không đúng."},

	// Intake (dossier validation, desk.Receive).
	{"procedure", notFound, "", "Không tìm thấy thủ tục này trong danh mục."},
	{"procedure", invalid, "known only from a list", "Thủ tục này mới chỉ có tên trong danh sách (chưa có thành phần hồ sơ, thời hạn); cần nhập đầy đủ thủ tục trước khi tiếp nhận."},
	{"procedure.code", invalid, "", "Chọn thủ tục."},
	{"procedure.name", invalid, "", "Thiếu tên thủ tục."},
	{"procedure.version", invalid, "", "Thiếu phiên bản danh mục của thủ tục."},
	{"case", invalid, "choose one", "Thủ tục có nhiều trường hợp: chọn một trường hợp."},
	{"case", invalid, "", "Trường hợp đã chọn không có trong thủ tục."},
	{"channel", invalid, "no processing time", "Danh mục không công bố thời hạn giải quyết cho cách thức nộp này."},
	{"channel", invalid, "", "Chọn cách thức nộp: trực tiếp, trực tuyến hoặc qua bưu chính."},
	{"channel_row", invalid, "", "Dòng thời hạn đã chọn không thuộc cách thức nộp này."},
	{"time_limit", invalid, "could not be read", "Thời hạn giải quyết trong danh mục không đọc được; báo quản trị viên sửa thủ tục."},
	{"time_limit", invalid, "without a unit", "Danh mục ghi thời hạn không rõ đơn vị: chọn đơn vị thời gian và ghi căn cứ."},
	{"time_limit", invalid, "", "Thời hạn giải quyết chưa hợp lệ."},
	{"time_limit.value", invalid, "", "Thời hạn giải quyết không được âm."},
	{"time_limit.unit", invalid, "", "Chọn đơn vị thời hạn giải quyết."},
	{"limit_reason", invalid, "", "Thời hạn khác với danh mục: ghi lý do."},
	{"kind", invalid, "party kind", "{party}Chọn loại: công dân, doanh nghiệp, cơ quan nhà nước hoặc tổ chức."},
	{"name", invalid, "required", "{party}Nhập họ tên."},
	{"name", invalid, "longer than", "{party}Họ tên dài quá 200 ký tự."},
	{"name", invalid, "control characters", "{party}Họ tên có ký tự không hợp lệ."},
	{"id_number", invalid, "required", "{party}Nhập số định danh cá nhân (số CCCD)."},
	{"id_number", invalid, "passport", "{party}Số hộ chiếu gồm 5 đến 20 chữ cái và chữ số."},
	{"id_number", invalid, "", "{party}Số định danh cá nhân phải gồm đúng 12 chữ số."},
	{"old_id", invalid, "", "{party}Số CMND cũ phải gồm 9 chữ số."},
	{"birth_date", invalid, "", "{party}Ngày sinh chưa hợp lệ."},
	{"sex", invalid, "", "{party}Giới tính là Nam hoặc Nữ."},
	{"tax_code", invalid, "needs its tax", "{party}Doanh nghiệp cần có mã số thuế."},
	{"tax_code", invalid, "", "{party}Mã số thuế gồm 10 chữ số, hoặc dạng 10 chữ số-3 chữ số."},
	{"phone", invalid, "", "{party}Số điện thoại chưa đúng (9 đến 11 chữ số, có thể bắt đầu bằng +84)."},
	{"email", invalid, "", "{party}Địa chỉ thư điện tử chưa đúng."},
	{"address", invalid, "", "{party}Địa chỉ dài quá 500 ký tự."},
	{"authorisation", invalid, "", "Hồ sơ nộp thay cần ghi rõ giấy tờ ủy quyền."},
	{"checklist", conflict, "required components missing", "Còn thiếu thành phần bắt buộc: {missing}. Lãnh đạo có thể cho tiếp nhận kèm lý do."},
	{"checklist", invalid, "empty", "Danh sách thành phần hồ sơ đang trống."},
	{"checklist[].decision", invalid, "has not been checked", "Chưa kiểm tra thành phần “{q}”."},
	{"checklist[].decision", invalid, "not applicable", "Thành phần “{q}” là bắt buộc, không thể đánh dấu không áp dụng."},
	{"checklist[].decision", invalid, "", "Chọn kết quả kiểm tra cho thành phần hồ sơ."},
	{"checklist[]", invalid, "no original or copy", "Thành phần “{q}” được đánh dấu đã nộp nhưng chưa ghi số bản."},
	{"checklist[]", invalid, "negative", "Số bản không được âm."},
	{"checklist[].name", invalid, "", "Thiếu tên thành phần hồ sơ."},
	{"checklist[].note", invalid, "", "Ghi chú dài quá 1000 ký tự."},
	{"fees[].reason", invalid, "", "Lệ phí khác với danh mục: ghi lý do."},
	{"fees[].amount", invalid, "", "Số tiền không được âm."},
	{"fees[].name", invalid, "", "Nhập tên khoản phí, lệ phí."},
	{"amount", invalid, "", "Số tiền không được âm."},
	{"reason", invalid, "refusal", "Từ chối tiếp nhận phải ghi rõ lý do."},
	{"reason", invalid, "nothing is missing", "Ghi rõ thành phần cần bổ sung, hoàn thiện và lý do."},
	{"override", invalid, "", "Tiếp nhận hồ sơ chưa đủ cần lãnh đạo xác nhận và ghi lý do."},
	{"override.password", forbidden, "", "Mật khẩu của lãnh đạo không đúng."},
	{"override.username", forbidden, "", "Không có lãnh đạo nào đang hoạt động với tên đăng nhập này."},
	{"override.reason", invalid, "", "Lãnh đạo phải ghi lý do tiếp nhận hồ sơ chưa đủ thành phần."},
	{"verdict", invalid, "", "Chọn kết quả: tiếp nhận, yêu cầu bổ sung hoặc từ chối."},
	{"scan", invalid, "not a PDF", "Tệp “{q}” không phải PDF, JPEG hoặc PNG."},
	{"scan", invalid, "is empty", "Tệp quét đang trống."},
	{"scan", invalid, "the limit is", "Tệp quét quá lớn (tối đa 50 MB)."},
	{"scan", invalid, "folder", "Hãy chọn một tệp, không phải thư mục."},
	{"scan", invalid, "", "Không mở được tệp quét."},

	// After intake (transitions, returns, amendments).
	{"status", conflict, "", "Không thể chuyển hồ sơ sang trạng thái này từ trạng thái hiện tại."},
	{"status", invalid, "", "Trạng thái hồ sơ không có trong danh mục quốc gia (1–10)."},
	{"code", conflict, "issued all", "Quầy đã dùng hết số thứ tự mã hồ sơ trong ngày; báo quản trị viên."},
	{"code", invalid, "", "Mã hồ sơ không đúng dạng MÃCƠQUAN-yyMMdd-NNNN."},
	{"department", invalid, "", "Chọn phòng, ban xử lý để chuyển hồ sơ."},
	{"items", invalid, "", "Yêu cầu bổ sung phải liệt kê thành phần cần bổ sung hoặc ghi lý do."},
	{"note", invalid, "second supplement", "Yêu cầu bổ sung lần hai phải ghi lý do bằng văn bản (Nghị định 118, điều 11.2.c); hồ sơ sẽ bị tính là trễ hạn."},
	{"note", invalid, "apology", "Ghi lý do chậm trễ để in vào thư xin lỗi."},
	{"note", invalid, "", "Ghi lý do."},
	{"appointment", conflict, "already extended", "Hồ sơ đã được gia hạn một lần; Nghị định 118 chỉ cho gia hạn một lần."},
	{"appointment", conflict, "", "Thủ tục không có thời hạn để gia hạn."},
	{"appointment", invalid, "", "Ngày hẹn trả mới chưa hợp lệ."},
	{"at", conflict, "", "Phải gia hạn chậm nhất một ngày trước ngày hẹn trả."},
	{"approver", "", "", "Gia hạn phải do lãnh đạo phê duyệt."},
	{"collector.name", invalid, "", "Nhập họ tên người nhận kết quả."},
	{"collector.id_checked", invalid, "", "Kiểm tra giấy tờ tùy thân của người nhận kết quả trước khi trả."},
	{"collector.id_number", invalid, "", "Số giấy tờ của người nhận kết quả chưa hợp lệ."},
	{"result", invalid, "", "Chọn kết quả giải quyết: được chấp thuận hay từ chối."},
	{"amend.reason", invalid, "", "Điều chỉnh thông tin phải ghi lý do."},
	{"amend.new", invalid, "", "Giá trị mới trùng với giá trị cũ."},
	{"amend.old", conflict, "", "Thông tin đã bị người khác thay đổi; mở lại hồ sơ."},
	{"amend.field", invalid, "", "Thông tin này không được điều chỉnh."},

	// Days-off tables (workday.YearTable.Validate), fields prefixed "table.".
	{"table.year", invalid, "outside", "Năm {n} nằm ngoài khoảng năm được hỗ trợ."},
	{"table.year", invalid, "", "Thiếu năm của bảng ngày nghỉ."},
	{"table.source", invalid, "empty", "Ghi văn bản thông báo làm căn cứ (ví dụ: TB 9441/TB-BNV)."},
	{"table.source", invalid, "", "Căn cứ quá dài hoặc có ký tự không hợp lệ."},
	{"table.note", invalid, "", "Ghi chú quá dài hoặc có ký tự không hợp lệ."},
	{"table.days", invalid, "must be listed as off", "Ngày {date} là ngày lễ theo luật rơi vào ngày làm việc, phải có trong danh sách ngày nghỉ."},
	{"table.days", invalid, "at most", "Bảng có quá nhiều ngày."},
	{"table.days[]", invalid, "already a rest day", "Ngày {date} là thứ Bảy hoặc Chủ nhật, vốn là ngày nghỉ; chỉ ghi ngày nghỉ rơi vào ngày làm việc."},
	{"table.days[]", invalid, "already a working day", "Ngày {date} vốn là ngày làm việc; ngày làm bù phải là thứ Bảy hoặc Chủ nhật."},
	{"table.days[]", invalid, "public holiday", "Ngày {date} là ngày lễ, không thể là ngày làm bù."},
	{"table.days[].date", invalid, "listed twice", "Ngày {date} được ghi hai lần."},
	{"table.days[].date", invalid, "is not in year", "Ngày {date} không thuộc năm của bảng."},
	{"table.days[].date", invalid, "", "Ngày không tồn tại hoặc không đúng dạng YYYY-MM-DD."},
	{"table.days[].kind", invalid, "", "Loại ngày phải là nghỉ hoặc làm bù."},
	{"table.days[].reason", invalid, "empty", "Ghi lý do nghỉ hoặc làm bù."},
	{"table.days[].reason", invalid, "", "Lý do quá dài hoặc có ký tự không hợp lệ."},
	{"table.days[].source", invalid, "", "Căn cứ của ngày quá dài hoặc có ký tự không hợp lệ."},
}

// fieldLabels names fields for the generic fallback sentence.
var fieldLabels = map[string]string{
	"name": "Tên", "username": "Tên đăng nhập", "password": "Mật khẩu", "role": "Vai trò",
	"id_number": "Số định danh", "phone": "Số điện thoại", "email": "Thư điện tử",
	"address": "Địa chỉ", "birth_date": "Ngày sinh", "procedure": "Thủ tục", "case": "Trường hợp",
	"channel": "Cách thức nộp", "checklist": "Thành phần hồ sơ", "note": "Ghi chú", "reason": "Lý do",
	"appointment": "Ngày hẹn trả", "received_at": "Thời điểm tiếp nhận", "clerk": "Cán bộ tiếp nhận",
	"desk": "Quầy", "return_by": "Hình thức trả kết quả", "hours": "Giờ làm việc",
}
