package intake

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/catalog"
	"motcua/ui/intake/kit"
)

// maxHits bounds the result list (the best matches come first).
const maxHits = 50

// procedureStep: search as you type, Up/Down to move, Enter to choose.
type procedureStep struct {
	query   *kit.Entry
	hits    []catalog.Hit
	hl      int // highlighted hit
	hitList *widget.List
	procErr func(string)
	pErr    *widget.Label
	count   *widget.Label
}

func (s *screen) buildProcedure() fyne.CanvasObject {
	s.query = s.newEntry()
	s.query.SetPlaceHolder(tr("proc.placeholder", "Gõ tên hoặc mã thủ tục, ví dụ: khai sinh, 1.001193"))
	s.query.OnChanged = s.onQuery
	s.query.OnSubmitted = func(string) { s.onNext() }
	s.query.OnKey = s.onQueryKey
	s.pErr = kit.ErrorLabel()
	s.procErr = func(msg string) { kit.SetError(s.pErr, msg) }
	s.count = kit.Hint("")
	s.hitList = widget.NewList(
		func() int { return len(s.hits) },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
			code := widget.NewLabelWithStyle("1.000000.000.00.00", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewStack(bg, container.NewBorder(nil, nil, code, nil, name))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			st := o.(*fyne.Container)
			bg := st.Objects[0].(*canvas.Rectangle)
			row := st.Objects[1].(*fyne.Container)
			var name, code *widget.Label
			for _, x := range row.Objects {
				l := x.(*widget.Label)
				if l.TextStyle.Monospace {
					code = l
				} else {
					name = l
				}
			}
			p := s.hits[id].Procedure
			code.SetText(p.Code)
			extra := levelText(p)
			if p.Field.Name != "" {
				extra += " · " + p.Field.Name
			}
			if p.ListOnly {
				extra += " · " + tr("proc.listOnly", "chưa đủ dữ liệu")
			}
			name.SetText(p.Name + "  (" + strings.TrimPrefix(extra, " · ") + ")")
			if id == s.hl {
				bg.FillColor = theme.Color(theme.ColorNameSelection)
				name.TextStyle.Bold = true
			} else {
				bg.FillColor = theme.Color(theme.ColorNameBackground)
				name.TextStyle.Bold = false
			}
			name.Refresh()
			bg.Refresh()
		})
	s.hitList.OnSelected = func(id widget.ListItemID) {
		s.hitList.UnselectAll()
		if id >= 0 && id < len(s.hits) {
			s.hl = id
			s.choose(id)
		}
	}
	help := kit.Hint(tr("proc.help", "↑/↓ chọn dòng, Enter chọn thủ tục. Tìm không phân biệt dấu: “dang ky khai sinh” cũng tìm được."))
	top := container.NewVBox(kit.Heading(tr("proc.heading", "1. Tìm thủ tục hành chính")), s.query, help, s.pErr, s.count)
	return container.NewBorder(top, nil, nil, nil, s.hitList)
}

func levelText(p *catalog.Procedure) string {
	var out []string
	for _, l := range p.Levels {
		switch l {
		case catalog.LevelMinistry:
			out = append(out, tr("level.ministry", "Cấp bộ"))
		case catalog.LevelProvince:
			out = append(out, tr("level.province", "Cấp tỉnh"))
		case catalog.LevelDistrict:
			out = append(out, tr("level.district", "Cấp huyện"))
		case catalog.LevelCommune:
			out = append(out, tr("level.commune", "Cấp xã"))
		default:
			out = append(out, tr("level.other", "Cơ quan khác"))
		}
	}
	return strings.Join(out, ", ")
}

func (s *screen) resetProcedure() {
	s.hits = nil
	s.hl = 0
	s.query.SetText("")
	kit.SetError(s.pErr, "")
	s.count.SetText("")
	s.hitList.Refresh()
}

func (s *screen) onQuery(q string) {
	kit.SetError(s.pErr, "")
	q = strings.TrimSpace(q)
	if q == "" || s.deps.Search == nil {
		s.hits = nil
	} else {
		s.hits = s.deps.Search(q, catalog.Filter{}, maxHits)
	}
	s.hl = 0
	switch {
	case q == "":
		s.count.SetText("")
	case len(s.hits) == 0:
		s.count.SetText(tr("proc.none", "Không tìm thấy thủ tục phù hợp. Thử từ khóa khác hoặc mã thủ tục."))
	case len(s.hits) >= maxHits:
		s.count.SetText(tr("proc.many", "Hiện {{.N}} kết quả phù hợp nhất; gõ thêm để thu hẹp.", map[string]any{"N": len(s.hits)}))
	default:
		s.count.SetText(tr("proc.count", "{{.N}} kết quả.", map[string]any{"N": len(s.hits)}))
	}
	s.hitList.Refresh()
	s.hitList.ScrollToTop()
}

func (s *screen) onQueryKey(ev *fyne.KeyEvent) bool {
	move := 0
	switch ev.Name {
	case fyne.KeyDown:
		move = 1
	case fyne.KeyUp:
		move = -1
	case fyne.KeyPageDown:
		move = 10
	case fyne.KeyPageUp:
		move = -10
	default:
		return false
	}
	if len(s.hits) == 0 {
		return true
	}
	s.hl = max(0, min(len(s.hits)-1, s.hl+move))
	s.hitList.Refresh()
	s.hitList.ScrollTo(s.hl)
	return true
}

// choose selects hit i as the dossier's procedure.
func (s *screen) choose(i int) {
	if i < 0 || i >= len(s.hits) {
		return
	}
	s.chooseProcedure(s.hits[i].Procedure)
}

// chooseProcedure makes p the dossier's procedure and moves to step 2; a
// procedure known only from a list cannot be received.
func (s *screen) chooseProcedure(p *catalog.Procedure) {
	if p.ListOnly {
		s.procErr(tr("proc.listOnlyErr", "Thủ tục {{.C}} mới chỉ có tên trong danh sách (chưa có thành phần hồ sơ, thời hạn): cần nhập đầy đủ thủ tục trước khi tiếp nhận.", map[string]any{"C": p.Code}))
		return
	}
	if s.deps.Catalog != nil {
		// The service receives under the catalog's current version.
		if cur, err := s.deps.Catalog.Procedure(p.Code); err == nil {
			p = cur
		}
	}
	s.setProcedure(p)
	s.goTo(stepChannel)
}

// setProcedure starts the later steps afresh for procedure p.
func (s *screen) setProcedure(p *catalog.Procedure) {
	same := s.proc != nil && s.proc.Code == p.Code && s.proc.Version.Hash == p.Version.Hash
	s.proc = p
	kit.SetError(s.pErr, "")
	if same {
		return
	}
	s.stepErr = [nSteps]bool{}
	s.loadChannel()
}
