package catalog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Format is a procedure record format the importer recognises by content.
type Format string

// Formats, in order of precedence when two detailed records share a code.
const (
	FormatLayThuTuc Format = "laythutuc"   // legacy national packet, domain.md §4.1
	FormatPortal    Format = "portal-json" // 2025–26 national portal detail JSON, §4.2
	FormatBQP       Format = "bqp-chitiet" // parsed "Chi tiết TTHC" Word exports (bqp-207-chitiettthc)
	FormatDVCQG     Format = "dvcqg-page"  // portal page text (dvcqg-6bo-chatbot-tthc)
	FormatList      Format = "xlsx-list"   // the portal's procedure list export (list-only entries)
)

var formatRank = map[Format]int{FormatLayThuTuc: 0, FormatPortal: 1, FormatBQP: 2, FormatDVCQG: 3, FormatList: 4}

// Formats lists every format in precedence order.
func Formats() []Format {
	return []Format{FormatLayThuTuc, FormatPortal, FormatBQP, FormatDVCQG, FormatList}
}

// maxFileSize bounds what the importer reads from one file.
const maxFileSize = 256 << 20

// FileError is a malformed file or record. Record names the record inside
// the file when known: "record 3" (1-based position in a JSON array),
// "row 17" (worksheet row).
type FileError struct {
	File   string
	Record string
	Err    error
}

func (e *FileError) Error() string {
	if e.Record != "" {
		return fmt.Sprintf("%s: %s: %v", e.File, e.Record, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// ProcedureWarnings lists what could not be parsed in one record.
type ProcedureWarnings struct {
	Code     string
	File     string
	Format   Format
	Warnings []string
}

// Report describes an import: what was read, what was merged, and per
// procedure what could not be parsed.
type Report struct {
	Files    int            // files read
	Skipped  []string       // files inside folders that are neither JSON nor xlsx
	Records  map[Format]int // records read, per format
	Procs    int            // procedures in the resulting set
	ListOnly int            // of which known only from lists
	Merged   int            // list entries merged into a detailed record of the same code
	// Duplicates describes records whose code was already imported: which
	// one was kept and why.
	Duplicates []string
	// Warnings per procedure record, sorted by code then file.
	Warnings []ProcedureWarnings
	Errors   []*FileError
}

// Importer imports procedure files. Now is the clock for
// Version.ImportedAt (time.Now when nil).
type Importer struct {
	Now func() time.Time
	// Root, when set, makes the file names recorded in Version.Source and
	// in the report relative to it (so that generated catalogs do not
	// depend on where the data was checked out).
	Root string
}

// Import reads files and folders (recursively) with the current time as
// the import time. See Importer.Import.
func Import(paths ...string) (*Set, *Report, error) {
	return (&Importer{}).Import(paths...)
}

type record struct {
	p      *Procedure
	w      warnings
	format Format
	file   string
	label  string // "record 3" inside multi-record files
}

// Import reads the given files and folders. Formats are recognised by
// content, not file name. Inside folders, hidden entries are ignored and
// files that are neither JSON nor xlsx are listed in Report.Skipped; a
// named file that is not a procedure file is an error.
//
// Merge rule when the same code is read more than once:
//   - a detailed record wins over a list entry; the list entry only fills
//     what the detailed record lacks (name, field, publisher, executing
//     agencies, levels, subjects, decision number);
//   - between detailed records, identical content is counted once;
//     different content keeps the record of the more structured format
//     (LayThuTuc, portal JSON, bqp, dvcqg page, in that order), and within
//     one format the first in path order, and reports the duplicate.
//
// The import is all or nothing: if any file or record is malformed, Import
// returns a nil set, the report (with Report.Errors) and an error joining
// the file errors.
func (im *Importer) Import(paths ...string) (*Set, *Report, error) {
	now := time.Now
	if im != nil && im.Now != nil {
		now = im.Now
	}
	at := now()
	rep := &Report{Records: map[Format]int{}}
	var recs []record
	if len(paths) == 0 {
		return nil, rep, errors.New("no files to import")
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			rep.Errors = append(rep.Errors, &FileError{File: root, Err: err})
			continue
		}
		if !st.IsDir() {
			recs = append(recs, im.importFile(root, false, rep)...)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				rep.Errors = append(rep.Errors, &FileError{File: path, Err: err})
				return nil
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() {
				return nil
			}
			recs = append(recs, im.importFile(path, true, rep)...)
			return nil
		})
		if err != nil {
			rep.Errors = append(rep.Errors, &FileError{File: root, Err: err})
		}
	}
	if im != nil && im.Root != "" {
		for i := range recs {
			if rel, err := filepath.Rel(im.Root, recs[i].file); err == nil && !strings.HasPrefix(rel, "..") {
				recs[i].file = rel
			}
		}
	}
	set := merge(recs, rep, at)
	if len(rep.Errors) == 0 && len(recs) == 0 {
		rep.Errors = append(rep.Errors, &FileError{File: strings.Join(paths, ", "), Err: errors.New("no procedure records found")})
	}
	if len(rep.Errors) > 0 {
		errs := make([]error, len(rep.Errors))
		for i, e := range rep.Errors {
			errs[i] = e
		}
		return nil, rep, errors.Join(errs...)
	}
	return set, rep, nil
}

// importFile reads one file. inFolder files that are not JSON or zip are
// skipped instead of failing.
func (im *Importer) importFile(path string, inFolder bool, rep *Report) []record {
	data, err := readLimited(path)
	if err != nil {
		rep.Errors = append(rep.Errors, &FileError{File: path, Err: err})
		return nil
	}
	kind := sniff(data)
	if kind == "" {
		if inFolder {
			rep.Skipped = append(rep.Skipped, path)
			return nil
		}
		rep.Errors = append(rep.Errors, &FileError{File: path, Err: errors.New("not a procedure file: neither JSON nor xlsx")})
		return nil
	}
	rep.Files++
	var recs []record
	var ferrs []*FileError
	switch kind {
	case "zip":
		recs, ferrs = readListFile(path, data)
	case "json":
		recs, ferrs = readJSONFile(path, data)
	}
	rep.Errors = append(rep.Errors, ferrs...)
	for _, r := range recs {
		rep.Records[r.format]++
	}
	return recs
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.Size() > maxFileSize {
		return nil, fmt.Errorf("file too large (%d bytes, limit %d)", st.Size(), maxFileSize)
	}
	buf := make([]byte, st.Size())
	n, err := f.ReadAt(buf, 0)
	if err != nil && n != len(buf) {
		return nil, err
	}
	return buf, nil
}

// sniff recognises JSON and zip (xlsx) content.
func sniff(data []byte) string {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return "zip"
	}
	d := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(d) > 0 && (d[0] == '{' || d[0] == '[') {
		return "json"
	}
	return ""
}

