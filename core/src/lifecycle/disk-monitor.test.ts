import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { memoryLogger } from '../ports/logger';
import { startDiskMonitor, type DiskMonitor } from './disk-monitor';
import type { DiskCheck, DiskSpace } from './disk-space';

const MB = 1024 * 1024;
let monitor: DiskMonitor | undefined;
afterEach(() => monitor?.stop());

function world(ids: string[], freeMb: { value: number }, minFreeMb = 100) {
  const stops: string[] = [];
  const lows: DiskCheck[] = [];
  let statfsCalls = 0;
  const disk: DiskSpace = {
    free: async () => {
      statfsCalls += 1;
      return { freeBytes: freeMb.value * MB, totalBytes: 1000 * MB };
    },
  };
  const logger = memoryLogger();
  monitor = startDiskMonitor({
    folders: { recordingsDir: '/rec', partsDir: '/parts' },
    minFreeDiskMb: () => minFreeMb,
    disk,
    logger,
    intervalMs: 60_000,
    onLow: (check) => lows.push(check),
    active: {
      ids: () => [...ids],
      stop: (id) => {
        stops.push(id);
        if (id === 'gone') throw new AppError('CONFLICT', 'not recording');
      },
    },
  });
  return { stops, lows, logger, statfs: () => statfsCalls, monitor };
}

describe('startDiskMonitor', () => {
  it('does not look while nothing records, and stops nothing while there is space', async () => {
    const idle = world([], { value: 1 });
    await idle.monitor.check();
    expect(idle.statfs()).toBe(0);
    monitor?.stop();
    const fine = world(['a'], { value: 100 });
    await fine.monitor.check();
    expect(fine.statfs()).toBeGreaterThan(0);
    expect(fine.stops).toEqual([]);
    expect(fine.lows).toEqual([]);
  });

  it('stops every running recording once the space drops under the minimum, and says why', async () => {
    const free = { value: 150 };
    const w = world(['a', 'b', 'gone'], free);
    await w.monitor.check();
    expect(w.stops).toEqual([]);
    free.value = 99.5;
    await w.monitor.check();
    expect(w.stops).toEqual(['a', 'b', 'gone']);
    const errors = w.logger.entries.filter((e) => e.level === 'error');
    expect(errors.map((e) => e.sessionId)).toEqual(['a', 'b', 'gone']);
    expect(errors[0]!.message).toMatch(
      /^DISK_FULL: Only 99 MB free .*minimum is 100 MB, setting minFreeDiskMb.*stopped now and what was captured is processed/,
    );
    // asked once per recording, not at every look; told once (the disk.low alert)
    await w.monitor.check();
    expect(w.stops).toHaveLength(3);
    expect(w.lows).toEqual([{ dir: '/parts', freeMb: 99.5, minFreeMb: 100, ok: false }]);
  });

  it('never stops anything when the guard is off (minFreeDiskMb 0)', async () => {
    const w = world(['a'], { value: 0 }, 0);
    await w.monitor.check();
    expect(w.stops).toEqual([]);
  });
});
