package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/account"
	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/widgets"
	"motcua/workday"
)

// HolidaysTab reviews and edits one year's days off and make-up working
// days (issue 11): the table in force is shown (an administrator's saved
// table, else the built-in notice table, else the one derived from the
// Labour Code); every change is validated with workday.YearTable.Validate
// before it is saved; tables are imported and exported as JSON in the
// format of workday.ParseYearTable.
type HolidaysTab struct {
	cfg   *Config
	table workday.YearTable
	dirty bool

	Year    *widget.Select
	Origin  *widget.Label
	Source  *widgets.VNEntry
	Note    *widgets.VNEntry
	List    *widget.List
	Date    *widgets.VNEntry
	Kind    *widget.Select
	Reason  *widgets.VNEntry
	DaySrc  *widgets.VNEntry
	AddBtn  *widget.Button
	DelBtn  *widget.Button
	Check   *widget.Button
	Save    *widget.Button
	Import  *widget.Button
	Export  *widget.Button
	Status  *widget.Label
	selDay  int
	dayForm widgets.FormFields
}

func newHolidaysTab(cfg *Config) *HolidaysTab { return &HolidaysTab{cfg: cfg, selDay: -1} }

func kindLabels() []string {
	return []string{tr("hol.kind.off", "Nghỉ (ngày thường)"), tr("hol.kind.work", "Làm bù (thứ Bảy, Chủ nhật)")}
}

func (t *HolidaysTab) build() fyne.CanvasObject {
	now := t.cfg.now().In(dossier.Zone)
	var years []string
	for y := max(workday.MinYear, now.Year()-3); y <= min(workday.MaxYear, now.Year()+2); y++ {
		years = append(years, strconv.Itoa(y))
	}
	t.Year = widget.NewSelect(years, func(s string) {
		y, _ := strconv.Atoi(s)
		if y != t.table.Year {
			t.LoadYear(y)
		}
	})
	t.Origin = widget.NewLabel("")
	t.Origin.Wrapping = fyne.TextWrapWord
	t.Source = widgets.NewVNEntry(t.cfg.Typing)
	t.Source.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "TB 9441/TB-BNV"}))
	t.Source.OnChanged = func(s string) { t.table.Source = s; t.dirty = true }
	t.Note = widgets.NewVNEntry(t.cfg.Typing)
	t.Note.OnChanged = func(s string) { t.table.Note = s; t.dirty = true }

	t.List = widget.NewList(
		func() int { return len(t.table.Days) },
		func() fyne.CanvasObject {
			d := widget.NewLabel("")
			d.TextStyle.Monospace = true
			k := widget.NewLabel("")
			r := widget.NewLabel("")
			r.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, container.NewHBox(d, k), nil, r)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			day := t.table.Days[i]
			c := o.(*fyne.Container)
			left := c.Objects[1].(*fyne.Container)
			left.Objects[0].(*widget.Label).SetText(dayLabel(day.Date))
			k := left.Objects[1].(*widget.Label)
			if day.Kind == workday.Work {
				k.SetText(tr("hol.work", "Làm bù"))
				k.Importance = widget.WarningImportance
			} else {
				k.SetText(tr("hol.off", "Nghỉ"))
				k.Importance = widget.SuccessImportance
			}
			k.Refresh()
			r := day.Reason
			if day.Source != "" {
				r += " (" + day.Source + ")"
			}
			c.Objects[0].(*widget.Label).SetText(r)
		})
	t.List.OnSelected = func(i widget.ListItemID) { t.selectDay(i) }

	t.Date = widgets.NewVNEntry(nil)
	t.Date.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": "02/09/2026"}))
	t.Kind = widget.NewSelect(kindLabels(), nil)
	t.Kind.SetSelectedIndex(0)
	t.Reason = widgets.NewVNEntry(t.cfg.Typing)
	t.Reason.SetPlaceHolder(tr("example", "Ví dụ: {{.X}}", map[string]string{"X": tr("hol.reason.ph", "Quốc khánh")}))
	t.DaySrc = widgets.NewVNEntry(t.cfg.Typing)
	t.dayForm = widgets.FormFields{
		widgets.NewFormField("date", tr("hol.date", "Ngày"), t.Date, tr("hol.date.help", "DD/MM/YYYY")),
		widgets.NewFormField("kind", tr("hol.kind", "Loại"), t.Kind, ""),
		widgets.NewFormField("reason", tr("hol.reason", "Lý do"), t.Reason, ""),
		widgets.NewFormField("source", tr("hol.daysource", "Căn cứ riêng của ngày (nếu khác căn cứ chung)"), t.DaySrc, ""),
	}
	t.AddBtn = widget.NewButtonWithIcon(tr("hol.add", "Thêm / cập nhật ngày"), theme.ContentAddIcon(), t.onAddDay)
	t.DelBtn = widget.NewButtonWithIcon(tr("hol.remove", "Bỏ ngày đang chọn"), theme.DeleteIcon(), t.onRemoveDay)
	t.Check = widget.NewButtonWithIcon(tr("hol.check", "Kiểm tra bảng"), theme.ConfirmIcon(), func() { t.Validate() })
	t.Save = widget.NewButtonWithIcon(tr("hol.save", "Lưu bảng năm"), theme.DocumentSaveIcon(), func() { t.SaveTable() })
	t.Save.Importance = widget.HighImportance
	t.Import = widget.NewButtonWithIcon(tr("hol.import", "Nhập từ tệp JSON…"), theme.FolderOpenIcon(), t.onImport)
	t.Export = widget.NewButtonWithIcon(tr("hol.export", "Xuất ra tệp JSON…"), theme.DownloadIcon(), t.onExport)
	t.Status = widget.NewLabel("")
	t.Status.Wrapping = fyne.TextWrapWord
	if t.cfg.Holidays == nil {
		t.Save.Disable()
	}

	top := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel(tr("hol.year", "Năm")), nil, container.NewHBox(t.Year)),
		t.Origin,
		widgets.NewFormField("source", tr("hol.source", "Căn cứ (thông báo, công văn)"), t.Source, "").Object(),
		widgets.NewFormField("note", tr("hol.note", "Ghi chú"), t.Note, "").Object(),
	)
	dayBox := container.NewVBox(container.NewVBox(t.dayForm.Objects()...), container.NewHBox(t.AddBtn, t.DelBtn))
	actions := container.NewHBox(t.Check, t.Save, t.Import, t.Export)
	right := container.NewVScroll(container.NewPadded(container.NewVBox(top, widget.NewSeparator(), dayBox, widget.NewSeparator(), actions, t.Status)))
	split := container.NewHSplit(t.List, right)
	split.Offset = 0.5
	t.Year.SetSelected(strconv.Itoa(now.Year()))
	return split
}

