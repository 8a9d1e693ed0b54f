import { join } from 'node:path';
import type { Logger, LogMeta } from '../ports/logger';
import { isWriting, type ProcessControl } from './process-control';

const PID_FILE = /^part-(\d+)\.pid$/;

/** The file system as orphan handling needs it; tests fake it. */
export interface OrphanFiles {
  /** File names in `dir` ([] when it does not exist). */
  list(dir: string): Promise<string[]>;
  /** A small text file, or undefined when unreadable. */
  readText(path: string): Promise<string | undefined>;
  remove(path: string): Promise<void>;
}

export interface OrphanDeps {
  processes: ProcessControl;
  files: OrphanFiles;
  sleep(ms: number): Promise<void>;
  logger: Logger;
  /** Wait this long after SIGTERM before SIGKILL (default 5 s: ffmpeg finalizes the file). */
  graceMs?: number;
  /** How often to look whether it is gone (default 100 ms). */
  pollMs?: number;
}

export interface OrphanOutcome {
  pid: number;
  part: string;
  /** terminated: ended on SIGTERM; killed: needed SIGKILL; survived: still running after both. */
  result: 'terminated' | 'killed' | 'survived';
}

async function waitGone(deps: OrphanDeps, pid: number, part: string, ms: number) {
  const poll = deps.pollMs ?? 100;
  for (let waited = 0; ; waited += poll) {
    if (!isWriting(await deps.processes.commandLine(pid), part)) return true;
    if (waited >= ms) return false;
    await deps.sleep(poll);
  }
}

/**
 * Stops every ffmpeg that still writes a part in `partsDir` although the run that started it is
 * gone (killed with -9, power loss of the parent only, ...). Such a process is found through the
 * `part-NNN.pid` file the part runner keeps beside each part while ffmpeg runs; it is stopped only
 * when it is alive AND is the program writing that part (its last argument is the part's path), so
 * a reused pid is never signalled. SIGTERM lets ffmpeg finalize the file; SIGKILL after the grace.
 * Pid files are removed once their process is gone.
 */
export async function stopOrphanCaptures(
  partsDir: string,
  deps: OrphanDeps,
  meta?: LogMeta,
): Promise<OrphanOutcome[]> {
  const outcomes: OrphanOutcome[] = [];
  const names = (await deps.files.list(partsDir)).filter((n) => PID_FILE.test(n)).sort();
  for (const name of names) {
    const pidFile = join(partsDir, name);
    const part = join(partsDir, name.replace(/\.pid$/, '.mka'));
    const pid = Number((await deps.files.readText(pidFile))?.trim());
    if (!Number.isInteger(pid) || pid <= 1) {
      await deps.files.remove(pidFile);
      continue;
    }
    if (!isWriting(await deps.processes.commandLine(pid), part)) {
      // it ended with the run (or the pid now belongs to another program): nothing to stop
      await deps.files.remove(pidFile);
      continue;
    }
    deps.logger.warn(
      `ffmpeg (pid ${pid}) was still writing ${part} after the app stopped: stopping it.`,
      meta,
    );
    let result: OrphanOutcome['result'] = 'terminated';
    deps.processes.signal(pid, 'SIGTERM');
    if (!(await waitGone(deps, pid, part, deps.graceMs ?? 5000))) {
      result = 'killed';
      deps.processes.signal(pid, 'SIGKILL');
      if (!(await waitGone(deps, pid, part, 2000))) result = 'survived';
    }
    if (result === 'survived') {
      deps.logger.error(
        `ffmpeg (pid ${pid}) does not end even on SIGKILL; ${part} is processed as it is now.`,
        meta,
      );
    } else {
      await deps.files.remove(pidFile);
    }
    outcomes.push({ pid, part, result });
  }
  return outcomes;
}
