#!/usr/bin/env bash
# Screenshots of the intake and dossier screens under Xvfb (developer tool):
#   cmd/motcua-uidemo/shots.sh OUTDIR [STATE...]
# builds motcua-uidemo, runs it for each state on a private X display,
# waits until the script printed "ready", and takes the screen with
# ImageMagick's import. Needs Xvfb and imagemagick.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: shots.sh OUTDIR [STATE...]}
shift
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -tags migrated_fynedo -o "$work/uidemo" ./cmd/motcua-uidemo
states=("$@")
[ ${#states[@]} -gt 0 ] || mapfile -t states < <("$work/uidemo" -list 2>/dev/null | awk '{print $1}')
disp=""
for n in $(seq 150 199); do
  if [ ! -e "/tmp/.X11-unix/X$n" ] && [ ! -e "/tmp/.X$n-lock" ]; then disp=":$n"; break; fi
done
[ -n "$disp" ] || { echo "no free X display" >&2; exit 1; }
Xvfb "$disp" -screen 0 1366x768x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$work"' EXIT
sleep 1
for s in "${states[@]}"; do
  LANG=en_US.UTF-8 DISPLAY=$disp "$work/uidemo" -state "$s" >"$work/$s.log" 2>&1 &
  app=$!
  for _ in $(seq 1 300); do
    grep -q "^ready" "$work/$s.log" && break
    kill -0 $app 2>/dev/null || { cat "$work/$s.log" >&2; exit 1; }
    sleep 0.2
  done
  sleep 1
  DISPLAY=$disp import -window root "$out/intake-$s.png"
  kill $app; wait $app 2>/dev/null || true
  echo "$out/intake-$s.png"
done
