package supervisor

import (
	"bytes"
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"motcua/ui/widgets"
)

// exporter writes a file the supervisor chose in a save dialog: the
// content is produced off the UI goroutine (into memory, so that a
// cancelled or failed export leaves no half-written file), then written
// out; the status line shows progress, a Cancel button stops it.
type exporter struct {
	win  fyne.Window
	run  *runner
	job  job
	busy bool

	Status *widget.Label
	Act    *widget.Activity
	Cancel *widget.Button
	box    *fyne.Container
	// save asks where to write (a file dialog; tests replace it).
	save func(name string, write func(w io.WriteCloser))
}

func newExporter(win fyne.Window, run *runner) *exporter {
	e := &exporter{win: win, run: run}
	e.Status = statusLabel()
	e.Act = widget.NewActivity()
	e.Act.Hide()
	e.Cancel = widget.NewButton(tr("export.cancel", "Hủy xuất"), e.onCancel)
	e.Cancel.Hide()
	e.box = container.NewBorder(nil, nil, container.NewHBox(e.Act, e.Cancel), nil, e.Status)
	e.save = e.fileDialog
	return e
}

// Object is the export status line.
func (e *exporter) Object() fyne.CanvasObject { return e.box }

// Busy reports whether an export is running.
func (e *exporter) Busy() bool { return e.busy }

// export asks where to save name and writes what produce makes.
func (e *exporter) export(name string, produce func(ctx context.Context, w io.Writer) error) {
	if e.busy {
		return
	}
	e.save(name, func(w io.WriteCloser) {
		ctx, _ := e.job.start()
		e.busy = true
		setText(e.Status, tr("export.running", "Đang xuất {{.F}}…", map[string]any{"F": name}))
		e.Act.Show()
		e.Act.Start()
		e.Cancel.Show()
		var err error
		e.run.run(func() {
			var buf bytes.Buffer
			err = produce(ctx, &buf)
			if err == nil {
				err = ctx.Err()
			}
			if err == nil {
				_, err = w.Write(buf.Bytes())
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				// Remove the empty or partial file the dialog created.
				if u, ok := w.(fyne.URIWriteCloser); ok {
					_ = storage.Delete(u.URI())
				}
			}
		}, func() {
			e.busy = false
			e.Act.Stop()
			e.Act.Hide()
			e.Cancel.Hide()
			switch {
			case errors.Is(err, context.Canceled):
				setText(e.Status, tr("export.cancelled", "Đã hủy xuất {{.F}}; không có tệp nào được ghi.", map[string]any{"F": name}))
			case err != nil:
				setText(e.Status, tr("export.failed", "Chưa xuất được {{.F}}: {{.E}}", map[string]any{"F": name, "E": storageText(err)}))
			default:
				setText(e.Status, tr("export.done", "Đã xuất {{.F}}.", map[string]any{"F": uriName(w, name)}))
			}
		})
	})
}

func (e *exporter) onCancel() { e.job.stop() }

// uriName is the full path of the file written when the writer knows it.
func uriName(w io.WriteCloser, name string) string {
	if u, ok := w.(fyne.URIWriteCloser); ok && u.URI() != nil {
		if p := u.URI().Path(); p != "" {
			return p
		}
	}
	return name
}

// fileDialog asks where to save.
func (e *exporter) fileDialog(name string, write func(w io.WriteCloser)) {
	if e.win == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			widgets.ShowError(err, e.win)
			return
		}
		if w == nil {
			return // cancelled
		}
		write(w)
	}, e.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
