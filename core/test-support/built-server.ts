// Test-only: the built headless server (`node dist/server/main.js`) in a process of its own, as
// users run it. Build it first (buildServerOnce).
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { spawnTracked, type TrackedChild } from './processes';
import { waitForHealthy } from './wait';

const repoRoot = resolve(import.meta.dirname, '../..');

export interface BuiltServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  process: TrackedChild;
  /** Everything it printed on stdout so far. */
  readonly stdout: string;
}

/**
 * Starts the bundle on a free loopback port with `env` (WEB_PORT added) and waits until it is
 * healthy; when it exits first, fails with what it printed.
 */
export async function startBuiltServer(env: Record<string, string>): Promise<BuiltServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let stdout = '';
  const server = spawnTracked(process.execPath, [join(repoRoot, 'dist/server/main.js')], {
    cwd: repoRoot,
    env: { ...env, WEB_PORT: String(port) },
    onStdout: (chunk) => {
      stdout += chunk.toString('utf8');
    },
  });
  await waitForHealthy(base, () =>
    server.hasExited
      ? `${stdout}
${server.log()}`
      : undefined,
  );
  return {
    base,
    process: server,
    get stdout() {
      return stdout;
    },
  };
}
