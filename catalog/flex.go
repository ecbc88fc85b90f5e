package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// flexString accepts a JSON string, number, boolean or null (national
// systems are inconsistent: SOBANCHINH is "1" in one system and 1 in
// another). Numbers keep their literal text; null becomes "".
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*f = ""
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	case b[0] == '{' || b[0] == '[':
		kind := "object"
		if b[0] == '[' {
			kind = "array"
		}
		// An UnmarshalTypeError gets the JSON field path from the decoder.
		return &json.UnmarshalTypeError{Value: kind, Type: reflect.TypeOf("")}
	default:
		*f = flexString(b)
	}
	return nil
}

func (f flexString) String() string { return strings.TrimSpace(string(f)) }

// flexInt reads a count that may be a number, a numeric string or empty.
// ok is false for anything else.
func flexInt(f flexString) (n int, present, ok bool) {
	s := f.String()
	if s == "" {
		return 0, false, true
	}
	if v, err := strconv.Atoi(s); err == nil && v >= 0 {
		return v, true, true
	}
	if v, err := strconv.ParseFloat(s, 64); err == nil && v >= 0 && v == float64(int(v)) {
		return int(v), true, true
	}
	return 0, true, false
}

// flexNames reads a list of names given as a string, an array of strings,
// an object with "name"/"TENDONVI" or an array of such objects.
type flexNames []Agency

func (f *flexNames) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		*f = nil
		return nil
	}
	var items []json.RawMessage
	if b[0] == '[' {
		if err := json.Unmarshal(b, &items); err != nil {
			return err
		}
	} else {
		items = []json.RawMessage{b}
	}
	var out []Agency
	for _, it := range items {
		it = bytes.TrimSpace(it)
		if len(it) == 0 || bytes.Equal(it, []byte("null")) {
			continue
		}
		switch it[0] {
		case '"':
			var s string
			if err := json.Unmarshal(it, &s); err != nil {
				return err
			}
			for _, n := range splitNames(s) {
				out = append(out, Agency{Name: n})
			}
		case '{':
			var o struct {
				Name     flexString `json:"name"`
				Code     flexString `json:"code"`
				TenDonVi flexString `json:"TENDONVI"`
				MaDonVi  flexString `json:"MADONVI"`
			}
			if err := json.Unmarshal(it, &o); err != nil {
				return err
			}
			a := Agency{Name: o.Name.String(), Code: o.Code.String()}
			if a.Name == "" {
				a.Name = o.TenDonVi.String()
			}
			if a.Code == "" {
				a.Code = o.MaDonVi.String()
			}
			if a.Name != "" {
				out = append(out, a)
			}
		default:
			return fmt.Errorf("expected names, got %s", truncate(string(it), 40))
		}
	}
	*f = out
	return nil
}

func (f flexNames) names() []string {
	var out []string
	for _, a := range f {
		out = append(out, a.Name)
	}
	return out
}
