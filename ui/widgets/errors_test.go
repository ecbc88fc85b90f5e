package widgets

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"

	"fyne.io/fyne/v2/test"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/workday"
)

func TestErrorText(t *testing.T) {
	SetLanguage(LangVietnamese)
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"bad login", desk.ErrBadLogin, "Sai tên đăng nhập hoặc mật khẩu."},
		{"locked", dossier.Errorf(dossier.KindForbidden, "username", "the account is locked after repeated failed logins until 09:15 02/03/2026"),
			"Tài khoản đang tạm khóa do đăng nhập sai nhiều lần, đến 09:15 02/03/2026. Chờ hết thời gian khóa hoặc nhờ quản trị viên đặt lại mật khẩu."},
		{"short password", account.DefaultPolicy().ValidatePassword("ab1", "lan"), "Mật khẩu phải có ít nhất 8 ký tự."},
		{"password has name", account.DefaultPolicy().ValidatePassword("lan12345678", "lan"), "Mật khẩu không được chứa tên đăng nhập."},
		{"password no digit", account.DefaultPolicy().ValidatePassword("abcdefghij", "lan"), "Mật khẩu phải có cả chữ và số."},
		{"username chars", account.ValidateUsername("Lan Anh"), "Tên đăng nhập chỉ gồm chữ thường không dấu, chữ số, dấu chấm, gạch ngang và gạch dưới."},
		{"owner id", dossier.Errorf(dossier.KindInvalid, "owner.id_number", "identification number must be exactly 12 digits, got %q", "123"),
			"Chủ hồ sơ: số định danh cá nhân phải gồm đúng 12 chữ số."},
		{"submitter name", dossier.Errorf(dossier.KindInvalid, "submitter.name", "name is required"), "Người nộp hồ sơ: nhập họ tên."},
		{"submitter CCCD kept upper", dossier.Errorf(dossier.KindInvalid, "submitter.old_id", "old ID (CMND) must be 9 digits"), "Người nộp hồ sơ: số CMND cũ phải gồm 9 chữ số."},
		{"checklist item", dossier.Errorf(dossier.KindInvalid, "checklist[3].decision", "%q has not been checked", "Tờ khai đăng ký khai sinh"),
			"Chưa kiểm tra thành phần “Tờ khai đăng ký khai sinh”."},
		{"missing components", dossier.Errorf(dossier.KindConflict, "checklist", "required components missing: Tờ khai; Giấy chứng sinh (a supervisor may override with a reason)"),
			"Còn thiếu thành phần bắt buộc: Tờ khai; Giấy chứng sinh. Lãnh đạo có thể cho tiếp nhận kèm lý do."},
		{"wrapped", fmt.Errorf("receive: %w", dossier.Errorf(dossier.KindInvalid, "reason", "a refusal needs the reason (Decree 118 art. 17.1.c)")),
			"Từ chối tiếp nhận phải ghi rõ lý do."},
		{"several", dossier.Errors{
			dossier.Errorf(dossier.KindInvalid, "name", "the name of the one-stop unit is required"),
			dossier.Errorf(dossier.KindInvalid, "place", "the place name printed before the date is required"),
		}, "Nhập tên bộ phận một cửa (ví dụ: Bộ phận Một cửa UBND xã …).\nNhập địa danh in trước ngày tháng (ví dụ: Thanh Hóa)."},
		{"holiday weekend", &workday.ValidationError{Field: "days[2]", Msg: "2026-01-03 is a Saturday, already a rest day; list only weekdays off"},
			"Ngày 03/01/2026 là thứ Bảy hoặc Chủ nhật, vốn là ngày nghỉ; chỉ ghi ngày nghỉ rơi vào ngày làm việc."},
		{"holiday join", errors.Join(
			&workday.ValidationError{Field: "source", Msg: "empty; name the notice"},
			&workday.ValidationError{Field: "days[0].reason", Msg: "empty"}),
			"Ghi văn bản thông báo làm căn cứ (ví dụ: TB 9441/TB-BNV).\nGhi lý do nghỉ hoặc làm bù."},
		{"unknown field falls back", dossier.Errorf(dossier.KindInvalid, "owner.shoe_size", "too big"), "Chủ hồ sơ: thông tin chưa hợp lệ."},
		{"unknown forbidden", dossier.Errorf(dossier.KindForbidden, "", "nope"), "Bạn không có quyền thực hiện thao tác này."},
		{"role forbidden", account.Require(account.RoleClerk, account.ActUsers), "Vai trò của bạn không được phép thực hiện thao tác này."},
		{"disk full", fmt.Errorf("write: %w", syscall.ENOSPC), "Ổ đĩa đã đầy: dữ liệu chưa được ghi. Giải phóng dung lượng rồi thử lại."},
		{"read only", &os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, "Không ghi được dữ liệu: ổ đĩa chỉ cho đọc hoặc không có quyền ghi. Báo quản trị viên."},
		{"other", errors.New("boom"), "Đã xảy ra lỗi, thao tác chưa thực hiện được. Chi tiết đã được ghi vào nhật ký; nếu lặp lại, báo quản trị viên."},
		{"nil", nil, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ErrorText(c.err); got != c.want {
				t.Fatalf("ErrorText:\n got %q\nwant %q", got, c.want)
			}
		})
	}
}

