//go:build windows

package main

import (
	"syscall"
	"time"
	"unsafe"
)

// systemIdle returns the time since the last keyboard or mouse input to
// the Windows session (user32 GetLastInputInfo), so that mouse work in the
// app keeps the idle lock away.
func systemIdle() (time.Duration, bool) {
	user32 := syscall.NewLazyDLL("user32.dll")
	kernel32 := syscall.NewLazyDLL("kernel32.dll")
	getLast := user32.NewProc("GetLastInputInfo")
	getTick := kernel32.NewProc("GetTickCount")
	if getLast.Find() != nil || getTick.Find() != nil {
		return 0, false
	}
	info := struct {
		size uint32
		time uint32
	}{size: 8}
	if r, _, _ := getLast.Call(uintptr(unsafe.Pointer(&info))); r == 0 {
		return 0, false
	}
	now, _, _ := getTick.Call()
	return time.Duration(uint32(now)-info.time) * time.Millisecond, true
}