// dayLabel formats a date as "Thứ Sáu 02/01/2026".
func dayLabel(d workday.Date) string {
	return fmt.Sprintf("%s %02d/%02d/%04d", weekdayName(d.Weekday()), d.Day, int(d.Month), d.Year)
}

func weekdayName(w time.Weekday) string {
	names := [...]string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"}
	if widgets.Language() == widgets.LangEnglish {
		return w.String()[:3]
	}
	return names[w]
}

func (t *HolidaysTab) calendar() *workday.Calendar {
	if t.cfg.Calendar != nil {
		if c := t.cfg.Calendar(); c != nil {
			return c
		}
	}
	return workday.Default()
}

// LoadYear shows the table in force for year y.
func (t *HolidaysTab) LoadYear(y int) {
	t.Status.SetText("")
	var origin string
	tab, ok, err := workday.YearTable{}, false, error(nil)
	if t.cfg.Holidays != nil {
		tab, ok, err = t.cfg.Holidays.YearTable(y)
		if err != nil {
			t.Status.SetText(widgets.ErrorText(err))
			return
		}
	}
	if ok {
		origin = tr("hol.origin.saved", "Bảng do quản trị viên lưu; lịch làm việc của quầy đang dùng bảng này.")
	} else {
		var o workday.Origin
		tab, o, err = t.calendar().Table(y)
		if err != nil {
			t.Status.SetText(widgets.ErrorText(err))
			return
		}
		if o == workday.FromNotice {
			origin = tr("hol.origin.notice", "Bảng có sẵn theo thông báo chính thức của năm. Sửa và lưu để thay thế.")
		} else {
			origin = tr("hol.origin.rules", "Chưa có thông báo của năm này: bảng được tính theo Bộ luật Lao động (chưa có ngày hoán đổi, làm bù). Cập nhật khi có thông báo chính thức.")
		}
	}
	if t.cfg.Holidays == nil {
		origin += " " + tr("hol.nostore", "Máy này chưa có chỗ lưu bảng ngày nghỉ: chỉ xem, nhập, xuất được.")
	}
	t.setTable(tab)
	t.Origin.SetText(origin)
	t.dirty = false
}

func (t *HolidaysTab) setTable(tab workday.YearTable) {
	t.table = tab
	t.Source.SetText(tab.Source)
	t.Note.SetText(tab.Note)
	t.selDay = -1
	t.List.UnselectAll()
	t.List.Refresh()
	if t.Year.Selected != strconv.Itoa(tab.Year) {
		t.Year.SetSelected(strconv.Itoa(tab.Year))
	}
}

