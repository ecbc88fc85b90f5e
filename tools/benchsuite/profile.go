//go:build linux

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"
)

// profile runs op repeatedly for at least d (and at least once) under the
// CPU profiler, writes profiles/NAME.pprof and returns the evidence: the
// functions of this module with the largest cumulative share, and the
// largest flat entries.
func (s *suite) profile(ctx context.Context, name string, d time.Duration, op func() error) (string, error) {
	path := filepath.Join(s.profiles, name+".pprof")
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return "", err
	}
	t0 := time.Now()
	runs := 0
	for runs == 0 || time.Since(t0) < d {
		if err := ctx.Err(); err != nil {
			break
		}
		if err := op(); err != nil {
			pprof.StopCPUProfile()
			f.Close()
			return "", err
		}
		runs++
	}
	pprof.StopCPUProfile()
	if err := f.Close(); err != nil {
		return "", err
	}
	top, err := pprofTop(ctx, path)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("CPU profile of %d runs (%s), %s:\n%s", runs, time.Since(t0).Round(time.Millisecond), path, top), nil
}

// profileDiff profiles op on each of two inputs for d and summarises the
// difference (go tool pprof -diff_base): where the second spends more.
func (s *suite) profileDiff(ctx context.Context, name string, d time.Duration, base, other func() error) (string, error) {
	paths := [2]string{filepath.Join(s.profiles, name+"-base.pprof"), filepath.Join(s.profiles, name+".pprof")}
	for i, op := range []func() error{base, other} {
		f, err := os.Create(paths[i])
		if err != nil {
			return "", err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return "", err
		}
		t0 := time.Now()
		for runs := 0; runs == 0 || time.Since(t0) < d; runs++ {
			if ctx.Err() != nil {
				break
			}
			if err := op(); err != nil {
				pprof.StopCPUProfile()
				f.Close()
				return "", err
			}
		}
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			return "", err
		}
	}
	cum, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=80", "-diff_base", paths[0], paths[1]).Output()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w", err)
	}
	flat, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=8", "-diff_base", paths[0], paths[1]).Output()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w", err)
	}
	return fmt.Sprintf("CPU profile difference, %s minus %s (same duration each; negative = less):\n%s", paths[1], paths[0], summarizeTop(string(cum), string(flat), 12)), nil
}

// pprofTop summarises a CPU profile with `go tool pprof`: the module's own
// functions by cumulative time (where the time goes in our code), then
// the flat top (what the machine executes).
func pprofTop(ctx context.Context, path string) (string, error) {
	cum, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-cum", "-nodecount=60", path).Output()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w", err)
	}
	flat, err := exec.CommandContext(ctx, "go", "tool", "pprof", "-top", "-nodecount=8", path).Output()
	if err != nil {
		return "", fmt.Errorf("go tool pprof: %w", err)
	}
	return summarizeTop(string(cum), string(flat), 12), nil
}

// summarizeTop keeps the header of the flat listing ("Duration: …, Total
// samples = …"), up to n module lines (motcua/…) of the cumulative listing
// and the flat table.
func summarizeTop(cum, flat string, n int) string {
	var b strings.Builder
	var head []string
	var flatRows []string
	inTable := false
	for _, l := range strings.Split(flat, "\n") {
		switch {
		case strings.HasPrefix(strings.TrimSpace(l), "flat "):
			inTable = true
			flatRows = append(flatRows, l)
		case inTable && strings.TrimSpace(l) != "":
			flatRows = append(flatRows, l)
		case !inTable && (strings.HasPrefix(l, "Duration:") || strings.HasPrefix(l, "Showing nodes")):
			head = append(head, l)
		}
	}
	for _, h := range head {
		if strings.HasPrefix(h, "Duration:") {
			b.WriteString(h + "\n")
		}
	}
	b.WriteString("our code by cumulative time (flat, flat%, sum%, cum, cum%):\n")
	k := 0
	for _, l := range strings.Split(cum, "\n") {
		if k >= n {
			break
		}
		if strings.Contains(l, " motcua/") {
			b.WriteString(l + "\n")
			k++
		}
	}
	if k == 0 {
		b.WriteString("  (no function of this module in the profile)\n")
	}
	b.WriteString("flat top:\n")
	for _, l := range flatRows {
		b.WriteString(l + "\n")
	}
	return b.String()
}
