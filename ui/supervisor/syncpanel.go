package supervisor

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/syncer"
	"motcua/syncproto"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// maxQuarantineRows bounds the quarantine shown at once.
const maxQuarantineRows = 100

// Sync is the sync panel (Đồng bộ): what waits in the outbox, the
// quarantine (events the hub rejected, with its reason and a retry each),
// the last success, the last error in Vietnamese, the next attempt, "sync
// now" with the worker's progress; without a hub, the USB carry commands
// for the IT staff. The backup panel sits below.
type Sync struct{ *syncPanel }

type syncPanel struct {
	deps Deps
	win  fyne.Window
	keys *kit.Keys
	run  runner

	Hub         *widget.Label
	Pending     *widget.Label
	Quarantined *widget.Label
	LastSuccess *widget.Label
	LastError   *widget.Label
	ErrDetail   *widget.Label
	// Raised says which day counters the hub's code floors raised (a
	// desk restored from an older backup); hidden otherwise.
	Raised      *widget.Label
	NextAttempt *widget.Label
	SyncNow     *kit.Button
	Progress    *widget.ProgressBar
	ProgressMsg *widget.Label
	USB         *widget.Label
	CopyUSB     *widget.Button
	RetryAll    *widget.Button
	Message     *widget.Label

	// Items are the quarantined events shown, with their retry buttons.
	Items   []Quarantined
	Retries []*widget.Button
	qbox    *fyne.Container

	Backups  *backupPanel
	root     fyne.CanvasObject
	unlisten func()
	// lastErr is the error of the last progress report (the worker's
	// status only keeps its text).
	lastErr error
}

// NewSync builds the sync panel for window w.
func NewSync(w fyne.Window, deps Deps) *Sync {
	s := &syncPanel{deps: deps, win: w, keys: kit.NewKeys()}
	s.build()
	s.unlisten = deps.Progress.listen(func(r syncer.Report) { fyneDo(func() { s.onProgress(r) }) })
	return &Sync{s}
}

// Title is the screen's name.
func (s *syncPanel) Title() string { return tr("sync.title", "Đồng bộ và sao lưu") }

// Content returns the screen's root object.
func (s *syncPanel) Content() fyne.CanvasObject { return s.root }

// Focus installs the shortcuts and reads the status.
func (s *syncPanel) Focus() {
	s.keys.Install(s.win.Canvas())
	s.refresh()
	s.Backups.refresh()
}

// HandleKey takes F5 (read the status again).
func (s *syncPanel) HandleKey(ev *fyne.KeyEvent) bool { return s.keys.HandleKey(ev) }

// Close stops listening to the worker (the shell drops the screen).
func (s *syncPanel) Close() {
	if s.unlisten != nil {
		s.unlisten()
		s.unlisten = nil
	}
}

