import { request } from 'node:http';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Calls `check` every `intervalMs` until it returns a truthy value, and returns that value.
 * Throws after `timeoutMs` with `what` and the last error in the message.
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 15_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const reason = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${reason}`);
    }
    await sleep(intervalMs);
  }
}

/**
 * How long a server started by a test may take to answer its health check: it starts a fresh
 * Node process (and opens its database) on a machine that may be running other suites, so this
 * catches a server that hangs or died, not a slow start.
 */
export const SERVER_START_TIMEOUT_MS = 120_000;

/**
 * Waits until the server at `base` answers GET /api/health; fails at once with `exitedLog()` when
 * the process ended (`exitedLog` returns undefined while it runs).
 */
export async function waitForHealthy(
  base: string,
  exitedLog: () => string | undefined,
  timeoutMs = SERVER_START_TIMEOUT_MS,
): Promise<void> {
  await waitUntil(
    'server healthy',
    async () => {
      const log = exitedLog();
      if (log !== undefined) throw new Error(`server exited: ${log}`);
      return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    { timeoutMs, intervalMs: 50 },
  );
}

export interface HttpSample {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes of body received (at most about `minBytes`, the request is then aborted). */
  bytes: number;
}

/**
 * GETs `url` and reads until `minBytes` of body arrived, the body ended, or `timeoutMs` passed;
 * then closes the connection. Rejects on a connection error, or when no answer (status line)
 * came within `timeoutMs`.
 */
export function httpSample(url: string, minBytes = 1, timeoutMs = 5000): Promise<HttpSample> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let finish: (() => void) | undefined;
    const req = request(url, { method: 'GET' }, (res) => {
      let bytes = 0;
      const done = (): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes });
      };
      finish = done;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes >= minBytes) done();
      });
      res.on('end', done);
      res.on('close', done);
      res.on('error', done);
    });
    const timer = setTimeout(() => {
      if (finish) return finish(); // answered, but fewer bytes than asked: report what came
      if (settled) return;
      settled = true;
      req.destroy();
      reject(new Error(`no answer from ${url} within ${timeoutMs} ms`));
    }, timeoutMs);
    req.on('error', (err) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
    req.end();
  });
}
