package admin

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"motcua/desk"
	"motcua/dossier"
	"motcua/ui/widgets"
	"motcua/workday"
)

// formSetLabels are the form set choices.
func formSetLabels() []string {
	return []string{
		tr("forms.tt03", "TT 03/2025/TT-VPCP (7 mẫu, hiện hành)"),
		tr("forms.tt01", "TT 01/2018/TT-VPCP (6 mẫu)"),
	}
}

// example marks a placeholder as an example, so that nobody takes it for
// a value already filled in.
func example(s string) string { return tr("example", "Ví dụ: {{.X}}", map[string]string{"X": s}) }

// OfficeForm edits desk.Office. The first-run setup shows its basic
// fields; the settings tab shows all.
type OfficeForm struct {
	ParentAgency, Name, AgencyCode, Place, Address, Phone, Email *widgets.VNEntry
	Hours, Cutoff, LookupURL, Slots                              *widgets.VNEntry
	Forms                                                        *widget.Select
	BackupDir, BackupKeep, RetentionYears                        *widgets.VNEntry

	// Fields lists the form's fields in order (paths as in
	// desk.Office.Validate).
	Fields widgets.FormFields
	base   desk.Office
}

// NewOfficeForm builds the form; full adds the backup and retention
// fields of the settings tab.
func NewOfficeForm(t *widgets.Typing, full bool) *OfficeForm {
	f := &OfficeForm{}
	text := func() *widgets.VNEntry { return widgets.NewVNEntry(t) }
	plain := func() *widgets.VNEntry { return widgets.NewVNEntry(nil) }
	f.ParentAgency, f.Name, f.Place, f.Address = text(), text(), text(), text()
	f.AgencyCode, f.Phone, f.Email, f.Hours, f.Cutoff, f.LookupURL, f.Slots = plain(), plain(), plain(), plain(), plain(), plain(), plain()
	f.Forms = widget.NewSelect(formSetLabels(), nil)
	f.ParentAgency.SetPlaceHolder(example("UBND TỈNH THANH HÓA"))
	f.Name.SetPlaceHolder(example("Bộ phận Một cửa UBND xã Quảng Phú"))
	f.AgencyCode.SetPlaceHolder(example("000.00.12.H56"))
	f.Place.SetPlaceHolder(example("Thanh Hóa"))
	f.Hours.SetPlaceHolder("07:00-11:30,13:30-17:00")
	f.Cutoff.SetPlaceHolder("15:00")
	f.LookupURL.SetPlaceHolder(example("https://dichvucong.thanhhoa.gov.vn/tra-cuu"))
	f.Fields = widgets.FormFields{
		widgets.NewFormField("parent_agency", tr("office.parent", "Cơ quan chủ quản"), f.ParentAgency, tr("office.parent.help", "In ở góc trái trên mọi biểu mẫu, viết hoa.")),
		widgets.NewFormField("name", tr("office.name", "Tên bộ phận một cửa"), f.Name, ""),
		widgets.NewFormField("agency_code", tr("office.code", "Mã định danh điện tử của cơ quan"), f.AgencyCode, tr("office.code.help", "Phần đầu của mọi mã hồ sơ; chữ số, chữ in hoa và dấu chấm.")),
		widgets.NewFormField("place", tr("office.place", "Địa danh"), f.Place, tr("office.place.help", "In trước ngày tháng: “Thanh Hóa, ngày … tháng … năm …”.")),
		widgets.NewFormField("address", tr("office.address", "Địa chỉ"), f.Address, ""),
		widgets.NewFormField("hours", tr("office.hours", "Giờ làm việc"), f.Hours, tr("office.hours.help", "Các buổi cách nhau bằng dấu phẩy, ví dụ 07:00-11:30,13:30-17:00.")),
		widgets.NewFormField("cutoff", tr("office.cutoff", "Giờ chốt nhận hồ sơ trong ngày"), f.Cutoff, tr("office.cutoff.help", "Hồ sơ nhận sau giờ này được tính từ ngày làm việc tiếp theo (thường là 15:00).")),
		widgets.NewFormField("lookup_url", tr("office.lookup", "Địa chỉ tra cứu hồ sơ"), f.LookupURL, tr("office.lookup.help", "In trong mã QR của giấy tiếp nhận; có thể để trống.")),
		widgets.NewFormField("forms", tr("office.forms", "Bộ biểu mẫu"), f.Forms, ""),
		widgets.NewFormField("slots", tr("office.slots", "Số ô mã hồ sơ (số quầy tối đa)"), f.Slots, tr("office.slots.help", "Số thứ tự trong ngày được chia cho các quầy để hai quầy không bao giờ cấp trùng mã.")),
	}
	if full {
		f.Phone.SetPlaceHolder(example("0237 3xxx xxx"))
		f.BackupDir, f.BackupKeep, f.RetentionYears = plain(), plain(), plain()
		f.Fields = append(f.Fields[:5], append(widgets.FormFields{
			widgets.NewFormField("phone", tr("office.phone", "Điện thoại"), f.Phone, ""),
			widgets.NewFormField("email", tr("office.email", "Thư điện tử"), f.Email, ""),
		}, f.Fields[5:]...)...)
		f.Fields = append(f.Fields,
			widgets.NewFormField("backup_dir", tr("office.backupdir", "Thư mục sao lưu tự động"), f.BackupDir, tr("office.backupdir.help", "Ví dụ một ổ USB; để trống thì dùng thư mục dữ liệu của máy.")),
			widgets.NewFormField("backup_keep", tr("office.backupkeep", "Số bản sao lưu giữ lại"), f.BackupKeep, ""),
			widgets.NewFormField("retention_years", tr("office.retention", "Số năm lưu thông tin cá nhân của hồ sơ đã đóng (0 = lưu mãi)"), f.RetentionYears, ""),
		)
	} else {
		f.Phone, f.Email = nil, nil
	}
	return f
}

