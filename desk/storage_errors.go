package desk

import (
	"errors"
	"io/fs"
	"strings"
	"syscall"
)

// StorageProblem classifies an error from the database or the file system
// so the UI can tell the clerk what to do in Vietnamese. It returns "" for
// other errors.
//
//	"disk-full"  no space left (or the file size limit reached)
//	"read-only"  the disk or file is read-only, or access is denied
//	"locked"     another motcua program holds the database (see store.ErrLocked)
func StorageProblem(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EFBIG), isWinErrno(err, 39, 112), mentions(err, syscall.ENOSPC, syscall.EFBIG):
		return "disk-full"
	case errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission), isWinErrno(err, 19, 5), mentions(err, syscall.EROFS):
		return "read-only"
	}
	return ""
}

// mentions catches errors that libraries format with %s instead of %w
// (bbolt's "file resize error: truncate …: file too large").
func mentions(err error, errnos ...syscall.Errno) bool {
	msg := err.Error()
	for _, e := range errnos {
		if strings.HasSuffix(msg, ": "+e.Error()) {
			return true
		}
	}
	return false
}

// isWinErrno matches Windows error numbers (ERROR_HANDLE_DISK_FULL 39,
// ERROR_DISK_FULL 112, ERROR_WRITE_PROTECT 19, ERROR_ACCESS_DENIED 5) on
// every platform, since a syscall.Errno carries the raw number.
func isWinErrno(err error, codes ...uintptr) bool {
	var e syscall.Errno
	if !errors.As(err, &e) || !isWindows {
		return false
	}
	for _, c := range codes {
		if uintptr(e) == c {
			return true
		}
	}
	return false
}
