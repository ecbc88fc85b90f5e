package supervisor

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// Backups is the backup panel as a screen of its own (it is also part of
// the sync screen): where automatic backups go, when the last one was
// made, and "Sao lưu ngay".
type Backups struct {
	*backupPanel
	keys *kit.Keys
	win  fyne.Window
	run  runner
	root fyne.CanvasObject
}

// NewBackups builds the backup panel for window w.
func NewBackups(w fyne.Window, deps Deps) *Backups {
	b := &Backups{keys: kit.NewKeys(), win: w}
	d := deps
	b.backupPanel = newBackupPanel(&d, &b.run, b.keys)
	b.root = container.NewVScroll(container.NewPadded(b.backupPanel.object()))
	return b
}

// Title is the screen's name.
func (b *Backups) Title() string { return tr("backup.title", "Sao lưu") }

// Content returns the screen's root object.
func (b *Backups) Content() fyne.CanvasObject { return b.root }

// Focus reads the backup folder again.
func (b *Backups) Focus() {
	b.keys.Install(b.win.Canvas())
	b.refresh()
}

// backupPanel shows the automatic backups and runs one on demand, off the
// UI goroutine, with a clear message when the disk is full or read-only.
type backupPanel struct {
	deps *Deps
	run  *runner
	keys *kit.Keys

	Dir    *widget.Label
	Last   *widget.Label
	Run    *kit.Button
	act    *widget.Activity
	Status *widget.Label
	busy   bool
}

func newBackupPanel(deps *Deps, run *runner, keys *kit.Keys) *backupPanel {
	p := &backupPanel{deps: deps, run: run, keys: keys}
	p.Dir = widget.NewLabel("")
	p.Dir.Wrapping = fyne.TextWrapWord
	p.Last = widget.NewLabel("")
	p.Run = kit.NewButton(tr("backup.run", "Sao lưu ngay"), "", keys, p.onRun)
	p.act = widget.NewActivity()
	p.act.Hide()
	p.Status = statusLabel()
	if deps.Backups == nil {
		p.Run.Disable()
		setText(p.Status, tr("backup.unavailable", "Chức năng sao lưu chưa có trên máy này."))
	}
	return p
}

func (p *backupPanel) object() fyne.CanvasObject {
	info := container.NewVBox(
		kit.Hint(tr("backup.intro", "Quầy tự sao lưu toàn bộ dữ liệu khi đóng ngày và khi tắt chương trình; mỗi bản sao lưu được kiểm tra ngay sau khi ghi và quầy vẫn làm việc bình thường trong lúc sao lưu.")),
		container.New(&colLayout{widths: []float32{240}}, widget.NewLabel(tr("backup.dirLabel", "Thư mục sao lưu")), p.Dir),
		container.New(&colLayout{widths: []float32{240}}, widget.NewLabel(tr("backup.lastLabel", "Bản sao lưu gần nhất")), p.Last),
		container.NewHBox(p.Run, p.act),
		p.Status,
	)
	return widget.NewCard(tr("backup.card", "Sao lưu"), "", info)
}

// refresh reads the folder and the newest backup off the UI goroutine.
func (p *backupPanel) refresh() {
	b := p.deps.Backups
	if b == nil {
		p.Dir.SetText("—")
		p.Last.SetText("—")
		return
	}
	var dir string
	var last time.Time
	p.run.run(func() {
		dir, last = b.BackupDir(), b.LastBackup()
	}, func() {
		p.Dir.SetText(dir)
		if last.IsZero() {
			p.Last.SetText(tr("backup.none", "chưa có bản nào"))
		} else {
			p.Last.SetText(stamp(last))
		}
	})
}

// onRun makes a backup now.
func (p *backupPanel) onRun() {
	widgets.NoteActivity()
	b := p.deps.Backups
	if b == nil || p.busy {
		return
	}
	if sess := p.deps.session(); sess != nil {
		if err := account.Require(sess.User.Role, account.ActBackup); err != nil {
			setText(p.Status, widgets.ErrorText(err))
			return
		}
	}
	p.busy = true
	p.Run.Disable()
	p.act.Show()
	p.act.Start()
	setText(p.Status, tr("backup.running", "Đang sao lưu… (quầy vẫn làm việc bình thường)"))
	var path, dir string
	var err error
	var keyCopy bool
	p.run.run(func() {
		dir = b.BackupDir()
		path, err = b.AutoBackup("manual")
		keyCopy = hasKeyCopy(path)
	}, func() {
		p.busy = false
		p.Run.Enable()
		p.act.Stop()
		p.act.Hide()
		if err != nil {
			fyne.LogError("backup", err)
			setText(p.Status, backupText(err, dir))
		} else {
			setText(p.Status, backupDone(path, keyCopy))
		}
		p.refresh()
	})
}
