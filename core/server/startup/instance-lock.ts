import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StartupError } from './startup-error';

/** The file in DATA_DIR that says which server process uses the folder. */
export const LOCK_FILE = 'server.lock';

interface LockContent {
  pid: number;
  /** When the process started (Linux: /proc/<pid>/stat), so that a reused pid is not taken for it. */
  started?: string;
  state: 'running' | 'stopping';
}

/** What the lock needs of the system (tests pass fakes). */
export interface LockSystem {
  pid: number;
  /** True while process `pid` exists (and, when `started` is known, is the one started then). */
  isRunning(pid: number, started: string | undefined): boolean;
  startedAt(pid: number): string | undefined;
  sleep(ms: number): Promise<void>;
  now(): number;
  onExit(listener: () => void): void;
}

/** Fields 3 on of /proc/<pid>/stat (Linux; undefined elsewhere or when the process is gone). */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command (field 2) is in parentheses and may hold spaces: count after its end
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

export const realLockSystem: LockSystem = {
  pid: process.pid,
  isRunning(pid, started) {
    try {
      process.kill(pid, 0);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
    }
    const stat = procStat(pid);
    if (!stat) return true;
    // a zombie (dead, not yet reaped by its new parent) does nothing any more
    if (stat[0] === 'Z' || stat[0] === 'X') return false;
    return started === undefined || stat[19] === started;
  },
  // the start time in clock ticks since boot (field 22)
  startedAt: (pid) => procStat(pid)?.[19],
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
  onExit: (listener) => process.once('exit', listener),
};

export interface InstanceLock {
  /** Says that this server is stopping: a new start waits for it instead of refusing. */
  markStopping(): void;
  /** Removes the lock (also done when the process exits). */
  release(): void;
}

function parse(text: string): LockContent | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockContent>;
    if (!Number.isInteger(value.pid) || (value.state !== 'running' && value.state !== 'stopping')) {
      return undefined;
    }
    return value as LockContent;
  } catch {
    return undefined;
  }
}

/**
 * Takes DATA_DIR for this server process, so that two never work on the same recordings (the
 * second one's crash recovery would take the first one's recordings for orphans). A server that
 * is stopping (a restart right after a stop) is waited for, up to `waitMs` (its stop is bounded
 * at 28 s); one that runs stops this start with a message. A lock left by a process that is gone
 * (killed with -9) is taken over. Released when the process exits.
 */
export async function acquireInstanceLock(
  dataDir: string,
  options: { log(message: string): void; waitMs?: number; system?: LockSystem },
): Promise<InstanceLock> {
  const system = options.system ?? realLockSystem;
  const waitMs = options.waitMs ?? 35_000;
  const file = join(dataDir, LOCK_FILE);
  const started = system.startedAt(system.pid);
  const content = (state: LockContent['state']) =>
    `${JSON.stringify({ pid: system.pid, ...(started ? { started } : {}), state })}\n`;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const deadline = system.now() + waitMs;
  let announced = false;
  let unreadable = 0;
  for (;;) {
    try {
      writeFileSync(file, content('running'), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: LockContent | undefined;
    try {
      holder = parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // removed meanwhile: try again
    }
    if (!holder && ++unreadable < 5) {
      await system.sleep(100); // being written by its owner
      continue;
    }
    if (!holder || holder.pid === system.pid || !system.isRunning(holder.pid, holder.started)) {
      try {
        unlinkSync(file);
      } catch {
        // another start took it over first
      }
      continue;
    }
    if (holder.state === 'running') {
      throw new StartupError(
        `DATA_DIR ${dataDir} is in use by another Audio Stream Recorder (pid ${holder.pid}): stop it first, or give this one another DATA_DIR.`,
      );
    }
    if (system.now() > deadline) {
      throw new StartupError(
        `The previous Audio Stream Recorder (pid ${holder.pid}) is still stopping after ${Math.round(waitMs / 1000)} s with DATA_DIR ${dataDir}: end it (kill ${holder.pid}), then start again.`,
      );
    }
    if (!announced) {
      announced = true;
      options.log(
        `Waiting for the previous Audio Stream Recorder (pid ${holder.pid}) to finish stopping...`,
      );
    }
    await system.sleep(200);
  }

  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    try {
      if (parse(readFileSync(file, 'utf8'))?.pid === system.pid) unlinkSync(file);
    } catch {
      // already gone
    }
  };
  system.onExit(release);
  return {
    markStopping() {
      if (held) writeFileSync(file, content('stopping'), { mode: 0o600 });
    },
    release,
  };
}
