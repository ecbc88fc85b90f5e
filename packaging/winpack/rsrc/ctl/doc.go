// Package ctl carries the Windows resources of motcuactl.exe (icon,
// VERSIONINFO, manifest). scripts/windows.sh compiles them from
// FyneApp.toml into rsrc_windows_amd64.syso in this folder for the length of
// one build and links this package in through a build overlay, so
// cmd/motcuactl itself never changes. A normal build does not import it.
package ctl
