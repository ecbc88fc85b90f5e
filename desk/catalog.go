package desk

import (
	"motcua/catalog"
	"motcua/dossier"
)

// SetCatalog serves procedures from an in-memory catalog set (the embedded
// default, or one loaded from the store).
type SetCatalog struct{ Set *catalog.Set }

// Procedure returns the procedure with the code (national or local variant).
func (c SetCatalog) Procedure(code string) (*catalog.Procedure, error) {
	if c.Set != nil {
		if p, ok := c.Set.Get(code); ok {
			return p, nil
		}
	}
	return nil, dossier.Errorf(dossier.KindNotFound, "procedure", "no procedure %q in the catalog", code)
}
