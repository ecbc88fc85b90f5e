package catalog

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// This file reads the bqp-207-chitiettthc dataset: a project's parse of the
// "Chi tiết TTHC" Word exports. Its component table columns are shifted by
// one (SOURCE.md): so_luong holds the template file name(s) and ghi_chu the
// quantity "Bản chính: N\nBản sao: M". Case headings were not kept, so all
// components belong to the default case.

type bqpRecord struct {
	ThuTucID string `json:"thu_tuc_id"`
	Metadata struct {
		Code     string `json:"mã_thủ_tục"`
		Name     string `json:"tên_thủ_tục"`
		Decision string `json:"số_quyết_định"`
		Level    string `json:"cấp_thực_hiện"`
		Kind     string `json:"loại_thủ_tục"`
		Field    string `json:"lĩnh_vực"`
	} `json:"metadata"`
	Content struct {
		Steps        string `json:"trình_tự_thực_hiện"`
		Subjects     string `json:"đối_tượng_thực_hiện"`
		Executing    string `json:"cơ_quan_thực_hiện"`
		Competent    string `json:"cơ_quan_có_thẩm_quyền"`
		Delegated    string `json:"cơ_quan_được_ủy_quyền"`
		Coordinating string `json:"cơ_quan_phối_hợp"`
		Address      string `json:"địa_chỉ_tiếp_nhận_hs"`
		Results      string `json:"kết_quả_thực_hiện"`
		Conditions   string `json:"yêu_cầu_điều_kiện_thực_hiện"`
		Keywords     string `json:"từ_khóa"`
		Description  string `json:"mô_tả"`
	} `json:"content"`
	Tables struct {
		Channels []struct {
			Method      string `json:"hinh_thuc"`
			Time        string `json:"thoi_han_giai_quyet"`
			Fee         string `json:"phi_le_phi"`
			Description string `json:"mo_ta"`
		} `json:"hinh_thuc_nop"`
		Components []struct {
			Name     string `json:"ten_giay_to"`
			Template string `json:"so_luong"` // shifted column: template file name(s)
			Quantity string `json:"ghi_chu"`  // shifted column: "Bản chính: N\nBản sao: M"
		} `json:"thanh_phan_ho_so"`
		Legal []struct {
			Number string `json:"so_ky_hieu"`
			Title  string `json:"trich_yeu"`
			Date   string `json:"ngay_ban_hanh"`
			Issuer string `json:"co_quan_ban_hanh"`
		} `json:"can_cu_phap_ly"`
	} `json:"tables"`
}

func isBQP(obj map[string]json.RawMessage) bool {
	return hasKey(obj, "thu_tuc_id") && hasKey(obj, "metadata") && hasKey(obj, "tables")
}

var (
	bqpOriginalsRe = regexp.MustCompile(`(?i)bản chính\s*:\s*([0-9]+)`)
	bqpCopiesRe    = regexp.MustCompile(`(?i)bản sao\s*:\s*([0-9]+)`)
	// "Phí : 200.000 Đồng (…)" / "Lệ phí : 10 USD"; one per line.
	bqpFeeRe = regexp.MustCompile(`^(Phí|Lệ phí)\s*:\s*(.*)$`)
	// "Quyết định số 6225/QĐ-BQP" → "6225/QĐ-BQP".
	decisionPrefixRe = regexp.MustCompile(`^(?i:quyết định)(?:\s+số)?\s*`)
)

