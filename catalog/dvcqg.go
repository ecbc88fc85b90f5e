package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads the dvcqg-6bo-chatbot-tthc dataset: the text of the 2026
// portal's procedure pages, one JSON object of strings per procedure, where
// table cells were concatenated without separators (see that folder's
// SOURCE.md). The glued cells are taken apart with the fixed vocabulary of
// the page (channel names, units, "N bản chính", header rows); whatever
// cannot be taken apart unambiguously is kept as text and reported.

type dvcqgRecord struct {
	MaThuTuc          string `json:"ma_thu_tuc"`
	DetailURL         string `json:"detail_url"`
	FormalityID       string `json:"formality_id"`
	TenThuTuc         string `json:"ten_thu_tuc"`
	SoQuyetDinh       string `json:"so_quyet_dinh"`
	CapThucHien       string `json:"cap_thuc_hien"`
	LoaiThuTuc        string `json:"loai_thu_tuc"`
	LinhVuc           string `json:"linh_vuc"`
	DoiTuongThucHien  string `json:"doi_tuong_thuc_hien"`
	CoQuanCoThamQuyen string `json:"co_quan_co_tham_quyen"`
	DiaChiTiepNhan    string `json:"dia_chi_tiep_nhan"`
	CoQuanDuocUyQuyen string `json:"co_quan_duoc_uy_quyen"`
	CoQuanPhoiHop     string `json:"co_quan_phoi_hop"`
	ThuTucLienQuan    string `json:"thu_tuc_lien_quan"`
	TrinhTuThucHien   string `json:"trinh_tu_thuc_hien"`
	CachThucThucHien  string `json:"cach_thuc_thuc_hien"`
	ThanhPhanHoSo     string `json:"thanh_phan_ho_so"`
	CanCuPhapLy       string `json:"can_cu_phap_ly"`
	CoQuanThucHien    string `json:"co_quan_thuc_hien"`
	YeuCauDieuKien    string `json:"yeu_cau_dieu_kien"`
	KetQuaXuLy        string `json:"ket_qua_xu_ly"`
	RawText           string `json:"raw_text"`
}

// isDVCQG reports whether a decoded JSON object has the dataset's keys.
func isDVCQG(obj map[string]json.RawMessage) bool {
	_, a := obj["ma_thu_tuc"]
	_, b := obj["cach_thuc_thuc_hien"]
	_, c := obj["thanh_phan_ho_so"]
	return a && (b || c)
}

func parseDVCQG(data []byte) (*Procedure, warnings, error) {
	var r dvcqgRecord
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, nil, fmt.Errorf("dvcqg record: %w", err)
	}
	code := strings.TrimSpace(r.MaThuTuc)
	if err := checkCode(code); err != nil {
		return nil, nil, err
	}
	name := strings.TrimSpace(r.TenThuTuc)
	if name == "" {
		return nil, nil, fmt.Errorf("procedure %s: empty name (ten_thu_tuc)", code)
	}
	var w warnings
	p := &Procedure{
		Code:             code,
		Name:             name,
		Kind:             clean(r.LoaiThuTuc),
		Field:            Field{Name: clean(r.LinhVuc)},
		DecisionNumber:   clean(r.SoQuyetDinh),
		Subjects:         splitNames(r.DoiTuongThucHien),
		ReceivingAddress: clean(r.DiaChiTiepNhan),
		Agencies: Agencies{
			Executing:    agencies(splitNames(r.CoQuanThucHien)),
			Competent:    agencies(splitNames(r.CoQuanCoThamQuyen)),
			Delegated:    agencies(splitNames(r.CoQuanDuocUyQuyen)),
			Coordinating: agencies(splitNames(r.CoQuanPhoiHop)),
		},
		Conditions: clean(stripPageTail(r.YeuCauDieuKien)),
	}
	if p.Field.Name == "" {
		w.addf("field: none published")
	}
	p.Levels, p.LevelText = parseLevels(r.CapThucHien, &w)
	if len(p.Levels) == 0 && p.LevelText == "" {
		w.addf("level: none published")
	}
	if s := clean(r.TrinhTuThucHien); s != "" {
		p.Steps = []Step{{Text: s}}
	}
	p.Channels = parseGluedChannels(r.CachThucThucHien, &w)
	comps := r.ThanhPhanHoSo
	if !strings.Contains(comps, componentHeader) {
		if alt, ok := componentsFromPage(r.RawText, r.CachThucThucHien); ok {
			comps = alt
		}
	}
	p.Cases = parseGluedComponents(comps, &w)
	p.LegalBasis = parseGluedLegal(r.CanCuPhapLy, &w)
	p.Results, p.Keywords = parseGluedResults(r.KetQuaXuLy)
	return p, w, nil
}

