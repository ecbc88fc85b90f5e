#!/usr/bin/env bash
# Smoke run of the Windows build under Wine (docs/windows.md, "Tested under
# Wine"). Uses the artefacts of scripts/windows.sh in dist/windows/:
#
#   1. a throw-away win64 prefix (Windows 10 mode) with the test-only
#      bcryptprimitives.dll shim (packaging/wine/) that Go >= 1.22 needs on
#      Debian 12's wine 8.0 (../shared/docs/platform.md);
#   2. motcuactl.exe: --help, gen --dossiers 2000, check, catalog search
#      "dang ky khai sinh" (1.001193 first), on a database in the prefix;
#   3. printing with forms' Windows printer into two Wine test printers
#      (packaging/wine/printcheck, test-a4.ppd): form 01 through GDI (A4
#      PostScript with the embedded Noto Serif), the receipt as raw ESC/POS
#      (byte for byte);
#   4. the installer, silently (/S): files, Start-menu and desktop shortcuts,
#      the Add/Remove Programs entry (version, publisher);
#   5. user data in %AppData%\motcua made by the installed motcuactl;
#   6. the installed motcua.exe under Xvfb (demo desk): its window appears,
#      a screenshot goes to dist/windows/wine-screenshot.png and must not be
#      blank; an upgrade while it runs is refused (exit 2); WM_CLOSE ends it
#      with exit 0;
#   7. upgrade in place (/S, then /S /NODESKTOP), then silent uninstall: programs,
#      shortcuts and registry entry gone, %AppData%\motcua byte-identical and
#      still passing `motcuactl check`;
#   8. with WINE_SMOKE_GLFAIL=1 also: motcua.exe on an X server without GLX
#      must show its "no OpenGL 2.1" message box (dist/windows/wine-glfail.png);
#   9. with WINE_SMOKE_TESTS="forms vntext ..." also: those packages' tests,
#      compiled for Windows, run under Wine (docs/windows.md lists which pass:
#      Go 1.26's os.RemoveAll fails under wine 8, so t.TempDir tests fail there).
#
# Every wine call is time-bound; all wine processes of the prefix are killed
# at the end (wineserver -k); exit 1 with a message naming the failed check.
# Needs: wine (wine64), xvfb, x11-utils, imagemagick, gcc-mingw-w64-x86-64.
# WINE_SMOKE_KEEP=1 keeps the prefix and logs (path printed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dist=$root/dist/windows
start=$(date +%s)
step() { printf '==> wine: %s (%ss)\n' "$*" $(( $(date +%s) - start )); }
die() { echo "wine-smoke: FAILED: $*" >&2; exit 1; }

WINE=""
for w in /usr/lib/wine/wine64 wine64 wine; do
  if command -v "$w" >/dev/null; then WINE=$(command -v "$w"); break; fi
done
[ -n "$WINE" ] || die "wine is not installed (scripts/deps.sh test installs wine, wine64)"
for t in wineserver Xvfb xwininfo import /usr/bin/convert x86_64-w64-mingw32-gcc timeout sha256sum; do
  command -v "$t" >/dev/null || die "$t is missing (scripts/deps.sh test)"
