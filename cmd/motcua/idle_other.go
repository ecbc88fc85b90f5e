//go:build !windows

package main

import "time"

// systemIdle is not available outside Windows; the idle lock relies on the
// input the app sees itself.
func systemIdle() (time.Duration, bool) { return 0, false }
