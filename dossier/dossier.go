package dossier

import (
	"time"

	"motcua/workday"
)

// Channel is how the dossier was filed (KenhThucHien, domain.md §3.2).
type Channel uint8

// Channels.
const (
	ChannelDirect Channel = 1 // trực tiếp
	ChannelOnline Channel = 2 // trực tuyến
	ChannelPostal Channel = 3 // bưu chính công ích
)

// Valid reports whether c is 1, 2 or 3.
func (c Channel) Valid() bool { return c >= ChannelDirect && c <= ChannelPostal }

// Vietnamese returns the channel's name.
func (c Channel) Vietnamese() string {
	switch c {
	case ChannelDirect:
		return "Trực tiếp"
	case ChannelOnline:
		return "Trực tuyến"
	case ChannelPostal:
		return "Bưu chính công ích"
	}
	return "Không rõ"
}

// Kind of record in the dossier store.
type RecordKind uint8

const (
	// KindDossier is a dossier that was received (status 2 onwards) or
	// refused at the counter (status 3). It has a dossier code.
	KindDossier RecordKind = 0
	// KindGuidance is a counter guidance record: the dossier was incomplete,
	// the clerk issued a supplement request (form 02) and did not receive
	// it. It has a guidance number ("N/HDHS") instead of a dossier code and
	// no national status.
	KindGuidance RecordKind = 1
)

// Dossier is one dossier (or guidance record) with its history.
type Dossier struct {
	// ID is the store's internal identifier, assigned on first write.
	ID uint64 `json:"id"`
	// Kind tells a dossier from a guidance record.
	Kind RecordKind `json:"kind"`
	// Code is the dossier code, empty for guidance records.
	Code Code `json:"code,omitempty"`
	// GuidanceNo is the number printed on a counter supplement request
	// ("12/HDHS"), guidance records only.
	GuidanceNo string `json:"guidance_no,omitempty"`
	// Generated marks synthetic records made by "motcuactl gen".
	Generated bool `json:"generated,omitempty"`

	Procedure ProcedureRef `json:"procedure"`
	// Case is the chosen "trường hợp" (empty for the default case).
	Case    string  `json:"case,omitempty"`
	Channel Channel `json:"channel"`

	Submitter Party `json:"submitter"`
	// Owner is the chủ hồ sơ when different from the submitter (an
	// authorised representative filed the dossier); nil means the
	// submitter is the owner.
	Owner *Party `json:"owner,omitempty"`
	// Authorisation describes the authorisation paper when Owner is set.
	Authorisation string `json:"authorisation,omitempty"`

	Checklist []Item `json:"checklist"`
	Fees      []Fee  `json:"fees,omitempty"`
	// Override records a supervisor's decision to receive a dossier with a
	// missing must-submit component.
	Override *Override `json:"override,omitempty"`

	// TimeLimit is the statutory time copied from the catalog channel.
	TimeLimit Limit `json:"time_limit"`
	// LimitNote explains a time limit the clerk set because the catalog's
	// was missing, unreadable or outdated (empty = taken from the catalog).
	LimitNote string `json:"limit_note,omitempty"`
	// ReceivedAt is when the complete dossier was received (the clock of
	// the time limit starts here, Decree 118 art. 17.3).
	ReceivedAt time.Time `json:"received_at"`
	// FirstAppointment is the appointment printed on the receipt.
	FirstAppointment time.Time `json:"first_appointment,omitzero"`
	// Appointment is the current appointment (moved by an extension or a
	// restart after a supplement). Zero when the procedure has no deadline.
	Appointment time.Time `json:"appointment,omitzero"`
	// TransferDue is when the paper dossier must reach the handling
	// department (15:00 rule, Decree 118 art. 18).
	TransferDue time.Time `json:"transfer_due,omitzero"`

	Clerk     string `json:"clerk"`
	ClerkName string `json:"clerk_name,omitempty"`
	Desk      string `json:"desk"`
	// ReturnBy is how the result is returned: at the counter or by post.
	ReturnBy ReturnMethod `json:"return_by"`
	// Summary is the trích yếu (defaults to the procedure name).
	Summary string `json:"summary,omitempty"`
	// Reason holds the refusal reason (status 3) or the supplement reason
	// (guidance records).
	Reason string `json:"reason,omitempty"`

	Status  Status  `json:"status"`
	History []Event `json:"history"`

	// Derived by Apply from the history; stored for fast reports.
	Department       string        `json:"department,omitempty"`
	FinishedAt       time.Time     `json:"finished_at,omitzero"`
	ReturnedAt       time.Time     `json:"returned_at,omitzero"`
	Supplements      int           `json:"supplements,omitempty"`
	SupplementSince  time.Time     `json:"supplement_since,omitzero"`
	SupplementWait   time.Duration `json:"supplement_wait,omitempty"`
	Extended         bool          `json:"extended,omitempty"`
	ResultKind       ResultKind    `json:"result_kind,omitempty"`
	IntakeAmendments int           `json:"amendments,omitempty"`
}

