package intake

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"motcua/dossier"
	"motcua/ui/internal/uitest"
	"motcua/workday"
)

// pickProcedure types a query and chooses the highlighted hit.
func (e *env) pickProcedure(query, code string) {
	e.t.Helper()
	kitFocus(e, e.s.query)
	e.typeText(query)
	for i := 0; i < len(e.s.hits) && e.s.hits[e.s.hl].Procedure.Code != code; i++ {
		e.key(fyne.KeyDown)
	}
	e.key(fyne.KeyReturn)
	if e.s.proc == nil || e.s.proc.Code != code {
		e.t.Fatalf("procedure %v, want %s (hits %d)", e.s.proc, code, len(e.s.hits))
	}
}

func kitFocus(e *env, f fyne.Focusable) { e.w.Canvas().Focus(f) }

// decideAll presses one decision key per component.
func (e *env) decideAll(keys string) {
	e.t.Helper()
	if len(keys) != len(e.s.rows) {
		e.t.Fatalf("%d keys for %d components", len(keys), len(e.s.rows))
	}
	for _, k := range keys {
		e.press(k)
	}
}

// TestIntake_Receive drives the whole flow to a received dossier with
// golden markup of each step: search by name with Up/Down, channel and the
// catalog's time and fee, checklist keys, a scan attached from the
// scanner folder, a CCCD burst typed into a field that had focus, the fee
// step and the receipt preview.
func TestIntake_Receive(t *testing.T) {
	e := newEnv(t)
	e.markup("intake/step1_empty.xml")
	e.pickProcedure("giay thong hanh bien gioi lao", "1.001280")
	e.s.show(stepProcedure)
	e.markup("intake/step1_procedure.xml")
	e.key(fyne.KeyReturn) // the procedure is chosen: on to step 2
	if e.s.step != stepChannel {
		t.Fatalf("step %d", e.s.step)
	}
	e.markup("intake/step2_channel.xml")
	e.key(fyne.KeyReturn)
	e.decideAll("11311")
	if it := e.s.items[2]; it.Decision != dossier.DecisionSubmitted || it.Copies != 1 || it.Originals != 0 {
		t.Fatalf("key 3 on component 3: %+v", it)
	}
	// Attach the newest file of the scanner folder to component 1.
	writePNG(t, filepath.Join(e.folder, "scan-0001.png"))
	e.tap(e.s.rows[0].fromFolder)
	e.key(fyne.KeyReturn) // the newest file is preselected
	if n := len(e.s.items[0].Scans); n != 1 || len(e.s.items[0].Scans[0].SHA256) != 64 {
		t.Fatalf("scans %+v", e.s.items[0].Scans)
	}
	e.markup("intake/step3_checklist.xml")
	e.tap(e.s.next)
	// The scanner is fired while the cursor is in the name field.
	e.w.Canvas().Focus(e.s.sub.name)
	e.scan(cccdPayload)
	if !e.s.sub.verified || e.s.sub.name.Text != "NGUYỄN VĂN AN" {
		t.Fatalf("burst in a field: verified %v name %q", e.s.sub.verified, e.s.sub.name.Text)
	}
	e.typeText("0912345678")
	e.key(fyne.KeyReturn)
	e.typeText("an.nguyen@example.vn")
	e.markup("intake/step4_applicant.xml")
	e.key(fyne.KeyReturn)
	e.markup("intake/step5_fees.xml")
	e.key(fyne.KeyReturn)
	e.markup("intake/step6_verdict.xml")
	e.key(fyne.KeyReturn) // Enter on the verdict records it
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not received: %s", e.s.vErr.Text)
	}
	e.markup("intake/result_receipt.xml")
	got := e.stored(string(d.Code))
	if got.Submitter.Email != "an.nguyen@example.vn" || len(got.Checklist[0].Scans) != 1 || got.Checklist[2].Copies != 1 {
		t.Fatalf("stored %+v", got)
	}
	// 3 working days after Monday 3/11/2025: the end of Thursday.
	if want := "2025-11-06 17:00"; got.Appointment.Format("2006-01-02 15:04") != want {
		t.Fatalf("appointment %v, want %s", got.Appointment, want)
	}
	if len(got.History) != 1 || got.History[0].Kind != dossier.EvReceived || got.History[0].Actor != "clerk1" {
		t.Fatalf("history %+v", got.History)
	}
	e.ctrl(fyne.KeyP)
	e.ctrl(fyne.KeyP)
	if len(e.forms.Prints) != 2 || strings.HasSuffix(e.forms.Prints[0], " copy") || !strings.HasSuffix(e.forms.Prints[1], " copy") {
		t.Fatalf("prints %v: the reprint must be marked as a copy", e.forms.Prints)
	}
}