// readJSONFile dispatches a JSON file: a single record, an array of
// records, or a response wrapper ({"result": …}, {"data": …},
// {"message": "<json>"}).
func readJSONFile(path string, data []byte) ([]record, []*FileError) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	var root json.RawMessage
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, []*FileError{{File: path, Err: fmt.Errorf("invalid JSON: %w", err)}}
	}
	var recs []record
	var errs []*FileError
	var walk func(raw json.RawMessage, label string, depth int)
	walk = func(raw json.RawMessage, label string, depth int) {
		if depth > 4 {
			errs = append(errs, &FileError{File: path, Record: label, Err: errors.New("records nested too deeply")})
			return
		}
		raw = bytes.TrimSpace(raw)
		if len(raw) > 0 && raw[0] == '[' {
			var arr []json.RawMessage
			if err := json.Unmarshal(raw, &arr); err != nil {
				errs = append(errs, &FileError{File: path, Record: label, Err: err})
				return
			}
			for i, el := range arr {
				walk(el, joinLabel(label, fmt.Sprintf("record %d", i+1)), depth+1)
			}
			return
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil {
			errs = append(errs, &FileError{File: path, Record: label, Err: fmt.Errorf("not a JSON object: %w", err)})
			return
		}
		var (
			p      *Procedure
			w      warnings
			err    error
			format Format
		)
		switch {
		case hasKey(obj, "MATTHC"):
			format = FormatLayThuTuc
			p, w, err = parseLayThuTuc(raw)
		case isPortal(obj):
			format = FormatPortal
			p, w, err = parsePortal(raw)
		case isDVCQG(obj):
			format = FormatDVCQG
			p, w, err = parseDVCQG(raw)
		case isBQP(obj):
			format = FormatBQP
			p, w, err = parseBQP(raw)
		case hasKey(obj, "result"):
			walk(obj["result"], label, depth+1)
			return
		case hasKey(obj, "items"):
			walk(obj["items"], label, depth+1)
			return
		case hasKey(obj, "data"):
			walk(obj["data"], label, depth+1)
			return
		case hasKey(obj, "message"):
			var msg string
			if json.Unmarshal(obj["message"], &msg) == nil {
				inner := bytes.TrimSpace([]byte(msg))
				if len(inner) > 0 && (inner[0] == '{' || inner[0] == '[') {
					if !json.Valid(inner) {
						errs = append(errs, &FileError{File: path, Record: label, Err: errors.New("message holds invalid JSON")})
						return
					}
					walk(inner, label, depth+1)
					return
				}
			}
			errs = append(errs, &FileError{File: path, Record: label, Err: fmt.Errorf("unrecognised record (message: %s)", truncate(string(obj["message"]), 80))})
			return
		default:
			errs = append(errs, &FileError{File: path, Record: label, Err: fmt.Errorf("unrecognised procedure record (keys: %s)", keyList(obj))})
			return
		}
		if err != nil {
			errs = append(errs, &FileError{File: path, Record: label, Err: err})
			return
		}
		recs = append(recs, record{p: p, w: w, format: format, file: path, label: label})
	}
	walk(root, "", 0)
	return recs, errs
}

