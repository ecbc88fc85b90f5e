package catalog

import (
	"encoding/json"
	"fmt"
	"strings"
)

// This file reads the 2025–26 national portal's procedure JSON
// (get-formality-by-citizen detail, domain.md §4.2). List items of
// list-all-public-formality-by-citizen (id, code, name, categories) have no
// detail keys and become list-only entries.

type portalFee struct {
	Type        flexString `json:"type"`
	Value       flexString `json:"value"`
	Description flexString `json:"description"`
	CurrencyID  flexString `json:"currencyId"`
}

type portalComponent struct {
	Name               flexString `json:"name"`
	Code               flexString `json:"code"`
	Required           *bool      `json:"required"`
	OriginalQty        flexString `json:"originalQty"`
	CopyQty            flexString `json:"copyQty"`
	HasElectronicForm  *bool      `json:"hasElectronicForm"`
	IsProcessingResult *bool      `json:"isProcessingResult"`
	Attachments        []struct {
		ID       flexString `json:"id"`
		FileName flexString `json:"fileName"`
	} `json:"attachments"`
}

type portalNamed struct {
	Name flexString `json:"name"`
	Code flexString `json:"code"`
}

type portalRecord struct {
	ID                flexString    `json:"id"`
	Code              flexString    `json:"code"`
	CodeNotation      flexString    `json:"codeNotation"`
	Name              flexString    `json:"name"`
	State             flexString    `json:"state"`
	Keywords          flexNames     `json:"keywords"`
	CategoriesDetails []portalNamed `json:"categoriesDetails"`
	Categories        flexNames     `json:"categories"`
	ExecutionSteps    []struct {
		Name        flexString `json:"name"`
		Description flexString `json:"description"`
	} `json:"executionSteps"`
	ExecutionMethods []struct {
		SubmissionMethod   flexString  `json:"submissionMethod"`
		ProcessingTime     flexString  `json:"processingTime"`
		ProcessingTimeUnit flexString  `json:"processingTimeUnit"`
		Description        flexString  `json:"description"`
		Fees               []portalFee `json:"fees"`
	} `json:"executionMethods"`
	Fees           []portalFee `json:"fees"`
	ExecutionCases []struct {
		Name              flexString        `json:"name"`
		ProfileComponents []portalComponent `json:"profileComponents"`
	} `json:"executionCases"`
	ProfileComponents         []portalComponent `json:"profileComponents"`
	LegalBasisesDetails       []portalNamed     `json:"legalBasisesDetails"`
	ResultsDetails            []portalNamed     `json:"resultsDetails"`
	RequirementsAndConditions flexString        `json:"requirementsAndConditions"`
	SubjectTypesDetails       []portalNamed     `json:"subjectTypesDetails"`
	ExecutingAgencies         flexNames         `json:"executingAgencies"`
	DepartmentsExecuting      flexNames         `json:"departmentsExecuting"`
	CoordinatingAgencies      flexNames         `json:"coordinatingAgencies"`
	DepartmentPromulgateName  flexString        `json:"departmentPromulgateName"`
	DepartmentPromulgateCode  flexString        `json:"departmentPromulgateCode"`
	IsWard                    *bool             `json:"isWard"`
	IsProvince                *bool             `json:"isProvince"`
	IsMinistry                *bool             `json:"isMinistry"`
	IsOtherAgency             *bool             `json:"isOtherAgency"`
	IsVertical                *bool             `json:"isVertical"`
	DossierReceivingAddresses flexNames         `json:"dossierReceivingAddresses"`
	ProcedureProposal         *struct {
		DecisionNumber flexString `json:"decisionNumber"`
		ProposalNumber flexString `json:"proposalNumber"`
		IssuingAgency  *struct {
			Name flexString `json:"name"`
		} `json:"issuingAgency"`
	} `json:"procedureProposal"`
}

var portalDetailKeys = []string{"executionMethods", "executionCases", "profileComponents", "executionSteps", "legalBasisesDetails"}

func isPortal(obj map[string]json.RawMessage) bool {
	for _, k := range portalDetailKeys {
		if hasKey(obj, k) {
			return true
		}
	}
	// a list item: {id, code, codeNotation, name, categories}
	return hasKey(obj, "codeNotation") && hasKey(obj, "name")
}

var portalMethods = map[string]Method{"DIRECT": MethodDirect, "ONLINE": MethodOnline, "POSTAL": MethodPostal}

var portalUnits = map[string]string{
	"DAY": "Ngày", "WORKING_DAY": "Ngày làm việc", "HOUR": "Giờ", "MONTH": "Tháng", "YEAR": "Năm", "MINUTE": "Phút",
}

