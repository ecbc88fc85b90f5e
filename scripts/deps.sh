#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages motcua needs, only those missing.
#   scripts/deps.sh run    packages to build and run the desk app (Fyne, cgo, X11/GL headers)
#   scripts/deps.sh test   everything the test suite uses (Xvfb, poppler, zbar, mingw-w64, PostgreSQL, NSIS, wine)
set -euo pipefail
what=${1:-run}

run_pkgs=(gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev libxinerama-dev
  libxi-dev libxxf86vm-dev)
test_pkgs=("${run_pkgs[@]}" xvfb xauth x11-utils imagemagick poppler-utils zbar-tools gcc-mingw-w64-x86-64
  postgresql nsis wine wine64 fonts-noto-core)

case "$what" in
  run) want=("${run_pkgs[@]}") ;;
  test) want=("${test_pkgs[@]}") ;;
  *) echo "usage: scripts/deps.sh run|test" >&2; exit 2 ;;
esac

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "motcua: installing system packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "motcua: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
