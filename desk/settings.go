// Package desk holds the application services of a one-stop desk, shared by
// the desk app (ui) and the admin CLI: intake, lifecycle transitions,
// lookups, settings and permissions. It imports only the standard library
// and the module's domain packages; storage comes in through the Store
// interface.
package desk

import (
	"fmt"
	"net/url"
	"strings"

	"motcua/dossier"
	"motcua/workday"
)

// FormSet selects the counter form templates an office uses.
type FormSet string

// Form sets.
const (
	// FormsTT03 is the set of Circular 03/2025/TT-VPCP (7 forms).
	FormsTT03 FormSet = "tt03-2025"
	// FormsTT01 is the set of Circular 01/2018/TT-VPCP (6 forms).
	FormsTT01 FormSet = "tt01-2018"
)

// Office is the office-wide setup, entered at first run (setting "office").
type Office struct {
	// ParentAgency is the governing body printed in the left header block
	// ("UBND TỈNH THANH HÓA").
	ParentAgency string `json:"parent_agency"`
	// Name is the one-stop unit ("Trung tâm Phục vụ hành chính công tỉnh
	// Thanh Hóa", "Bộ phận Một cửa UBND xã …").
	Name string `json:"name"`
	// AgencyCode is its electronic identifier (mã định danh), the first part
	// of every dossier code.
	AgencyCode string `json:"agency_code"`
	// Place is the địa danh printed before the date ("Thanh Hóa").
	Place   string `json:"place"`
	Address string `json:"address,omitempty"`
	Phone   string `json:"phone,omitempty"`
	Email   string `json:"email,omitempty"`
	// Hours are the office windows, e.g. "07:00-11:30,13:30-17:00".
	Hours string `json:"hours"`
	// Cutoff is the same-day cut-off, "15:00" (Decree 118 art. 18).
	Cutoff string `json:"cutoff"`
	// LookupURL is the public lookup address printed in the receipt QR; the
	// code and signature are appended as query parameters.
	LookupURL string `json:"lookup_url"`
	// Forms is the form set in use.
	Forms FormSet `json:"forms"`
	// Slots is how many desk slots the day's code numbers are cut into.
	Slots int `json:"slots"`
	// CodeDateLayout and CodeSeqWidth tune the code format (default yyMMdd,
	// 4 digits).
	CodeDateLayout string `json:"code_date_layout,omitempty"`
	CodeSeqWidth   int    `json:"code_seq_width,omitempty"`
	// RetentionYears is how long personal data of closed dossiers is kept
	// (0 = keep).
	RetentionYears int `json:"retention_years,omitempty"`
	// BackupDir receives the automatic backups (daily close, exit).
	BackupDir  string `json:"backup_dir,omitempty"`
	BackupKeep int    `json:"backup_keep,omitempty"`
}

// Desk is this machine's desk setup (setting "desk").
type Desk struct {
	// ID names the desk in records and audit ("quay-03").
	ID string `json:"id"`
	// Number is the counter number shown to citizens.
	Number int `json:"number"`
	// Slot is the desk's code slot, 1..Office.Slots.
	Slot int `json:"slot"`
	// KeyID names the desk's Ed25519 signing key.
	KeyID string `json:"key_id,omitempty"`
	// Printer is the chosen printer ("" = system default); Thermal selects
	// the 80 mm ESC/POS receipt.
	Printer string `json:"printer,omitempty"`
	Thermal bool   `json:"thermal,omitempty"`
	// ScanFolder is the scanner's output folder offered when attaching
	// scans.
	ScanFolder string `json:"scan_folder,omitempty"`
	// HubURL is the provincial hub ("" = offline only).
	HubURL string `json:"hub_url,omitempty"`
}

// DefaultOffice returns an office with the usual defaults filled in.
func DefaultOffice() Office {
	return Office{Hours: "07:00-11:30,13:30-17:00", Cutoff: "15:00", Forms: FormsTT03, Slots: 10, CodeDateLayout: "060102", CodeSeqWidth: 4, BackupKeep: 30}
}

// Validate checks the office setup; every problem is reported.
func (o Office) Validate() error {
	var es dossier.Errors
	add := func(field, format string, a ...any) {
		es = append(es, dossier.Errorf(dossier.KindInvalid, field, format, a...))
	}
	if strings.TrimSpace(o.Name) == "" {
		add("name", "the name of the one-stop unit is required")
	}
	if strings.TrimSpace(o.ParentAgency) == "" {
		add("parent_agency", "the governing agency is required (printed on every form)")
	}
	if err := dossier.ValidateAgencyCode(o.AgencyCode); err != nil {
		es = append(es, err.(*dossier.Error))
	}
	if strings.TrimSpace(o.Place) == "" {
		add("place", "the place name printed before the date is required")
	}
	if _, err := o.OfficeHours(); err != nil {
		add("hours", "%v", err)
	}
	if o.LookupURL != "" {
		u, err := url.Parse(o.LookupURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			add("lookup_url", "the lookup URL must be an http(s) address, got %q", o.LookupURL)
		}
	}
	if o.Forms != FormsTT03 && o.Forms != FormsTT01 {
		add("forms", "form set must be %s or %s", FormsTT03, FormsTT01)
	}
	if o.Slots < 1 || o.Slots > 99 {
		add("slots", "desk slots must be 1–99")
	}
	return es.Err()
}

// OfficeHours returns the workday office windows and cut-off.
func (o Office) OfficeHours() (workday.Office, error) {
	w, err := workday.ParseWindows(o.Hours)
	if err != nil {
		return workday.Office{}, err
	}
	c := o.Cutoff
	if c == "" {
		c = "15:00"
	}
	cut, err := workday.ParseClock(c)
	if err != nil {
		return workday.Office{}, fmt.Errorf("cut-off: %w", err)
	}
	off := workday.Office{Windows: w, Cutoff: cut}
	return off, off.Validate()
}

// CodeScheme returns the code scheme of a desk of this office.
func (o Office) CodeScheme(d Desk) dossier.CodeScheme {
	s := dossier.DefaultCodeScheme(o.AgencyCode, d.Slot, o.Slots)
	if o.CodeDateLayout != "" {
		s.DateLayout = o.CodeDateLayout
	}
	if o.CodeSeqWidth != 0 {
		s.SeqWidth = o.CodeSeqWidth
	}
	return s
}

// Validate checks the desk setup against its office.
func (d Desk) Validate(o Office) error {
	var es dossier.Errors
	if strings.TrimSpace(d.ID) == "" {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "desk.id", "the desk needs a name"))
	}
	if d.Number < 1 {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "desk.number", "the counter number must be 1 or more"))
	}
	if err := o.CodeScheme(d).Validate(); err != nil {
		var e dossier.Errors
		if ok := asErrors(err, &e); ok {
			es = append(es, e...)
		} else {
			es = append(es, dossier.Errorf(dossier.KindInvalid, "desk.slot", "%v", err))
		}
	}
	if d.HubURL != "" {
		u, err := url.Parse(d.HubURL)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			es = append(es, dossier.Errorf(dossier.KindInvalid, "desk.hub_url", "the hub URL must be an http(s) address"))
		}
	}
	return es.Err()
}

func asErrors(err error, out *dossier.Errors) bool {
	if e, ok := err.(dossier.Errors); ok {
		*out = e
		return true
	}
	return false
}
