package dossier

import (
	"time"

	"motcua/workday"
)

// Zone is Vietnam's time zone (UTC+7, no daylight saving), shared with the
// workday package. Every domain time is expressed in it; the national
// portal's yyyyMMddHHmmss dates are local times in this zone (domain.md §3.2).
var Zone = workday.Zone

// Day returns midnight of t's calendar day in Zone.
func Day(t time.Time) time.Time {
	t = t.In(Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Zone)
}
