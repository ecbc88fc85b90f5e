// Package catalog embeds the default procedure catalog shipped with the
// app: the real published procedures of ../shared/data, imported and
// encoded by motcua/catalog (file format described in catalog/codec.go).
//
// Refresh it from the repository root with
//
//	go run ./catalog/cmd/gencatalog -data ../shared/data -out assets/catalog/default.mcat
//
// The generator is deterministic; catalog/cmd/gencatalog's test fails
// when this file is stale.
package catalog

import _ "embed"

//go:embed default.mcat
var defaultCatalog []byte

// Default returns the embedded default catalog file. Callers must not
// modify the returned bytes.
func Default() []byte { return defaultCatalog }
