package forms

import (
	"bytes"
	"testing"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/receipt"
	"motcua/workday"
)

func at(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, dossier.Zone)
}

func testOffice(set desk.FormSet) desk.Office {
	o := desk.DefaultOffice()
	o.ParentAgency = "UBND tỉnh Thanh Hóa"
	o.Name = "Trung tâm Phục vụ hành chính công phường Hạc Thành"
	o.AgencyCode = "000.00.06.H56"
	o.Place = "Thanh Hóa"
	o.Address = "Số 26 đường Phan Chu Trinh, phường Hạc Thành, tỉnh Thanh Hóa"
	o.Phone = "0237 3855 888"
	o.LookupURL = "https://dichvucong.thanhhoa.gov.vn/tra-cuu"
	o.Forms = set
	return o
}

func testDesk() desk.Desk { return desk.Desk{ID: "quay-03", Number: 3, Slot: 1} }

func testKey(t testing.TB) receipt.Key {
	t.Helper()
	k, err := receipt.NewKey(bytes.NewReader(bytes.Repeat([]byte{42}, 32)), "Quầy 03 – TTPVHCC phường Hạc Thành")
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// testDossier is received on Friday 27/10/2023 at 9:32 (the R1 example of
// domain.md §1.2) and has gone through most of its life.
func testDossier() *dossier.Dossier {
	recv := at(2023, 10, 27, 9, 32)
	d := &dossier.Dossier{
		ID:   7,
		Kind: dossier.KindDossier,
		Code: "000.00.06.H56-231027-0361",
		Procedure: dossier.ProcedureRef{
			Code: "1.001193.000.00.00.H56", Name: "Đăng ký khai sinh có yếu tố nước ngoài", Version: "abc123",
			FieldName: "Hộ tịch", Agency: "UBND phường Hạc Thành",
		},
		Channel: dossier.ChannelDirect,
		Submitter: dossier.Party{Kind: dossier.PartyCitizen, Name: "Nguyễn Thị Ánh Tuyết", IDNumber: "038190001234",
			Address: "Số 12 ngõ 5 đường Lê Lai, phường Hạc Thành, tỉnh Thanh Hóa", Phone: "0912 345 678", Email: "anhtuyet@example.vn"},
		Checklist: []dossier.Item{
			{Name: "Tờ khai đăng ký khai sinh (theo mẫu)", MustSubmit: true, WantOriginals: 1, Decision: dossier.DecisionSubmitted, Originals: 1},
			{Name: "Giấy chứng sinh hoặc giấy tờ thay thế giấy chứng sinh", MustSubmit: true, WantOriginals: 1, Decision: dossier.DecisionSubmitted, Originals: 1, Copies: 1},
			{Name: "Giấy tờ chứng minh nơi cư trú của cha, mẹ", MustSubmit: true, WantCopies: 1, Decision: dossier.DecisionNationalData},
			{Name: "Hộ chiếu của người cha (bản dịch có chứng thực)", MustSubmit: true, WantCopies: 1, Decision: dossier.DecisionSubmitted, CertifiedCopies: 1, Note: "bản dịch tiếng Việt"},
			{Name: "Căn cước của người nộp hồ sơ", PresentOnly: true, Decision: dossier.DecisionPresented},
			{Name: "Văn bản thỏa thuận chọn quốc tịch cho con", Decision: dossier.DecisionNotApplicable},
		},
		Fees:             []dossier.Fee{{Name: "Lệ phí đăng ký khai sinh", Amount: 100000, CatalogAmount: 100000, When: dossier.FeeAtIntake, Paid: true}},
		TimeLimit:        workday.Limit{Value: 5, Unit: workday.WorkingDays},
		ReceivedAt:       recv,
		FirstAppointment: at(2023, 11, 3, 9, 32),
		TransferDue:      at(2023, 10, 27, 17, 0),
		Clerk:            "tuyetnt",
		ClerkName:        "Lê Văn Bình",
		Desk:             "quay-03",
	}
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	d.History = []dossier.Event{{Kind: dossier.EvReceived, At: recv, Actor: "binhlv", To: dossier.StatusReceived}}
	d.Status = dossier.StatusReceived
	d.Appointment = d.FirstAppointment
	must(d.Apply(dossier.Event{Kind: dossier.EvTransferred, At: at(2023, 10, 27, 14, 5), Actor: "binhlv", Department: "Phòng Văn hóa – Xã hội phường Hạc Thành"}))
	must(d.Apply(dossier.Event{Kind: dossier.EvExtended, At: at(2023, 11, 1, 10, 0), Actor: "binhlv", Approver: "tp", Note: "cần xác minh thông tin hộ chiếu của người cha với cơ quan xuất nhập cảnh", Appointment: at(2023, 11, 10, 16, 0)}))
	must(d.Apply(dossier.Event{Kind: dossier.EvResultReady, At: at(2023, 11, 9, 15, 20), Actor: "binhlv", Result: dossier.ResultApproved, Department: "Phòng Văn hóa – Xã hội phường Hạc Thành"}))
	must(d.Apply(dossier.Event{Kind: dossier.EvReturned, At: at(2023, 11, 10, 8, 45), Actor: "binhlv", Collector: &dossier.Collector{Name: "Nguyễn Thị Ánh Tuyết", IDChecked: true}}))
	return d
}

// testGuidance is a counter guidance record (form 02).
func testGuidance() *dossier.Dossier {
	d := testDossier()
	d.Kind = dossier.KindGuidance
	d.Code = ""
	d.GuidanceNo = "HD-231027-0012"
	d.History = []dossier.Event{{Kind: dossier.EvGuidance, At: d.ReceivedAt, Actor: "binhlv"}}
	d.Status = dossier.StatusNone
	d.Checklist[2].Decision = dossier.DecisionMissing
	d.Checklist[3].Decision = dossier.DecisionMissing
	d.Checklist[3].Note = "thiếu bản dịch tiếng Việt có chứng thực"
	d.Reason = "Hồ sơ còn thiếu giấy tờ chứng minh nơi cư trú và bản dịch hộ chiếu của người cha."
	return d
}

// testRefused is refused at intake (form 03).
func testRefused() *dossier.Dossier {
	d := testDossier()
	d.Code = "000.00.06.H56-231027-0362"
	d.History = []dossier.Event{{Kind: dossier.EvRefused, At: d.ReceivedAt, Actor: "binhlv", To: dossier.StatusRefused}}
	d.Status = dossier.StatusRefused
	d.Reason = "Thủ tục không thuộc thẩm quyền giải quyết của UBND phường: trẻ sinh ra ở nước ngoài, đề nghị liên hệ cơ quan đại diện Việt Nam ở nước ngoài."
	d.FinishedAt = d.ReceivedAt
	return d
}

// testStopped is stopped at the applicant's request (form 05).
func testStopped() *dossier.Dossier {
	d := testDossier()
	d.History = d.History[:2]
	d.Status = dossier.StatusProcessing
	d.Extended = false
	d.Appointment = d.FirstAppointment
	d.ReturnedAt, d.FinishedAt, d.ResultKind = time.Time{}, time.Time{}, dossier.ResultNone
	if err := d.Apply(dossier.Event{Kind: dossier.EvStopped, At: at(2023, 10, 30, 10, 15), Actor: "binhlv", Note: "Người yêu cầu có đơn đề nghị dừng giải quyết hồ sơ ngày 30/10/2023"}); err != nil {
		panic(err)
	}
	return d
}

func testInput(t testing.TB, set desk.FormSet, k Kind) Input {
	in := Input{Office: testOffice(set), Desk: testDesk(), Now: at(2023, 11, 10, 17, 5)}
	switch k {
	case KindSupplement:
		in.Dossier = testGuidance()
	case KindRefusal:
		in.Dossier = testRefused()
	case KindStop:
		in.Dossier = testStopped()
	case KindBook:
		a, b, c := testDossier(), testStopped(), testDossier()
		b.Code = "000.00.06.H56-231027-0363"
		c.Code = "000.00.06.H56-231027-0364"
		c.ReceivedAt = at(2023, 10, 27, 9, 40)
		c.Owner = &dossier.Party{Kind: dossier.PartyBusiness, Name: "Công ty TNHH Xây dựng Đông Sơn", TaxCode: "2801234567", Address: "Khu công nghiệp Lễ Môn, tỉnh Thanh Hóa"}
		c.FirstAppointment = time.Time{}
		in.Dossiers = []*dossier.Dossier{c, a, b, testRefused(), testGuidance()}
		in.From, in.To = at(2023, 10, 27, 0, 0), at(2023, 10, 27, 0, 0)
	default:
		in.Dossier = testDossier()
	}
	if k == KindReceipt {
		qr, err := SignReceipt(in.Office, in.Dossier, testKey(t))
		if err != nil {
			t.Fatal(err)
		}
		in.QR = qr
	}
	return in
}