// ProcedureRef identifies the procedure and the catalog version the
// dossier was received under; a later catalog change does not affect it.
type ProcedureRef struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Version   string `json:"version"`
	FieldCode string `json:"field_code,omitempty"`
	FieldName string `json:"field_name,omitempty"`
	Level     string `json:"level,omitempty"`
	// Agency is the handling (competent) agency's name.
	Agency string `json:"agency,omitempty"`
}

// Limit is a statutory processing time: a value and a unit ("working-days",
// "days", "hours", "months", "same-day", "none"), as in the catalog and the
// workday deadline engine.
type Limit = workday.Limit

// ReturnMethod is how the result goes back (HinhThuc: 0 default, 1 post).
type ReturnMethod uint8

// Return methods.
const (
	ReturnAtCounter ReturnMethod = 0
	ReturnByPost    ReturnMethod = 1
)

// Override is a supervisor's decision to receive despite missing items.
type Override struct {
	By     string    `json:"by"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// Decision is what the clerk found for one checklist component.
type Decision uint8

// Decisions.
const (
	DecisionUnset Decision = iota
	// DecisionSubmitted: paper handed in; the counts say how many
	// originals, certified copies and plain copies.
	DecisionSubmitted
	// DecisionPresented: shown for checking and handed back (giấy tờ phải
	// xuất trình), nothing kept.
	DecisionPresented
	// DecisionNationalData: taken from a national database or the
	// citizen's e-repository, so not required on paper (Decree 118
	// art. 17.1.b).
	DecisionNationalData
	// DecisionMissing: required but not provided.
	DecisionMissing
	// DecisionNotApplicable: an optional component that does not apply.
	DecisionNotApplicable
)

var decisionNames = [...]struct{ slug, vi string }{
	DecisionUnset:         {"unset", "Chưa kiểm tra"},
	DecisionSubmitted:     {"submitted", "Đã nộp"},
	DecisionPresented:     {"presented", "Xuất trình"},
	DecisionNationalData:  {"national-data", "Lấy từ CSDL quốc gia"},
	DecisionMissing:       {"missing", "Thiếu"},
	DecisionNotApplicable: {"not-applicable", "Không áp dụng"},
}

// Slug returns the machine name used in JSON files.
func (d Decision) Slug() string {
	if int(d) < len(decisionNames) {
		return decisionNames[d].slug
	}
	return "unknown"
}

// Vietnamese returns the label shown to clerks.
func (d Decision) Vietnamese() string {
	if int(d) < len(decisionNames) {
		return decisionNames[d].vi
	}
	return "?"
}

// ParseDecision parses a slug.
func ParseDecision(s string) (Decision, error) {
	for i, n := range decisionNames {
		if s == n.slug {
			return Decision(i), nil
		}
	}
	return 0, Errorf(KindInvalid, "decision", "unknown decision %q (submitted, presented, national-data, missing, not-applicable)", s)
}

// MarshalText encodes the slug.
func (d Decision) MarshalText() ([]byte, error) { return []byte(d.Slug()), nil }

// UnmarshalText decodes a slug.
func (d *Decision) UnmarshalText(b []byte) error {
	v, err := ParseDecision(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Item is one component (thành phần hồ sơ) of the checklist.
type Item struct {
	// Code is the component code from the catalog, if any.
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
	// MustSubmit: the catalog requires the paper to be submitted.
	MustSubmit bool `json:"must_submit"`
	// PresentOnly: the catalog asks only to show it (giấy tờ xuất trình).
	PresentOnly bool `json:"present_only,omitempty"`
	// Conditional: the catalog text makes it depend on the case ("Trường
	// hợp …", "… nếu có", "trong trường hợp …") or it is an instruction
	// with nothing to count; the clerk may mark it not applicable.
	Conditional bool `json:"conditional,omitempty"`
	// Expected counts from the catalog.
	WantOriginals int `json:"want_originals,omitempty"`
	WantCopies    int `json:"want_copies,omitempty"`

	Decision        Decision `json:"decision"`
	Originals       int      `json:"originals,omitempty"`
	CertifiedCopies int      `json:"certified_copies,omitempty"`
	Copies          int      `json:"copies,omitempty"`
	Note            string   `json:"note,omitempty"`
	Scans           []Scan   `json:"scans,omitempty"`
}

// Provided reports whether the item satisfies its requirement.
func (it Item) Provided() bool {
	switch it.Decision {
	case DecisionSubmitted, DecisionPresented, DecisionNationalData:
		return true
	case DecisionNotApplicable:
		return it.Conditional || (!it.MustSubmit && !it.PresentOnly)
	}
	return false
}

// Scan is an attached digitised file. The bytes live in the content-addressed
// scan folder next to the database; the record keeps the hash.
type Scan struct {
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	MIME   string `json:"mime"`
}

// FeeTiming is when a fee is collected (HinhThucThu: 1 at intake, 4 at return).
type FeeTiming uint8

// Fee timings.
const (
	FeeAtIntake FeeTiming = 1
	FeeAtReturn FeeTiming = 4
)

// Fee is one fee line (phí, lệ phí) in đồng.
type Fee struct {
	Name string `json:"name"`
	// Amount is what is charged; CatalogAmount what the catalog says (-1
	// when the catalog gives no amount).
	Amount        int64     `json:"amount"`
	CatalogAmount int64     `json:"catalog_amount"`
	Reason        string    `json:"reason,omitempty"`
	When          FeeTiming `json:"when"`
	Paid          bool      `json:"paid,omitempty"`
}

// ResultKind tells an approved result from a refusal after appraisal.
type ResultKind uint8

// Result kinds.
const (
	ResultNone     ResultKind = 0
	ResultApproved ResultKind = 1
	ResultRefused  ResultKind = 2 // refused after appraisal (Decree 118 art. 19.3)
)

// Owner returns the chủ hồ sơ: the owner if set, otherwise the submitter.
func (d *Dossier) OwnerParty() *Party {
	if d.Owner != nil {
		return d.Owner
	}
	return &d.Submitter
}

// Missing returns the checklist items that are not provided.
func (d *Dossier) Missing() []Item {
	var out []Item
	for _, it := range d.Checklist {
		if !it.Provided() && (it.MustSubmit || it.PresentOnly) {
			out = append(out, it)
		}
	}
	return out
}

// Digitised reports whether at least one component has a scan or was taken
// from national data (766 indicators 4.2/4.3).
func (d *Dossier) Digitised() bool {
	for _, it := range d.Checklist {
		if len(it.Scans) > 0 || it.Decision == DecisionNationalData {
			return true
		}
	}
	return false
}

// TotalFees returns the sum of fee amounts.
func (d *Dossier) TotalFees() int64 {
	var n int64
	for _, f := range d.Fees {
		n += f.Amount
	}
	return n
}

// Query is a lookup by a personal value or a name.
type Query struct {
	// IDNumber matches the owner's or submitter's ID number or tax code.
	IDNumber string
	// Phone matches any phone number of the parties.
	Phone string
	// Name matches records whose party names contain every word
	// (diacritic-insensitive, whole words).
	Name  string
	Limit int
}

// PendingSupplement returns the time of the last supplement request if no
// supplement was received after it (the dossier was stopped or withdrawn
// while waiting, or is still waiting), else the zero time. The national
// index counts such a request's time as the end of processing (domain.md
// §3.3).
func (d *Dossier) PendingSupplement() time.Time {
	var at time.Time
	for _, ev := range d.History {
		switch ev.Kind {
		case EvSupplementRequest:
			at = ev.At
		case EvSupplementReceived:
			at = time.Time{}
		}
	}
	return at
}
