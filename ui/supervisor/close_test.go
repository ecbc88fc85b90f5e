package supervisor

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"motcua/report"
)

// fakeBackups records automatic backups; err makes them fail.
type fakeBackups struct {
	dir     string
	reasons []string
	err     error
	keyCopy bool
}

func (f *fakeBackups) AutoBackup(reason string) (string, error) {
	f.reasons = append(f.reasons, reason)
	if f.err != nil {
		return "", f.err
	}
	p := filepath.Join(f.dir, "motcua-20251103-173000-"+reason+".db")
	if err := os.WriteFile(p, []byte("backup"), 0o600); err != nil {
		return "", err
	}
	if f.keyCopy {
		if err := os.WriteFile(p+".key", []byte("key"), 0o600); err != nil {
			return "", err
		}
	}
	return p, nil
}

func (f *fakeBackups) BackupDir() string { return f.dir }

func (f *fakeBackups) LastBackup() time.Time {
	if len(f.reasons) == 0 || f.err != nil {
		return time.Time{}
	}
	return time.Date(2025, 11, 3, 17, 30, 0, 0, time.UTC)
}

func (e *env) newClose() *Close {
	w := e.window(widget.NewLabel(""))
	s := NewClose(w, e.deps)
	s.confirm = func(title, msg, yes string, ok func()) { ok() }
	w.SetContent(s.Content())
	s.Dates.From.SetText("03/11/2025")
	s.load()
	s.run.wait()
	if s.dash == nil {
		e.t.Fatalf("day not loaded: %q", s.State.Text)
	}
	return s
}

// typePaper fills one clerk's paper counts.
func (s *closeScreen) typePaper(t *testing.T, clerk string, received, guidance, refused int, note string) *clerkLine {
	t.Helper()
	for _, l := range s.Lines {
		if l.Clerk == clerk {
			for i, n := range []int{received, guidance, refused} {
				l.Paper[i].SetText(fmt.Sprint(n))
			}
			l.Note.SetText(note)
			return l
		}
	}
	t.Fatalf("no line for clerk %s", clerk)
	return nil
}

// TestClose_ClerkReadOnly: a clerk sees the day's figures but cannot type
// or sign.
func TestClose_ClerkReadOnly(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	e.sess = e.clerk
	s := e.newClose()
	if !s.ReadOnly.Visible() || s.Sign.Visible() {
		t.Fatal("the clerk's screen offers the sign-off")
	}
	if len(s.Lines) != 2 {
		t.Fatalf("%d lines", len(s.Lines))
	}
	for _, l := range s.Lines {
		for _, p := range l.Paper {
			if !p.Disabled() {
				t.Fatalf("paper field of %s is editable for a clerk", l.Clerk)
			}
		}
	}
	s.onSign()
	s.run.wait()
	if _, ok, _ := e.svc.DayCloseOf(ict(t, "2025-11-03 00:00")); ok {
		t.Fatal("a clerk closed the day")
	}
	e.assertMarkup("close/clerk.xml")
}

