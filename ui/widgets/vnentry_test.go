package widgets

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/vntext"
)

// stepClock returns a clock advancing by step on every reading.
func stepClock(step time.Duration) func() time.Time {
	t := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	return func() time.Time {
		t = t.Add(step)
		return t
	}
}

func TestVNEntry_Typing(t *testing.T) {
	test.NewTempApp(t)
	cases := []struct {
		name   string
		method vntext.Method
		style  vntext.ToneStyle
		keys   string
		want   string
	}{
		{"telex name", vntext.Telex, vntext.Modern, "Nguyeenx Vawn Aan", "Nguyễn Văn Ân"},
		{"telex dd", vntext.Telex, vntext.Modern, "ddaays", "đấy"},
		{"telex Đắk", vntext.Telex, vntext.Modern, "Ddawks Lawks", "Đắk Lắk"},
		{"telex undo by repeat", vntext.Telex, vntext.Modern, "ass", "as"},
		{"telex modern hoà", vntext.Telex, vntext.Modern, "hoaf", "hoà"},
		{"telex old hòa", vntext.Telex, vntext.Old, "hoaf", "hòa"},
		{"telex english word stays", vntext.Telex, vntext.Modern, "windows", "windows"},
		{"vni", vntext.VNI, vntext.Modern, "Nguye6n4 Va8n A6n", "Nguyễn Văn Ân"},
		{"vni đ", vntext.VNI, vntext.Modern, "d9i5a", "địa"},
		{"off passes through", vntext.Off, vntext.Modern, "Nguyeenx", "Nguyeenx"},
		{"external tool precomposed", vntext.Telex, vntext.Modern, "Nguyễn Văn", "Nguyễn Văn"},
		{"external tool decomposed", vntext.Off, vntext.Modern, "Nguye\u0302\u0303n", "Nguyễn"},
		{"digits and punctuation", vntext.Telex, vntext.Modern, "Soos 12, toor 3", "Số 12, tổ 3"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := NewVNEntry(&Typing{Method: c.method, Style: c.style})
			w := test.NewWindow(e)
			defer w.Close()
			test.Type(e, c.keys)
			if e.Text != c.want {
				t.Fatalf("typed %q: got %q, want %q", c.keys, e.Text, c.want)
			}
			if e.Text != vntext.NFC(e.Text) {
				t.Fatalf("text %q is not NFC", e.Text)
			}
			if e.CursorColumn != len([]rune(c.want)) {
				t.Fatalf("cursor at %d, want end %d", e.CursorColumn, len([]rune(c.want)))
			}
		})
	}
}

func TestVNEntry_OnChangedOncePerKey(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	var got []string
	e.OnChanged = func(s string) { got = append(got, s) }
	test.Type(e, "aas")
	want := []string{"a", "â", "ấ"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("OnChanged calls %q, want %q", got, want)
	}
}

func TestVNEntry_Backspace(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	test.Type(e, "Vieetj")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "Việ" {
		t.Fatalf("after backspace %q, want %q", e.Text, "Việ")
	}
	// Typing continues on the shortened word.
	test.Type(e, "t")
	if e.Text != "Việt" {
		t.Fatalf("after retyping %q, want %q", e.Text, "Việt")
	}
}

func TestVNEntry_MidText(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	e.SetText("Tran Hung")
	e.CursorColumn = 4 // after "Tran"
	test.Type(e, "af")
	if e.Text != "Trần Hung" {
		t.Fatalf("got %q, want %q", e.Text, "Trần Hung")
	}
	if e.CursorColumn != 4 {
		t.Fatalf("cursor %d, want 4", e.CursorColumn)
	}
}

func TestVNEntry_TypingModeChangesAtRunTime(t *testing.T) {
	test.NewTempApp(t)
	ty := &Typing{Method: vntext.Off}
	e := NewVNEntry(ty)
	test.Type(e, "aa ")
	ty.Method = vntext.Telex
	test.Type(e, "aa")
	if e.Text != "aa â" {
		t.Fatalf("got %q", e.Text)
	}
}

