package catalog

import (
	"sort"
	"strings"
	"time"
)

// Procedure is one administrative procedure (thủ tục hành chính, TTHC) as
// published in the national TTHC database (domain.md §4). Every text field
// holds the published wording (trimmed); nothing is invented. Empty slices
// and strings mean "the source had no information".
type Procedure struct {
	// Code is the national procedure code ("1.001193") or a local variant
	// ("1.001193.000.00.00.H48"); see BaseCode.
	Code string `json:"code"`
	Name string `json:"name"`
	// Levels are the administrative levels that carry the procedure out
	// (cấp thực hiện), in source order without duplicates.
	Levels []Level `json:"levels,omitempty"`
	// LevelText is the published level wording when it contained a level
	// the importer does not know (kept, never guessed).
	LevelText string `json:"levelText,omitempty"`
	Field     Field  `json:"field"`
	// Kind is the published procedure type (loại thủ tục), e.g.
	// "TTHC được giao luật quy định chi tiết".
	Kind string `json:"kind,omitempty"`
	// Publisher is the agency that published the procedure (cơ quan công
	// bố / ban hành), e.g. "Bộ Tư pháp".
	Publisher      string     `json:"publisher,omitempty"`
	Agencies       Agencies   `json:"agencies"`
	Subjects       []string   `json:"subjects,omitempty"`
	LegalBasis     []LegalDoc `json:"legalBasis,omitempty"`
	Results        []Result   `json:"results,omitempty"`
	Conditions     string     `json:"conditions,omitempty"`
	Steps          []Step     `json:"steps,omitempty"`
	DecisionNumber string     `json:"decisionNumber,omitempty"`
	// ReceivingAddress is "Địa chỉ tiếp nhận hồ sơ".
	ReceivingAddress string   `json:"receivingAddress,omitempty"`
	Keywords         []string `json:"keywords,omitempty"`
	// Description is the published free-text description (mô tả).
	Description string `json:"description,omitempty"`
	// Channels are the submission channels (cách thức thực hiện), each with
	// its own processing time and fees, in source order. A method may occur
	// more than once when sub-cases have different times.
	Channels []Channel `json:"channels,omitempty"`
	// Cases are the alternative component sets (trường hợp). The case with
	// an empty Name is the default case.
	Cases []Case `json:"cases,omitempty"`
	// ListOnly marks an entry known only from a procedure list (code, name,
	// agencies, field): it has no channels or components.
	ListOnly bool    `json:"listOnly,omitempty"`
	Version  Version `json:"version"`
}

// Level is an administrative level (cấp thực hiện).
type Level string

// Levels. The 2025 two-tier local government removed the district level;
// LevelDistrict is kept for older records.
const (
	LevelMinistry Level = "ministry" // Cấp bộ
	LevelProvince Level = "province" // Cấp tỉnh
	LevelDistrict Level = "district" // Cấp huyện (before 1/7/2025)
	LevelCommune  Level = "commune"  // Cấp xã
	LevelOther    Level = "other"    // Cơ quan khác
)

// Field is the procedure's field (lĩnh vực).
type Field struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name,omitempty"`
}

// Agency is an agency named by the procedure.
type Agency struct {
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
}

// Agencies groups the agencies of a procedure by role (domain.md §4.1:
// COQUANTHUCHIEN, COQUANCOTHAMQUYEN, COQUANDUOCUYQUYEN, COQUANPHOIHOP).
type Agencies struct {
	Executing    []Agency `json:"executing,omitempty"`    // cơ quan thực hiện
	Competent    []Agency `json:"competent,omitempty"`    // cơ quan có thẩm quyền
	Delegated    []Agency `json:"delegated,omitempty"`    // cơ quan được ủy quyền
	Coordinating []Agency `json:"coordinating,omitempty"` // cơ quan phối hợp
}

