package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"motcua/desk"
	"motcua/dossier"
	"motcua/forms"
	"motcua/receipt"
	"motcua/store"
)

// Form commands:
//
//	form print CODE --form NN --out FILE.pdf [--copy] [--event N] [--thermal]
//	form print [CODE] --form 07 [--from YYYY-MM-DD [--to YYYY-MM-DD]] --out FILE.pdf
//	form list
//
// "form print" renders a form of the office's set (setting office.forms)
// for a stored dossier; the tracking book covers the dossier's receipt day
// or --from..--to. --copy marks a reprint (BẢN SAO and the reprint time).
// --thermal writes the 80 mm ESC/POS receipt instead of the A4 PDF (form
// 01 only). On success it prints "wrote FILE: form NN TITLE, P page(s)".
func init() {
	register(&command{
		Name:    "form",
		Summary: "counter forms: print CODE --form NN --out FILE.pdf | list",
		Run: func(e *env, args []string) error {
			return subcommands("form", args, map[string]func([]string) error{
				"print": func(a []string) error { return formPrint(e, a) },
				"list":  func(a []string) error { return formList(e, a) },
			})
		},
	})
}

// formNow is the clock of the form commands (print time, PDF date).
var formNow = time.Now

// setupHint ends the messages about a desk that was never set up.
const setupHint = "run the desk app setup or motcuactl setup first"

// officeDesk reads the office and desk settings.
func officeDesk(db *store.DB) (desk.Office, desk.Desk, error) {
	var o desk.Office
	var d desk.Desk
	ok, err := db.GetSetting("office", &o)
	if err != nil {
		return o, d, fmt.Errorf("office settings: %w", err)
	}
	if !ok {
		return o, d, errors.New("the office settings are not set: " + setupHint)
	}
	ok, err = db.GetSetting("desk", &d)
	if err != nil {
		return o, d, fmt.Errorf("desk settings: %w", err)
	}
	if !ok {
		return o, d, errors.New("the desk settings are not set: " + setupHint)
	}
	return o, d, nil
}

// ownKey loads the desk's signing key.
func ownKey(db *store.DB, d desk.Desk) (receipt.Key, error) {
	if d.KeyID == "" {
		return receipt.Key{}, errors.New("this desk has no signing key: " + setupHint)
	}
	var rec receipt.Record
	ok, err := db.GetKey(d.KeyID, &rec)
	if err != nil {
		return receipt.Key{}, fmt.Errorf("desk key %s: %w", d.KeyID, err)
	}
	if !ok {
		return receipt.Key{}, fmt.Errorf("desk key %s is missing from the database: %s", d.KeyID, setupHint)
	}
	k, err := rec.Key()
	if err != nil {
		return receipt.Key{}, err
	}
	if !k.CanSign() {
		return receipt.Key{}, fmt.Errorf("desk key %s has no private key", d.KeyID)
	}
	return k, nil
}

// maxBookDays bounds a tracking book printed in one go.
const maxBookDays = 366

func formDay(flagName, s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", s, dossier.Zone)
	if err != nil {
		return time.Time{}, usagef("--%s %q: want a date YYYY-MM-DD", flagName, s)
	}
	return t, nil
}

