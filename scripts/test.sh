#!/usr/bin/env bash
# The whole test suite: what "make test" and CI run. On a fresh Debian or
# Ubuntu machine it installs the system packages it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export LANG=${LANG:-en_US.UTF-8}
export MOTCUA_REQUIRE_TOOLS=${MOTCUA_REQUIRE_TOOLS:-1}
TAGS=migrated_fynedo
start=$(date +%s)
step() { printf '\n==> %s (%ss)\n' "$*" $(( $(date +%s) - start )); }

step "system packages"
scripts/deps.sh test

step "formatting"
bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.git/*'))
if [ -n "$bad" ]; then echo "gofmt would change:"; echo "$bad"; exit 1; fi

step "go mod verify, go.mod tidy"
go mod verify >/dev/null
if ! go mod tidy -diff >/dev/null; then echo "go.mod/go.sum are not tidy: run go mod tidy"; go mod tidy -diff || true; exit 1; fi

step "layering rules"
go run ./tools/layercheck

step "build (linux, desk app and tools)"
mkdir -p bin
go build -tags "$TAGS" -o bin/ ./cmd/...

# The Windows cgo OpenGL bindings take minutes to compile on their own
# core: start them now, in the background, so they overlap the tests below
# (scripts/windows.sh then finds them in the build cache).
winlog=$(mktemp)
( GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
    go build -tags "$TAGS" -o /dev/null ./cmd/motcua >"$winlog" 2>&1 ) &
winpid=$!

step "go vet"
go vet -tags "$TAGS" ./...

step "tests with the race detector"
# cmd/motcua (the GL driver) has no tests; leaving it out keeps the race
# build of the cgo OpenGL bindings out of the suite.
go test -race -tags "$TAGS" -timeout 20m $(go list ./... | grep -v '^motcua/cmd/motcua$')

step "fuzz the parsers of untrusted input, 4 s each (every seed corpus ran with the tests above)"
scripts/fuzz.sh 4s ci

step "desk app smoke test under Xvfb"
scripts/smoke-xvfb.sh

# Windows (docs/windows.md): the cross-compile of both programs with icon,
# version and manifest, checked; the installer and the portable zip; then a
# smoke run of all of it under Wine (CLI, install/upgrade/uninstall, the desk
# window and a screenshot in dist/windows/). The cgo OpenGL build shares the
# cache of the flag set above (-tags migrated_fynedo).
step "Windows build: exes, installer, zip (scripts/windows.sh)"
if ! wait "$winpid"; then cat "$winlog"; exit 1; fi
rm -f "$winlog"
scripts/windows.sh

step "Windows smoke run under Wine (scripts/wine-smoke.sh)"
scripts/wine-smoke.sh

step "all checks passed"
