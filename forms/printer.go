package forms

import (
	"context"
	"errors"
	"time"
)

// Printer sends jobs to one printer. The desk app prints A4 forms with
// PrintDocument and the 80 mm thermal receipt with PrintRaw (ESC/POS).
//
// On Linux (and other Unix systems) jobs go through CUPS with lp; on
// Windows they go straight to the spooler: forms are drawn with GDI from
// the layout model and raw jobs are written with WritePrinter, so no PDF
// reader or other software is needed.
type Printer interface {
	// Name is the printer's system name ("" = the default printer).
	Name() string
	// PrintDocument prints every page of d.
	PrintDocument(ctx context.Context, d *Document, opt PrintOptions) error
	// PrintRaw sends data unchanged (an ESC/POS job for a receipt
	// printer).
	PrintRaw(ctx context.Context, title string, data []byte) error
}

// PrintOptions tune a job.
type PrintOptions struct {
	// Title names the job in the queue (default: the form title and code).
	Title string
	// Copies is the number of copies (0 = 1).
	Copies int
	// Created is the print time (the PDF handed to CUPS carries it).
	Created time.Time
}

// ErrNoDefault is returned when the system has no default printer.
var ErrNoDefault = errors.New("no default printer is set")

// ErrNoPrinter is returned for a printer the system does not know.
var ErrNoPrinter = errors.New("printer not found")

func jobTitle(d *Document, opt PrintOptions) string {
	if opt.Title != "" {
		return opt.Title
	}
	t := d.Title
	if d.Code != "" {
		t += " " + d.Code
	}
	return t
}
