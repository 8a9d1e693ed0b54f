import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { turnTaker } from './turns';

function busy(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
}

describe('turnTaker', () => {
  it('lets timers run between items once the budget is spent', async () => {
    const turn = turnTaker(10);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    // for each item of 5 ms: how many timer ticks had run before it
    const seen: number[] = [];
    for (let i = 0; i < 60; i++) {
      seen.push(ticks);
      busy(5);
      await turn();
    }
    clearInterval(timer);
    // the longest stretch of items with no timer tick between them: the 10 ms budget holds two
    // or three items of 5 ms, however busy the machine is (the items are timed by the wall clock,
    // as the budget is), so the loop never waits for all 300 ms of work
    let run = 1;
    let longestRun = 1;
    for (let i = 1; i < seen.length; i++) {
      run = seen[i] === seen[i - 1] ? run + 1 : 1;
      longestRun = Math.max(longestRun, run);
    }
    expect(ticks).toBeGreaterThan(10);
    expect(longestRun).toBeLessThanOrEqual(4);
  });

  it('does not yield while within the budget', async () => {
    const turn = turnTaker(1000);
    let ran = false;
    const immediate = setImmediate(() => (ran = true));
    for (let i = 0; i < 100; i++) await turn();
    expect(ran).toBe(false);
    clearImmediate(immediate);
  });
});
