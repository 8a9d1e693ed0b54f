// Workers: small programs that run the app's own modules (processor, uploader) or the bare
// baseline programs in a process of their own, so their CPU and memory can be measured apart
// from the benchmark. They are bundled with esbuild like the server (plain `node`, no tsx loader
// in memory) into dist/bench-workers (of this checkout: node_modules may be shared by several
// worktrees, whose bundles would overwrite each other), and talk JSON lines on stdout.
import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { spawnTracked, type TrackedChild } from '../../test-support/processes';
import { TreeSampler } from './proc';

export const repoRoot = resolve(import.meta.dirname, '../../..');
const outDir = join(repoRoot, 'dist/bench-workers');
export const WORKERS = ['process-file', 'bare-commands', 'upload-file', 'bare-http'] as const;
export type WorkerName = (typeof WORKERS)[number];

let bundled: Promise<void> | undefined;

/** Bundles every worker once per run. */
export function bundleWorkers(): Promise<void> {
  bundled ??= build({
    entryPoints: WORKERS.map((w) => join(repoRoot, 'core/bench/workers', `${w}.ts`)),
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);",
    },
  }).then(() => undefined);
  return bundled;
}

export interface WorkerEvent {
  event: string;
  [key: string]: unknown;
}

export interface Worker {
  readonly proc: TrackedChild;
  readonly pid: number;
  /** Resolves with the first event named `name` (rejects when the worker ends without it). */
  next<T extends WorkerEvent = WorkerEvent>(name: string, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

/** Starts a bundled worker with its command (JSON in argv[2]). */
export async function startWorker(name: WorkerName, command: unknown): Promise<Worker> {
  await bundleWorkers();
  const events: WorkerEvent[] = [];
  const waiters = new Set<() => void>();
  let buffer = '';
  const proc = spawnTracked(
    process.execPath,
    [join(outDir, `${name}.mjs`), JSON.stringify(command)],
    {
      cwd: repoRoot,
      onStdout: (chunk) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.trim()) continue;
          try {
            events.push(JSON.parse(line) as WorkerEvent);
          } catch {
            events.push({ event: 'text', line });
          }
        }
        for (const w of waiters) w();
      },
    },
  );
  void proc.exited.then(() => {
    for (const w of waiters) w();
  });
  const pid = proc.child.pid;
  if (pid === undefined) throw new Error(`worker ${name} did not start: ${proc.log()}`);
  return {
    proc,
    pid,
    next<T extends WorkerEvent>(wanted: string, timeoutMs = 3_600_000): Promise<T> {
      return new Promise<T>((resolvePromise, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`worker ${name}: no "${wanted}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          const error = events.find((e) => e.event === 'error');
          const found = events.find((e) => e.event === wanted);
          if (found || error || proc.hasExited) {
            clearTimeout(timer);
            waiters.delete(check);
            if (found) resolvePromise(found as T);
            else if (error) reject(new Error(`worker ${name} failed: ${String(error.message)}`));
            else reject(new Error(`worker ${name} exited without "${wanted}": ${proc.log()}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    stop: () => proc.stop(),
  };
}

/**
 * Runs worker `name` with `command` until its `done` event, sampling its process tree meanwhile:
 * answers the event and the tree's peak RSS up to it. The worker is stopped either way.
 */
export async function runSampled<T extends WorkerEvent>(
  name: WorkerName,
  command: unknown,
): Promise<{ done: T; peakRssBytes: number }> {
  const worker = await startWorker(name, command);
  const sampler = new TreeSampler(worker.pid, 'all').start();
  try {
    const done = await worker.next<T>('done');
    return { done, peakRssBytes: sampler.stop().peakRssBytes };
  } finally {
    sampler.stop();
    await worker.stop();
  }
}
