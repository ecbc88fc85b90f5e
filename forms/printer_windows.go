//go:build windows

package forms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"syscall"
	"unsafe"

	"motcua/assets/fonts"
)

// Windows printing through the spooler, with no other software: forms are
// drawn with GDI straight from the layout model (the embedded Noto Serif
// is loaded privately with AddFontMemResourceEx), raw ESC/POS jobs are
// written with WritePrinter. Pure Go syscalls, no cgo.

var (
	winspool = syscall.NewLazyDLL("winspool.drv")
	gdi32    = syscall.NewLazyDLL("gdi32.dll")

	procOpenPrinterW        = winspool.NewProc("OpenPrinterW")
	procClosePrinter        = winspool.NewProc("ClosePrinter")
	procStartDocPrinterW    = winspool.NewProc("StartDocPrinterW")
	procEndDocPrinter       = winspool.NewProc("EndDocPrinter")
	procStartPagePrinter    = winspool.NewProc("StartPagePrinter")
	procEndPagePrinter      = winspool.NewProc("EndPagePrinter")
	procWritePrinter        = winspool.NewProc("WritePrinter")
	procEnumPrintersW       = winspool.NewProc("EnumPrintersW")
	procGetDefaultPrinterW  = winspool.NewProc("GetDefaultPrinterW")
	procDocumentPropertiesW = winspool.NewProc("DocumentPropertiesW")

	procCreateDCW               = gdi32.NewProc("CreateDCW")
	procResetDCW                = gdi32.NewProc("ResetDCW")
	procDeleteDC                = gdi32.NewProc("DeleteDC")
	procStartDocW               = gdi32.NewProc("StartDocW")
	procEndDoc                  = gdi32.NewProc("EndDoc")
	procAbortDoc                = gdi32.NewProc("AbortDoc")
	procStartPage               = gdi32.NewProc("StartPage")
	procEndPage                 = gdi32.NewProc("EndPage")
	procGetDeviceCaps           = gdi32.NewProc("GetDeviceCaps")
	procCreateFontIndirectW     = gdi32.NewProc("CreateFontIndirectW")
	procSelectObject            = gdi32.NewProc("SelectObject")
	procDeleteObject            = gdi32.NewProc("DeleteObject")
	procSetTextAlign            = gdi32.NewProc("SetTextAlign")
	procSetBkMode               = gdi32.NewProc("SetBkMode")
	procSetTextColor            = gdi32.NewProc("SetTextColor")
	procExtTextOutW             = gdi32.NewProc("ExtTextOutW")
	procCreatePen               = gdi32.NewProc("CreatePen")
	procMoveToEx                = gdi32.NewProc("MoveToEx")
	procLineTo                  = gdi32.NewProc("LineTo")
	procPatBlt                  = gdi32.NewProc("PatBlt")
	procStretchDIBits           = gdi32.NewProc("StretchDIBits")
	procAddFontMemResourceEx    = gdi32.NewProc("AddFontMemResourceEx")
	procRemoveFontMemResourceEx = gdi32.NewProc("RemoveFontMemResourceEx")
)

const (
	logPixelsX      = 88
	logPixelsY      = 90
	physicalOffsetX = 112
	physicalOffsetY = 113

	taBaseline      = 24
	bkTransparent   = 1
	psSolid         = 0
	blackness       = 0x00000042
	srcCopy         = 0x00CC0020
	dibRGBColors    = 0
	fwNormal        = 400
	fwBold          = 700
	defaultCharset  = 1
	outTTOnlyPrecis = 7
	clearTypeQual   = 5
	printerEnumLoc  = 2
	printerEnumConn = 4
	dmOutBuffer     = 2
	dmInBuffer      = 8
	dmOrientation   = 0x1
	dmPaperSize     = 0x2
	dmOrientPort    = 1
	dmOrientLand    = 2
	dmPaperA4       = 9
	// DEVMODEW offsets: dmFields after the 32-character device name and
	// four WORDs; dmOrientation and dmPaperSize start the union.
	offFields      = 72
	offOrientation = 76
	offPaperSize   = 78
)

