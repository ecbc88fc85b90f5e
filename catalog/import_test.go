package catalog

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// xlsxList builds a one-sheet workbook with inline strings.
func xlsxList(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var sheet strings.Builder
	sheet.WriteString(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for i, r := range rows {
		fmt.Fprintf(&sheet, `<row r="%d">`, i+1)
		for j, v := range r {
			v = strings.NewReplacer("&", "&amp;", "<", "&lt;").Replace(v)
			fmt.Fprintf(&sheet, `<c r="%c%d" t="inlineStr"><is><t>%s</t></is></c>`, 'A'+j, i+1, v)
		}
		sheet.WriteString(`</row>`)
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range map[string]string{
		"xl/workbook.xml":          `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="Danh sách TTHC" sheetId="1"/></sheets></workbook>`,
		"xl/worksheets/sheet1.xml": sheet.String(),
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func importFixed(t *testing.T, paths ...string) (*Set, *Report, error) {
	t.Helper()
	return (&Importer{Now: fixedNow}).Import(paths...)
}

func TestImportLayThuTuc(t *testing.T) {
	set, rep, err := importFixed(t, "testdata/laythutuc")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Files != 3 || rep.Records[FormatLayThuTuc] != 4 || set.Len() != 4 {
		t.Fatalf("report %+v, %d procedures", rep, set.Len())
	}
	p, _ := set.Get("1.001193")
	want := fullLayThuTucExpect()
	p2 := *p
	p2.Version = Version{}
	if !reflect.DeepEqual(&p2, want) {
		t.Fatalf("1.001193 from LayThuTuc differs:\n got %+v\nwant %+v", p2, *want)
	}
	if p.Version.Hash != Hash(p) || !p.Version.ImportedAt.Equal(fixedNow()) || p.Version.Source != "laythutuc:testdata/laythutuc/single.json" {
		t.Errorf("version %+v", p.Version)
	}
	// numbers as JSON numbers, null fees, a local variant code
	k, _ := set.Get("1.000656")
	if k.Channels[1].Time != (Time{Value: 1.5, Unit: UnitDays}) || k.Channels[0].Fees[0].Amount != 0 || k.Cases[0].Components[1].Copies != 1 {
		t.Errorf("1.000656: %+v", k)
	}
	if v, ok := set.Get("1.000656.000.00.00.H48"); !ok || v.Cases[0].Components[0].Originals != 1 {
		t.Errorf("local variant: %+v", v)
	}
	// message-wrapped JSON in a .txt file
	if m, ok := set.Get("1.000894"); !ok || m.Channels[0].Time.Value != 5 {
		t.Errorf("message.txt record: %+v", m)
	}
	var ws []string
	for _, pw := range rep.Warnings {
		for _, w := range pw.Warnings {
			ws = append(ws, pw.Code+": "+w)
		}
	}
	wantW := []string{
		"1.000656: channel 2 (Trực tuyến): no fee information",
		"1.000656.000.00.00.H48: field: none published",
		"1.000656.000.00.00.H48: channel 1 (Trực tiếp): no fee information",
		`1.001193: channel 3 (Dịch vụ bưu chính): cannot read time "Theo quy định"`,
		"1.001193: channel 3 (Dịch vụ bưu chính): no fee information",
	}
	if !reflect.DeepEqual(ws, wantW) {
		t.Errorf("warnings\n got %q\nwant %q", ws, wantW)
	}
}

func fullLayThuTucExpect() *Procedure {
	return &Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh",
		Levels: []Level{LevelCommune}, Field: Field{Code: "G15-HT", Name: "Hộ tịch"},
		Kind: "TTHC được giao luật quy định chi tiết",
		Agencies: Agencies{
			Executing:    []Agency{{Name: "Ủy ban nhân dân cấp xã"}},
			Coordinating: []Agency{{Code: "CAX", Name: "Công an cấp xã"}},
		},
		Subjects: []string{"Công dân Việt Nam", "Người Việt Nam định cư ở nước ngoài"},
		LegalBasis: []LegalDoc{
			{Number: "60/2014/QH13", Title: "Luật Hộ tịch", Date: "2014-11-20", Issuer: "Quốc hội"},
			{Number: "123/2015/NĐ-CP", Title: "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch", Date: "2015-11-15", Issuer: "Chính phủ"},
		},
		Results: []Result{{Code: "KQ.G15.000031", Name: "Giấy khai sinh"}},
		Steps: []Step{
			{Text: "Người yêu cầu nộp hồ sơ tại Trung tâm Phục vụ hành chính công hoặc trực tuyến."},
			{Text: "Công chức tư pháp - hộ tịch kiểm tra hồ sơ, ghi vào Sổ đăng ký khai sinh."},
		},
		DecisionNumber:   "163/QĐ-BTP",
		ReceivingAddress: "Trung tâm Phục vụ hành chính công",
		Keywords:         []string{"khai sinh", "giấy khai sinh"},
		Channels: []Channel{
			{Method: MethodDirect, Time: Time{Value: 1, Unit: UnitWorkingDays}, Fees: []Fee{
				{Amount: 0, Text: "0 Đồng (Miễn lệ phí đăng ký khai sinh đúng hạn)"},
				{Amount: 8000, Text: "8.000 Đồng (Phí cấp bản sao Giấy khai sinh, mỗi bản)"},
			}, Description: "Trong ngày làm việc tiếp theo nếu nhận hồ sơ sau 15 giờ."},
			{Method: MethodOnline, Time: Time{Value: 1, Unit: UnitWorkingDays}, Fees: []Fee{{Amount: 0, Text: "0 Đồng"}}},
			{Method: MethodPostal, Time: Time{Text: "Theo quy định"}},
		},
		Cases: []Case{
			{Components: []Component{
				{Name: "Tờ khai đăng ký khai sinh theo mẫu", Code: "GT001", Originals: 1, MustSubmit: true,
					Template: "To khai dang ky khai sinh.docx", TemplateURL: "https://csdl.dichvucong.gov.vn/web/jsp/download_file.jsp?ma=3fd1a2"},
				{Name: "Giấy chứng sinh", Code: "GT002", Originals: 1, MustSubmit: true},
			}},
			{Name: "Trường hợp trẻ em bị bỏ rơi", Components: []Component{
				{Name: "Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập", Code: "GT003", Originals: 1, MustSubmit: true},
			}},
		},
	}
}

func TestImportPortal(t *testing.T) {
	set, rep, err := importFixed(t, "testdata/portal")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Records[FormatPortal] != 3 || rep.ListOnly != 2 {
		t.Fatalf("report %+v", rep)
	}
	p, _ := set.Get("2.000528")
	if p.ListOnly || !reflect.DeepEqual(p.Levels, []Level{LevelProvince, LevelCommune}) || p.Publisher != "Bộ Tư pháp" ||
		len(p.Agencies.Executing) != 2 || p.DecisionNumber != "163/QĐ-BTP" || len(p.Steps) != 2 {
		t.Fatalf("2.000528: %+v", p)
	}
	wantCh := []Channel{
		{Method: MethodDirect, Time: Time{Value: 15, Unit: UnitWorkingDays}, Description: "Nộp trực tiếp",
			Fees: []Fee{{75000, "Lệ phí đăng ký khai sinh có yếu tố nước ngoài"}, {8000, "Phí cấp bản sao trích lục"}}},
		{Method: MethodOnline, Time: Time{Value: 15, Unit: UnitWorkingDays}, Description: "Qua Cổng Dịch vụ công quốc gia",
			Fees: []Fee{{-1, "Theo mức do Hội đồng nhân dân cấp tỉnh quy định"}, {8000, "Phí cấp bản sao trích lục"}}},
		{Method: MethodPostal, Time: Time{Value: 0.5, Unit: UnitMonths}, Fees: []Fee{{8000, "Phí cấp bản sao trích lục"}}},
		{Method: MethodUnknown, Time: Time{Text: "Theo thỏa thuận"}, Description: "Ủy quyền", Fees: []Fee{{8000, "Phí cấp bản sao trích lục"}}},
	}
	if !reflect.DeepEqual(p.Channels, wantCh) {
		t.Errorf("channels\n got %+v\nwant %+v", p.Channels, wantCh)
	}
	wantCases := []Case{
		{Components: []Component{{Name: "Tờ khai đăng ký khai sinh theo mẫu", Code: "TP01", Originals: 1, MustSubmit: true, Template: "To khai dang ky khai sinh.docx"}}},
		{Name: "Trẻ em sinh ra ở nước ngoài", Components: []Component{
			{Name: "Giấy tờ chứng minh việc trẻ em sinh ra ở nước ngoài", Code: "TP02", Originals: 1, Copies: 1, MustSubmit: true},
			{Name: "Văn bản thỏa thuận chọn quốc tịch", Code: "TP03", Originals: 1, MustSubmit: true, Optional: true},
		}},
	}
	if !reflect.DeepEqual(p.Cases, wantCases) {
		t.Errorf("cases\n got %+v\nwant %+v", p.Cases, wantCases)
	}
	l, _ := set.Get("1.004884")
	if !l.ListOnly || l.Field.Name != "Hộ tịch" || l.Name != "Thủ tục đăng ký lại khai sinh" {
		t.Errorf("list item: %+v", l)
	}
}

func TestImportBadFiles(t *testing.T) {
	cases := []struct{ file, want string }{
		{"testdata/bad/truncated.json", "testdata/bad/truncated.json: invalid JSON"},
		{"testdata/bad/unknown.json", "testdata/bad/unknown.json: unrecognised procedure record (keys: ma, ten)"},
		{"testdata/bad/array-bad-record.json", "testdata/bad/array-bad-record.json: record 3: procedure 1.001193: empty name (TENTTHC)"},
		{"testdata/bad/bad-code.json", `testdata/bad/bad-code.json: MATTHC: invalid procedure code "khai-sinh"`},
		{"testdata/bad/wrong-type.json", "testdata/bad/wrong-type.json: procedure 1.001193: LayThuTuc record: json: cannot unmarshal object into Go struct field .THANHPHANHOSO.GIAYTO.SOBANCHINH"},
		{"testdata/README.md", "testdata/README.md: not a procedure file: neither JSON nor xlsx"},
		{"testdata/nope.json", "testdata/nope.json: "},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.file), func(t *testing.T) {
			set, rep, err := importFixed(t, "testdata/laythutuc/single.json", c.file)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want %q", err, c.want)
			}
			if set != nil {
				t.Fatal("a failed import returned a set")
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != c.file || len(rep.Errors) != 1 {
				t.Fatalf("error %#v, report errors %v", err, rep.Errors)
			}
		})
	}
}

func TestImportFolderSkipsNonData(t *testing.T) {
	dir := t.TempDir()
	single, _ := os.ReadFile("testdata/laythutuc/single.json")
	writeFile(t, dir, "a/record.data", single) // recognised by content
	writeFile(t, dir, "SOURCE.md", []byte("# notes"))
	writeFile(t, dir, ".hidden/x.json", []byte("not json"))
	writeFile(t, dir, ".x.json", []byte("not json"))
	set, rep, err := (&Importer{Now: fixedNow, Root: dir}).Import(dir)
	if err != nil {
		t.Fatal(err)
	}
	if set.Len() != 1 || rep.Files != 1 || len(rep.Skipped) != 1 || !strings.HasSuffix(rep.Skipped[0], "SOURCE.md") {
		t.Fatalf("set %d, report %+v", set.Len(), rep)
	}
	if src := set.Procedures[0].Version.Source; src != "laythutuc:a/record.data" {
		t.Errorf("source relative to Root = %q", src)
	}
	if _, _, err := importFixed(t, t.TempDir()); err == nil || !strings.Contains(err.Error(), "no procedure records found") {
		t.Errorf("empty folder: %v", err)
	}
	if _, _, err := importFixed(t); err == nil {
		t.Error("Import() without paths succeeded")
	}
}

func TestMergeRule(t *testing.T) {
	dir := t.TempDir()
	list := xlsxList(t, [][]string{
		{"DANH SÁCH THỦ TỤC HÀNH CHÍNH"},
		{"Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"},
		{"1.001193", "Thủ tục đăng ký khai sinh", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã\nTrung tâm Phục vụ hành chính công", "Hộ tịch"},
		{"1.004884", "Thủ tục đăng ký lại khai sinh", "Bộ Tư pháp", "Ủy ban nhân dân cấp xã", "Hộ tịch"},
		{"", ""},
	})
	writeFile(t, dir, "list.xlsx", list)
	// detail without publisher and without executing agencies
	writeFile(t, dir, "detail.json", []byte(`{"MATTHC":"1.001193","TENTTHC":"Thủ tục đăng ký khai sinh",
		"LINHVUCTHUCHIEN":[{"TENLINHVUC":"Hộ tịch"}],"CAPTHUCHIEN":[{"TENCAP":"Cấp Xã"}],
		"CACHTHUCTHUCHIEN":[{"KENH":"1","THOIGIAN":[{"THOIGIANGIAIQUYET":"1","DONVITINH":"Ngày làm việc","PHILEPHI":[{"SOTIEN":"0"}]}]}],
		"THANHPHANHOSO":[{"GIAYTO":[{"TENGIAYTO":"Tờ khai","SOBANCHINH":"1","SOBANSAO":"0"}]}]}`))
	set, rep, err := (&Importer{Now: fixedNow, Root: dir}).Import(dir)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Merged != 1 || rep.ListOnly != 1 || set.Len() != 2 || rep.Records[FormatList] != 2 {
		t.Fatalf("report %+v", rep)
	}
	p, _ := set.Get("1.001193")
	if p.ListOnly || p.Publisher != "Bộ Tư pháp" || len(p.Agencies.Executing) != 2 || p.Components() != 1 ||
		p.Version.Source != "laythutuc:detail.json; xlsx-list:list.xlsx#row 3" {
		t.Fatalf("merged procedure %+v", p)
	}
	if l, _ := set.Get("1.004884"); !l.ListOnly || l.Agencies.Executing[0].Name != "Ủy ban nhân dân cấp xã" {
		t.Fatalf("list-only entry %+v", l)
	}

	// a detail from the portal JSON and a different one from LayThuTuc:
	// LayThuTuc wins; an identical copy is not a duplicate.
	writeFile(t, dir, "portal.json", []byte(`{"codeNotation":"1.001193","name":"Đăng ký khai sinh (portal)","executionMethods":[]}`))
	single, _ := os.ReadFile(filepath.Join(dir, "detail.json"))
	writeFile(t, dir, "z-copy.json", single)
	set, rep, err = (&Importer{Now: fixedNow, Root: dir}).Import(dir)
	if err != nil {
		t.Fatal(err)
	}
	if p, _ := set.Get("1.001193"); p.Name != "Thủ tục đăng ký khai sinh" {
		t.Fatalf("kept %q", p.Name)
	}
	want := []string{"1.001193: kept detail.json (laythutuc), ignored different portal.json (portal-json): more structured format"}
	if !reflect.DeepEqual(rep.Duplicates, want) {
		t.Fatalf("duplicates %q, want %q", rep.Duplicates, want)
	}
}

func TestImportIsRepeatable(t *testing.T) {
	a, _, err := importFixed(t, "testdata/laythutuc", "testdata/portal")
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := (&Importer{Now: func() time.Time { return fixedNow().AddDate(1, 0, 0) }}).Import("testdata/portal", "testdata/laythutuc")
	if err != nil {
		t.Fatal(err)
	}
	if a.Len() != b.Len() {
		t.Fatalf("%d vs %d procedures", a.Len(), b.Len())
	}
	for i := range a.Procedures {
		if a.Procedures[i].Version.Hash != b.Procedures[i].Version.Hash {
			t.Errorf("%s: hash changed between identical imports", a.Procedures[i].Code)
		}
	}
}

func TestHash(t *testing.T) {
	p := fullProcedure()
	h := Hash(p)
	q := *p
	q.Version = Version{Hash: "x", Source: "elsewhere", ImportedAt: fixedNow().AddDate(0, 0, 1)}
	if Hash(&q) != h {
		t.Error("hash depends on the version")
	}
	q.Channels = append([]Channel(nil), p.Channels...)
	q.Channels[0].Time.Value = 2
	if Hash(&q) == h {
		t.Error("hash ignores a changed processing time")
	}
	if len(h) != 32 {
		t.Errorf("hash %q is not 128 bits in hex", h)
	}
}

func TestReportGolden(t *testing.T) {
	_, rep, _ := (&Importer{Now: fixedNow}).Import("testdata/laythutuc", "testdata/portal", "testdata/bad/unknown.json")
	var buf bytes.Buffer
	if err := rep.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		os.WriteFile(golden, buf.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Fatalf("report differs from %s (run with -update):\n%s", golden, buf.String())
	}
}

func FuzzReadJSONFile(f *testing.F) {
	for _, name := range []string{"laythutuc/single.json", "laythutuc/result.json", "laythutuc/message.txt", "portal/detail.json", "portal/list.json", "bad/array-bad-record.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(bqpRecordJSON(nil))
	f.Add([]byte(`{"ma_thu_tuc":"1.000001","ten_thu_tuc":"x","cach_thuc_thuc_hien":"` + channelHeader + `Trực tiếp1Miễn phí","thanh_phan_ho_so":"--` + componentHeader + `Đơn1 bản chính"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, errs := readJSONFile("f.json", data)
		for _, e := range errs {
			if e.File != "f.json" || e.Err == nil {
				t.Fatalf("bad error %#v", e)
			}
		}
		for _, r := range recs {
			if checkCode(r.p.Code) != nil || strings.TrimSpace(r.p.Name) == "" && !r.p.ListOnly {
				t.Fatalf("record with code %q name %q accepted", r.p.Code, r.p.Name)
			}
			Hash(r.p) // must not panic
		}
	})
}