func writePNG(t *testing.T, path string) {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.Black)
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestIntake_ReceiveUnreadableLimitAndOwner: birth registration (1.001193)
// publishes "1" without a unit, so the clerk picks the unit and states the
// basis; the dossier is filed by an authorised representative: the CCCD
// fills the submitter, the owner is typed (decomposed Unicode, stored
// NFC) with the authorisation paper.
func TestIntake_ReceiveUnreadableLimitAndOwner(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("dang ky khai sinh", "1.001193")
	e.key(fyne.KeyReturn) // Enter on the channel goes to the unit
	if e.focused() != fyne.Focusable(e.s.unit) || !e.s.limitBox.Visible() {
		t.Fatalf("focus %T, limit box visible %v", e.focused(), e.s.limitBox.Visible())
	}
	e.press('5') // same day
	e.key(fyne.KeyReturn)
	if e.focused() != fyne.Focusable(e.s.limitReason) {
		t.Fatalf("focus %T, want the basis", e.focused())
	}
	e.typeText("Luật Hộ tịch 2014, Điều 16: giải quyết ngay trong ngày")
	e.markup("intake/step2_limit.xml")
	e.key(fyne.KeyReturn)
	if e.s.step != stepChecklist {
		t.Fatalf("step %d", e.s.step)
	}
	var keys strings.Builder
	for _, it := range e.s.items {
		switch {
		case it.MustSubmit:
			keys.WriteByte('1')
		case it.PresentOnly:
			keys.WriteByte('4')
		default:
			keys.WriteByte('0')
		}
	}
	e.decideAll(keys.String())
	e.key(fyne.KeyReturn)
	e.scan(cccdPayload)
	e.tap(e.s.ownerOn)
	e.clickInto(e.s.own.id)
	e.typeText("001190654321")
	e.key(fyne.KeyReturn)
	e.typeText("Nguye\u0302\u0303n Thi\u0323 Hoa")
	e.key(fyne.KeyReturn)
	e.typeText("02/03/1990")
	e.key(fyne.KeyReturn)
	e.press('2') // Nữ
	e.clickInto(e.s.authz)
	e.typeText("Giấy ủy quyền số 12/2025 ngày 01/11/2025, UBND phường Ba Đình chứng thực")
	e.ctrl(fyne.KeyS) // to the verdict
	e.ctrl(fyne.KeyS) // receive
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not received: %s", e.s.vErr.Text)
	}
	got := e.stored(string(d.Code))
	if got.TimeLimit != (workday.Limit{Unit: workday.SameDay}) || !strings.HasPrefix(got.LimitNote, "Luật Hộ tịch 2014") {
		t.Fatalf("limit %+v %q", got.TimeLimit, got.LimitNote)
	}
	if got.Owner == nil || got.Owner.Name != "Nguyễn Thị Hoa" || got.Owner.BirthDate != "1990-03-02" || got.Owner.Sex != "Nữ" || got.Owner.Verified {
		t.Fatalf("owner %+v", got.Owner)
	}
	if !got.Submitter.Verified || !strings.Contains(got.Authorisation, "12/2025") {
		t.Fatalf("submitter %+v authorisation %q", got.Submitter, got.Authorisation)
	}
	if want := "2025-11-03 17:00"; got.Appointment.Format("2006-01-02 15:04") != want {
		t.Fatalf("appointment %v, want %s (same day)", got.Appointment, want)
	}
}

