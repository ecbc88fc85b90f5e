//go:build windows

// Command printcheck drives motcua's Windows printing path (forms'
// GDI and raw spooler printer) against a test printer under Wine, for
// scripts/wine-smoke.sh. Test-only: never shipped.
//
//	printcheck setup -ppd PPD -port PORT -rawport PORT2
//	    installs Wine's PostScript driver with PPD, the default printer
//	    "motcua-test" printing to PORT and "motcua-receipt" printing to
//	    PORT2 (host file paths under Wine)
//	printcheck print -doc FORM.json -thermal RECEIPT.png -rawout OUT.bin
//	    checks the printer list and default printer, prints the A4 form
//	    (a forms golden document) through GDI on the default printer, the
//	    thermal receipt as raw ESC/POS on motcua-receipt, and writes the
//	    ESC/POS bytes it sent to OUT.bin
//
// Exit 1 with a message on any failure.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"image"
	"image/png"
	"os"
	"slices"
	"syscall"
	"unsafe"

	"motcua/forms"
)

const (
	printerName = "motcua-test"
	receiptName = "motcua-receipt"
	driverName  = "Wine PostScript Driver"
)

var (
	winspool            = syscall.NewLazyDLL("winspool.drv")
	procAddPrinterDrvEx = winspool.NewProc("AddPrinterDriverExW")
	procAddPrinterW     = winspool.NewProc("AddPrinterW")
	procClosePrinter    = winspool.NewProc("ClosePrinter")
	procSetDefaultPrn   = winspool.NewProc("SetDefaultPrinterW")
)

type driverInfo3 struct {
	Version                                             uint32
	Name, Environment, DriverPath, DataFile, ConfigFile *uint16
	HelpFile, DependentFiles, MonitorName, DefaultType  *uint16
}

type printerInfo2 struct {
	ServerName, PrinterName, ShareName, PortName, DriverName, Comment, Location *uint16
	DevMode                                                                     uintptr
	SepFile, PrintProcessor, Datatype, Parameters                               *uint16
	SecurityDescriptor                                                          uintptr
	Attributes, Priority, DefaultPriority, StartTime, UntilTime, Status         uint32
	Jobs, AveragePPM                                                            uint32
}

func u16(s string) *uint16 {
	p, err := syscall.UTF16PtrFromString(s)
	if err != nil {
		panic(err)
	}
	return p
}

func die(f string, a ...any) {
	fmt.Fprintf(os.Stderr, "printcheck: "+f+"\n", a...)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 2 {
		die("usage: printcheck setup -ppd PPD -port PORT | print -doc FORM.json -thermal RECEIPT.png -rawout OUT.bin")
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	switch os.Args[1] {
	case "setup":
		ppd := fs.String("ppd", "", "PPD file")
		port := fs.String("port", "", "port of the A4 printer (file path)")
		rawport := fs.String("rawport", "", "port of the receipt printer (file path)")
		fs.Parse(os.Args[2:])
		setup(*ppd, *port, *rawport)
	case "print":
		doc := fs.String("doc", "", "forms document JSON")
		thermal := fs.String("thermal", "", "1-bit receipt raster PNG")
		rawout := fs.String("rawout", "", "where to write the ESC/POS bytes sent")
		fs.Parse(os.Args[2:])
		printJobs(*doc, *thermal, *rawout)
	default:
		die("unknown command %q", os.Args[1])
	}
}

func setup(ppd, port, rawport string) {
	const apdCopyNewFiles = 0x8
	di := driverInfo3{Version: 3, Name: u16(driverName), DriverPath: u16("wineps.drv"), DataFile: u16(ppd), ConfigFile: u16("wineps.drv")}
	if r, _, err := procAddPrinterDrvEx.Call(0, 3, uintptr(unsafe.Pointer(&di)), apdCopyNewFiles); r == 0 {
		die("AddPrinterDriverEx: %v", err)
	}
	const printerAttributeLocal = 0x40
	for _, p := range [][2]string{{printerName, port}, {receiptName, rawport}} {
		pi := printerInfo2{PrinterName: u16(p[0]), PortName: u16(p[1]), DriverName: u16(driverName),
			PrintProcessor: u16("WinPrint"), Datatype: u16("RAW"), Attributes: printerAttributeLocal}
		h, _, err := procAddPrinterW.Call(0, 2, uintptr(unsafe.Pointer(&pi)))
		if h == 0 {
			die("AddPrinter %s: %v", p[0], err)
		}
		procClosePrinter.Call(h)
		fmt.Printf("printer %s on %s\n", p[0], p[1])
	}
	if r, _, err := procSetDefaultPrn.Call(uintptr(unsafe.Pointer(u16(printerName)))); r == 0 {
		die("SetDefaultPrinter: %v", err)
	}
}

func printJobs(docPath, thermalPath, rawout string) {
	ctx := context.Background()
	names, err := forms.Printers(ctx)
	if err != nil {
		die("Printers: %v", err)
	}
	if !slices.Contains(names, printerName) || !slices.Contains(names, receiptName) {
		die("Printers() = %q, want %s and %s among them", names, printerName, receiptName)
	}
	def, err := forms.DefaultPrinter(ctx)
	if err != nil || def != printerName {
		die("DefaultPrinter() = %q, %v; want %s", def, err, printerName)
	}
	b, err := os.ReadFile(docPath)
	if err != nil {
		die("%v", err)
	}
	var d forms.Document
	if err := json.Unmarshal(b, &d); err != nil {
		die("%s: %v", docPath, err)
	}
	// "" = the default printer, as the desk app prints by default.
	if err := forms.NewPrinter("").PrintDocument(ctx, &d, forms.PrintOptions{}); err != nil {
		die("PrintDocument: %v", err)
	}
	fmt.Printf("printed form %s %q (%d page(s)) through GDI on %s\n", d.Number, d.Title, len(d.Pages), def)

	f, err := os.Open(thermalPath)
	if err != nil {
		die("%v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		die("%s: %v", thermalPath, err)
	}
	pal, ok := img.(*image.Paletted)
	if !ok {
		die("%s is a %T, want a paletted (1-bit) PNG", thermalPath, img)
	}
	job := forms.EscPos(pal)
	if err := os.WriteFile(rawout, job, 0o644); err != nil {
		die("%v", err)
	}
	if err := forms.NewPrinter(receiptName).PrintRaw(ctx, "motcua receipt", job); err != nil {
		die("PrintRaw: %v", err)
	}
	fmt.Printf("sent %d bytes of ESC/POS raw to %s\n", len(job), receiptName)
}