// Table returns the table being edited.
func (t *HolidaysTab) Table() workday.YearTable { return t.table }

func (t *HolidaysTab) selectDay(i int) {
	t.selDay = i
	d := t.table.Days[i]
	t.Date.SetText(fmt.Sprintf("%02d/%02d/%04d", d.Date.Day, int(d.Date.Month), d.Date.Year))
	if d.Kind == workday.Work {
		t.Kind.SetSelectedIndex(1)
	} else {
		t.Kind.SetSelectedIndex(0)
	}
	t.Reason.SetText(d.Reason)
	t.DaySrc.SetText(d.Source)
	t.dayForm.Clear()
}

// parseDay reads DD/MM/YYYY or YYYY-MM-DD.
func parseDay(s string) (workday.Date, error) {
	s = strings.TrimSpace(s)
	if p := strings.Split(s, "/"); len(p) == 3 {
		if len(p[0]) == 1 {
			p[0] = "0" + p[0]
		}
		if len(p[1]) == 1 {
			p[1] = "0" + p[1]
		}
		s = p[2] + "-" + p[1] + "-" + p[0]
	}
	return workday.ParseDate(s)
}

// AddDay adds or replaces (same date) a day; problems with the day's own
// fields are shown under them.
func (t *HolidaysTab) AddDay(date string, kind workday.Kind, reason, source string) bool {
	widgets.NoteActivity()
	var es dossier.Errors
	d, err := parseDay(date)
	if err != nil {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "date", "want DD/MM/YYYY"))
	} else if d.Year != t.table.Year {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "date", "not in year %d", t.table.Year))
	}
	if strings.TrimSpace(reason) == "" {
		es = append(es, dossier.Errorf(dossier.KindInvalid, "reason", "empty"))
	}
	if len(es) > 0 {
		for _, e := range es {
			switch e.Field {
			case "date":
				if strings.HasPrefix(e.Msg, "not in year") {
					t.dayForm[0].SetError(tr("hol.err.year", "Ngày phải thuộc năm {{.Y}}.", map[string]int{"Y": t.table.Year}))
				} else {
					t.dayForm[0].SetError(tr("hol.err.date", "Nhập ngày dạng DD/MM/YYYY, ví dụ 02/09/2026."))
				}
			case "reason":
				t.dayForm[2].SetError(tr("hol.err.reason", "Ghi lý do nghỉ hoặc làm bù."))
			}
		}
		return false
	}
	t.dayForm.Clear()
	day := workday.Day{Date: d, Kind: kind, Reason: desk.NFCTrim(reason), Source: desk.NFCTrim(source)}
	replaced := false
	for i := range t.table.Days {
		if t.table.Days[i].Date == d {
			t.table.Days[i] = day
			replaced = true
		}
	}
	if !replaced {
		t.table.Days = append(t.table.Days, day)
	}
	sortDays(t.table.Days)
	t.dirty = true
	t.List.Refresh()
	t.Date.SetText("")
	t.Reason.SetText("")
	t.DaySrc.SetText("")
	t.Status.SetText("")
	return true
}

func sortDays(ds []workday.Day) {
	less := func(a, b workday.Date) bool {
		if a.Year != b.Year {
			return a.Year < b.Year
		}
		if a.Month != b.Month {
			return a.Month < b.Month
		}
		return a.Day < b.Day
	}
	for i := 1; i < len(ds); i++ {
		for j := i; j > 0 && less(ds[j].Date, ds[j-1].Date); j-- {
			ds[j], ds[j-1] = ds[j-1], ds[j]
		}
	}
}

func (t *HolidaysTab) onAddDay() {
	kind := workday.Off
	if t.Kind.SelectedIndex() == 1 {
		kind = workday.Work
	}
	t.AddDay(t.Date.Text, kind, t.Reason.Text, t.DaySrc.Text)
}

func (t *HolidaysTab) onRemoveDay() {
	widgets.NoteActivity()
	if t.selDay < 0 || t.selDay >= len(t.table.Days) {
		t.Status.SetText(tr("hol.choose", "Chọn một ngày trong danh sách trước."))
		return
	}
	t.table.Days = append(t.table.Days[:t.selDay], t.table.Days[t.selDay+1:]...)
	t.selDay = -1
	t.List.UnselectAll()
	t.List.Refresh()
	t.dirty = true
}

