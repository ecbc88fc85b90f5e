//go:build !windows

package main

// messageBox: outside Windows the explanation goes to stderr only (a
// desktop without OpenGL has no other dependable way to show it).
func messageBox(title, text string) {}
