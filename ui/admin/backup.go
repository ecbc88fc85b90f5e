package admin

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/dossier"
	"motcua/ui/widgets"
)

// BackupTab makes a verified hot backup now and explains how to restore.
type BackupTab struct {
	cfg *Config

	Folder  *widget.Label
	Run     *widget.Button
	Status  *widget.Label
	Restore *widget.Label
	running bool
	// inline runs the backup on the caller's goroutine (tests).
	inline bool
}

func newBackupTab(cfg *Config) *BackupTab { return &BackupTab{cfg: cfg} }

// Dir is the folder backups go to: the office's backup folder, else
// <data folder>/backups.
func (t *BackupTab) Dir() string {
	if d := t.cfg.Session.Office.BackupDir; d != "" {
		return d
	}
	return filepath.Join(t.cfg.DataDir, "backups")
}

func (t *BackupTab) build() fyne.CanvasObject {
	t.Folder = widget.NewLabel(tr("backup.folder", "Thư mục sao lưu: {{.D}}", map[string]string{"D": t.Dir()}))
	t.Folder.Wrapping = fyne.TextWrapWord
	t.Run = widget.NewButtonWithIcon(tr("backup.run", "Sao lưu ngay"), theme.DocumentSaveIcon(), t.onRun)
	t.Run.Importance = widget.HighImportance
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	dbPath := "motcua.db"
	if t.cfg.Backups != nil {
		dbPath = t.cfg.Backups.DBPath()
	} else {
		t.Run.Disable()
		t.Status.SetText(tr("backup.unavailable", "Chức năng sao lưu chưa được nối với cơ sở dữ liệu trên máy này."))
	}
	t.Restore = widget.NewLabel(tr("backup.restore", restoreText, map[string]string{"DB": dbPath, "Dir": t.Dir()}))
	t.Restore.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle(tr("backup.restore.heading", "Khôi phục từ bản sao lưu"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabel(tr("backup.intro", "Bản sao lưu là một bản sao đầy đủ của cơ sở dữ liệu, được kiểm tra ngay sau khi ghi. Quầy vẫn làm việc bình thường trong khi sao lưu.")),
		t.Folder, container.NewHBox(t.Run), t.Status,
		widget.NewSeparator(), heading, t.Restore,
	)))
}

const restoreText = `Khôi phục thay thế toàn bộ dữ liệu của quầy bằng bản sao lưu; chỉ làm khi cơ sở dữ liệu bị hỏng hoặc máy được cài lại.
1. Đóng chương trình motcua trên máy này.
2. Mở cửa sổ lệnh (cmd) và chạy: motcuactl --db "{{.DB}}" restore "<tệp sao lưu>" — lệnh kiểm tra bản sao lưu trước, giữ lại bản cũ bên cạnh, rồi mới thay thế.
3. Trước khi tiếp nhận hồ sơ mới, để bộ đếm không cấp lại mã đã in sau lần sao lưu: nếu quầy đã đăng ký với hub, kết nối mạng và chạy motcuactl --db "{{.DB}}" sync push (hub trả về các mã nó đang giữ của quầy); mã đã in mà hub chưa nhận thì thêm --last-code <mã> vào lệnh khôi phục (xem biên nhận giấy hoặc sổ theo dõi).
4. Mở lại motcua và đăng nhập; kiểm tra hồ sơ tiếp nhận gần nhất.
Các bản sao lưu nằm trong {{.Dir}}, tên theo ngày giờ sao lưu.`

func (t *BackupTab) onRun() {
	widgets.NoteActivity()
	if err := account.Require(t.cfg.Session.User.Role, account.ActBackup); err != nil {
		t.Status.SetText(widgets.ErrorText(err))
		return
	}
	if t.cfg.Backups == nil || t.running {
		return
	}
	now := t.cfg.now().In(dossier.Zone)
	path := filepath.Join(t.Dir(), fmt.Sprintf("motcua-%s.db", now.Format("20060102-150405")))
	t.running = true
	t.Run.Disable()
	t.Status.SetText(tr("backup.running", "Đang sao lưu…"))
	work := func() {
		rep, err := t.cfg.Backups.BackupFile(path)
		done := func() {
			t.running = false
			t.Run.Enable()
			if err != nil {
				t.Status.SetText(tr("backup.failed", "Sao lưu không thành công.") + " " + widgets.ErrorText(err))
				return
			}
			msg := tr("backup.done", "Đã sao lưu {{.N}} hồ sơ ({{.MB}} MB) vào {{.P}}.", map[string]string{
				"N": fmt.Sprint(rep.Dossiers), "MB": fmt.Sprintf("%.1f", float64(rep.Size)/(1<<20)), "P": path})
			if rep.Problems > 0 {
				msg += " " + tr("backup.problems", "Kiểm tra bản sao phát hiện {{.N}} vấn đề: báo quản trị viên chạy motcuactl check.", map[string]int{"N": rep.Problems})
			}
			t.Status.SetText(msg)
		}
		if t.inline {
			done()
		} else {
			fyne.Do(done)
		}
	}
	if t.inline {
		work()
	} else {
		go work()
	}
}