// Set fills the form from o.
func (f *OfficeForm) Set(o desk.Office) {
	f.base = o
	f.ParentAgency.SetText(o.ParentAgency)
	f.Name.SetText(o.Name)
	f.AgencyCode.SetText(o.AgencyCode)
	f.Place.SetText(o.Place)
	f.Address.SetText(o.Address)
	if f.Phone != nil {
		f.Phone.SetText(o.Phone)
		f.Email.SetText(o.Email)
	}
	f.Hours.SetText(o.Hours)
	f.Cutoff.SetText(o.Cutoff)
	f.LookupURL.SetText(o.LookupURL)
	if o.Forms == desk.FormsTT01 {
		f.Forms.SetSelectedIndex(1)
	} else {
		f.Forms.SetSelectedIndex(0)
	}
	f.Slots.SetText(strconv.Itoa(o.Slots))
	if f.BackupDir != nil {
		f.BackupDir.SetText(o.BackupDir)
		f.BackupKeep.SetText(strconv.Itoa(o.BackupKeep))
		f.RetentionYears.SetText(strconv.Itoa(o.RetentionYears))
	}
}

// Office returns the office the form describes (fields it does not show
// keep their values from Set), or the problems of fields that are not
// even numbers or times, reported like domain errors.
func (f *OfficeForm) Office() (desk.Office, error) {
	o := f.base
	o.ParentAgency = strings.TrimSpace(f.ParentAgency.Text)
	o.Name = strings.TrimSpace(f.Name.Text)
	o.AgencyCode = strings.ToUpper(strings.TrimSpace(f.AgencyCode.Text))
	o.Place = strings.TrimSpace(f.Place.Text)
	o.Address = strings.TrimSpace(f.Address.Text)
	if f.Phone != nil {
		o.Phone = strings.TrimSpace(f.Phone.Text)
		o.Email = strings.TrimSpace(f.Email.Text)
	}
	o.Hours = strings.ReplaceAll(strings.TrimSpace(f.Hours.Text), " ", "")
	o.Cutoff = strings.TrimSpace(f.Cutoff.Text)
	o.LookupURL = strings.TrimSpace(f.LookupURL.Text)
	o.Forms = desk.FormsTT03
	if f.Forms.SelectedIndex() == 1 {
		o.Forms = desk.FormsTT01
	}
	var es dossier.Errors
	num := func(e *widgets.VNEntry, field string, dst *int) {
		if e == nil {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(e.Text))
		if err != nil || n < 0 {
			es = append(es, dossier.Errorf(dossier.KindInvalid, field, "not a whole number: %q", e.Text))
			return
		}
		*dst = n
	}
	num(f.Slots, "slots", &o.Slots)
	num(f.BackupKeep, "backup_keep", &o.BackupKeep)
	num(f.RetentionYears, "retention_years", &o.RetentionYears)
	if f.BackupDir != nil {
		o.BackupDir = strings.TrimSpace(f.BackupDir.Text)
	}
	if o.Cutoff != "" {
		if _, err := workday.ParseClock(o.Cutoff); err != nil {
			es = append(es, dossier.Errorf(dossier.KindInvalid, "cutoff", "cut-off: %v", err))
		}
	}
	return o, es.Err()
}

