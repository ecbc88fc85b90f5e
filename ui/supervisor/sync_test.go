package supervisor

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"motcua/syncer"
	"motcua/ui/widgets"
	"motcua/wire"
)

// fakeWorker is a sync worker with a fixed status.
type fakeWorker struct {
	mu     sync.Mutex
	status syncer.Status
	now    int
}

func (f *fakeWorker) Status() syncer.Status {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.status
}

func (f *fakeWorker) SyncNow() {
	f.mu.Lock()
	f.now++
	f.mu.Unlock()
}

var _ SyncWorker = (*syncer.Worker)(nil)

func (e *env) newSync() *Sync {
	w := e.window(widget.NewLabel(""))
	s := NewSync(w, e.deps)
	w.SetContent(s.Content())
	s.Focus()
	s.run.wait()
	return s
}

// quarantine moves the first n pending outbox events to the quarantine.
func (e *env) quarantine(n int, reason string) []uint64 {
	e.t.Helper()
	items, err := e.db.Pending(0, n)
	if err != nil || len(items) < n {
		e.t.Fatalf("pending: %v (%d)", err, len(items))
	}
	var seqs []uint64
	for _, it := range items {
		if err := e.db.Quarantine(it.Seq, reason); err != nil {
			e.t.Fatal(err)
		}
		seqs = append(seqs, it.Seq)
	}
	return seqs
}

// TestSync_QuarantineRetry: the panel lists the hub's rejections with the
// reason; "Gửi lại" puts one back in the outbox and wakes the worker.
func TestSync_QuarantineRetry(t *testing.T) {
	e := newEnv(t)
	e.fixture(true)
	seqs := e.quarantine(2, "conflict: dossier 000.00.06.H56-251020-0001 already exists with other content")
	w := &fakeWorker{status: syncer.Status{Running: true, LastSuccess: ict(t, "2025-11-03 16:00"),
		LastError: "push: hub refused (503 internal): database unavailable", LastErrorAt: ict(t, "2025-11-03 17:20"),
		NextAttempt: ict(t, "2025-11-03 17:32"), Failures: 2}}
	e.deps.Sync = w
	e.deps.Progress = &ProgressRelay{}
	s := e.newSync()

	if len(s.Items) != 2 || len(s.Retries) != 2 {
		t.Fatalf("items %+v", s.Items)
	}
	if got := s.Quarantined.Text; got != "2 thay đổi (xem danh sách bên dưới)" {
		t.Errorf("quarantined %q", got)
	}
	if s.Pending.Text != "13 thay đổi" { // 15 events (9 records, 3 × 2 later events) − 2
		t.Errorf("pending %q", s.Pending.Text)
	}
	if s.LastSuccess.Text != "03/11/2025 16:00" || s.NextAttempt.Text != "03/11/2025 17:32 (sau 2 lần thất bại liên tiếp)" {
		t.Errorf("last success %q, next %q", s.LastSuccess.Text, s.NextAttempt.Text)
	}
	if !strings.Contains(s.LastError.Text, "Máy chủ tỉnh đang gặp sự cố") || !strings.Contains(s.ErrDetail.Text, "hub refused (503 internal)") {
		t.Errorf("last error %q / %q", s.LastError.Text, s.ErrDetail.Text)
	}
	if !s.RetryAll.Visible() {
		t.Error("no retry-all button for two items")
	}
	if s.Raised.Visible() {
		t.Errorf("counters-raised notice shown with nothing raised: %q", s.Raised.Text)
	}
	e.assertMarkup("sync/quarantine.xml")

	s.Retries[0].OnTapped()
	s.run.wait()
	left, err := e.db.QuarantineList()
	if err != nil || len(left) != 1 || left[0].Seq != seqs[1] {
		t.Fatalf("quarantine after retry: %+v %v", left, err)
	}
	if w.now != 1 {
		t.Errorf("SyncNow called %d times", w.now)
	}
	if want := fmt.Sprintf("Đã đưa thay đổi số %d trở lại hàng chờ gửi.", seqs[0]); s.Message.Text != want {
		t.Errorf("message %q", s.Message.Text)
	}
	if len(s.Items) != 1 || s.Pending.Text != "14 thay đổi" {
		t.Errorf("after retry: %d items, pending %q", len(s.Items), s.Pending.Text)
	}

	// Sync now.
	s.SyncNow.OnTapped()
	s.run.wait()
	if w.now != 2 || s.Message.Text != "Đã yêu cầu đồng bộ ngay." {
		t.Errorf("sync now: %d, %q", w.now, s.Message.Text)
	}

	// Progress reports arrive from the worker's goroutine.
	done := make(chan struct{})
	go func() {
		e.deps.Progress.SyncProgress(syncer.Report{Phase: "push", Sent: 4, Acked: 3, Pending: 8})
		close(done)
	}()
	<-done
	s.run.wait()
	if s.ProgressMsg.Text != "Đang gửi: 4/8 thay đổi, máy chủ đã nhận 3, từ chối 0." || s.Progress.Value != 0.5 || !s.Progress.Visible() {
		t.Errorf("progress %q %v", s.ProgressMsg.Text, s.Progress.Value)
	}
	e.deps.Progress.SyncProgress(syncer.Report{Phase: "error", Err: &syncer.HubError{Status: 403, Code: "unknown-desk", Msg: "no such desk"}})
	s.run.wait()
	if !strings.Contains(s.ProgressMsg.Text, "Máy chủ tỉnh không nhận ra quầy này") || s.Progress.Visible() {
		t.Errorf("error progress %q", s.ProgressMsg.Text)
	}
	e.deps.Progress.SyncProgress(syncer.Report{Phase: "done", Sent: 8, Acked: 8, Pulled: 2})
	s.run.wait()
	if s.ProgressMsg.Text != "Đồng bộ xong: gửi 8, máy chủ nhận 8, từ chối 0; nhận về 2 thay đổi." {
		t.Errorf("done %q", s.ProgressMsg.Text)
	}
	s.Close()
	if len(e.deps.Progress.subs) != 0 {
		t.Error("the closed panel still listens to the worker")
	}
}

