package forms

import (
	"errors"
	"strings"
	"time"

	"motcua/dossier"
)

// handover is one row of the control slip.
type handover struct {
	from, to string
	at       time.Time
	result   string
	note     string
}

// Step results (domain.md §1.2, Mẫu 06 column 3).
const (
	Early  = "Trước hạn"
	OnTime = "Đúng hạn"
	Late   = "Quá hạn"
)

// StepResult grades a step done at done against its due time: before the
// due day is early, on the due day up to the due time is on time, after it
// is late. id11462660283 compares minutes used with minutes allowed
// (domain.md §1.2); a whole-day grade matches how the 766 indicators count
// on-time dossiers. An unknown due time gives "".
func StepResult(done, due time.Time) string {
	if due.IsZero() || done.IsZero() {
		return ""
	}
	switch {
	case done.After(due):
		return Late
	case dossier.Day(done).Before(dossier.Day(due)):
		return Early
	}
	return OnTime
}

// handovers lists the paper's moves between the one-stop unit, the
// handling department and the applicant, from the history.
func (b *builder) handovers(d *dossier.Dossier) []handover {
	unit := strings.TrimSpace(b.in.Office.Name)
	dept := func(i int) string {
		if s := strings.TrimSpace(d.AsOf(i).Department); s != "" {
			return s
		}
		return strings.TrimSpace(d.Procedure.Agency)
	}
	var out []handover
	for i, ev := range d.History {
		switch ev.Kind {
		case dossier.EvTransferred:
			out = append(out, handover{from: unit, to: ev.Department, at: ev.At, result: StepResult(ev.At, d.TransferDue), note: "Chuyển hồ sơ giải quyết"})
		case dossier.EvSupplementRequest:
			note := "Yêu cầu bổ sung hồ sơ"
			if len(ev.Items) > 0 {
				note += ": " + strings.Join(ev.Items, "; ")
			}
			out = append(out, handover{from: dept(i - 1), to: unit, at: ev.At, note: note})
		case dossier.EvSupplementReceived:
			out = append(out, handover{from: unit, to: dept(i), at: ev.At, note: "Hồ sơ đã bổ sung"})
		case dossier.EvResultReady:
			from := strings.TrimSpace(ev.Department)
			if from == "" {
				from = dept(i - 1)
			}
			note := "Có kết quả giải quyết"
			if ev.Result == dossier.ResultRefused {
				note = "Từ chối giải quyết"
			}
			out = append(out, handover{from: from, to: unit, at: ev.At, result: StepResult(ev.At, d.AsOf(i).Appointment), note: note})
		case dossier.EvReturned:
			to := "Người nộp hồ sơ"
			if ev.Collector != nil && strings.TrimSpace(ev.Collector.Name) != "" {
				to = strings.TrimSpace(ev.Collector.Name)
			}
			out = append(out, handover{from: unit, to: to, at: ev.At, result: StepResult(ev.At, d.AsOf(i).Appointment), note: "Trả kết quả"})
		case dossier.EvStopped, dossier.EvWithdrawn:
			note := "Dừng giải quyết"
			if ev.Kind == dossier.EvWithdrawn {
				note = "Rút hồ sơ"
			}
			if n := strings.TrimSpace(ev.Note); n != "" {
				note += ": " + n
			}
			out = append(out, handover{from: dept(i - 1), to: unit, at: ev.At, note: note})
		}
	}
	return out
}

// control builds the control slip (TT 03 Mẫu 06, TT 01 Mẫu 05): the code,
// the agencies, and a row per handover with both times, signature boxes,
// the step result and a note; empty rows follow for the handovers still
// to come (domain.md §1.2; decree118.md A.1.1).
func (b *builder) control() error {
	d := b.in.Dossier
	if d.Kind != dossier.KindDossier || d.Code == "" || d.Status == dossier.StatusRefused {
		return errors.New("the control slip goes with a received dossier")
	}
	c := b.portrait()
	c.startCopy()
	b.header("", d.ReceivedAt, "")
	b.title()
	c.para(c.ml, c.cw(), fBold, Center, "Mã hồ sơ: "+string(d.Code))
	c.para(c.ml, c.cw(), fItalic, Center, "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả số: "+string(d.Code)+")")
	c.gap(2)
	handling := strings.TrimSpace(d.Department)
	if handling == "" {
		handling = strings.TrimSpace(d.Procedure.Agency)
	}
	c.field(c.ml, "Cơ quan (bộ phận) giải quyết hồ sơ:", handling, fBody)
	c.field(c.ml, "Cơ quan phối hợp giải quyết hồ sơ:", "", fBody)
	c.gap(2)

	cw := c.cw()
	ts := tableSpec{cols: []float64{44, cw - 44 - 30 - 30, 30, 30}, font: fCell, hfont: fCellB, pad: tablePad, border: thinLine,
		header: [][]hcell{{
			{col: 0, text: "TÊN CƠ QUAN"},
			{col: 1, text: "THỜI GIAN GIAO, NHẬN HỒ SƠ"},
			{col: 2, text: "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/ Đúng hạn/ Quá hạn)"},
			{col: 3, text: "GHI CHÚ"},
		}}}
	var rows [][]cellSpec
	hs := b.handovers(d)
	for _, h := range hs {
		rows = append(rows, b.handoverRow(h))
	}
	// Room for the handovers still to come: at least four rows in all,
	// and always one empty row.
	for n := len(hs); n < 4 || n == len(hs); n++ {
		rows = append(rows, b.handoverRow(handover{}))
	}
	c.table(ts, rows)
	c.gap(2)
	// Kept from the TT 01 control slip as implemented in I4/I5 [U].
	c.para(c.ml, c.cw(), fNote, Left, "Ghi chú: Trường hợp hồ sơ được chuyển qua dịch vụ bưu chính thì thời gian giao, nhận hồ sơ và việc ký nhận thể hiện trong hóa đơn của cơ quan bưu chính.")
	b.pageNumbers()
	return nil
}

const blankTime = "… giờ … phút, ngày … tháng … năm …"

func (b *builder) handoverRow(h handover) []cellSpec {
	from, to := h.from, h.to
	if from == "" {
		from = "…………………"
	}
	if to == "" {
		to = "…………………"
	}
	when := blankTime
	if !h.at.IsZero() {
		when = TimeVN(h.at)
	}
	timeCell := func(x, y, w float64) ([]Text, float64) {
		var ts []Text
		top := y
		for _, s := range []string{"1. Giao: " + when, "2. Nhận: " + when} {
			t := text(x, y, w, fCell, Left, s)
			ts = append(ts, *t)
			y += t.Height()
		}
		y += 0.5
		half := w / 2
		for i, s := range []string{"Người giao", "Người nhận"} {
			t := text(x+half*float64(i), y, half, fCellI, Center, s)
			ts = append(ts, *t)
		}
		y += lh(fCellI) + 13 // room to sign
		return ts, y - top
	}
	return []cellSpec{
		{text: "1. Giao: " + from + "\n2. Nhận: " + to},
		{build: timeCell},
		{text: h.result, align: Center, font: &fCellB},
		{text: h.note},
	}
}
