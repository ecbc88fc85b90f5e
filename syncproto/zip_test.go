package syncproto

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"
)

// rewriteEntry returns a copy of a zip file with one entry's content
// changed.
func rewriteEntry(t *testing.T, data []byte, name string, f func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var es []zipEntry
	for _, zf := range zr.File {
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if zf.Name == name {
			b = f(b)
		}
		es = append(es, zipEntry{zf.Name, b})
	}
	var out bytes.Buffer
	if err := writeZip(&out, time.Unix(0, 0), es); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
