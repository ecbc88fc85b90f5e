// Package vntext handles Vietnamese text for motcua: canonical composition
// (NFC), search folding, detection and conversion of legacy 8-bit
// encodings (TCVN3, VNI-Windows) and an in-app Telex/VNI typing engine.
//
// It imports only the standard library. The Unicode data NFC needs is a
// generated table (tables.go, Unicode 15.0.0, the edition of Go 1.26's
// unicode package) written by internal/gen/main.go from
// golang.org/x/text/unicode/norm; the tests cross-check NFC against norm.
//
// Rules come from ../shared/docs/domain.md §11 (Telex/VNI, tone placement)
// and ../shared/docs/platform.md "Vietnamese typing" (store and search NFC).
package vntext
