import { describe, expect, it } from 'vitest';
import { mainThreadTime } from './thread-time';

describe('mainThreadTime', () => {
  it('counts the time the main thread runs (Linux: schedstat)', () => {
    const before = mainThreadTime();
    expect(before).not.toBeNull();
    const started = process.cpuUsage();
    let spent = 0;
    while (spent < 30_000) {
      const used = process.cpuUsage(started);
      spent = used.user + used.system;
    }
    const after = mainThreadTime()!;
    // 30 ms of CPU on this thread; the counters only grow
    expect(after.runningMs - before!.runningMs).toBeGreaterThanOrEqual(25);
    expect(after.waitingMs).toBeGreaterThanOrEqual(before!.waitingMs);
  });
});
