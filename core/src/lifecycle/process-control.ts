import { readFile } from 'node:fs/promises';
import { runToCompletion, spawnRunner, type ProcessRunner } from '../ffmpeg/process';

/**
 * Processes this run did not start: an ffmpeg left running by a run that was killed. Only used by
 * crash recovery, which must stop such a process before it reads the part it is still writing.
 */
export interface ProcessControl {
  /**
   * The arguments of the live process with this pid (program first), or undefined when none runs
   * (a zombie counts as gone). Where they cannot be told apart (`ps`), one joined string.
   */
  commandLine(pid: number): Promise<string[] | undefined>;
  /** Sends a signal; false when there is no such process (or it is not ours to signal). */
  signal(pid: number, signal: 'SIGTERM' | 'SIGKILL'): boolean;
}

/** True when `cmd` is a program whose last argument is `partPath`: the ffmpeg writing that part. */
export function isWriting(cmd: readonly string[] | undefined, partPath: string): boolean {
  const last = cmd?.[cmd.length - 1];
  return last !== undefined && (last === partPath || last.endsWith(` ${partPath}`));
}

/** The state letter of /proc/<pid>/stat (R, S, D, Z, ...): after the last `)` of the name. */
export function procState(stat: string): string | undefined {
  const rest = stat.slice(stat.lastIndexOf(')') + 1).trim();
  return rest.split(' ')[0] || undefined;
}

function sendSignal(pid: number, signal: 'SIGTERM' | 'SIGKILL'): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** Linux: /proc. */
export const procProcessControl: ProcessControl = {
  async commandLine(pid) {
    try {
      const state = procState(await readFile(`/proc/${pid}/stat`, 'utf8'));
      if (state === 'Z' || state === 'X' || state === undefined) return undefined;
      const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      const args = raw.split('\0');
      if (args[args.length - 1] === '') args.pop();
      return args.length > 0 ? args : undefined;
    } catch {
      return undefined;
    }
  },
  signal: sendSignal,
};

/** Other POSIX systems (macOS): `ps`, whose arguments come back as one string. */
export function psProcessControl(runner: ProcessRunner = spawnRunner): ProcessControl {
  return {
    async commandLine(pid) {
      const run = await runToCompletion(runner, 'ps', ['-o', 'stat=,args=', '-p', String(pid)], {
        timeoutMs: 5000,
      }).catch(() => undefined);
      const line = run?.code === 0 ? run.stdout.trim() : '';
      const m = /^(\S+)\s+(.*)$/.exec(line);
      if (!m || m[1]!.startsWith('Z')) return undefined;
      return [m[2]!];
    },
    signal: sendSignal,
  };
}

/** The ProcessControl of this platform; on Windows none can be told (an orphan is left alone). */
export function platformProcessControl(
  platform: NodeJS.Platform = process.platform,
): ProcessControl {
  if (platform === 'linux') return procProcessControl;
  if (platform === 'win32') return { commandLine: async () => undefined, signal: () => false };
  return psProcessControl();
}