func TestVNEntry_PasswordIgnoresTyping(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	e.Password = true
	test.Type(e, "aas1")
	if e.Text != "aas1" {
		t.Fatalf("password got %q", e.Text)
	}
}

func TestVNEntry_PasteIsNFC(t *testing.T) {
	app := test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	w := test.NewWindow(e)
	defer w.Close()
	cb := app.Clipboard()
	cb.SetContent("Nguye\u0302\u0303n Va\u0306n")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: cb})
	if e.Text != "Nguyễn Văn" {
		t.Fatalf("pasted %q (%+q), want NFC %q", e.Text, e.Text, "Nguyễn Văn")
	}
}

// scan types payload into e with 5 ms gaps, then Enter.
func scan(e *VNEntry, payload string) {
	for _, r := range payload {
		e.TypedRune(r)
	}
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
}

const cccdPayload = "001099012345|012345678|Nguyễn Văn An|01011990|Nam|Số 1 phố Huế, Hà Nội|15082021"

func TestVNEntry_ScannerBurst(t *testing.T) {
	test.NewTempApp(t)
	for _, m := range []vntext.Method{vntext.Off, vntext.Telex, vntext.VNI} {
		t.Run(m.String(), func(t *testing.T) {
			e := NewVNEntry(&Typing{Method: m})
			w := test.NewWindow(e)
			defer w.Close()
			clock := stepClock(200 * time.Millisecond) // a person typing
			e.Now = clock
			test.Type(e, "Hà Nội")
			before, col := e.Text, e.CursorColumn
			submitted := false
			e.OnSubmitted = func(string) { submitted = true }
			var got []string
			e.SetOnScan(func(p string) { got = append(got, p) })
			gap := stepClock(5 * time.Millisecond)
			e.Now = func() time.Time { clock(); return gap() } // then a scanner, 5 ms apart
			base := gap()
			gap = func() func() time.Time {
				t := base.Add(time.Second)
				return func() time.Time { t = t.Add(5 * time.Millisecond); return t }
			}()
			scan(e, cccdPayload)
			if len(got) != 1 || got[0] != cccdPayload {
				t.Fatalf("OnScan got %q, want one %q", got, cccdPayload)
			}
			if e.Text != before || e.CursorColumn != col {
				t.Fatalf("entry %q cursor %d after scan, want %q cursor %d", e.Text, e.CursorColumn, before, col)
			}
			if submitted {
				t.Fatal("a scan must not submit the field")
			}
		})
	}
}

func TestVNEntry_SlowTypingAndEnterSubmits(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Off})
	e.Now = stepClock(150 * time.Millisecond)
	var submitted string
	scanned := false
	e.OnSubmitted = func(s string) { submitted = s }
	e.SetOnScan(func(string) { scanned = true })
	scan(e, "a long line typed by a person at the counter")
	if scanned {
		t.Fatal("slow typing was taken for a scan")
	}
	if submitted != "a long line typed by a person at the counter" {
		t.Fatalf("submitted %q", submitted)
	}
}

func TestVNEntry_BurstGoesToWindowCapture(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	w := test.NewWindow(e)
	defer w.Close()
	c := CaptureScans(w)
	var got string
	c.SetOnScan(func(p string) { got = p })
	e.Now = stepClock(5 * time.Millisecond)
	w.Canvas().Focus(e)
	scan(e, cccdPayload)
	if got != cccdPayload {
		t.Fatalf("window capture got %q", got)
	}
	if e.Text != "" {
		t.Fatalf("entry kept %q", e.Text)
	}
}

func TestScanCapture_NoFocus(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewWindow(widget.NewLabel("x"))
	defer w.Close()
	c := CaptureScans(w)
	if CaptureScans(w) != c {
		t.Fatal("CaptureScans is not idempotent")
	}
	c.Now = stepClock(4 * time.Millisecond)
	var got string
	c.SetOnScan(func(p string) { got = p })
	test.TypeOnCanvas(w.Canvas(), cccdPayload)
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != cccdPayload {
		t.Fatalf("got %q", got)
	}
	// Short bursts are not scans.
	got = ""
	test.TypeOnCanvas(w.Canvas(), "12345")
	w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got != "" {
		t.Fatalf("short burst taken for a scan: %q", got)
	}
}

