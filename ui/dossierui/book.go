package dossierui

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"motcua/dossier"
	"motcua/ui/intake/kit"
	"motcua/ui/widgets"
)

// maxBookDays bounds the date range of the book on screen.
const maxBookDays = 366

// Book is the tracking book screen (Sổ theo dõi hồ sơ, form 07 of TT
// 03/2025; domain.md §1.2): the dossiers received in a date range with
// their dates of receipt, appointment, transfer, result and return, and
// the PDF and Excel exports.
type Book struct{ *book }

type book struct {
	runner
	deps Deps
	win  fyne.Window
	keys *kit.Keys

	from, to  *kit.Entry
	err       *widget.Label
	info      *widget.Label
	table     *widget.Table
	rows      []*dossier.Dossier
	pdf, xlsx *kit.Button
	root      fyne.CanvasObject
	// save asks where to write an export (a file dialog; tests replace it).
	save   func(name string, write func(w io.WriteCloser))
	range_ [2]time.Time
}

// NewBook builds the tracking book screen for window w.
func NewBook(w fyne.Window, deps Deps) *Book {
	b := &book{deps: deps, win: w, keys: kit.NewKeys()}
	b.save = b.fileDialog
	b.build()
	return &Book{b}
}

// Title is the screen's name.
func (b *Book) Title() string { return tr("book.title", "Sổ theo dõi hồ sơ") }

// Content returns the screen's root object.
func (b *Book) Content() fyne.CanvasObject { return b.root }

// Focus installs the shortcuts and shows today's book the first time.
func (b *Book) Focus() {
	b.keys.Install(b.win.Canvas())
	if b.rows == nil {
		b.load()
	}
	b.focus(b.from)
}

// Reset shows today's book.
func (b *Book) Reset() {
	today := kit.Date(b.deps.now())
	b.from.SetText(today)
	b.to.SetText(today)
	b.load()
}

// HandleKey takes Esc and the F-keys while the screen is shown.
func (b *Book) HandleKey(ev *fyne.KeyEvent) bool { return b.keys.HandleKey(ev) }

// bookCol is one column of the book on screen.
type bookCol struct {
	title string
	width float32
}

// bookColumns are the book's columns (domain.md §1.2, form 07).
func bookColumns() []bookCol {
	return []bookCol{
		{tr("col.no", "STT"), 48},
		{tr("col.code", "Mã hồ sơ"), 230},
		{tr("col.procedure", "Tên thủ tục hành chính"), 300},
		{tr("col.owner", "Tên cá nhân, tổ chức"), 190},
		{tr("col.contact", "Địa chỉ, số điện thoại"), 260},
		{tr("col.received", "Nhận hồ sơ"), 130},
		{tr("col.due", "Hẹn trả kết quả"), 130},
		{tr("col.transferred", "Chuyển cơ quan giải quyết"), 130},
		{tr("col.result", "Nhận kết quả"), 130},
		{tr("col.returned", "Trả kết quả"), 130},
		{tr("col.status", "Trạng thái"), 200},
	}
}

func (b *book) build() {
	b.keys.Shortcut(fyne.KeyP, func() { b.export(ExportPDF) })
	b.keys.Shortcut(fyne.KeyE, func() { b.export(ExportExcel) })
	today := kit.Date(b.deps.now())
	b.from = kit.NewEntry(b.keys)
	b.from.SetText(today)
	b.to = kit.NewEntry(b.keys)
	b.to.SetText(today)
	b.from.OnSubmitted = func(string) { b.focus(b.to) }
	b.to.OnSubmitted = func(string) { b.load() }
	b.err = kit.ErrorLabel()
	b.info = widget.NewLabel("")
	cols := bookColumns()
	b.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(b.rows), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(b.rows) {
				return
			}
			o.(*widget.Label).SetText(bookCell(b.rows[id.Row], id.Row, id.Col))
		})
	b.table.ShowHeaderColumn = false
	b.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	b.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(cols) {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		b.table.SetColumnWidth(i, c.width)
	}
	show := kit.NewButton(tr("book.show", "Xem"), "Enter", b.keys, b.load)
	b.pdf = kit.NewButton(tr("book.pdf", "Xuất PDF (mẫu 07)"), "Ctrl+P", b.keys, func() { b.export(ExportPDF) })
	b.xlsx = kit.NewButton(tr("book.xlsx", "Xuất Excel"), "Ctrl+E", b.keys, func() { b.export(ExportExcel) })
	if b.deps.ExportBook == nil {
		b.pdf.Disable()
		b.xlsx.Disable()
	}
	dates := container.NewHBox(
		widget.NewLabel(tr("book.from", "Từ ngày")), fixedW(b.from, 130),
		widget.NewLabel(tr("book.to", "đến ngày")), fixedW(b.to, 130),
		show, b.pdf, b.xlsx,
	)
	top := container.NewVBox(kit.Heading(tr("book.heading", "Sổ theo dõi hồ sơ")), dates, b.err, b.info)
	b.root = container.NewBorder(top, nil, nil, nil, b.table)
}

