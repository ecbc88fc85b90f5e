package store

import "strings"

// foldText folds a name for the index: lower case, no diacritics, đ → d.
// TEMPORARY until the vntext package lands; then this becomes vntext.Fold.
func foldText(s string) string {
	return foldReplacer.Replace(strings.ToLower(s))
}

var foldReplacer = func() *strings.Replacer {
	groups := map[string]string{
		"a": "àáảãạăằắẳẵặâầấẩẫậ", "e": "èéẻẽẹêềếểễệ", "i": "ìíỉĩị", "o": "òóỏõọôồốổỗộơờớởỡợ",
		"u": "ùúủũụưừứửữự", "y": "ỳýỷỹỵ", "d": "đ",
	}
	var pairs []string
	for base, vs := range groups {
		for _, r := range vs {
			pairs = append(pairs, string(r), base)
		}
	}
	return strings.NewReplacer(pairs...)
}()
