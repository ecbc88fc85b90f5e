package dossier

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PartyKind is LoaiDoiTuong (domain.md §3.2: 1 công dân, 2 doanh nghiệp;
// R1 also 3 cơ quan nhà nước, 4 tổ chức khác).
type PartyKind uint8

// Party kinds.
const (
	PartyCitizen      PartyKind = 1
	PartyBusiness     PartyKind = 2
	PartyStateAgency  PartyKind = 3
	PartyOrganisation PartyKind = 4
)

// IsOrganisation reports whether the party is not a person.
func (k PartyKind) IsOrganisation() bool { return k >= PartyBusiness && k <= PartyOrganisation }

// Vietnamese returns the label.
func (k PartyKind) Vietnamese() string {
	switch k {
	case PartyCitizen:
		return "Công dân"
	case PartyBusiness:
		return "Doanh nghiệp"
	case PartyStateAgency:
		return "Cơ quan nhà nước"
	case PartyOrganisation:
		return "Tổ chức"
	}
	return "Không rõ"
}

// Party is a person or organisation: the submitter (người nộp) or the owner
// (chủ hồ sơ).
type Party struct {
	Kind PartyKind `json:"kind"`
	Name string    `json:"name"`
	// IDNumber is the 12-digit personal identification number (số định
	// danh cá nhân / CCCD) for citizens; for foreigners a passport number
	// (set Passport).
	IDNumber string `json:"id_number,omitempty"`
	Passport bool   `json:"passport,omitempty"`
	// OldID is the 9-digit CMND printed in the CCCD QR, if any.
	OldID string `json:"old_id,omitempty"`
	// BirthDate is "YYYY-MM-DD".
	BirthDate string `json:"birth_date,omitempty"`
	Sex       string `json:"sex,omitempty"`
	Address   string `json:"address,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Email     string `json:"email,omitempty"`
	// TaxCode is the organisation's tax / enterprise code (10 digits, or
	// 10 digits "-" 3 digits for a branch).
	TaxCode string `json:"tax_code,omitempty"`
	// Verified is true when identity data came from a CCCD QR scan.
	Verified bool `json:"verified,omitempty"`
}

// Validate checks a party; path prefixes field names ("owner").
func (p *Party) Validate(path string) Errors { return p.validate(path, true) }

// validate checks a party; requireID says whether a citizen's
// identification number is required (it is for a received dossier; a
// refusal or a counter supplement request names the person without it).
func (p *Party) validate(path string, requireID bool) Errors {
	var es Errors
	f := func(name string) string { return path + "." + name }
	switch {
	case p.Kind == PartyCitizen:
	case p.Kind.IsOrganisation():
	default:
		es = append(es, Errorf(KindInvalid, f("kind"), "party kind must be 1 (citizen), 2 (business), 3 (state agency) or 4 (organisation)"))
	}
	if strings.TrimSpace(p.Name) == "" {
		es = append(es, Errorf(KindInvalid, f("name"), "name is required"))
	} else if utf8.RuneCountInString(p.Name) > 200 {
		es = append(es, Errorf(KindInvalid, f("name"), "name is longer than 200 characters"))
	} else if hasControl(p.Name) {
		es = append(es, Errorf(KindInvalid, f("name"), "name contains control characters"))
	}
	if p.Kind == PartyCitizen {
		switch {
		case p.IDNumber == "" && !requireID:
		case p.IDNumber == "":
			es = append(es, Errorf(KindInvalid, f("id_number"), "the citizen's identification number is required"))
		case p.Passport:
			if len(p.IDNumber) < 5 || len(p.IDNumber) > 20 || !alnum(p.IDNumber) {
				es = append(es, Errorf(KindInvalid, f("id_number"), "passport number must be 5–20 letters and digits"))
			}
		case len(p.IDNumber) != 12 || !allDigits(p.IDNumber):
			es = append(es, Errorf(KindInvalid, f("id_number"), "identification number must be exactly 12 digits, got %q", p.IDNumber))
		}
		if p.OldID != "" && (len(p.OldID) != 9 || !allDigits(p.OldID)) {
			es = append(es, Errorf(KindInvalid, f("old_id"), "old ID (CMND) must be 9 digits"))
		}
		if p.BirthDate != "" {
			if _, err := time.Parse("2006-01-02", p.BirthDate); err != nil {
				es = append(es, Errorf(KindInvalid, f("birth_date"), "birth date must be YYYY-MM-DD, got %q", p.BirthDate))
			}
		}
		if p.Sex != "" && p.Sex != "Nam" && p.Sex != "Nữ" {
			es = append(es, Errorf(KindInvalid, f("sex"), "sex must be Nam or Nữ"))
		}
	}
	if p.Kind.IsOrganisation() && p.TaxCode != "" && !ValidTaxCode(p.TaxCode) {
		es = append(es, Errorf(KindInvalid, f("tax_code"), "tax code must be 10 digits or 10 digits-3 digits, got %q", p.TaxCode))
	}
	if p.Kind == PartyBusiness && p.TaxCode == "" {
		es = append(es, Errorf(KindInvalid, f("tax_code"), "a business needs its tax (enterprise) code"))
	}
	if p.Phone != "" && !ValidPhone(p.Phone) {
		es = append(es, Errorf(KindInvalid, f("phone"), "phone number %q is not a Vietnamese phone number (9–11 digits, may start with +84)", p.Phone))
	}
	if p.Email != "" && !ValidEmail(p.Email) {
		es = append(es, Errorf(KindInvalid, f("email"), "email %q is not a valid address", p.Email))
	}
	if utf8.RuneCountInString(p.Address) > 500 {
		es = append(es, Errorf(KindInvalid, f("address"), "address is longer than 500 characters"))
	}
	return es
}

// ValidTaxCode checks a Vietnamese tax code: 10 digits, or 10-3 for
// dependent units.
func ValidTaxCode(s string) bool {
	if len(s) == 10 {
		return allDigits(s)
	}
	return len(s) == 14 && s[10] == '-' && allDigits(s[:10]) && allDigits(s[11:])
}

// ValidPhone accepts 9–11 digits after removing spaces, dots and dashes, with
// an optional leading +84.
func ValidPhone(s string) bool {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, s)
	if strings.HasPrefix(s, "+84") {
		s = "0" + s[3:]
	}
	return len(s) >= 9 && len(s) <= 11 && allDigits(s)
}

// ValidEmail is a pragmatic check: one @, a dot in the domain, no spaces.
func ValidEmail(s string) bool {
	at := strings.IndexByte(s, '@')
	if at <= 0 || at != strings.LastIndexByte(s, '@') || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	dom := s[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && dot < len(dom)-1
}

func alnum(s string) bool {
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

func hasControl(s string) bool {
	for _, r := range s {
		if unicode.IsControl(r) {
			return true
		}
	}
	return false
}