// Validate checks the form: numbers and times, and desk.Office.Validate;
// every problem is reported (a bad cut-off is reported once, under its
// own field).
func (f *OfficeForm) Validate() (desk.Office, error) {
	o, err := f.Office()
	var es dossier.Errors
	badCutoff := false
	for _, p := range flattenDomain(err) {
		es = append(es, p)
		badCutoff = badCutoff || p.Field == "cutoff"
	}
	for _, p := range flattenDomain(o.Validate()) {
		if badCutoff && p.Field == "hours" && strings.Contains(p.Msg, "cut-off") {
			continue
		}
		if p.Field == "slots" && f.Slots != nil && hasField(es, "slots") {
			continue
		}
		es = append(es, p)
	}
	return o, es.Err()
}

func hasField(es dossier.Errors, field string) bool {
	for _, e := range es {
		if e.Field == field {
			return true
		}
	}
	return false
}

// flattenDomain returns the domain errors in err.
func flattenDomain(err error) dossier.Errors {
	if err == nil {
		return nil
	}
	var es dossier.Errors
	if errors.As(err, &es) {
		return es
	}
	var e *dossier.Error
	if errors.As(err, &e) {
		return dossier.Errors{e}
	}
	return dossier.Errors{&dossier.Error{Kind: dossier.KindInternal, Msg: err.Error()}}
}

// Object lays the form out in two columns.
func (f *OfficeForm) Object() fyne.CanvasObject { return twoColumns(f.Fields) }

// DeskForm edits desk.Desk.
type DeskForm struct {
	ID, Number, Slot            *widgets.VNEntry
	Printer, ScanFolder, HubURL *widgets.VNEntry
	Thermal                     *widget.Check
	Fields                      widgets.FormFields
	base                        desk.Desk
}

// NewDeskForm builds the form; full adds the printer, scanner folder and
// hub fields of the settings tab.
func NewDeskForm(full bool) *DeskForm {
	f := &DeskForm{ID: widgets.NewVNEntry(nil), Number: widgets.NewVNEntry(nil), Slot: widgets.NewVNEntry(nil)}
	f.ID.SetPlaceHolder(example("quay-03"))
	f.Fields = widgets.FormFields{
		widgets.NewFormField("desk.id", tr("desk.id", "Tên quầy (mã nội bộ)"), f.ID, tr("desk.id.help", "Ghi trong hồ sơ và nhật ký, ví dụ quay-03.")),
		widgets.NewFormField("desk.number", tr("desk.number", "Số quầy"), f.Number, tr("desk.number.help", "Số hiển thị cho người dân.")),
		widgets.NewFormField("desk.slot", tr("desk.slot", "Ô mã của quầy"), f.Slot, tr("desk.slot.help", "Mỗi quầy của cơ quan một ô khác nhau, từ 1 đến số ô mã.")),
	}
	if full {
		f.Printer, f.ScanFolder, f.HubURL = widgets.NewVNEntry(nil), widgets.NewVNEntry(nil), widgets.NewVNEntry(nil)
		f.Thermal = widget.NewCheck(tr("desk.thermal", "In giấy tiếp nhận trên máy in nhiệt 80 mm"), nil)
		f.Printer.SetPlaceHolder(tr("desk.printer.default", "Máy in mặc định của Windows"))
		f.Fields = append(f.Fields,
			widgets.NewFormField("desk.printer", tr("desk.printer", "Máy in"), f.Printer, ""),
			widgets.NewFormField("desk.thermal", "", f.Thermal, ""),
			widgets.NewFormField("desk.scan_folder", tr("desk.scanfolder", "Thư mục của máy quét"), f.ScanFolder, ""),
			widgets.NewFormField("desk.hub_url", tr("desk.hub", "Địa chỉ máy chủ đồng bộ của tỉnh"), f.HubURL, tr("desk.hub.help", "Để trống nếu quầy chỉ làm việc ngoại tuyến.")),
		)
	}
	return f
}