func isTrue(b *bool) bool { return b != nil && *b }

func parsePortal(data []byte) (*Procedure, warnings, error) {
	var r portalRecord
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, nil, fmt.Errorf("portal record: %w", err)
	}
	var w warnings
	code := r.CodeNotation.String()
	if checkCode(code) != nil {
		code = r.Code.String()
	} else if c := r.Code.String(); c != "" && c != code && checkCode(c) == nil {
		w.addf("code: codeNotation %q and code %q differ; kept codeNotation", code, c)
	}
	if err := checkCode(code); err != nil {
		return nil, nil, fmt.Errorf("codeNotation/code (id %s): %w", r.ID.String(), err)
	}
	name := r.Name.String()
	if name == "" {
		return nil, nil, fmt.Errorf("procedure %s: empty name", code)
	}
	detail := false
	var obj map[string]json.RawMessage
	if json.Unmarshal(data, &obj) == nil {
		for _, k := range portalDetailKeys {
			if hasKey(obj, k) {
				detail = true
			}
		}
	}
	p := &Procedure{
		Code:       code,
		Name:       name,
		Conditions: clean(r.RequirementsAndConditions.String()),
		Publisher:  r.DepartmentPromulgateName.String(),
		Keywords:   r.Keywords.names(),
		ListOnly:   !detail,
	}
	fields := r.CategoriesDetails
	if len(fields) == 0 {
		for _, c := range r.Categories {
			fields = append(fields, portalNamed{Name: flexString(c.Name), Code: flexString(c.Code)})
		}
	}
	for i, f := range fields {
		if i == 0 {
			p.Field = Field{Code: f.Code.String(), Name: f.Name.String()}
			continue
		}
		w.addf("field: more than one category, kept the first (%s), ignored %q", p.Field.Name, f.Name.String())
	}
	if p.Field.Name == "" && p.Field.Code == "" {
		w.addf("field: none published")
	}
	if isTrue(r.IsMinistry) {
		p.Levels = append(p.Levels, LevelMinistry)
	}
	if isTrue(r.IsProvince) {
		p.Levels = append(p.Levels, LevelProvince)
	}
	if isTrue(r.IsWard) {
		p.Levels = append(p.Levels, LevelCommune)
	}
	if isTrue(r.IsOtherAgency) {
		p.Levels = append(p.Levels, LevelOther)
	}
	if isTrue(r.IsVertical) {
		p.LevelText = "Cơ quan ngành dọc"
	}
	for _, s := range r.SubjectTypesDetails {
		if n := s.Name.String(); n != "" {
			p.Subjects = append(p.Subjects, n)
		}
	}
	p.Agencies.Executing = append([]Agency(nil), r.ExecutingAgencies...)
	for _, a := range r.DepartmentsExecuting {
		if !hasAgency(p.Agencies.Executing, a.Name) {
			p.Agencies.Executing = append(p.Agencies.Executing, a)
		}
	}
	p.Agencies.Coordinating = append([]Agency(nil), r.CoordinatingAgencies...)
	p.ReceivingAddress = strings.Join(r.DossierReceivingAddresses.names(), "\n")
	if pp := r.ProcedureProposal; pp != nil {
		p.DecisionNumber = pp.DecisionNumber.String()
		if p.DecisionNumber == "" {
			p.DecisionNumber = pp.ProposalNumber.String()
		}
		if p.Publisher == "" && pp.IssuingAgency != nil {
			p.Publisher = pp.IssuingAgency.Name.String()
		}
	}
	for _, s := range r.ExecutionSteps {
		text := strings.TrimSpace(strings.TrimSpace(s.Name.String()) + "\n" + strings.TrimSpace(s.Description.String()))
		if text != "" {
			p.Steps = append(p.Steps, Step{Text: text})
		}
	}
	if !detail {
		return p, w, nil
	}
	if len(r.ExecutionMethods) == 0 {
		w.addf("channels: none published")
	}
	for i, m := range r.ExecutionMethods {
		method, ok := portalMethods[strings.ToUpper(m.SubmissionMethod.String())]
		what := fmt.Sprintf("channel %d (%s)", i+1, method)
		if !ok {
			what = fmt.Sprintf("channel %d", i+1)
			w.addf("%s: unknown submission method %q", what, m.SubmissionMethod.String())
		}
		ch := Channel{Method: method, Description: clean(m.Description.String())}
		unit := strings.ToUpper(m.ProcessingTimeUnit.String())
		val := m.ProcessingTime.String()
		switch {
		case unit == "" && val == "":
			w.addf("%s: no processing time published", what)
		case unit == "OTHER" || (unit != "" && portalUnits[unit] == ""):
			ch.Time = Time{Text: val}
			if unit != "OTHER" {
				ch.Time.Text = strings.TrimSpace(val + " " + m.ProcessingTimeUnit.String())
			}
			if v, ok := parseNumber(val); ok {
				ch.Time.Value = v
			}
			w.addf("%s: unknown time unit %q", what, m.ProcessingTimeUnit.String())
		default:
			ch.Time = parseTimeText(strings.TrimSpace(val+" "+portalUnits[unit]), what, &w)
		}
		for _, f := range m.Fees {
			ch.Fees = append(ch.Fees, portalFeeOf(f, what, &w))
		}
		// Procedure-level fees apply whatever the channel.
		for _, f := range r.Fees {
			if fee := portalFeeOf(f, what, &w); !hasFee(ch.Fees, fee) {
				ch.Fees = append(ch.Fees, fee)
			}
		}
		if len(ch.Fees) == 0 {
			w.addf("%s: no fee information", what)
		}
		p.Channels = append(p.Channels, ch)
	}
	addComponents := func(caseName string, comps []portalComponent) {
		var out []Component
		for j, c := range comps {
			name := c.Name.String()
			if name == "" {
				w.addf("component %d of case %q: empty name", j+1, caseName)
				continue
			}
			comp := Component{Name: name, Code: c.Code.String(), MustSubmit: true, Optional: c.Required != nil && !*c.Required}
			var okQ bool
			if comp.Originals, _, okQ = flexInt(c.OriginalQty); !okQ {
				w.addf("component %q: cannot read originalQty %q", truncate(name, 40), c.OriginalQty.String())
			}
			if comp.Copies, _, okQ = flexInt(c.CopyQty); !okQ {
				w.addf("component %q: cannot read copyQty %q", truncate(name, 40), c.CopyQty.String())
			}
			var files []string
			for _, a := range c.Attachments {
				if fn := a.FileName.String(); fn != "" {
					files = append(files, fn)
				}
			}
			comp.Template = strings.Join(files, "\n")
			out = append(out, comp)
		}
		if len(out) == 0 {
			return
		}
		for k := range p.Cases {
			if p.Cases[k].Name == caseName {
				p.Cases[k].Components = append(p.Cases[k].Components, out...)
				return
			}
		}
		p.Cases = append(p.Cases, Case{Name: caseName, Components: out})
	}
	addComponents("", r.ProfileComponents)
	for _, c := range r.ExecutionCases {
		addComponents(clean(c.Name.String()), c.ProfileComponents)
	}
	if p.Components() == 0 {
		w.addf("components: none published")
	}
	for _, l := range r.LegalBasisesDetails {
		if l.Code.String() != "" || l.Name.String() != "" {
			p.LegalBasis = append(p.LegalBasis, LegalDoc{Number: l.Code.String(), Title: l.Name.String()})
		}
	}
	for _, x := range r.ResultsDetails {
		if n := x.Name.String(); n != "" {
			p.Results = append(p.Results, Result{Name: n, Code: x.Code.String()})
		}
	}
	return p, w, nil
}

