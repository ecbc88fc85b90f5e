#!/usr/bin/env bash
# GUI smoke test: build the desk app with the project's flag set, start it
# under Xvfb on a fresh MOTCUA_HOME, wait until its window is on screen,
# take a screenshot, check it is not blank, close the app with SIGTERM and
# require exit status 0. Any failure exits non-zero.
#
#   scripts/smoke-xvfb.sh [OUT.png]       (default: a temp file)
#
# Environment passed through to the app (e.g. MOTCUA_DEMO_SETUP=1,
# MOTCUA_DEMO_LOGIN=canbo.demo, MOTCUA_DEMO_SCREEN=catalog,
# MOTCUA_DEMO_QUERY="dang ky khai sinh") scripts what the screenshot shows;
# MOTCUA_SMOKE_HOME reuses a data folder instead of a fresh one.
# Needs: Xvfb, x11-utils (xwininfo), imagemagick (import, /usr/bin/convert).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out="$work/shot.png"

for tool in Xvfb xwininfo import /usr/bin/convert; do
  command -v "$tool" >/dev/null || { echo "smoke: $tool is missing (apt-get install xvfb x11-utils imagemagick)" >&2; exit 2; }
done

bin="$work/motcua"
go build -tags migrated_fynedo -o "$bin" ./cmd/motcua

# A free display number.
disp=""
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || { echo "smoke: no free X display" >&2; exit 1; }

Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
app=""
cleanup() {
  [ -n "$app" ] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 50); do xwininfo -display "$disp" -root >/dev/null 2>&1 && break; sleep 0.1; done

home=${MOTCUA_SMOKE_HOME:-$work/home}
mkdir -p "$home"
DISPLAY=$disp MOTCUA_HOME=$home MOTCUA_REPORT_SHOWN=1 LANG=${LANG:-en_US.UTF-8} \
  "$bin" >"$work/app.out" 2>"$work/app.err" &
app=$!

# Wait for the app to report its window and for X to list it.
shown=""
for _ in $(seq 1 150); do
  if ! kill -0 "$app" 2>/dev/null; then
    echo "smoke: the app exited early" >&2; cat "$work/app.err" >&2; exit 1
  fi
  if grep -q "window shown" "$work/app.err" && xwininfo -display "$disp" -root -tree | grep -q '"motcua'; then
    shown=1; break
  fi
  sleep 0.2
done
[ -n "$shown" ] || { echo "smoke: no window after 30 s" >&2; cat "$work/app.err" >&2; exit 1; }
sleep "${MOTCUA_SMOKE_SETTLE:-1.5}" # let the first frames draw

DISPLAY=$disp import -window root "$out"
# Not blank: the image must have many distinct colours and real contrast.
colors=$(/usr/bin/convert "$out" -format '%k' info:)
stddev=$(/usr/bin/convert "$out" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "smoke: screenshot $out: $colors colours, grey stddev $stddev"
if [ "$colors" -lt 16 ] || awk -v s="$stddev" 'BEGIN{exit !(s < 0.02)}'; then
  echo "smoke: the screenshot looks blank" >&2; exit 1
fi

kill -TERM "$app"
status=0
for _ in $(seq 1 50); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app" 2>/dev/null; then
  echo "smoke: the app did not exit within 5 s of SIGTERM" >&2; exit 1
fi
wait "$app" || status=$?
app=""
if [ "$status" -ne 0 ]; then
  echo "smoke: the app exited with status $status" >&2; cat "$work/app.err" >&2; exit 1
fi
echo "smoke: ok (window shown, screenshot not blank, clean exit)"
