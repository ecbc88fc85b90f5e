#!/usr/bin/env bash
# Builds motcua for Windows (amd64) into dist/windows/ (docs/windows.md):
#   motcua.exe                              desk app (cgo, mingw-w64, GUI subsystem)
#   motcuactl.exe                           admin CLI (pure Go)
#   motcua-setup-VERSION.exe                NSIS installer
#   motcua-VERSION-windows-amd64.zip        portable zip (both exes + README-windows.txt)
#   README-windows.txt, SHA256SUMS
# Icon, VERSIONINFO and manifest come from FyneApp.toml through
# packaging/winpack and mingw's windres (no `fyne package`: see
# docs/windows.md, "Why not fyne package"). The .syso files live in
# packaging/winpack/rsrc/* only while this script runs and are linked in
# through a build overlay, so cmd/ is never modified.
#
# Environment: MOTCUA_PUBLISHER (publisher in the version resource and in
# Add/Remove Programs; default the app name), WINDOWS_SKIP_INSTALLER=1
# (exes and zip only).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=dist/windows
TAGS=migrated_fynedo # the one tag set everywhere: the cgo GL build is cached per flag set
start=$(date +%s)
step() { printf '==> windows: %s (%ss)\n' "$*" $(( $(date +%s) - start )); }
die() { echo "windows.sh: $*" >&2; exit 1; }

for t in go x86_64-w64-mingw32-gcc x86_64-w64-mingw32-windres makensis; do
  command -v "$t" >/dev/null || die "$t not found: run scripts/deps.sh test (packages gcc-mingw-w64-x86-64, nsis)"
done
[ -f FyneApp.toml ] || die "FyneApp.toml not found at the repository root"

mkdir -p "$out"
# One build at a time: the resource packages are shared folders.
exec 9>"$out/.lock"
flock -w 900 9 || die "another scripts/windows.sh is still running"

tmp=$(mktemp -d)
rsrc=packaging/winpack/rsrc
cleanup() {
  rm -f "$rsrc"/desk/rsrc_windows_amd64.syso "$rsrc"/ctl/rsrc_windows_amd64.syso
  rm -rf "$tmp"
}
trap cleanup EXIT

step "resources from FyneApp.toml"
go build -o "$tmp/winpack" ./packaging/winpack
pub=${MOTCUA_PUBLISHER:-}
"$tmp/winpack" gen -toml FyneApp.toml -out "$tmp/res" -publisher "$pub"
# shellcheck disable=SC1091
. "$tmp/res/app.env"
for k in desk ctl; do
  (cd "$tmp/res" && x86_64-w64-mingw32-windres -c 65001 -O coff -o "$root/$rsrc/$k/rsrc_windows_amd64.syso" "$k.rc")
done
# The overlay adds one file to each main package importing its resource
# package (a .syso cannot itself be overlaid: the linker reads the real path).
cat >"$tmp/desk_rsrc.go" <<'EOF'
package main

import _ "motcua/packaging/winpack/rsrc/desk"
EOF
cat >"$tmp/ctl_rsrc.go" <<'EOF'
package main

import _ "motcua/packaging/winpack/rsrc/ctl"
EOF
cat >"$tmp/overlay.json" <<EOF
{"Replace": {
  "$root/cmd/motcua/zz_winpack_rsrc_windows.go": "$tmp/desk_rsrc.go",
  "$root/cmd/motcuactl/zz_winpack_rsrc_windows.go": "$tmp/ctl_rsrc.go"
}}
EOF

# Version into the binaries: cmd/motcua has `var version` (-X main.version).
ldflags="-s -w -X main.version=$APP_VERSION"

step "motcua.exe (cgo; the first build compiles the OpenGL bindings, ~5 min)"
GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
  go build -tags "$TAGS" -overlay "$tmp/overlay.json" -ldflags "-H=windowsgui $ldflags" \
  -o "$out/motcua.exe" ./cmd/motcua

step "motcuactl.exe"
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 \
  go build -overlay "$tmp/overlay.json" -ldflags "$ldflags" -o "$out/motcuactl.exe" ./cmd/motcuactl
rm -f "$rsrc"/desk/rsrc_windows_amd64.syso "$rsrc"/ctl/rsrc_windows_amd64.syso

step "check embedded icon, version and manifest"
"$tmp/winpack" check -toml "$tmp/res/FyneApp.toml" -publisher "$pub" -kind desk "$out/motcua.exe"
"$tmp/winpack" check -toml "$tmp/res/FyneApp.toml" -publisher "$pub" -kind ctl "$out/motcuactl.exe"
# Only Windows system DLLs (a single exe ships; no mingw runtime DLLs).
imports=$(x86_64-w64-mingw32-objdump -p "$out/motcua.exe" | sed -n 's/^\s*DLL Name: //p' | tr 'A-Z' 'a-z' | sort -u)
for dll in $imports; do
  case "$dll" in
    kernel32.dll|user32.dll|gdi32.dll|opengl32.dll|shell32.dll|advapi32.dll|ole32.dll|winmm.dll|ws2_32.dll|msvcrt.dll|imm32.dll|dwmapi.dll|shcore.dll|comdlg32.dll|winspool.drv|ntdll.dll|api-ms-win-*) ;;
    *) die "motcua.exe imports $dll, which Windows does not ship" ;;
  esac
done

step "README-windows.txt (UTF-8 with BOM, CRLF for Notepad)"
{ printf '\xef\xbb\xbf'; sed 's/\r$//; s/$/\r/' packaging/README-windows.txt; } >"$out/README-windows.txt"

zip="$out/$APP_NAME-$APP_VERSION-windows-amd64.zip"
step "portable zip"
rm -f "$out"/"$APP_NAME"-*-windows-amd64.zip
"$tmp/winpack" zip -o "$zip" "$out/motcua.exe" "$out/motcuactl.exe" "$out/README-windows.txt"

setup="$out/$APP_NAME-setup-$APP_VERSION.exe"
if [ "${WINDOWS_SKIP_INSTALLER:-}" != 1 ]; then
  step "installer (NSIS)"
  rm -f "$out"/"$APP_NAME"-setup-*.exe
  makensis -V2 -INPUTCHARSET UTF8 -DRES="$tmp/res" -DDIST="$root/$out" -DOUTFILE="$root/$setup" \
    packaging/motcua.nsi
  "$tmp/winpack" info "$setup" >"$tmp/setup.info"
  grep -qx "ProductVersion: $APP_VERSION" "$tmp/setup.info" && grep -qx "fixed file version: $APP_VERSION4" "$tmp/setup.info" &&
    grep -q '^icon .*: 16 .* 256$' "$tmp/setup.info" && grep -qx 'machine: 0x8664' "$tmp/setup.info" ||
    die "the installer lacks its version or icon: $(cat "$tmp/setup.info")"
fi

(cd "$out" && sha256sum -- *.exe *.zip >SHA256SUMS)
step "done: $APP_NAME $APP_VERSION (build $APP_BUILD)"
ls -l "$out"
