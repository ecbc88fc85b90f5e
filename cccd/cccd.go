// Package cccd parses the QR payload of the Vietnamese chip ID card (Căn
// cước công dân), as desk scanners type it, with the tolerant rules of
// ../shared/docs/domain.md §5, and recognises a keyboard-wedge scanner's
// burst of keystrokes (BurstDetector).
//
// Payload (domain.md §5.1): fields separated by '|':
//
//	ID (12 digits) | old CMND (9 digits, may be empty) | NAME | DDMMYYYY birth |
//	Nam/Nữ | address | DDMMYYYY issue
//
// Tolerated (§5.2): 6 fields (no CMND), 11 fields (4 undocumented fields
// after the issue date, kept in Card.Extra), placeholder fields such as
// "001203045373|---||NAME|…", '|' inside the address (the issue date is
// found as the first 8-digit field after it), decomposed Unicode, stray
// CR/LF/Tab, and noise before the ID or after the last field.
package cccd

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"motcua/vntext"
)

// Card is a parsed CCCD QR payload. Its JSON form is the contract of
// "motcuactl cccd parse": keys id, old_id, name, birth_date, sex, address,
// issue_date in this order, dates as "YYYY-MM-DD".
type Card struct {
	ID        string `json:"id"`         // 12 digits
	OldID     string `json:"old_id"`     // old CMND number (9 or 12 digits) or ""
	Name      string `json:"name"`       // NFC, as printed (usually upper case)
	BirthDate Date   `json:"birth_date"` //
	Sex       string `json:"sex"`        // "Nam" or "Nữ"
	Address   string `json:"address"`    // NFC, may contain '|' as scanned
	IssueDate Date   `json:"issue_date"` //

	// Extra holds the fields after the issue date (11-field payloads).
	Extra []string `json:"-"`
	// Warnings lists what the parser tolerated or found inconsistent; the
	// card is still usable but the clerk should look at it.
	Warnings []Warning `json:"-"`
	// Raw is the text as received, unchanged.
	Raw string `json:"-"`
}

// WarningKind classifies a Warning.
type WarningKind string

// Warning kinds.
const (
	// WarnNoise: text before the ID number or after the issue date was
	// dropped.
	WarnNoise WarningKind = "noise"
	// WarnExtraFields: fields after the issue date (11-field payloads).
	WarnExtraFields WarningKind = "extra-fields"
	// WarnIgnoredField: a field before the birth date that is neither the
	// old ID nor the name (e.g. "---") was ignored.
	WarnIgnoredField WarningKind = "ignored-field"
	// WarnProvince: the ID's first three digits are not a province code.
	WarnProvince WarningKind = "id-province"
	// WarnCentury: the ID's 4th digit gives another century of birth than
	// the birth date.
	WarnCentury WarningKind = "id-century"
	// WarnSex: the ID's 4th digit gives the other sex.
	WarnSex WarningKind = "id-sex"
	// WarnYear: the ID's 5th and 6th digits are not the birth year's last
	// two digits.
	WarnYear WarningKind = "id-year"
	// WarnIssueBeforeBirth: the issue date is before the birth date.
	WarnIssueBeforeBirth WarningKind = "issue-before-birth"
)

// Warning is a non-fatal finding of Parse. Msg is English.
type Warning struct {
	Kind WarningKind
	Msg  string
}

func (w Warning) String() string { return string(w.Kind) + ": " + w.Msg }

// ErrorKind classifies an Error.
type ErrorKind uint8

// Error kinds.
const (
	// NotCCCD: the input is not a CCCD QR payload at all (typed text,
	// another barcode).
	NotCCCD ErrorKind = iota + 1
	// Invalid: the input is a CCCD payload but a field is wrong or missing.
	Invalid
)

// Error is the error Parse returns. Field is the 1-based field number it is
// about (0 when none). errors.Is(err, ErrNotCCCD) and errors.Is(err,
// ErrInvalid) test the kind.
type Error struct {
	Kind  ErrorKind
	Field int
	Msg   string
}

// Sentinels for errors.Is.
var (
	ErrNotCCCD = errors.New("not a CCCD payload")
	ErrInvalid = errors.New("invalid CCCD payload")
)

func (e *Error) Error() string {
	if e.Kind == NotCCCD {
		return ErrNotCCCD.Error() + ": " + e.Msg
	}
	return ErrInvalid.Error() + ": " + e.Msg
}

