package report

import (
	"strings"

	"motcua/catalog"
)

// ProcedureFields is an optional extension of Names: the field (lĩnh vực)
// of a procedure in the catalog. Reports use it for records that carry no
// field code (catalogs imported from the national lists often publish the
// field name only, domain.md §4).
type ProcedureFields interface {
	// ProcedureField returns the field code and name of a procedure; both
	// empty when unknown.
	ProcedureField(procedureCode string) (code, name string)
}

// FieldKey is the row key a record is counted under in the by-field
// breakdowns and Biểu II.06a: its field code, else (when names implements
// ProcedureFields) the catalog field code, else the catalog field name,
// else "" (NoField). The drill-down filter of a row is FieldKey(f, names)
// == Row.Key.
func FieldKey(f Fact, names Names) string {
	if f.FieldCode != "" {
		return f.FieldCode
	}
	if pf, ok := names.(ProcedureFields); ok {
		code, name := pf.ProcedureField(f.ProcedureCode)
		if code != "" {
			return code
		}
		return name
	}
	return ""
}

// CatalogNames is a Names over a catalog set: procedure names by code (a
// local variant code falls back to its national base code, catalog.Set.Get)
// and field names by field code, with ProcedureFields for records without
// a field code.
type CatalogNames struct {
	set    *catalog.Set
	fields map[string]string
}

// NewCatalogNames indexes set's field names.
func NewCatalogNames(set *catalog.Set) *CatalogNames {
	n := &CatalogNames{set: set, fields: map[string]string{}}
	for _, p := range set.Procedures {
		if c := strings.TrimSpace(p.Field.Code); c != "" && p.Field.Name != "" {
			n.fields[c] = p.Field.Name
		}
	}
	return n
}

// FieldName implements Names.
func (n *CatalogNames) FieldName(code string) string { return n.fields[code] }

// ProcedureName implements Names.
func (n *CatalogNames) ProcedureName(code string) string {
	if p, ok := n.set.Get(code); ok {
		return p.Name
	}
	return ""
}

// ProcedureField implements ProcedureFields.
func (n *CatalogNames) ProcedureField(code string) (string, string) {
	if p, ok := n.set.Get(code); ok {
		return strings.TrimSpace(p.Field.Code), strings.TrimSpace(p.Field.Name)
	}
	return "", ""
}
