#!/usr/bin/env bash
# bench.sh — the performance suite of issue 10 (docs/bench.md): builds the
# scale data once (cached), measures every target with its baseline in the
# same run, prints the table and writes bench/latest.md and bench/latest.json.
#
#   scripts/bench.sh [--allow-skip] [--run REGEXP] [--cache DIR] [--pg URL] …
#   make bench BENCH_FLAGS="--allow-skip"
#
# Needs Go, the desk app's build packages (scripts/deps.sh run), Xvfb for the
# app rows and PostgreSQL server binaries for the hub row
# (scripts/deps.sh test installs both); a missing one makes its rows
# SKIPPED and the exit status non-zero unless --allow-skip.
# Environment: MOTCUA_BENCH_CACHE (default ~/.cache/motcua-bench),
# MOTCUA_BENCH_PG (a PostgreSQL URL instead of a scratch cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
exec go run ./tools/benchsuite "$@"
