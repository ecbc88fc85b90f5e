package intake

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// tapLabel is a step name in the header: clicking it opens the step. It is
// not focusable, so Tab never stops on it.
type tapLabel struct {
	widget.Label
	name  string
	onTap func()
}

func newTapLabel(name string, onTap func()) *tapLabel {
	l := &tapLabel{name: name, onTap: onTap}
	l.Text = name
	l.ExtendBaseWidget(l)
	return l
}

// Tapped opens the step.
func (l *tapLabel) Tapped(*fyne.PointEvent) {
	if l.onTap != nil {
		l.onTap()
	}
}

// set marks the step: current (bold, highlighted), with errors (red and a
// "!" so it is not colour alone) or done (a tick).
func (l *tapLabel) set(current, hasErr, done bool) {
	text := l.name
	switch {
	case hasErr:
		text = "! " + text
		l.Importance = widget.DangerImportance
	case current:
		l.Importance = widget.HighImportance
	case done:
		text = "✓ " + text
		l.Importance = widget.SuccessImportance
	default:
		l.Importance = widget.LowImportance
	}
	l.TextStyle = fyne.TextStyle{Bold: current}
	if current {
		text = "▸ " + text
	}
	l.Text = text
	l.Refresh()
}
