package supervisor

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/dossier"
	"motcua/ui/intake/kit"
)

// preset is a shortcut of the date range ("Hôm nay", "Tháng này").
type preset struct {
	label string
	span  func(now time.Time) (from, to time.Time)
}

func presetToday() preset {
	return preset{tr("range.today", "Hôm nay"), func(n time.Time) (time.Time, time.Time) { d := dossier.Day(n); return d, d }}
}

func presetYesterday() preset {
	return preset{tr("range.yesterday", "Hôm qua"), func(n time.Time) (time.Time, time.Time) {
		d := dossier.Day(n).AddDate(0, 0, -1)
		return d, d
	}}
}

// weekStart is the Monday of t's week.
func weekStart(t time.Time) time.Time {
	d := dossier.Day(t)
	off := (int(d.Weekday()) + 6) % 7 // Monday = 0
	return d.AddDate(0, 0, -off)
}

func monthStart(t time.Time) time.Time {
	t = t.In(dossier.Zone)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, dossier.Zone)
}

func quarterStart(t time.Time) time.Time {
	t = t.In(dossier.Zone)
	m := time.Month((int(t.Month())-1)/3*3 + 1)
	return time.Date(t.Year(), m, 1, 0, 0, 0, 0, dossier.Zone)
}

func yearStart(t time.Time) time.Time {
	return time.Date(t.In(dossier.Zone).Year(), 1, 1, 0, 0, 0, 0, dossier.Zone)
}

func presetWeek() preset {
	return preset{tr("range.week", "Tuần này"), func(n time.Time) (time.Time, time.Time) { return weekStart(n), dossier.Day(n) }}
}

func presetMonth() preset {
	return preset{tr("range.month", "Tháng này"), func(n time.Time) (time.Time, time.Time) { return monthStart(n), dossier.Day(n) }}
}

func presetLastMonth() preset {
	return preset{tr("range.lastMonth", "Tháng trước"), func(n time.Time) (time.Time, time.Time) {
		s := monthStart(n).AddDate(0, -1, 0)
		return s, monthStart(n).AddDate(0, 0, -1)
	}}
}

func presetQuarter() preset {
	return preset{tr("range.quarter", "Quý này"), func(n time.Time) (time.Time, time.Time) { return quarterStart(n), dossier.Day(n) }}
}

func presetLastQuarter() preset {
	return preset{tr("range.lastQuarter", "Quý trước"), func(n time.Time) (time.Time, time.Time) {
		s := quarterStart(n).AddDate(0, -3, 0)
		return s, quarterStart(n).AddDate(0, 0, -1)
	}}
}

func presetYear() preset {
	return preset{tr("range.year", "Năm nay"), func(n time.Time) (time.Time, time.Time) { return yearStart(n), dossier.Day(n) }}
}

func presetLastYear() preset {
	return preset{tr("range.lastYear", "Năm trước"), func(n time.Time) (time.Time, time.Time) {
		s := yearStart(n).AddDate(-1, 0, 0)
		return s, yearStart(n).AddDate(0, 0, -1)
	}}
}

// dateRange is a from/to pair of day fields typed as dd/mm/yyyy (Enter in
// the first moves to the second, Enter in the second applies), each with a
// calendar button, and preset buttons.
type dateRange struct {
	From, To       *kit.Entry
	fromCal, toCal *widget.Button
	Presets        []*widget.Button
	Err            *widget.Label
	win            fyne.Window
	// single: one day only (the "to" field is hidden).
	single bool
	apply  func()
	now    func() time.Time
}

