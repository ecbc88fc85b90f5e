package dossier

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"motcua/workday"
)

// Verdict is the clerk's decision at the end of intake.
type Verdict uint8

// Verdicts.
const (
	// VerdictReceive: the dossier is complete; a code and an appointment are
	// issued (form 01).
	VerdictReceive Verdict = 1
	// VerdictSupplement: incomplete; the missing components are listed once
	// on a supplement request (form 02) and nothing is received.
	VerdictSupplement Verdict = 2
	// VerdictRefuse: not acceptable (wrong authority, ineligible): a refusal
	// slip (form 03) with the reason.
	VerdictRefuse Verdict = 3
)

// Valid time-limit units, shared with the catalog and workday packages.
var validUnits = map[string]bool{"working-days": true, "days": true, "hours": true, "months": true, "same-day": true, "none": true}

// ValidUnit reports whether u is a known time-limit unit.
func ValidUnit(u workday.Unit) bool { return validUnits[string(u)] }

// ValidateIntake checks a new record before it is stored, for the given
// verdict. All problems are returned at once (Errors).
func (d *Dossier) ValidateIntake(v Verdict) error {
	var es Errors
	add := func(e *Error) { es = append(es, e) }
	if strings.TrimSpace(d.Procedure.Code) == "" {
		add(Errorf(KindInvalid, "procedure.code", "choose the procedure"))
	}
	if strings.TrimSpace(d.Procedure.Name) == "" {
		add(Errorf(KindInvalid, "procedure.name", "the procedure name is required"))
	}
	if d.Procedure.Version == "" {
		add(Errorf(KindInvalid, "procedure.version", "the catalog version of the procedure is required"))
	}
	if !d.Channel.Valid() {
		add(Errorf(KindInvalid, "channel", "channel must be 1 (direct), 2 (online) or 3 (postal)"))
	}
	requireID := v == VerdictReceive
	es = append(es, d.Submitter.validate("submitter", requireID)...)
	if d.Owner != nil {
		es = append(es, d.Owner.validate("owner", requireID)...)
		if strings.TrimSpace(d.Authorisation) == "" && v == VerdictReceive {
			add(Errorf(KindInvalid, "authorisation", "a dossier filed for someone else needs the authorisation paper described"))
		}
	}
	if d.ReceivedAt.IsZero() {
		add(Errorf(KindInvalid, "received_at", "the receipt time is required"))
	}
	if strings.TrimSpace(d.Clerk) == "" {
		add(Errorf(KindInvalid, "clerk", "the receiving clerk is required"))
	}
	if strings.TrimSpace(d.Desk) == "" {
		add(Errorf(KindInvalid, "desk", "the desk is required"))
	}
	if !ValidUnit(d.TimeLimit.Unit) {
		add(Errorf(KindInvalid, "time_limit.unit", "time unit %q is not one of working-days, days, hours, months, same-day, none", d.TimeLimit.Unit))
	} else if d.TimeLimit.Unit != "none" && d.TimeLimit.Value < 0 {
		add(Errorf(KindInvalid, "time_limit.value", "the time limit must not be negative"))
	}
	if d.ReturnBy > ReturnByPost {
		add(Errorf(KindInvalid, "return_by", "return method must be 0 (counter) or 1 (post)"))
	}
	if len(d.Checklist) == 0 {
		add(Errorf(KindInvalid, "checklist", "the checklist is empty: record at least one component"))
	}
	for i, it := range d.Checklist {
		p := fmt.Sprintf("checklist[%d]", i)
		if strings.TrimSpace(it.Name) == "" {
			add(Errorf(KindInvalid, p+".name", "component name is required"))
		}
		if it.Originals < 0 || it.CertifiedCopies < 0 || it.Copies < 0 {
			add(Errorf(KindInvalid, p, "counts must not be negative"))
		}
		switch it.Decision {
		case DecisionUnset:
			// A refusal (wrong authority, ineligible) does not need the
			// components checked.
			if v != VerdictRefuse {
				add(Errorf(KindInvalid, p+".decision", "%q has not been checked", it.Name))
			}
		case DecisionSubmitted:
			if it.Originals+it.CertifiedCopies+it.Copies == 0 {
				add(Errorf(KindInvalid, p, "%q is marked submitted but no original or copy is counted", it.Name))
			}
		case DecisionNotApplicable:
			if it.MustSubmit && !it.Conditional {
				add(Errorf(KindInvalid, p+".decision", "%q is required by the procedure and cannot be marked not applicable", it.Name))
			}
		case DecisionPresented, DecisionNationalData, DecisionMissing:
		default:
			add(Errorf(KindInvalid, p+".decision", "unknown decision %d", it.Decision))
		}
		for j, s := range it.Scans {
			if len(s.SHA256) != 64 || !isHex(s.SHA256) {
				add(Errorf(KindInvalid, fmt.Sprintf("%s.scans[%d].sha256", p, j), "scan hash must be 64 hex digits"))
			}
		}
		if utf8.RuneCountInString(it.Note) > 1000 {
			add(Errorf(KindInvalid, p+".note", "note is longer than 1000 characters"))
		}
	}
	for i, f := range d.Fees {
		p := fmt.Sprintf("fees[%d]", i)
		if strings.TrimSpace(f.Name) == "" {
			add(Errorf(KindInvalid, p+".name", "fee name is required"))
		}
		if f.Amount < 0 {
			add(Errorf(KindInvalid, p+".amount", "fee must not be negative"))
		}
		if f.CatalogAmount >= 0 && f.Amount != f.CatalogAmount && strings.TrimSpace(f.Reason) == "" {
			add(Errorf(KindInvalid, p+".reason", "the fee differs from the catalog (%d đ); give the reason", f.CatalogAmount))
		}
		if f.When != FeeAtIntake && f.When != FeeAtReturn {
			add(Errorf(KindInvalid, p+".when", "fee timing must be 1 (at intake) or 4 (at return)"))
		}
	}
	switch v {
	case VerdictReceive:
		if missing := d.Missing(); len(missing) > 0 {
			if d.Override == nil {
				names := make([]string, len(missing))
				for i, m := range missing {
					names[i] = m.Name
				}
				add(Errorf(KindConflict, "checklist", "required components missing: %s (a supervisor may override with a reason)", strings.Join(names, "; ")))
			} else if strings.TrimSpace(d.Override.Reason) == "" || strings.TrimSpace(d.Override.By) == "" {
				add(Errorf(KindInvalid, "override", "an override needs the supervisor and the reason"))
			}
		}
	case VerdictSupplement:
		if len(d.Missing()) == 0 && strings.TrimSpace(d.Reason) == "" {
			add(Errorf(KindInvalid, "reason", "nothing is missing: state what must be completed and why"))
		}
	case VerdictRefuse:
		if strings.TrimSpace(d.Reason) == "" {
			add(Errorf(KindInvalid, "reason", "a refusal needs the reason (Decree 118 art. 17.1.c)"))
		}
	default:
		add(Errorf(KindInvalid, "verdict", "verdict must be receive, supplement or refuse"))
	}
	return es.Err()
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// amendable lists the intake fields a correction may change, by JSON path.
var amendable = map[string]func(d *Dossier) *string{
	"summary":       func(d *Dossier) *string { return &d.Summary },
	"authorisation": func(d *Dossier) *string { return &d.Authorisation },
}

func partyField(p *Party, name string) *string {
	switch name {
	case "name":
		return &p.Name
	case "id_number":
		return &p.IDNumber
	case "old_id":
		return &p.OldID
	case "birth_date":
		return &p.BirthDate
	case "sex":
		return &p.Sex
	case "address":
		return &p.Address
	case "phone":
		return &p.Phone
	case "email":
		return &p.Email
	case "tax_code":
		return &p.TaxCode
	}
	return nil
}

// AmendableFields lists the paths accepted in an amendment.
func AmendableFields() []string {
	out := []string{"summary", "authorisation"}
	for _, who := range []string{"submitter", "owner"} {
		for _, f := range []string{"name", "id_number", "old_id", "birth_date", "sex", "address", "phone", "email", "tax_code"} {
			out = append(out, who+"."+f)
		}
	}
	return out
}

func (d *Dossier) fieldPtr(path string) *string {
	if f, ok := amendable[path]; ok {
		return f(d)
	}
	who, name, ok := strings.Cut(path, ".")
	if !ok {
		return nil
	}
	switch who {
	case "submitter":
		return partyField(&d.Submitter, name)
	case "owner":
		if d.Owner == nil {
			return nil
		}
		return partyField(d.Owner, name)
	}
	return nil
}

func (d *Dossier) checkAmend(a *Amendment) error {
	if a == nil {
		return Errorf(KindInvalid, "amend", "the correction is missing")
	}
	p := d.fieldPtr(a.Field)
	if p == nil {
		return Errorf(KindInvalid, "amend.field", "field %q cannot be corrected (allowed: %s)", a.Field, strings.Join(AmendableFields(), ", "))
	}
	if strings.TrimSpace(a.Reason) == "" {
		return Errorf(KindInvalid, "amend.reason", "a correction needs a reason")
	}
	if *p != a.Old {
		return Errorf(KindConflict, "amend.old", "%s is now %q, not %q; reload the dossier", a.Field, *p, a.Old)
	}
	if a.Old == a.New {
		return Errorf(KindInvalid, "amend.new", "the new value is the same as the old one")
	}
	// Validate the party with the new value applied.
	cp := *d
	if d.Owner != nil {
		o := *d.Owner
		cp.Owner = &o
	}
	*cp.fieldPtr(a.Field) = a.New
	var es Errors
	if strings.HasPrefix(a.Field, "submitter.") {
		es = cp.Submitter.Validate("submitter")
	} else if strings.HasPrefix(a.Field, "owner.") {
		es = cp.Owner.Validate("owner")
	}
	return es.Err()
}

func (d *Dossier) setField(path, v string) error {
	p := d.fieldPtr(path)
	if p == nil {
		return Errorf(KindInvalid, "amend.field", "field %q cannot be corrected", path)
	}
	*p = v
	return nil
}

var verdictNames = map[Verdict]string{VerdictReceive: "receive", VerdictSupplement: "supplement", VerdictRefuse: "refuse"}

// MarshalText encodes "receive", "supplement" or "refuse".
func (v Verdict) MarshalText() ([]byte, error) {
	if s, ok := verdictNames[v]; ok {
		return []byte(s), nil
	}
	return nil, Errorf(KindInvalid, "verdict", "unknown verdict %d", v)
}

// UnmarshalText accepts "receive", "supplement", "refuse" (or 1, 2, 3).
func (v *Verdict) UnmarshalText(b []byte) error {
	for k, s := range verdictNames {
		if string(b) == s || string(b) == string(rune('0'+k)) {
			*v = k
			return nil
		}
	}
	return Errorf(KindInvalid, "verdict", "unknown verdict %q (receive, supplement, refuse)", b)
}
