package catalog

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadListFile(t *testing.T) {
	legacy := xlsxList(t, [][]string{
		{"Mã TTHC", "Tên TTHC", "Lĩnh vực", "Đối tượng", "Cơ quan công khai", "Cấp thực hiện", "Tình trạng", "QĐ Công bố"},
		{"1.001193", "Thủ tục  đăng ký\nkhai sinh", "Hộ tịch", "Công dân Việt Nam, Người nước ngoài", "Bộ Tư pháp", "Cấp Xã", "Còn hiệu lực", "163/QĐ-BTP"},
	})
	recs, errs := readListFile("legacy.xlsx", legacy)
	if len(errs) != 0 || len(recs) != 1 {
		t.Fatalf("recs %d, errs %v", len(recs), errs)
	}
	want := &Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", ListOnly: true, Publisher: "Bộ Tư pháp",
		Field: Field{Name: "Hộ tịch"}, Subjects: []string{"Công dân Việt Nam", "Người nước ngoài"},
		DecisionNumber: "163/QĐ-BTP", Levels: []Level{LevelCommune},
	}
	if !reflect.DeepEqual(recs[0].p, want) || recs[0].label != "row 2" || recs[0].format != FormatList {
		t.Fatalf("legacy list record %+v", recs[0].p)
	}

	bad := xlsxList(t, [][]string{
		{"Mã số", "Tên"},
		{"1.001193", "Thủ tục đăng ký khai sinh"},
		{"khai sinh", "Thủ tục đăng ký khai sinh"},
		{"1.000656", ""},
	})
	_, errs = readListFile("bad.xlsx", bad)
	if len(errs) != 2 || errs[0].Record != "row 3" || !strings.Contains(errs[0].Error(), `bad.xlsx: row 3: invalid procedure code "khai sinh"`) ||
		errs[1].Record != "row 4" || !strings.Contains(errs[1].Error(), "empty name") {
		t.Fatalf("errors %v", errs)
	}
	for name, rows := range map[string][][]string{
		"no header": {{"A", "B"}, {"1.001193", "x"}},
		"no rows":   {{"Mã số", "Tên"}},
	} {
		if _, errs := readListFile(name, xlsxList(t, rows)); len(errs) != 1 {
			t.Errorf("%s: errors %v", name, errs)
		}
	}
	if _, errs := readListFile("x.xlsx", []byte("PK\x03\x04junk")); len(errs) != 1 || !strings.Contains(errs[0].Error(), "x.xlsx: xlsx") {
		t.Errorf("broken zip: %v", errs)
	}
}
