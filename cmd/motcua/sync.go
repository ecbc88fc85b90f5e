package main

import (
	"fmt"
	"log/slog"
	"os"

	"motcua/syncer"
	"motcua/wire"
)

// startSync starts the background sync worker when the desk is enrolled
// with a hub. Failures to start are logged: the desk keeps working offline.
func startSync(d *wire.Desk, progress syncer.Progress) *syncer.Worker {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	w, err := d.StartSync(progress, log)
	if err != nil {
		log.Warn("sync not started; the desk works offline", "err", err)
		return nil
	}
	return w
}

// syncStatusText is the status bar's sync text (Vietnamese).
func syncStatusText(d *wire.Desk, w *syncer.Worker) func() string {
	return func() string {
		st, err := d.DB.OutboxStats()
		if err != nil {
			return "Đồng bộ: không đọc được trạng thái"
		}
		q := ""
		if st.Quarantined > 0 {
			q = fmt.Sprintf(", %d bị từ chối", st.Quarantined)
		}
		if w == nil {
			if st.Pending == 0 {
				return "Chỉ làm việc ngoại tuyến" + q
			}
			return fmt.Sprintf("Ngoại tuyến: %d sự kiện chờ gửi (chép USB: motcuactl sync export)%s", st.Pending, q)
		}
		s := w.Status()
		switch {
		case s.Blocked:
			return "Máy chủ tỉnh từ chối quầy này: báo quản trị viên" + q
		case s.Syncing:
			return fmt.Sprintf("Đang đồng bộ… %d chờ gửi%s", st.Pending, q)
		case s.LastError != "" && s.LastErrorAt.After(s.LastSuccess):
			return fmt.Sprintf("Mất kết nối máy chủ tỉnh, thử lại lúc %s: %d chờ gửi%s", s.NextAttempt.Format("15:04"), st.Pending, q)
		case st.Pending == 0 && !s.LastSuccess.IsZero():
			return fmt.Sprintf("Đã đồng bộ lúc %s%s", s.LastSuccess.Format("15:04"), q)
		}
		return fmt.Sprintf("Đồng bộ: %d chờ gửi%s", st.Pending, q)
	}
}
