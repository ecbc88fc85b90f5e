package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Choice is a list of numbered options chosen with the keyboard: the
// option's key (1, 2, 3 … by default) selects it, Up/Down move, Enter
// submits. Clicking an option selects it too.
type Choice struct {
	widget.BaseWidget

	// OnChanged is called when the clerk selects another option.
	OnChanged func(i int)
	// OnSubmit is called on Enter, and after an option key when
	// AutoSubmit is set (one key per decision).
	OnSubmit   func()
	AutoSubmit bool
	// OnFocus is called when the choice gains the focus.
	OnFocus func()
	// Horizontal lays the options out on one line (short option lists
	// such as Nam/Nữ).
	Horizontal bool

	options  []string
	runes    []rune
	selected int
	focused  bool
	disabled bool
	keys     *Keys
	r        *choiceRenderer
}

// NewChoice returns a choice over options with keys 1…n, nothing selected.
func NewChoice(options []string, keys *Keys) *Choice {
	c := &Choice{selected: -1, keys: keys}
	c.ExtendBaseWidget(c)
	c.SetOptions(options)
	return c
}

// SetOptions replaces the options (keys 1…n) and clears the selection.
func (c *Choice) SetOptions(options []string) {
	c.options = append([]string(nil), options...)
	c.runes = c.runes[:0]
	for i := range options {
		c.runes = append(c.runes, rune('1'+i))
	}
	c.selected = -1
	c.Refresh()
}

// SetKeys sets the key of each option (e.g. '0' for "missing").
func (c *Choice) SetKeys(keys []rune) {
	c.runes = append([]rune(nil), keys...)
	c.Refresh()
}

// Options returns the option labels.
func (c *Choice) Options() []string { return c.options }

// Selected returns the selected option, -1 for none.
func (c *Choice) Selected() int { return c.selected }

// SetSelected selects option i (-1 for none) without calling OnChanged.
func (c *Choice) SetSelected(i int) {
	if i < -1 || i >= len(c.options) {
		i = -1
	}
	c.selected = i
	c.Refresh()
}

// Choose selects option i as the clerk would (OnChanged is called).
func (c *Choice) Choose(i int) {
	if c.disabled || i < 0 || i >= len(c.options) {
		return
	}
	changed := i != c.selected
	c.selected = i
	c.Refresh()
	if changed && c.OnChanged != nil {
		c.OnChanged(i)
	}
}

// Disable stops the choice from taking input.
func (c *Choice) Disable() { c.disabled = true; c.Refresh() }

// Enable lets the choice take input.
func (c *Choice) Enable() { c.disabled = false; c.Refresh() }

// Disabled reports whether input is blocked (the focus manager skips it).
func (c *Choice) Disabled() bool { return c.disabled }

// FocusGained shows the focus outline and tells OnFocus.
func (c *Choice) FocusGained() {
	c.focused = true
	c.Refresh()
	if c.OnFocus != nil {
		c.OnFocus()
	}
}

// FocusLost hides the focus outline.
func (c *Choice) FocusLost() { c.focused = false; c.Refresh() }

// TypedRune selects the option bound to r (unless r is part of a scanner
// burst, see Keys.Guard).
func (c *Choice) TypedRune(r rune) {
	prev := c.selected
	undo := func() {
		if c.selected != prev {
			c.selected = prev
			c.Refresh()
			if c.OnChanged != nil {
				c.OnChanged(prev)
			}
		}
		if cv := canvasOf(c); cv != nil {
			cv.Focus(c)
		}
	}
	if c.keys.Guard(r, undo) {
		return
	}
	for i, k := range c.runes {
		if k == r && i < len(c.options) {
			c.Choose(i)
			if c.AutoSubmit && c.OnSubmit != nil {
				c.OnSubmit()
			}
			return
		}
	}
}

// TypedKey moves with Up/Down and submits on Enter; other keys go to the
// screen.
func (c *Choice) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyUp:
		if c.selected > 0 {
			c.Choose(c.selected - 1)
		}
		return
	case fyne.KeyDown:
		if c.selected < len(c.options)-1 {
			c.Choose(c.selected + 1)
		}
		return
	case fyne.KeyReturn, fyne.KeyEnter:
		if c.keys.GuardEnter() {
			return
		}
		if c.OnSubmit != nil {
			c.OnSubmit()
		}
		return
	}
	Forward(c, c.keys, ev)
}

// Tapped focuses the choice and selects the option under the pointer.
func (c *Choice) Tapped(ev *fyne.PointEvent) {
	if c.disabled {
		return
	}
	if cv := canvasOf(c); cv != nil {
		cv.Focus(c)
	}
	if r := c.r; r != nil {
		for i, l := range r.labels {
			p, s := l.Position().Add(r.box.Position()), l.Size()
			if ev.Position.X >= p.X && ev.Position.X < p.X+s.Width && ev.Position.Y >= p.Y && ev.Position.Y < p.Y+s.Height {
				c.Choose(i)
				return
			}
		}
	}
}

// CreateRenderer draws one line per option with its key and a marker.
func (c *Choice) CreateRenderer() fyne.WidgetRenderer {
	r := &choiceRenderer{c: c, outline: canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), box: container.NewVBox()}
	r.outline.StrokeWidth = 2
	r.outline.CornerRadius = theme.InputRadiusSize()
	r.Refresh()
	c.r = r
	return r
}

type choiceRenderer struct {
	c       *Choice
	outline *canvas.Rectangle
	box     *fyne.Container
	labels  []*widget.Label
}

func (r *choiceRenderer) Layout(s fyne.Size) {
	r.outline.Resize(s)
	p := theme.Padding() / 2
	r.box.Move(fyne.NewPos(p, p))
	r.box.Resize(s.Subtract(fyne.NewSize(2*p, 2*p)))
}

func (r *choiceRenderer) MinSize() fyne.Size {
	p := theme.Padding()
	return r.box.MinSize().Add(fyne.NewSize(p, p))
}

func (r *choiceRenderer) Refresh() {
	c := r.c
	for len(r.labels) < len(c.options) {
		r.labels = append(r.labels, widget.NewLabel(""))
	}
	r.labels = r.labels[:len(c.options)]
	objs := make([]fyne.CanvasObject, len(r.labels))
	for i, l := range r.labels {
		mark := "○"
		if i == c.selected {
			mark = "●"
		}
		key := ""
		if i < len(c.runes) {
			key = "[" + string(c.runes[i]) + "] "
		}
		l.Wrapping = fyne.TextWrapWord
		if c.Horizontal {
			l.Wrapping = fyne.TextWrapOff
		}
		l.Text = mark + " " + key + c.options[i]
		l.TextStyle = fyne.TextStyle{Bold: i == c.selected}
		l.Importance = widget.MediumImportance
		if c.disabled {
			l.Importance = widget.LowImportance
		}
		l.Refresh()
		objs[i] = l
	}
	if c.Horizontal {
		r.box.Layout = layout.NewHBoxLayout()
	} else {
		r.box.Layout = layout.NewVBoxLayout()
	}
	r.box.Objects = objs
	r.box.Refresh()
	if c.focused {
		r.outline.StrokeColor = theme.Color(theme.ColorNamePrimary)
	} else {
		r.outline.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	}
	r.outline.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.outline.Refresh()
}

func (r *choiceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.outline, r.box}
}

func (r *choiceRenderer) Destroy() {}
