package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/store"
	"motcua/wire"
)

// Dossier commands (formats are contracts):
//
//	motcuactl dossier list [--date YYYY-MM-DD] [--limit N] [--guidance]
//	    one CODE<TAB>STATUS<TAB>RECEIVED line per dossier (STATUS = national code 1–10,
//	    RECEIVED = YYYY-MM-DD HH:MM), in receipt order
//	motcuactl dossier show CODE          the dossier as indented JSON
//	motcuactl dossier receive --json FILE [--pdf OUT]
//	    CODE<TAB>YYYY-MM-DD HH:MM (code and appointment; "none" when the procedure has no
//	    deadline; for a supplement request the guidance number and "-", for a refusal the code and "-")
//	motcuactl dossier find QUERY         CODE<TAB>STATUS<TAB>RECEIVED<TAB>OWNER lines, newest first
//	motcuactl dossier transition CODE --to STATUS [--note TEXT]
//	    prints CODE<TAB>STATUS; a refused transition exits 1 with the reason

func init() {
	register(&command{Name: "dossier", Summary: "list, show, receive, find and move dossiers", Run: runDossier})
}

// renderFormPDF renders a counter form for a dossier into a PDF file; set
// by the forms command file.
var renderFormPDF func(e *env, code, form, out string) error

func runDossier(e *env, args []string) error {
	return subcommands("dossier", args, map[string]func([]string) error{
		"list":       func(a []string) error { return dossierList(e, a) },
		"show":       func(a []string) error { return dossierShow(e, a) },
		"receive":    func(a []string) error { return dossierReceive(e, a) },
		"find":       func(a []string) error { return dossierFind(e, a) },
		"transition": func(a []string) error { return dossierTransition(e, a) },
	})
}

const timeLayout = "2006-01-02 15:04"

func statusText(d *dossier.Dossier) string {
	if d.Kind == dossier.KindGuidance {
		return "-"
	}
	return d.Status.String()
}

func dossierList(e *env, args []string) error {
	fs := flag.NewFlagSet("dossier list", flag.ContinueOnError)
	date := fs.String("date", "", "only dossiers received on this day (YYYY-MM-DD)")
	limit := fs.Int("limit", 0, "at most N lines (0 = all)")
	guidance := fs.Bool("guidance", false, "include counter guidance records (supplement requested before reception)")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *limit < 0 {
		return usagef("--limit must not be negative")
	}
	return e.withDB(func(db *store.DB) error {
		n := 0
		print := func(f store.Facts) error {
			if f.Kind == dossier.KindGuidance && !*guidance {
				return nil
			}
			if *limit > 0 && n >= *limit {
				return errStopListing
			}
			n++
			code, st := string(f.Code), f.Status.String()
			if f.Kind == dossier.KindGuidance {
				code, st = f.GuidanceNo, "-"
			}
			_, err := fmt.Fprintf(e.Stdout, "%s\t%s\t%s\n", code, st, f.ReceivedAt.In(dossier.Zone).Format(timeLayout))
			return err
		}
		if *date != "" {
			day, err := time.ParseInLocation("2006-01-02", *date, dossier.Zone)
			if err != nil {
				return usagef("--date must be YYYY-MM-DD, got %q", *date)
			}
			err = db.DayFacts(day, print)
			if err == errStopListing {
				err = nil
			}
			return err
		}
		err := db.AllFacts(print)
		if err == errStopListing {
			err = nil
		}
		return err
	})
}

var errStopListing = fmt.Errorf("enough lines")

func dossierShow(e *env, args []string) error {
	pos, err := parseN(flag.NewFlagSet("dossier show", flag.ContinueOnError), args, 1, "usage: dossier show CODE")
	if err != nil {
		return err
	}
	return e.withDB(func(db *store.DB) error {
		d, err := db.Dossier(pos[0])
		if err != nil {
			return err
		}
		enc := json.NewEncoder(e.Stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	})
}

// decodeIntake reads an intake request strictly: unknown fields are errors
// (a typo must not silently drop data).
func decodeIntake(b []byte) (desk.IntakeRequest, error) {
	var req desk.IntakeRequest
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		return req, err
	}
	if dec.More() {
		return req, fmt.Errorf("trailing data after the JSON object")
	}
	return req, nil
}

