import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { liveMetricsSource } from './live-metrics';

describe('liveMetricsSource', () => {
  it('reads running recordings and slots from the engine as they are now', () => {
    const active = { count: 2 };
    const slots = { inUse: 2, capacity: 3, waiting: 1 };
    const live = liveMetricsSource({ active, slots, diskPath: tmpdir() });
    expect(live.recordingsRunning()).toBe(2);
    expect(live.slots()).toEqual({ used: 2, total: 3, waiting: 1 });
    active.count = 0;
    slots.inUse = 0;
    expect(live.recordingsRunning()).toBe(0);
    expect(live.slots()).toEqual({ used: 0, total: 3, waiting: 1 });
  });

  it('reads the free space of the data folder; undefined when it cannot be read', async () => {
    const base = { active: { count: 0 }, slots: { inUse: 0, capacity: 1, waiting: 0 } };
    const free = await liveMetricsSource({ ...base, diskPath: tmpdir() }).diskFreeBytes();
    expect(free).toBeGreaterThan(0);
    const faked = liveMetricsSource({ ...base, diskPath: '/x', freeBytes: async () => 42 });
    expect(await faked.diskFreeBytes()).toBe(42);
    const missing = liveMetricsSource({ ...base, diskPath: '/no/such/folder/anywhere' });
    expect(await missing.diskFreeBytes()).toBeUndefined();
  });
});
