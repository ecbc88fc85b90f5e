package desk

import "runtime"

var isWindows = runtime.GOOS == "windows"
