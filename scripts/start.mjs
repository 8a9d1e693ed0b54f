// `npm start`: builds the server bundle (and the web UI into out/renderer, unless RENDERER_DIR
// points elsewhere) when missing or older than the sources, then runs
// `node dist/server/main.js`, forwarding SIGINT/SIGTERM/SIGHUP and its exit code.
//
// The server runs in its own process group, so a Ctrl-C in the terminal reaches it once (through
// this script) rather than twice (terminal + npm forwarding): a second signal makes the server
// exit at once, so signals arriving within a second of the first are not forwarded again.
// It is also connected to this script by an IPC channel: if this script ends without forwarding
// anything (SIGKILL to its process group from a supervisor, a closed terminal), the channel
// closes and the server stops cleanly by itself instead of running on unsupervised.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { buildServer, repoRoot, serverBundle } from './build-server.mjs';

const SOURCES = [
  'core/server',
  'core/src',
  'core/contract',
  'package.json',
  'scripts/build-server.mjs',
];

function newestSource(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestSource(join(path, entry)));
  }
  return newest;
}

function needsBuild() {
  if (!existsSync(serverBundle)) return true;
  const built = statSync(serverBundle).mtimeMs;
  return SOURCES.map((p) => join(repoRoot, p))
    .filter((p) => existsSync(p))
    .some((p) => newestSource(p) > built);
}

if (needsBuild()) {
  const ms = await buildServer();
  console.log(`built dist/server/main.js in ${ms} ms`);
}

// the web UI: built into out/renderer when missing or older than its sources
const rendererConfig = join(repoRoot, 'renderer', 'vite.config.ts');
const rendererIndex = join(repoRoot, 'out', 'renderer', 'index.html');
if (
  !process.env.RENDERER_DIR?.trim() &&
  existsSync(rendererConfig) &&
  (!existsSync(rendererIndex) ||
    ['renderer', 'core/contract']
      .map((p) => join(repoRoot, p))
      .some((p) => newestSource(p) > statSync(rendererIndex).mtimeMs))
) {
  const started = Date.now();
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--config', rendererConfig], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    console.error('The web UI could not be built (see above); the API still starts.');
  } else {
    console.log(`built out/renderer in ${Date.now() - started} ms`);
  }
}

const child = spawn(
  process.execPath,
  ['--enable-source-maps', serverBundle, ...process.argv.slice(2)],
  { cwd: process.cwd(), stdio: ['inherit', 'inherit', 'inherit', 'ipc'], detached: true },
);

let lastForward = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    const now = Date.now();
    if (now - lastForward < 1000) return;
    lastForward = now;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
    }
  });
}

child.on('error', (error) => {
  console.error(`Cannot run ${serverBundle}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
});
