// Package dossierui holds the desk app's screens after intake (issue 12):
// the lookup (F3) with the dossier detail, its timeline and the actions its
// status allows (dossier.Transitions: transfer, supplement requested and
// received, financial obligation, result, return, withdrawal, stop,
// extension, amendment); the batch transfer with the control slip; and the
// tracking book (Sổ theo dõi hồ sơ). The rules are those of
// ../shared/docs/decree118.md B.7–B.9 and domain.md §1.3–1.4; every
// change goes through desk.Service.Transition, which refuses what the
// rules do not allow.
package dossierui

import (
	"embed"
	"fmt"
	"image"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err) // embedded files: a parse error is a build defect
	}
}

// tr returns the text of a dossier-screen string in the selected language.
func tr(key, vi string, data ...any) string { return widgets.X("dossier."+key, vi, data...) }

// Form kinds printed by the dossier screens (kit.Form*), plus the return
// slip (Giấy biên nhận trả kết quả, domain.md §1.2), which has no number
// in either form set: it is passed to Forms as FormReturn.
const (
	FormReceipt    = kit.FormReceipt
	FormSupplement = kit.FormSupplement
	FormRefusal    = kit.FormRefusal
	FormApology    = kit.FormApology
	FormStop       = kit.FormStop
	FormControl    = kit.FormControl
	FormReturn     = "return"
)

// Forms previews and prints counter forms for a stored dossier. form is
// the form's two-digit number in the office's form set (desk.Office.Forms;
// under TT 03/2025 "02" supplement request, "04" apology, "05" stop
// notice, "06" control slip; under TT 01/2018 the control slip is "05"),
// as wire.Forms reads it, or FormReturn for the return slip.
type Forms interface {
	Preview(d *dossier.Dossier, form string) (image.Image, error)
	Print(d *dossier.Dossier, form string, copy bool) error
}

// Book export formats passed to Deps.ExportBook.
const (
	ExportPDF   = "pdf"
	ExportExcel = "xlsx"
)

// Deps is what the dossier screens need from the app.
type Deps struct {
	// Service records transitions (desk.Service.Transition).
	Service *desk.Service
	// Session returns the logged-in user's session.
	Session func() *desk.Session
	// Finder looks dossiers up (the store).
	Finder desk.Finder
	// ListDay returns the dossiers received on a day (store.ListDay), for
	// the date filter and the tracking book.
	ListDay func(day time.Time, limit int) ([]*dossier.Dossier, error)
	// ByStatus returns dossiers in a status, newest first (store.ByStatus
	// and DossierByID), for the batch transfer.
	ByStatus func(s dossier.Status, limit int) ([]*dossier.Dossier, error)
	// Forms prints the forms of the actions.
	Forms Forms
	// ExportBook writes the tracking book of receipt days from..to
	// (inclusive) as format ExportPDF (form 07) or ExportExcel.
	ExportBook func(format string, from, to time.Time, w io.Writer) error
	// Now is the domain clock.
	Now func() time.Time
	// Typing is the session's in-app Vietnamese typing mode.
	Typing *widgets.Typing
}

func (d *Deps) now() time.Time {
	if d.Now != nil {
		return d.Now().In(dossier.Zone)
	}
	return time.Now().In(dossier.Zone)
}

// runner runs slow work off the UI goroutine (inline in tests).
type runner struct{ inline bool }

func (r *runner) run(work func(), done func()) {
	if r.inline {
		work()
		done()
		return
	}
	go func() {
		work()
		fyneDo(done)
	}()
}

// statusText is the status in Vietnamese (the national name), or the
// guidance marker.
func statusText(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return tr("status.guidance", "Phiếu hướng dẫn bổ sung (chưa tiếp nhận)")
	}
	return fmt.Sprintf("%d – %s", d.Status, d.Status.Vietnamese())
}

// Due says how a dossier stands against its appointment.
type Due int

// Due states.
const (
	DueNone    Due = iota // no deadline, or not open
	DueLater              // due on a later day
	DueToday              // due today, not yet past
	DueOverdue            // past the appointment and still open
)

// DueState compares an open dossier's appointment with now.
func DueState(d *dossier.Dossier, now time.Time) Due {
	if d.Kind == dossier.KindGuidance || d.Appointment.IsZero() || !d.Status.Open() {
		return DueNone
	}
	switch {
	case now.After(d.Appointment):
		return DueOverdue
	case dossier.Day(now).Equal(dossier.Day(d.Appointment)):
		return DueToday
	}
	return DueLater
}

// dueText marks due-today and overdue dossiers with a symbol and words
// (not colour alone) and gives the label's importance.
func dueText(d *dossier.Dossier, now time.Time) (string, widget.Importance) {
	switch DueState(d, now) {
	case DueOverdue:
		days := int(dossier.Day(now).Sub(dossier.Day(d.Appointment)).Hours() / 24)
		if days <= 0 {
			return tr("due.overdueToday", "⚠ QUÁ HẠN (hẹn {{.T}})", map[string]any{"T": kit.Short(d.Appointment)}), widget.DangerImportance
		}
		return tr("due.overdue", "⚠ QUÁ HẠN {{.N}} ngày (hẹn {{.T}})", map[string]any{"N": days, "T": kit.Short(d.Appointment)}), widget.DangerImportance
	case DueToday:
		return tr("due.today", "● ĐẾN HẠN HÔM NAY ({{.T}})", map[string]any{"T": d.Appointment.In(dossier.Zone).Format("15:04")}), widget.WarningImportance
	case DueLater:
		return tr("due.later", "Hẹn trả {{.T}}", map[string]any{"T": kit.Short(d.Appointment)}), widget.MediumImportance
	}
	if !d.Appointment.IsZero() {
		return tr("due.was", "Hẹn trả {{.T}}", map[string]any{"T": kit.Short(d.Appointment)}), widget.LowImportance
	}
	return "", widget.LowImportance
}

// transferNextDay reports the 15:00 rule (Decree 118 art. 18): paper
// received after the cut-off goes at the start of the next working day.
func transferNextDay(d *dossier.Dossier) bool {
	return !d.TransferDue.IsZero() && dossier.Day(d.TransferDue).After(dossier.Day(d.ReceivedAt))
}

// ownerName is the chủ hồ sơ's name.
func ownerName(d *dossier.Dossier) string { return d.OwnerParty().Name }

// label returns the code, or the guidance number.
func label(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return d.GuidanceNo
	}
	return string(d.Code)
}

func shorten(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

// focusIn puts the keyboard focus on o through the window (the driver only
// knows the canvas of objects it has drawn already).
func focusIn(w fyne.Window, o fyne.Focusable) {
	if w != nil && o != nil {
		w.Canvas().Focus(o)
	}
}

func (s *lookup) focus(o fyne.Focusable) { focusIn(s.win, o) }
func (b *batch) focus(o fyne.Focusable)  { focusIn(b.win, o) }
func (b *book) focus(o fyne.Focusable)   { focusIn(b.win, o) }
