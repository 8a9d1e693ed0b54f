#!/usr/bin/env bash
# The container test (npm run test:container): builds the image from the unchanged Dockerfile with
# buildah and runs it with podman against a real Icecast and OpenSSH on loopback
# (core/test-support/container/container.integration.test.ts): record, deliver over SFTP, restart
# with the same volumes, PUID/PGID, unwritable volumes.
#
# No container registry is reachable here: ../shared/tools/container-base.sh builds a local
# stand-in for node:24-bookworm-slim first (once; it is kept in podman's storage).
# Needs root (buildah/podman rootful, the test's sshd and chown). Environment:
#   ASR_IMAGE     image tag to build and test (default audio-stream-recorder:test)
#   SKIP_BUILD=1  test the image already tagged ASR_IMAGE, without building
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

image=${ASR_IMAGE:-audio-stream-recorder:test}
label=asr-test=container
podman_run_flags=(--runtime runc)

say() { printf '\n== %s\n' "$*"; }
fail() {
  printf 'test-container: ERROR: %s\n' "$*" >&2
  exit 1
}

[[ $(id -u) -eq 0 ]] || fail "run as root (buildah and podman build and run rootful here; the test starts sshd)"

# --- tools ----------------------------------------------------------------------------------
missing=()
for tool in buildah podman runc debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing ${missing[*]}"
  command -v apt-get >/dev/null 2>&1 || fail "missing ${missing[*]} and no apt-get to install them"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || fail "could not install ${missing[*]}"
  for tool in "${missing[@]}"; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is still missing after apt-get install"
  done
fi
# ffmpeg/ffprobe, icecast2, sshd... for the test's own servers (installs only what is missing)
bash scripts/test-setup.sh

# --- cleanup: only the containers this test labelled --------------------------------------------
cleanup() {
  local ids
  ids=$(podman "${podman_run_flags[@]}" ps -aq --filter "label=$label" 2>/dev/null || true)
  if [[ -n $ids ]]; then
    # shellcheck disable=SC2086
    podman "${podman_run_flags[@]}" rm -f -t 0 $ids >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT
cleanup

# --- image ------------------------------------------------------------------------------------
if [[ ${SKIP_BUILD:-} != 1 ]]; then
  shared=""
  for candidate in "$(git rev-parse --show-toplevel 2>/dev/null || echo "$repo")/../shared" "$repo/../shared"; do
    if [[ -f $candidate/tools/container-base.sh ]]; then
      shared=$(cd "$candidate" && pwd)
      break
    fi
  done
  [[ -n $shared ]] || fail "shared/tools/container-base.sh not found beside the repository ($repo/../shared): it builds the local node:24-bookworm-slim base image"

  say "base image node:24-bookworm-slim (local stand-in)"
  bash "$shared/tools/container-base.sh" 24

  say "buildah bud -t $image ."
  started=$(date +%s)
  # --format docker: the OCI format has no HEALTHCHECK (buildah would drop it); Docker's
  # builder always writes this format. --layers: reuse the npm ci layer while package*.json
  # are unchanged.
  buildah bud --isolation chroot --network host --format docker --layers -t "$image" .
  build_seconds=$(($(date +%s) - started))
  # the previous build's image, now untagged
  podman image prune -f >/dev/null 2>&1 || true
else
  podman image exists "$image" || fail "SKIP_BUILD=1 but there is no image $image"
  build_seconds=0
fi

size_bytes=$(podman image inspect --format '{{.Size}}' "$image")
base_bytes=$(podman image inspect --format '{{.Size}}' docker.io/library/node:24-bookworm-slim 2>/dev/null || echo 0)
say "image $image: $((size_bytes / 1000000)) MB ($(((size_bytes - base_bytes) / 1000000)) MB over the base), built in ${build_seconds} s"

# the image must not carry Electron
if podman "${podman_run_flags[@]}" run --rm --network host --ulimit nofile=1024:1024 \
  --ulimit nproc=1024:1024 --label "$label" --entrypoint sh "$image" \
  -c 'test -e /app/node_modules/electron || test -e /app/node_modules/electron-builder'; then
  fail "the image contains Electron (node_modules/electron or electron-builder)"
fi

# --- the test ---------------------------------------------------------------------------------
say "container integration test"
ASR_CONTAINER_IMAGE=$image npx vitest run --project container
