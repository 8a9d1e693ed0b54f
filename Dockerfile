# Audio Stream Recorder: the headless server (HTTP API + web UI on port 8666) in a container.
#
#   docker build -t audio-stream-recorder .          (or: buildah bud --format docker -t ... .)
#   docker compose up -d                             (see docker-compose.yml)
#
# Two stages: `build` compiles the native modules (better-sqlite3, ssh2's cpu-features) and bundles
# the server, then drops the development dependencies; the runtime image gets only production
# node_modules, the bundle, Debian's ffmpeg, tini and the entrypoint. No Electron in the image.

# ---------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim AS build

# node-gyp needs python3, make and a C++ compiler for better-sqlite3 (built from source)
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /src
# Electron is a devDependency for the desktop app: its 100 MB binary is never needed here.
ENV ELECTRON_SKIP_BINARY_DOWNLOAD=1 \
    npm_config_audit=false \
    npm_config_fund=false \
    npm_config_update_notifier=false

# Dependencies first: this layer is reused while package*.json stay the same.
# (ffmpeg-static is an optional dependency whose binary download may fail: npm skips it, and the
# image uses Debian's ffmpeg anyway.)
COPY package.json package-lock.json ./
RUN npm ci

COPY . .
# Then only production dependencies stay. ffmpeg-static goes too (were its binary downloaded, the
# app would prefer it to Debian's ffmpeg), and so do native modules' sources and object files.
RUN npm run build:server \
 && npm run build:renderer --if-present \
 && mkdir -p out \
 && npm prune --omit=dev \
 && rm -rf node_modules/ffmpeg-static \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && find node_modules -type d -path '*/build/Release/obj*' -prune -exec rm -rf {} + \
 && find node_modules -name '*.a' -path '*/build/Release/*' -delete \
 && if [ -e node_modules/electron ]; then echo "electron is still in node_modules after the prune" >&2; exit 1; fi

# ---------------------------------------------------------------------------------------------
FROM node:24-bookworm-slim

# ffmpeg/ffprobe record and process; openssh-client (ssh-keygen, ssh-keyscan) for key handling
# and diagnostics; tini is PID 1 (signals reach Node once, zombies are reaped). setpriv, which
# drops root to PUID/PGID, comes with util-linux, already in the base.
# Debian's ffmpeg drags in OpenGL (libavdevice -> libgl1 -> Mesa): Mesa's DRI drivers and the
# LLVM (+ z3) they load take ~165 MB and only ever serve OpenGL rendering, which this app never
# does; dpkg is told not to unpack them (and no docs, man pages or translations). The last line
# proves that ffmpeg still encodes MP3 and ffprobe still runs.
RUN printf '%s\n' \
      'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
      'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/locale/*' \
      'path-exclude=/usr/lib/*/dri/*' 'path-exclude=/usr/lib/*/libLLVM*' \
      'path-exclude=/usr/lib/*/libz3.so*' \
      > /etc/dpkg/dpkg.cfg.d/audio-stream-recorder-slim \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      ffmpeg openssh-client tini ca-certificates tzdata \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* \
 && ffmpeg -hide_banner -loglevel error -f lavfi -i sine=duration=1 -c:a libmp3lame -f mp3 - | ffprobe -v error -i - -show_entries stream=codec_name -of csv=p=0 | grep -qx mp3

WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist/server ./dist/server
# out/renderer is there once the web UI is built; without it the server shows a placeholder page
COPY --from=build /src/out ./out
COPY docker/entrypoint.sh docker/healthcheck.mjs ./docker/
RUN chmod 755 docker/entrypoint.sh \
 && mkdir -p /app/data /app/recordings /app/config /app/logs /app/artwork \
 && chown node:node /app/data /app/recordings /app/config /app/logs /app/artwork

# The contract's variables (shared/spec/api.md, "Environment"). MAX_CONCURRENT_RECORDINGS,
# CLEANUP_AFTER_TRANSFER, LOG_LEVEL and PREFLIGHT_MINUTES are deliberately NOT set here: a set
# variable locks its setting (the web UI then cannot change it). Unset, the app uses the same
# defaults (3, true, info, 10). METRICS_TOKEN (GET /metrics for a scraper) is unset: API key only.
ENV NODE_ENV=production \
    WEB_PORT=8666 \
    HOST=0.0.0.0 \
    TZ=UTC \
    DATA_DIR=/app/data \
    RECORDINGS_DIR=/app/recordings \
    CONFIG_DIR=/app/config \
    LOGS_DIR=/app/logs \
    ARTWORK_DIR=/app/artwork \
    PUID=1000 \
    PGID=1000

VOLUME ["/app/data", "/app/recordings", "/app/config", "/app/logs", "/app/artwork"]
EXPOSE 8666

# No curl in the slim image: Node asks GET /api/health (https when TLS_CERT_FILE is set).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "/app/docker/healthcheck.mjs"]

# Started as root (the default), the entrypoint maps the `node` user to PUID/PGID, fixes the
# volume folders' ownership and drops to that user; started with --user, it only checks them.
ENTRYPOINT ["tini", "--", "/app/docker/entrypoint.sh"]
CMD ["node", "dist/server/main.js"]
