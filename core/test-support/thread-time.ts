import { readFileSync } from 'node:fs';

/** Where the main thread (the event loop's) of this process spent its time so far, in ms. */
export interface ThreadTime {
  /** On a CPU. */
  runningMs: number;
  /** Ready to run but waiting for a CPU (the machine was busy with other programs). */
  waitingMs: number;
}

const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;

/**
 * The main thread's running and run-queue waiting time (Linux `schedstat`, nanosecond counters),
 * or null where the kernel does not tell. On a machine shared with other work, a stretch of
 * wall-clock time minus the waiting time in it is what this process's own work took: tests that
 * time the event loop take the waiting out, so that they measure the code, not the neighbours.
 */
export function mainThreadTime(): ThreadTime | null {
  try {
    const [running, waiting] = readFileSync(SCHEDSTAT, 'utf8').trim().split(/\s+/).map(Number);
    if (!Number.isFinite(running) || !Number.isFinite(waiting)) return null;
    return { runningMs: running! / 1e6, waitingMs: waiting! / 1e6 };
  } catch {
    return null;
  }
}
