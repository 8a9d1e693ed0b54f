#!/bin/sh
# Container entrypoint (run by tini). Like linuxserver.io images:
#  - started as root (the default): the `node` user and group take the ids PUID/PGID (default
#    1000), each volume folder whose top is not owned by them is handed to them (recursively,
#    which happens once: afterwards the top is right and the tree is left alone), then root is
#    dropped with setpriv and the command (node dist/server/main.js) is exec'd, so it is tini's
#    only child and gets the signals;
#  - started as another user (--user / user:): nothing is changed, only checked.
# Either way, every volume folder must be writable by the user the server runs as; those that are
# not are named, with how to fix them, and the container exits with status 78 (EX_CONFIG).
set -eu

APP_USER=node
APP_HOME=/home/node
groups_option=--init-groups

log() { printf 'entrypoint: %s\n' "$*" >&2; }

is_id() {
  case "$1" in
    '' | *[!0-9]*) return 1 ;;
    *) [ "${#1}" -le 10 ] && [ "$1" -le 4294967294 ] ;;
  esac
}

# NAME=folder lines, in the order of the contract
volumes="DATA_DIR=${DATA_DIR:-/app/data}
RECORDINGS_DIR=${RECORDINGS_DIR:-/app/recordings}
CONFIG_DIR=${CONFIG_DIR:-/app/config}
LOGS_DIR=${LOGS_DIR:-/app/logs}
ARTWORK_DIR=${ARTWORK_DIR:-/app/artwork}"

# Runs "$@" as the runtime user (as is, when we already are that user).
as_user() {
  if [ "$(id -u)" = 0 ] && [ "$run_uid" != 0 ]; then
    setpriv --reuid="$run_uid" --regid="$run_gid" "$groups_option" -- "$@"
  else
    "$@"
  fi
}

# True when the runtime user can create (and remove) a file in folder $1.
writable() {
  as_user sh -c 'probe="$1/.write-test.$$" && : >"$probe" && rm -f "$probe"' probe "$1" \
    2>/dev/null
}

# True when folder $1 is a read-only mount (the last mount on that path counts).
read_only_mount() {
  awk -v d="$1" '$5 == d { ro = 0; n = split($6, o, ","); for (i = 1; i <= n; i++) if (o[i] == "ro") ro = 1 }
    END { exit ro ? 0 : 1 }' /proc/self/mountinfo 2>/dev/null
}

if [ "$(id -u)" = 0 ]; then
  PUID=${PUID:-1000}
  PGID=${PGID:-1000}
  if ! is_id "$PUID" || ! is_id "$PGID"; then
    log "ERROR: PUID and PGID must be numeric ids (got PUID='$PUID' PGID='$PGID')."
    exit 78
  fi
  run_uid=$PUID
  run_gid=$PGID
  if [ "$PUID" = 0 ]; then
    log "WARNING: PUID=0: the server runs as root. Set PUID/PGID to the owner of your folders."
  else
    # the node user/group take the requested ids (-o: another account may already use the id)
    if { [ "$(id -g "$APP_USER")" = "$PGID" ] || groupmod -o -g "$PGID" "$APP_USER"; } &&
      { [ "$(id -u "$APP_USER")" = "$PUID" ] || usermod -o -u "$PUID" "$APP_USER" >/dev/null; }; then
      chown "$PUID:$PGID" "$APP_HOME" 2>/dev/null || true
    else
      # e.g. a read-only root filesystem: run with the bare ids (no name, no other groups)
      log "WARNING: could not give the $APP_USER user the ids $PUID:$PGID; running as them unnamed."
      groups_option=--clear-groups
    fi
  fi
  while IFS='=' read -r name dir; do
    [ -n "$dir" ] || continue
    mkdir -p "$dir" 2>/dev/null || true
    [ -d "$dir" ] || continue
    owner=$(stat -c '%u:%g' "$dir")
    if [ "$owner" != "$PUID:$PGID" ]; then
      log "$name $dir is owned by $owner: handing it to $PUID:$PGID"
      # a read-only mount, a root-squashing NFS export or a rootless user namespace refuse
      # this: the check below then names the folder
      chown -R "$PUID:$PGID" "$dir" 2>/dev/null || true
    fi
  done <<VOLUMES
$volumes
VOLUMES
else
  run_uid=$(id -u)
  run_gid=$(id -g)
fi

bad=""
while IFS='=' read -r name dir; do
  [ -n "$dir" ] || continue
  [ -d "$dir" ] || mkdir -p "$dir" 2>/dev/null || true
  if [ ! -d "$dir" ] || ! writable "$dir"; then
    bad="$bad$name=$dir
"
  fi
done <<VOLUMES
$volumes
VOLUMES

if [ -n "$bad" ]; then
  log "ERROR: the server runs as uid $run_uid gid $run_gid and cannot write to:"
  while IFS='=' read -r name dir; do
    [ -n "$dir" ] || continue
    if read_only_mount "$dir"; then
      log "  $dir ($name): mounted read-only"
    elif [ -d "$dir" ]; then
      log "  $dir ($name): owned by $(stat -c '%u:%g' "$dir"), mode $(stat -c '%a' "$dir")"
    else
      log "  $dir ($name): missing, and it cannot be created"
    fi
  done <<BAD
$bad
BAD
  log "Fix it one of these ways:"
  log "  - on the host, give the folder mounted there to that user:"
  log "      chown -R $run_uid:$run_gid <host folder>"
  log "  - or set PUID/PGID to the owner of the host folder (ls -ln shows it) and start the"
  log "    container as root (without --user / user:), so that it can switch to them;"
  log "  - a volume mounted read-only (:ro) must be mounted read-write."
  exit 78
fi

if [ "$(id -u)" = 0 ] && [ "$run_uid" != 0 ]; then
  export HOME="$APP_HOME" USER="$APP_USER" LOGNAME="$APP_USER"
  exec setpriv --reuid="$run_uid" --regid="$run_gid" "$groups_option" -- "$@"
fi
exec "$@"
