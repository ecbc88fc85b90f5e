package dossierui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/layout"
)

// newFormLayout lays out label/input pairs in two columns.
func newFormLayout() fyne.Layout { return layout.NewFormLayout() }
