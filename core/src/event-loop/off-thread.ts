import { createRequire } from 'node:module';
import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * The source of a job run off the main thread: plain JavaScript (no TypeScript, no imports) that
 * defines `function job(input, packages)`, returning `[output, transferList]`. `packages` holds
 * the npm packages named in OffThreadOptions, loaded with require. The same source runs in the
 * worker and, where no worker can start, in-process.
 */
export interface OffThreadOptions {
  /** For messages: what the job does ("JSON parse"). */
  name: string;
  source: string;
  packages?: readonly string[];
}

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}

type JobFunction = (
  input: unknown,
  packages: Record<string, unknown>,
) => [unknown, TransferListItem[]];

const requireHere = createRequire(import.meta.url);

function workerSource(source: string): string {
  return `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const packages = {};
for (const [name, path] of Object.entries(workerData.packages)) packages[name] = require(path);
${source}
parentPort.postMessage({ ready: true });
parentPort.on('message', (message) => {
  let reply;
  let transfer = [];
  try {
    const [value, list] = job(message.input, packages);
    reply = { id: message.id, ok: true, value };
    transfer = list;
  } catch (error) {
    reply = { id: message.id, ok: false, message: error && error.message ? String(error.message) : String(error) };
  }
  parentPort.postMessage(reply, transfer);
});
`;
}

/**
 * Runs CPU-heavy jobs (a JSON body of many megabytes, an SSH key's bcrypt KDF) in a worker
 * thread, so that the event loop stays free for requests, timers and recordings. Jobs queue in
 * one worker, started on demand and ended as soon as no job is left (nothing lingers between
 * requests). When no worker can start at all (a packaging that cannot load the package in a
 * thread), the jobs run in-process: slower for the event loop, but they still work.
 */
export class OffThread<I, O> {
  private worker: Worker | null = null;
  private ready = false;
  private inProcess = false;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { input: I; resolve: (value: O) => void; reject: (error: Error) => void }
  >();
  private readonly paths: Record<string, string>;
  private local: ((input: unknown) => [unknown, TransferListItem[]]) | undefined;

  constructor(private readonly options: OffThreadOptions) {
    this.paths = Object.fromEntries(
      (options.packages ?? []).map((name) => [name, requireHere.resolve(name)]),
    );
  }

  /** Runs the job with `input` (the `transfer` list moves those buffers to the worker). */
  run(input: I, transfer: TransferListItem[] = []): Promise<O> {
    if (this.inProcess) return this.runHere(input);
    return new Promise<O>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { input, resolve, reject });
      try {
        this.ensureWorker().postMessage({ id, input }, transfer);
      } catch (error) {
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** True while a worker thread exists (it ends when no job is left). */
  get threadRunning(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker now (jobs still queued fail). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error(`${this.options.name}: stopped.`));
    await worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerSource(this.options.source), {
      eval: true,
      workerData: { packages: this.paths },
    });
    worker.unref();
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) {
        if (this.worker === worker) this.ready = true;
      } else {
        this.settle(worker, reply);
      }
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (!this.ready) {
        // it could not start (e.g. a package cannot be loaded in a thread): run here from now on
        this.inProcess = true;
        const queued = [...this.pending.values()];
        this.pending.clear();
        for (const job of queued) this.runHere(job.input).then(job.resolve, job.reject);
        return;
      }
      this.fail(error);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new Error(`${this.options.name}: the worker thread ended (exit code ${code}).`));
    });
    return worker;
  }

  private settle(worker: Worker, reply: Reply): void {
    const job = this.pending.get(reply.id);
    if (!job) return;
    this.pending.delete(reply.id);
    if (reply.ok) job.resolve(reply.value as O);
    else job.reject(new Error(reply.message ?? `${this.options.name} failed.`));
    if (this.pending.size === 0 && this.worker === worker) {
      this.worker = null;
      void worker.terminate();
    }
  }

  private fail(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.reject(error);
  }

  private async runHere(input: I): Promise<O> {
    if (!this.local) {
      const packages = Object.fromEntries(
        Object.entries(this.paths).map(([name, path]) => [name, requireHere(path) as unknown]),
      );
      const make = new Function(
        `'use strict';\n${this.options.source}\nreturn job;`,
      ) as () => JobFunction;
      const job = make();
      this.local = (value) => job(value, packages);
    }
    return this.local(input)[0] as O;
  }
}