// Is matches ErrNotCCCD or ErrInvalid by kind.
func (e *Error) Is(target error) bool {
	return (target == ErrNotCCCD && e.Kind == NotCCCD) || (target == ErrInvalid && e.Kind == Invalid)
}

func notCCCD(field int, format string, a ...any) error {
	return &Error{Kind: NotCCCD, Field: field, Msg: fmt.Sprintf(format, a...)}
}

func invalid(field int, format string, a ...any) error {
	return &Error{Kind: Invalid, Field: field, Msg: fmt.Sprintf(format, a...)}
}

// Parse parses a CCCD QR payload. See the package documentation for what
// is tolerated. Errors are *Error values.
func Parse(text string) (Card, error) {
	c := Card{Raw: text}
	s := vntext.NFC(text)
	if strings.TrimFunc(s, isSpaceOrControl) == "" {
		return c, notCCCD(0, "empty input")
	}
	start, ok := findAnchor(stripAIM(s))
	start += len(s) - len(stripAIM(s))
	if !ok {
		first, _, found := strings.Cut(s, "|")
		if !found {
			return c, notCCCD(0, "no '|' field separators")
		}
		return c, notCCCD(1, "field 1 is not a 12-digit ID number (got %s)", quoteShort(clean(first)))
	}
	if noise := strings.TrimFunc(s[:start], isSpaceOrControl); noise != "" {
		c.warn(WarnNoise, "dropped %s before the ID number", quoteShort(noise))
	}
	raw := strings.Split(s[start:], "|")
	f := make([]string, len(raw))
	for i, r := range raw {
		f[i] = clean(r)
	}
	c.ID = f[0]

	// Birth date: the first 8-digit field after the ID.
	b := -1
	for i := 1; i < len(f); i++ {
		if isDigits(f[i], 8) {
			b = i
			break
		}
	}
	if b < 0 {
		if len(f) < 5 {
			return c, notCCCD(0, "%d fields, want 7 (ID|old ID|name|birth date|sex|address|issue date)", len(f))
		}
		return c, notCCCD(0, "no birth date field (8 digits DDMMYYYY) after the ID number")
	}
	// Old ID and name: the fields between.
	nameAt := -1
	for i := b - 1; i >= 1; i-- {
		if hasLetter(f[i]) {
			nameAt = i
			break
		}
	}
	if nameAt < 0 {
		return c, invalid(b, "no name before the birth date (field %d)", b+1)
	}
	c.Name = f[nameAt]
	for i := 1; i < b; i++ {
		switch {
		case i == nameAt || f[i] == "":
		case c.OldID == "" && (isDigits(f[i], 9) || isDigits(f[i], 12)) && i < nameAt:
			c.OldID = f[i]
		default:
			c.warn(WarnIgnoredField, "ignored field %d %s", i+1, quoteShort(f[i]))
		}
	}
	bd, ok := parseDDMMYYYY(f[b])
	if !ok {
		return c, invalid(b+1, "field %d (birth date) %q is not a valid calendar date DDMMYYYY", b+1, f[b])
	}
	c.BirthDate = bd

	// Sex.
	if b+1 >= len(f) {
		return c, invalid(b+2, "missing field %d (sex) after the birth date", b+2)
	}
	switch vntext.Fold(f[b+1]) {
	case "nam":
		c.Sex = "Nam"
	case "nu":
		c.Sex = "Nữ"
	default:
		return c, invalid(b+2, "field %d (sex) is %s, want \"Nam\" or \"Nữ\"", b+2, quoteShort(f[b+1]))
	}

	// Address (at least one field, maybe empty) up to the issue date: the
	// first 8-digit field after it.
	d := -1
	for i := b + 3; i < len(f); i++ {
		if isDigits(f[i], 8) {
			d = i
			break
		}
	}
	issue := ""
	if d < 0 {
		// Trailing noise glued to the last field: "15042021\r\nxyz".
		last := len(f) - 1
		if last >= b+3 && len(f[last]) > 8 && isDigits(f[last][:8], 8) && !isDigit(f[last][8]) {
			d = last
			issue = f[last][:8]
			c.warn(WarnNoise, "dropped %s after the issue date", quoteShort(strings.TrimSpace(f[last][8:])))
		} else {
			return c, invalid(0, "no issue date (8 digits DDMMYYYY) after the address: the payload looks truncated")
		}
	} else {
		issue = f[d]
	}
	c.Address = clean(strings.Join(raw[b+2:d], "|"))
	id, ok := parseDDMMYYYY(issue)
	if !ok {
		return c, invalid(d+1, "field %d (issue date) %q is not a valid calendar date DDMMYYYY", d+1, issue)
	}
	c.IssueDate = id
	for _, x := range f[d+1:] {
		if x != "" {
			c.Extra = append(c.Extra, x)
		}
	}
	if len(c.Extra) > 0 {
		c.warn(WarnExtraFields, "%d field(s) after the issue date kept as extra", len(c.Extra))
	}
	if c.IssueDate.Before(c.BirthDate) {
		c.warn(WarnIssueBeforeBirth, "issue date %s is before birth date %s", c.IssueDate, c.BirthDate)
	}
	c.checkID()
	return c, nil
}

