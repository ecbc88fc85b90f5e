package dossier

import (
	"testing"
	"time"
)

func TestCodeScheme_SlotsNeverOverlap(t *testing.T) {
	for _, width := range []int{3, 4, 7} {
		for slots := 1; slots <= 99; slots++ {
			prevEnd := 0
			for slot := 1; slot <= slots; slot++ {
				s := CodeScheme{Agency: "000.00.06.H56", DateLayout: "060102", SeqWidth: width, Slot: slot, Slots: slots}
				if err := s.Validate(); err != nil {
					if width == 3 && slots > 99 {
						continue
					}
					t.Fatalf("width %d slots %d slot %d: %v", width, slots, slot, err)
				}
				first, last := s.SeqRange()
				if first != prevEnd+1 || last < first {
					t.Fatalf("width %d slots %d slot %d: range %d–%d after %d", width, slots, slot, first, last, prevEnd)
				}
				prevEnd = last
			}
			max := 1
			for range width {
				max *= 10
			}
			if prevEnd > max-1 {
				t.Fatalf("width %d slots %d: last number %d exceeds %d digits", width, slots, prevEnd, width)
			}
		}
	}
}

func TestCodeScheme_NextAndFormat(t *testing.T) {
	s := DefaultCodeScheme("000.00.06.H56", 2, 10)
	first, last := s.SeqRange()
	if first != 1000 || last != 1998 {
		t.Fatalf("slot 2/10 range %d–%d, want 1000–1998", first, last)
	}
	n, err := s.Next(0)
	if err != nil || n != 1000 {
		t.Fatalf("Next(0) = %d, %v", n, err)
	}
	if n, _ := s.Next(1000); n != 1001 {
		t.Fatalf("Next(1000) = %d", n)
	}
	if _, err := s.Next(1998); ErrorKind(err) != KindConflict {
		t.Fatalf("exhausted block: %v", err)
	}
	at := time.Date(2023, 10, 27, 9, 32, 0, 0, Zone)
	if c := s.Format(at, 361); c != "000.00.06.H56-231027-0361" {
		t.Fatalf("Format = %s", c)
	}
	// A UTC time just before midnight UTC is already the next day in Vietnam.
	utc := time.Date(2023, 10, 26, 18, 30, 0, 0, time.UTC)
	if c := s.Format(utc, 1000); c != "000.00.06.H56-231027-1000" {
		t.Fatalf("Format(UTC) = %s", c)
	}
	long := CodeScheme{Agency: "G09.20", DateLayout: "20060102", SeqWidth: 7, Slot: 1, Slots: 1}
	if c := long.Format(time.Date(2026, 6, 9, 10, 0, 0, 0, Zone), 92637); c != "G09.20-20260609-0092637" {
		t.Fatalf("long Format = %s", c)
	}
}

var codeCases = []struct {
	in     string
	agency string
	day    string
	seq    int
	ok     bool
}{
	{"000.00.06.H56-231027-0361", "000.00.06.H56", "2023-10-27", 361, true},
	{"H15.50.05.13-261008-0975", "H15.50.05.13", "2026-10-08", 975, true},
	{"G09.20-20260609-0092637", "G09.20", "2026-06-09", 92637, true},
	{" 000.00.53.H48-220921-0099 ", "000.00.53.H48", "2022-09-21", 99, true},
	{"000.00.06.H56-231327-0361", "", "", 0, false}, // month 13
	{"000.00.06.H56-231027-0000", "", "", 0, false},
	{"000.00.06.H56-231027-36", "", "", 0, false},
	{"000.00.06.h56-231027-0361", "", "", 0, false},
	{"231027-0361", "", "", 0, false},
	{"", "", "", 0, false},
	{"--", "", "", 0, false},
	{"000..06.H56-231027-0361", "", "", 0, false},
	{"000-700101-001", "000", "2070-01-01", 1, true}, // yy is always 20yy, not Go's 19yy for 69–99
	{"000-20700101-001", "000", "2070-01-01", 1, true},
}

func TestParseCode(t *testing.T) {
	for _, c := range codeCases {
		a, d, s, err := ParseCode(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ParseCode(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && (a != c.agency || d.Format("2006-01-02") != c.day || s != c.seq) {
			t.Errorf("ParseCode(%q) = %s %s %d", c.in, a, d.Format("2006-01-02"), s)
		}
	}
}

func FuzzParseCode(f *testing.F) {
	for _, c := range codeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, d, seq, err := ParseCode(s)
		if err != nil {
			return
		}
		// Whatever parses must format back to a code that parses the same.
		layout := "060102"
		if d.Year() < 2000 || d.Year() > 2099 {
			layout = "20060102"
		}
		sc := CodeScheme{Agency: a, DateLayout: layout, SeqWidth: 7, Slot: 1, Slots: 1}
		a2, d2, seq2, err := ParseCode(string(sc.Format(d, seq)))
		if err != nil || a2 != a || !d2.Equal(d) || seq2 != seq {
			t.Fatalf("round trip of %q: %v %s %v %d", s, err, a2, d2, seq2)
		}
	})
}
