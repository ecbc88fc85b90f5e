package dossierui

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/internal/uitest"
)

func at(day, hh, mm int) time.Time { return time.Date(2025, 11, day, hh, mm, 0, 0, dossier.Zone) }

// TestOffered: the actions offered for each status are exactly the
// transitions the rules allow from it (plus the extension and the
// amendment); a finished dossier offers only the amendment.
func TestOffered(t *testing.T) {
	now := at(3, 10, 0)
	base := func(st dossier.Status) *dossier.Dossier {
		return &dossier.Dossier{Kind: dossier.KindDossier, Status: st, ReceivedAt: at(3, 9, 0), Appointment: at(10, 17, 0),
			TimeLimit: dossier.Limit{Value: 5, Unit: "working-days"}, History: []dossier.Event{{Kind: dossier.EvReceived, At: at(3, 9, 0)}}}
	}
	T, SR, SV, O, OP, R, RT, E, W, S, A := dossier.EvTransferred, dossier.EvSupplementRequest, dossier.EvSupplementReceived, dossier.EvObligation,
		dossier.EvObligationPaid, dossier.EvResultReady, dossier.EvReturned, dossier.EvExtended, dossier.EvWithdrawn, dossier.EvStopped, dossier.EvAmended
	cases := []struct {
		st   dossier.Status
		want []dossier.EventKind
	}{
		{dossier.StatusReceived, []dossier.EventKind{T, R, E, W, S, A}},
		{dossier.StatusRefused, []dossier.EventKind{A}},
		{dossier.StatusProcessing, []dossier.EventKind{SR, O, R, E, W, S, A}},
		{dossier.StatusSupplement, []dossier.EventKind{SV, E, W, S, A}},
		{dossier.StatusObligation, []dossier.EventKind{OP, R, E, W, S, A}},
		{dossier.StatusWithdrawn, []dossier.EventKind{A}},
		{dossier.StatusStopped, []dossier.EventKind{A}},
		{dossier.StatusResultReady, []dossier.EventKind{RT, A}},
		{dossier.StatusReturned, []dossier.EventKind{A}},
	}
	for _, c := range cases {
		got, hint := Offered(base(c.st), now)
		if !slices.Equal(got, c.want) || hint != nil {
			t.Errorf("status %d: offered %v (hint %v), want %v", c.st, got, hint, c.want)
		}
		// Every offered status change is a transition of the national list.
		for _, k := range got {
			if k == E || k == A {
				continue
			}
			found := false
			for _, tr := range dossier.Transitions() {
				found = found || (tr.Kind == k && tr.From == c.st)
			}
			if !found {
				t.Errorf("status %d: %s offered but not in dossier.Transitions", c.st, k)
			}
		}
	}
	// Extension: not once more, not later than a day before the deadline.
	d := base(dossier.StatusProcessing)
	d.Extended = true
	if got, hint := Offered(d, now); slices.Contains(got, E) || hint == nil {
		t.Errorf("extended twice offered: %v %v", got, hint)
	}
	d = base(dossier.StatusProcessing)
	if got, hint := Offered(d, at(10, 9, 0)); slices.Contains(got, E) || hint == nil {
		t.Errorf("extension on the last day offered: %v %v", got, hint)
	}
	g := &dossier.Dossier{Kind: dossier.KindGuidance, GuidanceNo: "1/HDHS"}
	if got, _ := Offered(g, now); !slices.Equal(got, []dossier.EventKind{A}) {
		t.Errorf("guidance record: %v", got)
	}
}

