package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// EnsureVisible scrolls sc so that o, an object inside its content
// (reached through containers), is in view. Fyne does not scroll to the
// focused widget by itself, so keyboard moves call this.
func EnsureVisible(sc *container.Scroll, o fyne.CanvasObject) {
	if sc == nil || o == nil {
		return
	}
	y, ok := offsetIn(sc.Content, o)
	if !ok {
		return
	}
	h := o.Size().Height
	view := sc.Size().Height
	if view <= 0 {
		return
	}
	pad := theme.Padding() * 2
	off := sc.Offset.Y
	switch {
	case y < off:
		off = y - pad
	case y+h > off+view:
		off = y + h - view + pad
		if h > view {
			off = y - pad // a tall object: show its top
		}
	default:
		return
	}
	if limit := sc.Content.MinSize().Height - view; off > limit {
		off = limit
	}
	if off < 0 {
		off = 0
	}
	sc.ScrollToOffset(fyne.NewPos(sc.Offset.X, off))
}

// offsetIn returns the vertical position of o relative to root.
func offsetIn(root, o fyne.CanvasObject) (float32, bool) {
	if root == o {
		return 0, true
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, x := range c.Objects {
			if y, ok := offsetIn(x, o); ok {
				return x.Position().Y + y, true
			}
		}
	}
	return 0, false
}
