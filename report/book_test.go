package report

import (
	"testing"
	"time"

	"motcua/dossier"
)

func TestBook(t *testing.T) {
	owner := func(d *dossier.Dossier) {
		d.Owner = &dossier.Party{Kind: dossier.PartyCitizen, Name: "Trần Thị Cúc", Address: "Xóm 2", Phone: "0987654321"}
	}
	a := received(t, 2, "2026-03-10 09:00", "2026-03-17 17:00").with(owner).ev(dossier.EvTransferred, "2026-03-10 10:00").
		ev(dossier.EvResultReady, "2026-03-16 09:00").ev(dossier.EvReturned, "2026-03-16 15:00").d
	b := received(t, 1, "2026-03-10 08:00", "2026-03-13 17:00").ev(dossier.EvExtended, "2026-03-11 09:00", "2026-03-20 17:00").d
	ref := &dossier.Dossier{ID: 3, Kind: dossier.KindDossier, Status: dossier.StatusRefused, ReceivedAt: ict(t, "2026-03-10 08:30")}
	gd := &dossier.Dossier{ID: 4, Kind: dossier.KindGuidance, ReceivedAt: ict(t, "2026-03-10 08:40")}
	got := Book([]*dossier.Dossier{a, ref, gd, nil, b})
	if len(got) != 2 {
		t.Fatalf("%d lines, want 2 (refusal and guidance are not in the book)", len(got))
	}
	first, second := got[0], got[1]
	if first.ID != 1 || first.No != 1 || second.No != 2 {
		t.Fatalf("order: %+v", got)
	}
	if first.Owner != "Nguyễn Văn An" || first.Note != "Đã gia hạn (hẹn đầu: 13/03/2026)" || !first.Appointment.Equal(ict(t, "2026-03-20 17:00")) {
		t.Errorf("first line %+v", first)
	}
	want := BookEntry{No: 2, ID: 2, Code: string(a.Code), Procedure: "Đăng ký khai sinh", Sets: 1, Owner: "Trần Thị Cúc", AddressPhone: "Xóm 2; 0987654321",
		Agency: "UBND xã", Received: ict(t, "2026-03-10 09:00"), Appointment: ict(t, "2026-03-17 17:00"), Transferred: ict(t, "2026-03-10 10:00"),
		ResultIn: ict(t, "2026-03-16 09:00"), Returned: ict(t, "2026-03-16 15:00"), Clerk: "Lê Thị Bình"}
	if !sameEntry(second, want) {
		t.Errorf("second line\n got %+v\nwant %+v", second, want)
	}
}

func sameEntry(a, b BookEntry) bool {
	ts := func(e BookEntry) []time.Time {
		return []time.Time{e.Received, e.Appointment, e.Transferred, e.ResultIn, e.Returned}
	}
	ta, tb := ts(a), ts(b)
	for i := range ta {
		if !ta[i].Equal(tb[i]) {
			return false
		}
	}
	a.Received, a.Appointment, a.Transferred, a.ResultIn, a.Returned = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
	b.Received, b.Appointment, b.Transferred, b.ResultIn, b.Returned = time.Time{}, time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return a == b
}
