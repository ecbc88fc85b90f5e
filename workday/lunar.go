package workday

import (
	"fmt"
	"math"
	"time"
)

// Vietnamese lunisolar calendar (âm lịch), computed for the meridian of
// UTC+7 (105°E) as Vietnam has used since 1968. The Chinese calendar is the
// same construction at UTC+8; the two differ when a new moon or a major
// solar term falls between 23:00 and 24:00 Vietnam time, e.g. Tết 1985
// (21/01 in Vietnam, 20/02 in China) and Tết 2007 (17/02 vs 18/02)
// (domain.md §6.3).
//
// Algorithm: Hồ Ngọc Đức, "Thuật toán tính âm lịch" / "Computing the
// Vietnamese lunar calendar" (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html),
// which uses the truncated new-moon and solar-longitude series of
// J. Meeus, "Astronomical Algorithms" (2nd ed., 1998), chapters 25 and 49.
// The rules:
//   - a lunar month starts on the local day (UTC+7) containing a new moon;
//   - month 11 is the month containing the winter solstice;
//   - a year from month 11 to the next month 11 with 13 months has a leap
//     month: the first month after month 11 that contains no major solar
//     term (trung khí, a multiple of 30° of solar longitude); it takes the
//     number of the month before it.
// This file is an independent Go implementation of those rules; the tests
// check it against known Tết dates and against a separate implementation
// of Meeus' full new-moon and solstice series.

// Lunar is a date of the Vietnamese lunisolar calendar. Year is the solar
// year in which the lunar year begins (Tết); Leap marks a leap (nhuận)
// month, which repeats the number of the month before it.
type Lunar struct {
	Year  int
	Month int // 1..12
	Day   int // 1..30
	Leap  bool
}

// String formats l as "YYYY-MM-DD" (lunar year, month, day), followed by
// " leap" in a leap month.
func (l Lunar) String() string {
	s := fmt.Sprintf("%04d-%02d-%02d", l.Year, l.Month, l.Day)
	if l.Leap {
		s += " leap"
	}
	return s
}

// The lunar conversion is supported for solar dates in
// [LunarMinYear-01-01, LunarMaxYear-12-31].
const (
	LunarMinYear = 1900
	LunarMaxYear = 2199
)

const vnTimeZone = 7.0 // hours east of UTC

// SolarToLunar converts a solar date to the Vietnamese lunar calendar.
func SolarToLunar(d Date) (Lunar, error) {
	if !d.valid() {
		return Lunar{}, fmt.Errorf("solar date %04d-%02d-%02d does not exist", d.Year, int(d.Month), d.Day)
	}
	if d.Year < LunarMinYear || d.Year > LunarMaxYear {
		return Lunar{}, fmt.Errorf("solar date %s: lunar conversion supports years %d–%d", d, LunarMinYear, LunarMaxYear)
	}
	return solarToLunar(d), nil
}

func solarToLunar(d Date) Lunar {
	jd := julianDay(d)
	// Start from the mean lunation and settle on the true new moon: the
	// published code assumes the month starts at lunation k or k+1, which
	// fails when a new moon is far from its mean time (e.g. 2054-05-07
	// came out as day 0); the loops make the month start exact.
	k := int(math.Floor((float64(jd) - 2415021.076998695) / 29.530588853))
	for newMoonDay(k+1) <= jd {
		k++
	}
	for newMoonDay(k) > jd {
		k--
	}
	monthStart := newMoonDay(k)
	a11 := lunarMonth11(d.Year)
	b11 := a11
	var year int
	if a11 >= monthStart {
		year = d.Year
		a11 = lunarMonth11(d.Year - 1)
	} else {
		year = d.Year + 1
		b11 = lunarMonth11(d.Year + 1)
	}
	l := Lunar{Day: jd - monthStart + 1}
	diff := (monthStart - a11) / 29
	l.Month = diff + 11
	if b11-a11 > 365 {
		leapDiff := leapMonthOffset(a11)
		if diff >= leapDiff {
			l.Month = diff + 10
			l.Leap = diff == leapDiff
		}
	}
	if l.Month > 12 {
		l.Month -= 12
	}
	if l.Month >= 11 && diff < 4 {
		year--
	}
	l.Year = year
	return l
}

