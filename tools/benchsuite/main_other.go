//go:build !linux

// Command benchsuite is the performance suite (docs/bench.md). It measures
// the desk app under Xvfb and reads /proc, so it runs on Linux only.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "benchsuite runs on Linux only (Xvfb, /proc); see docs/bench.md")
	os.Exit(2)
}