// TestSync_RaisedCounters: when the hub's code floors raised the day
// counters (a desk restored from an older backup), the panel says which
// codes, so the office can re-enter the lost dossiers.
func TestSync_RaisedCounters(t *testing.T) {
	e := newEnv(t)
	e.fixture(true)
	e.deps.Sync = &fakeWorker{status: syncer.Status{Running: true, LastSuccess: ict(t, "2025-11-03 16:00"),
		Raised: []string{"000.00.06.H56-251103-0012", "000.00.06.H56-251102-0040"}}}
	s := e.newSync()
	if !s.Raised.Visible() || !strings.Contains(s.Raised.Text, "bộ đếm đã được nâng vượt 000.00.06.H56-251103-0012, 000.00.06.H56-251102-0040") {
		t.Fatalf("notice %v %q", s.Raised.Visible(), s.Raised.Text)
	}
	s.Close()
}

// TestSync_NoHub: without a hub the panel says so and shows the USB
// commands with this desk's database.
func TestSync_NoHub(t *testing.T) {
	e := newEnv(t)
	e.fixture(true)
	e.deps.DBPath = `C:\motcua\motcua.db`
	s := e.newSync()
	if !s.SyncNow.Disabled() || !strings.HasPrefix(s.Hub.Text, "Chưa cấu hình") {
		t.Errorf("hub %q, sync now enabled %v", s.Hub.Text, !s.SyncNow.Disabled())
	}
	for _, want := range []string{
		`motcuactl --db "C:\motcua\motcua.db" sync export E:\motcua-gui.bundle`,
		`motcua-hub import E:\motcua-gui.bundle --out E:\motcua-tra-loi.bundle`,
		`motcuactl --db "C:\motcua\motcua.db" sync import E:\motcua-tra-loi.bundle`,
		"Đóng chương trình motcua",
	} {
		if !strings.Contains(s.USB.Text, want) {
			t.Errorf("USB text lacks %q:\n%s", want, s.USB.Text)
		}
	}
	s.CopyUSB.OnTapped()
	if got := fyne.CurrentApp().Clipboard().Content(); got != usbCommands(`C:\motcua\motcua.db`) {
		t.Errorf("clipboard %q", got)
	}
	if s.Pending.Text != "15 thay đổi" || len(s.Items) != 0 {
		t.Errorf("pending %q, %d quarantined", s.Pending.Text, len(s.Items))
	}
	e.assertMarkup("sync/nohub.xml")
}

