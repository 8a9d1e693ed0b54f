#!/usr/bin/env bash
# Runs one vitest selection N times in a row and counts the runs that failed; exits 1 if any did.
# Usage: bash scripts/repeat-test.sh N <vitest run arguments...>
#   e.g. bash scripts/repeat-test.sh 20 --project unit renderer/src/views/destinations-view.test.ts
set -u
n="$1"; shift
failed=0
for i in $(seq 1 "$n"); do
  if npx vitest run "$@" >"${TMPDIR:-/tmp}/repeat-test.$$.log" 2>&1; then
    echo "run $i/$n: passed"
  else
    failed=$((failed + 1))
    echo "run $i/$n: FAILED"
    tail -40 "${TMPDIR:-/tmp}/repeat-test.$$.log"
  fi
done
rm -f "${TMPDIR:-/tmp}/repeat-test.$$.log"
echo "$((n - failed)) of $n runs passed"
[ "$failed" -eq 0 ]
