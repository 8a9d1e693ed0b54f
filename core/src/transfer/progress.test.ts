import { describe, expect, it } from 'vitest';
import type { Clock } from '../ports/clock';
import { createProgressReporter } from './progress';

function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000;
  return {
    now: () => now,
    sleep: () => Promise.resolve(),
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('createProgressReporter', () => {
  it('reports the first value, then at most every interval, and always the total', () => {
    const clock = manualClock();
    const seen: number[] = [];
    const p = createProgressReporter((b) => seen.push(b), 1000, clock, 200);
    p.report(0);
    p.report(100); // too soon
    clock.advance(250);
    p.report(300);
    p.report(1000); // the total is never held back
    expect(seen).toEqual([0, 300, 1000]);
    p.finish();
    expect(seen).toEqual([0, 300, 1000]);
  });

  it('never goes backwards (a fallback restarts the count at 0) and clamps to the total', () => {
    const clock = manualClock();
    const seen: number[] = [];
    const p = createProgressReporter((b) => seen.push(b), 1000, clock, 0);
    p.report(600);
    p.report(100);
    p.report(600);
    p.report(5000);
    expect(seen).toEqual([600, 1000]);
  });

  it('finish() reports the total once when it was not reached', () => {
    const seen: Array<[number, number]> = [];
    const p = createProgressReporter((b, t) => seen.push([b, t]), 10, manualClock());
    p.finish();
    p.finish();
    expect(seen).toEqual([[10, 10]]);
  });

  it('works without a callback', () => {
    const p = createProgressReporter(undefined, 10, manualClock());
    expect(() => {
      p.report(5);
      p.finish();
    }).not.toThrow();
  });
});
