// Package supervisor holds the desk app's supervisor screens (issue 6, with
// the sync status of issue 7 and the backups of issue 8):
//
//   - the dashboard of a day or a range (Giám sát): intake by channel,
//     procedure, field and clerk, counter supplement requests and refusals,
//     due and overdue dossiers, early / on-time / late rates under both
//     rules (Biểu II.06a date-only and Decision 766 to the second, see the
//     report package), digitisation rate, online share and the sync state,
//     drawn as bar charts whose every number drills down to its dossiers;
//   - the daily close (Đóng ngày): paper counts per clerk against the
//     records, differences with notes, sign-off through desk.Service
//     CloseDay, amendments through AmendClose, the automatic backup and the
//     day's tracking book;
//   - the period report Biểu II.06a/VPCP/KSTT (Báo cáo), with drill-down on
//     every cell and the Excel and PDF exports;
//   - the sync and backup panel (Đồng bộ): pending events, the quarantine
//     with a retry per item, "sync now" with progress, the USB carry
//     commands when no hub is configured, and "back up now".
//
// The package never imports the store: the store comes in through
// report.Source, the small interfaces of Deps and desk.Service. Slow work
// (reports over the store, exports, backups, loading dossiers) runs off the
// UI goroutine; results come back with fyne.Do.
package supervisor

import (
	"embed"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/report"
	"motcua/syncer"
	"motcua/syncproto"
	"motcua/ui/widgets"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err) // embedded files: a parse error is a build defect
	}
}

// tr returns the text of a supervisor-screen string in the selected
// language (Vietnamese by default).
func tr(key, vi string, data ...any) string { return widgets.X("supervisor."+key, vi, data...) }

// Records loads whole dossiers by their store id for the drill-down lists.
// *store.DB implements it.
type Records interface {
	DossierByID(id uint64) (*dossier.Dossier, error)
}

// SyncWorker is the desk's background sync worker (*syncer.Worker).
type SyncWorker interface {
	// Status returns a snapshot at once.
	Status() syncer.Status
	// SyncNow asks for an immediate run and returns at once.
	SyncNow()
}

// Quarantined is an outbox event the hub rejected: store.Quarantined,
// plus what the event is about when the adapter knows it (from the
// journal entry of the same sequence, store.AuditEntries(seq, 1)).
type Quarantined struct {
	Seq      uint64
	Reason   string
	At       time.Time
	Attempts int
	// Object is the dossier code or the day ("2025-11-03") of the event;
	// Action its kind ("transferred", "day-closed"). Both may be empty.
	Object, Action string
}

// Outbox is the desk's outbox as the sync panel shows it. cmd/motcua
// adapts *store.DB (OutboxStats and Retry are the store's own methods;
// QuarantineItems converts store.QuarantineList).
type Outbox interface {
	OutboxStats() (syncproto.OutboxStats, error)
	QuarantineItems() ([]Quarantined, error)
	// Retry puts a quarantined event back in the outbox.
	Retry(seq uint64) error
}

// BackupRunner makes the automatic backups (*wire.Desk implements it).
type BackupRunner interface {
	// AutoBackup writes a verified backup into BackupDir and returns the
	// file written ("close" at the daily close, "manual" from the panel).
	AutoBackup(reason string) (string, error)
	BackupDir() string
	// LastBackup is the time of the newest automatic backup (zero: none).
	LastBackup() time.Time
}

// Export formats of Deps.ExportBook (the same values as dossierui's).
const (
	ExportPDF   = "pdf"
	ExportExcel = "xlsx"
)

// Deps is what the supervisor screens need from the app.
type Deps struct {
	// Service closes and amends days (it enforces the permission matrix)
	// and gives the office setup. Required.
	Service *desk.Service
	// Session returns the logged-in user's session. Required.
	Session func() *desk.Session
	// Reports streams the facts the reports are computed from (nil:
	// Service.Reports, the store adapter report/storesrc).
	Reports report.Source
	// Names labels fields and procedures (report.NewCatalogNames of the
	// catalog; nil: codes).
	Names report.Names
	// Records loads the dossiers of a drill-down list (the store).
	Records Records
	// OpenDossier shows a dossier in the dossier screen (lookup by code or
	// guidance number); nil: the drill-down lists only show.
	OpenDossier func(code string)
	// Sync is the background sync worker; nil when no hub is configured.
	Sync SyncWorker
	// Progress relays the worker's reports to the sync panel; pass the
	// same value as syncer.Options.Progress. May be nil.
	Progress *ProgressRelay
	// Outbox gives the outbox counters and the quarantine (nil: unknown).
	Outbox Outbox
	// Backups runs automatic backups (nil: not available in this build).
	Backups BackupRunner
	// PrintBook prints the tracking book of one receipt day (form 07 of TT
	// 03/2025, 06 of TT 01/2018) on the desk's printer; nil: no printing.
	PrintBook func(day time.Time) error
	// ExportBook writes the tracking book of receipt days from..to as
	// ExportPDF or ExportExcel (the dossier screens' hook); nil: no export.
	ExportBook func(format string, from, to time.Time, w io.Writer) error
	// DBPath is the database file, shown in the USB carry commands.
	DBPath string
	// Now is the domain clock (nil: time.Now).
	Now func() time.Time
	// Typing is the session's in-app Vietnamese typing mode (notes).
	Typing *widgets.Typing
}

