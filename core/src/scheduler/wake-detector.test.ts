import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { TestClock } from '../ports/test-clock';
import { watchWallClock } from './wake-detector';

describe('watchWallClock', () => {
  it('reports a wall-clock jump (waking from sleep) and nothing while time runs normally', async () => {
    const clock = new TestClock(Date.parse('2026-11-24T06:00:00Z'));
    const jumps: number[] = [];
    const ac = new AbortController();
    const done = watchWallClock(clock, memoryLogger(), (j) => jumps.push(j), ac.signal);
    await clock.advance(120_000);
    expect(jumps).toEqual([]);
    clock.jump(3_600_000); // slept an hour
    await clock.advance(30_000);
    expect(jumps).toEqual([3_600_000]);
    clock.jump(-300_000); // clock set back
    await clock.advance(30_000);
    expect(jumps).toEqual([3_600_000, -300_000]);
    clock.jump(50_000); // small drift is ignored
    await clock.advance(30_000);
    expect(jumps).toHaveLength(2);
    ac.abort();
    await done;
    expect(clock.pending).toBe(0);
  });

  it('a throwing handler is logged and the watch goes on', async () => {
    const clock = new TestClock(0);
    const logger = memoryLogger();
    const ac = new AbortController();
    let calls = 0;
    const done = watchWallClock(
      clock,
      logger,
      () => {
        calls += 1;
        throw new Error('boom');
      },
      ac.signal,
      { checkMs: 1000, jumpMs: 5000 },
    );
    clock.jump(10_000);
    await clock.advance(1000);
    clock.jump(10_000);
    await clock.advance(1000);
    expect(calls).toBe(2);
    expect(logger.entries.some((e) => e.level === 'error' && /boom/.test(e.message))).toBe(true);
    ac.abort();
    await done;
  });
});
