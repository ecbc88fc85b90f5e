package catalog

import (
	"fmt"

	assets "motcua/assets/catalog"
)

// LoadDefault decodes the default catalog embedded in the binary (the real
// procedures of ../shared/data at build time). Each call returns a new
// set.
func LoadDefault() (*Set, error) {
	s, err := Decode(assets.Default())
	if err != nil {
		return nil, fmt.Errorf("embedded default catalog: %w", err)
	}
	return s, nil
}

// DefaultStamp returns the embedded default catalog's stamp without
// decoding it.
func DefaultStamp() (string, error) {
	s, err := DecodeStamp(assets.Default())
	if err != nil {
		return "", fmt.Errorf("embedded default catalog: %w", err)
	}
	return s, nil
}

func defaultBytes() []byte { return assets.Default() }
