package report

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"motcua/dossier"
)

// BookEntry is one line of the tracking book "Sổ theo dõi hồ sơ" (TT 01
// Mẫu 06 / TT 03 Mẫu 07, columns as in domain.md §1.2): STT, mã hồ sơ, tên
// TTHC, số lượng hồ sơ (bộ), tên cá nhân/tổ chức, địa chỉ và số điện
// thoại, cơ quan chủ trì giải quyết, then the dates: nhận hồ sơ, hẹn trả
// kết quả, chuyển hồ sơ đến cơ quan giải quyết, nhận kết quả từ cơ quan
// giải quyết, trả kết quả cho cá nhân/tổ chức; ký nhận (left blank for
// the signature) and ghi chú. Zero times print as empty cells.
type BookEntry struct {
	No        int
	ID        uint64
	Code      string
	Procedure string
	// Sets is the number of dossier sets (bộ): 1 per dossier.
	Sets int
	// Owner is the chủ hồ sơ (the owner, or the submitter filing for
	// themself).
	Owner        string
	AddressPhone string
	Agency       string
	Received     time.Time
	Appointment  time.Time
	Transferred  time.Time
	ResultIn     time.Time
	Returned     time.Time
	Clerk        string
	Note         string
}

// Book builds the tracking book lines of the received dossiers in ds
// (guidance records, refusals at intake and online filings not yet
// received are not in the book), in receipt order.
func Book(ds []*dossier.Dossier) []BookEntry {
	var out []BookEntry
	for _, d := range ds {
		if d == nil || d.Kind != dossier.KindDossier || d.Status == dossier.StatusRefused || d.Status == dossier.StatusSubmitted || d.Status == dossier.StatusNone {
			continue
		}
		o := d.OwnerParty()
		var ap []string
		if s := strings.TrimSpace(o.Address); s != "" {
			ap = append(ap, s)
		}
		if s := strings.TrimSpace(o.Phone); s != "" {
			ap = append(ap, s)
		}
		e := BookEntry{
			ID: d.ID, Code: string(d.Code), Procedure: d.Procedure.Name, Sets: 1,
			Owner: o.Name, AddressPhone: strings.Join(ap, "; "), Agency: d.Procedure.Agency,
			Received: d.ReceivedAt, Appointment: d.Appointment, Returned: d.ReturnedAt,
			Clerk: d.ClerkName,
		}
		if e.Clerk == "" {
			e.Clerk = d.Clerk
		}
		if e.Agency == "" {
			e.Agency = d.Department
		}
		for _, ev := range d.History {
			switch ev.Kind {
			case dossier.EvTransferred:
				if e.Transferred.IsZero() {
					e.Transferred = ev.At
				}
			case dossier.EvResultReady:
				if e.ResultIn.IsZero() {
					e.ResultIn = ev.At
				}
			}
		}
		e.Note = bookNote(d)
		out = append(out, e)
	}
	slices.SortStableFunc(out, func(a, b BookEntry) int {
		if c := a.Received.Compare(b.Received); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for i := range out {
		out[i].No = i + 1
	}
	return out
}

// bookNote is the ghi chú: the status when the dossier is not simply in
// progress or returned, the extension and supplement marks.
func bookNote(d *dossier.Dossier) string {
	var parts []string
	switch d.Status {
	case dossier.StatusSupplement, dossier.StatusObligation, dossier.StatusWithdrawn, dossier.StatusStopped:
		parts = append(parts, d.Status.Vietnamese())
	case dossier.StatusResultReady:
		if d.ResultKind == dossier.ResultRefused {
			parts = append(parts, "Từ chối giải quyết")
		}
	}
	if d.Supplements > 0 {
		parts = append(parts, "Bổ sung "+strconv.Itoa(d.Supplements)+" lần")
	}
	if d.Extended {
		parts = append(parts, "Đã gia hạn (hẹn đầu: "+d.FirstAppointment.In(dossier.Zone).Format("02/01/2006")+")")
	}
	return strings.Join(parts, "; ")
}
