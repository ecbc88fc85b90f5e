// Package intake is the desk app's intake screen (issue 4): the clerk finds
// the procedure, picks the channel and case, checks every component of the
// dossier, records the applicant (a CCCD QR scan fills it), confirms the
// fees and gives the verdict — receive (form 01), request a supplement
// (form 02) or refuse (form 03) — mostly from the keyboard. The rules come
// from ../shared/docs/decree118.md B.3–B.6 and domain.md §1.3 and §5; the
// service behind it is desk.Service.Receive (one store transaction).
//
// Keys (shown on the buttons): Enter moves on, Esc goes back a step, F2
// focuses the CCCD scan field, Ctrl+S records the verdict, Ctrl+P prints,
// Ctrl+N starts a new dossier. In the checklist the digit keys decide a
// component: 1 original, 2 certified copy, 3 copy, 4 presented, 5 national
// data, 0 missing (not submitted for an optional component).
package intake

import (
	"embed"
	"image"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"motcua/catalog"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
	"motcua/workday"
)

//go:embed i18n
var translations embed.FS

func init() {
	if err := widgets.AddTranslationsFS(translations, "i18n"); err != nil {
		panic(err) // embedded files: a parse error is a build defect
	}
}

// tr returns the text of an intake string in the selected language.
func tr(key, vi string, data ...any) string { return widgets.X("intake."+key, vi, data...) }

// Forms previews and prints counter forms for a stored dossier. form is
// the form's two-digit number in the office's form set (desk.Office.Forms:
// "01" receipt, "02" supplement request, "03" refusal), as wire.Forms
// reads it.
type Forms interface {
	// Preview renders the form (for the on-screen preview).
	Preview(d *dossier.Dossier, form string) (image.Image, error)
	// Print prints it; copy marks a reprint ("BẢN SAO").
	Print(d *dossier.Dossier, form string, copy bool) error
}

// Deps is what the intake screen needs from the app.
type Deps struct {
	// Service records the verdict (desk.Service.Receive).
	Service *desk.Service
	// Session returns the logged-in clerk's session (nil when logged out).
	Session func() *desk.Session
	// Search is the catalog search (catalog.Index.Search).
	Search func(q string, f catalog.Filter, limit int) []catalog.Hit
	// Catalog returns a procedure by code (code typed in full).
	Catalog desk.Catalog
	// Scans stores attached scans (desk.Scans next to the database).
	Scans desk.Scans
	// Forms previews and prints forms 01–03.
	Forms Forms
	// Now is the domain clock (appointment preview).
	Now func() time.Time
	// Typing is the session's in-app Vietnamese typing mode.
	Typing *widgets.Typing
	// OpenDossier, when set, opens a dossier whose receipt QR was scanned
	// during intake (the shell switches to the dossier screen).
	OpenDossier func(code string)
}

// Steps of the intake.
const (
	stepProcedure = iota
	stepChannel
	stepChecklist
	stepApplicant
	stepFees
	stepVerdict
	nSteps
)

// Screen is the intake screen. Build it with New; the shell shows
// Content() and calls Focus() whenever the screen becomes visible, and
// forwards the window's scanner bursts and Esc/F-keys to HandleScan and
// HandleKey while it is visible.
type Screen struct {
	*screen
}

type screen struct {
	deps Deps
	win  fyne.Window
	keys *kit.Keys

	// inline runs slow work on the caller's goroutine (tests).
	inline bool

	step int
	root *fyne.Container
	body *fyne.Container

	// Header.
	tabs    [nSteps]*tapLabel
	summary *widget.Label
	status  *widget.Label
	errText *widget.Label
	back    *kit.Button
	next    *kit.Button
	newBtn  *kit.Button
	panels  [nSteps]fyne.CanvasObject
	stepErr [nSteps]bool

	// modal is the dialog shown over the screen (Esc closes it).
	modal dialog.Dialog

	// State.
	proc *catalog.Procedure

	procedureStep
	channelStep
	checklistStep
	applicantStep
	feesStep
	verdictStep
	resultView
}

// New builds the intake screen for window w.
func New(w fyne.Window, deps Deps) *Screen {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	s := &screen{deps: deps, win: w, keys: kit.NewKeys()}
	s.build()
	return &Screen{s}
}

// Title is the screen's name for the shell's navigation.
func (s *Screen) Title() string { return tr("title", "Tiếp nhận hồ sơ") }

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.root }

// Focus installs the screen's shortcuts on the window and puts the cursor
// where the clerk types next.
func (s *Screen) Focus() {
	s.keys.Install(s.win.Canvas())
	s.focusStep()
}

// Reset clears everything for a new dossier (Ctrl+N).
func (s *Screen) Reset() { s.reset() }

// StartWith starts a new intake with procedure p, chosen elsewhere (the
// catalog browser).
func (s *Screen) StartWith(p *catalog.Procedure) {
	s.reset()
	if p == nil {
		return
	}
	s.query.SetText(p.Code)
	s.chooseProcedure(p)
}

