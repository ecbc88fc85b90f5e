package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
)

// This file reads the legacy national packet "GoiTinThuTucQG" returned by
// LayThuTuc (domain.md §4.1, keys from two independent implementations).

type ltAgency struct {
	MADONVI  flexString
	TENDONVI flexString
}

type ltRecord struct {
	ID                   flexString
	MATTHC               flexString
	TENTTHC              flexString
	MACOQUANCONGBO       flexString
	LOAITTHC             flexString
	MOTADOITUONGTHUCHIEN flexString
	DIACHITIEPNHAN       flexString
	QUYETDINH            flexString
	YEUCAU               flexString
	TUKHOA               flexString
	TRANGTHAI            flexString
	MOTACOQUANTHUCHIEN   flexString
	MOTACOQUANTHAMQUYEN  flexString
	MOTA                 flexString
	TRINHTUTHUCHIEN      []struct {
		TRUONGHOP flexString
		TRINHTU   []struct{ TENTRINHTU flexString }
	}
	CAPTHUCHIEN []struct {
		CAPTHUCHIEN flexString
		TENCAP      flexString
	}
	LINHVUCTHUCHIEN []struct {
		MALINHVUC  flexString
		TENLINHVUC flexString
	}
	CACHTHUCTHUCHIEN []struct {
		KENH     flexString
		THOIGIAN []struct {
			THOIGIANGIAIQUYET flexString
			DONVITINH         flexString
			MOTA              flexString
			PHILEPHI          []struct {
				MAPHILEPHI flexString
				SOTIEN     flexString
				DONVI      flexString
				MOTA       flexString
				TENTEP     flexString
				URL        flexString
			}
		}
	}
	DOITUONGTHUCHIEN []struct {
		MADOITUONG  flexString
		TENDOITUONG flexString
	}
	THANHPHANHOSO []struct {
		TRUONGHOP flexString
		GIAYTO    []struct {
			MAGIAYTO      flexString
			TENGIAYTO     flexString
			SOBANCHINH    flexString
			SOBANSAO      flexString
			TENMAUDON     flexString
			URL           flexString
			MA_KQ_THAYTHE flexString
		}
	}
	KETQUATHUCHIEN []struct {
		MAKETQUA  flexString
		TENKETQUA flexString
		TENTEP    flexString
		URL       flexString
	}
	CANCUPHAPLY []struct {
		SOVANBAN      flexString
		TENVANBAN     flexString
		NGAYBANHANH   flexString
		NGAYHIEULUC   flexString
		COQUANBANHANH flexString
		DIACHITRUYCAP flexString
	}
	COQUANTHUCHIEN    []ltAgency
	COQUANCOTHAMQUYEN []ltAgency
	COQUANDUOCUYQUYEN []ltAgency
	COQUANPHOIHOP     []ltAgency
}

func ltAgencies(in []ltAgency) []Agency {
	var out []Agency
	for _, a := range in {
		if n := a.TENDONVI.String(); n != "" {
			out = append(out, Agency{Code: a.MADONVI.String(), Name: n})
		}
	}
	return out
}