var codeRe = regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9A-Za-z]+)*$`)

// checkCode validates a procedure code such as "1.001193" or the local
// variant "1.001193.000.00.00.H48".
func checkCode(code string) error {
	if code == "" {
		return fmt.Errorf("missing procedure code")
	}
	if !codeRe.MatchString(code) {
		return fmt.Errorf("invalid procedure code %q", code)
	}
	return nil
}

// stripPageTail removes the page text the crawler appended to the last
// field of a page ("Từ khóa…Mô tả…Chọn cơ quan thực hiện…").
func stripPageTail(s string) string {
	if i := strings.Index(s, "Từ khóa"); i >= 0 && strings.Contains(s[i:], "Mô tả") {
		return s[:i]
	}
	if i := strings.Index(s, "Chọn cơ quan thực hiện"); i >= 0 {
		return s[:i]
	}
	return s
}

// ---- channels ----

const channelHeader = "Hình thức nộpThời gianPhí, lệ phíMô tả"

var channelNames = []struct {
	text string
	m    Method
}{
	{"Trực tiếp", MethodDirect},
	{"Trực tuyến", MethodOnline},
	{"Dịch vụ bưu chính", MethodPostal},
}

var (
	// "5 Ngày làm việc", "0.5 Giờ" at the start of a time cell.
	gluedTimeRe = regexp.MustCompile(`^([0-9]+(?:[.,][0-9]+)?) ?(Ngày làm việc|ngày làm việc|Ngày|ngày|Giờ|giờ|Tháng|tháng|Năm|năm|Phút|phút)`)
	// A fee amount with its currency: "50,000 Việt Nam Đồng", "135 VNĐ".
	gluedAmountRe = regexp.MustCompile(`^([0-9][0-9.,]*) ?(Việt Nam Đồng|VNĐ|VND|Đồng|đồng|USD)`)
	// A run of digits glued to a currency ("1100 VNĐ" after a unit-less time).
	gluedDigitsRe = regexp.MustCompile(`^[0-9]+`)
)

const feeFree = "Miễn phí"

// methodAt returns the channel name starting at s[i:].
func methodAt(s string, i int) (Method, int) {
	for _, c := range channelNames {
		if strings.HasPrefix(s[i:], c.text) {
			return c.m, len(c.text)
		}
	}
	return MethodUnknown, 0
}

// feeTokenAt reports whether a fee cell starts at s[i:].
func feeTokenAt(s string, i int) bool {
	rest := s[i:]
	return strings.HasPrefix(rest, feeFree) || strings.HasPrefix(rest, noInfo) || gluedAmountRe.MatchString(rest)
}

// gluedTimeAt reads the time cell at s[i:] when it is numeric or the
// no-data marker, returning its length. Free-text times are handled by the
// caller.
func gluedTimeAt(s string, i int) (n int, ok bool) {
	rest := s[i:]
	if m := gluedTimeRe.FindStringSubmatchIndex(rest); m != nil {
		return m[1], true
	}
	if strings.HasPrefix(rest, noInfo) {
		return len(noInfo), true
	}
	if m := gluedDigitsRe.FindStringIndex(rest); m != nil {
		if feeTokenAt(s, i+m[1]) {
			return m[1], true
		}
		// Digits running straight into an amount ("1100 VNĐ"): still a
		// channel start, the split is resolved (or reported) later.
		if gluedAmountRe.MatchString(rest) {
			return 0, true
		}
	}
	return 0, false
}

// parseGluedChannels reads cach_thuc_thuc_hien:
// header, then per channel <name><time><fee(s)><description>.
func parseGluedChannels(s string, w *warnings) []Channel {
	s = strings.TrimSpace(s)
	if s == "" || isNoInfo(s) {
		w.addf("channels: none published")
		return nil
	}
	if strings.HasPrefix(s, channelHeader) {
		s = s[len(channelHeader):]
	} else {
		w.addf("channels: header row missing")
	}
	if s == "" {
		w.addf("channels: none published")
		return nil
	}
	if m, _ := methodAt(s, 0); m == MethodUnknown {
		w.addf("channels: cannot read %q", truncate(s, 80))
		return nil
	}
	// Free-text time cells seen in this record (the same text repeats for
	// every channel, e.g. "Không quy định"); they make a later channel name
	// followed by that text a channel start.
	freeTimes := map[string]bool{}
	type start struct {
		pos    int
		m      Method
		timeAt int // start of the time cell
	}
	var starts []start
	// first channel: its time cell may be free text up to the fee cell.
	m0, n0 := methodAt(s, 0)
	starts = append(starts, start{0, m0, n0})
	if _, ok := gluedTimeAt(s, n0); !ok {
		if j := nextFeeToken(s, n0); j > n0 && j-n0 <= 200 {
			freeTimes[s[n0:j]] = true
		}
	}
	for i := 1; i < len(s); {
		m, n := methodAt(s, i)
		if m == MethodUnknown {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		ok := false
		if _, tok := gluedTimeAt(s, i+n); tok {
			ok = true
		} else {
			for ft := range freeTimes {
				if strings.HasPrefix(s[i+n:], ft) && feeTokenAt(s, i+n+len(ft)) {
					ok = true
					break
				}
			}
		}
		if ok {
			starts = append(starts, start{i, m, i + n})
		}
		i += n
	}
	var out []Channel
	for k, st := range starts {
		end := len(s)
		if k+1 < len(starts) {
			end = starts[k+1].pos
		}
		what := fmt.Sprintf("channel %d (%s)", k+1, st.m)
		out = append(out, parseGluedChannel(s[st.timeAt:end], st.m, what, w))
	}
	return out
}

// nextFeeToken finds the first fee cell at or after i; -1 if none.
func nextFeeToken(s string, i int) int {
	for j := i; j < len(s); {
		if feeTokenAt(s, j) {
			return j
		}
		_, size := utf8.DecodeRuneInString(s[j:])
		j += size
	}
	return -1
}

// parseGluedChannel reads "<time><fee(s)><description>" of one channel.
func parseGluedChannel(seg string, m Method, what string, w *warnings) Channel {
	ch := Channel{Method: m}
	i := 0
	switch {
	case gluedTimeRe.MatchString(seg):
		loc := gluedTimeRe.FindStringIndex(seg)
		ch.Time = parseTimeText(seg[:loc[1]], what, w)
		i = loc[1]
	case strings.HasPrefix(seg, noInfo):
		w.addf("%s: no processing time published", what)
		i = len(noInfo)
	default:
		d := gluedDigitsRe.FindString(seg)
		switch {
		case d != "" && feeTokenAt(seg, len(d)):
			v, _ := parseNumber(d)
			ch.Time = Time{Value: v, Text: d}
			w.addf("%s: time %q has no unit", what, d)
			i = len(d)
		case d != "" && gluedAmountRe.MatchString(seg):
			// "1100 VNĐ": a unit-less time glued to an amount. The digits
			// cannot be split without guessing.
			am := gluedAmountRe.FindString(seg)
			w.addf("%s: time and fee digits are glued in %q; time unparsed, fee amount unknown", what, am)
			fee := Fee{Amount: AmountUnknown, Text: am}
			i = len(am)
			if t, n := parenAt(seg, i); n > 0 {
				fee.Text += " " + t
				i += n
			}
			ch.Fees = append(ch.Fees, fee)
			ch.Description = strings.TrimSpace(seg[i:])
			return ch
		default:
			j := nextFeeToken(seg, 0)
			if j < 0 {
				w.addf("%s: cannot read time and fee in %q", what, truncate(seg, 80))
				ch.Description = strings.TrimSpace(seg)
				return ch
			}
			ch.Time = parseTimeText(seg[:j], what, w)
			i = j
		}
	}
	fees, n, known := parseGluedFees(seg[i:], what, w)
	if !known {
		w.addf("%s: no fee information", what)
	}
	ch.Fees = fees
	ch.Description = strings.TrimSpace(seg[i+n:])
	return ch
}

// parseGluedFees reads one or more fee cells: "Miễn phí", "Không có thông
// tin" or "<amount> <currency>", each optionally followed by "(text)".
func parseGluedFees(s string, what string, w *warnings) (fees []Fee, n int, known bool) {
	if strings.HasPrefix(s, noInfo) {
		return nil, len(noInfo), false
	}
	for {
		var fee Fee
		switch {
		case strings.HasPrefix(s[n:], feeFree):
			fee = Fee{Amount: 0, Text: feeFree}
			n += len(feeFree)
		case gluedAmountRe.MatchString(s[n:]):
			sm := gluedAmountRe.FindStringSubmatch(s[n:])
			fee.Text = sm[0]
			if sm[2] == "USD" {
				fee.Amount = AmountUnknown
				w.addf("%s: fee in USD %q kept as text", what, sm[0])
			} else if v, ok := parseAmount(sm[1]); ok {
				fee.Amount = v
			} else {
				fee.Amount = AmountUnknown
				w.addf("%s: cannot read fee amount %q", what, sm[0])
			}
			n += len(sm[0])
		default:
			if len(fees) == 0 {
				w.addf("%s: cannot read fee in %q", what, truncate(s, 60))
				return nil, 0, true
			}
			return fees, n, true
		}
		if t, k := parenAt(s, n); k > 0 {
			fee.Text += " " + t
			n += k
		} else if k < 0 {
			w.addf("%s: unbalanced parenthesis in fee text", what)
		}
		fees = append(fees, fee)
	}
}

// parenAt returns the balanced parenthesised text starting at s[i] and its
// length; 0 when s[i] is not '('; -1 when the parenthesis is not closed.
func parenAt(s string, i int) (string, int) {
	if i >= len(s) || s[i] != '(' {
		return "", 0
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return s[i : j+1], j + 1 - i
			}
		}
	}
	return "", -1
}

// ---- components ----

const componentHeader = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"

// quantityRe matches the quantity cell that ends every component row.
var quantityRe = regexp.MustCompile(`([0-9]+) bản chính(?:, ?([0-9]+) bản sao)?|([0-9]+) bản sao`)

// quantityCells finds the quantity cells of a block. The same words also
// occur inside document names ("nộp 02 bản chính tờ khai", "…: 01 bản
// chính;"). A cell is glued to the text before it (the page has no
// separator between cells), so a match whose number follows a space or
// '(' is text, and so is a match followed by a space.
func quantityCells(part string) [][]int {
	all := quantityRe.FindAllStringSubmatchIndex(part, -1)
	var out [][]int
	for i, l := range all {
		var before, after byte
		if l[0] > 0 {
			before = part[l[0]-1]
		}
		if l[1] < len(part) {
			after = part[l[1]]
		}
		glued := before != ' ' && before != '\t' && before != '\n'
		switch {
		case before == '(':
			continue // "(01 bản chính)"
		case after == ' ' || after == '\t':
			// "02 bản chính tờ khai" is text; "1 bản chính (2). Đối với…"
			// and "2 bản chính Trường hợp…" end a row before a heading.
			next, _ := utf8.DecodeRuneInString(strings.TrimLeft(part[l[1]:], " \t"))
			if !glued || unicode.IsLower(next) {
				continue
			}
		case !glued:
			// "…: 01 bản chính;" or "…: 01 bản chính1 bản chính" is text;
			// "…ra nước ngoài 1 bản chính" at the end of a row is a cell.
			if after != 0 && strings.IndexByte(";.,:)", after) >= 0 {
				continue
			}
			if i+1 < len(all) && all[i+1][0] == l[1] {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}

// componentsFromPage recovers the "Thành phần hồ sơ" section from the
// whole page text when the crawler stored the wrong text in
// thanh_phan_ho_so (48 records): the section follows the channel table and
// ends at "Căn cứ pháp lý".
func componentsFromPage(page, channels string) (string, bool) {
	const head, tail = "Thành phần hồ sơ", "Căn cứ pháp lý"
	from := 0
	if channels != "" {
		if k := strings.Index(page, channels); k >= 0 {
			from = k + len(channels)
		}
	}
	i := strings.Index(page[from:], head)
	if i < 0 {
		return "", false
	}
	sec := page[from+i+len(head):]
	if j := strings.Index(sec, tail); j >= 0 {
		sec = sec[:j]
	}
	if !strings.Contains(sec, componentHeader) {
		return "", false
	}
	return sec, true
}

// headingKind classifies a component block heading.
type headingKind int

const (
	headingDefault headingKind = iota // "--" or empty
	headingSubmit                     // "Giấy tờ phải nộp"
	headingPresent                    // "Giấy tờ phải xuất trình"
	headingNotes                      // "Lưu ý"
	headingCase                       // a named case (trường hợp)
)

func classifyHeading(h string) headingKind {
	f := strings.Trim(fold(h), " *-+:.")
	switch {
	case f == "":
		return headingDefault
	case f == "luu y":
		return headingNotes
	case strings.Contains(f, "giay to phai xuat trinh") || strings.HasPrefix(f, "giay to xuat trinh"):
		return headingPresent
	case strings.Contains(f, "giay to phai nop"):
		return headingSubmit
	}
	return headingCase
}

// parseGluedComponents reads thanh_phan_ho_so: blocks of
// <heading><header row><rows>, each row <name><template(s)><quantity>.
//
// Headings: "--" (or nothing) is the default case; "Giấy tờ phải nộp" and
// "Giấy tờ phải xuất trình" are not cases but say whether the following
// documents are handed in or only shown; they apply to the current case
// (the default case until a named case appears). "Lưu ý" blocks are remarks
// and become Case.Notes. Any other heading names a case.
func parseGluedComponents(s string, w *warnings) []Case {
	s = strings.TrimSpace(s)
	if s == "" || s == "--" || isNoInfo(s) {
		w.addf("components: none published")
		return nil
	}
	if !strings.Contains(s, componentHeader) {
		w.addf("components: header row missing, cannot read %q", truncate(s, 80))
		return nil
	}
	parts := strings.Split(s, componentHeader)
	var cases []Case
	caseIdx := map[string]int{}
	current := ""
	getCase := func(name string) *Case {
		k, ok := caseIdx[name]
		if !ok {
			k = len(cases)
			caseIdx[name] = k
			cases = append(cases, Case{Name: name})
		}
		return &cases[k]
	}
	heading := parts[0]
	for bi, part := range parts[1:] {
		kind := classifyHeading(heading)
		must := kind != headingPresent
		switch kind {
		case headingDefault:
			current = ""
		case headingCase:
			current = strings.TrimSpace(heading)
		}
		c := getCase(current)
		locs := quantityCells(part)
		prev := 0
		rows := 0
		for _, l := range locs {
			cell := part[prev:l[0]]
			prev = l[1]
			orig, copies := 0, 0
			if l[2] >= 0 {
				orig, _ = strconv.Atoi(part[l[2]:l[3]])
				if l[4] >= 0 {
					copies, _ = strconv.Atoi(part[l[4]:l[5]])
				}
			} else {
				copies, _ = strconv.Atoi(part[l[6]:l[7]])
			}
			name, tmpl, okT := splitTemplate(cell)
			if name == "" {
				w.addf("components: block %d row %d: empty document name", bi+1, rows+1)
				continue
			}
			if !okT {
				w.addf("components: block %d row %d: template file name glued to the document name, not split: %q", bi+1, rows+1, truncate(name, 60))
			}
			rows++
			if kind == headingNotes {
				c.Notes = append(c.Notes, name)
				continue
			}
			c.Components = append(c.Components, Component{
				Name: name, Originals: orig, Copies: copies, MustSubmit: must, Template: tmpl,
			})
		}
		rest := part[prev:]
		if bi+1 < len(parts)-1 {
			heading = rest
		} else if strings.Trim(rest, " -\n\t") != "" {
			w.addf("components: block %d: text without quantity %q", bi+1, truncate(rest, 80))
		}
		if rows == 0 && kind != headingNotes {
			w.addf("components: block %d (%s) has no rows", bi+1, truncate(heading, 40))
		}
	}
	// Drop cases that ended up empty (a heading whose rows were all notes
	// keeps its notes).
	out := cases[:0]
	for _, c := range cases {
		if len(c.Components) > 0 || len(c.Notes) > 0 {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		w.addf("components: none could be read")
		return nil
	}
	return out
}

const maxTemplateRunes = 150

// templateExtRe finds form template file names by their extension.
var templateExtRe = regexp.MustCompile(`(?i)\.(docx?|pdf|xlsx?|rtf|odt|rar|zip|jpe?g|png)`)

// splitTemplate separates a component cell "<name><file name(s)>" where
// the file names of the form templates were glued to the document name.
// The cut is the first junction where two cells meet without a space:
// a punctuation mark ('.', ';', ':', ')') glued to a following character
// (',' only before a capital), a word glued to a digit ("theo mẫu1.0.docx"),
// a lower-case letter glued to an upper-case one ("theo mẫuTK 1.0.docx"),
// or a capital or digit glued to a capitalised word ("NĐ-CPMau04.docx");
// everything after the cut must end with a file extension. Several glued
// file names are split after each extension. ok is false when the cell
// ends with a file extension but no cut was found (the cell stays the
// name).
func splitTemplate(cell string) (name, template string, ok bool) {
	cell = strings.TrimSpace(cell)
	ext := templateExtRe.FindAllStringIndex(cell, -1)
	if len(ext) == 0 || ext[len(ext)-1][1] != len(cell) {
		return cell, "", true
	}
	for i := 0; i < len(cell); {
		r, size := utf8.DecodeRuneInString(cell[i:])
		j := i + size
		if j >= len(cell) {
			break
		}
		next, nsize := utf8.DecodeRuneInString(cell[j:])
		// A file name list longer than maxTemplateRunes is not a file name.
		if junction(cell, i, r, j, next, nsize) && utf8.RuneCountInString(cell[j:]) <= maxTemplateRunes {
			return strings.TrimSpace(cell[:j]), splitTemplateNames(cell[j:]), true
		}
		i = j
	}
	return cell, "", false
}

// junction reports whether a template file name can start at cell[j]
// (rune next) right after rune r at cell[i].
func junction(cell string, i int, r rune, j int, next rune, nsize int) bool {
	if unicode.IsSpace(next) {
		return false
	}
	switch r {
	case ',':
		return unicode.IsUpper(next) // "(…bổ sung),PL 01 TT 62.docx"
	case '.', ';', ':', ')':
		if next == '.' || next == ')' || next == ',' || next == ';' {
			return false
		}
		if r == '.' && i > 0 && isDigit(cell[i-1]) && isDigit(cell[j]) {
			return false // 1.200.000, 3.1
		}
		if r == '.' {
			if loc := templateExtRe.FindStringIndex(cell[i:]); loc != nil && loc[0] == 0 {
				return false // the extension's own dot
			}
		}
		if r == ')' && next == '(' {
			return false
		}
		return true
	}
	if unicode.IsDigit(next) {
		// "theo mẫu1.000312.docx": a digit glued to a word of at least two
		// letters (not "4x6", "m3").
		if unicode.IsLower(r) && i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(cell[:i])
			return unicode.IsLetter(prev)
		}
		return false
	}
	if !unicode.IsUpper(next) {
		return false
	}
	if unicode.IsLower(r) {
		return true // "theo mẫuTK 1.000302.docx"
	}
	if r == 'T' && strings.HasPrefix(cell[j:], "Tg") {
		return false // "QĐ-TTg"
	}
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		// "NĐ-CPMau04.docx", "TP-QTV-02Mẫu TP-QTV-02.docx": the capital
		// starts a lower-case word.
		if j+nsize < len(cell) {
			n2, _ := utf8.DecodeRuneInString(cell[j+nsize:])
			return unicode.IsLower(n2)
		}
	}
	return false
}

// splitTemplateNames puts one file name per line.
func splitTemplateNames(s string) string {
	locs := templateExtRe.FindAllStringIndex(s, -1)
	var names []string
	prev := 0
	for _, l := range locs {
		// an extension ends a name only when followed by the end, a space
		// or a new name (not by more letters: ".document").
		if l[1] < len(s) {
			r, _ := utf8.DecodeRuneInString(s[l[1]:])
			if unicode.IsLetter(r) && unicode.IsLower(r) || isDigit(s[l[1]]) {
				continue
			}
		}
		n := strings.TrimSpace(s[prev:l[1]])
		if n != "" {
			names = append(names, n)
		}
		prev = l[1]
	}
	if rest := strings.TrimSpace(s[prev:]); rest != "" {
		names = append(names, rest)
	}
	return strings.Join(names, "\n")
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ---- legal basis ----

const legalHeader = "Tên văn bản pháp lýMã văn bản"

// docNumberRe matches a whole document number: "85/2019/TT-BTC",
// "66.7/2025/NQ-CP", "60/2014/QH13", "1262/QĐ-BTP".
var docNumberRe = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?/(?:[0-9]{4}/)?[A-ZĐ][A-ZĐ0-9]*(?:-(?:TTg|[A-ZĐ0-9]+))*$`)

