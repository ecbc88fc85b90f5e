package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestDefaultCatalogIsFresh regenerates the default catalog from
// ../shared/data and compares it with the committed
// assets/catalog/default.mcat byte for byte.
func TestDefaultCatalogIsFresh(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("repository root not found at %s", root)
	}
	data := filepath.Join(root, "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "catalog-raw")); err != nil {
		t.Skipf("real data not found at %s (CI provides ../shared/data)", data)
	}
	got, _, err := generate(data)
	if err != nil {
		t.Fatal(err)
	}
	again, _, err := generate(data)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Fatal("generate is not deterministic: two runs differ")
	}
	committed, err := os.ReadFile(filepath.Join(root, "assets", "catalog", "default.mcat"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(got, committed) {
		return
	}
	if bytes.Equal(gunzip(t, got), gunzip(t, committed)) {
		t.Fatal("assets/catalog/default.mcat has the same content but different gzip bytes (compress/flate changed?): " +
			"regenerate with `go run ./catalog/cmd/gencatalog -data ../shared/data -out assets/catalog/default.mcat`")
	}
	t.Fatal("assets/catalog/default.mcat is stale: regenerate with " +
		"`go run ./catalog/cmd/gencatalog -data ../shared/data -out assets/catalog/default.mcat`")
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRunUsage(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-nope"}, &stderr); code != 2 {
		t.Fatalf("run(-nope) = %d, want 2", code)
	}
	if code := run([]string{"-data", t.TempDir(), "-out", filepath.Join(t.TempDir(), "x")}, &stderr); code != 1 {
		t.Fatalf("run on an empty folder = %d, want 1 (%s)", code, stderr.String())
	}
}