// HandleScan takes a scanner burst typed anywhere in the window: a CCCD QR
// fills the applicant, a receipt QR opens its dossier. It returns false
// for text that is neither.
func (s *Screen) HandleScan(payload string) bool { return s.onScan(payload) }

// HandleKey takes Esc and the F-keys the window routes to the screen.
func (s *Screen) HandleKey(ev *fyne.KeyEvent) bool { return s.keys.HandleKey(ev) }

// Dossier returns the dossier recorded by the last verdict (nil before).
func (s *Screen) Dossier() *dossier.Dossier { return s.done }

func (s *screen) build() {
	s.keys.Scan = s.onScan
	s.keys.Key(fyne.KeyEscape, s.onEscape)
	s.keys.Key(fyne.KeyF2, s.focusScan)
	s.keys.Shortcut(fyne.KeyS, s.onSave)
	s.keys.Shortcut(fyne.KeyP, s.onPrint)
	s.keys.Shortcut(fyne.KeyN, s.onNew)
	s.keys.Shortcut(fyne.KeyL, s.onOverride)

	names := [nSteps]string{
		tr("step.procedure", "Thủ tục"),
		tr("step.channel", "Cách nộp, trường hợp"),
		tr("step.checklist", "Thành phần hồ sơ"),
		tr("step.applicant", "Người nộp"),
		tr("step.fees", "Phí, lệ phí"),
		tr("step.verdict", "Kết quả"),
	}
	tabs := container.NewHBox()
	for i := range nSteps {
		i := i
		s.tabs[i] = newTapLabel(names[i], func() { s.goTo(i) })
		tabs.Add(s.tabs[i])
		if i < nSteps-1 {
			tabs.Add(widget.NewLabel("›"))
		}
	}
	s.newBtn = kit.NewButton(tr("new", "Hồ sơ mới"), "Ctrl+N", s.keys, s.onNew)
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.status = widget.NewLabel("")
	s.status.Wrapping = fyne.TextWrapWord
	s.status.Hide()
	s.errText = kit.ErrorLabel()
	s.back = kit.NewButton(tr("back", "Quay lại"), "Esc", s.keys, s.onEscape)
	s.next = kit.NewButton(tr("next", "Tiếp"), "Enter", s.keys, s.onNext)
	s.next.Importance = widget.HighImportance

	s.panels[stepProcedure] = s.buildProcedure()
	s.panels[stepChannel] = s.buildChannel()
	s.panels[stepChecklist] = s.buildChecklist()
	s.panels[stepApplicant] = s.buildApplicant()
	s.panels[stepFees] = s.buildFees()
	s.panels[stepVerdict] = s.buildVerdict()
	result := s.buildResult()

	objs := append([]fyne.CanvasObject{}, s.panels[:]...)
	objs = append(objs, result)
	s.body = container.NewStack(objs...)
	// The shell shows the screen's title; the steps lead the screen.
	top := container.NewVBox(
		container.NewBorder(nil, nil, tabs, s.newBtn),
		s.summary,
		s.status,
		widget.NewSeparator(),
	)
	bottom := container.NewVBox(
		widget.NewSeparator(),
		s.errText,
		container.NewBorder(nil, nil, s.back, s.next),
	)
	s.root = container.NewBorder(top, bottom, nil, nil, s.body)
	s.reset()
}

// reset starts a new, empty intake on the procedure step.
func (s *screen) reset() {
	s.proc = nil
	s.done = nil
	s.printed = 0
	s.stepErr = [nSteps]bool{}
	s.resetProcedure()
	s.resetChannel()
	s.resetChecklist()
	s.resetApplicant()
	s.resetFees()
	s.resetVerdict()
	s.setStatus("", widget.MediumImportance)
	kit.SetError(s.errText, "")
	s.show(stepProcedure)
}

// show displays a step without validation.
func (s *screen) show(i int) {
	s.step = i
	for j, p := range s.panels {
		if j == i && s.done == nil {
			p.Show()
		} else {
			p.Hide()
		}
	}
	if s.done != nil {
		s.resultBox.Show()
	} else {
		s.resultBox.Hide()
	}
	for j, t := range s.tabs {
		t.set(j == i && s.done == nil, s.stepErr[j], j < i || s.done != nil)
	}
	s.back.Show()
	s.next.Show()
	if i == stepProcedure || s.done != nil {
		s.back.Hide()
	}
	if i == stepVerdict || s.done != nil {
		s.next.Hide()
	}
	if i == stepVerdict && s.done == nil {
		s.refreshVerdict()
	}
	if i == stepFees {
		s.refreshTotal()
	}
	s.refreshSummary()
	s.focusStep()
}

// goTo moves to step i; moving forward past the procedure or channel step
// needs them complete.
func (s *screen) goTo(i int) {
	if s.done != nil || i < 0 || i >= nSteps {
		return
	}
	if i > stepProcedure && s.proc == nil {
		s.procErr(tr("err.noProcedure", "Chọn thủ tục trước (gõ tên hoặc mã, Enter để chọn)."))
		s.show(stepProcedure)
		return
	}
	if i > stepChannel && s.step <= stepChannel {
		if !s.checkChannel(false) {
			s.show(stepChannel)
			return
		}
	}
	s.show(i)
}

