package forms

import (
	"fmt"
	"sync"

	qrcode "github.com/skip2/go-qrcode"

	"motcua/forms/code128"
)

// qrCache keeps the last QR matrices: a receipt draws its QR on both
// copies, and the preview, the PDF and the thermal slip of one receipt
// share it. Encoding (all eight masks scored) costs a few milliseconds.
var qrCache = struct {
	sync.Mutex
	keys []string
	m    map[string][][]bool
}{m: map[string][][]bool{}}

const qrCacheSize = 8

// qrMatrix returns the QR modules of data (error correction M), with the
// 4-module quiet zone, row by row (true = dark). The result is shared:
// callers must not modify it.
func qrMatrix(data string) ([][]bool, error) {
	qrCache.Lock()
	m, ok := qrCache.m[data]
	qrCache.Unlock()
	if ok {
		return m, nil
	}
	q, err := qrcode.New(data, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code: %w", err)
	}
	m = q.Bitmap()
	qrCache.Lock()
	if _, ok := qrCache.m[data]; !ok {
		if len(qrCache.keys) == qrCacheSize {
			delete(qrCache.m, qrCache.keys[0])
			qrCache.keys = qrCache.keys[1:]
		}
		qrCache.keys = append(qrCache.keys, data)
		qrCache.m[data] = m
	}
	qrCache.Unlock()
	return m, nil
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
