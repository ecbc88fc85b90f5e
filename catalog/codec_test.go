package catalog

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

var fixedNow = func() time.Time { return time.Date(2026, 3, 2, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600)) }

// fullProcedure returns a procedure with every field set to a non-zero
// value; TestCodecCoversEveryField checks that reflection finds no zero
// field, so a field added to the model must be added here and to the codec.
func fullProcedure() *Procedure {
	p := &Procedure{
		Code: "1.001193", Name: "Thủ tục đăng ký khai sinh",
		Levels: []Level{LevelCommune, LevelProvince}, LevelText: "Cấp khác",
		Field: Field{Code: "G15-HT", Name: "Hộ tịch"}, Kind: "TTHC được giao luật quy định chi tiết",
		Publisher: "Bộ Tư pháp",
		Agencies: Agencies{
			Executing:    []Agency{{Code: "H48.1", Name: "Ủy ban nhân dân cấp xã"}},
			Competent:    []Agency{{Code: "H48", Name: "UBND tỉnh"}},
			Delegated:    []Agency{{Code: "D", Name: "Được ủy quyền"}},
			Coordinating: []Agency{{Code: "C", Name: "Công an xã"}},
		},
		Subjects:         []string{"Công dân Việt Nam"},
		LegalBasis:       []LegalDoc{{Number: "60/2014/QH13", Title: "Luật Hộ tịch", Date: "2014-11-20", Issuer: "Quốc hội"}},
		Results:          []Result{{Code: "KQ.G15.000031", Name: "Giấy khai sinh", Template: "gks.docx"}},
		Conditions:       "Không",
		Steps:            []Step{{Case: "Trực tiếp", Text: "Nộp hồ sơ"}},
		DecisionNumber:   "163/QĐ-BTP",
		ReceivingAddress: "Trung tâm Phục vụ hành chính công",
		Keywords:         []string{"khai sinh"},
		Description:      "Mô tả",
		Channels: []Channel{{
			Method: MethodOnline, Time: Time{Value: 0.5, Unit: UnitWorkingDays, Text: "0,5 ngày"},
			Fees: []Fee{{Amount: -1, Text: "10 USD"}}, Description: "Qua Cổng DVCQG",
		}},
		Cases: []Case{{
			Name: "Trường hợp A",
			Components: []Component{{
				Name: "Tờ khai", Code: "GT1", Originals: 1, Copies: 2, MustSubmit: true, Optional: true,
				Template: "a.docx\nb.pdf", TemplateURL: "https://example.invalid/a",
			}},
			Notes: []string{"Lưu ý"},
		}},
		ListOnly: true,
		Version:  Version{Hash: "00112233445566778899aabbccddeeff", Source: "laythutuc:x.json", ImportedAt: fixedNow()},
	}
	return p
}

// zeroFields lists the zero-valued fields reachable from v (through
// structs, the first element of slices and pointers).
func zeroFields(v reflect.Value, path string, out *[]string) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			*out = append(*out, path)
			return
		}
		zeroFields(v.Elem(), path, out)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			if v.Interface().(time.Time).IsZero() {
				*out = append(*out, path)
			}
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			zeroFields(v.Field(i), path+"."+v.Type().Field(i).Name, out)
		}
	case reflect.Slice:
		if v.Len() == 0 {
			*out = append(*out, path)
			return
		}
		zeroFields(v.Index(0), path+"[0]", out)
	default:
		if v.IsZero() {
			*out = append(*out, path)
		}
	}
}

func TestCodecCoversEveryField(t *testing.T) {
	p := fullProcedure()
	var zero []string
	zeroFields(reflect.ValueOf(p), "Procedure", &zero)
	if len(zero) > 0 {
		t.Fatalf("fullProcedure leaves fields zero (add them here and to codec.go): %v", zero)
	}
	set := NewSet("stamp", []*Procedure{p})
	var buf bytes.Buffer
	if err := set.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	assertSameProcedure(t, got.Procedures[0], p)
	if got.Stamp != "stamp" {
		t.Errorf("stamp = %q", got.Stamp)
	}
}

// assertSameProcedure compares two procedures field by field (times with
// Equal, since a decoded time has its own *Location).
func assertSameProcedure(t *testing.T, got, want *Procedure) {
	t.Helper()
	if !got.Version.ImportedAt.Equal(want.Version.ImportedAt) {
		t.Errorf("%s: ImportedAt = %v, want %v", want.Code, got.Version.ImportedAt, want.Version.ImportedAt)
	}
	g, w := *got, *want
	g.Version.ImportedAt, w.Version.ImportedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		t.Errorf("%s differs after round trip:\n got %s\nwant %s", want.Code, gj, wj)
	}
}

