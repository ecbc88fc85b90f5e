//go:build windows

package main

import (
	"syscall"
	"unsafe"
)

// messageBox shows a Windows message box (user32 MessageBoxW): it needs no
// OpenGL, so it works where the Fyne window cannot be created.
func messageBox(title, text string) {
	user32 := syscall.NewLazyDLL("user32.dll")
	proc := user32.NewProc("MessageBoxW")
	if proc.Find() != nil {
		return
	}
	t, err1 := syscall.UTF16PtrFromString(title)
	m, err2 := syscall.UTF16PtrFromString(text)
	if err1 != nil || err2 != nil {
		return
	}
	const mbOK, mbIconError, mbTopmost = 0x0, 0x10, 0x40000
	proc.Call(0, uintptr(unsafe.Pointer(m)), uintptr(unsafe.Pointer(t)), mbOK|mbIconError|mbTopmost)
}