var shortNumberRe = regexp.MustCompile(`[0-9]+/[0-9]{4}$`)

// parseGluedLegal reads can_cu_phap_ly: header, then <title><number>
// pairs. A pair ends where a document number is directly followed by an
// upper-case letter (the next title) or the end of the text.
func parseGluedLegal(s string, w *warnings) []LegalDoc {
	s = strings.TrimSpace(s)
	if s == "" || isNoInfo(s) {
		return nil
	}
	if strings.HasPrefix(s, legalHeader) {
		s = s[len(legalHeader):]
	} else {
		w.addf("legal basis: header row missing")
	}
	var out []LegalDoc
	prev := 0
	for e := 1; e <= len(s); e++ {
		if e < len(s) && !titleStartAt(s, e) {
			continue
		}
		seg := s[prev:e]
		if !(strings.HasSuffix(seg, "TTg") || endsNumberChar(seg)) {
			continue
		}
		k := numberStart(seg)
		if k < 0 {
			continue
		}
		out = append(out, LegalDoc{Title: strings.TrimSpace(seg[:k]), Number: seg[k:]})
		prev = e
	}
	if rest := strings.TrimSpace(s[prev:]); rest != "" {
		// A number cut after its year ("…Bộ Xây dựng14/2026") ends the text.
		if m := shortNumberRe.FindStringIndex(rest); m != nil && m[0] > 0 && !isDigit(rest[m[0]-1]) && rest[m[0]-1] != '/' {
			out = append(out, LegalDoc{Title: strings.TrimSpace(rest[:m[0]]), Number: rest[m[0]:]})
			return out
		}
		w.addf("legal basis: cannot find the document number in %q", truncate(rest, 60))
		out = append(out, LegalDoc{Title: rest})
	}
	return out
}