// TestClose_Flow: the supervisor types the paper counts; a difference
// without a note is refused in Vietnamese; with the note the day closes,
// the backup runs and the record shows; an amendment needs a reason and
// is kept with the record.
func TestClose_Flow(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	bk := &fakeBackups{dir: t.TempDir()}
	e.deps.Backups = bk
	s := e.newClose()
	if !strings.HasPrefix(s.State.Text, "Ngày 03/11/2025 chưa đóng: 5 bản ghi") {
		t.Errorf("state %q", s.State.Text)
	}
	if len(s.Lines) != 2 || s.Lines[0].Clerk != "clerk1" || s.Lines[1].Clerk != "clerk2" {
		t.Fatalf("lines %+v", s.Lines)
	}
	if got := [3]string{s.Lines[0].Records[0].Text, s.Lines[0].Records[1].Text, s.Lines[0].Records[2].Text}; got != [3]string{"2", "0", "1"} {
		t.Errorf("clerk1 records %v", got)
	}
	// The records drill down.
	s.Lines[1].Records[1].OnTapped()
	s.run.wait()
	if got := s.drills.Last.Codes(); len(got) != 1 || got[0] != e.codes["d"] {
		t.Errorf("clerk2 guidance drill %v", got)
	}
	s.drills.escape()

	// Nothing typed yet: every clerk needs counts.
	s.onSign()
	if !strings.Contains(s.Problems.Text, "Cán bộ Lê Thị Bình: nhập đủ số trên sổ giấy") {
		t.Errorf("problems %q", s.Problems.Text)
	}
	l1 := s.typePaper(t, "clerk1", 2, 0, 1, "")
	l2 := s.typePaper(t, "clerk2", 2, 1, 0, "")
	if l1.Diff.Text != "Khớp" || l1.noteBox.Visible() {
		t.Errorf("clerk1 diff %q", l1.Diff.Text)
	}
	if l2.Diff.Text != "Lệch: tiếp nhận +1" || !l2.noteBox.Visible() {
		t.Errorf("clerk2 diff %q", l2.Diff.Text)
	}
	s.onSign()
	s.run.wait()
	if s.Problems.Text != "Cán bộ Phạm Văn Dũng: số trên sổ giấy khác số trong hệ thống; phải ghi chú giải thích chênh lệch." {
		t.Errorf("problems %q", s.Problems.Text)
	}
	if _, ok, _ := e.svc.DayCloseOf(ict(t, "2025-11-03 00:00")); ok {
		t.Fatal("closed with an unexplained difference")
	}
	e.assertMarkup("close/difference.xml")

	l2.Note.SetText("Một hồ sơ nhận lúc 16:55 chưa nhập máy")
	s.Note.SetText("Ngày làm việc bình thường")
	s.onSign()
	s.run.wait()
	c, ok, err := e.svc.DayCloseOf(ict(t, "2025-11-03 00:00"))
	if err != nil || !ok {
		t.Fatalf("not closed: %v (problems %q)", err, s.Problems.Text)
	}
	if c.SignedBy != "sup1" || len(c.Differences) != 1 || c.Differences[0].Clerk != "clerk2" || c.Note != "Ngày làm việc bình thường" {
		t.Errorf("record %+v", c)
	}
	if s.Closed() == nil || !strings.HasPrefix(s.State.Text, "Ngày 03/11/2025 đã đóng lúc 03/11/2025 17:30, người ký: Trần Văn Cường (sup1).") {
		t.Errorf("state %q", s.State.Text)
	}
	if len(bk.reasons) != 1 || bk.reasons[0] != "close" {
		t.Errorf("backups %v", bk.reasons)
	}
	if !strings.HasPrefix(s.BackupStatus.Text, "Đã sao lưu vào: "+bk.dir) || !strings.Contains(s.BackupStatus.Text, "chưa đặt mã khôi phục") {
		t.Errorf("backup status %q", s.BackupStatus.Text)
	}
	e.assertMarkup("close/closed.xml")

	// Amendment: the reason is required; the change is listed.
	e.now = e.now.Add(40 * time.Minute)
	s.Amend.OnTapped()
	if !s.amending || s.Lines[1].Paper[0].Text != "2" || s.Lines[1].Note.Text == "" {
		t.Fatalf("amend form not filled: %+v", s.Lines[1])
	}
	s.typePaper(t, "clerk2", 1, 1, 0, "")
	s.onSign()
	if s.Problems.Text != "Điều chỉnh phải ghi lý do." {
		t.Errorf("problems %q", s.Problems.Text)
	}
	s.Reason.SetText("Đếm lại sổ giấy: đúng 1 hồ sơ")
	s.onSign()
	s.run.wait()
	c, _, _ = e.svc.DayCloseOf(ict(t, "2025-11-03 00:00"))
	if len(c.Amendments) != 1 || c.Amendments[0].By != "sup1" || len(c.Differences) != 0 {
		t.Fatalf("amendments %+v", c.Amendments)
	}
	if s.amending || !strings.Contains(s.Record.Text, "Tổng trong hệ thống: tiếp nhận 3") {
		t.Errorf("record %q", s.Record.Text)
	}
	var all []string
	for _, o := range s.body.Objects {
		if l, ok := o.(*widget.Label); ok {
			all = append(all, l.Text)
		}
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"Lý do: Đếm lại sổ giấy: đúng 1 hồ sơ", "Cán bộ Phạm Văn Dũng (clerk2): tiếp nhận (sổ giấy) 2 → 1", "Cán bộ Phạm Văn Dũng (clerk2): ghi chú «Một hồ sơ nhận lúc 16:55 chưa nhập máy» → «»"} {
		if !strings.Contains(text, want) {
			t.Errorf("amendment text lacks %q:\n%s", want, text)
		}
	}
	e.assertMarkup("close/amended.xml")

	// The day's book prints and exports.
	s.onPrint()
	s.run.wait()
	if len(e.books) != 1 || e.books[0] != "print 2025-11-03" || !strings.HasPrefix(s.PrintStatus.Text, "Đã gửi sổ theo dõi") {
		t.Errorf("print %v %q", e.books, s.PrintStatus.Text)
	}
}

