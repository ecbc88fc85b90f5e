package dossier

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Code is a dossier code (mã số hồ sơ): {agency code}-{yyMMdd}-{NNNN}
// (domain.md §2, TT 01/2018 art. 19; Decree 118 art. 28 keeps the frame:
// agency identifier, receipt date, sequence of the day). Once printed a code
// never changes.
type Code string

// CodeScheme fixes how one desk issues codes.
//
// Several desks of one agency work offline at the same time, so they cannot
// share a counter. Each desk is given a slot 1..Slots when it is set up
// (the hub refuses to enrol two desks of one agency with the same slot), and
// the day's sequence space 1..10^SeqWidth−1 is cut into Slots equal blocks:
// slot s issues only numbers in ((s−1)·B, s·B], B = ⌊(10^SeqWidth−1)/Slots⌋.
// Two desks therefore can never issue the same code, with or without a
// network, and a code depends only on the desk's own committed counter.
// With the default 4-digit sequence and 10 slots each desk has 999 numbers
// a day.
type CodeScheme struct {
	// Agency is the electronic identifier (mã định danh) of the receiving
	// one-stop unit, e.g. "000.00.06.H56" or "H15.50.05.13".
	Agency string `json:"agency"`
	// DateLayout is a Go time layout for the date part: "060102" (yyMMdd,
	// the TT 01/2018 rule and most systems) or "20060102" (seen on ministry
	// portals).
	DateLayout string `json:"date_layout"`
	// SeqWidth is the number of sequence digits (4 by default; 7 on some
	// ministry portals).
	SeqWidth int `json:"seq_width"`
	// Slot is this desk's slot, 1..Slots.
	Slot int `json:"slot"`
	// Slots is the number of slots the agency's sequence space is cut into.
	Slots int `json:"slots"`
}

// DefaultCodeScheme returns the usual format for an agency: yyMMdd, four
// digits, with the given slot out of slots.
func DefaultCodeScheme(agency string, slot, slots int) CodeScheme {
	return CodeScheme{Agency: agency, DateLayout: "060102", SeqWidth: 4, Slot: slot, Slots: slots}
}

// Validate checks the scheme.
func (s CodeScheme) Validate() error {
	var es Errors
	if err := ValidateAgencyCode(s.Agency); err != nil {
		es = append(es, err.(*Error))
	}
	if s.DateLayout != "060102" && s.DateLayout != "20060102" {
		es = append(es, Errorf(KindInvalid, "date_layout", "date layout must be 060102 (yyMMdd) or 20060102 (yyyyMMdd), not %q", s.DateLayout))
	}
	if s.SeqWidth < 3 || s.SeqWidth > 7 {
		es = append(es, Errorf(KindInvalid, "seq_width", "sequence width must be 3–7 digits, not %d", s.SeqWidth))
	}
	if s.Slots < 1 || s.Slots > 99 {
		es = append(es, Errorf(KindInvalid, "slots", "number of desk slots must be 1–99, not %d", s.Slots))
	} else if s.Slot < 1 || s.Slot > s.Slots {
		es = append(es, Errorf(KindInvalid, "slot", "desk slot must be between 1 and %d, not %d", s.Slots, s.Slot))
	} else if s.SeqWidth >= 3 && s.SeqWidth <= 7 && s.blockSize() < 1 {
		es = append(es, Errorf(KindInvalid, "slots", "%d slots leave no numbers for a %d-digit sequence", s.Slots, s.SeqWidth))
	}
	return es.Err()
}

func (s CodeScheme) blockSize() int {
	max := 1
	for range s.SeqWidth {
		max *= 10
	}
	return (max - 1) / s.Slots
}

// SeqRange returns the first and last sequence number this desk may issue
// on any day.
func (s CodeScheme) SeqRange() (first, last int) {
	b := s.blockSize()
	return (s.Slot-1)*b + 1, s.Slot * b
}

// Next returns the sequence number to issue after last (0 = none issued yet
// today), or a conflict error when the desk's block for the day is used up.
func (s CodeScheme) Next(last int) (int, error) {
	first, end := s.SeqRange()
	if last < first-1 {
		return first, nil
	}
	if last >= end {
		return 0, Errorf(KindConflict, "code", "desk slot %d has issued all %d dossier numbers for today (%d–%d); ask the administrator to widen the sequence or add a slot", s.Slot, end-first+1, first, end)
	}
	return last + 1, nil
}

// Format builds the code for the receipt time and sequence number.
func (s CodeScheme) Format(received time.Time, seq int) Code {
	return Code(fmt.Sprintf("%s-%s-%0*d", s.Agency, received.In(Zone).Format(s.DateLayout), s.SeqWidth, seq))
}

// DayKey returns the counter key for the receipt day, "YYYYMMDD".
func DayKey(t time.Time) string { return t.In(Zone).Format("20060102") }

// ParseCode splits a code into agency, receipt date and sequence. It accepts
// both yyMMdd and yyyyMMdd dates and 3–7 digit sequences.
func ParseCode(c string) (agency string, day time.Time, seq int, err error) {
	c = strings.TrimSpace(c)
	i := strings.LastIndexByte(c, '-')
	if i <= 0 {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: want AGENCY-yyMMdd-NNNN", c)
	}
	j := strings.LastIndexByte(c[:i], '-')
	if j <= 0 {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: want AGENCY-yyMMdd-NNNN", c)
	}
	agency, date, num := c[:j], c[j+1:i], c[i+1:]
	if err := ValidateAgencyCode(agency); err != nil {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: %s", c, err.(*Error).Msg)
	}
	if len(date) != 6 && len(date) != 8 {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: date part %q must be yyMMdd or yyyyMMdd", c, date)
	}
	full := date
	if len(date) == 6 {
		// Go reads yy 69–99 as 19yy; dossier codes are all 20yy.
		full = "20" + date
	}
	day, perr := time.ParseInLocation("20060102", full, Zone)
	if perr != nil || !allDigits(date) {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: date part %q is not a valid date", c, date)
	}
	if len(num) < 3 || len(num) > 7 || !allDigits(num) {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: sequence %q must be 3–7 digits", c, num)
	}
	seq, _ = strconv.Atoi(num)
	if seq == 0 {
		return "", time.Time{}, 0, Errorf(KindInvalid, "code", "dossier code %q: sequence must not be zero", c)
	}
	return agency, day, seq, nil
}

// ValidateAgencyCode checks an agency electronic identifier: dot-separated
// groups of upper-case letters and digits, 3–40 characters, e.g.
// "000.00.06.H56", "H15.50.05.13", "G09.20". The segment meanings changed in
// 2025 (QĐ 09/2025/QĐ-TTg, domain.md §2) and are not confirmed, so only the
// shape is checked.
func ValidateAgencyCode(a string) error {
	if len(a) < 3 || len(a) > 40 {
		return Errorf(KindInvalid, "agency_code", "agency code %q must be 3–40 characters", a)
	}
	groups := strings.Split(a, ".")
	for _, g := range groups {
		if g == "" {
			return Errorf(KindInvalid, "agency_code", "agency code %q has an empty segment", a)
		}
		for _, r := range g {
			if !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z') {
				return Errorf(KindInvalid, "agency_code", "agency code %q may contain only digits, capital letters and dots", a)
			}
		}
	}
	return nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
