package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// Fyne's own dialogs label their buttons through the operating system's
// locale (English on most counter PCs); these helpers use the app's
// language instead.

// ShowError shows ErrorText(err) in a dialog with a Vietnamese (or
// English) title and button.
func ShowError(err error, w fyne.Window) {
	if err == nil {
		return
	}
	ShowMessage(X("common.error", "Không thực hiện được"), ErrorText(err), w)
}

// ShowMessage shows a message with a close button.
func ShowMessage(title, msg string, w fyne.Window) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, X("common.close", "Đóng"), l, w)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}

// Confirm asks a yes/no question; fn receives the answer.
func Confirm(title, msg, yes string, fn func(bool), w fyne.Window) {
	l := widget.NewLabel(msg)
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(title, yes, X("common.cancel", "Hủy"), l, fn, w)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
}
