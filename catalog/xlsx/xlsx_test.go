package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// build writes a minimal workbook. cells maps "A1"-style references to
// values; values starting with "inline:" become inline strings, "n:"
// numbers, "rich:" a shared string split into two rich-text runs, and
// the rest shared strings.
func build(t testing.TB, cells map[string]string, order []string) []byte {
	t.Helper()
	var shared []string
	sharedXML := func(v string) string {
		shared = append(shared, v)
		return fmt.Sprint(len(shared) - 1)
	}
	var sheet strings.Builder
	sheet.WriteString(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	row := ""
	for _, ref := range order {
		r := strings.TrimLeft(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
		if r != row {
			if row != "" {
				sheet.WriteString("</row>")
			}
			fmt.Fprintf(&sheet, `<row r="%s">`, r)
			row = r
		}
		v := cells[ref]
		switch {
		case strings.HasPrefix(v, "inline:"):
			fmt.Fprintf(&sheet, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, esc(v[7:]))
		case strings.HasPrefix(v, "n:"):
			fmt.Fprintf(&sheet, `<c r="%s"><v>%s</v></c>`, ref, v[2:])
		case strings.HasPrefix(v, "rich:"):
			idx := sharedXML("\x00" + v[5:])
			fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%s</v></c>`, ref, idx)
		default:
			fmt.Fprintf(&sheet, `<c r="%s" t="s"><v>%s</v></c>`, ref, sharedXML(v))
		}
	}
	if row != "" {
		sheet.WriteString("</row>")
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	var sst strings.Builder
	sst.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for _, s := range shared {
		if strings.HasPrefix(s, "\x00") {
			s = s[1:]
			h := len(s) / 2
			fmt.Fprintf(&sst, `<si><r><rPr><b/></rPr><t>%s</t></r><r><t xml:space="preserve">%s</t></r><rPh><t>x</t></rPh></si>`, esc(s[:h]), esc(s[h:]))
			continue
		}
		fmt.Fprintf(&sst, `<si><t xml:space="preserve">%s</t></si>`, esc(s))
	}
	sst.WriteString(`</sst>`)
	files := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"xl/workbook.xml":            `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId7"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="worksheet" Target="worksheets/data.xml"/></Relationships>`,
		"xl/worksheets/data.xml":     sheet.String(),
		"xl/sharedStrings.xml":       sst.String(),
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/worksheets/data.xml", "xl/sharedStrings.xml"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func esc(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestReadRows(t *testing.T) {
	cells := map[string]string{
		"A1": "DANH SÁCH THỦ TỤC HÀNH CHÍNH",
		"A2": "Mã số", "B2": "Tên", "E2": "Lĩnh vực",
		"A3": "1.001193", "B3": "rich:Thủ tục đăng ký khai sinh", "C3": "inline:Bộ Tư pháp", "D3": "Ủy ban nhân dân cấp xã\nSở Tư pháp", "E3": "n:42",
		"B5": "R&D <x>",
	}
	data := build(t, cells, []string{"A1", "A2", "B2", "E2", "A3", "B3", "C3", "D3", "E3", "B5"})
	rows, err := ReadRows(data)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"DANH SÁCH THỦ TỤC HÀNH CHÍNH"},
		{"Mã số", "Tên", "", "", "Lĩnh vực"},
		{"1.001193", "Thủ tục đăng ký khai sinh", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã\nSở Tư pháp", "42"},
		nil,
		{"", "R&D <x>"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Fatalf("ReadRows =\n%q\nwant\n%q", rows, want)
	}
}

func TestReadRowsErrors(t *testing.T) {
	good := build(t, map[string]string{"A1": "x"}, []string{"A1"})
	mutate := func(name, content string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		zr, _ := zip.NewReader(bytes.NewReader(good), int64(len(good)))
		for _, f := range zr.File {
			w, _ := zw.Create(f.Name)
			if f.Name == name {
				if content != "\x00delete" {
					w.Write([]byte(content))
				}
				continue
			}
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			w.Write(b.Bytes())
		}
		zw.Close()
		return buf.Bytes()
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not zip", []byte("PK\x03\x04garbage"), "not a zip"},
		{"no workbook", mutate("xl/workbook.xml", "<x/>"), "no sheets"},
		{"bad shared index", mutate("xl/worksheets/data.xml", `<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row></sheetData></worksheet>`), "bad shared string index"},
		{"bad ref", mutate("xl/worksheets/data.xml", `<worksheet><sheetData><row r="1"><c r="11" t="n"><v>9</v></c></row></sheetData></worksheet>`), "bad cell reference"},
		{"rows out of order", mutate("xl/worksheets/data.xml", `<worksheet><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`), "out of order"},
		{"broken xml", mutate("xl/worksheets/data.xml", `<worksheet><sheetData><row r="1"><c`), "xlsx"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadRows(c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want %q", err, c.want)
			}
		})
	}
}

// TestReadRealLists reads the portal's list exports in ../shared/data.
func TestReadRealLists(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "data", "catalog-raw", "dvcqg-6bo-chatbot-tthc", "lists", "*.xlsx"))
	if len(files) == 0 {
		t.Skip("real data not found (CI provides ../shared/data)")
	}
	total := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := ReadRows(data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if len(rows) < 3 || rows[1][0] != "Mã số" || rows[1][1] != "Tên" {
			t.Fatalf("%s: unexpected header %q", f, rows[:min(2, len(rows))])
		}
		total += len(rows) - 2
	}
	if total != 2642 {
		t.Errorf("list rows = %d, want 2642 (SOURCE.md)", total)
	}
}

func FuzzReadRows(f *testing.F) {
	f.Add(build(f, map[string]string{"A1": "Mã số", "B1": "inline:Tên", "A2": "n:1"}, []string{"A1", "B1", "A2"}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := ReadRows(data)
		if err != nil {
			return
		}
		for _, r := range rows {
			if len(r) > maxColumns {
				t.Fatalf("row with %d columns", len(r))
			}
		}
	})
}