func (s *syncPanel) build() {
	s.keys.Key(fyne.KeyF5, s.refresh)
	s.keys.Shortcut(fyne.KeyR, s.onSyncNow)
	label := func() *widget.Label {
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	s.Hub, s.Pending, s.Quarantined, s.LastSuccess, s.NextAttempt = label(), label(), label(), label(), label()
	s.LastError = errorText("")
	s.ErrDetail = kit.Hint("")
	s.ErrDetail.Hide()
	s.Raised = errorText("")
	s.SyncNow = kit.NewButton(tr("sync.now", "Đồng bộ ngay"), "Ctrl+R", s.keys, s.onSyncNow)
	s.SyncNow.Importance = widget.HighImportance
	s.Progress = widget.NewProgressBar()
	s.Progress.Hide()
	s.ProgressMsg = statusLabel()
	s.Message = statusLabel()
	s.RetryAll = widget.NewButton(tr("sync.retryAll", "Gửi lại tất cả"), s.onRetryAll)
	s.RetryAll.Hide()
	s.qbox = container.NewVBox()
	s.USB = label()
	s.USB.TextStyle = fyne.TextStyle{Monospace: false}
	s.CopyUSB = widget.NewButton(tr("sync.copy", "Sao chép các lệnh"), func() {
		fyne.CurrentApp().Clipboard().SetContent(usbCommands(s.deps.DBPath))
		setText(s.Message, tr("sync.copied", "Đã sao chép các lệnh vào bộ nhớ tạm."))
	})
	s.Backups = newBackupPanel(&s.deps, &s.run, s.keys)

	grid := container.New(&colLayout{widths: []float32{240}},
		widget.NewLabel(tr("sync.hubLabel", "Máy chủ tỉnh")), s.Hub)
	rows := []fyne.CanvasObject{grid}
	for _, r := range []struct {
		k string
		v *widget.Label
	}{
		{tr("sync.pendingLabel", "Chờ gửi"), s.Pending},
		{tr("sync.quarantineLabel", "Bị máy chủ từ chối"), s.Quarantined},
		{tr("sync.lastSuccessLabel", "Lần thành công gần nhất"), s.LastSuccess},
		{tr("sync.nextLabel", "Lần thử tiếp theo"), s.NextAttempt},
	} {
		rows = append(rows, container.New(&colLayout{widths: []float32{240}}, widget.NewLabel(r.k), r.v))
	}
	status := widget.NewCard(tr("sync.status", "Trạng thái đồng bộ"), "", container.NewVBox(append(rows,
		s.LastError, s.ErrDetail, s.Raised,
		container.NewHBox(s.SyncNow),
		s.Progress, s.ProgressMsg, s.Message,
	)...))
	quarantine := widget.NewCard(tr("sync.quarantine", "Thay đổi bị máy chủ tỉnh từ chối (cách ly)"),
		tr("sync.quarantineSub", "Mỗi mục không chặn các thay đổi khác. Sửa nguyên nhân (theo lý do máy chủ ghi) rồi bấm \"Gửi lại\"."),
		container.NewVBox(s.qbox, container.NewHBox(s.RetryAll)))
	usb := widget.NewCard(tr("sync.usb", "Chuyển dữ liệu bằng USB"), "", container.NewVBox(s.USB, container.NewHBox(s.CopyUSB)))
	body := []fyne.CanvasObject{status, quarantine}
	if s.deps.Sync == nil {
		s.USB.SetText(usbText(s.deps.DBPath))
		body = append(body, usb)
	}
	body = append(body, s.Backups.object())
	s.root = container.NewVScroll(container.NewPadded(container.NewVBox(body...)))
	s.showStatus(syncer.Status{}, syncproto.OutboxStats{}, false, nil)
}

// usbCommands are the USB carry commands (issue 7: motcuactl sync export
// and import, motcua-hub import).
func usbCommands(db string) string {
	if db == "" {
		db = "<tệp cơ sở dữ liệu>"
	}
	return strings.Join([]string{
		fmt.Sprintf(`motcuactl --db "%s" sync export E:\motcua-gui.bundle`, db),
		`motcua-hub import E:\motcua-gui.bundle --out E:\motcua-tra-loi.bundle`,
		fmt.Sprintf(`motcuactl --db "%s" sync import E:\motcua-tra-loi.bundle`, db),
	}, "\n")
}

func usbText(db string) string {
	cmds := strings.Split(usbCommands(db), "\n")
	return tr("sync.usbText", "Quầy này chưa được nối với máy chủ tỉnh: mọi hồ sơ vẫn được lưu an toàn trên máy và chờ gửi. Cán bộ CNTT chuyển dữ liệu bằng ổ USB (ví dụ ổ E:) như sau:\n1. Đóng chương trình motcua trên máy này.\n2. Ghi các thay đổi chờ gửi ra USB:\n    {{.A}}\n3. Tại máy chủ tỉnh, nhập gói và ghi gói trả lời:\n    {{.B}}\n4. Quay lại quầy, nhập gói trả lời (xác nhận, trạng thái mới từ tỉnh):\n    {{.C}}\n5. Mở lại motcua. Để nối mạng trực tiếp: motcuactl sync enroll --hub ĐỊA_CHỈ --token MÃ (mã do máy chủ tỉnh cấp bằng motcua-hub enroll).",
		map[string]any{"A": cmds[0], "B": cmds[1], "C": cmds[2]})
}

// refresh reads the worker's status, the outbox and the quarantine off the
// UI goroutine.
func (s *syncPanel) refresh() {
	var (
		st     syncer.Status
		stats  syncproto.OutboxStats
		known  bool
		items  []Quarantined
		err    error
		worker = s.deps.Sync
		outbox = s.deps.Outbox
	)
	s.run.run(func() {
		if worker != nil {
			st = worker.Status()
		}
		if outbox != nil {
			var e1, e2 error
			stats, e1 = outbox.OutboxStats()
			items, e2 = outbox.QuarantineItems()
			known = e1 == nil
			if e1 != nil {
				err = e1
			} else if e2 != nil {
				err = e2
			}
		}
	}, func() {
		s.showStatus(st, stats, known, err)
		s.showQuarantine(items)
	})
}

// showStatus fills the status card.
func (s *syncPanel) showStatus(st syncer.Status, stats syncproto.OutboxStats, known bool, err error) {
	switch {
	case s.deps.Sync == nil:
		s.Hub.SetText(tr("sync.noHub", "Chưa cấu hình (làm việc không nối mạng; chuyển dữ liệu bằng USB, xem hướng dẫn bên dưới)."))
		s.SyncNow.Disable()
	case !st.Running:
		s.Hub.SetText(tr("sync.stopped", "Đã cấu hình; bộ đồng bộ chưa chạy."))
		s.SyncNow.Enable()
	case st.Syncing:
		s.Hub.SetText(tr("sync.syncing", "Đang trao đổi với máy chủ tỉnh…"))
		s.SyncNow.Enable()
	case st.Blocked:
		s.Hub.SetText(tr("sync.blocked", "Máy chủ tỉnh từ chối quầy: cần cán bộ CNTT xử lý (quầy chỉ tự thử lại thưa, 30 phút một lần)."))
		s.SyncNow.Enable()
	default:
		s.Hub.SetText(tr("sync.running", "Đã nối; tự động gửi sau mỗi thay đổi và định kỳ mỗi phút."))
		s.SyncNow.Enable()
	}
	if known {
		s.Pending.SetText(tr("sync.pendingN", "{{.N}} thay đổi", map[string]any{"N": num(stats.Pending)}))
		s.Quarantined.SetText(tr("sync.quarantinedN", "{{.N}} thay đổi (xem danh sách bên dưới)", map[string]any{"N": num(stats.Quarantined)}))
	} else {
		unknown := tr("sync.unknown", "chưa đọc được")
		s.Pending.SetText(unknown)
		s.Quarantined.SetText(unknown)
	}
	if err != nil {
		fyne.LogError("sync panel: read the outbox", err)
		setText(s.Message, tr("sync.readFailed", "Chưa đọc được hàng chờ đồng bộ: {{.E}}", map[string]any{"E": storageText(err)}))
	}
	if st.LastSuccess.IsZero() {
		s.LastSuccess.SetText(tr("sync.never", "chưa lần nào"))
	} else {
		s.LastSuccess.SetText(stamp(st.LastSuccess))
	}
	switch {
	case s.deps.Sync == nil || !st.Running:
		s.NextAttempt.SetText("—")
	case st.NextAttempt.IsZero():
		s.NextAttempt.SetText(tr("sync.nextSoon", "khi có thay đổi mới, hoặc trong vòng một phút"))
	default:
		s.NextAttempt.SetText(tr("sync.nextAt", "{{.T}} (sau {{.N}} lần thất bại liên tiếp)", map[string]any{"T": stamp(st.NextAttempt), "N": st.Failures}))
	}
	raised := ""
	if len(st.Raised) > 0 {
		raised = tr("sync.raised", "Máy chủ tỉnh đang giữ mã hồ sơ mà quầy đã cấp sau lần sao lưu được khôi phục: bộ đếm đã được nâng vượt {{.Codes}}, nên các mã đó không bị cấp lại. Hãy nhập lại các hồ sơ này từ biên nhận giấy hoặc sổ theo dõi nếu quầy không còn chúng.",
			map[string]any{"Codes": strings.Join(st.Raised, ", ")})
	}
	kit.SetError(s.Raised, raised)
	if st.LastError == "" {
		kit.SetError(s.LastError, "")
		s.ErrDetail.Hide()
		return
	}
	kit.SetError(s.LastError, tr("sync.lastError", "Lỗi lần gần nhất ({{.T}}): {{.E}}", map[string]any{"T": stamp(st.LastErrorAt), "E": syncErrorText(s.lastErr, st.LastError)}))
	s.ErrDetail.SetText(tr("sync.detail", "Chi tiết kỹ thuật (cho cán bộ CNTT): {{.E}}", map[string]any{"E": st.LastError}))
	s.ErrDetail.Show()
}

// showQuarantine lists the quarantined events with their retry buttons.
func (s *syncPanel) showQuarantine(items []Quarantined) {
	s.Items = items
	s.Retries = nil
	var rows []fyne.CanvasObject
	if len(items) == 0 {
		rows = append(rows, widget.NewLabel(tr("sync.noQuarantine", "Không có thay đổi nào bị từ chối.")))
	}
	for i, q := range items {
		if i == maxQuarantineRows {
			rows = append(rows, widget.NewLabel(tr("sync.more", "… và {{.N}} mục khác (gửi lại các mục trên trước).", map[string]any{"N": num(len(items) - i)})))
			break
		}
		seq := q.Seq
		b := widget.NewButton(tr("sync.retry", "Gửi lại"), func() { s.onRetry([]uint64{seq}) })
		s.Retries = append(s.Retries, b)
		head := widget.NewLabelWithStyle(tr("sync.item", "Thay đổi số {{.S}}{{.W}} · bị từ chối lúc {{.T}} · đã gửi {{.A}} lần", map[string]any{"S": q.Seq, "W": aboutText(q), "T": stamp(q.At), "A": q.Attempts}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		reason := widget.NewLabel(tr("sync.reason", "Lý do máy chủ ghi: {{.R}}", map[string]any{"R": q.Reason}))
		reason.Wrapping = fyne.TextWrapWord
		rows = append(rows, container.NewBorder(nil, nil, nil, b, container.NewVBox(head, reason)), widget.NewSeparator())
	}
	s.qbox.Objects = rows
	s.qbox.Refresh()
	if len(items) > 1 {
		s.RetryAll.Show()
	} else {
		s.RetryAll.Hide()
	}
}

// aboutText says what a quarantined event is about: ", hồ sơ CODE" or ",
// biên bản đóng ngày DAY".
func aboutText(q Quarantined) string {
	switch {
	case q.Object == "":
		return ""
	case q.Action == syncproto.KindDayClosed:
		return tr("sync.aboutDay", " (biên bản đóng ngày {{.O}})", map[string]any{"O": q.Object})
	}
	return tr("sync.aboutDossier", " (hồ sơ {{.O}})", map[string]any{"O": q.Object})
}

// onSyncNow asks the worker for a run now.
func (s *syncPanel) onSyncNow() {
	widgets.NoteActivity()
	if s.deps.Sync == nil {
		return
	}
	s.deps.Sync.SyncNow()
	setText(s.Message, tr("sync.asked", "Đã yêu cầu đồng bộ ngay."))
	s.refresh()
}

// onRetry puts quarantined events back in the outbox and wakes the
// worker.
func (s *syncPanel) onRetry(seqs []uint64) {
	widgets.NoteActivity()
	if s.deps.Outbox == nil {
		return
	}
	var failed []uint64
	var err error
	s.run.run(func() {
		for _, q := range seqs {
			if e := s.deps.Outbox.Retry(q); e != nil {
				failed, err = append(failed, q), e
			}
		}
		if s.deps.Sync != nil && len(failed) < len(seqs) {
			s.deps.Sync.SyncNow()
		}
	}, func() {
		switch {
		case err != nil:
			setText(s.Message, tr("sync.retryFailed", "Chưa gửi lại được {{.N}} mục: {{.E}}", map[string]any{"N": len(failed), "E": storageText(err)}))
		case len(seqs) == 1:
			setText(s.Message, tr("sync.retried", "Đã đưa thay đổi số {{.S}} trở lại hàng chờ gửi.", map[string]any{"S": seqs[0]}))
		default:
			setText(s.Message, tr("sync.retriedN", "Đã đưa {{.N}} thay đổi trở lại hàng chờ gửi.", map[string]any{"N": len(seqs)}))
		}
		s.refresh()
	})
}

func (s *syncPanel) onRetryAll() {
	seqs := make([]uint64, 0, len(s.Items))
	for _, q := range s.Items {
		seqs = append(seqs, q.Seq)
	}
	s.onRetry(seqs)
}

// onProgress shows a report of the worker (on the UI goroutine).
func (s *syncPanel) onProgress(r syncer.Report) {
	switch r.Phase {
	case "push":
		s.Progress.Show()
		if r.Pending > 0 {
			s.Progress.SetValue(float64(r.Sent) / float64(r.Pending))
		}
		setText(s.ProgressMsg, tr("sync.pushing", "Đang gửi: {{.S}}/{{.P}} thay đổi, máy chủ đã nhận {{.A}}, từ chối {{.R}}.", map[string]any{"S": num(r.Sent), "P": num(r.Pending), "A": num(r.Acked), "R": num(r.Rejected)}))
	case "pull":
		s.Progress.Show()
		s.Progress.SetValue(1)
		setText(s.ProgressMsg, tr("sync.pulling", "Đang nhận thay đổi từ máy chủ tỉnh: {{.N}}.", map[string]any{"N": num(r.Pulled)}))
	case "done":
		s.Progress.Hide()
		s.lastErr = nil
		setText(s.ProgressMsg, tr("sync.done", "Đồng bộ xong: gửi {{.S}}, máy chủ nhận {{.A}}, từ chối {{.R}}; nhận về {{.P}} thay đổi.", map[string]any{"S": num(r.Sent), "A": num(r.Acked), "R": num(r.Rejected), "P": num(r.Pulled)}))
		s.refresh()
	case "error":
		s.Progress.Hide()
		s.lastErr = r.Err
		setText(s.ProgressMsg, tr("sync.failed", "Đồng bộ chưa xong: {{.E}}", map[string]any{"E": syncErrorText(r.Err, "")}))
		s.refresh()
	}
}
