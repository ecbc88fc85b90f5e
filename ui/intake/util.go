package intake

import (
	"strconv"
	"strings"
)

// hasPrefixIndex reports whether field is list[i] or below it
// ("checklist[2].decision" for list "checklist", i 2).
func hasPrefixIndex(field, list string, i int) bool {
	p := list + "[" + strconv.Itoa(i) + "]"
	return field == p || strings.HasPrefix(field, p+".")
}

func joinLines(s []string) string { return strings.Join(s, "\n") }
