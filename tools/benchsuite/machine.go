//go:build linux

package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
)

// Machine describes where the suite ran.
type Machine struct {
	CPU        string `json:"cpu"`
	Cores      int    `json:"cores"`
	RAM        string `json:"ram"`
	Disk       string `json:"disk"`
	OS         string `json:"os"`
	Go         string `json:"go"`
	LoadBefore string `json:"load_before"`
	LoadAfter  string `json:"load_after"`
}

// describeMachine reads the CPU, memory, disk (of the folder dir), OS and
// Go version; load averages are filled in by the caller.
func describeMachine(dir string) Machine {
	m := Machine{Cores: runtime.NumCPU(), Go: goVersion()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		m.CPU = cpuModel(string(b))
	}
	if m.CPU == "" {
		m.CPU = runtime.GOARCH
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if kb, ok := meminfo(string(b), "MemTotal"); ok {
			m.RAM = fmt.Sprintf("%.1f GiB", float64(kb)/(1<<20))
		}
	}
	m.Disk = diskOf(dir)
	m.OS = osName()
	return m
}

// cpuModel returns "model name" from /proc/cpuinfo (or "Hardware"/"cpu
// model" on other architectures).
func cpuModel(cpuinfo string) string {
	for _, key := range []string{"model name", "Hardware", "cpu model", "Model"} {
		for _, line := range strings.Split(cpuinfo, "\n") {
			k, v, ok := strings.Cut(line, ":")
			if ok && strings.TrimSpace(k) == key {
				if v = strings.TrimSpace(v); v != "" {
					return v
				}
			}
		}
	}
	return ""
}

// meminfo returns a /proc/meminfo value in kB.
func meminfo(s, key string) (int64, bool) {
	for _, line := range strings.Split(s, "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok || k != key {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			return 0, false
		}
		n, err := strconv.ParseInt(f[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}

// loadAvg returns /proc/loadavg's three averages ("1.02 0.87 0.80").
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// diskOf describes the file system holding dir: device, type, whether it
// spins, size and free space.
func diskOf(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "unknown"
	}
	dev, fstype, mnt := mountOf(abs)
	var st syscall.Statfs_t
	size := ""
	if err := syscall.Statfs(abs, &st); err == nil {
		total := float64(st.Blocks) * float64(st.Bsize)
		free := float64(st.Bavail) * float64(st.Bsize)
		size = fmt.Sprintf(", %.0f GiB, %.0f GiB free", total/(1<<30), free/(1<<30))
	}
	kind := ""
	if dev != "" {
		base := filepath.Base(dev)
		// A partition's queue lives on its parent device.
		for _, d := range []string{base, strings.TrimRight(base, "0123456789"), strings.TrimSuffix(strings.TrimRight(base, "0123456789"), "p")} {
			if b, err := os.ReadFile("/sys/block/" + d + "/queue/rotational"); err == nil {
				if strings.TrimSpace(string(b)) == "1" {
					kind = " (rotational as reported by the kernel; virtual disks often report 1)"
				} else {
					kind = " (non-rotational)"
				}
				break
			}
		}
	}
	if dev == "" {
		return "unknown" + size
	}
	return fmt.Sprintf("%s %s on %s%s%s", dev, fstype, mnt, kind, size)
}

// mountOf finds the mount holding path in /proc/mounts (longest prefix).
func mountOf(path string) (dev, fstype, mnt string) {
	f, err := os.Open("/proc/mounts")
	if err != nil {
		return "", "", ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 3 {
			continue
		}
		p := fs[1]
		if (path == p || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/")) && len(p) >= len(mnt) {
			dev, mnt, fstype = fs[0], p, fs[2]
		}
	}
	return dev, fstype, mnt
}

func osName() string {
	name := runtime.GOOS
	if b, err := os.ReadFile("/etc/os-release"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if v, ok := strings.CutPrefix(line, "PRETTY_NAME="); ok {
				name = strings.Trim(v, `"`)
			}
		}
	}
	var u syscall.Utsname
	if err := syscall.Uname(&u); err == nil {
		name += ", kernel " + utsString(u.Release[:])
	}
	return name
}

func utsString[T int8 | uint8](b []T) string {
	var s strings.Builder
	for _, c := range b {
		if c == 0 {
			break
		}
		s.WriteByte(byte(c))
	}
	return s.String()
}

// goVersion is the toolchain `go` on PATH (what builds the app and the
// tools); the suite's own runtime.Version() is the same under go run.
func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}
