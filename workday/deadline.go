package workday

import (
	"fmt"
	"math"
	"time"
)

// Unit is the unit of a procedure's time limit.
type Unit string

const (
	// WorkingDays ("ngày làm việc"): whole working days counted from the
	// working day after receipt; a fraction is that share of the office's
	// daily opening time (0.5 = 4 h with the default windows).
	WorkingDays Unit = "working-days"
	// Days ("ngày"): calendar days counted from the day after receipt; an
	// end on a rest day moves to the next working day.
	Days Unit = "days"
	// Hours ("giờ làm việc"): office hours, counted inside the windows.
	Hours Unit = "hours"
	// Months ("tháng"): calendar months; an end on a rest day moves to the
	// next working day.
	Months Unit = "months"
	// SameDay ("trong ngày"): the same working day, or the next one when
	// the dossier is received after the office's cut-off (15:00).
	SameDay Unit = "same-day"
	// NoLimit: the procedure has no statutory time limit; no appointment.
	NoLimit Unit = "none"
)

// Limit is a procedure's time limit, e.g. {5, WorkingDays}. SameDay and
// NoLimit take no value (0).
type Limit struct {
	Value float64 `json:"value"`
	Unit  Unit    `json:"unit"`
}

// Upper bounds keep computations bounded; real limits are far smaller.
const (
	maxWorkingDays = 2600 // about 10 years
	maxDays        = 3660
	maxHours       = 20000
	maxMonths      = 120
)

// Validate checks the unit and that the value fits it: finite and
// positive; whole for days and months; at least one minute for hours;
// zero for same-day and none; not absurdly large.
func (l Limit) Validate() error {
	v := l.Value
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return verr("value", "%v is not a number", v)
	}
	whole := v == math.Trunc(v)
	switch l.Unit {
	case WorkingDays, Days, Hours, Months:
		if v <= 0 {
			return verr("value", "%v %s: a time limit must be positive (use unit %q for no limit)", v, l.Unit, NoLimit)
		}
	case SameDay, NoLimit:
		if v != 0 {
			return verr("value", "%v: unit %q takes no value", v, l.Unit)
		}
		return nil
	default:
		return verr("unit", "%q: want %s, %s, %s, %s, %s or %s", string(l.Unit), WorkingDays, Days, Hours, Months, SameDay, NoLimit)
	}
	var limit float64
	switch l.Unit {
	case WorkingDays:
		limit = maxWorkingDays
	case Days:
		limit = maxDays
	case Hours:
		limit = maxHours
	case Months:
		limit = maxMonths
	}
	if v > limit {
		return verr("value", "%v %s is more than the supported %v", v, l.Unit, limit)
	}
	switch l.Unit {
	case Days, Months:
		if !whole {
			return verr("value", "%v %s: must be a whole number (fractions are allowed for working-days and hours)", v, l.Unit)
		}
	case Hours:
		if v*60 < 1-1e-9 {
			return verr("value", "%v hours is less than one minute", v)
		}
	}
	return nil
}

// String formats l as e.g. "5 working-days", "same-day" or "none".
func (l Limit) String() string {
	if l.Unit == SameDay || l.Unit == NoLimit {
		return string(l.Unit)
	}
	return fmt.Sprintf("%v %s", l.Value, l.Unit)
}

// pos is a point of office time: a day number and a minute of that day.
type pos struct{ day, min int }

func (p pos) time() time.Time { return at(p.day, p.min) }