done
setup=$(ls "$dist"/*-setup-*.exe 2>/dev/null | head -1 || true)
for f in motcua.exe motcuactl.exe; do
  [ -f "$dist/$f" ] || die "$dist/$f not found: run scripts/windows.sh first"
done
[ -n "$setup" ] || die "no installer in $dist: run scripts/windows.sh first"
version=${setup##*-setup-}
version=${version%.exe}

work=$(mktemp -d /tmp/motcua-wine.XXXXXX)
export WINEPREFIX=$work/prefix WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko install prompts; no menu entries or icons on the host.
export WINEDLLOVERRIDES="mscoree,mshtml=,winemenubuilder.exe=d"
# Wine writes desktop integration under $HOME: keep it in the work folder
# (go keeps the real one: its cache and settings live there).
orig_home=${HOME:-} orig_xdg_config=${XDG_CONFIG_HOME:-} orig_xdg_data=${XDG_DATA_HOME:-}
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export LANG=${LANG:-en_US.UTF-8}
mkdir -p "$HOME"
xvfb_pids=()
cleanup() {
  local rc=$?
  timeout 20 wineserver -k 2>/dev/null || true
  timeout 20 wineserver -w 2>/dev/null || true
  for p in "${xvfb_pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ "${WINE_SMOKE_KEEP:-}" = 1 ] || [ $rc -ne 0 ]; then
    [ "${WINE_SMOKE_KEEP:-}" = 1 ] || rm -rf "$work/prefix"
    echo "wine-smoke: logs kept in $work (the prefix too with WINE_SMOKE_KEEP=1)" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# w SECONDS ARGS...: one wine call, killed after SECONDS.
w() { local t=$1; shift; timeout -k 5 "$t" "$WINE" "$@"; }
unixpath() { w 30 winepath -u "$1" 2>/dev/null | tr -d '\r'; }

# xvfb [ARGS]: starts an X server on a free display; sets DISPLAY.
xvfb() {
  local fifo=$work/display.$RANDOM
  Xvfb -displayfd 3 -nolisten tcp -screen 0 1366x768x24 "$@" 3>"$fifo" 2>>"$work/xvfb.log" &
  xvfb_pids+=($!)
  for _ in $(seq 50); do [ -s "$fifo" ] && break; sleep 0.1; done
  [ -s "$fifo" ] || die "Xvfb did not start (see $work/xvfb.log)"
  export DISPLAY=:$(head -1 "$fifo")
}

# window_up TIMEOUT ERRFILE: waits for a top-level window titled "motcua…".
# main_window: the app's top-level window line from xwininfo: class
# "motcua.exe" and a real size (GLFW's hidden message window has the same
# class and is 106x2). Matched by class because the title ("motcua — office
# name") is not ASCII: without a UTF-8 locale xwininfo prints "(failure in
# conversion from UTF8_STRING …)" instead of it.
main_window() {
  xwininfo -root -tree 2>/dev/null | grep -E '\("motcua(\.exe)?" "[^"]*"\) +[0-9]{3,}x[0-9]{3,}' | grep -v 'GLFW message window' | head -1
}

window_up() {
  local end=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ -n "$(main_window)" ]; then return 0; fi
    sleep 0.5
  done
  return 1
}

# not_blank PNG: the picture has real content (colours and contrast).
not_blank() {
  local colours sd
  colours=$(/usr/bin/convert "$1" -format '%k' info:)
  sd=$(/usr/bin/convert "$1" -format '%[fx:int(1000*standard_deviation)]' info:)
  echo "    $(basename "$1"): $colours colours, contrast $sd/1000"
  [ "$colours" -ge 32 ] && [ "$sd" -ge 20 ]
}

step "wine prefix (first start of wine on this machine takes longest)"
t0=$(date +%s)
xvfb # wineboot may draw a progress window
w 600 wineboot --init >"$work/wineboot.log" 2>&1 || die "wineboot failed (see $work/wineboot.log)"
# Debian's wine 8.0 makes Windows 7 prefixes; the app and installer need 10.
w 120 winecfg -v win10 >/dev/null 2>&1 || die "winecfg -v win10 failed"
w 60 cmd /c ver | tr -d '\r' | grep -q 'Version 10\.\|10\.0\.' || die "the prefix does not report Windows 10"
sys32=$WINEPREFIX/drive_c/windows/system32
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$sys32/bcryptprimitives.dll" \
  packaging/wine/bcryptprimitives.c packaging/wine/bcryptprimitives.def -ladvapi32
echo "    prefix ready in $(( $(date +%s) - t0 ))s"

step "motcuactl.exe --help"
w 60 "$dist/motcuactl.exe" --help >"$work/help.out" 2>&1 || die "motcuactl.exe --help exited $? (see $work/help.out)"
grep -q '^usage: motcuactl' "$work/help.out" || die "motcuactl.exe --help printed no usage: $(head -3 "$work/help.out")"

db='C:\users\Public\motcua-smoke\motcua.db'
step "motcuactl.exe gen --dossiers 2000 (db $db)"
w 300 "$dist/motcuactl.exe" --db "$db" gen --dossiers 2000 >"$work/gen.out" 2>&1 ||
  die "gen exited $?: $(tail -3 "$work/gen.out")"
grep -q '^generated 2000 dossiers' "$work/gen.out" || die "gen: $(tail -3 "$work/gen.out")"

step "motcuactl.exe check"
w 300 "$dist/motcuactl.exe" --db "$db" check >"$work/check.out" 2>&1 || die "check exited $?: $(tail -5 "$work/check.out")"
grep -q '^dossiers: 2000,' "$work/check.out" && grep -q '^OK' "$work/check.out" ||
  die "check: $(cat "$work/check.out")"

step "motcuactl.exe catalog search \"dang ky khai sinh\""
w 120 "$dist/motcuactl.exe" --db "$db" catalog search "dang ky khai sinh" >"$work/search.out" 2>"$work/search.err" ||
  die "catalog search exited $?: $(tail -3 "$work/search.err")"
first=$(head -1 "$work/search.out" | tr -d '\r')
case "$first" in
  1.001193$'\t'*) echo "    $first" ;;
  *) die "catalog search: first hit is \"$first\", want 1.001193 (Thủ tục đăng ký khai sinh)" ;;
esac

step "printing through the Windows spooler: A4 form by GDI, receipt as raw ESC/POS"
# packaging/wine/printcheck (test-only) adds two printers on Wine's PostScript
# driver that print into files, then prints the golden form 01 with
# forms.NewPrinter("") (the default printer) and the golden thermal receipt
# with PrintRaw.
golden=forms/testdata/golden
[ -f "$golden/tt03-2025-01.json" ] && [ -f "$golden/thermal-receipt.png" ] ||
  die "$golden/tt03-2025-01.json or thermal-receipt.png missing (forms golden files)"
gowin() { HOME=$orig_home XDG_CONFIG_HOME=$orig_xdg_config XDG_DATA_HOME=$orig_xdg_data GOOS=windows GOARCH=amd64 CGO_ENABLED=0 go "$@"; }
gowin vet ./packaging/wine/printcheck && gowin build -o "$work/printcheck.exe" ./packaging/wine/printcheck ||
  die "cannot build packaging/wine/printcheck"
mkdir -p "$work/spool"
cp packaging/wine/test-a4.ppd "$sys32/spool/drivers/x64/3/"
w 60 "$work/printcheck.exe" setup -ppd test-a4.ppd -port "$work/spool/a4.ps" -rawport "$work/spool/receipt.bin" \
  >"$work/print.out" 2>&1 || die "printer set-up under Wine: $(cat "$work/print.out")"
w 120 "$work/printcheck.exe" print -doc "$(w 30 winepath -w "$root/$golden/tt03-2025-01.json" | tr -d '\r')" \
  -thermal "$(w 30 winepath -w "$root/$golden/thermal-receipt.png" | tr -d '\r')" \
  -rawout "$(w 30 winepath -w "$work/expected.bin" | tr -d '\r')" >>"$work/print.out" 2>&1 ||
  die "printing: $(tail -3 "$work/print.out")"
sed 's/^/    /' "$work/print.out"
for _ in $(seq 20); do [ -s "$work/spool/receipt.bin" ] && grep -aq '^%%Pages: [0-9]' "$work/spool/a4.ps" 2>/dev/null && break; sleep 0.5; done
cmp -s "$work/spool/receipt.bin" "$work/expected.bin" || die "the raw receipt job reached the printer changed"
pages=$(sed -n 's/.*(\([0-9]*\) page(s)).*/\1/p' "$work/print.out")
ps=$work/spool/a4.ps
grep -aq "^%%Pages: $pages\$" "$ps" || die "the A4 job has $(grep -a '^%%Pages: [0-9]' "$ps"), want $pages pages"
grep -aq 'PageSize\[595 842\]' "$ps" || die "the A4 job is not on A4 paper"
grep -aq '/FontName /NotoSerif-Regular' "$ps" && grep -aq '/FontName /NotoSerif-Bold' "$ps" ||
  die "the A4 job does not use the embedded Noto Serif"
grep -aq 'imagemask' "$ps" || die "the A4 job has no bitmap (QR code, barcode)"
echo "    A4 job: $pages page(s), A4, Noto Serif (Type 42), $(grep -ac imagemask "$ps") bitmaps; raw job: $(stat -c %s "$work/spool/receipt.bin") bytes, identical"

if [ -n "${WINE_SMOKE_TESTS:-}" ]; then
  for p in $WINE_SMOKE_TESTS; do
    step "go test ./$p, compiled for Windows, under Wine"
    exe=$work/$(echo "$p" | tr / _).test.exe
    HOME=$orig_home XDG_CONFIG_HOME=$orig_xdg_config XDG_DATA_HOME=$orig_xdg_data GOOS=windows GOARCH=amd64 CGO_ENABLED=0 \
      go test -c -o "$exe" "./$p" || die "go test -c ./$p for windows failed"
    (cd "$p" && w 600 "$exe" -test.count=1 >"$work/test-$(basename "$exe").out" 2>&1) ||
      die "go test ./$p under Wine: $(grep -A3 -- '--- FAIL' "$work/test-$(basename "$exe").out" | head -20)"
    tail -1 "$work/test-$(basename "$exe").out"
  done
fi

step "install: $(basename "$setup") /S"
w 300 "$setup" /S || die "the installer exited $?"
pf=$WINEPREFIX/drive_c/Program\ Files/motcua
for f in motcua.exe motcuactl.exe README-windows.txt uninstall.exe; do
  [ -f "$pf/$f" ] || die "installed $f missing from Program Files\\motcua"
done
cmp -s "$pf/motcua.exe" "$dist/motcua.exe" || die "installed motcua.exe differs from dist/windows/motcua.exe"
startmenu="$WINEPREFIX/drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs/motcua.lnk"
desktop="$WINEPREFIX/drive_c/users/Public/Desktop/motcua.lnk"
[ -f "$startmenu" ] || die "no Start-menu shortcut"
[ -f "$desktop" ] || die "no desktop shortcut"
key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall\motcua'
w 60 reg query "$key" >"$work/reg.out" 2>&1 || die "no Add/Remove Programs entry ($key)"
tr -d '\r' <"$work/reg.out" | sed -n 's/^ *\(DisplayVersion\|Publisher\|UninstallString\|InstallLocation\) *REG_SZ */    \1: /p'
grep -q "DisplayVersion *REG_SZ *$version" "$work/reg.out" || die "DisplayVersion is not $version"
grep -q 'Publisher *REG_SZ *.' "$work/reg.out" || die "no Publisher in the uninstall entry"
grep -q 'QuietUninstallString *REG_SZ' "$work/reg.out" || die "no QuietUninstallString"

step "user data in %AppData%\\motcua (installed motcuactl, default database)"
appdata=$(w 30 cmd /c echo %APPDATA% | tr -d '\r')
userdata=$(unixpath "$appdata\\motcua")
[ -n "$userdata" ] || die "cannot map %APPDATA% ($appdata) to a host path"
w 300 "$pf/motcuactl.exe" gen --dossiers 50 >"$work/gen2.out" 2>&1 || die "installed motcuactl gen: $(tail -3 "$work/gen2.out")"
[ -f "$userdata/motcua.db" ] && [ -f "$userdata/motcua.db.key" ] || die "no database and key file in $appdata\\motcua"
(cd "$userdata" && find . -type f | sort | xargs -d '\n' sha256sum) >"$work/userdata.sha256"
echo "    $appdata\\motcua: $(wc -l <"$work/userdata.sha256") files"

step "motcua.exe (installed) under Xvfb, demo desk"
gui_home='C:\users\Public\motcua-gui'
t0=$(date +%s)
MOTCUA_HOME=$gui_home MOTCUA_DEMO_SETUP=1 MOTCUA_DEMO_LOGIN=canbo.demo MOTCUA_DEMO_SCREEN=catalog \
  MOTCUA_DEMO_QUERY="dang ky khai sinh" MOTCUA_REPORT_SHOWN=1 \
  timeout -k 5 300 "$WINE" "$pf/motcua.exe" >"$work/gui.out" 2>"$work/gui.err" &
gui=$!
window_up 240 || die "no motcua window within 240 s on $DISPLAY: $(tail -5 "$work/gui.err"); windows: $(xwininfo -root -tree 2>&1 | head -12)"
# "window shown" comes after the first frame; then let the catalog search run.
for _ in $(seq 40); do grep -q 'window shown' "$work/gui.err" && break; sleep 0.5; done
grep -q 'window shown' "$work/gui.err" || die "the app never reported its first frame: $(tail -5 "$work/gui.err")"
echo "    window after $(( $(date +%s) - t0 ))s: $(main_window | sed 's/^ *//')"
sleep 3
import -window root "$dist/wine-screenshot.png"
not_blank "$dist/wine-screenshot.png" || die "the screenshot is blank ($dist/wine-screenshot.png)"

step "upgrade while motcua runs is refused"
set +e
w 120 "$setup" /S
rc=$?
set -e
[ $rc -eq 2 ] || die "installer exit $rc while motcua.exe runs, want 2 (aborted)"
kill -0 $gui 2>/dev/null || die "motcua exited during the refused upgrade"

step "close the window (WM_CLOSE)"
w 30 taskkill /IM motcua.exe >/dev/null || die "taskkill failed"
set +e
wait $gui
rc=$?
set -e
[ $rc -eq 0 ] || die "motcua.exe exited $rc after WM_CLOSE, want 0: $(tail -5 "$work/gui.err")"

step "upgrade in place (/S again)"
w 300 "$setup" /S || die "the upgrade exited $?"
[ -f "$desktop" ] || die "the upgrade lost the desktop shortcut"
w 60 reg query "$key" /v DisplayVersion >/dev/null 2>&1 || die "the upgrade lost the uninstall entry"
[ "$(find "$WINEPREFIX/drive_c/Program Files" -maxdepth 1 -iname 'motcua*' | wc -l)" -eq 1 ] ||
  die "the upgrade made a second install folder"

step "upgrade with /NODESKTOP removes the desktop shortcut only"
w 300 "$setup" /S /NODESKTOP || die "the /NODESKTOP upgrade exited $?"
[ ! -e "$desktop" ] || die "/NODESKTOP left the desktop shortcut"
[ -f "$startmenu" ] || die "/NODESKTOP removed the Start-menu shortcut"

step "uninstall /S"
w 120 "$pf/uninstall.exe" /S || die "the uninstaller exited $?"
# The uninstaller re-runs itself from %TEMP% and returns at once: wait.
for _ in $(seq 120); do [ -e "$pf" ] || break; sleep 0.5; done
[ ! -e "$pf" ] || die "Program Files\\motcua still there: $(ls "$pf")"
[ ! -e "$startmenu" ] && [ ! -e "$desktop" ] || die "shortcuts left after uninstall"
if w 60 reg query "$key" >/dev/null 2>&1; then die "uninstall entry left in the registry"; fi
(cd "$userdata" && sha256sum --quiet -c "$work/userdata.sha256") || die "the user data folder changed"
[ "$(find "$userdata" -type f | wc -l)" -eq "$(wc -l <"$work/userdata.sha256")" ] || die "files appeared in the user data folder"
w 300 "$dist/motcuactl.exe" check >"$work/check2.out" 2>&1 || die "check of the kept user data: $(tail -3 "$work/check2.out")"
echo "    %AppData%\\motcua kept: $(head -1 "$work/check2.out" | tr -d '\r')"

if [ "${WINE_SMOKE_GLFAIL:-}" = 1 ]; then
  step "no OpenGL (X server without GLX): the app explains"
  xvfb -extension GLX
  MOTCUA_HOME=$gui_home timeout -k 5 120 "$WINE" "$dist/motcua.exe" >"$work/gl.out" 2>"$work/gl.err" &
  gl=$!
  for _ in $(seq 120); do grep -q 'OpenGL 2.1' "$work/gl.err" && break; sleep 0.5; done
  grep -q 'OpenGL 2.1' "$work/gl.err" || die "no OpenGL message on stderr: $(tail -3 "$work/gl.err")"
  window_up 30 || die "no message box on screen"
  sleep 1
  import -window root "$dist/wine-glfail.png"
  not_blank "$dist/wine-glfail.png" || die "the message box screenshot is blank"
  w 30 taskkill /F /IM motcua.exe >/dev/null 2>&1 || true
  wait $gl 2>/dev/null || true
fi

step "all Windows smoke checks passed"