// TestIntake_Supplement: a required component is missing, the verdict
// defaults to a supplement request (form 02) that lists it; nothing is
// received, a guidance record is stored.
func TestIntake_Supplement(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("1.001280", "1.001280")
	e.key(fyne.KeyReturn)
	e.decideAll("11011")
	e.key(fyne.KeyReturn)
	e.scan(cccdPayload)
	e.ctrl(fyne.KeyS)
	if e.s.step != stepVerdict || e.s.verdict.Selected() != optSupplement {
		t.Fatalf("step %d verdict %d", e.s.step, e.s.verdict.Selected())
	}
	if !strings.Contains(e.s.missingInfo.Text, "giấy khai sinh") {
		t.Fatalf("missing info %q", e.s.missingInfo.Text)
	}
	e.markup("intake/step6_supplement.xml")
	// Receive is refused while something is missing.
	e.press('1')
	if !e.s.confirm.Disabled() || !e.s.override.Visible() {
		t.Fatal("receive must be disabled, with the supervisor override offered, while a required component is missing")
	}
	e.press('2')
	if e.focused() != fyne.Focusable(e.s.reason) {
		t.Fatalf("after key 2 the focus is on %T, want the reason", e.focused())
	}
	e.typeText("Bổ sung bản sao giấy khai sinh của trẻ dưới 14 tuổi")
	e.ctrl(fyne.KeyS)
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not recorded: %s", e.s.vErr.Text)
	}
	if d.Kind != dossier.KindGuidance || d.GuidanceNo == "" || d.Code != "" {
		t.Fatalf("record %+v", d)
	}
	got := e.stored(d.GuidanceNo)
	if got.Status != dossier.StatusNone || len(got.History) != 1 || got.History[0].Kind != dossier.EvGuidance ||
		len(got.History[0].Items) != 1 || !strings.Contains(got.History[0].Items[0], "giấy khai sinh") ||
		!strings.HasPrefix(got.Reason, "Bổ sung bản sao") {
		t.Fatalf("guidance %+v", got)
	}
	if len(e.forms.Previews) != 1 || !strings.HasPrefix(e.forms.Previews[0], "02 ") {
		t.Fatalf("previews %v", e.forms.Previews)
	}
	e.markup("intake/result_supplement.xml")
}

// TestIntake_Refuse: a refusal needs its reason (form 03); the
// procedure's unreadable time limit does not block a refusal.
func TestIntake_Refuse(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("dang ky khai sinh", "1.001193")
	e.tap(e.s.next)
	if e.s.step != stepChecklist {
		t.Fatalf("step %d: the time limit must not block moving on", e.s.step)
	}
	e.decideAll(strings.Repeat("0", len(e.s.rows)))
	e.tap(e.s.next)
	e.clickInto(e.s.sub.id)
	e.typeText("001090123456")
	e.key(fyne.KeyReturn)
	e.typeText("Trần Văn Bình")
	e.ctrl(fyne.KeyS)
	e.press('3')
	e.ctrl(fyne.KeyS)
	if e.s.Dossier() != nil || e.s.reasonErr2.Text == "" || e.focused() != fyne.Focusable(e.s.reason) {
		t.Fatalf("refusal without reason: err %q focus %T", e.s.reasonErr2.Text, e.focused())
	}
	e.markup("intake/step6_refuse_noreason.xml")
	e.typeText("Trẻ sinh tại tỉnh khác, cha mẹ không cư trú tại phường: không thuộc thẩm quyền")
	e.ctrl(fyne.KeyS)
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not recorded: %s", e.s.vErr.Text)
	}
	got := e.stored(string(d.Code))
	if got.Status != dossier.StatusRefused || !strings.Contains(got.Reason, "không thuộc thẩm quyền") || got.History[0].Kind != dossier.EvRefused {
		t.Fatalf("refused %+v", got)
	}
	if len(e.forms.Previews) != 1 || !strings.HasPrefix(e.forms.Previews[0], "03 ") {
		t.Fatalf("previews %v", e.forms.Previews)
	}
}

