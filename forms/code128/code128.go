// Package code128 encodes text as a Code 128 barcode (ISO/IEC 15417) using
// code sets B and C, as printed under the dossier code on the receipt
// (domain.md §1.2, Mẫu 01: R1 prints a barcode of the dossier code;
// decree118.md A.2: units may add a barcode or QR next to the code).
//
// The encoder picks the shortest symbol sequence (dynamic programming over
// set B and set C, with switches), so runs of digits such as the date and
// the sequence number of a dossier code are packed two per symbol. Only
// printable ASCII (32–126) is accepted; code set A (control characters) and
// FNC codes are not needed for dossier codes and are not produced.
package code128

import (
	"errors"
	"fmt"
)

// patterns are the bar/space widths of symbol values 0–106 (106 = stop,
// which has a final 2-module bar): bar, space, bar, space, bar, space(, bar).
var patterns = [107]string{
	"212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
	"221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
	"221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
	"212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
	"231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
	"231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
	"314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
	"112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
	"111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
	"214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
	"114131", "311141", "411131", "211412", "211214", "211232", "2331112",
}

// Symbol values with a special meaning.
const (
	CodeC  = 99  // in set B: switch to set C
	CodeB  = 100 // in set C: switch to set B
	StartB = 104
	StartC = 105
	Stop   = 106
)

// QuietZone is the minimum blank margin on each side, in modules.
const QuietZone = 10

// ErrEmpty is returned for an empty text.
var ErrEmpty = errors.New("code128: nothing to encode")

const (
	setB = 0
	setC = 1
)

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// Values returns the symbol values for s: the start code, the data and
// switch codes, the check symbol and the stop code.
func Values(s string) ([]int, error) {
	if s == "" {
		return nil, ErrEmpty
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 32 || s[i] > 126 {
			return nil, fmt.Errorf("code128: byte %#x at %d is not printable ASCII", s[i], i)
		}
	}
	n := len(s)
	const inf = 1 << 30
	// cost[i][set]: fewest symbols to encode s[i:] when the current set is
	// set (excluding the start code and any switch out of it before i).
	cost := make([][2]int, n+1)
	next := make([][2]int, n+1) // chosen set for the step at i
	for i := n - 1; i >= 0; i-- {
		for cur := setB; cur <= setC; cur++ {
			best, bestSet := inf, -1
			for to := setB; to <= setC; to++ {
				sw := 0
				if to != cur {
					sw = 1
				}
				var c int
				switch to {
				case setB:
					c = sw + 1 + cost[i+1][setB]
				case setC:
					if i+1 >= n || !isDigit(s[i]) || !isDigit(s[i+1]) {
						continue
					}
					c = sw + 1 + cost[i+2][setC]
				}
				// Ties prefer staying in the current set, then set B.
				if c < best || (c == best && to == cur) {
					best, bestSet = c, to
				}
			}
			cost[i][cur], next[i][cur] = best, bestSet
		}
	}
	start := setB
	if cost[0][setC] < cost[0][setB] {
		start = setC
	}
	vals := make([]int, 0, cost[0][start]+3)
	if start == setC {
		vals = append(vals, StartC)
	} else {
		vals = append(vals, StartB)
	}
	cur := start
	for i := 0; i < n; {
		to := next[i][cur]
		if to != cur {
			if to == setC {
				vals = append(vals, CodeC)
			} else {
				vals = append(vals, CodeB)
			}
			cur = to
		}
		if cur == setC {
			vals = append(vals, int(s[i]-'0')*10+int(s[i+1]-'0'))
			i += 2
		} else {
			vals = append(vals, int(s[i])-32)
			i++
		}
	}
	sum := vals[0]
	for i, v := range vals[1:] {
		sum += (i + 1) * v
	}
	vals = append(vals, sum%103, Stop)
	return vals, nil
}

// Modules returns the barcode of s as modules from left to right (true =
// bar), without the quiet zones.
func Modules(s string) ([]bool, error) {
	vals, err := Values(s)
	if err != nil {
		return nil, err
	}
	out := make([]bool, 0, 11*len(vals)+2)
	for _, v := range vals {
		for j, w := range patterns[v] {
			bar := j%2 == 0
			for range int(w - '0') {
				out = append(out, bar)
			}
		}
	}
	return out, nil
}