// All returns every agency of every role, in role order.
func (a Agencies) All() []Agency {
	out := make([]Agency, 0, len(a.Executing)+len(a.Competent)+len(a.Delegated)+len(a.Coordinating))
	out = append(out, a.Executing...)
	out = append(out, a.Competent...)
	out = append(out, a.Delegated...)
	return append(out, a.Coordinating...)
}

// LegalDoc is one legal basis document (căn cứ pháp lý).
type LegalDoc struct {
	Number string `json:"number,omitempty"` // số ký hiệu, e.g. "123/2015/NĐ-CP"
	Title  string `json:"title,omitempty"`  // trích yếu
	// Date is the issue date as published, normalised to YYYY-MM-DD when
	// the source gave a parseable date, else verbatim.
	Date   string `json:"date,omitempty"`
	Issuer string `json:"issuer,omitempty"`
}

// Result is one result document of the procedure (kết quả thực hiện).
type Result struct {
	Code     string `json:"code,omitempty"` // e.g. "KQ.G15.000031"
	Name     string `json:"name"`
	Template string `json:"template,omitempty"`
}

// Step is one execution step (trình tự thực hiện). Case names the case the
// step belongs to ("" = all cases). Sources that publish the steps as one
// text give one step holding that text.
type Step struct {
	Case string `json:"case,omitempty"`
	Text string `json:"text"`
}

// Method is a submission channel, numbered as the national KENH codes
// (domain.md §4.1).
type Method int

// Methods. MethodUnknown is used when the source names a channel the
// importer cannot map (always with an import warning).
const (
	MethodUnknown Method = 0
	MethodDirect  Method = 1 // trực tiếp
	MethodOnline  Method = 2 // trực tuyến
	MethodPostal  Method = 3 // dịch vụ bưu chính (công ích)
)

// String returns the Vietnamese channel name.
func (m Method) String() string {
	switch m {
	case MethodDirect:
		return "Trực tiếp"
	case MethodOnline:
		return "Trực tuyến"
	case MethodPostal:
		return "Dịch vụ bưu chính"
	}
	return "Không xác định"
}

// TimeUnit is the unit of a processing time. The strings match the workday
// package's unit constants.
type TimeUnit string

// Time units. UnitUnparsed means the source's time could not be read; it
// always comes with an import warning and must never be used to compute a
// deadline.
const (
	UnitWorkingDays TimeUnit = "working-days" // ngày làm việc
	UnitDays        TimeUnit = "days"         // ngày (calendar days)
	UnitHours       TimeUnit = "hours"        // giờ
	UnitMonths      TimeUnit = "months"       // tháng
	UnitNone        TimeUnit = "none"         // explicitly no deadline
	UnitUnparsed    TimeUnit = ""
)

// Time is a processing time limit.
type Time struct {
	Value float64  `json:"value,omitempty"`
	Unit  TimeUnit `json:"unit,omitempty"`
	// Text is the published wording when it is not plain "N unit" (for
	// example "Không quy định" or an event-based deadline).
	Text string `json:"text,omitempty"`
}

// Known reports whether the time can be used for a deadline or is an
// explicit "no deadline".
func (t Time) Known() bool { return t.Unit != UnitUnparsed }

// Fee is one fee or charge (phí, lệ phí) of a channel.
type Fee struct {
	// Amount is in VND. 0 means free ("Miễn phí"); -1 means the amount is
	// not a plain VND figure (see Text).
	Amount int64 `json:"amount"`
	// Text is the published wording (amount, currency and explanation).
	Text string `json:"text,omitempty"`
}

// AmountUnknown is the Fee.Amount of a fee whose amount is not a VND figure.
const AmountUnknown int64 = -1

// Channel is one submission channel with its time limit and fees. Fees is
// empty when the source had no fee information.
type Channel struct {
	Method      Method `json:"method"`
	Time        Time   `json:"time"`
	Fees        []Fee  `json:"fees,omitempty"`
	Description string `json:"description,omitempty"`
}

