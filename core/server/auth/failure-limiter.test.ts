import { describe, expect, it } from 'vitest';
import { DEFAULT_FAILURE_LIMITS, FailureLimiter } from './failure-limiter';

function limiter(overrides: Partial<typeof DEFAULT_FAILURE_LIMITS> = {}) {
  const clock = { now: 0 };
  const l = new FailureLimiter({ ...DEFAULT_FAILURE_LIMITS, ...overrides, now: () => clock.now });
  return { l, clock };
}

describe('FailureLimiter', () => {
  it('lets 5 failures pass, then makes the client wait 1, 2, 4, 8, 16 and at most 30 s', () => {
    const { l, clock } = limiter();
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      expect(l.blockedForSeconds('1.2.3.4')).toBe(0);
      l.recordFailure('1.2.3.4');
      const wait = l.blockedForSeconds('1.2.3.4');
      waits.push(wait);
      clock.now += wait * 1000; // the client waits as told
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 30, 30]);
    // per client: another address is not delayed
    expect(l.blockedForSeconds('5.6.7.8')).toBe(0);
  });

  it('tells the seconds left, rounded up, and lets the next attempt through when they passed', () => {
    const { l, clock } = limiter({ freeFailures: 0, firstDelayMs: 4000 });
    l.recordFailure('a');
    clock.now = 1500;
    expect(l.blockedForSeconds('a')).toBe(3);
    clock.now = 4000;
    expect(l.blockedForSeconds('a')).toBe(0);
  });

  it('forgets a client after a success, or after a quiet stretch', () => {
    const { l, clock } = limiter({ freeFailures: 1 });
    l.recordFailure('a');
    l.recordFailure('a');
    expect(l.blockedForSeconds('a')).toBeGreaterThan(0);
    l.reset('a');
    expect(l.blockedForSeconds('a')).toBe(0);
    l.recordFailure('a'); // free again after the reset
    expect(l.blockedForSeconds('a')).toBe(0);

    l.recordFailure('b');
    clock.now += DEFAULT_FAILURE_LIMITS.forgetAfterMs + 1;
    l.recordFailure('b'); // the first one was forgotten: this one is free
    expect(l.blockedForSeconds('b')).toBe(0);
  });

  it('tracks a bounded number of clients', () => {
    const { l } = limiter({ freeFailures: 0, maxClients: 3 });
    for (const ip of ['a', 'b', 'c', 'd']) l.recordFailure(ip);
    expect(l.blockedForSeconds('a')).toBe(0);
    expect(l.blockedForSeconds('d')).toBeGreaterThan(0);
  });
});