func fixedW(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// dates reads the range; the problem is shown and false returned when it
// is not valid.
func (b *book) dates() (time.Time, time.Time, bool) {
	kit.SetError(b.err, "")
	from, err1 := kit.ParseDate(b.from.Text)
	to, err2 := kit.ParseDate(b.to.Text)
	switch {
	case err1 != nil || err2 != nil:
		kit.SetError(b.err, tr("book.dateErr", "Ngày nhập theo dạng ngày/tháng/năm, ví dụ 03/11/2025."))
		return from, to, false
	case to.Before(from):
		kit.SetError(b.err, tr("book.order", "Ngày kết thúc phải từ ngày bắt đầu trở đi."))
		return from, to, false
	case to.Sub(from) > maxBookDays*24*time.Hour:
		kit.SetError(b.err, tr("book.tooLong", "Mỗi lần xem tối đa {{.N}} ngày; dùng nút xuất để lấy cả năm.", map[string]any{"N": maxBookDays}))
		return from, to, false
	}
	return from, to, true
}

// load reads the dossiers received in the range, day by day, off the UI
// goroutine.
func (b *book) load() {
	from, to, ok := b.dates()
	if !ok {
		return
	}
	if b.deps.ListDay == nil {
		b.info.SetText(tr("book.noSource", "Chưa cấu hình nguồn dữ liệu sổ theo dõi."))
		return
	}
	b.info.SetText(tr("book.loading", "Đang đọc sổ…"))
	var rows []*dossier.Dossier
	var err error
	b.run(func() {
		for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
			ds, e := b.deps.ListDay(day, 100000)
			if e != nil {
				err = e
				return
			}
			for _, d := range ds {
				if d.Kind == dossier.KindDossier {
					rows = append(rows, d)
				}
			}
		}
		sort.SliceStable(rows, func(i, j int) bool { return rows[i].ReceivedAt.Before(rows[j].ReceivedAt) })
	}, func() {
		if err != nil {
			b.info.SetText(widgets.ErrorText(err))
			return
		}
		b.rows = rows
		if b.rows == nil {
			b.rows = []*dossier.Dossier{}
		}
		b.range_ = [2]time.Time{from, to}
		b.info.SetText(tr("book.count", "{{.N}} hồ sơ nhận từ {{.F}} đến {{.T}}.", map[string]any{"N": len(rows), "F": kit.Date(from), "T": kit.Date(to)}))
		b.table.Refresh()
	})
}

// bookCell is the text of one cell of the book.
func bookCell(d *dossier.Dossier, row, col int) string {
	o := d.OwnerParty()
	switch col {
	case 0:
		return strconv.Itoa(row + 1)
	case 1:
		return string(d.Code)
	case 2:
		return d.Procedure.Name
	case 3:
		return o.Name
	case 4:
		return strings.Trim(strings.Join([]string{o.Address, o.Phone}, "; "), "; ")
	case 5:
		return kit.Short(d.ReceivedAt)
	case 6:
		return kit.Short(d.Appointment)
	case 7:
		return kit.Short(firstEvent(d, dossier.EvTransferred))
	case 8:
		return kit.Short(firstEvent(d, dossier.EvResultReady))
	case 9:
		return kit.Short(d.ReturnedAt)
	case 10:
		return statusText(d)
	}
	return ""
}

func firstEvent(d *dossier.Dossier, k dossier.EventKind) time.Time {
	for _, ev := range d.History {
		if ev.Kind == k {
			return ev.At
		}
	}
	return time.Time{}
}

// export writes the book of the range through Deps.ExportBook.
func (b *book) export(format string) {
	if b.deps.ExportBook == nil {
		return
	}
	from, to, ok := b.dates()
	if !ok {
		return
	}
	name := "so-theo-doi-" + from.Format("20060102") + "-" + to.Format("20060102") + "." + format
	b.save(name, func(w io.WriteCloser) {
		var err error
		b.info.SetText(tr("book.exporting", "Đang xuất…"))
		b.run(func() {
			err = b.deps.ExportBook(format, from, to, w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}, func() {
			if err != nil {
				b.info.SetText(tr("book.exportErr", "Chưa xuất được: {{.E}}", map[string]any{"E": widgets.ErrorText(err)}))
				return
			}
			b.info.SetText(tr("book.exported", "Đã xuất {{.F}}.", map[string]any{"F": name}))
		})
	})
}

// fileDialog asks where to save.
func (b *book) fileDialog(name string, write func(w io.WriteCloser)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		write(w)
	}, b.win)
	d.SetFileName(name)
	d.Show()
}
