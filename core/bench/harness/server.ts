// The headless server as users run it: `node dist/server/main.js`, built by build:server.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { freePort } from '../../test-support/free-port';
import { spawnTracked, type TrackedChild } from '../../test-support/processes';
import { serverEnv } from '../../test-support/server-env';
import { http, type HttpAnswer } from './http';
import { repoRoot } from './workers';

const run = promisify(execFile);
export const serverBundle = join(repoRoot, 'dist/server/main.js');
export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';
/** Health checks come from their own source address, apart from the API calls' rate limit. */
const HEALTH_ADDRESS = '127.0.0.254';

let built: Promise<number> | undefined;

/** `npm run build:server` (scripts/build-server.mjs) once per run; resolves with its ms. */
export function buildServerBundle(): Promise<number> {
  built ??= (async () => {
    const started = performance.now();
    await run(process.execPath, [join(repoRoot, 'scripts/build-server.mjs')], { cwd: repoRoot });
    if (!existsSync(serverBundle)) throw new Error(`${serverBundle} was not built`);
    return performance.now() - started;
  })();
  return built;
}

export interface ProcessUnderTest {
  readonly proc: TrackedChild;
  readonly pid: number;
  readonly port: number;
  readonly base: string;
  /** From spawn to the first 200 of GET /api/health. */
  readonly coldStartMs: number;
  stop(): Promise<void>;
}

export interface AppServer extends ProcessUnderTest {
  readonly dataDir: string;
  api(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
}

/** Polls GET /api/health every 10 ms until it answers 200; returns the ms since `since`. */
export async function waitHealthy(
  base: string,
  proc: TrackedChild,
  since: number,
  timeoutMs = 30_000,
): Promise<number> {
  for (;;) {
    if (proc.hasExited) throw new Error(`the server exited at start:\n${proc.log()}`);
    const ok = await http('GET', `${base}/api/health`, {
      localAddress: HEALTH_ADDRESS,
      timeoutMs: 2000,
    }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return performance.now() - since;
    if (performance.now() - since > timeoutMs) {
      await proc.stop();
      throw new Error(`the server was not healthy within ${timeoutMs} ms:\n${proc.log()}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Starts the built server on a free loopback port with its own DATA_DIR. */
export async function startAppServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<AppServer> {
  await buildServerBundle();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const proc = spawnTracked(process.execPath, [serverBundle], {
    cwd: repoRoot,
    env: serverEnv({
      WEB_PORT: String(port),
      DATA_DIR: dataDir,
      API_KEY: BENCH_API_KEY,
      ADMIN_PASSWORD: 'bench admin password',
      ...env,
    }),
    onStdout: () => undefined, // the server logs every line; nothing to keep
  });
  // generous: on a shared, loaded machine a start can take far longer than the usual ~0.5 s
  const coldStartMs = await waitHealthy(base, proc, started, 120_000);
  return {
    proc,
    pid: proc.child.pid!,
    port,
    base,
    dataDir,
    coldStartMs,
    api: (method, path, body) =>
      // 60 s: 50 record-now calls at once at load 40 on 2 cores took longer than 10 s to answer
      http(method, `${base}${path}`, {
        headers: { 'x-api-key': BENCH_API_KEY },
        body,
        timeoutMs: 60_000,
      }),
    // SIGTERM: running recordings are ended and processed, as at a normal shutdown
    stop: () => proc.stop(30_000),
  };
}

/** Answers with status 2xx or throws with the server's message. */
export function expectOk(answer: HttpAnswer, what: string): HttpAnswer {
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`${what}: HTTP ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return answer;
}
