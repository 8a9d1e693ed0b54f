// The built UI (out/renderer) and server bundle (dist/server/main.js) are shared by every
// integration file of a run. Two files building them at once broke each other: Vite empties
// out/renderer before it writes, so one file's server lost its pages (and one file's size report
// read a file the other build had just removed) while esbuild rewrote the bundle another file's
// server was starting from. Each build therefore runs once per test run (the run's id is set by
// the integration projects' globalSetup) under a lock that other processes wait on.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The environment variable naming the current test run; set once by the globalSetup. */
export const TEST_RUN_ENV = 'ASR_TEST_RUN_ID';

/** Sets the run's id unless a run is already named (several projects in one vitest call). */
export function nameTestRun(env: NodeJS.ProcessEnv = process.env): string {
  env[TEST_RUN_ENV] ||= randomUUID();
  return env[TEST_RUN_ENV];
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}

export interface BuildOnceOptions {
  /** Where the lock and the stamps live (`<repo>/out/.test-builds`). */
  readonly stateDir: string;
  readonly runId?: string;
  /** How long to wait for another process's build before giving up. */
  readonly waitMs?: number;
}

/**
 * Runs `build` unless it already ran in this test run, holding a lock (a directory, made
 * atomically, with its holder's pid inside) so that no two processes build at once. A lock whose
 * holder died is taken over. Without a run id (a file run outside the projects' globalSetup) it
 * builds every time, still under the lock. Answers whether this call built.
 */
export function buildOnce(name: string, build: () => void, options: BuildOnceOptions): boolean {
  const runId = options.runId ?? process.env[TEST_RUN_ENV];
  const lock = join(options.stateDir, `${name}.lock`);
  const stamp = join(options.stateDir, `${name}.built-for`);
  mkdirSync(options.stateDir, { recursive: true });
  const deadline = Date.now() + (options.waitMs ?? 10 * 60_000);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readOr(join(lock, 'pid'), '0'));
      // a holder that has not yet written its pid is alive: only a named, dead one is stale
      if (holder > 0 && !isAlive(holder)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) {
        throw new Error(`waited too long for the ${name} build of process ${holder} (${lock})`);
      } else sleepSync(100);
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    if (runId && readOr(stamp, '') === runId) return false;
    rmSync(stamp, { force: true });
    build();
    if (runId) writeFileSync(stamp, runId);
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const repoRoot = join(import.meta.dirname, '..', '..');
const stateDir = join(repoRoot, 'out', '.test-builds');

/** `node scripts/build-server.mjs` (dist/server/main.js), once per test run. */
export function buildServerOnce(): void {
  buildOnce(
    'server',
    () => {
      execFileSync(process.execPath, ['scripts/build-server.mjs'], {
        cwd: repoRoot,
        stdio: 'pipe',
      });
    },
    { stateDir },
  );
}

/**
 * Vite's production build of the UI into out/renderer, once per test run; answers Vite's
 * "built in" line when this call built, else undefined.
 */
export function buildUiOnce(): string | undefined {
  let report: string | undefined;
  buildOnce(
    'ui',
    () => {
      const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
      const output = execFileSync(
        process.execPath,
        [vite, 'build', '--config', 'renderer/vite.config.ts'],
        {
          cwd: repoRoot,
          encoding: 'utf8',
          // vitest sets NODE_ENV=test, which would give a development build of Vue
          env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' },
        },
      );
      report = output
        .split('\n')
        .filter((line) => /built in/.test(line))
        .join('\n');
    },
    { stateDir },
  );
  return report;
}