func joinLabel(a, b string) string {
	if a == "" {
		return b
	}
	return a + " " + b
}

func hasKey(obj map[string]json.RawMessage, k string) bool {
	_, ok := obj[k]
	return ok
}

func keyList(obj map[string]json.RawMessage) string {
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	if len(keys) == 0 {
		return "none"
	}
	return strings.Join(keys, ", ")
}

// merge applies the merge rule and computes versions.
func merge(recs []record, rep *Report, at time.Time) *Set {
	type entry struct {
		record
		hash string
	}
	detail := map[string]*entry{}
	list := map[string]*entry{}
	for _, r := range recs {
		e := &entry{record: r, hash: Hash(r.p)}
		if len(r.w) > 0 {
			rep.Warnings = append(rep.Warnings, ProcedureWarnings{Code: r.p.Code, File: sourceOf(r), Format: r.format, Warnings: r.w})
		}
		m := detail
		if r.p.ListOnly {
			m = list
		}
		old, ok := m[r.p.Code]
		if !ok {
			m[r.p.Code] = e
			continue
		}
		if old.hash == e.hash {
			continue
		}
		keep, drop := old, e
		reason := "first in path order"
		if formatRank[e.format] < formatRank[old.format] {
			keep, drop = e, old
			reason = "more structured format"
		} else if formatRank[e.format] > formatRank[old.format] {
			reason = "more structured format"
		}
		m[r.p.Code] = keep
		rep.Duplicates = append(rep.Duplicates, fmt.Sprintf("%s: kept %s (%s), ignored different %s (%s): %s",
			r.p.Code, sourceOf(keep.record), keep.format, sourceOf(drop.record), drop.format, reason))
	}
	var procs []*Procedure
	for code, d := range detail {
		p := d.p
		src := string(d.format) + ":" + sourceOf(d.record)
		if l, ok := list[code]; ok {
			fillGaps(p, l.p)
			rep.Merged++
			src += "; " + string(l.format) + ":" + sourceOf(l.record)
		}
		p.Version = Version{Source: src, ImportedAt: at}
		procs = append(procs, p)
	}
	for code, l := range list {
		if _, ok := detail[code]; ok {
			continue
		}
		l.p.Version = Version{Source: string(l.format) + ":" + sourceOf(l.record), ImportedAt: at}
		procs = append(procs, l.p)
		rep.ListOnly++
	}
	for _, p := range procs {
		p.Version.Hash = Hash(p)
	}
	sort.Slice(rep.Warnings, func(i, j int) bool {
		a, b := rep.Warnings[i], rep.Warnings[j]
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.File < b.File
	})
	sort.Strings(rep.Duplicates)
	set := NewSet("", procs)
	rep.Procs = set.Len()
	return set
}

func sourceOf(r record) string {
	if r.label != "" {
		return filepath.ToSlash(r.file) + "#" + r.label
	}
	return filepath.ToSlash(r.file)
}

// fillGaps copies into p what a list entry knows and p lacks.
func fillGaps(p, l *Procedure) {
	if p.Name == "" {
		p.Name = l.Name
	}
	if p.Field.Name == "" {
		p.Field.Name = l.Field.Name
	}
	if p.Field.Code == "" {
		p.Field.Code = l.Field.Code
	}
	if p.Publisher == "" {
		p.Publisher = l.Publisher
	}
	if len(p.Agencies.Executing) == 0 {
		p.Agencies.Executing = l.Agencies.Executing
	}
	if len(p.Levels) == 0 && p.LevelText == "" {
		p.Levels, p.LevelText = l.Levels, l.LevelText
	}
	if len(p.Subjects) == 0 {
		p.Subjects = l.Subjects
	}
	if p.DecisionNumber == "" {
		p.DecisionNumber = l.DecisionNumber
	}
}

// hashScheme prefixes the canonical encoding so that a future change of
// the encoding can be told apart.
const hashScheme = "motcua-catalog-v1\n"

// Hash returns the content hash of a procedure: the first 128 bits of
// SHA-256 over the canonical encoding (JSON of the procedure with Version
// cleared), in hex. Import time and source do not change it.
func Hash(p *Procedure) string {
	c := *p
	c.Version = Version{}
	b, err := json.Marshal(&c)
	if err != nil {
		// Procedure holds only strings, integers and finite non-negative
		// time values (parsers and Decode reject anything else).
		panic("catalog: canonical encoding: " + err.Error())
	}
	h := sha256.New()
	h.Write([]byte(hashScheme))
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:16])
}