func (s *screen) onNext() {
	if s.done != nil {
		return
	}
	switch s.step {
	case stepProcedure:
		// The highlighted hit is chosen (again); with no hits, the step
		// moves on with the procedure chosen before, or says to choose.
		if len(s.hits) > 0 {
			s.choose(s.hl)
			return
		}
		s.goTo(stepChannel)
	default:
		s.goTo(s.step + 1)
	}
}

func (s *screen) onEscape() {
	if s.modal != nil {
		s.modal.Hide()
		return
	}
	if s.done != nil {
		return
	}
	if s.step > stepProcedure {
		s.show(s.step - 1)
	}
}

func (s *screen) onNew() {
	if s.done == nil && s.dirty() {
		widgets.Confirm(tr("new.title", "Hồ sơ mới"), tr("new.confirm", "Bỏ hồ sơ đang nhập dở và bắt đầu hồ sơ mới?"),
			tr("new.yes", "Bỏ và làm mới"), func(ok bool) {
				if ok {
					s.reset()
				}
			}, s.win)
		return
	}
	s.reset()
}

// dirty reports whether the clerk has entered anything.
func (s *screen) dirty() bool { return s.proc != nil || s.query.Text != "" }

func (s *screen) focusStep() {
	if s.done != nil {
		s.focus(s.printBtn)
		return
	}
	switch s.step {
	case stepProcedure:
		s.focus(s.query)
	case stepChannel:
		s.focusChannel()
	case stepChecklist:
		s.focusChecklist()
	case stepApplicant:
		s.focusApplicant()
	case stepFees:
		s.focusFees()
	case stepVerdict:
		s.focus(s.verdict)
	}
}

// setStatus shows a line under the summary (scan results, progress).
func (s *screen) setStatus(msg string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(msg)
	if msg == "" {
		s.status.Hide()
	} else {
		s.status.Show()
	}
}

// refreshSummary rewrites the line under the steps: what is chosen so far.
func (s *screen) refreshSummary() {
	if s.proc == nil {
		s.summary.SetText(tr("summary.none", "Chưa chọn thủ tục. Gõ tên hoặc mã thủ tục rồi nhấn Enter."))
		return
	}
	parts := []string{s.proc.Code + " – " + s.proc.Name}
	if ch := s.channelValue(); ch.Valid() {
		parts = append(parts, ch.Vietnamese())
	}
	if s.caseName != "" {
		parts = append(parts, tr("summary.case", "Trường hợp: {{.C}}", map[string]any{"C": s.caseName}))
	}
	if l, ok := s.limitValue(); ok {
		parts = append(parts, tr("summary.limit", "Thời hạn: {{.L}}", map[string]any{"L": kit.LimitText(l)}))
	}
	if n := len(s.fees); n > 0 {
		parts = append(parts, tr("summary.fees", "Phí, lệ phí: {{.F}}", map[string]any{"F": kit.Money(s.totalFees())}))
	}
	if name := strings.TrimSpace(s.sub.name.Text); name != "" {
		parts = append(parts, tr("summary.submitter", "Người nộp: {{.N}}", map[string]any{"N": name}))
	}
	s.summary.SetText(strings.Join(parts, " · "))
}

// session returns the clerk's session.
func (s *screen) session() *desk.Session {
	if s.deps.Session == nil {
		return nil
	}
	return s.deps.Session()
}

// run does work off the UI goroutine and then done on it (inline in tests).
func (s *screen) run(work func(), done func()) {
	if s.inline {
		work()
		done()
		return
	}
	go func() {
		work()
		fyne.Do(done)
	}()
}

// newVN returns a single-line Vietnamese entry that sends scanner bursts to
// the screen.
func (s *screen) newVN() *widgets.VNEntry { return kit.NewVN(s.deps.Typing, false, s.onScan) }

// newVNMulti returns a multi-line Vietnamese entry.
func (s *screen) newVNMulti() *widgets.VNEntry { return kit.NewVN(s.deps.Typing, true, s.onScan) }

// newEntry returns a plain entry (codes, numbers) bound to the screen keys.
func (s *screen) newEntry() *kit.Entry { return kit.NewEntry(s.keys) }

// limitValue is the time limit the dossier will get: the clerk's, or the
// catalog's when readable.
func (s *screen) limitValue() (workday.Limit, bool) {
	if s.limitNeeded() {
		l, err := s.typedLimit()
		return l, err == nil
	}
	l, err := desk.Limit(s.rowValue())
	return l, err == nil
}

// showModal shows a dialog over the screen; Esc closes it.
func (s *screen) showModal(d dialog.Dialog) {
	s.modal = d
	d.SetOnClosed(func() {
		if s.modal == d {
			s.modal = nil
		}
	})
	d.Show()
}

// focus puts the keyboard focus on o. It goes through the screen's window:
// the driver only knows the canvas of objects it has drawn, and a step
// that was just shown has not been drawn yet.
func (s *screen) focus(o fyne.Focusable) {
	if s.win != nil && o != nil {
		s.win.Canvas().Focus(o)
	}
}