// TestIntake_Override: a supervisor approves receiving an incomplete
// dossier at the clerk's desk; a wrong password is refused in Vietnamese.
func TestIntake_Override(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("1.001280", "1.001280")
	e.key(fyne.KeyReturn)
	e.decideAll("11011")
	e.key(fyne.KeyReturn)
	e.scan(cccdPayload)
	e.ctrl(fyne.KeyS)
	e.press('1')
	e.ctrl(fyne.KeyL)
	if e.s.ovDialog == nil || e.focused() != fyne.Focusable(e.s.ovUser) {
		t.Fatalf("override dialog not shown, focus %T", e.focused())
	}
	e.typeText("sup1")
	e.key(fyne.KeyReturn)
	e.typeText("sai-mat-khau")
	e.key(fyne.KeyReturn)
	e.typeText("Công dân cam kết nộp bổ sung trong ngày")
	e.s.confirmOverride()
	if e.s.Dossier() != nil || !strings.Contains(e.s.vErr.Text, "Mật khẩu của lãnh đạo không đúng") {
		t.Fatalf("wrong password: %q", e.s.vErr.Text)
	}
	// Esc closes the dialog and stays on the verdict.
	e.ctrl(fyne.KeyL)
	e.key(fyne.KeyEscape)
	if e.s.modal != nil || e.s.step != stepVerdict {
		t.Fatalf("Esc: modal %v step %d", e.s.modal, e.s.step)
	}
	e.ctrl(fyne.KeyL)
	e.typeText("sup1")
	e.key(fyne.KeyReturn)
	e.typeText(uitest.SupPass)
	e.key(fyne.KeyReturn)
	e.typeText("Công dân cam kết nộp bổ sung trong ngày")
	e.markup("intake/override_dialog.xml")
	e.ctrl(fyne.KeyS) // Ctrl+S in the dialog approves
	if e.s.modal != nil {
		t.Fatal("dialog still open")
	}
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not received: %s", e.s.vErr.Text)
	}
	got := e.stored(string(d.Code))
	if got.Override == nil || got.Override.By != "sup1" || got.Status != dossier.StatusReceived {
		t.Fatalf("override %+v", got.Override)
	}
}

// TestIntake_BadScanChangesNothing: a damaged CCCD payload is explained
// in Vietnamese and the applicant stays as it was; a fast burst of
// ordinary text is put back where it was typed.
func TestIntake_BadScanChangesNothing(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("1.001280", "1.001280")
	e.s.goTo(stepApplicant)
	e.w.Canvas().Focus(e.s.sub.id)
	e.typeText("079201001234")
	e.key(fyne.KeyReturn)
	e.typeText("Phạm Thị Lan")
	cases := []struct{ payload, want string }{
		{"001090123456|012345678|NGUYỄN VĂN AN|31021990|Nam|Hà Nội|15042021", "Ngày sinh trong mã QR"},
		{"001090123456|012345678|NGUYỄN VĂN AN|01011990|Khác|Hà Nội|15042021", "Giới tính"},
		{"001090123456|012345678|NGUYỄN VĂN AN|01011990|Nam|Hà Nội", "cắt cụt"},
		{"SP-2025|LOT 7|HSD 2027|KHO A", "không phải mã QR trên thẻ CCCD"},
	}
	for _, c := range cases {
		e.w.Canvas().Focus(e.s.scanEntry)
		e.scan(c.payload)
		if !strings.Contains(e.s.scanErr.Text, c.want) || !strings.Contains(e.s.status.Text, c.want) {
			t.Errorf("%q: message %q, want %q", c.payload, e.s.scanErr.Text, c.want)
		}
		if e.s.sub.id.Text != "079201001234" || e.s.sub.name.Text != "Phạm Thị Lan" || e.s.sub.verified || e.s.scanEntry.Text != "" {
			t.Fatalf("%q changed the applicant: %q %q %v", c.payload, e.s.sub.id.Text, e.s.sub.name.Text, e.s.sub.verified)
		}
	}
	e.markup("intake/step4_badscan.xml")
	// A fast burst that is no scan (a typing tool) stays in the field.
	e.w.Canvas().Focus(e.s.sub.address)
	e.scan("Số 1 đường Hoàng Quốc Việt, Cầu Giấy")
	if e.s.sub.address.Text != "Số 1 đường Hoàng Quốc Việt, Cầu Giấy" {
		t.Fatalf("address %q", e.s.sub.address.Text)
	}
}

