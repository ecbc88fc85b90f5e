package forms

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"

	"motcua/forms/code128"
)

// qrMatrix returns the QR modules of data (error correction M), with the
// 4-module quiet zone, row by row (true = dark).
func qrMatrix(data string) ([][]bool, error) {
	q, err := qrcode.New(data, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	return q.Bitmap(), nil
}

// barModules returns the Code 128 modules of data with the quiet zones
// (true = bar).
func barModules(data string) ([]bool, error) {
	m, err := code128.Modules(data)
	if err != nil {
		return nil, err
	}
	out := make([]bool, code128.QuietZone, len(m)+2*code128.QuietZone)
	out = append(out, m...)
	return append(out, make([]bool, code128.QuietZone)...), nil
}

// runs calls fn for each run of true values: start index and length.
func runs(row []bool, fn func(start, n int)) {
	for i := 0; i < len(row); {
		if !row[i] {
			i++
			continue
		}
		j := i
		for j < len(row) && row[j] {
			j++
		}
		fn(i, j-i)
		i = j
	}
}