func dossierReceive(e *env, args []string) error {
	fs := flag.NewFlagSet("dossier receive", flag.ContinueOnError)
	file := fs.String("json", "", "intake request file (format in the README)")
	pdf := fs.String("pdf", "", "also render the matching form (01 receipt, 02 supplement request, 03 refusal) to this PDF")
	if _, err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *file == "" {
		return usagef("usage: dossier receive --json FILE [--pdf OUT]")
	}
	b, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	req, err := decodeIntake(b)
	if err != nil {
		return fmt.Errorf("%s: not a valid intake request: %v (nothing stored)", *file, err)
	}
	return e.withSession(func(dk *wire.Desk, s *desk.Session) error {
		d, err := dk.Service.Receive(s, req)
		if err != nil {
			return fmt.Errorf("%s: %v (nothing stored)", *file, err)
		}
		code, appt := string(d.Code), "-"
		switch {
		case d.Kind == dossier.KindGuidance:
			code = d.GuidanceNo
		case d.Status == dossier.StatusReceived && d.Appointment.IsZero():
			appt = "none"
		case d.Status == dossier.StatusReceived:
			appt = d.Appointment.In(dossier.Zone).Format(timeLayout)
		}
		fmt.Fprintf(e.Stdout, "%s\t%s\n", code, appt)
		if *pdf != "" {
			if renderFormPDF == nil {
				return fmt.Errorf("this build cannot render forms")
			}
			dk.Close()
			form := "01"
			switch {
			case d.Kind == dossier.KindGuidance:
				form = "02"
			case d.Status == dossier.StatusRefused:
				form = "03"
			}
			return renderFormPDF(e, code, form, *pdf)
		}
		return nil
	})
}

func dossierFind(e *env, args []string) error {
	fs := flag.NewFlagSet("dossier find", flag.ContinueOnError)
	limit := fs.Int("limit", 50, "at most N results")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	q := strings.TrimSpace(strings.Join(pos, " "))
	if q == "" {
		return usagef("usage: dossier find QUERY (code, ID number, phone, name or a receipt QR text)")
	}
	return e.withDB(func(db *store.DB) error {
		kind, ds, err := desk.Lookup(db, q, *limit)
		if err != nil {
			return err
		}
		for _, d := range ds {
			code := string(d.Code)
			if d.Kind == dossier.KindGuidance {
				code = d.GuidanceNo
			}
			fmt.Fprintf(e.Stdout, "%s\t%s\t%s\t%s\n", code, statusText(d), d.ReceivedAt.In(dossier.Zone).Format(timeLayout), d.OwnerParty().Name)
		}
		if len(ds) == 0 {
			return exitError{code: 1, msg: fmt.Sprintf("no dossier matches %q (searched as %s)", q, kind)}
		}
		return nil
	})
}

func dossierTransition(e *env, args []string) error {
	fs := flag.NewFlagSet("dossier transition", flag.ContinueOnError)
	to := fs.String("to", "", "target status: national code 1–10 or a name (processing, result-ready, returned, …)")
	note := fs.String("note", "", "note or reason recorded with the event")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *to == "" {
		return usagef("usage: dossier transition CODE --to STATUS [--note TEXT]")
	}
	st, err := dossier.ParseStatus(*to)
	if err != nil {
		return usagef("%v", err)
	}
	return e.withSession(func(dk *wire.Desk, s *desk.Session) error {
		d, err := dk.Service.TransitionTo(s, pos[0], st, *note)
		if err != nil {
			return exitError{code: 1, msg: fmt.Sprintf("%s: transition refused: %v", pos[0], err)}
		}
		fmt.Fprintf(e.Stdout, "%s\t%s\n", d.Code, d.Status)
		return nil
	})
}
