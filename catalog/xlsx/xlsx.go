// Package xlsx reads the cell text of the first worksheet of an Office Open
// XML workbook (.xlsx) with the standard library only (archive/zip and
// encoding/xml). It is made for the portal's procedure list exports: text
// and numbers, shared and inline strings, rich-text runs. Formulas yield
// their cached value; styles, dates and merged cells are not interpreted.
package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// Limits against malformed or hostile files.
const (
	maxPartSize = 64 << 20 // uncompressed bytes read from one part
	maxColumns  = 16384    // Excel's column limit (XFD)
	maxRows     = 1048576  // Excel's row limit
)

// ReadRows returns the rows of the first worksheet. Row i of the result is
// worksheet row i+1; missing rows and cells are empty strings; trailing
// empty cells are dropped.
func ReadRows(data []byte) ([][]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("xlsx: not a zip archive: %w", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	sheet, err := firstSheetPath(files)
	if err != nil {
		return nil, err
	}
	var shared []string
	if f, ok := files["xl/sharedStrings.xml"]; ok {
		b, err := readPart(f)
		if err != nil {
			return nil, err
		}
		if shared, err = parseSharedStrings(b); err != nil {
			return nil, fmt.Errorf("xlsx: xl/sharedStrings.xml: %w", err)
		}
	}
	f, ok := files[sheet]
	if !ok {
		return nil, fmt.Errorf("xlsx: worksheet %s missing", sheet)
	}
	b, err := readPart(f)
	if err != nil {
		return nil, err
	}
	rows, err := parseSheet(b, shared)
	if err != nil {
		return nil, fmt.Errorf("xlsx: %s: %w", sheet, err)
	}
	return rows, nil
}

func readPart(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > maxPartSize {
		return nil, fmt.Errorf("xlsx: %s too large (%d bytes)", f.Name, f.UncompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("xlsx: %s: %w", f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxPartSize+1))
	if err != nil {
		return nil, fmt.Errorf("xlsx: %s: %w", f.Name, err)
	}
	if len(b) > maxPartSize {
		return nil, fmt.Errorf("xlsx: %s too large", f.Name)
	}
	return b, nil
}

// firstSheetPath resolves the first <sheet> of xl/workbook.xml through the
// workbook relationships.
func firstSheetPath(files map[string]*zip.File) (string, error) {
	wf, ok := files["xl/workbook.xml"]
	if !ok {
		return "", errors.New("xlsx: xl/workbook.xml missing (not a workbook)")
	}
	b, err := readPart(wf)
	if err != nil {
		return "", err
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(b, &wb); err != nil {
		return "", fmt.Errorf("xlsx: xl/workbook.xml: %w", err)
	}
	if len(wb.Sheets) == 0 {
		return "", errors.New("xlsx: workbook has no sheets")
	}
	rid := wb.Sheets[0].RID
	if rf, ok := files["xl/_rels/workbook.xml.rels"]; ok && rid != "" {
		rb, err := readPart(rf)
		if err != nil {
			return "", err
		}
		var rels struct {
			Rel []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:"Target,attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(rb, &rels); err != nil {
			return "", fmt.Errorf("xlsx: xl/_rels/workbook.xml.rels: %w", err)
		}
		for _, r := range rels.Rel {
			if r.ID == rid {
				t := r.Target
				if strings.HasPrefix(t, "/") {
					return strings.TrimPrefix(t, "/"), nil
				}
				return path.Clean(path.Join("xl", t)), nil
			}
		}
	}
	if _, ok := files["xl/worksheets/sheet1.xml"]; ok {
		return "xl/worksheets/sheet1.xml", nil
	}
	return "", fmt.Errorf("xlsx: cannot find worksheet of sheet %q", wb.Sheets[0].Name)
}

// text collects the <t> elements of a string item (plain or rich runs;
// phonetic runs <rPh> are skipped).
type textItem struct {
	T    *string `xml:"t"`
	Runs []struct {
		T string `xml:"t"`
	} `xml:"r"`
}

func (t textItem) String() string {
	if t.T != nil {
		return *t.T
	}
	var sb strings.Builder
	for _, r := range t.Runs {
		sb.WriteString(r.T)
	}
	return sb.String()
}

func parseSharedStrings(b []byte) ([]string, error) {
	var sst struct {
		Items []textItem `xml:"si"`
	}
	if err := xml.Unmarshal(b, &sst); err != nil {
		return nil, err
	}
	out := make([]string, len(sst.Items))
	for i, it := range sst.Items {
		out[i] = it.String()
	}
	return out, nil
}

type cell struct {
	Ref    string    `xml:"r,attr"`
	Type   string    `xml:"t,attr"`
	Value  *string   `xml:"v"`
	Inline *textItem `xml:"is"`
}

type row struct {
	Num   int    `xml:"r,attr"`
	Cells []cell `xml:"c"`
}

func parseSheet(b []byte, shared []string) ([][]string, error) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	var rows [][]string
	next := 1
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "row" {
			continue
		}
		var r row
		if err := dec.DecodeElement(&r, &se); err != nil {
			return nil, err
		}
		num := r.Num
		if num == 0 {
			num = next
		}
		if num < next || num > maxRows {
			return nil, fmt.Errorf("row number %d out of order", num)
		}
		for len(rows) < num-1 {
			rows = append(rows, nil)
		}
		next = num + 1
		var vals []string
		col := 0
		for _, c := range r.Cells {
			if c.Ref != "" {
				k, err := columnIndex(c.Ref)
				if err != nil {
					return nil, fmt.Errorf("row %d: %w", num, err)
				}
				col = k
			}
			v, err := cellValue(c, shared)
			if err != nil {
				return nil, fmt.Errorf("cell %s: %w", c.Ref, err)
			}
			for len(vals) < col {
				vals = append(vals, "")
			}
			if col < len(vals) {
				return nil, fmt.Errorf("cell %s: column out of order", c.Ref)
			}
			vals = append(vals, v)
			col++
		}
		for len(vals) > 0 && vals[len(vals)-1] == "" {
			vals = vals[:len(vals)-1]
		}
		rows = append(rows, vals)
	}
	return rows, nil
}

func cellValue(c cell, shared []string) (string, error) {
	switch c.Type {
	case "s":
		if c.Value == nil {
			return "", nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(*c.Value))
		if err != nil || i < 0 || i >= len(shared) {
			return "", fmt.Errorf("bad shared string index %q", *c.Value)
		}
		return shared[i], nil
	case "inlineStr":
		if c.Inline == nil {
			return "", nil
		}
		return c.Inline.String(), nil
	default: // n, str, b, e, d
		if c.Value == nil {
			return "", nil
		}
		return *c.Value, nil
	}
}

// columnIndex converts a cell reference ("B3") to a 0-based column.
func columnIndex(ref string) (int, error) {
	n := 0
	i := 0
	for ; i < len(ref); i++ {
		c := ref[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c < 'A' || c > 'Z' {
			break
		}
		n = n*26 + int(c-'A'+1)
		if n > maxColumns {
			return 0, fmt.Errorf("column of %q out of range", ref)
		}
	}
	if i == 0 {
		return 0, fmt.Errorf("bad cell reference %q", ref)
	}
	return n - 1, nil
}