func TestCodecRoundTripRealData(t *testing.T) {
	set, _ := realData(t)
	var buf bytes.Buffer
	if err := set.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := set.Encode(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("Encode is not deterministic")
	}
	got, err := Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != set.Len() {
		t.Fatalf("decoded %d procedures, want %d", got.Len(), set.Len())
	}
	for i, p := range set.Procedures {
		assertSameProcedure(t, got.Procedures[i], p)
		if t.Failed() {
			return
		}
	}
}

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func TestDecodeErrors(t *testing.T) {
	var good bytes.Buffer
	if err := NewSet("s", []*Procedure{fullProcedure()}).Encode(&good); err != nil {
		t.Fatal(err)
	}
	zr, _ := gzip.NewReader(bytes.NewReader(good.Bytes()))
	var raw bytes.Buffer
	raw.ReadFrom(zr)
	body := raw.Bytes()
	dup := append([]byte(nil), body...)
	// two copies of the one procedure under a count of 2
	dup = append(dup[:len(codecMagic)+1+2], append([]byte{2}, body[len(codecMagic)+1+2+1:]...)...)
	dup = append(dup, body[len(codecMagic)+1+2+1:]...)
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"not gzip", []byte("hello"), "catalog file"},
		{"bad magic", gz([]byte("NOT-A-CATALOG-FILE\x00\x01")), "bad magic"},
		{"future version", gz(append([]byte(codecMagic), 9)), "format version 9"},
		{"truncated", gz(body[:len(body)-5]), `procedure 0 (code "1.001193")`},
		{"trailing bytes", gz(append(append([]byte(nil), body...), 0)), "trailing"},
		{"huge count", gz(append([]byte(codecMagic+"\x01\x00"), 0xff, 0xff, 0xff, 0x7f)), "exceeds the data"},
		{"duplicate codes", gz(dup), "duplicate procedure codes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Decode(c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Decode error = %v, want it to mention %q", err, c.want)
			}
		})
	}
}

func FuzzDecode(f *testing.F) {
	var good bytes.Buffer
	NewSet("s", []*Procedure{fullProcedure(), {Code: "2.000001", Name: "x"}}).Encode(&good)
	f.Add(good.Bytes())
	f.Add(gz([]byte(codecMagic + "\x01\x00\x01")))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Decode(data)
		if err != nil {
			return
		}
		for _, p := range s.Procedures {
			Hash(p) // must not panic on anything Decode accepts
		}
		// whatever decodes must encode and decode to the same procedures
		var buf bytes.Buffer
		if err := s.Encode(&buf); err != nil {
			return // e.g. negative quantities are rejected on encode
		}
		again, err := Decode(buf.Bytes())
		if err != nil {
			t.Fatalf("re-decode: %v", err)
		}
		if again.Len() != s.Len() {
			t.Fatalf("re-decode: %d procedures, want %d", again.Len(), s.Len())
		}
	})
}

func TestLoadDefault(t *testing.T) {
	set, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	if set.Len() != 2849 {
		t.Fatalf("default catalog has %d procedures, want 2849", set.Len())
	}
	if !strings.HasPrefix(set.Stamp, "motcua-default-") {
		t.Errorf("stamp = %q", set.Stamp)
	}
	for _, p := range set.Procedures {
		if h := Hash(p); h != p.Version.Hash {
			t.Fatalf("%s: stored hash %s, content hash %s", p.Code, p.Version.Hash, h)
		}
		if p.Version.ImportedAt.IsZero() || p.Version.Source == "" || strings.Contains(p.Version.Source, "..") {
			t.Fatalf("%s: bad version %+v", p.Code, p.Version)
		}
	}
	p, ok := set.Get("1.001193")
	if !ok || p.Name != "Thủ tục đăng ký khai sinh" || p.Components() == 0 || len(p.Channels) != 3 {
		t.Fatalf("1.001193 in default catalog: %+v", p)
	}
}

// BenchmarkLoadDefault measures the app-start cost of the embedded
// catalog; the JSON sub-benchmark decodes the same set from gzip JSON as
// the baseline this file format replaced.
func BenchmarkLoadDefault(b *testing.B) {
	set, err := LoadDefault()
	if err != nil {
		b.Fatal(err)
	}
	var js bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&js, gzip.BestCompression)
	json.NewEncoder(zw).Encode(set)
	zw.Close()
	b.Run("mcat", func(b *testing.B) {
		for b.Loop() {
			if _, err := LoadDefault(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(defaultBytes())), "file-bytes")
	})
	b.Run("json-baseline", func(b *testing.B) {
		for b.Loop() {
			zr, _ := gzip.NewReader(bytes.NewReader(js.Bytes()))
			var s Set
			if err := json.NewDecoder(zr).Decode(&s); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(js.Len()), "file-bytes")
	})
}

func TestDecodeStamp_MatchesDecode(t *testing.T) {
	def, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	st, err := DefaultStamp()
	if err != nil || st != def.Stamp || st == "" {
		t.Fatalf("DefaultStamp = %q, %v; Decode says %q", st, err, def.Stamp)
	}
	var buf bytes.Buffer
	if err := NewSet("x-1", nil).Encode(&buf); err != nil {
		t.Fatal(err)
	}
	if st, err := DecodeStamp(buf.Bytes()); err != nil || st != "x-1" {
		t.Fatalf("empty set: %q %v", st, err)
	}
	for _, bad := range [][]byte{nil, []byte("not gzip"), buf.Bytes()[:12]} {
		if _, err := DecodeStamp(bad); err == nil {
			t.Errorf("DecodeStamp(%q) accepted", bad)
		}
	}
}
