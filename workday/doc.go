// Package workday is motcua's working-day calendar and deadline engine for
// Vietnamese one-stop counters. It depends on the standard library only.
//
// # Lunar calendar
//
// SolarToLunar and LunarToSolar convert between the Gregorian and the
// Vietnamese lunisolar calendar computed at UTC+7 (Hồ Ngọc Đức's algorithm
// on Meeus' astronomical series; see lunar.go). Vietnam and China differ
// in some years (Tết 1985, 2007, 2030; leap month of 1984–85 and 1987), so
// the Chinese calendar must not be used (domain.md §6.3).
//
// # Days off
//
// A Calendar knows, for each year from MinYear to MaxYear, the weekdays on
// which the civil service is off and the Saturdays it works as make-up
// days. Its sources, in order of precedence:
//
//  1. an administrator's YearTable for that year, passed to New (imported
//     and exported as JSON; see YearTable for the format and Validate for
//     the rules);
//  2. the built-in tables of the official notices 2021–2026 (notices/*.json,
//     each naming its notice: TB 4875/TB-LĐTBXH for 2021, TB 119/TB-LĐTBXH
//     for 2022, TB 5034/TB-LĐTBXH for 2023, TB 5015/TB-LĐTBXH for 2024,
//     TB 6150/TB-BLĐTBXH for 2025, TB 9441/TB-BNV and related letters for
//     2026; domain.md §6.2);
//  3. the statutory rules alone, marked FromRules ("rule-derived, no
//     notice"): Labour Code 2019 art. 112 (1/1; Tết, 5 days; Giỗ Tổ Hùng
//     Vương, 10/3 lunar; 30/4; 1/5; 2/9 plus an adjacent day) with art.
//     111(3) (a holiday on a weekend is made up on the next working day),
//     and 24/11 Ngày Văn hóa Việt Nam from 2026 without that make-up
//     (domain.md §6.1). Years before 2021 follow Labour Code 2012 (2/9 is
//     one day). The days a notice chooses get defaults: Tết is the last day
//     of the lunar year through mùng 4; the second National Day day is 3/9
//     when 2/9 is a Monday or Thursday and 1/9 otherwise (this reproduces
//     every notice 2021–2026).
//
// A table, whatever its source, lists every weekday off and every make-up
// working day of its year; a make-up working Saturday counts as a working
// day and a swapped weekday is off (domain.md §6.2, motcua's rule).
//
// # Deadlines
//
// Calendar.Appointment computes the appointment ("ngày hẹn trả") for a time
// Limit in working days, calendar days, office hours or months, for
// same-day procedures with the 15:00 cut-off, or none. Its documentation
// states the rules and why a day-based appointment is due at the office's
// closing time. Calendar.Restart applies Decree 118 art. 19.5 (the limit
// restarts after a supplement) and Calendar.TransferDue the art. 18 15:00
// transfer rule (decree118.md B.7, B.8). Office holds the opening windows
// (default 07:00–11:30 and 13:30–17:00) and the cut-off.
//
// All times are interpreted in Zone (UTC+7), at minute precision.
package workday
