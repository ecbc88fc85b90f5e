// Package widgets holds the desk app's shared widgets and UI helpers: the
// Vietnamese typing entry (VNEntry, in-app Telex/VNI because Fyne has no
// IME support, ../shared/docs/platform.md), the keyboard-wedge scanner burst
// capture (domain.md §5.3), the mapping of domain errors to Vietnamese
// sentences, field error labels and the translation helper used for the
// run-time language switch.
//
// Everything here runs on the Fyne UI goroutine unless a doc comment says
// otherwise.
package widgets
