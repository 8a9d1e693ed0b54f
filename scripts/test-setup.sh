#!/usr/bin/env bash
# Installs the real programs the integration and browser tests use (Debian/Ubuntu):
#   ffmpeg + ffprobe (ffmpeg), icecast2, sshd (openssh-server), ssh-keygen + sftp
#   (openssh-client), chromium (browser tests), and Debian's python3 modules that read what we
#   publish independently of our code: python3-prometheus-client (/metrics), python3-feedparser
#   (podcast feeds) and python3-mutagen (ID3 tags and chapters) and python3-icalendar (the calendar feed).
# Runs apt only when something is missing; as non-root it uses sudo, else fails loudly.
# Debian's icecast2 would start a system service on port 8000: service starts are blocked during
# the install and the service is stopped after it (the tests start their own Icecast on free ports).
set -euo pipefail

declare -A package_for=(
  [ffmpeg]=ffmpeg
  [ffprobe]=ffmpeg
  [icecast2]=icecast2
  [sshd]=openssh-server
  [ssh-keygen]=openssh-client
  [sftp]=openssh-client
  [chromium]=chromium
)

have() {
  command -v "$1" >/dev/null 2>&1 || [[ -x "/usr/sbin/$1" || -x "/sbin/$1" ]]
}

# Python modules of Debian's python3 (not a pyenv or venv one earlier on PATH)
declare -A python_package_for=(
  [prometheus_client]=python3-prometheus-client
  [feedparser]=python3-feedparser
  [mutagen]=python3-mutagen
  [icalendar]=python3-icalendar
)
have_module() {
  [[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c "import $1" >/dev/null 2>&1
}

missing=()
for program in "${!package_for[@]}"; do
  have "$program" || missing+=("${package_for[$program]}")
done
for module in "${!python_package_for[@]}"; do
  have_module "$module" || missing+=("${python_package_for[$module]}")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "test-setup: ffmpeg, ffprobe, icecast2, sshd, ssh-keygen, sftp, chromium and the python3 modules prometheus_client, feedparser, mutagen and icalendar are installed."
  exit 0
fi
mapfile -t packages < <(printf '%s\n' "${missing[@]}" | sort -u)
echo "test-setup: missing ${packages[*]}"

if [[ $(id -u) -eq 0 ]]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "test-setup: ERROR: missing ${packages[*]}; run this script as root or with sudo," >&2
  echo "  or install them yourself: apt-get install ${packages[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "test-setup: ERROR: no apt-get here; install these packages yourself: ${packages[*]}" >&2
  exit 1
fi

# Keep maintainer scripts from starting services (icecast2 on port 8000, sshd on port 22).
policy=/usr/sbin/policy-rc.d
added_policy=false
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
  "${as_root[@]}" chmod 755 "$policy"
  added_policy=true
fi
cleanup() {
  if [[ $added_policy == true ]]; then "${as_root[@]}" rm -f "$policy"; fi
}
trap cleanup EXIT

echo "test-setup: installing ${packages[*]}"
"${as_root[@]}" apt-get update
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
  "${packages[@]}"

# Should a service have started anyway, stop it: nothing of ours may sit on Icecast's port 8000.
if [[ " ${packages[*]} " == *" icecast2 "* ]]; then
  "${as_root[@]}" service icecast2 stop >/dev/null 2>&1 || true
fi

still_missing=()
for program in "${!package_for[@]}"; do
  have "$program" || still_missing+=("$program")
done
for module in "${!python_package_for[@]}"; do
  have_module "$module" || still_missing+=("python3 module $module")
done
if [[ ${#still_missing[@]} -gt 0 ]]; then
  echo "test-setup: ERROR: still missing after the install: ${still_missing[*]}" >&2
  exit 1
fi
echo "test-setup: done."