// TestDueState marks due-today and overdue dossiers with words, not only
// colour.
func TestDueState(t *testing.T) {
	d := &dossier.Dossier{Status: dossier.StatusProcessing, Appointment: at(6, 17, 0)}
	cases := []struct {
		now  time.Time
		want Due
		text string
	}{
		{at(5, 9, 0), DueLater, "Hẹn trả"},
		{at(6, 9, 0), DueToday, "ĐẾN HẠN HÔM NAY"},
		{at(6, 17, 1), DueOverdue, "QUÁ HẠN"},
		{at(8, 9, 0), DueOverdue, "QUÁ HẠN 2 ngày"},
	}
	for _, c := range cases {
		if got := DueState(d, c.now); got != c.want {
			t.Errorf("%v: %v, want %v", c.now, got, c.want)
		}
		if txt, _ := dueText(d, c.now); !strings.Contains(txt, c.text) {
			t.Errorf("%v: %q, want %q", c.now, txt, c.text)
		}
	}
	d.Status = dossier.StatusReturned
	if DueState(d, at(8, 9, 0)) != DueNone {
		t.Error("a returned dossier is not overdue")
	}
}

// TestLookup finds by code, ID number, name without diacritics, phone and
// a scanned receipt QR; filters by status and due state.
func TestLookup(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	b := e.receive(at(3, 8, 40), "Đặng Thị Bích", "001190654321", "0987654321", false)
	c := e.receive(at(3, 15, 20), "Hoàng Minh Đức", "079088001122", "0903111222", false)
	e.now = at(6, 10, 0) // Thursday: a and b are due today (3 working days)
	e.transition(string(b.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh"})
	s := e.lookupScreen()
	if len(s.shown) != 3 {
		t.Fatalf("recent: %d", len(s.shown))
	}
	e.markup("lookup/recent.xml")
	find := func(q string) []string {
		s.query.SetText("")
		e.w.Canvas().Focus(s.query)
		e.typeText(q)
		e.key(fyne.KeyReturn)
		var out []string
		for _, d := range s.shown {
			out = append(out, label(d))
		}
		return out
	}
	if got := find(string(a.Code)); len(got) != 1 || got[0] != string(a.Code) || s.Current() == nil || s.Current().ID != a.ID {
		t.Fatalf("by code: %v", got)
	}
	if got := find("079088001122"); len(got) != 1 || got[0] != string(c.Code) {
		t.Fatalf("by ID: %v", got)
	}
	if got := find("dang thi bich"); len(got) != 1 || got[0] != string(b.Code) {
		t.Fatalf("by name without diacritics: %v", got)
	}
	if got := find("0912 345 678"); len(got) != 1 || got[0] != string(a.Code) {
		t.Fatalf("by phone: %v", got)
	}
	// A receipt QR scanned from anywhere opens its dossier.
	s.showDossier(nil)
	e.w.Canvas().Unfocus()
	e.scan("https://dichvucong.example.vn/tra-cuu?c=" + string(c.Code) + "&s=abc")
	if s.Current() == nil || s.Current().ID != c.ID {
		t.Fatalf("receipt scan did not open %s", c.Code)
	}
	e.markup("lookup/detail_after_cutoff.xml")
	// Filters over the recent list.
	find("")
	s.status.SetSelectedIndex(1 + int(dossier.StatusProcessing))
	if len(s.shown) != 1 || s.shown[0].ID != b.ID {
		t.Fatalf("status filter: %d", len(s.shown))
	}
	s.status.SetSelectedIndex(0)
	s.dueToday.SetChecked(true)
	// 3 working days after Monday: all three are due on Thursday (the
	// 15:00 cut-off matters for the transfer, not for this limit).
	if len(s.shown) != 3 {
		t.Fatalf("due today: %d", len(s.shown))
	}
	e.transition(string(a.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh"})
	e.transition(string(a.Code), desk.TransitionRequest{Kind: dossier.EvResultReady, Result: dossier.ResultApproved})
	find("")
	if len(s.shown) != 2 {
		t.Fatalf("due today after a's result: %d", len(s.shown))
	}
	s.dueToday.SetChecked(false)
	e.now = at(7, 8, 0)
	s.overdue.SetChecked(true)
	for _, d := range s.shown {
		if DueState(d, e.now) != DueOverdue {
			t.Fatalf("overdue filter kept %s", label(d))
		}
	}
	if len(s.shown) != 2 {
		t.Fatalf("overdue on Friday morning: %d (a has its result)", len(s.shown))
	}
	e.markup("lookup/overdue.xml")
	s.overdue.SetChecked(false)
	s.date.SetText("03/11/2025")
	s.query.SetText("")
	e.w.Canvas().Focus(s.date)
	e.key(fyne.KeyReturn)
	if len(s.shown) != 3 {
		t.Fatalf("day list: %d", len(s.shown))
	}
	// The batch and book tabs; F3 comes back to the lookup box from there.
	s.tabs.SelectIndex(1)
	if e.w.Canvas().Focused() != fyne.Focusable(s.batch.dept) || len(s.batch.rows) != 1 {
		t.Fatalf("batch tab: focus %T, %d rows", e.w.Canvas().Focused(), len(s.batch.rows))
	}
	e.key(fyne.KeyF3)
	if s.tabs.SelectedIndex() != 0 || e.w.Canvas().Focused() != fyne.Focusable(s.query) {
		t.Fatalf("F3: tab %d focus %T", s.tabs.SelectedIndex(), e.w.Canvas().Focused())
	}
}

// TestTransferFlow: transfer a dossier from its detail (control slip
// printed), then the batch screen transfers the rest, with the 15:00 flag.
func TestTransferFlow(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	b := e.receive(at(3, 9, 10), "Đặng Thị Bích", "001190654321", "0987654321", false)
	c := e.receive(at(3, 15, 20), "Hoàng Minh Đức", "079088001122", "0903111222", false)
	d := e.receive(at(3, 15, 40), "Vũ Thị Hà", "001195000111", "0904000111", false)
	e.now = at(3, 16, 0)
	s := e.lookupScreen()
	s.Open(string(a.Code))
	if s.Current() == nil {
		t.Fatal("not opened")
	}
	s.openAction(dossier.EvTransferred)
	if s.act == nil || s.act.dept.Text != a.Procedure.Agency {
		t.Fatalf("transfer dialog: %+v", s.act)
	}
	s.act.dept.SetText("")
	e.ctrl(fyne.KeyS)
	if s.act == nil || !strings.Contains(s.act.err.Text, "phòng, ban") {
		t.Fatalf("transfer without department: %v", s.act)
	}
	e.w.Canvas().Focus(s.act.dept)
	e.typeText("Phòng Quản lý xuất nhập cảnh")
	e.markup("transfer/dialog.xml")
	e.ctrl(fyne.KeyS)
	if s.act != nil {
		t.Fatalf("dialog still open: %s", s.act.err.Text)
	}
	got := e.stored(string(a.Code))
	if got.Status != dossier.StatusProcessing || got.Department != "Phòng Quản lý xuất nhập cảnh" || got.History[1].Actor != "clerk1" || got.History[1].Desk != "quay-01" {
		t.Fatalf("transferred %+v", got)
	}
	if len(e.forms.Prints) != 1 || e.forms.Prints[0] != "06 "+string(a.Code) {
		t.Fatalf("prints %v", e.forms.Prints)
	}
	if !strings.Contains(s.msg.Text, "Đã chuyển") {
		t.Fatalf("message %q", s.msg.Text)
	}
	e.markup("transfer/detail_after.xml")

	// The batch screen lists b, c, d; c and d came after 15:00.
	bt := NewBatchTransfer(nil, e.deps)
	bt.inline = true
	e.window(bt.Content(), bt.HandleKey, nil)
	bt.win = e.w
	bt.Focus()
	if len(bt.rows) != 3 {
		t.Fatalf("batch rows %d", len(bt.rows))
	}
	for _, r := range bt.rows[1:] {
		if txt, _ := transferText(r, e.now); !strings.Contains(txt, "chuyển sáng ngày làm việc tiếp theo") {
			t.Fatalf("%s not flagged: %q", label(r), txt)
		}
	}
	bt.selectDue()
	if !bt.sel[b.ID] || bt.sel[c.ID] || bt.sel[d.ID] {
		t.Fatalf("due today: %v", bt.sel)
	}
	// The clerk also picks c from the keyboard: focus the list, Down, Space.
	e.w.Canvas().Focus(bt.list)
	e.key(fyne.KeyDown)
	e.key(fyne.KeySpace)
	if !bt.sel[c.ID] {
		t.Fatalf("keyboard selection: %v", bt.sel)
	}
	// Meanwhile another desk transfers c: the batch reports it.
	e.transition(string(c.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng khác"})
	bt.dept.SetText("Phòng Quản lý xuất nhập cảnh")
	e.markup("transfer/batch.xml")
	e.ctrl(fyne.KeyS)
	if !strings.Contains(bt.result.Text, "Đã chuyển 1/2") || !strings.Contains(bt.result.Text, string(c.Code)+": không chuyển được") {
		t.Fatalf("batch result %q", bt.result.Text)
	}
	if got := e.stored(string(b.Code)); got.Status != dossier.StatusProcessing || got.Department != "Phòng Quản lý xuất nhập cảnh" {
		t.Fatalf("b %+v", got)
	}
	if got := e.stored(string(d.Code)); got.Status != dossier.StatusReceived {
		t.Fatalf("d was not selected but moved: %v", got.Status)
	}
	if len(bt.rows) != 1 || bt.rows[0].ID != d.ID {
		t.Fatalf("after batch, rows %d", len(bt.rows))
	}
	if e.forms.Prints[len(e.forms.Prints)-1] != "06 "+string(b.Code) {
		t.Fatalf("prints %v", e.forms.Prints)
	}
	e.markup("transfer/batch_done.xml")
}

// TestReturnFlow: result ready, then the return to the citizen: the
// collector's identity check is required, fees due at return are
// collected, the return slip prints.
func TestReturnFlow(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", true)
	e.now = at(3, 9, 0)
	e.transition(string(a.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh"})
	e.now = at(5, 14, 0)
	s := e.lookupScreen()
	s.Open(string(a.Code))
	// Return is not offered before the result.
	if kinds, _ := Offered(s.Current(), e.now); slices.Contains(kinds, dossier.EvReturned) {
		t.Fatal("return offered for a dossier being processed")
	}
	s.openAction(dossier.EvResultReady)
	e.ctrl(fyne.KeyS)
	if got := e.stored(string(a.Code)); got.Status != dossier.StatusResultReady || got.ResultKind != dossier.ResultApproved {
		t.Fatalf("result %+v", got)
	}
	e.now = at(6, 9, 15)
	s.openAction(dossier.EvReturned)
	f := s.act
	if f.collector.Text != "Nguyễn Văn An" || f.collectorID.Text != "001090123456" || f.amount.Text != "50.000" {
		t.Fatalf("return dialog defaults: %q %q %q", f.collector.Text, f.collectorID.Text, f.amount.Text)
	}
	e.ctrl(fyne.KeyS)
	if s.act == nil || !strings.Contains(f.err.Text, "giấy tờ tùy thân") {
		t.Fatalf("return without the ID check: %q", f.err.Text)
	}
	if got := e.stored(string(a.Code)); got.Status != dossier.StatusResultReady {
		t.Fatal("stored without the ID check")
	}
	// Collected by a relative with an authorisation.
	f.collector.SetText("")
	e.w.Canvas().Focus(f.collector)
	e.typeText("Nguyễn Thị Hoa")
	e.key(fyne.KeyReturn)
	f.collectorID.SetText("")
	e.typeText("001190654321")
	f.idChecked.SetChecked(true)
	f.authorised.SetChecked(true)
	e.markup("return/dialog.xml")
	e.ctrl(fyne.KeyS)
	if s.act != nil {
		t.Fatalf("dialog open: %s", f.err.Text)
	}
	got := e.stored(string(a.Code))
	ev := got.History[len(got.History)-1]
	if got.Status != dossier.StatusReturned || ev.Collector == nil || ev.Collector.Name != "Nguyễn Thị Hoa" || !ev.Collector.IDChecked ||
		!ev.Collector.Authorised || ev.Amount != 50000 || !got.ReturnedAt.Equal(at(6, 9, 15)) {
		t.Fatalf("returned %+v %+v", got, ev.Collector)
	}
	if e.forms.Prints[len(e.forms.Prints)-1] != FormReturn+" "+string(a.Code) {
		t.Fatalf("prints %v", e.forms.Prints)
	}
	if kinds, _ := Offered(got, e.now); !slices.Equal(kinds, []dossier.EventKind{dossier.EvAmended}) {
		t.Fatalf("after return: %v", kinds)
	}
	e.markup("return/detail_after.xml")
}

// TestSupplementExtensionAmendment: supplement after appraisal (form 02),
// supplement received (the limit restarts), the extension (supervisor,
// form 04) and an audited amendment, all on the timeline; refusals of the
// service are shown in Vietnamese.
func TestSupplementExtensionAmendment(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	e.now = at(3, 9, 0)
	e.transition(string(a.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh"})
	e.now = at(4, 10, 0)
	s := e.lookupScreen()
	s.Open(string(a.Code))
	s.openAction(dossier.EvSupplementRequest)
	s.act.items.SetSelected([]string{s.act.itemNames[4]})
	e.w.Canvas().Focus(s.act.note)
	e.typeText("Ảnh không đúng quy cách 4x6, phông nền xanh")
	e.ctrl(fyne.KeyS)
	got := e.stored(string(a.Code))
	if got.Status != dossier.StatusSupplement || len(got.History[2].Items) != 1 || !strings.Contains(got.History[2].Items[0], "ảnh 4x6") {
		t.Fatalf("supplement %+v", got.History)
	}
	if e.forms.Prints[len(e.forms.Prints)-1] != "02 "+string(a.Code) {
		t.Fatalf("prints %v", e.forms.Prints)
	}
	e.now = at(5, 14, 0)
	s.openAction(dossier.EvSupplementReceived)
	e.ctrl(fyne.KeyS)
	got = e.stored(string(a.Code))
	if got.Status != dossier.StatusProcessing || !got.Appointment.After(at(7, 0, 0)) || !strings.Contains(s.msg.Text, "tính lại từ đầu") {
		t.Fatalf("restart: %v %v %q", got.Status, got.Appointment, s.msg.Text)
	}
	// A second supplement request without a reason is refused.
	s.openAction(dossier.EvSupplementRequest)
	s.act.items.SetSelected([]string{s.act.itemNames[0]})
	e.ctrl(fyne.KeyS)
	if s.act == nil || !strings.Contains(s.act.err.Text, "lần hai") {
		t.Fatalf("second request without a reason: %v", s.act)
	}
	e.key(fyne.KeyEscape)
	if s.act != nil {
		t.Fatal("Esc did not close the dialog")
	}
	// The clerk's extension needs the supervisor.
	s.openAction(dossier.EvExtended)
	if s.act.apprUser == nil {
		t.Fatal("a clerk's extension must ask for the supervisor")
	}
	newDue := got.Appointment.AddDate(0, 0, 7).Format("02/01/2006") + " 16:00"
	e.typeText(newDue)
	e.key(fyne.KeyReturn)
	e.typeText("Chờ kết quả xác minh nhân thân từ Công an tỉnh")
	s.act.apprUser.SetText("sup1")
	s.act.apprPass.SetText("sai")
	e.ctrl(fyne.KeyS)
	if s.act == nil || !strings.Contains(s.act.err.Text, "Mật khẩu của lãnh đạo") {
		t.Fatalf("wrong password: %v", s.act)
	}
	s.act.apprPass.SetText(uitest.SupPass)
	e.markup("extension/dialog.xml")
	e.ctrl(fyne.KeyS)
	got = e.stored(string(a.Code))
	if !got.Extended || got.Appointment.Format("02/01/2006 15:04") != newDue || got.History[len(got.History)-1].Approver != "sup1" {
		t.Fatalf("extension %+v", got)
	}
	if e.forms.Prints[len(e.forms.Prints)-1] != "04 "+string(a.Code) {
		t.Fatalf("prints %v", e.forms.Prints)
	}
	if kinds, hint := Offered(got, e.now); slices.Contains(kinds, dossier.EvExtended) || hint == nil {
		t.Fatal("a second extension offered")
	}
	// Amendment of the phone number.
	s.openAction(dossier.EvAmended)
	i := slices.Index(s.act.fields, "submitter.phone")
	s.act.field.Choose(i)
	if !strings.Contains(s.act.old.Text, "0912345678") {
		t.Fatalf("old value %q", s.act.old.Text)
	}
	e.w.Canvas().Focus(s.act.newVal)
	e.typeText("0912345679")
	e.key(fyne.KeyReturn)
	e.typeText("Người nộp báo nhập sai số cuối")
	e.ctrl(fyne.KeyS)
	got = e.stored(string(a.Code))
	last := got.History[len(got.History)-1]
	if got.Submitter.Phone != "0912345679" || last.Kind != dossier.EvAmended || last.Amend.Old != "0912345678" || last.Amend.Reason == "" {
		t.Fatalf("amendment %+v", last)
	}
	e.markup("timeline/full.xml")
}

// TestBook lists a date range and exports through the integrator's hook.
func TestBook(t *testing.T) {
	e := newEnv(t)
	e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	e.receive(at(4, 10, 0), "Đặng Thị Bích", "001190654321", "0987654321", false)
	e.receive(at(5, 10, 0), "Hoàng Minh Đức", "079088001122", "0903111222", false)
	e.now = at(5, 16, 0)
	b := NewBook(nil, e.deps)
	b.inline = true
	var out bytes.Buffer
	b.save = func(name string, write func(io.WriteCloser)) {
		if !strings.HasPrefix(name, "so-theo-doi-20251103-20251104.") {
			t.Errorf("file name %q", name)
		}
		write(nopCloser{&out})
	}
	e.window(b.Content(), b.HandleKey, nil)
	b.win = e.w
	b.from.SetText("03/11/2025")
	b.to.SetText("04/11/2025")
	b.Focus()
	e.w.Canvas().Focus(b.to)
	e.key(fyne.KeyReturn)
	if len(b.rows) != 2 {
		t.Fatalf("rows %d", len(b.rows))
	}
	e.markup("book/range.xml")
	e.ctrl(fyne.KeyE)
	if out.String() != "xlsx 2025-11-03 2025-11-04" {
		t.Fatalf("export %q", out.String())
	}
	b.to.SetText("01/11/2025")
	b.load()
	if !strings.Contains(b.err.Text, "Ngày kết thúc") {
		t.Fatalf("reversed range: %q", b.err.Text)
	}
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// TestFormNumbersFollowOfficeSet: under the TT 01/2018 set the control
// slip is form 05 and there is no stop notice.
func TestFormNumbersFollowOfficeSet(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	e.now = at(3, 9, 0)
	sess := *e.clerk
	sess.Office.Forms = desk.FormsTT01
	e.sess = &sess
	s := e.lookupScreen()
	s.Open(string(a.Code))
	s.openAction(dossier.EvTransferred)
	e.ctrl(fyne.KeyS)
	if got := e.forms.Prints; len(got) != 1 || got[0] != "05 "+string(a.Code) {
		t.Fatalf("TT 01 control slip: %v", got)
	}
	s.openAction(dossier.EvStopped)
	e.w.Canvas().Focus(s.act.note)
	e.typeText("Công dân không bổ sung nghĩa vụ theo yêu cầu")
	e.ctrl(fyne.KeyS)
	if got := e.stored(string(a.Code)); got.Status != dossier.StatusStopped {
		t.Fatalf("status %v", got.Status)
	}
	if len(e.forms.Prints) != 1 || !strings.Contains(s.msg.Text, "không có thông báo dừng") {
		t.Fatalf("stop notice under TT 01: prints %v, message %q", e.forms.Prints, s.msg.Text)
	}
}

// TestOtherTransitions: financial obligation and its payment, a refusal
// after appraisal (reason required), withdrawal, the closure of a dossier
// whose supplement did not come within 15 days, and a CCCD scan in the
// lookup finding the citizen's dossiers.
func TestOtherTransitions(t *testing.T) {
	e := newEnv(t)
	a := e.receive(at(3, 8, 5), "Nguyễn Văn An", "001090123456", "0912345678", false)
	b := e.receive(at(3, 8, 10), "Đặng Thị Bích", "001190654321", "0987654321", false)
	c := e.receive(at(3, 8, 20), "Hoàng Minh Đức", "079088001122", "0903111222", false)
	e.now = at(3, 9, 0)
	for _, x := range []*dossier.Dossier{a, c} {
		e.transition(string(x.Code), desk.TransitionRequest{Kind: dossier.EvTransferred, Department: "Phòng Quản lý xuất nhập cảnh"})
	}
	s := e.lookupScreen()
	s.Open(string(a.Code))
	s.openAction(dossier.EvObligation)
	e.typeText("1.500.000")
	e.ctrl(fyne.KeyS)
	if got := e.stored(string(a.Code)); got.Status != dossier.StatusObligation || got.History[len(got.History)-1].Amount != 1500000 {
		t.Fatalf("obligation %+v", got.History[len(got.History)-1])
	}
	s.openAction(dossier.EvObligationPaid)
	e.typeText("Biên lai số 0012345")
	e.ctrl(fyne.KeyS)
	s.openAction(dossier.EvResultReady)
	s.act.result.Choose(1)
	e.ctrl(fyne.KeyS)
	if s.act == nil || !strings.Contains(s.act.err.Text, "Ghi lý do") {
		t.Fatalf("refusal after appraisal without a reason: %v", s.act)
	}
	e.w.Canvas().Focus(s.act.note)
	e.typeText("Không đủ điều kiện cấp theo Nghị định 67/2024/NĐ-CP")
	e.ctrl(fyne.KeyS)
	if got := e.stored(string(a.Code)); got.Status != dossier.StatusResultReady || got.ResultKind != dossier.ResultRefused {
		t.Fatalf("result %+v", got)
	}
	// Withdrawal of b.
	s.Open(string(b.Code))
	s.openAction(dossier.EvWithdrawn)
	e.typeText("Công dân có đơn xin rút hồ sơ")
	e.ctrl(fyne.KeyS)
	if got := e.stored(string(b.Code)); got.Status != dossier.StatusWithdrawn {
		t.Fatalf("withdrawn %v", got.Status)
	}
	if kinds, _ := Offered(e.stored(string(b.Code)), e.now); !slices.Equal(kinds, []dossier.EventKind{dossier.EvAmended}) {
		t.Fatalf("after withdrawal: %v", kinds)
	}
	// c waits for a supplement for more than 15 days.
	e.now = at(4, 10, 0)
	e.transition(string(c.Code), desk.TransitionRequest{Kind: dossier.EvSupplementRequest, Items: []string{"Ảnh 4x6"}, Note: "Ảnh mờ"})
	e.now = at(20, 10, 0)
	s.Open(string(c.Code))
	if !desk.SupplementOverdue(s.Current(), e.now, supplementDays) {
		t.Fatal("not overdue")
	}
	e.markup("lookup/supplement_overdue.xml")
	s.closeUnsupplemented(s.Current())
	if got := e.stored(string(c.Code)); got.Status != dossier.StatusStopped {
		t.Fatalf("closure %v", got.Status)
	}
	// The citizen's ID card scanned at the counter finds their dossiers.
	e.w.Canvas().Unfocus()
	e.scan("001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội|15042021")
	if s.query.Text != "001090123456" || len(s.shown) != 1 || s.shown[0].ID != a.ID {
		t.Fatalf("CCCD lookup: %q %d", s.query.Text, len(s.shown))
	}
}
