package catalog

import (
	"fmt"
	"io"
	"strings"
)

// WriteText prints the report for people: a summary, then one line per
// problem, tab-separated and sorted:
//
//	WARN<TAB>CODE<TAB>FORMAT<TAB>FILE<TAB>message
//	DUP<TAB>message
//	ERROR<TAB>FILE<TAB>RECORD<TAB>message
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "files: %d read", r.Files)
	if len(r.Skipped) > 0 {
		fmt.Fprintf(&b, ", %d skipped (not JSON or xlsx)", len(r.Skipped))
	}
	b.WriteString("\nrecords:")
	n := 0
	for _, f := range Formats() {
		if c := r.Records[f]; c > 0 {
			if n > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, " %s %d", f, c)
			n++
		}
	}
	if n == 0 {
		b.WriteString(" none")
	}
	fmt.Fprintf(&b, "\nprocedures: %d (list-only %d, list entries merged into details %d, duplicates %d)\n",
		r.Procs, r.ListOnly, r.Merged, len(r.Duplicates))
	nw := 0
	for _, pw := range r.Warnings {
		nw += len(pw.Warnings)
	}
	fmt.Fprintf(&b, "warnings: %d in %d records\n", nw, len(r.Warnings))
	if len(r.Errors) > 0 {
		fmt.Fprintf(&b, "errors: %d (nothing imported)\n", len(r.Errors))
	}
	for _, pw := range r.Warnings {
		for _, m := range pw.Warnings {
			fmt.Fprintf(&b, "WARN\t%s\t%s\t%s\t%s\n", pw.Code, pw.Format, pw.File, oneLine(m))
		}
	}
	for _, d := range r.Duplicates {
		fmt.Fprintf(&b, "DUP\t%s\n", oneLine(d))
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "ERROR\t%s\t%s\t%s\n", e.File, e.Record, oneLine(e.Err.Error()))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