// LunarToSolar converts a Vietnamese lunar date to the solar calendar. It
// fails for a leap month the year does not have, a day past the end of its
// month (29 or 30 days), or a result outside the supported range.
func LunarToSolar(l Lunar) (Date, error) {
	if l.Month < 1 || l.Month > 12 {
		return Date{}, fmt.Errorf("lunar date %s: month must be 1–12", l)
	}
	if l.Day < 1 || l.Day > 30 {
		return Date{}, fmt.Errorf("lunar date %s: day must be 1–30", l)
	}
	if l.Year < LunarMinYear-1 || l.Year > LunarMaxYear {
		return Date{}, fmt.Errorf("lunar date %s: lunar conversion supports years %d–%d", l, LunarMinYear, LunarMaxYear)
	}
	var a11, b11 int
	if l.Month < 11 {
		a11 = lunarMonth11(l.Year - 1)
		b11 = lunarMonth11(l.Year)
	} else {
		a11 = lunarMonth11(l.Year)
		b11 = lunarMonth11(l.Year + 1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := l.Month - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11)
		// Month index leapOff (counted from month 11 = 0) is the leap
		// month; it repeats the month at index leapOff-1.
		leapMonth := (leapOff+9)%12 + 1
		if l.Leap && l.Month != leapMonth {
			return Date{}, fmt.Errorf("lunar date %s: that lunar year has leap month %d, not %d", l, leapMonth, l.Month)
		}
		if l.Leap || off >= leapOff {
			off++
		}
	} else if l.Leap {
		return Date{}, fmt.Errorf("lunar date %s: that lunar year has no leap month", l)
	}
	start := newMoonDay(k + off)
	length := newMoonDay(k+off+1) - start
	if l.Day > length {
		return Date{}, fmt.Errorf("lunar date %s: that month has only %d days", l, length)
	}
	d := dateOfDay(start + l.Day - 1 - julianOffset)
	if d.Year < LunarMinYear || d.Year > LunarMaxYear {
		return Date{}, fmt.Errorf("lunar date %s: falls on %s, outside the supported years %d–%d", l, d, LunarMinYear, LunarMaxYear)
	}
	return d, nil
}

// julianOffset is the Julian day number of 1970-01-01.
const julianOffset = 2440588

func julianDay(d Date) int { return dayNumber(d) + julianOffset }

// newMoon returns the instant (Julian day, UT) of the k-th new moon after
// the one of 1900-01-01 13:52 UT (Meeus ch. 49, truncated series as used
// by Hồ Ngọc Đức).
func newMoon(k int) float64 {
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries from 1900 January 0.5
	t2 := t * t
	t3 := t2 * t
	const dr = math.Pi / 180
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // Sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // Moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // Moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 -= 0.0004 * math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltaT
}

// sunLongitude returns the Sun's true longitude in radians, in [0, 2π), at
// Julian day jdn (Meeus ch. 25, low-accuracy series).
func sunLongitude(jdn float64) float64 {
	t := (jdn - 2451545.0) / 36525 // Julian centuries from J2000.0
	t2 := t * t
	const dr = math.Pi / 180
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// newMoonDay returns the Julian day number of the local (UTC+7) day that
// contains the k-th new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(k) + 0.5 + vnTimeZone/24))
}

// sunSector returns which 30° sector (0..11, 0 = from the March equinox)
// the Sun is in at local midnight starting Julian day number day.
func sunSector(day int) int {
	return int(math.Floor(sunLongitude(float64(day)-0.5-vnTimeZone/24) / math.Pi * 6))
}

// lunarMonth11 returns the Julian day number on which lunar month 11 of
// solar year y begins (the month containing the winter solstice).
func lunarMonth11(y int) int {
	off := julianDay(Date{y, time.December, 31}) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 { // the new moon is already past the solstice
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset returns the index (1 = first month after month 11) of
// the leap month of the 13-month lunar year starting at month 11 on a11:
// the first month during which the Sun enters no new sector.
func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}

// tetDay returns the day number (days since 1970-01-01) of mùng 1 Tết of
// lunar year y (y in the supported range).
func tetDay(y int) int {
	d, err := LunarToSolar(Lunar{Year: y, Month: 1, Day: 1})
	if err != nil {
		panic("workday: " + err.Error()) // unreachable for supported years
	}
	return dayNumber(d)
}
