// Test-only: a ProcessRunner whose "processes" answer from the test at once, for the unit tests of
// what runs ffmpeg and ffprobe (no process is started).
import { BoundedLog, type ExitInfo, type ProcessRunner, type RunningProcess } from './process';

/** What one fake process writes and how it exits (default: nothing, exit code 0). */
export interface FakeAnswer {
  stdout?: string;
  stderr?: string;
  code?: number;
}

export interface FakeCall {
  bin: string;
  args: readonly string[];
}

/** A process with nothing to stop: it ends with `exited`, its stderr holding `stderr`. */
export function fakeProcess(exited: Promise<ExitInfo>, stderr = new BoundedLog()): RunningProcess {
  return { pid: 1, exited, stderr, hasExited: false, stop: () => exited, kill: () => undefined };
}

/**
 * A runner whose n-th start (from 0) answers `answer(call, n)`: its stdout, then its exit, on the
 * next timer turn. The calls are kept in order.
 */
export function answeringRunner(answer: (call: FakeCall, n: number) => FakeAnswer): {
  runner: ProcessRunner;
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const runner: ProcessRunner = {
    start(bin, args, options = {}) {
      const call = { bin, args };
      calls.push(call);
      const a = answer(call, calls.length - 1);
      const stderr = new BoundedLog();
      if (a.stderr) stderr.push(a.stderr);
      const exit: ExitInfo = { code: a.code ?? 0, signal: null };
      const exited = new Promise<ExitInfo>((r) =>
        setTimeout(() => {
          if (a.stdout) options.onStdout?.(a.stdout);
          r(exit);
        }, 0),
      );
      return fakeProcess(exited, stderr);
    },
  };
  return { runner, calls };
}