// Appointment returns the due time ("ngày hẹn trả") of a dossier received
// at received with time limit l at office o (the zero Office is
// DefaultOffice). ok is false, with no error, when l.Unit is NoLimit. The
// result is in Zone, at minute precision.
//
// Rules (domain.md §6.4; Civil Code 2015 arts. 147–148 as summarised
// there; Decree 118 art. 17.3):
//
//  1. The receipt is taken at minute precision (as printed on the Giấy
//     tiếp nhận) and normalised into office time: before opening → the
//     first window; in a break → the next window; after closing or on a
//     rest day → the first window of the next working day.
//  2. WorkingDays N: the N-th working day after the (normalised) receipt
//     day; Saturdays worked as make-up days count, swapped weekdays off do
//     not. Due at the close of that day (e.g. 17:00): a period in days
//     starts the day after the event and ends at the end of its last day,
//     and for an office the day ends when it closes. The due time thus
//     depends only on the receipt day, never on its minute, and anything
//     finished on the due day is on time (the 766 test compares the
//     finish with NgayHenTra). A fractional part f adds f × the daily
//     opening minutes of office time after that close, i.e. into the next
//     working day (2.5 days → the 3rd working day at 11:00 by default);
//     a value below 1 counts f × the daily opening minutes from the receipt
//     itself (0.5 → 4 office hours later).
//  3. Days N: receipt day + N calendar days, moved to the next working day
//     if that is a rest day; due at its close.
//  4. Months N: the same day of the month N months after the receipt day
//     (the last day of a shorter month), moved to the next working day if
//     that is a rest day; due at its close.
//  5. Hours H: H office hours counted from the receipt inside the windows
//     of working days; a limit that ends exactly at a window's end is due
//     at that end (11:30, not 13:30).
//  6. SameDay: at the close of the receipt day if the (normalised) receipt
//     is at or before the cut-off minute, else at the close of the next
//     working day (Decree 23/2015 art. 7, domain.md §6.4).
//
// Office-time amounts are rounded up to whole minutes.
func (c *Calendar) Appointment(received time.Time, l Limit, o Office) (due time.Time, ok bool, err error) {
	if err := l.Validate(); err != nil {
		return time.Time{}, false, fmt.Errorf("time limit: %w", err)
	}
	o = o.orDefault()
	if err := o.Validate(); err != nil {
		return time.Time{}, false, fmt.Errorf("office: %w", err)
	}
	if l.Unit == NoLimit {
		return time.Time{}, false, nil
	}
	p, err := c.normalise(received, o)
	if err != nil {
		return time.Time{}, false, err
	}
	var q pos
	switch l.Unit {
	case WorkingDays:
		whole := int(math.Floor(l.Value))
		frac := l.Value - float64(whole)
		q = p
		if whole > 0 {
			d := p.day
			for i := 0; i < whole; i++ {
				if d, err = c.nextWorking(d); err != nil {
					return time.Time{}, false, err
				}
			}
			q = pos{d, o.close()}
		}
		if m := ceilMinutes(frac * float64(o.minutes())); frac > 0 && (m > 0 || whole == 0) {
			q, err = c.addOffice(q, max(m, 1), o)
		}
	case Days:
		var d int
		d, err = c.workingFrom(p.day + int(l.Value))
		q = pos{d, o.close()}
	case Months:
		var d int
		d, err = c.workingFrom(addMonths(p.day, int(l.Value)))
		q = pos{d, o.close()}
	case Hours:
		q, err = c.addOffice(p, ceilMinutes(l.Value*60), o)
	case SameDay:
		d := p.day
		if p.min > int(o.Cutoff) {
			d, err = c.nextWorking(d)
		}
		q = pos{d, o.close()}
	}
	if err != nil {
		return time.Time{}, false, err
	}
	return q.time(), true, nil
}

// Restart returns the new due time after a supplement requested following
// appraisal: under Decree 118 art. 19.5 (decree118.md B.8) the time limit
// restarts from zero once the complete dossier is received, so the full
// limit l counts again from completeAt with the rules of Appointment.
func (c *Calendar) Restart(completeAt time.Time, l Limit, o Office) (due time.Time, ok bool, err error) {
	return c.Appointment(completeAt, l, o)
}

// TransferDue returns the latest time a paper dossier received in person at
// received must be sent to the competent agency (Decree 118 art. 18,
// decree118.md B.7): received on a working day at or before the cut-off
// minute (15:00) → the same working day, i.e. by its close; otherwise
// (after the cut-off, or on a rest day) → at the start of the next working
// day, i.e. its opening time.
func (c *Calendar) TransferDue(received time.Time, o Office) (time.Time, error) {
	o = o.orDefault()
	if err := o.Validate(); err != nil {
		return time.Time{}, fmt.Errorf("office: %w", err)
	}
	t := received.In(Zone)
	day := dayNumber(DateOf(t))
	minute := t.Hour()*60 + t.Minute()
	w, err := c.working(day)
	if err != nil {
		return time.Time{}, err
	}
	if w && minute <= int(o.Cutoff) {
		return at(day, o.close()), nil
	}
	next, err := c.nextWorking(day)
	if err != nil {
		return time.Time{}, err
	}
	return at(next, o.open()), nil
}

// normalise moves a receipt time into office time (rule 1 of Appointment).
func (c *Calendar) normalise(received time.Time, o Office) (pos, error) {
	t := received.In(Zone)
	day := dayNumber(DateOf(t))
	minute := t.Hour()*60 + t.Minute()
	w, err := c.working(day)
	if err != nil {
		return pos{}, err
	}
	if w {
		for _, win := range o.Windows {
			if minute < int(win.End) {
				return pos{day, max(minute, int(win.Start))}, nil
			}
		}
	}
	next, err := c.nextWorking(day)
	if err != nil {
		return pos{}, err
	}
	return pos{next, o.open()}, nil
}

// addOffice adds n minutes of office time to p (p inside office time or
// at a window's end).
func (c *Calendar) addOffice(p pos, n int, o Office) (pos, error) {
	for {
		for _, win := range o.Windows {
			if int(win.End) <= p.min {
				continue
			}
			start := max(p.min, int(win.Start))
			avail := int(win.End) - start
			if n <= avail {
				return pos{p.day, start + n}, nil
			}
			n -= avail
		}
		next, err := c.nextWorking(p.day)
		if err != nil {
			return pos{}, err
		}
		p = pos{next, 0}
	}
}

// ceilMinutes rounds an amount of minutes up, ignoring float noise below
// a millionth of a minute (0.1 h × 60 = 6.000000000000001 → 6).
func ceilMinutes(m float64) int { return int(math.Ceil(m - 1e-6)) }

// addMonths returns the day number of the same day of the month n months
// after day, clamped to the last day of a shorter month (Civil Code 2015
// art. 148, as summarised in domain.md §6.4).
func addMonths(day, n int) int {
	d := dateOfDay(day)
	m := int(d.Month) - 1 + n
	y := d.Year + m/12
	mo := time.Month(m%12 + 1)
	return dayNumber(Date{y, mo, min(d.Day, daysIn(y, mo))})
}