// TestSyncErrorText: hub refusals by code and network failures in
// Vietnamese.
func TestSyncErrorText(t *testing.T) {
	for _, c := range []struct {
		err  error
		msg  string
		want string
	}{
		{&syncer.HubError{Status: 401, Code: "unknown-desk"}, "", "không nhận ra quầy"},
		{nil, "push: hub refused (409 stale-incarnation): restored", "khôi phục từ bản sao lưu"},
		{nil, "push: hub refused (401 signature): bad", "chữ ký số"},
		{nil, "push: hub refused (429 ): slow down", "quá tải"},
		{nil, "push: hub refused (502 ): bad gateway", "đang gặp sự cố"},
		{nil, `Post "https://hub/api": dial tcp 10.0.0.1:443: connect: connection refused`, "máy chủ không trả lời"},
		{nil, `Post "https://hub/api": dial tcp: lookup hub.example: no such host`, "Không tìm thấy địa chỉ"},
		{nil, `Post "https://hub/api": context deadline exceeded (Client.Timeout exceeded)`, "Mạng chậm"},
		{nil, `Post "https://hub/api": tls: failed to verify certificate: x509: certificate signed by unknown authority`, "Chứng chỉ bảo mật"},
		{nil, "dial tcp: connect: network is unreachable", "chưa kết nối mạng"},
		{errors.New("something odd"), "", "Đồng bộ chưa thành công"},
	} {
		if got := syncErrorText(c.err, c.msg); !strings.Contains(got, c.want) {
			t.Errorf("%v %q → %q, want …%s…", c.err, c.msg, got, c.want)
		}
	}
	widgets.SetLanguage(widgets.LangEnglish)
	defer widgets.SetLanguage(widgets.LangVietnamese)
	if got := syncErrorText(nil, "push: hub refused (503 internal): x"); got != "push: hub refused (503 internal): x" {
		t.Errorf("English: %q", got)
	}
}

// TestBackups_Real: the panel runs a real automatic backup of the desk
// (wire.Desk.AutoBackup) into the backup folder.
func TestBackups_Real(t *testing.T) {
	e := newEnv(t)
	e.fixture(false)
	d, err := wire.FromDB(e.db)
	if err != nil {
		t.Fatal(err)
	}
	d.Service.Now = func() time.Time { return e.now }
	e.deps.Backups = d
	s := e.newSync()
	if s.Backups.Dir.Text != d.BackupDir() || s.Backups.Last.Text != "chưa có bản nào" {
		t.Errorf("dir %q, last %q", s.Backups.Dir.Text, s.Backups.Last.Text)
	}
	s.Backups.Run.OnTapped()
	s.run.wait()
	want := filepath.Join(d.BackupDir(), "motcua-20251103-173000-manual.db")
	if _, err := os.Stat(want); err != nil {
		t.Fatalf("backup file: %v (status %q)", err, s.Backups.Status.Text)
	}
	if !strings.HasPrefix(s.Backups.Status.Text, "Đã sao lưu vào: "+want) || !strings.Contains(s.Backups.Status.Text, "chưa đặt mã khôi phục") {
		t.Errorf("status %q", s.Backups.Status.Text)
	}
	if s.Backups.Last.Text == "chưa có bản nào" {
		t.Error("the last backup was not read again")
	}
}

// TestBackups_ReadOnly: a backup folder that cannot be written (an
// injected permission error, as a locked USB stick gives) gets the
// Vietnamese read-only message.
func TestBackups_ReadOnly(t *testing.T) {
	e := newEnv(t)
	bk := &fakeBackups{dir: "/media/usb", err: &os.PathError{Op: "open", Path: "/media/usb/x", Err: os.ErrPermission}}
	e.deps.Backups = bk
	b := NewBackups(e.window(widget.NewLabel("")), e.deps)
	b.Run.OnTapped()
	b.run.wait()
	if !strings.Contains(b.Status.Text, "không ghi được vào thư mục sao lưu (/media/usb)") {
		t.Errorf("status %q", b.Status.Text)
	}
	if len(bk.reasons) != 1 || bk.reasons[0] != "manual" {
		t.Errorf("reasons %v", bk.reasons)
	}
}

var _ BackupRunner = (*wire.Desk)(nil)
