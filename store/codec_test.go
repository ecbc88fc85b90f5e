package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"motcua/dossier"
)

// fullDossier exercises every field of the codec.
func fullDossier() *dossier.Dossier {
	at := time.Date(2023, 10, 27, 9, 32, 0, 0, dossier.Zone)
	d := sampleDossier(at, 7)
	d.ID = 42
	d.Code = "000.00.06.H56-231027-0361"
	d.Generated = true
	d.Case = "Trường hợp đăng ký khai sinh có yếu tố nước ngoài"
	d.Owner = &dossier.Party{Kind: dossier.PartyBusiness, Name: "Công ty TNHH Một Cửa", TaxCode: "0101234567-001", Address: "Hà Nội", Email: "a@b.vn"}
	d.Authorisation = "Giấy ủy quyền số 12/UQ"
	d.Override = &dossier.Override{By: "sup1", Reason: "bổ sung sau", At: at}
	d.ReturnBy = dossier.ReturnByPost
	d.Summary = "Đăng ký khai sinh cho con"
	d.Reason = ""
	d.TimeLimit = dossier.Limit{Value: 0.5, Unit: "working-days"}
	d.LimitNote = "Cơ sở dữ liệu không ghi đơn vị; theo Luật Hộ tịch"
	d.Fees = append(d.Fees, dossier.Fee{Name: "Phí sao lục", Amount: 8000, CatalogAmount: -1, Reason: "theo biểu phí", When: dossier.FeeAtReturn, Paid: true})
	d.TransferDue = at.Add(6 * time.Hour)
	d.History = append(d.History,
		dossier.Event{Kind: dossier.EvTransferred, At: at.Add(time.Hour), Actor: "clerk1", Desk: "desk-1", From: 2, To: 4, Department: "Phòng Tư pháp"},
		dossier.Event{Kind: dossier.EvSupplementRequest, At: at.Add(2 * time.Hour), Actor: "clerk2", From: 4, To: 5, Items: []string{"Giấy chứng sinh", "Tờ khai"}, Note: "thiếu"},
		dossier.Event{Kind: dossier.EvSupplementReceived, At: at.Add(3 * time.Hour), Actor: "clerk2", From: 5, To: 4, Appointment: at.Add(72 * time.Hour)},
		dossier.Event{Kind: dossier.EvExtended, At: at.Add(4 * time.Hour), Actor: "clerk2", From: 4, To: 4, Appointment: at.Add(96 * time.Hour), Approver: "sup1", Note: "chờ xác minh"},
		dossier.Event{Kind: dossier.EvAmended, At: at.Add(5 * time.Hour), Actor: "clerk1", From: 4, To: 4, Amend: &dossier.Amendment{Field: "submitter.phone", Old: "0900000000", New: "0912345678", Reason: "nhầm"}},
		dossier.Event{Kind: dossier.EvResultReady, At: at.Add(6 * time.Hour), Actor: "clerk1", From: 4, To: 9, Result: dossier.ResultApproved},
		dossier.Event{Kind: dossier.EvReturned, At: at.Add(7 * time.Hour), Actor: "clerk1", From: 9, To: 10, Amount: 8000, Collector: &dossier.Collector{Name: "Nguyễn Văn An", IDNumber: "001090100007", IDChecked: true, Authorised: true}},
	)
	d.Status = dossier.StatusReturned
	d.Department = "Phòng Tư pháp"
	d.Supplements = 1
	d.SupplementWait = time.Hour
	d.Extended = true
	d.ResultKind = dossier.ResultApproved
	d.FinishedAt = at.Add(6 * time.Hour)
	d.ReturnedAt = at.Add(7 * time.Hour)
	d.Appointment = at.Add(96 * time.Hour)
	d.IntakeAmendments = 1
	return d
}