func parseLayThuTuc(data []byte) (*Procedure, warnings, error) {
	var r ltRecord
	if err := json.Unmarshal(data, &r); err != nil {
		code := ""
		var c struct{ MATTHC flexString }
		if json.Unmarshal(data, &c) == nil {
			code = c.MATTHC.String()
		}
		if code != "" {
			return nil, nil, fmt.Errorf("procedure %s: LayThuTuc record: %w", code, err)
		}
		return nil, nil, fmt.Errorf("LayThuTuc record: %w", err)
	}
	code := r.MATTHC.String()
	if err := checkCode(code); err != nil {
		return nil, nil, fmt.Errorf("MATTHC: %w", err)
	}
	name := r.TENTTHC.String()
	if name == "" {
		return nil, nil, fmt.Errorf("procedure %s: empty name (TENTTHC)", code)
	}
	var w warnings
	p := &Procedure{
		Code:             code,
		Name:             name,
		Kind:             clean(r.LOAITTHC.String()),
		DecisionNumber:   clean(r.QUYETDINH.String()),
		Conditions:       clean(r.YEUCAU.String()),
		ReceivingAddress: clean(r.DIACHITIEPNHAN.String()),
		Description:      clean(r.MOTA.String()),
		Agencies: Agencies{
			Executing:    ltAgencies(r.COQUANTHUCHIEN),
			Competent:    ltAgencies(r.COQUANCOTHAMQUYEN),
			Delegated:    ltAgencies(r.COQUANDUOCUYQUYEN),
			Coordinating: ltAgencies(r.COQUANPHOIHOP),
		},
	}
	if kw := clean(r.TUKHOA.String()); kw != "" {
		p.Keywords = splitKeywords(kw)
	}
	if len(p.Agencies.Executing) == 0 {
		p.Agencies.Executing = agencies(splitNames(r.MOTACOQUANTHUCHIEN.String()))
	}
	if len(p.Agencies.Competent) == 0 {
		p.Agencies.Competent = agencies(splitNames(r.MOTACOQUANTHAMQUYEN.String()))
	}
	for _, s := range r.DOITUONGTHUCHIEN {
		if n := s.TENDOITUONG.String(); n != "" {
			p.Subjects = append(p.Subjects, n)
		}
	}
	if len(p.Subjects) == 0 {
		p.Subjects = splitNames(r.MOTADOITUONGTHUCHIEN.String())
	}
	for i, f := range r.LINHVUCTHUCHIEN {
		if i == 0 {
			p.Field = Field{Code: f.MALINHVUC.String(), Name: f.TENLINHVUC.String()}
			continue
		}
		w.addf("field: more than one field, kept the first (%s), ignored %q", p.Field.Name, f.TENLINHVUC.String())
	}
	if len(r.LINHVUCTHUCHIEN) == 0 {
		w.addf("field: none published")
	}
	for _, l := range r.CAPTHUCHIEN {
		n := l.TENCAP.String()
		if n == "" {
			w.addf("level: code %q without a name", l.CAPTHUCHIEN.String())
			continue
		}
		ls, text := parseLevels(n, &w)
		for _, x := range ls {
			p.Levels = appendLevel(p.Levels, x)
		}
		if text != "" {
			p.LevelText = strings.TrimPrefix(p.LevelText+"; "+text, "; ")
		}
	}
	if len(p.Levels) == 0 && p.LevelText == "" {
		w.addf("level: none published")
	}
	for _, t := range r.TRINHTUTHUCHIEN {
		for _, s := range t.TRINHTU {
			if x := s.TENTRINHTU.String(); x != "" {
				p.Steps = append(p.Steps, Step{Case: t.TRUONGHOP.String(), Text: x})
			}
		}
	}
	if len(r.CACHTHUCTHUCHIEN) == 0 {
		w.addf("channels: none published")
	}
	n := 0
	for _, c := range r.CACHTHUCTHUCHIEN {
		m, ok := parseMethodName(c.KENH.String())
		if !ok {
			w.addf("channel KENH %q: unknown submission method", c.KENH.String())
		}
		if len(c.THOIGIAN) == 0 {
			n++
			w.addf("channel %d (%s): no processing time published", n, m)
			p.Channels = append(p.Channels, Channel{Method: m})
			continue
		}
		for _, t := range c.THOIGIAN {
			n++
			what := fmt.Sprintf("channel %d (%s)", n, m)
			ch := Channel{Method: m, Description: clean(t.MOTA.String())}
			ch.Time = parseTimeText(strings.TrimSpace(t.THOIGIANGIAIQUYET.String()+" "+t.DONVITINH.String()), what, &w)
			for _, f := range t.PHILEPHI {
				ch.Fees = append(ch.Fees, ltFee(f.SOTIEN.String(), f.DONVI.String(), f.MOTA.String(), what, &w))
			}
			if len(ch.Fees) == 0 {
				w.addf("%s: no fee information", what)
			}
			p.Channels = append(p.Channels, ch)
		}
	}
	caseIdx := map[string]int{}
	for _, tp := range r.THANHPHANHOSO {
		cname := clean(tp.TRUONGHOP.String())
		k, ok := caseIdx[cname]
		if !ok {
			k = len(p.Cases)
			caseIdx[cname] = k
			p.Cases = append(p.Cases, Case{Name: cname})
		}
		for j, g := range tp.GIAYTO {
			name := g.TENGIAYTO.String()
			if name == "" {
				w.addf("component %d of case %q: empty name", j+1, cname)
				continue
			}
			comp := Component{
				Name: name, Code: g.MAGIAYTO.String(), MustSubmit: true,
				Template: g.TENMAUDON.String(), TemplateURL: g.URL.String(),
			}
			var present, okQ bool
			if comp.Originals, present, okQ = flexInt(g.SOBANCHINH); !okQ {
				w.addf("component %q: cannot read SOBANCHINH %q", truncate(name, 40), g.SOBANCHINH.String())
			}
			p2 := present
			if comp.Copies, present, okQ = flexInt(g.SOBANSAO); !okQ {
				w.addf("component %q: cannot read SOBANSAO %q", truncate(name, 40), g.SOBANSAO.String())
			}
			if !p2 && !present {
				w.addf("component %q: no quantity published", truncate(name, 40))
			}
			p.Cases[k].Components = append(p.Cases[k].Components, comp)
		}
	}
	if p.Components() == 0 {
		w.addf("components: none published")
		p.Cases = nil
	}
	for _, k := range r.KETQUATHUCHIEN {
		if n := k.TENKETQUA.String(); n != "" {
			p.Results = append(p.Results, Result{Code: k.MAKETQUA.String(), Name: n, Template: k.TENTEP.String()})
		}
	}
	for _, l := range r.CANCUPHAPLY {
		d := LegalDoc{
			Number: l.SOVANBAN.String(), Title: l.TENVANBAN.String(),
			Date: normDate(l.NGAYBANHANH.String()), Issuer: l.COQUANBANHANH.String(),
		}
		if d.Number != "" || d.Title != "" {
			p.LegalBasis = append(p.LegalBasis, d)
		}
	}
	return p, w, nil
}

// ltFee reads a PHILEPHI entry: SOTIEN in VND (DONVI "Đồng", "VNĐ" or
// empty), MOTA the explanation.
func ltFee(amount, unit, desc, what string, w *warnings) Fee {
	text := strings.TrimSpace(strings.TrimSpace(amount+" "+unit) + " " + parenthesise(desc))
	f := Fee{Amount: AmountUnknown, Text: text}
	switch fold(unit) {
	case "", "dong", "vnd", "viet nam dong":
	default:
		w.addf("%s: fee in %q kept as text", what, unit)
		return f
	}
	if amount == "" {
		w.addf("%s: fee amount missing (%s)", what, truncate(desc, 40))
		return f
	}
	if v, ok := parseAmount(amount); ok {
		f.Amount = v
		return f
	}
	// SOTIEN as a JSON number may be written 50000.0
	if v, ok := parseNumber(amount); ok && v == float64(int64(v)) {
		f.Amount = int64(v)
		return f
	}
	w.addf("%s: cannot read fee amount %q", what, amount)
	return f
}

func parenthesise(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	return "(" + s + ")"
}