func formPrint(e *env, args []string) error {
	fs := flag.NewFlagSet("form print", flag.ContinueOnError)
	num := fs.String("form", "", "form number in the office's set: 01–07 (TT 03/2025) or 01–06 (TT 01/2018)")
	out := fs.String("out", "", "output file (.pdf; the ESC/POS job with --thermal)")
	copyMark := fs.Bool("copy", false, "mark as a reprint (BẢN SAO with the reprint time)")
	from := fs.String("from", "", "tracking book: first receipt day YYYY-MM-DD")
	to := fs.String("to", "", "tracking book: last receipt day YYYY-MM-DD (default: --from)")
	event := fs.Int("event", 0, "history entry the letter is about (default: the latest matching one)")
	thermal := fs.Bool("thermal", false, "write the 80 mm thermal receipt (ESC/POS) instead of the PDF; form 01 only")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	const usage = "usage: form print CODE --form NN --out FILE.pdf [--copy] [--event N] [--thermal]; form print [CODE] --form 07 [--from D --to D] --out FILE.pdf"
	if *num == "" || *out == "" || len(pos) > 1 {
		return usagef("%s", usage)
	}
	if *to != "" && *from == "" {
		return usagef("--to needs --from")
	}
	return e.withDB(func(db *store.DB) error {
		o, dk, err := officeDesk(db)
		if err != nil {
			return err
		}
		kind, err := forms.KindOf(o.Forms, *num)
		if err != nil {
			return usagef("%v", err)
		}
		if *thermal && kind != forms.KindReceipt {
			return usagef("--thermal prints the receipt (form 01) only")
		}
		if *from != "" && kind != forms.KindBook {
			return usagef("--from/--to apply to the tracking book only")
		}
		now := formNow().In(dossier.Zone)
		in := forms.Input{Office: o, Desk: dk, Event: *event, Copy: *copyMark, Now: now}
		if kind == forms.KindBook {
			if err := bookInput(db, &in, pos, *from, *to); err != nil {
				return err
			}
		} else {
			if len(pos) != 1 {
				return usagef("%s", usage)
			}
			d, err := db.Dossier(pos[0])
			if err != nil {
				return err
			}
			in.Dossier = d
			if kind == forms.KindReceipt {
				k, err := ownKey(db, dk)
				if err != nil {
					return err
				}
				if in.QR, err = forms.SignReceipt(o, d, k); err != nil {
					return err
				}
			}
		}
		var data []byte
		var doc *forms.Document
		if *thermal {
			job, _, err := forms.ThermalJob(in)
			if err != nil {
				return err
			}
			data = job
			if doc, err = forms.BuildThermal(in); err != nil {
				return err
			}
		} else {
			doc, err = forms.Build(kind, in)
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := forms.PDF(&buf, doc, now); err != nil {
				return err
			}
			data = buf.Bytes()
		}
		if err := writeFileAtomic(*out, data); err != nil {
			return err
		}
		pages := fmt.Sprintf("%d pages", len(doc.Pages))
		if len(doc.Pages) == 1 {
			pages = "1 page"
		}
		if *thermal {
			pages = "80 mm thermal receipt"
		}
		fmt.Fprintf(e.Stdout, "wrote %s: form %s %s, %s\n", *out, doc.Number, doc.Title, pages)
		return nil
	})
}

// bookInput fills the tracking book's days and dossiers: --from..--to, or
// the receipt day of CODE.
func bookInput(db *store.DB, in *forms.Input, pos []string, from, to string) error {
	var first, last time.Time
	switch {
	case from != "":
		if len(pos) != 0 {
			return usagef("give either CODE or --from/--to for the tracking book")
		}
		var err error
		if first, err = formDay("from", from); err != nil {
			return err
		}
		last = first
		if to != "" {
			if last, err = formDay("to", to); err != nil {
				return err
			}
		}
	case len(pos) == 1:
		d, err := db.Dossier(pos[0])
		if err != nil {
			return err
		}
		first = dossier.Day(d.ReceivedAt)
		last = first
	default:
		return usagef("the tracking book needs CODE (its receipt day) or --from YYYY-MM-DD")
	}
	if last.Before(first) {
		return usagef("--to %s is before --from %s", last.Format("2006-01-02"), first.Format("2006-01-02"))
	}
	if n := int(last.Sub(first).Hours()/24) + 1; n > maxBookDays {
		return usagef("the book covers %d days; print at most %d at a time", n, maxBookDays)
	}
	in.From, in.To = first, last
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		ds, err := db.ListDay(day, store.ListOptions{})
		if err != nil {
			return err
		}
		in.Dossiers = append(in.Dossiers, ds...)
	}
	return nil
}

// writeFileAtomic writes data next to path and renames it into place, so
// a failed run never leaves half a PDF.
func writeFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// formList prints the office's form set: "NN Title".
func formList(e *env, args []string) error {
	if len(args) != 0 {
		return usagef("usage: form list")
	}
	return e.withDB(func(db *store.DB) error {
		o, _, err := officeDesk(db)
		if err != nil {
			return err
		}
		set := o.Forms
		if set == "" {
			set = desk.FormsTT03
		}
		fmt.Fprintf(e.Stdout, "form set %s\n", set)
		for _, k := range forms.Kinds {
			if n, ok := k.Number(set); ok {
				fmt.Fprintf(e.Stdout, "%s %s\n", n, strings.TrimSpace(k.Title(set)))
			}
		}
		return nil
	})
}
