package workday

import (
	"testing"
	"time"
)

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2026, 2, 17}
	for b.Loop() {
		if _, err := SolarToLunar(d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLunarToSolar(b *testing.B) {
	l := Lunar{Year: 2026, Month: 3, Day: 10}
	for b.Loop() {
		if _, err := LunarToSolar(l); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkYearTable measures building a year's days off from the rules
// (what a Calendar does once per year it touches).
func BenchmarkYearTable(b *testing.B) {
	for b.Loop() {
		_ = ruleTable(2031)
	}
}

func BenchmarkAppointment(b *testing.B) {
	c := Default()
	r := time.Date(2026, 2, 13, 10, 0, 0, 0, Zone)
	for _, l := range []Limit{{5, WorkingDays}, {30, WorkingDays}, {16, Hours}, {3, Months}, {0, SameDay}} {
		b.Run(l.String(), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := c.Appointment(r, l, Office{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
