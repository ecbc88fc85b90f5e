package intake

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"motcua/dossier"
)

// maxKeys is the issue 4 budget for a 5-component intake with a CCCD scan.
const maxKeys = 25

// TestIntake_KeyCount drives a complete intake of a 5-component dossier
// (1.001280, giấy thông hành biên giới Việt Nam – Lào: 3 working days,
// 50.000 đ) from the keyboard with a CCCD scan, counting every key press
// or click that is not free text (the procedure query and the phone number
// are free text; the scan is one trigger pull, counted too).
func TestIntake_KeyCount(t *testing.T) {
	e := newEnv(t)
	e.typeText("1.001280") // free text: the procedure code
	e.key(fyne.KeyReturn)  // choose the top hit
	if e.s.step != stepChannel || e.s.proc == nil || e.s.proc.Code != "1.001280" {
		t.Fatalf("after Enter: step %d proc %v", e.s.step, e.s.proc)
	}
	e.key(fyne.KeyReturn) // direct channel, the only case: on to the checklist
	if e.s.step != stepChecklist || len(e.s.rows) != 5 {
		t.Fatalf("checklist: step %d, %d rows", e.s.step, len(e.s.rows))
	}
	for range 5 {
		e.press('1') // original: one key per component, focus moves on
	}
	e.key(fyne.KeyReturn) // Next
	if e.s.step != stepApplicant {
		t.Fatalf("step %d, want applicant", e.s.step)
	}
	e.scan(cccdPayload)
	if !e.s.sub.verified || e.focused() != fyne.Focusable(e.s.sub.phone) {
		t.Fatalf("after scan: verified %v, focus %T", e.s.sub.verified, e.focused())
	}
	e.typeText("0912 345 678") // free text
	e.key(fyne.KeyReturn)      // to e-mail
	e.key(fyne.KeyReturn)      // no e-mail: on to the fees
	if e.s.step != stepFees {
		t.Fatalf("step %d, want fees", e.s.step)
	}
	e.key(fyne.KeyReturn) // catalog fee accepted
	if e.s.step != stepVerdict || e.s.verdict.Selected() != optReceive {
		t.Fatalf("step %d verdict %d", e.s.step, e.s.verdict.Selected())
	}
	e.ctrl(fyne.KeyS) // receive
	d := e.s.Dossier()
	if d == nil {
		t.Fatalf("not received: %s", e.s.vErr.Text)
	}
	e.ctrl(fyne.KeyP) // print the receipt
	e.ctrl(fyne.KeyN) // next dossier
	total := e.keys + e.scans
	t.Logf("scripted intake of a 5-component dossier with a CCCD scan: %d key presses or clicks (%d keys + %d scan)", total, e.keys, e.scans)
	if total > maxKeys {
		t.Fatalf("%d keys, budget %d", total, maxKeys)
	}

	got := e.stored(string(d.Code))
	if got.Status != dossier.StatusReceived || got.Submitter.Name != "NGUYỄN VĂN AN" || !got.Submitter.Verified ||
		got.Submitter.IDNumber != "001090123456" || got.Submitter.BirthDate != "1990-01-01" || got.Submitter.Phone != "0912 345 678" {
		t.Fatalf("stored %+v", got.Submitter)
	}
	if got.Submitter.OldID != "012345678" || got.Submitter.Sex != "Nam" {
		t.Fatalf("stored %+v", got.Submitter)
	}
	if got.TotalFees() != 50000 || len(got.Checklist) != 5 || got.Appointment.IsZero() {
		t.Fatalf("stored fees %d, %d items, appointment %v", got.TotalFees(), len(got.Checklist), got.Appointment)
	}
	for _, it := range got.Checklist {
		if it.Decision != dossier.DecisionSubmitted || it.Originals < 1 {
			t.Fatalf("item %+v", it)
		}
	}
	if len(e.forms.Previews) != 1 || !strings.HasPrefix(e.forms.Previews[0], "01 ") ||
		len(e.forms.Prints) != 1 || e.forms.Prints[0] != "01 "+string(d.Code) {
		t.Fatalf("forms %v %v", e.forms.Previews, e.forms.Prints)
	}
	if e.s.Dossier() != nil || e.s.step != stepProcedure || e.focused() != fyne.Focusable(e.s.query) {
		t.Fatal("Ctrl+N did not start a new dossier")
	}
}
