// `npm start`: builds the server bundle when it is missing or older than the sources, then runs
// `node dist/server/main.js`, forwarding SIGINT/SIGTERM/SIGHUP and its exit code.
//
// The server runs in its own process group, so a Ctrl-C in the terminal reaches it once (through
// this script) rather than twice (terminal + npm forwarding): a second signal makes the server
// exit at once, so signals arriving within a second of the first are not forwarded again.
import { spawn } from 'node:child_process';
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

const child = spawn(
  process.execPath,
  ['--enable-source-maps', serverBundle, ...process.argv.slice(2)],
  { cwd: process.cwd(), stdio: 'inherit', detached: true },
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
