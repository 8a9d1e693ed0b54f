#!/usr/bin/env bash
# The whole suite: tools present (installs what is missing), types, lint, unit and integration tests.
# Fails on the first failing step.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/test-setup.sh
echo "== typecheck"
npm run --silent typecheck
echo "== lint"
npm run --silent lint
echo "== unit tests"
npx vitest run --project unit
echo "== integration tests (real ffmpeg, Icecast, OpenSSH on loopback; two files at a time)"
npx vitest run --project integration --maxWorkers=2
echo "== integration tests that measure the process's own timing (one at a time, alone)"
npx vitest run --project integration-exclusive