// TestClose_ServiceErrors: what the service refuses is shown in
// Vietnamese.
func TestClose_ServiceErrors(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	day := ict(t, "2025-11-03 00:00")
	_, err := e.svc.CloseDay(e.sup, report.CloseInput{Day: day, Paper: map[string]report.PaperCount{"clerk1": {Received: 2, Refused: 1}, "clerk2": {Received: 5, Guidance: 1}}})
	if got := closeErrorText(err); got != "Cán bộ clerk2: số trên sổ giấy khác số trong hệ thống; phải ghi chú giải thích chênh lệch." {
		t.Errorf("difference: %q", got)
	}
	_, err = e.svc.CloseDay(e.sup, report.CloseInput{Day: day, Paper: map[string]report.PaperCount{"clerk1": {Received: 2, Refused: 1}}})
	if got := closeErrorText(err); got != "Cán bộ clerk2: có 2 bản ghi trong hệ thống nhưng chưa nhập số trên sổ giấy." {
		t.Errorf("missing count: %q", got)
	}
	_, err = e.svc.CloseDay(e.clerk, report.CloseInput{Day: day})
	if got := closeErrorText(err); got != "Vai trò của bạn không được phép thực hiện thao tác này." {
		t.Errorf("clerk: %q", got)
	}
	_, err = e.svc.AmendClose(e.sup, day, report.AmendInput{Reason: "x"})
	if got := closeErrorText(err); got != "Ngày này chưa được đóng." {
		t.Errorf("amend open day: %q", got)
	}
}

// TestClose_BackupFailures: a full or read-only backup disk is named in
// Vietnamese and the backup can be retried.
func TestClose_BackupFailures(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want string
	}{
		{"full", fmt.Errorf("write backup: %w", &os.PathError{Op: "write", Path: "/media/usb/x.db", Err: syscall.ENOSPC}), "ổ đĩa của thư mục sao lưu đã đầy"},
		{"read-only", fmt.Errorf("create backup: %w", &os.PathError{Op: "open", Path: "/media/usb/x.db", Err: syscall.EROFS}), "ổ đĩa chỉ đọc, ổ USB bị khóa chống ghi"},
		{"other", errors.New("verify backup: checksum mismatch"), "Sao lưu chưa thành công:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.fixture(false)
			bk := &fakeBackups{dir: "/media/usb", err: c.err}
			e.deps.Backups = bk
			s := e.newClose()
			s.typePaper(t, "clerk1", 2, 0, 1, "")
			s.typePaper(t, "clerk2", 1, 1, 0, "")
			s.onSign()
			s.run.wait()
			if s.Closed() == nil {
				t.Fatalf("not closed: %q", s.Problems.Text)
			}
			if !strings.Contains(s.BackupStatus.Text, c.want) || !s.BackupRetry.Visible() {
				t.Errorf("status %q (retry shown %v)", s.BackupStatus.Text, s.BackupRetry.Visible())
			}
			bk.err = nil
			bk.dir = t.TempDir()
			bk.keyCopy = true
			s.BackupRetry.OnTapped()
			s.run.wait()
			if !strings.HasPrefix(s.BackupStatus.Text, "Đã sao lưu vào: "+bk.dir) || strings.Contains(s.BackupStatus.Text, "mã khôi phục") || s.BackupRetry.Visible() {
				t.Errorf("after retry: %q", s.BackupStatus.Text)
			}
		})
	}
}

// TestClose_Keyboard: Enter moves through the paper fields, then to the
// note of a difference.
func TestClose_Keyboard(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	s := e.newClose()
	c := e.w.Canvas()
	if c.Focused() != s.Lines[0].Paper[0] {
		t.Fatalf("focus on %T, want clerk1's first paper field", c.Focused())
	}
	l := s.typePaper(t, "clerk1", 3, 0, 1, "")
	c.Focus(l.Paper[2])
	l.Paper[2].TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if c.Focused() != l.Note {
		t.Errorf("Enter after a difference went to %T, want the note", c.Focused())
	}
	l.Note.OnSubmitted("")
	if c.Focused() != s.Lines[1].Paper[0] {
		t.Errorf("Enter in the note went to %T, want the next clerk", c.Focused())
	}
}
