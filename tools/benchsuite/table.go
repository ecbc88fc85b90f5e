//go:build linux

package main

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// Status of a row.
const (
	Pass    = "PASS"
	Fail    = "FAIL"
	Skipped = "SKIPPED"
	Error   = "ERROR"
)

// Row is one line of the result table.
type Row struct {
	ID     string `json:"id"`
	Target string `json:"target"`
	// Measured and Baseline as shown ("1.84 ms"); Value/BaselineValue in
	// Unit for machines.
	Measured      string  `json:"measured"`
	Baseline      string  `json:"baseline"`
	Ratio         string  `json:"ratio"`
	Goal          string  `json:"goal"`
	Status        string  `json:"status"`
	Value         float64 `json:"value"`
	BaselineValue float64 `json:"baseline_value"`
	Unit          string  `json:"unit"`
	// BaselineIs says what the baseline is.
	BaselineIs string `json:"baseline_is"`
	// Samples is the number of timed runs of the measured operation.
	Samples int `json:"samples"`
	// Notes: secondary numbers, skip reasons, profile evidence.
	Notes []string `json:"notes,omitempty"`
	// Seconds the target took to run (measured + baseline + set-up).
	Seconds float64 `json:"seconds"`
}

func (r *Row) note(format string, a ...any) { r.Notes = append(r.Notes, fmt.Sprintf(format, a...)) }

// judge sets Status from a comparison.
func (r *Row) judge(ok bool) {
	if ok {
		r.Status = Pass
	} else {
		r.Status = Fail
	}
}

// ms formats a duration in milliseconds with 3 significant digits.
func ms(d time.Duration) string { return sig3(float64(d)/1e6) + " ms" }

// dur formats a duration in the most readable unit.
func dur(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return sig3(float64(d)/1e3) + " µs"
	case d < time.Second:
		return ms(d)
	default:
		return sig3(d.Seconds()) + " s"
	}
}

// sig3 prints v with 3 significant digits (no exponent).
func sig3(v float64) string {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Sprint(v)
	}
	a := math.Abs(v)
	switch {
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	case a >= 1:
		return fmt.Sprintf("%.2f", v)
	default:
		d := int(math.Ceil(-math.Log10(a))) + 2
		return fmt.Sprintf("%.*f", d, v)
	}
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return sig3(a/b) + "×"
}

func mib(b int64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

// quantile returns the q-quantile of ds (nearest rank on the sorted
// samples); ds is not changed.
func quantile(ds []time.Duration, q float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(math.Ceil(q*float64(len(s)))) - 1
	return s[min(max(i, 0), len(s)-1)]
}

func median(ds []time.Duration) time.Duration { return quantile(ds, 0.5) }

func medianInt(xs []int64) int64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// markdownTable renders rows as a GitHub table.
func markdownTable(rows []Row) string {
	var b strings.Builder
	b.WriteString("| target | measured | baseline | ratio | goal | result |\n")
	b.WriteString("|---|---:|---:|---:|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", cell(r.Target), cell(r.Measured), cell(r.Baseline), cell(r.Ratio), cell(r.Goal), r.Status)
	}
	return b.String()
}

func cell(s string) string {
	if s == "" {
		return "–"
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

// textTable renders rows aligned for a terminal.
func textTable(rows []Row) string {
	head := []string{"target", "measured", "baseline", "ratio", "goal", "result"}
	w := make([]int, len(head))
	cols := func(r Row) []string {
		return []string{r.Target, orDash(r.Measured), orDash(r.Baseline), orDash(r.Ratio), orDash(r.Goal), r.Status}
	}
	for i, h := range head {
		w[i] = len([]rune(h))
	}
	for _, r := range rows {
		for i, c := range cols(r) {
			w[i] = max(w[i], len([]rune(c)))
		}
	}
	var b strings.Builder
	line := func(cs []string) {
		for i, c := range cs {
			if i > 0 {
				b.WriteString("  ")
			}
			b.WriteString(c)
			if i < len(cs)-1 {
				b.WriteString(strings.Repeat(" ", w[i]-len([]rune(c))))
			}
		}
		b.WriteByte('\n')
	}
	line(head)
	for _, r := range rows {
		line(cols(r))
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