// Set fills the form from d.
func (f *DeskForm) Set(d desk.Desk) {
	f.base = d
	f.ID.SetText(d.ID)
	f.Number.SetText(strconv.Itoa(d.Number))
	f.Slot.SetText(strconv.Itoa(d.Slot))
	if f.Printer != nil {
		f.Printer.SetText(d.Printer)
		f.Thermal.SetChecked(d.Thermal)
		f.ScanFolder.SetText(d.ScanFolder)
		f.HubURL.SetText(d.HubURL)
	}
}

// Desk returns the desk the form describes, or number problems.
func (f *DeskForm) Desk() (desk.Desk, error) {
	d := f.base
	d.ID = strings.TrimSpace(f.ID.Text)
	var es dossier.Errors
	for _, x := range []struct {
		e     *widgets.VNEntry
		field string
		dst   *int
	}{{f.Number, "desk.number", &d.Number}, {f.Slot, "desk.slot", &d.Slot}} {
		n, err := strconv.Atoi(strings.TrimSpace(x.e.Text))
		if err != nil {
			es = append(es, dossier.Errorf(dossier.KindInvalid, x.field, "not a whole number: %q", x.e.Text))
			continue
		}
		*x.dst = n
	}
	if f.Printer != nil {
		d.Printer = strings.TrimSpace(f.Printer.Text)
		d.Thermal = f.Thermal.Checked
		d.ScanFolder = strings.TrimSpace(f.ScanFolder.Text)
		d.HubURL = strings.TrimSpace(f.HubURL.Text)
	}
	return d, es.Err()
}

// Validate checks the desk against its office.
func (f *DeskForm) Validate(o desk.Office) (desk.Desk, error) {
	d, err := f.Desk()
	if err == nil {
		err = d.Validate(o)
	}
	return d, err
}

// ShowErrors shows the problems of err under the desk fields; the code
// scheme's "slot" and "slots" problems go to the slot field.
func (f *DeskForm) ShowErrors(err error) string {
	return f.Fields.ShowErrors(aliasFields(err, map[string]string{"slot": "desk.slot"}))
}

// Object lays the form out.
func (f *DeskForm) Object() fyne.CanvasObject { return twoColumns(f.Fields) }

// aliasFields renames the fields of the domain errors in err.
func aliasFields(err error, alias map[string]string) error {
	var es dossier.Errors
	if !errors.As(err, &es) {
		var e *dossier.Error
		if !errors.As(err, &e) {
			return err
		}
		es = dossier.Errors{e}
	}
	out := make(dossier.Errors, len(es))
	for i, e := range es {
		c := *e
		if a, ok := alias[c.Field]; ok {
			c.Field = a
		}
		out[i] = &c
	}
	return out
}

// twoColumns lays fields out in a two-column grid.
func twoColumns(fs widgets.FormFields) fyne.CanvasObject {
	return container.NewGridWithColumns(2, fs.Objects()...)
}
