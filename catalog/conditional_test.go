package catalog

import "testing"

func TestConditional(t *testing.T) {
	cases := []struct {
		name      string
		orig, cop int
		want      bool
	}{
		{"Tờ khai đăng ký khai sinh theo mẫu", 1, 0, false},
		{"- Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản của người làm chứng", 1, 0, false},
		{"- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản về việc trẻ bị bỏ rơi", 1, 0, true},
		{"Văn bản ủy quyền (được chứng thực) theo quy định của pháp luật trong trường hợp ủy quyền", 1, 0, true},
		{"Tờ khai đăng ký khai sinh theo mẫu (nếu người có yêu cầu lựa chọn nộp hồ sơ theo hình thức trực tiếp)", 1, 0, true},
		{"Giấy tờ chứng minh (nếu có)", 1, 1, true},
		{"Đối với người nước ngoài: hộ chiếu", 0, 1, true},
		{"- Người có yêu cầu thực hiện việc nộp/xuất trình các giấy tờ sau", 0, 0, true},
		{"Bản sao Giấy đăng ký hoạt động", 0, 1, false},
	}
	for _, c := range cases {
		if got := Conditional(Component{Name: c.name, Originals: c.orig, Copies: c.cop}); got != c.want {
			t.Errorf("Conditional(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}
