// Package kit holds the keyboard-first building blocks shared by the
// intake screen (ui/intake) and the dossier screens (ui/dossierui): a text
// field that routes the screen's shortcuts and recognises a keyboard-wedge
// scanner burst, a numbered choice list driven by digit keys, a button that
// also fires on Enter, a shortcut table, Vietnamese formatting helpers and
// the mapping of domain errors to Vietnamese sentences.
//
// Why a field wrapper: in Fyne 2.7 a focused widget.Entry receives every
// shortcut and key first and drops those it does not know (Ctrl+S, F2,
// Esc), so screen-wide shortcuts never reach the canvas while the clerk
// types. Entry forwards them to the screen's Keys table.
package kit
