package report

import (
	"testing"

	"motcua/catalog"
)

func TestCatalogNamesAndFieldKey(t *testing.T) {
	set := catalog.NewSet("test", []*catalog.Procedure{
		{Code: "1.001193", Name: "Đăng ký khai sinh", Field: catalog.Field{Name: "Hộ tịch"}},
		{Code: "1.004227", Name: "Đăng ký biến động", Field: catalog.Field{Code: "G10-DD", Name: "Đất đai"}},
	})
	n := NewCatalogNames(set)
	cases := []struct {
		f                Fact
		key, label, proc string
	}{
		{Fact{ProcedureCode: "1.001193"}, "Hộ tịch", "Hộ tịch", "Đăng ký khai sinh"},
		{Fact{ProcedureCode: "1.004227"}, "G10-DD", "Đất đai", "Đăng ký biến động"},
		{Fact{ProcedureCode: "1.004227.000.00.00.H48", FieldCode: "X1"}, "X1", "X1", "Đăng ký biến động"},
		{Fact{ProcedureCode: "9.999999"}, "", NoField, "9.999999"},
	}
	for _, c := range cases {
		key := FieldKey(c.f, n)
		if key != c.key || FieldLabel(n, key) != c.label || ProcedureLabel(n, c.f.ProcedureCode) != c.proc {
			t.Errorf("%+v: key %q label %q proc %q; want %q %q %q", c.f, key, FieldLabel(n, key), ProcedureLabel(n, c.f.ProcedureCode), c.key, c.label, c.proc)
		}
	}
	if FieldKey(Fact{ProcedureCode: "1.001193"}, CodesOnly{}) != "" {
		t.Error("CodesOnly must not resolve fields")
	}
}