func TestVNEntry_WindowKeysAndShortcuts(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	w := test.NewWindow(e)
	defer w.Close()
	c := CaptureScans(w)
	var keys []fyne.KeyName
	c.SetOnKey(func(ev *fyne.KeyEvent) bool { keys = append(keys, ev.Name); return true })
	fired := 0
	w.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierControl}, func(fyne.Shortcut) { fired++ })
	w.Canvas().Focus(e)
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyF3})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	e.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierControl})
	if len(keys) != 2 || keys[0] != fyne.KeyF3 || keys[1] != fyne.KeyEscape {
		t.Fatalf("window keys %v", keys)
	}
	if fired != 1 {
		t.Fatalf("Ctrl+N fired %d times while the entry had focus", fired)
	}
	// The entry's own shortcuts stay with it.
	test.Type(e, "abc")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	if e.SelectedText() != "abc" {
		t.Fatalf("select all selected %q", e.SelectedText())
	}
}

func TestVNEntry_SelectionReplaced(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNEntry(&Typing{Method: vntext.Telex})
	w := test.NewWindow(e)
	defer w.Close()
	e.SetText("xyz")
	e.TypedShortcut(&fyne.ShortcutSelectAll{})
	test.Type(e, "Vieetj")
	if e.Text != "Việt" {
		t.Fatalf("got %q", e.Text)
	}
}

func TestVNEntry_MultiLine(t *testing.T) {
	test.NewTempApp(t)
	e := NewVNMultiLineEntry(&Typing{Method: vntext.Telex})
	w := test.NewWindow(e)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 200))
	e.Now = stepClock(200 * time.Millisecond)
	test.Type(e, "Ghi chus")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Type(e, "dongf hai")
	if e.Text != "Ghi chú\ndòng hai" {
		t.Fatalf("got %q", e.Text)
	}
}

func TestParseTyping(t *testing.T) {
	cases := []struct {
		m, s  string
		want  Typing
		wantM string
		wantS string
	}{
		{"telex", "old", Typing{vntext.Telex, vntext.Old}, "telex", "old"},
		{"vni", "modern", Typing{vntext.VNI, vntext.Modern}, "vni", "modern"},
		{"", "", Typing{vntext.Off, vntext.Modern}, "off", "modern"},
		{"bogus", "bogus", Typing{vntext.Off, vntext.Modern}, "off", "modern"},
	}
	for _, c := range cases {
		got := ParseTyping(c.m, c.s)
		if got != c.want {
			t.Errorf("ParseTyping(%q,%q) = %+v", c.m, c.s, got)
		}
		if m, s := got.Strings(); m != c.wantM || s != c.wantS {
			t.Errorf("Strings() = %q,%q", m, s)
		}
	}
}

// An external tool (Unikey, EVKey) sends Backspace then the composed
// letter; with the in-app mode also on, the result must not double up.
func TestVNEntry_ExternalToolSequence(t *testing.T) {
	test.NewTempApp(t)
	for _, m := range []vntext.Method{vntext.Off, vntext.Telex, vntext.VNI} {
		e := NewVNEntry(&Typing{Method: m})
		w := test.NewWindow(e)
		// "tiếng" typed as t i e e s n g with Unikey in Telex mode.
		for _, k := range []string{"t", "i", "e", "\b", "ê", "\b", "ế", "n", "g"} {
			if k == "\b" {
				e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
				continue
			}
			for _, r := range k {
				e.TypedRune(r)
			}
		}
		if e.Text != "tiếng" {
			t.Errorf("%s: got %q, want %q", m, e.Text, "tiếng")
		}
		w.Close()
	}
}