func (c *Card) warn(k WarningKind, format string, a ...any) {
	c.Warnings = append(c.Warnings, Warning{k, fmt.Sprintf(format, a...)})
}

// provinces are the codes of the 63 provinces (before the 2025 merger)
// that begin a personal identification number; numbers issued before
// mid-2025 keep them.
var provinces = map[string]bool{}

func init() {
	for _, p := range strings.Fields(`001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027
		030 031 033 034 035 036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060
		062 064 066 067 068 070 072 074 075 077 079 080 082 083 084 086 087 089 091 092 093
		094 095 096`) {
		provinces[p] = true
	}
}

// checkID checks the structure of the 12-digit personal identification
// number: 3 digits province code, 1 digit century and sex (0/1: 1900s
// male/female, 2/3: 2000s, 4/5: 2100s, …), 2 digits year of birth, 6
// digits serial. This numbering rule (Circular 07/2016/TT-BCA art. 7) is
// not in domain.md; a mismatch is only a warning because the card, not the
// parser, is the authority.
func (c *Card) checkID() {
	if p := c.ID[:3]; !provinces[p] {
		c.warn(WarnProvince, "ID %s: first three digits %s are not a province code", c.ID, p)
	}
	g := int(c.ID[3] - '0')
	century := 1900 + (g/2)*100
	if y := c.BirthDate.Year; y < century || y >= century+100 {
		c.warn(WarnCentury, "ID %s: 4th digit %d means born %d–%d, but birth date is %s", c.ID, g, century, century+99, c.BirthDate)
	}
	sex := "Nam"
	if g%2 == 1 {
		sex = "Nữ"
	}
	if sex != c.Sex {
		c.warn(WarnSex, "ID %s: 4th digit %d means %s, but the card says %s", c.ID, g, sex, c.Sex)
	}
	if yy := fmt.Sprintf("%02d", c.BirthDate.Year%100); c.ID[4:6] != yy {
		c.warn(WarnYear, "ID %s: 5th–6th digits %s are not the birth year's %s", c.ID, c.ID[4:6], yy)
	}
}

// findAnchor returns the offset of the ID number: the first run of exactly
// 12 ASCII digits followed by optional blanks and a '|'.
func findAnchor(s string) (int, bool) {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j-i != 12 {
			i = j
			continue
		}
		k := j
		for k < len(s) && isBlankByte(s[k]) {
			k++
		}
		if k < len(s) && s[k] == '|' {
			return i, true
		}
		i = j
	}
	return 0, false
}

// IsLikelyCCCD reports cheaply, without allocating, whether s looks like a
// CCCD QR payload: a 12-digit number followed by '|' and at least four more
// '|' separators. Parse succeeds only on such text; the UI uses this to
// recognise a scanner burst before parsing it.
func IsLikelyCCCD(s string) bool {
	s = stripAIM(s)
	i, ok := findAnchor(s)
	if !ok {
		return false
	}
	return strings.Count(s[i:], "|") >= 5
}

// stripAIM drops an AIM symbology identifier ("]Q1" for QR Code, "]d2"…)
// that scanners can be set to send before the data; its digit would
// otherwise run into the ID number.
func stripAIM(s string) string {
	t := strings.TrimLeftFunc(s, isSpaceOrControl)
	if len(t) >= 3 && t[0] == ']' && isASCIILetter(t[1]) && (isDigit(t[2]) || isASCIILetter(t[2])) {
		return t[3:]
	}
	return s
}

func isASCIILetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isBlankByte(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

func isSpaceOrControl(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) || r == '\uFEFF'
}

// clean replaces control characters (CR, LF, Tab…) and the BOM by spaces,
// collapses runs of spaces and trims.
func clean(s string) string {
	simple := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c == 0x7F || c >= utf8.RuneSelf || (c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ')) {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	return strings.Join(strings.FieldsFunc(s, isSpaceOrControl), " ")
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func quoteShort(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return fmt.Sprintf("%q", s)
}