// Validate checks the table and shows the result; true when valid.
func (t *HolidaysTab) Validate() bool {
	widgets.NoteActivity()
	if err := t.table.Validate(); err != nil {
		t.Status.SetText(tr("hol.problems", "Bảng chưa hợp lệ:") + "\n" + widgets.ErrorText(err))
		return false
	}
	t.Status.SetText(tr("hol.valid", "Bảng hợp lệ: {{.N}} ngày.", map[string]int{"N": len(t.table.Days)}))
	return true
}

// SaveTable validates and saves the table.
func (t *HolidaysTab) SaveTable() error {
	if err := account.Require(t.cfg.Session.User.Role, account.ActHolidays); err != nil {
		t.Status.SetText(widgets.ErrorText(err))
		return err
	}
	if t.cfg.Holidays == nil {
		err := errors.New("no holiday store")
		t.Status.SetText(tr("hol.nostore", "Máy này chưa có chỗ lưu bảng ngày nghỉ: chỉ xem, nhập, xuất được."))
		return err
	}
	if !t.Validate() {
		return errors.New("invalid table")
	}
	var err error
	if t.cfg.Service != nil && t.cfg.Service.Holidays != nil {
		// The service checks the permission again and reloads the calendar.
		err = t.cfg.Service.SaveYearTable(t.cfg.Session, t.table)
	} else {
		a := account.Audit{Actor: t.cfg.Session.Actor(), Action: "calendar.year", Object: strconv.Itoa(t.table.Year),
			Detail: fmt.Sprintf("%d days; source %s", len(t.table.Days), t.table.Source)}
		err = t.cfg.Holidays.SaveYearTable(t.table, a)
	}
	if err != nil {
		t.Status.SetText(widgets.ErrorText(err))
		return err
	}
	t.dirty = false
	t.Origin.SetText(tr("hol.origin.saved", "Bảng do quản trị viên lưu; lịch làm việc của quầy đang dùng bảng này."))
	t.Status.SetText(tr("hol.saved", "Đã lưu bảng ngày nghỉ năm {{.Y}}. Ngày hẹn trả của hồ sơ nhận từ bây giờ tính theo bảng này.", map[string]int{"Y": t.table.Year}))
	if t.cfg.OnHolidaysSaved != nil {
		t.cfg.OnHolidaysSaved(t.table.Year)
	}
	return nil
}

// ImportJSON replaces the edited table with one read from JSON (not saved
// until Save). A file that is not a valid table changes nothing.
func (t *HolidaysTab) ImportJSON(b []byte) error {
	tab, err := workday.ParseYearTable(b)
	if err != nil {
		var ve *workday.ValidationError
		if errors.As(err, &ve) {
			t.Status.SetText(tr("hol.import.invalid", "Tệp không nhập được vì bảng chưa hợp lệ:") + "\n" + widgets.ErrorText(err))
		} else {
			fyne.LogError("import days-off table", err)
			t.Status.SetText(tr("hol.import.format", "Tệp không đúng định dạng bảng ngày nghỉ (JSON có year, source, days)."))
		}
		return err
	}
	t.setTable(tab)
	t.dirty = true
	t.Origin.SetText(tr("hol.origin.imported", "Bảng vừa nhập từ tệp, chưa lưu."))
	t.Status.SetText(tr("hol.imported", "Đã nhập {{.N}} ngày của năm {{.Y}}. Bấm “Lưu bảng năm” để áp dụng.", map[string]int{"N": len(tab.Days), "Y": tab.Year}))
	return nil
}

// ExportJSON returns the edited table as indented JSON.
func (t *HolidaysTab) ExportJSON() ([]byte, error) {
	b, err := t.table.MarshalJSON()
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Indent(&out, b, "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

func (t *HolidaysTab) onImport() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		defer r.Close()
		b, err := io.ReadAll(io.LimitReader(r, 1<<20))
		if err != nil {
			t.Status.SetText(widgets.ErrorText(err))
			return
		}
		_ = t.ImportJSON(b)
	}, t.cfg.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.Show()
}

func (t *HolidaysTab) onExport() {
	b, err := t.ExportJSON()
	if err != nil {
		t.Status.SetText(widgets.ErrorText(err))
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		defer w.Close()
		if _, err := w.Write(b); err != nil {
			t.Status.SetText(widgets.ErrorText(err))
			return
		}
		t.Status.SetText(tr("hol.exported", "Đã xuất bảng ra {{.F}}.", map[string]string{"F": w.URI().Name()}))
	}, t.cfg.Window)
	d.SetFileName(fmt.Sprintf("ngay-nghi-%d.json", t.table.Year))
	d.Show()
}
