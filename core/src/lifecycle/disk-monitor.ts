import type { ActiveRecordings } from '../pipeline/active-recordings';
import type { Logger } from '../ports/logger';
import { lowDiskMessage, tightestDiskCheck, type DiskGuardDeps } from './disk-guard';
import type { DiskCheck } from './disk-space';

export interface DiskMonitorDeps extends DiskGuardDeps {
  active: Pick<ActiveRecordings, 'ids' | 'stop'>;
  logger: Logger;
  /** Told when it stops recordings for lack of space (the disk.low alert). */
  onLow?: (check: DiskCheck) => void;
  /** How often to look while something records (default 2 s). */
  intervalMs?: number;
}

export interface DiskMonitor {
  /** One look now (the timer calls it; tests call it directly). */
  check(): Promise<void>;
  stop(): void;
}

/**
 * While recordings run, looks at the free space every few seconds; when it drops under
 * minFreeDiskMb, stops every running recording cleanly (ActiveRecordings.stop: what was captured
 * is processed) and logs a DISK_FULL error for each. Recordings are never stopped ahead of time:
 * only once the space is really under the threshold.
 */
export function startDiskMonitor(deps: DiskMonitorDeps): DiskMonitor {
  const stopped = new Set<string>();
  let busy = false;
  const check = async () => {
    if (busy) return;
    busy = true;
    try {
      const ids = deps.active.ids();
      for (const id of stopped) if (!ids.includes(id)) stopped.delete(id);
      const running = ids.filter((id) => !stopped.has(id));
      if (running.length === 0 || deps.minFreeDiskMb() <= 0) return;
      const low = await tightestDiskCheck(deps);
      if (low.ok) return;
      deps.onLow?.(low);
      for (const id of running) {
        stopped.add(id);
        const message = `DISK_FULL: ${lowDiskMessage(low, 'the recording is stopped now and what was captured is processed.')}`;
        deps.logger.error(message, { sessionId: id });
        try {
          deps.active.stop(id, message, 'disk-full');
        } catch {
          // it ended meanwhile
        }
      }
    } catch (err) {
      deps.logger.warn(`Could not read the free disk space: ${(err as Error).message}`);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void check(), deps.intervalMs ?? 2000);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