// Every message the desk's setup and user screens can produce has its own
// sentence (not the generic fallback).
func TestErrorText_SetupMessagesAreSpecific(t *testing.T) {
	SetLanguage(LangVietnamese)
	o := desk.Office{AgencyCode: "ab", Hours: "7-8", LookupURL: "ftp://x", Forms: "x", Slots: 0}
	errs := []error{o.Validate(), desk.Desk{}.Validate(desk.DefaultOffice())}
	u := account.User{}
	errs = append(errs, u.Validate())
	for _, err := range errs {
		for _, p := range Problems(err) {
			if strings.Contains(p.Text, "thông tin chưa hợp lệ") || strings.Contains(p.Text, "Đã xảy ra lỗi") {
				t.Errorf("generic sentence for %s: %v", p.Field, err)
			}
		}
	}
}

func TestFieldError(t *testing.T) {
	SetLanguage(LangVietnamese)
	err := fmt.Errorf("setup: %w", dossier.Errors{
		dossier.Errorf(dossier.KindInvalid, "desk.id", "the desk needs a name"),
		dossier.Errorf(dossier.KindInvalid, "desk.number", "the counter number must be 1 or more"),
	})
	if got := FieldError(err, "desk.number"); got != "Số quầy phải từ 1 trở lên." {
		t.Fatalf("desk.number: %q", got)
	}
	if got := FieldError(err, "desk.slot"); got != "" {
		t.Fatalf("desk.slot: %q", got)
	}
	we := errors.Join(&workday.ValidationError{Field: "days[1].date", Msg: "2026-05-01 is listed twice (also days[0])"})
	if got := FieldError(we, "days[1].date"); got != "Ngày 01/05/2026 được ghi hai lần." {
		t.Fatalf("days[1].date: %q", got)
	}
}

func TestErrorText_English(t *testing.T) {
	SetLanguage(LangEnglish)
	defer SetLanguage(LangVietnamese)
	if got := ErrorText(desk.ErrBadLogin); got != "Wrong user name or password." {
		t.Fatalf("got %q", got)
	}
}

func TestFormFields_ShowErrors(t *testing.T) {
	test.NewTempApp(t)
	SetLanguage(LangVietnamese)
	fs := FormFields{
		NewFormField("name", "Tên", NewVNEntry(nil), ""),
		NewFormField("place", "Địa danh", NewVNEntry(nil), "help"),
	}
	err := dossier.Errors{
		dossier.Errorf(dossier.KindInvalid, "place", "the place name printed before the date is required"),
		dossier.Errorf(dossier.KindConflict, "setup", "this desk is already set up; change settings as an administrator"),
	}
	rest := fs.ShowErrors(err)
	if fs[0].Error.Visible() || fs[0].Error.Text != "" {
		t.Fatal("name shows an error")
	}
	if !fs[1].Error.Visible() || fs[1].Error.Text != "Nhập địa danh in trước ngày tháng (ví dụ: Thanh Hóa)." {
		t.Fatalf("place error %q", fs[1].Error.Text)
	}
	if rest != "Máy này đã được cài đặt; quản trị viên thay đổi cấu hình trong mục Quản trị." {
		t.Fatalf("rest %q", rest)
	}
	fs.Clear()
	if fs[1].Error.Visible() {
		t.Fatal("Clear left the error")
	}
}

func TestX(t *testing.T) {
	SetLanguage(LangVietnamese)
	if got := X("common.cancel", "x"); got != "Hủy" {
		t.Fatalf("vi: %q", got)
	}
	if got := X("no.such.key", "Dự phòng {{.N}}", map[string]int{"N": 3}); got != "Dự phòng 3" {
		t.Fatalf("fallback: %q", got)
	}
	SetLanguage(LangEnglish)
	defer SetLanguage(LangVietnamese)
	if got := X("common.cancel", "x"); got != "Cancel" {
		t.Fatalf("en: %q", got)
	}
	if Language() != LangEnglish {
		t.Fatal("language not switched")
	}
	SetLanguage("fr")
	if Language() != LangVietnamese {
		t.Fatal("unknown language must fall back to Vietnamese")
	}
}
