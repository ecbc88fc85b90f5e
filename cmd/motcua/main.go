// Command motcua is the desk app of a one-stop counter. This file only
// wires: it opens the desk (database, catalog, calendar, services: package
// wire), builds the UI (package ui) with the intake and dossier screens,
// and runs the window. See docs/packaging.md for building and packaging.
//
// Environment:
//
//	MOTCUA_HOME        data folder (default: the user's config folder/motcua)
//	MOTCUA_DEMO_SETUP  =1: on an EMPTY database only, set the desk up with
//	                   demo values and demo users (screenshots, training);
//	                   never touches a configured database
//	MOTCUA_DEMO_LOGIN  user name of a demo user to log in automatically
//	                   (only on a desk set up by MOTCUA_DEMO_SETUP)
//	MOTCUA_DEMO_SCREEN navigation entry to open after the demo login
//	                   (catalog, intake, lookup, admin); MOTCUA_DEMO_QUERY
//	                   a catalog query to type
//	MOTCUA_REPORT_SHOWN =1: print "window shown" to stderr once the window
//	                   is on screen and 300 ms have passed without a GL
//	                   failure (smoke tests; not a start-up timing: the
//	                   bench times the X server's map event instead)
package main

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/assets/icon"
	"motcua/dossier"
	"motcua/store"
	"motcua/ui"
	"motcua/ui/supervisor"
	"motcua/ui/widgets"
	"motcua/wire"
)

// version is set at build time (-ldflags "-X main.version=…"); FyneApp.toml
// holds the same number for packaging.
var version = "0.1.0"

func main() { os.Exit(run()) }

func run() (code int) {
	// Fyne reports a window it cannot create (no OpenGL 2.1: Remote
	// Desktop, virtual machines, old drivers) through the log or a panic;
	// both are turned into a clear message (glfail.go).
	log.SetOutput(io.MultiWriter(os.Stderr, glWatcher{}))
	defer func() {
		if r := recover(); r != nil {
			if isGLFailure(fmt.Sprint(r)) {
				explainGLFailure(fmt.Sprint(r))
				code = 3
				return
			}
			panic(r)
		}
	}()

	a := app.NewWithID("vn.gov.motcua.desk")
	a.SetIcon(fyne.NewStaticResource("icon.png", icon.PNG))
	a.Settings().SetTheme(ui.Theme())
	w := a.NewWindow("motcua")
	w.SetMaster()
	w.Resize(fyne.NewSize(1280, 760))
	w.CenterOnScreen()

	// SIGTERM or Ctrl+C closes the window cleanly (exit 0).
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, os.Interrupt)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()
	// Functions to run once the window is up.
	var onStarted []func()
	a.Lifecycle().SetOnStarted(func() {
		for _, f := range onStarted {
			f()
		}
	})
	if os.Getenv("MOTCUA_REPORT_SHOWN") == "1" {
		onStarted = append(onStarted, func() {
			go func() {
				// The first frame is drawn right after start.
				time.Sleep(300 * time.Millisecond)
				if !glFailed() {
					fmt.Fprintln(os.Stderr, "window shown")
				}
			}()
		})
	}

	d, err := wire.Open(wire.Options{Timeout: 2 * time.Second, Now: func() time.Time { return time.Now().In(dossier.Zone) }})
	if err != nil {
		showOpenError(a, w, err)
		w.ShowAndRun()
		if glFailed() {
			return 3
		}
		return 1
	}
	defer d.Close()

	if os.Getenv("MOTCUA_DEMO_SETUP") == "1" {
		if err := demoSetup(d); err != nil {
			fmt.Fprintln(os.Stderr, "motcua: demo setup:", err)
			return 1
		}
	}

	// The exit backup runs after the window closes (defers run in reverse
	// order: UI closed, sync stopped, backup, database closed).
	defer exitBackup(d)
	relay := &supervisor.ProgressRelay{}
	worker := startSync(d, relay)
	if worker != nil {
		defer worker.Stop()
	}
	deps := newDeps(d, worker, relay)
	deps.SyncStatus = syncStatusText(d, worker)
	u := ui.New(a, w, deps)
	defer u.Close()
	if ps := d.DB.QuickCheck(); len(ps) > 0 {
		onStarted = append(onStarted, func() {
			widgets.ShowError(fmt.Errorf("kiểm tra nhanh cơ sở dữ liệu phát hiện %d vấn đề (đầu tiên: %s); hãy báo quản trị viên chạy: motcuactl check", len(ps), ps[0]), w)
		})
	}
	if err := u.Start(); err != nil {
		showOpenError(a, w, err)
	} else if user := os.Getenv("MOTCUA_DEMO_LOGIN"); user != "" {
		demoLogin(d, u, user)
	}
	w.ShowAndRun()
	if glFailed() {
		return 3
	}
	return 0
}

// showOpenError replaces the window's content with a clear message about
// a database that cannot be opened, and logs the detail.
func showOpenError(a fyne.App, w fyne.Window, err error) {
	log.Printf("motcua: open the database: %v", err)
	var msg string
	switch {
	case errors.Is(err, store.ErrLocked):
		msg = "motcua đang chạy ở cửa sổ khác.\n\nMỗi máy chỉ mở được một cửa sổ motcua cho một cơ sở dữ liệu. Hãy chuyển sang cửa sổ motcua đang mở (xem trên thanh tác vụ), hoặc đóng nó rồi mở lại.\n\n(Nếu đang chạy lệnh motcuactl, chờ lệnh kết thúc.)"
	case errors.Is(err, store.ErrNewerSchema):
		msg = "Cơ sở dữ liệu được tạo bởi phiên bản motcua mới hơn phiên bản đang chạy. Hãy cài phiên bản motcua mới nhất."
	default:
		msg = "Không mở được cơ sở dữ liệu của quầy.\n\n" + widgets.ErrorText(err) + "\n\nBáo quản trị viên; có thể kiểm tra bằng lệnh: motcuactl check"
	}
	title := widget.NewLabelWithStyle("motcua", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButton("Đóng", a.Quit)
	closeBtn.Importance = widget.HighImportance
	w.SetContent(container.NewPadded(container.NewBorder(title, container.NewHBox(closeBtn), nil, nil, l)))
	w.Resize(fyne.NewSize(560, 300))
}

// exitBackup writes the automatic backup when the app closes (issue 8);
// a failure is logged, never blocks closing.
func exitBackup(d *wire.Desk) {
	if ok, err := d.Service.Configured(); err != nil || !ok {
		return
	}
	if p, err := d.ExitBackup(); err != nil {
		log.Printf("motcua: the backup on exit failed: %v", err)
	} else if p != "" {
		log.Printf("motcua: backup on exit: %s", p)
	}
}
