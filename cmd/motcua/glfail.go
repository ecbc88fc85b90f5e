package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Fyne draws with OpenGL 2.1 through GLFW. Remote Desktop sessions,
// virtual machines without 3D acceleration and old graphics drivers do not
// offer it (fyne#409, #2046, #4564; ../shared/docs/platform.md). Fyne then
// logs "window creation error" (and quits or exits), or GLFW panics; the
// clerk would see nothing. glWatcher reads Fyne's log, and run() recovers
// the panic, to explain the problem instead.

var glFailures = []string{
	"window creation error",
	"failed to initialise GLFW",
	"does not appear to support OpenGL",
	"VersionUnavailable",
	"APIUnavailable",
	"The GLFW library is not initialized",
	"NotInitialized",
	"Failed to open display",
	"failed to open display",
	"WGL:", // Windows context creation: "PlatformError: WGL: Failed to set pixel format …"
}

// isGLFailure reports whether a log line or panic is about the window or
// its OpenGL context.
func isGLFailure(s string) bool {
	for _, f := range glFailures {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}

// glWatcher is a log writer that explains GL failures as they are logged
// (before Fyne may exit the process).
type glWatcher struct{}

func (glWatcher) Write(p []byte) (int, error) {
	if s := string(p); isGLFailure(s) {
		explainGLFailure(s)
	}
	return len(p), nil
}

var (
	glOnce sync.Once
	glSeen atomic.Bool
)

func glFailed() bool { return glSeen.Load() }

const glMessageVI = `motcua không mở được cửa sổ: máy tính này chưa cung cấp OpenGL 2.1 cho chương trình.

Thường gặp khi:
• chạy qua Remote Desktop (máy tính từ xa);
• chạy trong máy ảo chưa bật tăng tốc đồ họa 3D;
• card đồ họa cũ hoặc chưa cài trình điều khiển (driver) của hãng.

Cách khắc phục: chạy motcua trực tiếp trên máy tính của quầy; cài trình điều khiển card đồ họa mới nhất của hãng (Intel, AMD, NVIDIA); với máy ảo, bật tăng tốc 3D. Nếu vẫn không được, báo bộ phận CNTT.`

const glMessageEN = `motcua could not open its window: this computer does not provide OpenGL 2.1 (Remote Desktop, a virtual machine without 3D acceleration, or an old graphics driver). Run motcua on the counter PC itself, install the vendor's graphics driver, or enable 3D acceleration in the virtual machine.`

// explainGLFailure tells the user, once: on stderr, and on Windows in a
// message box.
func explainGLFailure(detail string) {
	glSeen.Store(true)
	glOnce.Do(func() {
		detail = strings.TrimSpace(detail)
		fmt.Fprintf(os.Stderr, "\n%s\n\n%s\n\nChi tiết / detail: %s\n", glMessageVI, glMessageEN, detail)
		messageBox("motcua", glMessageVI+"\n\nChi tiết: "+detail)
		// Without a window there is nothing left to run, and GLFW may
		// neither return nor panic: end the process once the message was
		// read (committed data is safe; the OS releases the file lock).
		os.Exit(3)
	})
}
