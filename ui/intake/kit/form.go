package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Field is one labelled input with its error line, shown in red under the
// input only when there is an error.
type Field struct {
	Label *widget.Label
	Input fyne.CanvasObject
	Err   *widget.Label
	box   *fyne.Container
}

// NewField labels an input. required adds " *" to the label.
func NewField(label string, required bool, input fyne.CanvasObject) *Field {
	if required {
		label += " *"
	}
	f := &Field{Label: widget.NewLabel(label), Input: input, Err: ErrorLabel()}
	f.box = container.NewVBox(input, f.Err)
	return f
}

// SetError shows msg under the input ("" hides it).
func (f *Field) SetError(msg string) { SetError(f.Err, msg) }

// Show shows the field.
func (f *Field) Show() { f.Label.Show(); f.box.Show() }

// Hide hides the field.
func (f *Field) Hide() { f.Label.Hide(); f.box.Hide() }

// Form lays fields out in two columns: labels and inputs.
func Form(fields ...*Field) *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(fields))
	for _, f := range fields {
		objs = append(objs, f.Label, f.box)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// ErrorLabel returns a hidden red, wrapping label for an error message.
func ErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// SetError sets an error label's text, hiding it when empty.
func SetError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// Heading returns a bold label.
func Heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Hint returns a small wrapping label (help lines; normal contrast so that
// it stays readable on the dark theme).
func Hint(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// Row lays out left, center and right like container.NewBorder, but keeps
// them in that order in the tree, so Tab visits them left to right
// (NewBorder puts the center first).
func Row(left, center, right fyne.CanvasObject) *fyne.Container {
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{left, center, right} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(layout.NewBorderLayout(nil, nil, left, right), objs...)
}