// Case is an alternative set of dossier components (trường hợp).
type Case struct {
	Name       string      `json:"name,omitempty"`
	Components []Component `json:"components,omitempty"`
	// Notes are published remarks listed among the components ("Lưu ý")
	// that are not documents.
	Notes []string `json:"notes,omitempty"`
}

// Component is one dossier document (thành phần hồ sơ).
type Component struct {
	Name      string `json:"name"`
	Code      string `json:"code,omitempty"`
	Originals int    `json:"originals"` // số bản chính
	Copies    int    `json:"copies"`    // số bản sao
	// MustSubmit is true for documents handed in ("Giấy tờ phải nộp") and
	// false for documents only shown at the counter ("Giấy tờ phải xuất
	// trình").
	MustSubmit bool `json:"mustSubmit"`
	// Optional is true when the source marks the component as not required.
	Optional bool `json:"optional,omitempty"`
	// Template holds the form template file name(s) (mẫu đơn, tờ khai),
	// one per line.
	Template string `json:"template,omitempty"`
	// TemplateURL is the template's download address when published.
	TemplateURL string `json:"templateUrl,omitempty"`
}

// Version identifies the content of a procedure. Hash covers everything
// except Version itself, so re-importing unchanged data yields the same
// hash; a dossier keeps the hash it was received under.
type Version struct {
	Hash       string    `json:"hash"`
	Source     string    `json:"source,omitempty"`
	ImportedAt time.Time `json:"importedAt"`
}

// Set is a catalog: procedures sorted by code, unique by code.
type Set struct {
	// Stamp identifies the data set (e.g. the embedded default's version).
	Stamp      string       `json:"stamp,omitempty"`
	Procedures []*Procedure `json:"procedures"`
	byCode     map[string]*Procedure
}

// NewSet builds a set from procedures. Duplicate codes keep the last one.
// The procedures are sorted by code.
func NewSet(stamp string, procs []*Procedure) *Set {
	s := &Set{Stamp: stamp, byCode: make(map[string]*Procedure, len(procs))}
	for _, p := range procs {
		s.byCode[p.Code] = p
	}
	s.Procedures = make([]*Procedure, 0, len(s.byCode))
	for _, p := range s.byCode {
		s.Procedures = append(s.Procedures, p)
	}
	sort.Slice(s.Procedures, func(i, j int) bool { return s.Procedures[i].Code < s.Procedures[j].Code })
	return s
}

// Len returns the number of procedures.
func (s *Set) Len() int { return len(s.Procedures) }

// Get returns the procedure with exactly this code. For a local variant
// code ("1.001193.000.00.00.H48") that is not in the set, it falls back to
// the base code.
func (s *Set) Get(code string) (*Procedure, bool) {
	code = strings.TrimSpace(code)
	if p, ok := s.lookup(code); ok {
		return p, true
	}
	if b := BaseCode(code); b != code {
		return s.lookup(b)
	}
	return nil, false
}

// lookup finds an exact code; a Set not made by NewSet (e.g. decoded from
// JSON) has no map and is scanned.
func (s *Set) lookup(code string) (*Procedure, bool) {
	if s.byCode != nil {
		p, ok := s.byCode[code]
		return p, ok
	}
	for _, p := range s.Procedures {
		if p.Code == code {
			return p, true
		}
	}
	return nil, false
}

// BaseCode returns the national part of a procedure code: the first two
// dot-separated groups ("1.001193.000.00.00.H48" → "1.001193"). Codes that
// do not have that shape are returned unchanged.
func BaseCode(code string) string {
	i := strings.IndexByte(code, '.')
	if i <= 0 {
		return code
	}
	j := strings.IndexByte(code[i+1:], '.')
	if j < 0 {
		return code
	}
	return code[:i+1+j]
}

// Components returns the number of components over all cases.
func (p *Procedure) Components() int {
	n := 0
	for _, c := range p.Cases {
		n += len(c.Components)
	}
	return n
}
