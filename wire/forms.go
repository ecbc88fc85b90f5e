package wire

import (
	"context"
	"fmt"
	"image"
	"io"
	"time"

	"motcua/dossier"
	"motcua/forms"
	"motcua/store"
)

// Forms renders and prints the counter forms of this desk: the receipt QR
// is signed with the desk key, the form set and header come from the
// office settings, reprints are marked as copies. It is the UI's printing
// hook (intake.Deps.Forms and friends).
type Forms struct {
	d   *Desk
	now func() time.Time
}

// Forms returns the desk's form renderer.
func (d *Desk) Forms() *Forms { return &Forms{d: d, now: d.Service.Now} }

// input prepares the form input of one dossier.
func (f *Forms) input(x *dossier.Dossier, form string, copy bool) (forms.Kind, forms.Input, error) {
	o, dk, err := f.d.Service.Config()
	if err != nil {
		return 0, forms.Input{}, err
	}
	k, err := forms.KindOf(o.Forms, form)
	if err != nil {
		return 0, forms.Input{}, err
	}
	in := forms.Input{Office: o, Desk: dk, Dossier: x, Copy: copy, Now: f.now()}
	if k == forms.KindReceipt && x.Kind == dossier.KindDossier && x.Code != "" {
		key, err := f.d.Service.DeskKey(dk)
		if err != nil {
			return 0, in, fmt.Errorf("sign the receipt: %w", err)
		}
		if in.QR, err = forms.SignReceipt(o, x, key); err != nil {
			return 0, in, err
		}
	}
	if k == forms.KindBook {
		in.Dossier = nil
		day := dossier.Day(x.ReceivedAt)
		in.From, in.To = day, day
		ds, err := f.d.DB.ListDay(day, store.ListOptions{})
		if err != nil {
			return 0, in, err
		}
		in.Dossiers = ds
	}
	return k, in, nil
}

// Document builds the layout of a form for a dossier.
func (f *Forms) Document(x *dossier.Dossier, form string, copy bool) (*forms.Document, error) {
	k, in, err := f.input(x, form, copy)
	if err != nil {
		return nil, err
	}
	return forms.Build(k, in)
}

// Preview renders the first page at screen resolution.
func (f *Forms) Preview(x *dossier.Dossier, form string) (image.Image, error) {
	doc, err := f.Document(x, form, false)
	if err != nil {
		return nil, err
	}
	return forms.Raster(doc, 0, 96)
}

// PDF writes the form as a PDF.
func (f *Forms) PDF(w io.Writer, x *dossier.Dossier, form string, copy bool) error {
	doc, err := f.Document(x, form, copy)
	if err != nil {
		return err
	}
	return forms.PDF(w, doc, f.now())
}

// Print sends the form to the desk's printer (the thermal receipt printer
// for form 01 when the desk has one). The job runs in the caller's
// goroutine; the UI calls it off its own thread.
func (f *Forms) Print(x *dossier.Dossier, form string, copy bool) error {
	_, dk, err := f.d.Service.Config()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	p := forms.NewPrinter(dk.Printer)
	k, in, err := f.input(x, form, copy)
	if err != nil {
		return err
	}
	if k == forms.KindReceipt && dk.Thermal {
		job, _, err := forms.ThermalJob(in)
		if err != nil {
			return err
		}
		return p.PrintRaw(ctx, "motcua "+string(x.Code), job)
	}
	doc, err := forms.Build(k, in)
	if err != nil {
		return err
	}
	return p.PrintDocument(ctx, doc, forms.PrintOptions{Created: f.now()})
}

// PrintDocument prints an already built form on the desk's printer.
func (f *Forms) PrintDocument(doc *forms.Document) error {
	_, dk, err := f.d.Service.Config()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return forms.NewPrinter(dk.Printer).PrintDocument(ctx, doc, forms.PrintOptions{Created: f.now()})
}

// ForEvent names the forms to print after an event (forms.ForEvent with
// the office's form set), as form numbers.
func (f *Forms) ForEvent(x *dossier.Dossier, ev dossier.Event) []string {
	o, _, err := f.d.Service.Config()
	if err != nil {
		return nil
	}
	ks, ok := forms.ForEvent(o.Forms, x, ev)
	if !ok {
		return nil
	}
	var out []string
	for _, k := range ks {
		if n, ok := k.Number(o.Forms); ok {
			out = append(out, n)
		}
	}
	return out
}