type logFont struct {
	Height, Width, Escapement, Orientation, Weight int32
	Italic, Underline, StrikeOut, CharSet          byte
	OutPrecision, ClipPrecision, Quality, Pitch    byte
	FaceName                                       [32]uint16
}

type docInfo struct {
	Size     int32
	DocName  *uint16
	Output   *uint16
	Datatype *uint16
	Type     uint32
}

type docInfo1 struct {
	DocName, OutputFile, Datatype *uint16
}

type bitmapInfo struct {
	Size          uint32
	Width, Height int32
	Planes, Bits  uint16
	Compression   uint32
	SizeImage     uint32
	XPels, YPels  int32
	ClrUsed       uint32
	ClrImportant  uint32
	Colors        [2]uint32 // RGBQUAD: black, white
}

type printerInfo4 struct {
	Name, Server *uint16
	Attributes   uint32
}

func utf16(s string) *uint16 {
	p, err := syscall.UTF16PtrFromString(strings.ReplaceAll(s, "\x00", ""))
	if err != nil {
		return nil
	}
	return p
}

func callErr(what string, err error) error {
	if errno, ok := err.(syscall.Errno); ok && errno == 0 {
		return fmt.Errorf("%s failed", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// fontOnce loads the embedded fonts into this process (private to it).
var (
	fontOnce sync.Once
	fontErr  error
)

func loadGDIFonts() error {
	fontOnce.Do(func() {
		for _, s := range []string{"", "B", "I", "BI"} {
			b := fonts.Style(s)
			var n uint32
			h, _, err := procAddFontMemResourceEx.Call(uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)), 0, uintptr(unsafe.Pointer(&n)))
			if h == 0 {
				fontErr = callErr("AddFontMemResourceEx", err)
				return
			}
		}
	})
	return fontErr
}

// gdiPrinter prints to one Windows printer.
type gdiPrinter struct{ name string }

// NewPrinter returns the printer with the given Windows name ("" = the
// default printer).
func NewPrinter(name string) Printer { return &gdiPrinter{name: name} }

func (p *gdiPrinter) Name() string { return p.name }

func (p *gdiPrinter) resolve() (string, error) {
	if p.name != "" {
		return p.name, nil
	}
	return DefaultPrinter(context.Background())
}

// devMode returns the printer's default DEVMODE with the orientation and
// A4 paper set.
func devMode(name string, landscape bool) ([]byte, error) {
	var h syscall.Handle
	if r, _, err := procOpenPrinterW.Call(uintptr(unsafe.Pointer(utf16(name))), uintptr(unsafe.Pointer(&h)), 0); r == 0 {
		return nil, fmt.Errorf("%w: %q (%v)", ErrNoPrinter, name, err)
	}
	defer procClosePrinter.Call(uintptr(h))
	n, _, err := procDocumentPropertiesW.Call(0, uintptr(h), uintptr(unsafe.Pointer(utf16(name))), 0, 0, 0)
	if int32(n) <= 0 {
		return nil, callErr("DocumentProperties", err)
	}
	dm := make([]byte, n)
	if r, _, err := procDocumentPropertiesW.Call(0, uintptr(h), uintptr(unsafe.Pointer(utf16(name))), uintptr(unsafe.Pointer(&dm[0])), 0, dmOutBuffer); int32(r) < 0 {
		return nil, callErr("DocumentProperties", err)
	}
	setOrientation(dm, landscape)
	return dm, nil
}

func setOrientation(dm []byte, landscape bool) {
	fields := (*uint32)(unsafe.Pointer(&dm[offFields]))
	*fields |= dmOrientation | dmPaperSize
	o := int16(dmOrientPort)
	if landscape {
		o = dmOrientLand
	}
	*(*int16)(unsafe.Pointer(&dm[offOrientation])) = o
	*(*int16)(unsafe.Pointer(&dm[offPaperSize])) = dmPaperA4
}

func (p *gdiPrinter) PrintDocument(ctx context.Context, d *Document, opt PrintOptions) error {
	if len(d.Pages) == 0 {
		return errors.New("nothing to print")
	}
	name, err := p.resolve()
	if err != nil {
		return err
	}
	if err := loadGDIFonts(); err != nil {
		return err
	}
	land := d.Pages[0].Landscape()
	dm, err := devMode(name, land)
	if err != nil {
		return err
	}
	hdc, _, err := procCreateDCW.Call(uintptr(unsafe.Pointer(utf16("WINSPOOL"))), uintptr(unsafe.Pointer(utf16(name))), 0, uintptr(unsafe.Pointer(&dm[0])))
	if hdc == 0 {
		return callErr("CreateDC "+name, err)
	}
	defer procDeleteDC.Call(hdc)
	title := jobTitle(d, opt)
	di := docInfo{DocName: utf16(title)}
	di.Size = int32(unsafe.Sizeof(di))
	if r, _, err := procStartDocW.Call(hdc, uintptr(unsafe.Pointer(&di))); int32(r) <= 0 {
		return callErr("StartDoc", err)
	}
	ok := false
	defer func() {
		if !ok {
			procAbortDoc.Call(hdc)
		}
	}()
	copies := max(opt.Copies, 1)
	for range copies {
		for pi := range d.Pages {
			if err := ctx.Err(); err != nil {
				return err
			}
			pg := &d.Pages[pi]
			if pg.Landscape() != land {
				land = pg.Landscape()
				setOrientation(dm, land)
				if r, _, err := procResetDCW.Call(hdc, uintptr(unsafe.Pointer(&dm[0]))); r == 0 {
					return callErr("ResetDC", err)
				}
			}
			if r, _, err := procStartPage.Call(hdc); int32(r) <= 0 {
				return callErr("StartPage", err)
			}
			g := newGDICanvas(hdc)
			err := walk(pg, g)
			g.close()
			if err != nil {
				return err
			}
			if r, _, err := procEndPage.Call(hdc); int32(r) <= 0 {
				return callErr("EndPage", err)
			}
		}
	}
	if r, _, err := procEndDoc.Call(hdc); int32(r) <= 0 {
		return callErr("EndDoc", err)
	}
	ok = true
	return nil
}

// gdiCanvas draws on a printer DC.
type gdiCanvas struct {
	hdc   uintptr
	m     deviceMap
	fonts map[Font]uintptr
	old   uintptr
}

func caps(hdc uintptr, i int) int32 {
	r, _, _ := procGetDeviceCaps.Call(hdc, uintptr(i))
	return int32(r)
}

func newGDICanvas(hdc uintptr) *gdiCanvas {
	g := &gdiCanvas{hdc: hdc, fonts: map[Font]uintptr{}}
	g.m = deviceMap{
		dpiX: float64(caps(hdc, logPixelsX)), dpiY: float64(caps(hdc, logPixelsY)),
		offX: caps(hdc, physicalOffsetX), offY: caps(hdc, physicalOffsetY),
	}
	procSetTextAlign.Call(hdc, taBaseline)
	procSetBkMode.Call(hdc, bkTransparent)
	procSetTextColor.Call(hdc, 0)
	return g
}

func (g *gdiCanvas) close() {
	if g.old != 0 {
		procSelectObject.Call(g.hdc, g.old)
	}
	for _, f := range g.fonts {
		procDeleteObject.Call(f)
	}
}

func (g *gdiCanvas) font(f Font) (uintptr, error) {
	if h, ok := g.fonts[f]; ok {
		return h, nil
	}
	lf := logFont{Height: g.m.fontHeight(f.Size), Weight: fwNormal, CharSet: defaultCharset, OutPrecision: outTTOnlyPrecis, Quality: clearTypeQual}
	if f.Style == Bold || f.Style == BoldItalic {
		lf.Weight = fwBold
	}
	if f.Style == Italic || f.Style == BoldItalic {
		lf.Italic = 1
	}
	name, _ := syscall.UTF16FromString(fonts.Family)
	copy(lf.FaceName[:31], name)
	h, _, err := procCreateFontIndirectW.Call(uintptr(unsafe.Pointer(&lf)))
	if h == 0 {
		return 0, callErr("CreateFontIndirect", err)
	}
	g.fonts[f] = h
	return h, nil
}

func (g *gdiCanvas) text(t *Text) error {
	h, err := g.font(t.Font)
	if err != nil {
		return err
	}
	old, _, _ := procSelectObject.Call(g.hdc, h)
	if g.old == 0 {
		g.old = old
	}
	for i, l := range t.Lines {
		if l == "" {
			continue
		}
		u, err := syscall.UTF16FromString(l)
		if err != nil {
			continue
		}
		u = u[:len(u)-1]
		x, y := g.m.x(t.LineX(i)), g.m.y(t.Baseline(i))
		if r, _, err := procExtTextOutW.Call(g.hdc, uintptr(x), uintptr(y), 0, 0, uintptr(unsafe.Pointer(&u[0])), uintptr(len(u)), 0); r == 0 {
			return callErr("ExtTextOut", err)
		}
	}
	return nil
}

func (g *gdiCanvas) fill(x0, y0, x1, y1 float64) {
	l, t, w, h := g.m.rect(x0, y0, x1, y1)
	procPatBlt.Call(g.hdc, uintptr(l), uintptr(t), uintptr(w), uintptr(h), blackness)
}

func (g *gdiCanvas) line(x1, y1, x2, y2, w float64) {
	hw := w / 2
	switch {
	case y1 == y2:
		g.fill(min(x1, x2), y1-hw, max(x1, x2), y1+hw)
	case x1 == x2:
		g.fill(x1-hw, min(y1, y2), x1+hw, max(y1, y2))
	default:
		pen, _, _ := procCreatePen.Call(psSolid, uintptr(g.m.w(w)), 0)
		old, _, _ := procSelectObject.Call(g.hdc, pen)
		procMoveToEx.Call(g.hdc, uintptr(g.m.x(x1)), uintptr(g.m.y(y1)), 0)
		procLineTo.Call(g.hdc, uintptr(g.m.x(x2)), uintptr(g.m.y(y2)))
		procSelectObject.Call(g.hdc, old)
		procDeleteObject.Call(pen)
	}
}

func (g *gdiCanvas) box(x, y, w, h, lw float64) {
	hw := lw / 2
	g.fill(x-hw, y-hw, x+w+hw, y+hw)
	g.fill(x-hw, y+h-hw, x+w+hw, y+h+hw)
	g.fill(x-hw, y-hw, x+hw, y+h+hw)
	g.fill(x+w-hw, y-hw, x+w+hw, y+h+hw)
}

func (g *gdiCanvas) bitmap(x, y, w, h float64, rows [][]bool) error {
	bits, _ := monoDIB(rows)
	bi := bitmapInfo{Width: int32(len(rows[0])), Height: -int32(len(rows)), Planes: 1, Bits: 1, Colors: [2]uint32{0x000000, 0xFFFFFF}}
	bi.Size = 40
	l, t, dw, dh := g.m.rect(x, y, x+w, y+h)
	r, _, err := procStretchDIBits.Call(g.hdc, uintptr(l), uintptr(t), uintptr(dw), uintptr(dh),
		0, 0, uintptr(len(rows[0])), uintptr(len(rows)),
		uintptr(unsafe.Pointer(&bits[0])), uintptr(unsafe.Pointer(&bi)), dibRGBColors, srcCopy)
	if int32(r) <= 0 {
		return callErr("StretchDIBits", err)
	}
	return nil
}

// PrintRaw writes data to the spooler with the RAW datatype (ESC/POS).
func (p *gdiPrinter) PrintRaw(ctx context.Context, title string, data []byte) error {
	if len(data) == 0 {
		return errors.New("nothing to print")
	}
	name, err := p.resolve()
	if err != nil {
		return err
	}
	var h syscall.Handle
	if r, _, err := procOpenPrinterW.Call(uintptr(unsafe.Pointer(utf16(name))), uintptr(unsafe.Pointer(&h)), 0); r == 0 {
		return fmt.Errorf("%w: %q (%v)", ErrNoPrinter, name, err)
	}
	defer procClosePrinter.Call(uintptr(h))
	di := docInfo1{DocName: utf16(title), Datatype: utf16("RAW")}
	if r, _, err := procStartDocPrinterW.Call(uintptr(h), 1, uintptr(unsafe.Pointer(&di))); r == 0 {
		return callErr("StartDocPrinter", err)
	}
	defer procEndDocPrinter.Call(uintptr(h))
	if r, _, err := procStartPagePrinter.Call(uintptr(h)); r == 0 {
		return callErr("StartPagePrinter", err)
	}
	defer procEndPagePrinter.Call(uintptr(h))
	for len(data) > 0 {
		if err := ctx.Err(); err != nil {
			return err
		}
		chunk := data[:min(len(data), 64*1024)]
		var written uint32
		if r, _, err := procWritePrinter.Call(uintptr(h), uintptr(unsafe.Pointer(&chunk[0])), uintptr(len(chunk)), uintptr(unsafe.Pointer(&written))); r == 0 || written == 0 {
			return callErr("WritePrinter", err)
		}
		data = data[written:]
	}
	return nil
}

// Printers lists the local and connected printers (EnumPrinters level 4).
func Printers(ctx context.Context) ([]string, error) {
	var need, n uint32
	flags := uintptr(printerEnumLoc | printerEnumConn)
	procEnumPrintersW.Call(flags, 0, 4, 0, 0, uintptr(unsafe.Pointer(&need)), uintptr(unsafe.Pointer(&n)))
	if need == 0 {
		return nil, nil
	}
	buf := make([]byte, need)
	if r, _, err := procEnumPrintersW.Call(flags, 0, 4, uintptr(unsafe.Pointer(&buf[0])), uintptr(need), uintptr(unsafe.Pointer(&need)), uintptr(unsafe.Pointer(&n))); r == 0 {
		return nil, callErr("EnumPrinters", err)
	}
	infos := unsafe.Slice((*printerInfo4)(unsafe.Pointer(&buf[0])), n)
	names := make([]string, 0, n)
	for _, in := range infos {
		names = append(names, utf16PtrToString(in.Name))
	}
	return names, nil
}

// DefaultPrinter returns the user's default printer (GetDefaultPrinter).
func DefaultPrinter(ctx context.Context) (string, error) {
	var n uint32
	procGetDefaultPrinterW.Call(0, uintptr(unsafe.Pointer(&n)))
	if n == 0 {
		return "", ErrNoDefault
	}
	buf := make([]uint16, n)
	if r, _, err := procGetDefaultPrinterW.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n))); r == 0 {
		return "", callErr("GetDefaultPrinter", err)
	}
	return syscall.UTF16ToString(buf), nil
}

func utf16PtrToString(p *uint16) string {
	if p == nil {
		return ""
	}
	var s []uint16
	for ptr := unsafe.Pointer(p); ; ptr = unsafe.Add(ptr, 2) {
		c := *(*uint16)(ptr)
		if c == 0 {
			break
		}
		s = append(s, c)
	}
	return syscall.UTF16ToString(s)
}
