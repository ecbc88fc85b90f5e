// Package forms lays out and prints the one-stop counter forms: the TT
// 03/2025/TT-VPCP set 01–07 and the TT 01/2018/TT-VPCP set 01–06 (chosen
// by desk.Office.Forms; decree118.md A.1 and C, domain.md §1.1–1.2), and
// the 80 mm thermal receipt.
//
// Pipeline:
//
//	Build(kind, Input) → *Document   the layout model: pure data, A4 pages of
//	                                  positioned text (already wrapped with the
//	                                  embedded font's metrics), lines, rectangles,
//	                                  tables, QR codes and barcodes; golden-tested
//	                                  as JSON and text (testdata/golden)
//	PDF(w, doc, created)              fpdf with the embedded Noto Serif;
//	                                  deterministic bytes for a given date
//	Raster(doc, page, dpi)            *image.Gray for the in-app preview
//	BuildThermal / Thermal / EscPos   the 80 mm receipt: layout, 1-bit 576-dot
//	ThermalJob                        raster, ESC/POS bytes (ESC @, GS v 0, cut)
//	NewPrinter(name).PrintDocument    CUPS lp on Linux; GDI on Windows
//	NewPrinter(name).PrintRaw         lp -o raw; WritePrinter RAW on Windows
//
// Form numbers depend on the set: Kind is the form's purpose, Kind.Number
// and KindOf translate, Kind.Title gives the exact Vietnamese title.
// ForEvent tells the intake and lifecycle flows which forms an event
// prints. SignReceipt makes the signed QR text of form 01 (package
// receipt); the QR carries no personal data.
//
// Where the official layouts are unknown (decree118.md A.1.1 [U]) the
// builders follow the implementations cited there; each builder names its
// source. The package never imports Fyne: the UI shows Raster's image and
// hands documents to a Printer.
package forms
