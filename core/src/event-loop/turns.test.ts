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
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(performance.now()), 1);
    let longest = 0;
    let last = performance.now();
    const probe = setInterval(() => {
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 1);
    for (let i = 0; i < 60; i++) {
      busy(5);
      await turn();
    }
    clearInterval(timer);
    clearInterval(probe);
    expect(ticks.length).toBeGreaterThan(0);
    // 300 ms of work, held for about the budget plus one item at a time (on a loaded machine)
    expect(longest).toBeLessThan(150);
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
