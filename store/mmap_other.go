//go:build !linux

package store

// On other systems the kernel hints of mmap_linux.go are not applied:
// Windows trims a process's working set itself under memory pressure.
func (db *DB) adviseRandom()  {}
func (db *DB) releaseMapped() {}