// TestCodec_Golden pins the version 1 encoding byte for byte: a change to
// the codec must add a version, not silently change v1.
func TestCodec_Golden(t *testing.T) {
	d := fullDossier()
	rec, err := recordCodec{}.encode(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "codec_v1_full.hex")
	got := hexLines(rec)
	if *update {
		os.WriteFile(golden, []byte(got), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	if got != string(want) {
		t.Fatalf("v1 encoding changed; if intended, add codec version 2 and a migration\n got %d bytes", len(rec))
	}
	// The golden bytes decode to the same dossier.
	raw, _ := hex.DecodeString(strings.ReplaceAll(string(want), "\n", ""))
	back, err := recordCodec{}.decode(raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertSameDossier(t, d, back)
	f, err := decodeFactsOnly(raw)
	if err != nil || f.Code != d.Code || f.Status != dossier.StatusReturned || !f.Generated || !f.Extended || !f.Digitised || !f.Overridden || f.Events != 8 || f.SupplementWait != time.Hour {
		t.Fatalf("facts %+v %v", f, err)
	}
}

func hexLines(b []byte) string {
	s := hex.EncodeToString(b)
	var out strings.Builder
	for len(s) > 64 {
		out.WriteString(s[:64] + "\n")
		s = s[64:]
	}
	out.WriteString(s + "\n")
	return out.String()
}

func assertSameDossier(t *testing.T, want, got *dossier.Dossier) {
	t.Helper()
	a, _ := json.Marshal(want)
	b, _ := json.Marshal(got)
	if !bytes.Equal(a, b) {
		t.Fatalf("round trip differs:\nwant %s\n got %s", a, b)
	}
	if !reflect.DeepEqual(normalise(want), normalise(got)) {
		t.Fatalf("round trip differs structurally")
	}
}

// normalise puts times in one location so DeepEqual compares instants.
func normalise(d *dossier.Dossier) *dossier.Dossier {
	b, _ := json.Marshal(d)
	var out dossier.Dossier
	json.Unmarshal(b, &out)
	return &out
}

type xorSealer struct{}

func (xorSealer) Seal(p []byte) ([]byte, error) {
	out := make([]byte, len(p)+1)
	out[0] = 0xA5
	for i, c := range p {
		out[i+1] = c ^ 0x5A
	}
	return out, nil
}
func (xorSealer) Open(s []byte) ([]byte, error) {
	if len(s) == 0 || s[0] != 0xA5 {
		return nil, errCorrupt
	}
	out := make([]byte, len(s)-1)
	for i, c := range s[1:] {
		out[i] = c ^ 0x5A
	}
	return out, nil
}
func (xorSealer) IndexKey() []byte { return []byte("0123456789abcdef0123456789abcdef") }

func TestCodec_SealedBodyKeepsFactsClear(t *testing.T) {
	d := fullDossier()
	c := recordCodec{sealer: xorSealer{}}
	rec, err := c.encode(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(rec, []byte("Nguyễn Văn An")) || bytes.Contains(rec, []byte("001090100007")) {
		t.Fatal("personal data in clear in a sealed record")
	}
	if f, err := decodeFactsOnly(rec); err != nil || f.Code != d.Code {
		t.Fatalf("facts of sealed record: %+v %v", f, err)
	}
	back, err := c.decode(rec, nil)
	if err != nil {
		t.Fatal(err)
	}
	assertSameDossier(t, d, back)
	if _, err := (recordCodec{}).decode(rec, nil); err == nil {
		t.Fatal("sealed body decoded without the key")
	}
}

func FuzzCodecDecode(f *testing.F) {
	rec, _ := recordCodec{}.encode(fullDossier(), nil)
	f.Add(rec)
	f.Add(rec[:len(rec)/2])
	f.Add([]byte{1, 0, 0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := recordCodec{}.decode(b, nil)
		if err != nil {
			return
		}
		// Anything that decodes re-encodes and decodes to the same value.
		again, err := recordCodec{}.encode(d, nil)
		if err != nil {
			t.Fatal(err)
		}
		d2, err := recordCodec{}.decode(again, nil)
		if err != nil {
			t.Fatalf("re-encoded record does not decode: %v", err)
		}
		a, _ := json.Marshal(d)
		c, _ := json.Marshal(d2)
		if !bytes.Equal(a, c) {
			t.Fatal("unstable round trip")
		}
	})
}

// TestCodec_Dictionary checks that components equal to the catalog version
// are stored as references, others inline, and that both come back; and
// that a record whose version is missing refuses to decode rather than
// inventing data.
func TestCodec_Dictionary(t *testing.T) {
	d := fullDossier()
	d.Procedure.Version = "da10b088cc55de78c803ace6c36c7249"
	pd := &procDict{name: d.Procedure.Name, fieldName: d.Procedure.FieldName, level: d.Procedure.Level, agency: "another agency",
		cases: []caseDict{{name: "", comps: nil}, {name: d.Case, comps: []dossier.Item{
			{Name: "Tờ khai đăng ký khai sinh", MustSubmit: true, WantOriginals: 1},
			{Name: "Giấy chứng sinh", MustSubmit: true, WantOriginals: 1},
		}}}}
	dict := func(code, ver string) *procDict {
		if code == d.Procedure.Code && ver == d.Procedure.Version {
			return pd
		}
		return nil
	}
	withDict, err := recordCodec{}.encode(d, dict)
	if err != nil {
		t.Fatal(err)
	}
	inline, _ := recordCodec{}.encode(d, nil)
	if len(withDict) >= len(inline)-60 {
		t.Fatalf("dictionary saved too little: %d vs %d bytes", len(withDict), len(inline))
	}
	back, err := recordCodec{}.decode(withDict, dict)
	if err != nil {
		t.Fatal(err)
	}
	assertSameDossier(t, d, back)
	if _, err := (recordCodec{}).decode(withDict, nil); err == nil || !strings.Contains(err.Error(), "not stored") {
		t.Fatalf("decoded without its catalog version: %v", err)
	}
}
