import { spawn, type ChildProcess } from 'node:child_process';

/** Keeps the last `limit` characters of a stream: stderr is always drained, never unbounded. */
export class BoundedLog {
  private text = '';
  constructor(private readonly limit = 16_384) {}
  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.limit) this.text = this.text.slice(this.text.length - this.limit);
  }
  toString(): string {
    return this.text;
  }
  lastLines(n: number): string {
    return this.text.trimEnd().split('\n').slice(-n).join('\n');
  }
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Receives stdout chunks (e.g. `-progress pipe:1`). When absent, stdout is drained and dropped. */
  onStdout?: (chunk: string) => void;
  onStderr?: (chunk: string) => void;
  stderrLimit?: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

export interface StopOptions {
  /** How long to wait after `q` before one SIGTERM, and after SIGTERM before SIGKILL. */
  graceMs?: number;
}

/** A running program. Arguments are an array handed to spawn: never a shell. */
export interface RunningProcess {
  readonly pid: number | undefined;
  readonly exited: Promise<ExitInfo>;
  readonly stderr: BoundedLog;
  readonly hasExited: boolean;
  /** `q` on stdin, then one SIGTERM, then SIGKILL; never a burst of signals. */
  stop(options?: StopOptions): Promise<ExitInfo>;
  /** Immediate SIGKILL: only for processes whose output is thrown away. */
  kill(): void;
}

export interface ProcessRunner {
  start(bin: string, args: readonly string[], options?: StartOptions): RunningProcess;
}

function wait<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    promise.then((v) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

class SpawnedProcess implements RunningProcess {
  readonly stderr: BoundedLog;
  readonly exited: Promise<ExitInfo>;
  private done = false;
  private stopping: Promise<ExitInfo> | undefined;

  constructor(
    private readonly child: ChildProcess,
    options: StartOptions,
  ) {
    this.stderr = new BoundedLog(options.stderrLimit);
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    child.stdout?.on('data', (c: string) => options.onStdout?.(c));
    child.stderr?.on('data', (c: string) => {
      this.stderr.push(c);
      options.onStderr?.(c);
    });
    // stdin closes with an EPIPE when the process is already gone: that is not an error here.
    child.stdin?.on('error', () => undefined);
    this.exited = new Promise<ExitInfo>((resolve) => {
      child.once('error', (err) => {
        this.stderr.push(`\nspawn error: ${err.message}\n`);
        this.done = true;
        resolve({ code: -1, signal: null });
      });
      child.once('close', (code, signal) => {
        this.done = true;
        resolve({ code, signal });
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.done;
  }

  stop(options: StopOptions = {}): Promise<ExitInfo> {
    this.stopping ??= this.stopInOrder(options.graceMs ?? 5000);
    return this.stopping;
  }

  private async stopInOrder(graceMs: number): Promise<ExitInfo> {
    if (this.done) return this.exited;
    if (this.child.stdin && !this.child.stdin.destroyed) {
      this.child.stdin.write('q');
      this.child.stdin.end();
    }
    const afterQ = await wait(this.exited, graceMs);
    if (afterQ) return afterQ;
    this.child.kill('SIGTERM');
    const afterTerm = await wait(this.exited, graceMs);
    if (afterTerm) return afterTerm;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  kill(): void {
    if (!this.done) this.child.kill('SIGKILL');
  }
}

export const spawnRunner: ProcessRunner = {
  start(bin, args, options = {}) {
    const child = spawn(bin, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      shell: false,
      stdio: ['pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    return new SpawnedProcess(child, options);
  },
};

export interface CompletedRun extends ExitInfo {
  stdout: string;
  stderr: string;
}

/** Runs a program to its end, collecting stdout; rejects only when it cannot be spawned. */
export async function runToCompletion(
  runner: ProcessRunner,
  bin: string,
  args: readonly string[],
  options: { timeoutMs?: number; cwd?: string } = {},
): Promise<CompletedRun> {
  let stdout = '';
  const proc = runner.start(bin, args, { onStdout: (c) => (stdout += c), cwd: options.cwd });
  let timedOut = false;
  const timer = options.timeoutMs
    ? setTimeout(() => {
        timedOut = true;
        void proc.stop({ graceMs: 1000 });
      }, options.timeoutMs)
    : undefined;
  const exit = await proc.exited;
  if (timer) clearTimeout(timer);
  const stderr =
    proc.stderr.toString() + (timedOut ? `\ntimed out after ${options.timeoutMs} ms` : '');
  return { ...exit, code: timedOut ? (exit.code ?? -1) : exit.code, stdout, stderr };
}