// titleStartAt reports whether a title can start at s[i]: an upper-case
// letter followed by a lower-case one ("Thông", "Nghị"), so that the
// all-capital tail of a number ("TT-BTC") does not end a pair early. The
// "Tg" of "QĐ-TTg" is not a title start.
func titleStartAt(s string, i int) bool {
	if !utf8.RuneStart(s[i]) {
		return false
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsUpper(r) || i+n >= len(s) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(s[i+n:])
	if !unicode.IsLower(r2) {
		return false
	}
	return !(strings.HasPrefix(s[i:], "Tg") && i > 0 && s[i-1] == 'T')
}

func endsNumberChar(seg string) bool {
	r, _ := utf8.DecodeLastRuneInString(seg)
	return r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == 'Đ'
}

// containsNumber reports whether title mentions the document number num
// as a whole (not as the tail of a longer number).
func containsNumber(title, num string) bool {
	for i := 0; ; {
		j := strings.Index(title[i:], num)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(num)
		decimal := j >= 2 && title[j-1] == '.' && isDigit(title[j-2])
		if (j == 0 || !isDigit(title[j-1]) && title[j-1] != '/' && !decimal) && (end == len(title) || !endsNumberChar(title[end:end+1])) {
			return true
		}
		i = j + 1
	}
}

// numberStart returns where the document number at the end of seg starts,
// or -1. When the title itself mentions the same number ("Luật
// 60/2014/QH13" + "60/2014/QH13", "Luật số 43/2024/QH15 ngày
// 29/6/2024" + "43/2024/QH15") that split wins; otherwise the number
// starts at a digit not preceded by a digit, '/' or a decimal point.
func numberStart(seg string) int {
	best := -1
	for k := len(seg) - 1; k >= 0; k-- {
		if !isDigit(seg[k]) {
			continue
		}
		num := seg[k:]
		if !docNumberRe.MatchString(num) {
			continue
		}
		if title := seg[:k]; containsNumber(title, num) {
			return k
		}
		decimal := k >= 2 && seg[k-1] == '.' && isDigit(seg[k-2]) // "66.7/2025/NQ-CP"
		if k == 0 || !isDigit(seg[k-1]) && seg[k-1] != '/' && !decimal {
			if best < 0 {
				best = k
			}
		}
	}
	return best
}

// ---- results ----

var resultCodeRe = regexp.MustCompile(`Mã: ?(KQ\.[A-Z0-9]+\.[0-9]+)`)

// parseGluedResults reads ket_qua_xu_ly: <name>Mã: KQ.xxx pairs followed by
// "Từ khóa<keywords>Mô tả<description>" and page text.
func parseGluedResults(s string) ([]Result, []string) {
	var keywords []string
	if i := strings.Index(s, "Từ khóa"); i >= 0 {
		kw := s[i+len("Từ khóa"):]
		if j := strings.Index(kw, "Mô tả"); j >= 0 {
			kw = kw[:j]
		}
		if k := clean(kw); k != "" {
			keywords = splitKeywords(k)
		}
		s = s[:i]
	}
	s = stripPageTail(s)
	var out []Result
	prev := 0
	for _, l := range resultCodeRe.FindAllStringSubmatchIndex(s, -1) {
		name := clean(s[prev:l[0]])
		prev = l[1]
		if name == "" {
			continue
		}
		out = append(out, Result{Name: name, Code: s[l[2]:l[3]]})
	}
	if rest := clean(s[prev:]); rest != "" {
		out = append(out, Result{Name: rest})
	}
	return out, keywords
}

func splitKeywords(s string) []string {
	var out []string
	for _, k := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
