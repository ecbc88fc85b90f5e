package workday

import (
	"fmt"
	"sort"
	"time"
)

// holiday is one statutory holiday date.
type holiday struct {
	day        int    // day number
	name       string // Vietnamese
	compensate bool   // art. 111(3): a holiday on a weekend is made up on the next working day
	required   bool   // a notice table must list it as off when it is a weekday
	source     string // legal source when it is not the Labour Code
}

// Names of the holidays as written in the notices.
const (
	nameNewYear     = "Tết Dương lịch"
	nameTet         = "Tết Nguyên đán"
	nameHungKings   = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
	nameVictory     = "Ngày Chiến thắng (30/4)"
	nameLabour      = "Ngày Quốc tế Lao động (1/5)"
	nameNational    = "Quốc khánh (2/9)"
	nameNationalAdj = "Quốc khánh (ngày liền kề)"
	nameCulture     = "Ngày Văn hóa Việt Nam (24/11)"
)

// statutoryHolidays lists the public holidays of year y in date order
// (Labour Code 2019 art. 112, Labour Code 2012 art. 115 before 2021;
// domain.md §6.1):
//   - 1/1; 30/4; 1/5; 2/9; Giỗ Tổ Hùng Vương on 10/3 lunar;
//   - Tết: 5 days. The Prime Minister picks them each year (art. 112(3));
//     the rule default is the last day of the lunar year through mùng 4;
//   - from 2021, a second National Day day adjacent to 2/9, also picked
//     each year. The default reproduces every notice 2021–2026: the day
//     that joins the break to a weekend, i.e. 3/9 when 2/9 is a Monday or
//     Thursday, otherwise 1/9;
//   - from 2026, 24/11 Ngày Văn hóa Việt Nam, which is not in art. 112 and
//     so gets no weekend compensation (domain.md §6.1, [S]).
func statutoryHolidays(y int) []holiday {
	day := func(m time.Month, d int) int { return dayNumber(Date{y, m, d}) }
	hs := []holiday{{day: day(time.January, 1), name: nameNewYear, compensate: true, required: true}}
	tet := tetDay(y)
	for i := -1; i <= 3; i++ {
		hs = append(hs, holiday{day: tet + i, name: nameTet, compensate: true, required: i >= 0 && i <= 2})
	}
	hk, err := LunarToSolar(Lunar{Year: y, Month: 3, Day: 10})
	if err != nil {
		panic("workday: " + err.Error()) // unreachable for supported years
	}
	hs = append(hs,
		holiday{day: dayNumber(hk), name: nameHungKings, compensate: true, required: true},
		holiday{day: day(time.April, 30), name: nameVictory, compensate: true, required: true},
		holiday{day: day(time.May, 1), name: nameLabour, compensate: true, required: true},
		holiday{day: day(time.September, 2), name: nameNational, compensate: true, required: true},
	)
	if y >= 2021 {
		adj := day(time.September, 1)
		if wd := (Date{y, time.September, 2}).Weekday(); wd == time.Monday || wd == time.Thursday {
			adj = day(time.September, 3)
		}
		hs = append(hs, holiday{day: adj, name: nameNationalAdj, compensate: true})
	}
	if y >= 2026 {
		hs = append(hs, holiday{day: day(time.November, 24), name: nameCulture, required: true,
			source: "Nghị quyết 28/2026/QH16 (số hiệu chưa xác nhận; tính theo quy tắc, không có thông báo)"})
	}
	sort.SliceStable(hs, func(i, j int) bool { return hs[i].day < hs[j].day })
	return hs
}

// ruleTable derives year y's table from the statutory rules alone, for
// years without a known notice. Holidays on a weekday are off. A holiday on
// a Saturday or Sunday is made up on the next weekday that is not already
// off (art. 111(3)); two holidays on the same date are treated the same
// way (an assumption: the code is silent, and a notice would settle it).
func ruleTable(y int) YearTable {
	t := YearTable{Year: y}
	if y >= 2021 {
		t.Source = "Bộ luật Lao động 2019, điều 111–112 (tính theo quy tắc, không có thông báo)"
	} else {
		t.Source = "Bộ luật Lao động 2012, điều 110, 115 (tính theo quy tắc, không có thông báo)"
	}
	t.Note = "Rule-derived: no official notice is built in for this year. Tết is the default " +
		"window from the last day of the lunar year through mùng 4, with weekend days made up " +
		"on the following weekdays. Import the year's notice when it is published."
	hs := statutoryHolidays(y)
	taken := map[int]bool{} // holidays and compensatory days already off
	for _, h := range hs {
		taken[h.day] = true
	}
	seen := map[int]bool{}
	for _, h := range hs {
		d := dateOfDay(h.day)
		wd := d.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		coincident := seen[h.day]
		seen[h.day] = true
		if !weekend && !coincident {
			t.Days = append(t.Days, Day{Date: d, Kind: Off, Reason: h.name, Source: h.source})
			continue
		}
		if !h.compensate {
			continue
		}
		c := h.day + 1
		for {
			cw := dateOfDay(c).Weekday()
			if cw != time.Saturday && cw != time.Sunday && !taken[c] {
				break
			}
			c++
		}
		taken[c] = true
		why := viWeekday(wd)
		if !weekend {
			why = "ngày lễ khác"
		}
		t.Days = append(t.Days, Day{Date: dateOfDay(c), Kind: Off,
			Reason: fmt.Sprintf("Nghỉ bù %s, trùng %s %02d/%02d", h.name, why, d.Day, int(d.Month))})
	}
	t.sortDays()
	return t
}