func (d *Deps) now() time.Time {
	if d.Now != nil {
		return d.Now().In(dossier.Zone)
	}
	return time.Now().In(dossier.Zone)
}

func (d *Deps) source() report.Source {
	if d.Reports != nil {
		return d.Reports
	}
	if d.Service != nil {
		return d.Service.Reports
	}
	return nil
}

func (d *Deps) names() report.Names {
	if d.Names != nil {
		return d.Names
	}
	return report.CodesOnly{}
}

func (d *Deps) session() *desk.Session {
	if d.Session == nil {
		return nil
	}
	return d.Session()
}

// office returns the office setup (from the session, else the service).
func (d *Deps) office() desk.Office {
	if s := d.session(); s != nil && s.Office.Name != "" {
		return s.Office
	}
	if d.Service != nil {
		if o, _, err := d.Service.Config(); err == nil {
			return o
		}
	}
	return desk.Office{}
}

// syncState reads the outbox counters and the worker's last success for
// the dashboard (quick calls: the outbox keeps its counters in constant
// time).
func (d *Deps) syncState() report.SyncState {
	var s report.SyncState
	if d.Outbox != nil {
		if st, err := d.Outbox.OutboxStats(); err == nil {
			s = report.SyncState{Known: true, Pending: st.Pending, Quarantined: st.Quarantined, LastSeq: st.LastSeq, Acked: st.Acked}
		}
	}
	if d.Sync != nil {
		s.LastSuccess = d.Sync.Status().LastSuccess
	}
	return s
}

// ProgressRelay is a syncer.Progress that hands the worker's reports to
// the sync panels currently shown. Create one before the worker, pass it
// as syncer.Options.Progress and as Deps.Progress. It never blocks the
// worker: listeners only queue a UI update with fyne.Do.
type ProgressRelay struct {
	mu   sync.Mutex
	next int
	subs map[int]func(syncer.Report)
}

// SyncProgress implements syncer.Progress (called on the worker goroutine).
func (r *ProgressRelay) SyncProgress(rep syncer.Report) {
	if r == nil {
		return
	}
	r.mu.Lock()
	fns := make([]func(syncer.Report), 0, len(r.subs))
	for _, fn := range r.subs {
		fns = append(fns, fn)
	}
	r.mu.Unlock()
	for _, fn := range fns {
		fn(rep)
	}
}

// listen adds a listener and returns the function that removes it.
func (r *ProgressRelay) listen(fn func(syncer.Report)) func() {
	if r == nil {
		return func() {}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.subs == nil {
		r.subs = map[int]func(syncer.Report){}
	}
	id := r.next
	r.next++
	r.subs[id] = fn
	return func() {
		r.mu.Lock()
		delete(r.subs, id)
		r.mu.Unlock()
	}
}

var _ syncer.Progress = (*ProgressRelay)(nil)

// fyneDo hands fn to the UI goroutine (a variable so that the threading
// rule stays in one place).
var fyneDo = fyne.Do

// setText sets a status line and hides it while it is empty (empty
// labels would still take a line).
func setText(l *widget.Label, s string) {
	l.SetText(s)
	if s == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// statusLabel is a wrapping status line, hidden until it has text.
func statusLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// Number formatting (Vietnamese: dot thousands separator, comma decimal).

// num formats a count: 12.345.
func num(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.Itoa(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// pct formats a percentage with one decimal: 45,2%.
func pct(r report.Ratio) string {
	if r.Den.N() == 0 {
		return "–"
	}
	return decimal(strconv.FormatFloat(r.Percent(), 'f', 1, 64)) + "%"
}

// decimal writes a decimal point as a comma in Vietnamese.
func decimal(s string) string {
	if widgets.Language() != widgets.LangEnglish {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// signed formats a difference: +2, −1, 0.
func signed(n int) string {
	switch {
	case n > 0:
		return "+" + num(n)
	case n < 0:
		return "−" + num(-n)
	}
	return "0"
}

// date formats a day as dd/mm/yyyy.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format("02/01/2006")
}

// stamp formats an instant as dd/mm/yyyy HH:MM.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(dossier.Zone).Format("02/01/2006 15:04")
}
