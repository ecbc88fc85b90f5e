#!/usr/bin/env bash
# Runs fuzz targets of the module for a bounded time each:
#   scripts/fuzz.sh DURATION ci    the parsers of untrusted input (CI)
#   scripts/fuzz.sh DURATION all   every Fuzz* target (make fuzz)
# Every target's committed seed corpus also runs as a plain test in
# "go test", so a target not fuzzed here is still exercised.
set -euo pipefail
cd "$(dirname "$0")/.."
d=${1:-10s}
mode=${2:-all}

# Parsers that read what comes from outside: scanners (CCCD QR, receipt QR),
# published catalog files, hub traffic and USB bundles, the database codec.
ci_targets="
motcua/cccd FuzzParse
motcua/receipt FuzzVerify
motcua/receipt FuzzParsePublicKey
motcua/catalog FuzzReadJSONFile
motcua/catalog FuzzDecode
motcua/catalog FuzzParseGluedChannels
motcua/catalog FuzzParseGluedComponents
motcua/catalog FuzzParseTimeText
motcua/catalog/xlsx FuzzReadRows
motcua/syncproto FuzzDecodeBatch
motcua/syncproto FuzzDecodeBatchAck
motcua/syncproto FuzzDecodePull
motcua/syncproto FuzzDecodeEnrollRequest
motcua/syncproto FuzzReadDeskBundle
motcua/syncproto FuzzReadAnswerBundle
motcua/syncproto FuzzParseRequestAuth
motcua/hub FuzzPrepare
motcua/hub/portal FuzzParseReply
motcua/store FuzzCodecDecode
motcua/dossier FuzzParseCode
motcua/workday FuzzParseYearTable
motcua/vntext FuzzApplyString
"

targets=""
case "$mode" in
  ci) targets=$ci_targets ;;
  all)
    for pkg in $(go list ./...); do
      dir=$(go list -f '{{.Dir}}' "$pkg")
      for f in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
        targets+="$pkg $f"$'\n'
      done
    done ;;
  *) echo "usage: scripts/fuzz.sh DURATION ci|all" >&2; exit 2 ;;
esac

status=0
log=$(mktemp)
while read -r pkg f; do
  [ -n "$pkg" ] || continue
  printf '%-28s %s\n' "$pkg" "$f"
  # Go's fuzzing coordinator can end a -fuzztime run with "context deadline
  # exceeded" and no failing input (a race at the deadline, golang/go#75804,
  # fixed in Go 1.27; this module is on 1.26): not a finding, so the target
  # runs again, at most twice. A real finding writes its input under
  # testdata/fuzz and says "Failing input written".
  for try in 1 2 3; do
    # -fuzzminimizetime 1s: the default minimises each new interesting
    # input for up to 60 s, during which a short run executes nothing new
    # (and a worker busy at the deadline is what trips the race above).
    if go test -tags migrated_fynedo -run '^$' -fuzz "^$f\$" -fuzztime "$d" -fuzzminimizetime 1s "$pkg" >"$log" 2>&1; then
      break
    fi
    if [ "$try" -lt 3 ] && grep -q 'context deadline exceeded' "$log" && ! grep -q 'Failing input written' "$log"; then
      echo "  (the fuzzing run ended with \"context deadline exceeded\" and no failing input; running it again)"
      continue
    fi
    cat "$log"; status=1
    break
  done
done <<< "$targets"
rm -f "$log"
exit $status
