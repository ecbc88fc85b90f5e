package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"motcua/ui/widgets"
)

// hoverCatcher lies behind the window's content and reports mouse movement
// over the parts that do not take it themselves (labels, backgrounds) as
// activity for the idle lock. Keys are reported by the entries and the
// scanner capture.
type hoverCatcher struct{ widget.BaseWidget }

func (h *hoverCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

func (h *hoverCatcher) MouseIn(*desktop.MouseEvent)    { widgets.NoteActivity() }
func (h *hoverCatcher) MouseMoved(*desktop.MouseEvent) { widgets.NoteActivity() }
func (h *hoverCatcher) MouseOut()                      {}

func newActivityLayer(content fyne.CanvasObject) fyne.CanvasObject {
	h := &hoverCatcher{}
	h.ExtendBaseWidget(h)
	return container.NewStack(h, content)
}