func parseBQP(data []byte) (*Procedure, warnings, error) {
	var r bqpRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, nil, fmt.Errorf("bqp record: %w", err)
	}
	code := strings.TrimSpace(r.Metadata.Code)
	if code == "" {
		code = strings.TrimSpace(r.ThuTucID)
	}
	if err := checkCode(code); err != nil {
		return nil, nil, err
	}
	if id := strings.TrimSpace(r.ThuTucID); id != "" && id != code {
		return nil, nil, fmt.Errorf("procedure %s: thu_tuc_id %q differs from mã_thủ_tục", code, id)
	}
	name := strings.TrimSpace(r.Metadata.Name)
	if name == "" {
		return nil, nil, fmt.Errorf("procedure %s: empty name (tên_thủ_tục)", code)
	}
	var w warnings
	c := r.Content
	p := &Procedure{
		Code:             code,
		Name:             name,
		Kind:             clean(r.Metadata.Kind),
		Field:            Field{Name: clean(r.Metadata.Field)},
		DecisionNumber:   decisionPrefixRe.ReplaceAllString(clean(r.Metadata.Decision), ""),
		Subjects:         splitNames(c.Subjects),
		ReceivingAddress: clean(c.Address),
		Conditions:       clean(c.Conditions),
		Agencies: Agencies{
			Executing:    agencies(splitNames(c.Executing)),
			Competent:    agencies(splitNames(c.Competent)),
			Delegated:    agencies(splitNames(c.Delegated)),
			Coordinating: agencies(splitNames(c.Coordinating)),
		},
	}
	if p.Field.Name == "" {
		w.addf("field: none published")
	}
	p.Levels, p.LevelText = parseLevels(r.Metadata.Level, &w)
	if len(p.Levels) == 0 && p.LevelText == "" {
		w.addf("level: none published")
	}
	if s := clean(c.Steps); s != "" {
		p.Steps = []Step{{Text: s}}
	}
	if s := clean(c.Results); s != "" {
		p.Results = []Result{{Name: s}}
	}
	if s := clean(c.Keywords); s != "" {
		p.Keywords = splitKeywords(s)
	}
	if len(r.Tables.Channels) == 0 {
		w.addf("channels: none published")
	}
	for i, ch := range r.Tables.Channels {
		m, ok := parseMethodName(ch.Method)
		what := fmt.Sprintf("channel %d (%s)", i+1, strings.TrimSpace(ch.Method))
		if !ok {
			w.addf("channel %d: unknown submission method %q", i+1, ch.Method)
		}
		out := Channel{Method: m, Description: strings.TrimSpace(ch.Description)}
		out.Time = parseTimeText(ch.Time, what, &w)
		out.Fees = parseBQPFees(ch.Fee, what, &w)
		p.Channels = append(p.Channels, out)
	}
	var comps []Component
	for i, tc := range r.Tables.Components {
		name := strings.TrimSpace(tc.Name)
		if name == "" {
			w.addf("component %d: empty name", i+1)
			continue
		}
		comp := Component{Name: name, MustSubmit: true}
		q := tc.Quantity
		mo, mc := bqpOriginalsRe.FindStringSubmatch(q), bqpCopiesRe.FindStringSubmatch(q)
		if mo == nil && mc == nil {
			w.addf("component %d: cannot read quantity %q", i+1, truncate(q, 40))
		}
		if mo != nil {
			comp.Originals, _ = strconv.Atoi(mo[1])
		}
		if mc != nil {
			comp.Copies, _ = strconv.Atoi(mc[1])
		}
		var tmpl []string
		for _, line := range strings.Split(tc.Template, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				tmpl = append(tmpl, line)
			}
		}
		comp.Template = strings.Join(tmpl, "\n")
		comps = append(comps, comp)
	}
	if len(comps) > 0 {
		p.Cases = []Case{{Components: comps}}
	} else {
		w.addf("components: none published")
	}
	for _, l := range r.Tables.Legal {
		d := LegalDoc{
			Number: strings.TrimSpace(l.Number),
			Title:  strings.TrimSpace(l.Title),
			Date:   normDate(l.Date),
			Issuer: strings.TrimSpace(l.Issuer),
		}
		if d.Number == "" && d.Title == "" {
			continue
		}
		p.LegalBasis = append(p.LegalBasis, d)
	}
	return p, w, nil
}

// parseBQPFees reads "Phí : N Đồng (text)" / "Lệ phí : N USD" lines.
// Amounts in other currencies or as formulas are kept as text with
// AmountUnknown and a warning. An empty cell means no fee information.
func parseBQPFees(s, what string, w *warnings) []Fee {
	s = strings.TrimSpace(s)
	if s == "" || isNoInfo(s) {
		w.addf("%s: no fee information", what)
		return nil
	}
	var fees []Fee
	var cur *Fee
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		m := bqpFeeRe.FindStringSubmatch(line)
		if m == nil {
			if cur == nil {
				w.addf("%s: cannot read fee %q", what, truncate(line, 60))
				fees = append(fees, Fee{Amount: AmountUnknown, Text: line})
				cur = &fees[len(fees)-1]
				continue
			}
			cur.Text += "\n" + line // continuation ("File đính kèm: …")
			continue
		}
		fees = append(fees, bqpFee(line, m[2], what, w))
		cur = &fees[len(fees)-1]
	}
	return fees
}

// bqpFee reads the value after "Phí :": "<amount> <currency> (text)".
func bqpFee(line, v, what string, w *warnings) Fee {
	f := Fee{Text: line}
	v = strings.TrimSpace(v)
	amount, rest := v, ""
	if i := strings.IndexAny(v, " \t"); i >= 0 {
		amount, rest = v[:i], strings.TrimSpace(v[i+1:])
	}
	currency := rest
	if i := strings.IndexByte(rest, '('); i >= 0 {
		currency = strings.TrimSpace(rest[:i])
	}
	switch fold(amount) {
	case "khong":
		amount = "0"
	case "dong":
		// "Phí :  Đồng": the amount is missing.
		w.addf("%s: fee amount missing in %q", what, truncate(line, 60))
		f.Amount = AmountUnknown
		return f
	}
	switch fold(currency) {
	case "dong", "vnd", "viet nam dong":
		if a, ok := parseAmount(amount); ok {
			f.Amount = a
			return f
		}
	}
	f.Amount = AmountUnknown
	switch {
	case strings.HasPrefix(fold(currency), "usd"):
		if _, ok := parseNumber(amount); ok {
			w.addf("%s: fee in USD %q kept as text", what, truncate(line, 60))
			return f
		}
	}
	w.addf("%s: cannot read fee amount in %q", what, truncate(line, 60))
	return f
}
