// Package icon embeds the desk app's icon (512×512 PNG: a white arched
// door, "một cửa", on a blue rounded square). gen.go draws it.
package icon

import _ "embed"

// PNG is the icon image.
//
//go:embed icon.png
var PNG []byte
