import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/** Children started by test-support code that have not exited yet. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort against strays when a test run dies without calling stop(): a synchronous
  // SIGKILL of every child still running (the 'exit' event allows no asynchronous work).
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/** A child process whose stderr tail is kept for error messages. */
export interface TrackedChild {
  readonly child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  readonly exited: Promise<void>;
  readonly hasExited: boolean;
  /** The last few KB of stderr (and stdout when not piped elsewhere). */
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface TrackedSpawnOptions extends Pick<SpawnOptions, 'cwd' | 'env' | 'uid' | 'gid'> {
  /** Receives stdout; when absent, stdout goes into the kept log. */
  onStdout?: (chunk: Buffer) => void;
}

/**
 * Spawns a program (argument array, never a shell) and tracks it so that it is killed when the
 * test process exits. Test-support only: product code spawns through core/src/ffmpeg/process.ts.
 */
export function spawnTracked(
  bin: string,
  args: readonly string[],
  options: TrackedSpawnOptions = {},
): TrackedChild {
  installExitHook();
  const child = spawn(bin, [...args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: false,
  });
  live.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8192);
  };
  child.stderr?.on('data', keep);
  child.stdout?.on('data', options.onStdout ?? keep);
  let done = false;
  const exited = new Promise<void>((resolve) => {
    const finish = () => {
      done = true;
      live.delete(child);
      resolve();
    };
    child.once('error', (err) => {
      keep(Buffer.from(`\nspawn error: ${err.message}\n`));
      finish();
    });
    child.once('close', finish);
  });
  return {
    child,
    exited,
    get hasExited() {
      return done;
    },
    log: () => tail,
    async stop(graceMs = 3000) {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
