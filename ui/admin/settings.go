package admin

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/ui/widgets"
)

// SettingsTab edits the office and desk settings (desk.Service.SaveOffice
// and SaveDesk, admins only).
type SettingsTab struct {
	cfg *Config

	Office     *OfficeForm
	Desk       *DeskForm
	SaveOffice *widget.Button
	SaveDesk   *widget.Button
	Status     *widget.Label
}

func newSettingsTab(cfg *Config) *SettingsTab { return &SettingsTab{cfg: cfg} }

func (t *SettingsTab) build() fyne.CanvasObject {
	t.Office = NewOfficeForm(t.cfg.Typing, true)
	t.Office.Set(t.cfg.Session.Office)
	t.Desk = NewDeskForm(true)
	t.Desk.Set(t.cfg.Session.Desk)
	t.SaveOffice = widget.NewButtonWithIcon(tr("settings.saveoffice", "Lưu thông tin cơ quan"), theme.DocumentSaveIcon(), t.onSaveOffice)
	t.SaveOffice.Importance = widget.HighImportance
	t.SaveDesk = widget.NewButtonWithIcon(tr("settings.savedesk", "Lưu thông tin quầy"), theme.DocumentSaveIcon(), t.onSaveDesk)
	t.SaveDesk.Importance = widget.HighImportance
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	heading := func(s string) *widget.Label {
		l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.SizeName = theme.SizeNameSubHeadingText
		return l
	}
	body := container.NewVBox(
		heading(tr("settings.office", "Cơ quan")), t.Office.Object(), container.NewHBox(t.SaveOffice),
		widget.NewSeparator(),
		heading(tr("settings.desk", "Quầy này")), t.Desk.Object(), container.NewHBox(t.SaveDesk),
		t.Status,
	)
	return container.NewVScroll(container.NewPadded(body))
}

func (t *SettingsTab) onSaveOffice() {
	widgets.NoteActivity()
	o, err := t.Office.Validate()
	if err == nil {
		err = t.cfg.Service.SaveOffice(t.cfg.Session, o)
	}
	if err != nil {
		t.Status.SetText(t.Office.Fields.ShowErrors(err))
		return
	}
	t.Office.Fields.Clear()
	t.Status.SetText(tr("settings.officesaved", "Đã lưu thông tin cơ quan."))
}

func (t *SettingsTab) onSaveDesk() {
	widgets.NoteActivity()
	d, err := t.Desk.Validate(t.cfg.Session.Office)
	if err == nil {
		err = t.cfg.Service.SaveDesk(t.cfg.Session, d)
	}
	if err != nil {
		t.Status.SetText(t.Desk.ShowErrors(err))
		return
	}
	t.Desk.Fields.Clear()
	t.Status.SetText(tr("settings.desksaved", "Đã lưu thông tin quầy."))
}
