// Worker: runs baseline programs (bare ffmpeg, cp, OpenSSH's sftp) side by side and waits for
// them. Its own CPU is not part of the baseline: the benchmark counts only the children
// (their exact totals arrive in `usage.childrenCpuSeconds`, getrusage(RUSAGE_CHILDREN)). It
// reports `starting` (with the wall-clock time, Date.now()) just before it starts the first
// program, `started` once all are running, `done` when all have ended, and then stays alive
// until stopped, so a /proc sampler still finds the children's CPU in its cutime/cstime.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { emit, runWorker } from './protocol';

export interface BareCommand {
  bin: string;
  args: string[];
  /** Send `q` on stdin this long after the start (ffmpeg's clean stop), as the recorder does. */
  stopAfterMs?: number;
}

export interface BareCommandsInput {
  commands: BareCommand[];
  /** Wait this long before starting them (lets a sampler see the tree first). */
  delayMs?: number;
}

interface Outcome {
  code: number | null;
  signal: string | null;
  wallMs: number;
  stderr: string;
}

function runOne(command: BareCommand): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(command.bin, command.args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString('utf8')).slice(-2000);
  });
  child.stdin.on('error', () => undefined);
  const timers: NodeJS.Timeout[] = [];
  if (command.stopAfterMs === undefined) child.stdin.end();
  else {
    timers.push(
      setTimeout(() => {
        child.stdin.end('q');
        // a stream that blocks a read ignores q for a while: ask once more, firmly
        timers.push(setTimeout(() => child.kill('SIGTERM'), 15_000));
      }, command.stopAfterMs),
    );
  }
  return new Promise((resolve) => {
    child.on('error', (err) => {
      stderr += `\nspawn error: ${err.message}`;
    });
    child.on('close', (code, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, wallMs: performance.now() - started, stderr });
    });
  });
}

runWorker<BareCommandsInput>(
  async (input) => {
    if (input.delayMs) await new Promise((r) => setTimeout(r, input.delayMs));
    emit('starting', { at: Date.now() });
    // one synchronous loop: a spawn blocks until the child has exec'd (at a load average of 20+,
    // 200 spawns took ~100 s), and no stop timer fires before all are started, so all run at
    // once (the peak memory of N at once); those started first then capture longer than
    // stopAfterMs (each one's wallMs says how long)
    const runs = input.commands.map(runOne);
    emit('started', { at: Date.now() });
    const started = performance.now();
    const results = await Promise.all(runs);
    return { wallMs: performance.now() - started, results };
  },
  { stayAfterDone: true },
);