// TestIntake_ServiceErrorsNearFields: the service's validation errors go
// under their fields in Vietnamese, the steps are marked, nothing stored.
func TestIntake_ServiceErrorsNearFields(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("1.001280", "1.001280")
	e.key(fyne.KeyReturn)
	e.decideAll("11111")
	e.key(fyne.KeyReturn)
	e.typeText("12345")
	e.key(fyne.KeyReturn)
	e.typeText("Lê Văn Tám")
	e.clickInto(e.s.sub.phone)
	e.typeText("12")
	e.ctrl(fyne.KeyS)
	e.ctrl(fyne.KeyS)
	if e.s.Dossier() != nil {
		t.Fatal("stored despite errors")
	}
	if got := e.s.sub.fields["id_number"].Err.Text; !strings.Contains(got, "12 chữ số") {
		t.Fatalf("id error %q", got)
	}
	if got := e.s.sub.fields["phone"].Err.Text; !strings.Contains(got, "điện thoại") {
		t.Fatalf("phone error %q", got)
	}
	if !e.s.stepErr[stepApplicant] || !strings.HasPrefix(e.s.tabs[stepApplicant].Text, "! ") {
		t.Fatal("applicant step not marked")
	}
	e.markup("intake/step6_errors.xml")
	// Fixing the fields clears the marks on the next attempt.
	e.w.Canvas().Focus(e.s.sub.id)
	e.s.sub.id.SetText("001090123456")
	e.s.sub.phone.SetText("0912345678")
	e.ctrl(fyne.KeyS)
	if e.s.Dossier() == nil {
		t.Fatalf("not received: %s", e.s.vErr.Text)
	}
}

// TestIntake_ProcedureErrors: Enter with no procedure, a list-only entry.
func TestIntake_ProcedureErrors(t *testing.T) {
	e := newEnv(t)
	e.typeText("zzqxw")
	e.key(fyne.KeyReturn)
	if e.s.step != stepProcedure || e.s.pErr.Text == "" {
		t.Fatalf("step %d err %q", e.s.step, e.s.pErr.Text)
	}
	if !strings.Contains(e.s.count.Text, "Không tìm thấy") {
		t.Fatalf("count %q", e.s.count.Text)
	}
	set, _ := defaultCatalog(t)
	var listOnly string
	for _, p := range set.Procedures {
		if p.ListOnly {
			listOnly = p.Code
			break
		}
	}
	if listOnly == "" {
		t.Skip("the default catalog has no list-only procedure")
	}
	e.s.query.SetText("")
	e.typeText(listOnly)
	e.key(fyne.KeyReturn)
	if e.s.proc != nil || !strings.Contains(e.s.pErr.Text, "chỉ có tên trong danh sách") {
		t.Fatalf("list-only procedure accepted: %q", e.s.pErr.Text)
	}
	_ = test.NewTempApp
}

// TestIntake_ScanIntoKeyWidgets: a CCCD scan fired while the focus is on a
// checklist decision or on the verdict changes no decision and records
// nothing; it fills the applicant.
func TestIntake_ScanIntoKeyWidgets(t *testing.T) {
	e := newEnv(t)
	e.pickProcedure("1.001280", "1.001280")
	e.key(fyne.KeyReturn)
	e.press('1') // row 1 decided by the clerk
	if e.focused() != fyne.Focusable(e.s.rows[1].decision) {
		t.Fatalf("focus %T", e.focused())
	}
	e.scan(cccdPayload)
	for i, it := range e.s.items {
		want := dossier.DecisionUnset
		if i == 0 {
			want = dossier.DecisionSubmitted
		}
		if it.Decision != want {
			t.Fatalf("row %d decision %v after a scan", i+1, it.Decision)
		}
	}
	if !e.s.sub.verified || e.s.step != stepChecklist || e.focused() != fyne.Focusable(e.s.rows[1].decision) {
		t.Fatalf("scan: verified %v step %d focus %T", e.s.sub.verified, e.s.step, e.focused())
	}
	for range 4 {
		e.press('1')
	}
	e.ctrl(fyne.KeyS) // to the verdict: focus on the verdict choice
	if e.focused() != fyne.Focusable(e.s.verdict) {
		t.Fatalf("focus %T", e.focused())
	}
	e.s.sub.reset()
	e.scan(cccdPayload)
	if e.s.Dossier() != nil || e.s.verdict.Selected() != optReceive || !e.s.sub.verified {
		t.Fatalf("a scan at the verdict: recorded %v, verdict %d, verified %v", e.s.Dossier() != nil, e.s.verdict.Selected(), e.s.sub.verified)
	}
	// The Next button: the Enter that ends a burst does not press it.
	e.s.show(stepFees)
	e.w.Canvas().Focus(e.s.next)
	e.scan(cccdPayload)
	if e.s.step != stepFees {
		t.Fatalf("a scan on the Next button moved to step %d", e.s.step)
	}
}
