package forms

import (
	"errors"
	"strings"

	"motcua/dossier"
)

// returnSlip builds the return slip, Giấy biên nhận trả kết quả, from the
// dossier's returned event, in the order of R1's slip (domain.md §1.2
// "related non-numbered slip"): the dossier code, the procedure and the
// owner, who returned the result, who received it, the result, the date,
// and both signatures. The national forms have no number for it; offices
// also record returns in the tracking book (form 07).
func (b *builder) returnSlip() error {
	d := b.in.Dossier
	_, ev, err := b.pick(dossier.EvReturned)
	if err != nil {
		return errors.New(err.Error() + "; the return slip needs a returned result")
	}
	c := b.portrait()
	c.startCopy()
	b.header("", ev.At, "")
	b.title()
	c.field(c.ml, "Mã hồ sơ:", recordNo(d), fBold)
	c.field(c.ml, "Tên thủ tục hành chính:", procedureText(d), fBody)
	owner := d.OwnerParty()
	c.field(c.ml, "Chủ hồ sơ:", owner.Name, fBody)
	c.gap(1)
	c.field(c.ml, "Người trả kết quả:", clerkNameOf(ev.Actor, d), fBody)
	if o := b.in.Office; strings.TrimSpace(o.Phone) != "" {
		c.field(c.ml+6, "Điện thoại:", o.Phone, fBody)
	}
	col := ev.Collector
	name := owner.Name
	if col != nil && strings.TrimSpace(col.Name) != "" {
		name = col.Name
	}
	c.field(c.ml, "Người nhận kết quả:", name, fBold)
	if col != nil {
		if col.IDNumber != "" {
			c.field(c.ml+6, "Số giấy tờ tùy thân:", col.IDNumber, fBody)
		}
		if col.Authorised {
			c.field(c.ml+6, "Nhận thay:", "theo giấy ủy quyền của chủ hồ sơ", fBody)
		}
		checked := "chưa đối chiếu"
		if col.IDChecked {
			checked = "đã đối chiếu giấy tờ tùy thân với Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
		}
		c.field(c.ml+6, "Kiểm tra:", checked, fBody)
	}
	c.gap(1)
	result := "Kết quả giải quyết thủ tục hành chính"
	if d.ResultKind == dossier.ResultRefused {
		result = "Văn bản từ chối giải quyết hồ sơ (sau thẩm định)"
	}
	c.field(c.ml, "Kết quả trả:", result, fBody)
	if ev.Amount > 0 {
		c.field(c.ml, "Phí, lệ phí thu khi trả kết quả:", Money(ev.Amount), fBody)
	}
	if n := strings.TrimSpace(ev.Note); n != "" {
		c.field(c.ml, "Ghi chú:", n, fBody)
	}
	c.field(c.ml, "Thời gian trả kết quả:", TimeVN(ev.At), fBody)
	c.gap(4)
	c.signatures([]column{
		{"NGƯỜI NHẬN KẾT QUẢ", "(Ký và ghi rõ họ tên)", name},
		{"NGƯỜI TRẢ KẾT QUẢ", "(Ký và ghi rõ họ tên)", clerkNameOf(ev.Actor, d)},
	}, 18)
	b.pageNumbers()
	return nil
}

// clerkNameOf names the user who recorded an event: the receiving clerk's
// full name when it was them, else the user name.
func clerkNameOf(actor string, d *dossier.Dossier) string {
	if actor == d.Clerk {
		return clerkName(d)
	}
	return actor
}
