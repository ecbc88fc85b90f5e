package desk

import (
	"net/url"
	"strings"

	"motcua/dossier"
)

// Finder is the lookup side of the store.
type Finder interface {
	Dossier(code string) (*dossier.Dossier, error)
	Find(q dossier.Query) ([]*dossier.Dossier, error)
	Recent(limit int) ([]*dossier.Dossier, error)
}

// QueryKind says how a lookup text was understood.
type QueryKind string

// Query kinds.
const (
	QueryCode    QueryKind = "code"
	QueryReceipt QueryKind = "receipt"
	QueryID      QueryKind = "id"
	QueryPhone   QueryKind = "phone"
	QueryName    QueryKind = "name"
	QueryRecent  QueryKind = "recent"
)

// ClassifyQuery tells what a clerk typed or scanned into the lookup box: a
// dossier code or guidance number, a receipt QR (URL with the code), an ID
// number (12 digits, old 9-digit CMND, 10/13-digit tax code), a phone
// number, or a name. For ambiguous digits (a 10-digit number starting with
// 0 may be a phone or a tax code) both interpretations are tried.
func ClassifyQuery(q string) (QueryKind, string) {
	q = strings.TrimSpace(q)
	if q == "" {
		return QueryRecent, ""
	}
	if code, ok := codeFromReceipt(q); ok {
		return QueryReceipt, code
	}
	if _, _, _, err := dossier.ParseCode(q); err == nil {
		return QueryCode, q
	}
	if strings.HasPrefix(strings.ToUpper(q), "HD-") {
		return QueryCode, strings.ToUpper(q)
	}
	digits := strings.Map(func(r rune) rune {
		if r == ' ' || r == '.' || r == '-' {
			return -1
		}
		return r
	}, q)
	if strings.HasPrefix(digits, "+84") {
		return QueryPhone, "0" + digits[3:]
	}
	if isDigits(digits) {
		switch len(digits) {
		case 12, 9, 13:
			return QueryID, digits
		case 10, 11:
			if digits[0] == '0' {
				return QueryPhone, digits
			}
			return QueryID, digits
		}
	}
	if dossier.ValidTaxCode(q) {
		return QueryID, q
	}
	return QueryName, NFCTrim(q)
}

// codeFromReceipt extracts the dossier code from a scanned receipt QR
// (the office lookup URL or a motcua: URI carrying c=CODE). The signature
// is checked separately (package receipt); this only finds the dossier.
func codeFromReceipt(s string) (string, bool) {
	if !strings.Contains(s, "c=") {
		return "", false
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	q := u.Query()
	if u.Opaque != "" && len(q) == 0 {
		if i := strings.IndexByte(u.Opaque, '?'); i >= 0 {
			q, _ = url.ParseQuery(u.Opaque[i+1:])
		}
	}
	c := q.Get("c")
	if _, _, _, err := dossier.ParseCode(c); err != nil {
		return "", false
	}
	return c, true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Lookup finds dossiers for a lookup text, newest first.
func Lookup(f Finder, text string, limit int) (QueryKind, []*dossier.Dossier, error) {
	kind, v := ClassifyQuery(text)
	if limit <= 0 {
		limit = 50
	}
	switch kind {
	case QueryRecent:
		ds, err := f.Recent(limit)
		return kind, ds, err
	case QueryCode, QueryReceipt:
		d, err := f.Dossier(v)
		if dossier.ErrorKind(err) == dossier.KindNotFound {
			return kind, nil, nil
		}
		if err != nil {
			return kind, nil, err
		}
		return kind, []*dossier.Dossier{d}, nil
	case QueryID:
		ds, err := f.Find(dossier.Query{IDNumber: v, Limit: limit})
		return kind, ds, err
	case QueryPhone:
		ds, err := f.Find(dossier.Query{Phone: v, Limit: limit})
		if err != nil || len(v) != 10 {
			return kind, ds, err
		}
		more, err := f.Find(dossier.Query{IDNumber: v, Limit: limit})
		return kind, mergeNewest(ds, more, limit), err
	default:
		ds, err := f.Find(dossier.Query{Name: v, Limit: limit})
		return kind, ds, err
	}
}

func mergeNewest(a, b []*dossier.Dossier, limit int) []*dossier.Dossier {
	seen := map[uint64]bool{}
	var out []*dossier.Dossier
	for _, d := range append(a, b...) {
		if !seen[d.ID] {
			seen[d.ID] = true
			out = append(out, d)
		}
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].ID > out[j-1].ID; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
