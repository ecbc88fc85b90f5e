package catalog

import "strings"

// Conditional reports whether a published component depends on the case
// rather than being always required: its text starts with "Trường hợp",
// "Đối với" or "Nếu", or says "trong trường hợp", "nếu có" or "(nếu …)", or
// it is an instruction with no original or copy to count. The national
// data lists such conditions among the components (1.001193 has nine), so
// the counter must let the clerk mark them "not applicable" without a
// supervisor's override — while an unconditional must-submit component
// still cannot be skipped.
func Conditional(c Component) bool {
	if c.Originals == 0 && c.Copies == 0 {
		return true
	}
	f := strings.TrimLeft(fold(c.Name), " -+•*.:;")
	for _, p := range []string{"truong hop", "doi voi", "neu "} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	for _, p := range []string{"trong truong hop", "neu co", "(neu "} {
		if strings.Contains(f, p) {
			return true
		}
	}
	return false
}