func hasFee(fs []Fee, f Fee) bool {
	for _, x := range fs {
		if x == f {
			return true
		}
	}
	return false
}

func hasAgency(as []Agency, name string) bool {
	for _, a := range as {
		if a.Name == name {
			return true
		}
	}
	return false
}

// portalFeeOf reads {type, value, description, currencyId}; value may be
// null with the amount only in the description (kept as text).
func portalFeeOf(f portalFee, what string, w *warnings) Fee {
	desc := clean(f.Description.String())
	val := f.Value.String()
	out := Fee{Amount: AmountUnknown, Text: desc}
	switch strings.ToUpper(f.CurrencyID.String()) {
	case "", "VND", "VNĐ", "1":
	default:
		w.addf("%s: fee in currency %q kept as text", what, f.CurrencyID.String())
		out.Text = strings.TrimSpace(val + " " + f.CurrencyID.String() + " " + parenthesise(desc))
		return out
	}
	if val == "" {
		w.addf("%s: fee without amount (%s)", what, truncate(desc, 40))
		return out
	}
	if v, ok := parseAmount(val); ok {
		out.Amount = v
		return out
	}
	if v, ok := parseNumber(val); ok && v == float64(int64(v)) {
		out.Amount = int64(v)
		return out
	}
	w.addf("%s: cannot read fee amount %q", what, val)
	out.Text = strings.TrimSpace(val + " " + parenthesise(desc))
	return out
}
