package dossier

import (
	"strings"
	"testing"
	"time"
)

func validIntake() *Dossier {
	return &Dossier{
		Procedure: ProcedureRef{Code: "1.001193", Name: "Thủ tục đăng ký khai sinh", Version: "abc"},
		Channel:   ChannelDirect,
		Submitter: Party{Kind: PartyCitizen, Name: "Trần Thị Thủy", IDNumber: "001190000001", BirthDate: "1990-01-01", Sex: "Nữ", Phone: "+84 912 345 678", Email: "thuy@example.vn"},
		Checklist: []Item{
			{Name: "Tờ khai đăng ký khai sinh", MustSubmit: true, Decision: DecisionSubmitted, Originals: 1},
			{Name: "Giấy chứng sinh", MustSubmit: true, Decision: DecisionSubmitted, Originals: 1},
			{Name: "CCCD của người đi đăng ký", PresentOnly: true, Decision: DecisionPresented},
			{Name: "Văn bản ủy quyền (nếu có)", Decision: DecisionNotApplicable},
		},
		Fees:       []Fee{{Name: "Lệ phí", Amount: 0, CatalogAmount: 0, When: FeeAtIntake}},
		TimeLimit:  Limit{Value: 1, Unit: "working-days"},
		ReceivedAt: time.Date(2026, 3, 2, 9, 0, 0, 0, Zone),
		Clerk:      "clerk1",
		Desk:       "desk-1",
	}
}

func TestValidateIntake(t *testing.T) {
	cases := []struct {
		name string
		v    Verdict
		mod  func(d *Dossier)
		want []string // substrings; nil = valid
	}{
		{"valid receive", VerdictReceive, func(*Dossier) {}, nil},
		{"missing required blocks receive", VerdictReceive, func(d *Dossier) { d.Checklist[1].Decision = DecisionMissing }, []string{"required components missing: Giấy chứng sinh"}},
		{"present-only not shown blocks receive", VerdictReceive, func(d *Dossier) { d.Checklist[2].Decision = DecisionMissing }, []string{"CCCD của người đi đăng ký"}},
		{"override with reason receives", VerdictReceive, func(d *Dossier) {
			d.Checklist[1].Decision = DecisionMissing
			d.Override = &Override{By: "sup1", Reason: "bổ sung sau theo chỉ đạo", At: d.ReceivedAt}
		}, nil},
		{"override without reason", VerdictReceive, func(d *Dossier) {
			d.Checklist[1].Decision = DecisionMissing
			d.Override = &Override{By: "sup1"}
		}, []string{"override"}},
		{"national data satisfies", VerdictReceive, func(d *Dossier) { d.Checklist[1].Decision = DecisionNationalData }, nil},
		{"unchecked item", VerdictReceive, func(d *Dossier) { d.Checklist[0].Decision = DecisionUnset }, []string{"has not been checked"}},
		{"submitted without count", VerdictReceive, func(d *Dossier) { d.Checklist[0].Originals = 0 }, []string{"no original or copy"}},
		{"required not applicable", VerdictReceive, func(d *Dossier) { d.Checklist[0].Decision = DecisionNotApplicable }, []string{"cannot be marked not applicable"}},
		{"bad ID and phone together", VerdictReceive, func(d *Dossier) { d.Submitter.IDNumber = "12345"; d.Submitter.Phone = "abc" }, []string{"exactly 12 digits", "phone"}},
		{"fee change needs reason", VerdictReceive, func(d *Dossier) { d.Fees[0].Amount = 10000 }, []string{"differs from the catalog"}},
		{"fee change with reason", VerdictReceive, func(d *Dossier) { d.Fees[0].Amount = 10000; d.Fees[0].Reason = "đăng ký quá hạn" }, nil},
		{"business needs tax code", VerdictReceive, func(d *Dossier) {
			d.Owner = &Party{Kind: PartyBusiness, Name: "Công ty TNHH A"}
			d.Authorisation = "Giấy ủy quyền số 1"
		}, []string{"tax"}},
		{"owner needs authorisation", VerdictReceive, func(d *Dossier) {
			d.Owner = &Party{Kind: PartyBusiness, Name: "Công ty TNHH A", TaxCode: "0101234567-001"}
		}, []string{"authorisation"}},
		{"refuse needs reason", VerdictRefuse, func(*Dossier) {}, []string{"refusal needs the reason"}},
		{"supplement with nothing missing needs reason", VerdictSupplement, func(*Dossier) {}, []string{"nothing is missing"}},
		{"supplement with missing", VerdictSupplement, func(d *Dossier) { d.Checklist[1].Decision = DecisionMissing }, nil},
		{"bad unit", VerdictReceive, func(d *Dossier) { d.TimeLimit.Unit = "weeks" }, []string{"time unit"}},
		{"bad scan hash", VerdictReceive, func(d *Dossier) { d.Checklist[0].Scans = []Scan{{Name: "a.pdf", SHA256: "xyz"}} }, []string{"64 hex"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := validIntake()
			c.mod(d)
			err := d.ValidateIntake(c.v)
			if c.want == nil {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want errors %q, got none", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
}

func TestParseStatus(t *testing.T) {
	for in, want := range map[string]Status{"2": StatusReceived, "10": StatusReturned, "processing": StatusProcessing, "Đã trả kết quả": StatusReturned, " supplement ": StatusSupplement, "result-ready": StatusResultReady} {
		got, err := ParseStatus(in)
		if err != nil || got != want {
			t.Errorf("ParseStatus(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "11", "-1", "done!", ""} {
		if _, err := ParseStatus(in); err == nil {
			t.Errorf("ParseStatus(%q) accepted", in)
		}
	}
}
