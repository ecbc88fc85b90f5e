//go:build linux

package store

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// bbolt reads the database through a read-only shared mapping of the file.
// Two kernel hints keep the desk app's resident memory near what it uses:
//
//   - MADV_RANDOM: index lookups touch scattered pages; without it every
//     page fault also reads ahead the neighbouring pages (hundreds of KB),
//     which on a 1M-dossier store turned a 10,000-record query into half a
//     gigabyte of resident pages. LMDB disables readahead the same way
//     (MDB_NORDAHEAD).
//   - MADV_DONTNEED after a scan that touched many records: the pages drop
//     out of the process's resident set but stay in the page cache, so the
//     next access is a cheap re-fault, not disk I/O. bbolt never writes
//     through the mapping, and pages a read transaction may still use are
//     never rewritten in place, so the contents seen after a re-fault are
//     the same.
//
// The mapping is found in /proc/self/maps by the file's path (bbolt remaps
// it when the file grows, so it is looked up each time).

// mappings returns the address ranges mapping the database file.
func (db *DB) mappings() [][2]uintptr {
	abs, err := filepath.Abs(db.path)
	if err != nil {
		return nil
	}
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return nil
	}
	defer f.Close()
	var out [][2]uintptr
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasSuffix(line, " "+abs) {
			continue
		}
		rng, _, _ := strings.Cut(line, " ")
		lo, hi, ok := strings.Cut(rng, "-")
		if !ok {
			continue
		}
		a, err1 := strconv.ParseUint(lo, 16, 64)
		b, err2 := strconv.ParseUint(hi, 16, 64)
		if err1 == nil && err2 == nil && b > a {
			out = append(out, [2]uintptr{uintptr(a), uintptr(b)})
		}
	}
	return out
}

func madvise(r [2]uintptr, advice int) {
	syscall.Syscall(syscall.SYS_MADVISE, r[0], r[1]-r[0], uintptr(advice))
}

// adviseRandom turns readahead off on the database mapping.
func (db *DB) adviseRandom() {
	for _, r := range db.mappings() {
		madvise(r, syscall.MADV_RANDOM)
	}
}

// releaseMapped drops the database pages from the process's resident set
// (they stay cached by the kernel) and re-applies MADV_RANDOM to a mapping
// bbolt may have replaced.
func (db *DB) releaseMapped() {
	for _, r := range db.mappings() {
		madvise(r, syscall.MADV_DONTNEED)
		madvise(r, syscall.MADV_RANDOM)
	}
}
