import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  it('blocks the 10th attempt after 9 failures within a minute, per client', () => {
    let now = 0;
    const limiter = new FailureLimiter({ maxFailures: 9, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 9; i++) {
      expect(limiter.blockedForSeconds('1.2.3.4')).toBe(0);
      limiter.recordFailure('1.2.3.4');
      now += 1000;
    }
    expect(limiter.blockedForSeconds('1.2.3.4')).toBe(51);
    expect(limiter.blockedForSeconds('5.6.7.8')).toBe(0);
    now = 60_001; // the first failure left the window
    expect(limiter.blockedForSeconds('1.2.3.4')).toBe(0);
  });

  it('forgets a client after a success', () => {
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 60_000, now: () => 0 });
    limiter.recordFailure('a');
    limiter.recordFailure('a');
    expect(limiter.blockedForSeconds('a')).toBeGreaterThan(0);
    limiter.reset('a');
    expect(limiter.blockedForSeconds('a')).toBe(0);
  });

  it('tracks a bounded number of clients', () => {
    const limiter = new FailureLimiter({
      maxFailures: 1,
      windowMs: 60_000,
      now: () => 0,
      maxClients: 3,
    });
    for (const ip of ['a', 'b', 'c', 'd']) limiter.recordFailure(ip);
    expect(limiter.blockedForSeconds('a')).toBe(0);
    expect(limiter.blockedForSeconds('d')).toBeGreaterThan(0);
  });
});
