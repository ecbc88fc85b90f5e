package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FormField is one labelled input of a form with its help line and its
// error line (shown in red under the input, hidden when empty).
type FormField struct {
	// Path is the field path domain errors use for this input
	// (dossier.Error.Field, e.g. "agency_code", "desk.id").
	Path  string
	Label *widget.Label
	Input fyne.CanvasObject
	Help  *widget.Label
	Error *widget.Label
	box   *fyne.Container
}

// NewFormField returns a field; help may be "".
func NewFormField(path, label string, input fyne.CanvasObject, help string) *FormField {
	f := &FormField{Path: path, Label: widget.NewLabel(label), Input: input}
	f.Label.TextStyle.Bold = true
	f.Error = widget.NewLabel("")
	f.Error.Importance = widget.DangerImportance
	f.Error.Wrapping = fyne.TextWrapWord
	f.Error.Hide()
	objs := []fyne.CanvasObject{f.Label, input}
	if label == "" {
		objs = objs[1:]
	}
	if help != "" {
		f.Help = widget.NewLabel(help)
		f.Help.Wrapping = fyne.TextWrapWord
		f.Help.SizeName = theme.SizeNameCaptionText
		objs = append(objs, f.Help)
	}
	objs = append(objs, f.Error)
	f.box = container.NewVBox(objs...)
	return f
}

// Object returns the field's layout.
func (f *FormField) Object() fyne.CanvasObject { return f.box }

// SetError shows msg under the input ("" hides the line).
func (f *FormField) SetError(msg string) {
	f.Error.SetText(msg)
	if msg == "" {
		f.Error.Hide()
	} else {
		f.Error.Show()
	}
	f.box.Refresh()
}

// FormFields is the list of a form's fields.
type FormFields []*FormField

// ShowErrors puts each problem of err under its field and returns the
// sentences of problems that belong to no field of the form (joined by
// newlines; "" when every problem found its field). Fields without a
// problem are cleared.
func (fs FormFields) ShowErrors(err error) string {
	byField := map[string][]string{}
	var rest []string
	known := map[string]bool{}
	for _, f := range fs {
		known[f.Path] = true
	}
	for _, p := range Problems(err) {
		if known[p.Field] {
			byField[p.Field] = append(byField[p.Field], p.Text)
		} else {
			rest = append(rest, p.Text)
		}
	}
	for _, f := range fs {
		f.SetError(strings.Join(byField[f.Path], "\n"))
	}
	return strings.Join(rest, "\n")
}

// Clear hides every error line.
func (fs FormFields) Clear() {
	for _, f := range fs {
		f.SetError("")
	}
}

// Objects returns the fields' layouts, for a container.
func (fs FormFields) Objects() []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(fs))
	for i, f := range fs {
		out[i] = f.Object()
	}
	return out
}

// Has reports whether a problem of err belongs to a field of fs.
func (fs FormFields) Has(err error) bool {
	for _, p := range Problems(err) {
		for _, f := range fs {
			if f.Path == p.Field {
				return true
			}
		}
	}
	return false
}
