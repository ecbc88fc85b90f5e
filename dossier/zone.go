package dossier

import "time"

// Zone is Vietnam's time zone (UTC+7, no daylight saving). Every domain time
// is expressed in it; the national portal's yyyyMMddHHmmss dates are local
// times in this zone (domain.md §3.2).
var Zone = time.FixedZone("ICT", 7*3600)

// Day returns midnight of t's calendar day in Zone.
func Day(t time.Time) time.Time {
	t = t.In(Zone)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Zone)
}
