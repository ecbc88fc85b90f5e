package desk

import (
	"errors"
	"fmt"
	"io/fs"
	"syscall"
	"testing"
)

func TestStorageProblem(t *testing.T) {
	cases := map[error]string{
		nil:                                     "",
		fmt.Errorf("write: %w", syscall.ENOSPC): "disk-full",
		errors.New("file resize error: truncate /x/m.db: file too large"): "disk-full",
		&fs.PathError{Op: "open", Path: "m.db", Err: syscall.EROFS}:       "read-only",
		&fs.PathError{Op: "open", Path: "m.db", Err: fs.ErrPermission}:    "read-only",
		errors.New("something else"):                                      "",
	}
	for err, want := range cases {
		if got := StorageProblem(err); got != want {
			t.Errorf("StorageProblem(%v) = %q, want %q", err, got, want)
		}
	}
}