func newDateRange(win fyne.Window, keys *kit.Keys, now func() time.Time, single bool, presets []preset, apply func()) *dateRange {
	r := &dateRange{win: win, single: single, apply: apply, now: now}
	r.From = kit.NewEntry(keys)
	r.To = kit.NewEntry(keys)
	r.From.SetPlaceHolder("dd/mm/yyyy")
	r.To.SetPlaceHolder("dd/mm/yyyy")
	r.From.SetText(date(now()))
	r.To.SetText(date(now()))
	if single {
		r.From.OnSubmitted = func(string) { r.apply() }
	} else {
		r.From.OnSubmitted = func(string) {
			if win != nil {
				win.Canvas().Focus(r.To)
			}
		}
		r.To.OnSubmitted = func(string) { r.apply() }
	}
	r.fromCal = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { r.pick(r.From, r.fromCal) })
	r.toCal = widget.NewButtonWithIcon("", theme.CalendarIcon(), func() { r.pick(r.To, r.toCal) })
	for _, p := range presets {
		p := p
		r.Presets = append(r.Presets, widget.NewButton(p.label, func() {
			r.Set(p.span(r.now()))
			r.apply()
		}))
	}
	r.Err = kit.ErrorLabel()
	return r
}

// Set shows a range.
func (r *dateRange) Set(from, to time.Time) {
	r.From.SetText(date(from))
	r.To.SetText(date(to))
	kit.SetError(r.Err, "")
}

// pick opens a calendar under button b for field e.
func (r *dateRange) pick(e *kit.Entry, b *widget.Button) {
	if r.win == nil {
		return
	}
	start, err := kit.ParseDate(e.Text)
	if err != nil {
		start = r.now()
	}
	var pop *widget.PopUp
	cal := widget.NewCalendar(start, func(t time.Time) {
		e.SetText(date(time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, dossier.Zone)))
		if pop != nil {
			pop.Hide()
		}
		if r.single || e == r.To {
			r.apply()
		}
	})
	pop = widget.NewPopUp(cal, r.win.Canvas())
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
	pop.ShowAtPosition(pos.Add(fyne.NewPos(0, b.Size().Height)))
}

// Values reads the range; on a problem it shows a Vietnamese message and
// returns false.
func (r *dateRange) Values() (from, to time.Time, ok bool) {
	from, err := kit.ParseDate(r.From.Text)
	if err != nil {
		kit.SetError(r.Err, tr("range.bad", "Ngày nhập theo dạng ngày/tháng/năm, ví dụ 03/11/2025."))
		return from, to, false
	}
	if r.single {
		kit.SetError(r.Err, "")
		return from, from, true
	}
	to, err = kit.ParseDate(r.To.Text)
	if err != nil {
		kit.SetError(r.Err, tr("range.bad", "Ngày nhập theo dạng ngày/tháng/năm, ví dụ 03/11/2025."))
		return from, to, false
	}
	if to.Before(from) {
		kit.SetError(r.Err, tr("range.order", "\"Đến ngày\" phải trùng hoặc sau \"Từ ngày\"."))
		return from, to, false
	}
	kit.SetError(r.Err, "")
	return from, to, true
}

// Fields lays the day fields out on one line, with button after them
// (the error line Err goes below, placed by the caller).
func (r *dateRange) Fields(button fyne.CanvasObject) fyne.CanvasObject {
	field := func(e *kit.Entry, b *widget.Button) fyne.CanvasObject {
		return container.NewBorder(nil, nil, nil, b, container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), e))
	}
	var objs []fyne.CanvasObject
	if r.single {
		objs = append(objs, widget.NewLabel(tr("range.day", "Ngày")), field(r.From, r.fromCal))
	} else {
		objs = append(objs, widget.NewLabel(tr("range.from", "Từ ngày")), field(r.From, r.fromCal),
			widget.NewLabel(tr("range.to", "đến ngày")), field(r.To, r.toCal))
	}
	if button != nil {
		objs = append(objs, button)
	}
	return container.NewHBox(objs...)
}

// PresetRow lays the preset buttons out on one line.
func (r *dateRange) PresetRow() fyne.CanvasObject {
	objs := make([]fyne.CanvasObject, len(r.Presets))
	for i, b := range r.Presets {
		objs[i] = b
	}
	return container.NewHBox(objs...)
}

// Object lays the fields, button and presets out on one line, the error
// line below.
func (r *dateRange) Object(button fyne.CanvasObject) fyne.CanvasObject {
	row := r.Fields(button)
	if len(r.Presets) > 0 {
		row = container.NewHBox(row, widget.NewSeparator(), r.PresetRow())
	}
	return container.NewVBox(row, r.Err)
}
