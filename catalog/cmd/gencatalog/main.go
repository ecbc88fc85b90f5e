// Command gencatalog regenerates the default catalog embedded in motcua
// (assets/catalog/default.mcat) from the real published procedure data in
// ../shared/data. Run it from the repository root:
//
//	go run ./catalog/cmd/gencatalog -data ../shared/data -out assets/catalog/default.mcat
//
// The output is deterministic (fixed stamp and import time, procedures
// sorted by code, file names relative to the data folder), so the same
// data gives the same bytes; the package test checks that the committed
// file is up to date. Change stamp and importedAt when the data changes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"motcua/catalog"
)

// stamp names the data the default catalog was generated from.
const stamp = "motcua-default-1 shared/data/catalog-raw: dvcqg-6bo-chatbot-tthc@53229487 (2026-07-20), bqp-207-chitiettthc@936e184e (2026-01-02)"

// importedAt is the import time recorded in every procedure version: the
// date of the newest source snapshot, not the time of generation.
var importedAt = time.Date(2026, 7, 20, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func main() {
	os.Exit(run(os.Args[1:], os.Stderr))
}

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gencatalog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "../shared/data", "folder with the real procedure data")
	out := fs.String("out", "assets/catalog/default.mcat", "output file")
	verbose := fs.Bool("v", false, "print every import warning")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	b, rep, err := generate(*data)
	if err != nil {
		fmt.Fprintf(stderr, "gencatalog: %v\n", err)
		return 1
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintf(stderr, "gencatalog: %v\n", err)
		return 1
	}
	if *verbose {
		rep.WriteText(stderr)
	}
	fmt.Fprintf(stderr, "gencatalog: %d procedures (%d with warnings), %d bytes -> %s\n", rep.Procs, len(rep.Warnings), len(b), *out)
	return 0
}

// generate imports the data folder and encodes the default catalog.
func generate(dataDir string) ([]byte, *catalog.Report, error) {
	im := catalog.Importer{Now: func() time.Time { return importedAt }, Root: dataDir}
	set, rep, err := im.Import(dataDir)
	if err != nil {
		return nil, rep, err
	}
	set.Stamp = stamp
	var buf bytes.Buffer
	if err := set.Encode(&buf); err != nil {
		return nil, rep, err
	}
	return buf.Bytes(), rep, nil
}
