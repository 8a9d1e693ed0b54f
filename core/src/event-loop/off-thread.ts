import { createRequire } from 'node:module';
import { Worker, type TransferListItem } from 'node:worker_threads';

/**
 * The source of a job run off the main thread: plain JavaScript (no TypeScript, no imports) that
 * defines `function job(input, packages, parts)`, returning `[output, transferList]`. `packages`
 * holds the npm packages named in OffThreadOptions, loaded with require; `parts` the buffers sent
 * before the input (a request body as it arrived). The same source runs in the worker and, where
 * no worker can start, in-process.
 */
export interface OffThreadOptions {
  /** For messages: what the job does ("JSON parse"). */
  name: string;
  source: string;
  packages?: readonly string[];
}

/** A job whose input may arrive in parts (e.g. a request body, chunk by chunk). */
export interface OffThreadJob<I, O> {
  /** Sends a part (handed over: the caller must not change it afterwards). */
  send(part: Uint8Array): void;
  /** Sends the input and runs the job on it and the parts sent. */
  finish(input: I, transfer?: TransferListItem[]): Promise<O>;
  /** Drops the job (its parts are freed). */
  cancel(): void;
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
  parts: Uint8Array[],
) => [unknown, TransferListItem[]];

interface Pending<I, O> {
  /** Parts sent before the worker was ready (kept, to run here should it fail to start). */
  parts: Uint8Array[];
  /** Runs in-process (no worker could start). */
  local: boolean;
  finished?: { input: I; resolve: (value: O) => void; reject: (error: Error) => void };
}

const requireHere = createRequire(import.meta.url);

function workerSource(source: string): string {
  return `'use strict';
const { parentPort, workerData } = require('node:worker_threads');
// this thread yields the CPU to the main thread (on Linux, nice is per thread)
try { require('node:os').setPriority(0, 10); } catch (error) {}
const packages = {};
for (const [name, path] of Object.entries(workerData.packages)) packages[name] = require(path);
${source}
const parts = new Map();
parentPort.postMessage({ ready: true });
parentPort.on('message', (message) => {
  if (message.drop) {
    parts.delete(message.id);
    return;
  }
  if (message.part !== undefined) {
    const list = parts.get(message.id);
    if (list) list.push(message.part);
    else parts.set(message.id, [message.part]);
    return;
  }
  const list = parts.get(message.id) || [];
  parts.delete(message.id);
  let reply;
  let transfer = [];
  try {
    const [value, moved] = job(message.input, packages, list);
    reply = { id: message.id, ok: true, value };
    transfer = moved;
  } catch (error) {
    reply = { id: message.id, ok: false, message: error && error.message ? String(error.message) : String(error) };
  }
  parentPort.postMessage(reply, transfer);
});
`;
}

/**
 * Runs CPU-heavy jobs (a JSON body of many megabytes, an SSH key's bcrypt KDF) in a worker
 * thread at a lower priority, so that the event loop stays free for requests, timers and
 * recordings. Jobs share one
 * worker, started on demand and ended as soon as no job is left (nothing lingers between
 * requests). When no worker can start at all (a packaging that cannot load the package in a
 * thread), the jobs run in-process: slower for the event loop, but they still work.
 */
export class OffThread<I, O> {
  private worker: Worker | null = null;
  private ready = false;
  private inProcess = false;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<I, O>>();
  private readonly paths: Record<string, string>;
  private local: JobFunction | undefined;

  constructor(private readonly options: OffThreadOptions) {
    this.paths = Object.fromEntries(
      (options.packages ?? []).map((name) => [name, requireHere.resolve(name)]),
    );
  }

  /** Runs the job with `input` (the `transfer` list moves those buffers to the worker). */
  run(input: I, transfer: TransferListItem[] = []): Promise<O> {
    return this.open().finish(input, transfer);
  }

  /** A job whose parts are sent one by one, then its input (see OffThreadJob). */
  open(): OffThreadJob<I, O> {
    const id = this.nextId++;
    const job: Pending<I, O> = { parts: [], local: this.inProcess };
    this.pending.set(id, job);
    return {
      send: (part) => {
        if (!this.pending.has(id)) return;
        if (job.local || !this.ready) job.parts.push(part);
        if (!job.local) this.post({ id, part });
      },
      finish: (input, transfer = []) =>
        new Promise<O>((resolve, reject) => {
          if (!this.pending.has(id)) {
            reject(new Error(`${this.options.name}: the job was dropped.`));
            return;
          }
          job.finished = { input, resolve, reject };
          if (job.local) this.runHere(id, job);
          else this.post({ id, input }, transfer);
        }),
      cancel: () => {
        if (!this.pending.delete(id)) return;
        if (!job.local && this.worker) this.post({ id, drop: true });
        this.endIfIdle();
      },
    };
  }

  /** True while a worker thread exists (it ends when no job is left). */
  get threadRunning(): boolean {
    return this.worker !== null;
  }

  /** Ends the worker now (jobs not finished yet fail). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.fail(new Error(`${this.options.name}: stopped.`));
    await worker?.terminate();
  }

  private post(message: object, transfer: TransferListItem[] = []): void {
    try {
      this.ensureWorker().postMessage(message, transfer);
    } catch (error) {
      this.fail(error instanceof Error ? error : new Error(String(error)));
    }
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
      if (this.worker !== worker) return;
      if (!('ready' in reply)) {
        this.settle(reply);
        return;
      }
      this.ready = true;
      // the parts are with the worker now
      for (const job of this.pending.values()) if (!job.local) job.parts = [];
    });
    worker.on('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      if (this.ready) {
        this.fail(error);
        return;
      }
      // it could not start (e.g. a package cannot be loaded in a thread): run here from now on
      this.inProcess = true;
      for (const [id, job] of this.pending) {
        job.local = true;
        if (job.finished) this.runHere(id, job);
      }
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.fail(new Error(`${this.options.name}: the worker thread ended (exit code ${code}).`));
    });
    return worker;
  }

  private settle(reply: Reply): void {
    const job = this.pending.get(reply.id);
    if (!job?.finished) return;
    this.pending.delete(reply.id);
    if (reply.ok) job.finished.resolve(reply.value as O);
    else job.finished.reject(new Error(reply.message ?? `${this.options.name} failed.`));
    this.endIfIdle();
  }

  private endIfIdle(): void {
    if (this.pending.size > 0 || !this.worker) return;
    const worker = this.worker;
    this.worker = null;
    void worker.terminate();
  }

  private fail(error: Error): void {
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) job.finished?.reject(error);
  }

  private runHere(id: number, job: Pending<I, O>): void {
    const finished = job.finished;
    if (!finished) return;
    this.pending.delete(id);
    try {
      if (!this.local) {
        const make = new Function(
          `'use strict';\n${this.options.source}\nreturn job;`,
        ) as () => JobFunction;
        this.local = make();
      }
      const packages = Object.fromEntries(
        Object.entries(this.paths).map(([name, path]) => [name, requireHere(path) as unknown]),
      );
      finished.resolve(this.local(finished.input, packages, job.parts)[0] as O);
    } catch (error) {
      finished.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}
