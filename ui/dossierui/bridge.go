package dossierui

import "fyne.io/fyne/v2"

// fyneDo hands the end of background work back to the UI goroutine; the
// only place of this package that calls fyne.Do.
func fyneDo(fn func()) { fyne.Do(fn) }
