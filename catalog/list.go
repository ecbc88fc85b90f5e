package catalog

import (
	"errors"
	"fmt"
	"strings"

	"motcua/catalog/xlsx"
)

// This file reads procedure list exports (xlsx) as list-only entries:
//   - the 2026 portal's "DANH SÁCH THỦ TỤC HÀNH CHÍNH": a title row, then
//     Mã số | Tên | Cơ quan ban hành | Cơ quan thực hiện | Lĩnh vực, with
//     multi-valued cells separated by newlines (dvcqg-6bo-chatbot-tthc
//     SOURCE.md);
//   - the older site's export: Mã TTHC, Tên TTHC, Lĩnh vực, Đối tượng, Cơ
//     quan công khai, Cấp thực hiện, Tình trạng, QĐ Công bố (domain.md §4.3).
// The header row is found by its labels, so column order does not matter.

type listColumn int

const (
	colCode listColumn = iota
	colName
	colPublisher
	colExecuting
	colField
	colSubjects
	colLevel
	colDecision
	colCount
)

// listHeaders maps folded header labels to columns.
var listHeaders = map[string]listColumn{
	"ma so":               colCode,
	"ma tthc":             colCode,
	"ma thu tuc":          colCode,
	"ten":                 colName,
	"ten tthc":            colName,
	"ten thu tuc":         colName,
	"co quan ban hanh":    colPublisher,
	"co quan cong khai":   colPublisher,
	"co quan cong bo":     colPublisher,
	"co quan thuc hien":   colExecuting,
	"linh vuc":            colField,
	"doi tuong":           colSubjects,
	"doi tuong thuc hien": colSubjects,
	"cap thuc hien":       colLevel,
	"qd cong bo":          colDecision,
	"quyet dinh cong bo":  colDecision,
}

func readListFile(path string, data []byte) ([]record, []*FileError) {
	rows, err := xlsx.ReadRows(data)
	if err != nil {
		return nil, []*FileError{{File: path, Err: err}}
	}
	hdr := -1
	var cols [colCount]int
	for i, r := range rows {
		if i >= 20 {
			break
		}
		for k := range cols {
			cols[k] = -1
		}
		for j, c := range r {
			if col, ok := listHeaders[strings.Trim(fold(c), " :.")]; ok && cols[col] < 0 {
				cols[col] = j
			}
		}
		if cols[colCode] >= 0 && cols[colName] >= 0 {
			hdr = i
			break
		}
	}
	if hdr < 0 {
		return nil, []*FileError{{File: path, Err: errors.New("not a procedure list: no header row with code (Mã số) and name (Tên) columns in the first 20 rows")}}
	}
	get := func(r []string, c listColumn) string {
		k := cols[c]
		if k < 0 || k >= len(r) {
			return ""
		}
		return strings.TrimSpace(r[k])
	}
	var recs []record
	var errs []*FileError
	for i := hdr + 1; i < len(rows); i++ {
		r := rows[i]
		label := fmt.Sprintf("row %d", i+1)
		code := get(r, colCode)
		name := get(r, colName)
		if code == "" && name == "" {
			continue
		}
		if err := checkCode(code); err != nil {
			errs = append(errs, &FileError{File: path, Record: label, Err: err})
			continue
		}
		if name == "" {
			errs = append(errs, &FileError{File: path, Record: label, Err: fmt.Errorf("procedure %s: empty name", code)})
			continue
		}
		var w warnings
		p := &Procedure{
			Code:           code,
			Name:           strings.Join(strings.Fields(name), " "),
			ListOnly:       true,
			Publisher:      strings.Join(splitLines(get(r, colPublisher)), "; "),
			Field:          Field{Name: strings.Join(splitLines(get(r, colField)), "; ")},
			Subjects:       splitNames(get(r, colSubjects)),
			DecisionNumber: get(r, colDecision),
		}
		p.Agencies.Executing = agencies(splitLines(get(r, colExecuting)))
		if lv := get(r, colLevel); lv != "" {
			p.Levels, p.LevelText = parseLevels(lv, &w)
		}
		recs = append(recs, record{p: p, w: w, format: FormatList, file: path, label: label})
	}
	if len(recs) == 0 && len(errs) == 0 {
		errs = append(errs, &FileError{File: path, Err: errors.New("procedure list has no rows")})
	}
	return recs, errs
}

// splitLines splits a multi-valued list cell (one value per line).
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" && !isNoInfo(l) {
			out = append(out, l)
		}
	}
	return out
}
