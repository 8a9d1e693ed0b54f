import { describe, expect, it } from 'vitest';
import { RetryPolicy } from './retry-policy';

describe('RetryPolicy', () => {
  it('backs off exponentially on one URL, capped, growing with every round', () => {
    const p = new RetryPolicy(1, { baseDelayMs: 500, maxDelayMs: 4000, maxFailuresPerUrl: 3 });
    const delays = Array.from({ length: 12 }, () => p.failed().delayMs);
    expect(delays).toEqual([500, 1000, 1000, 1000, 2000, 2000, 2000, 4000, 4000, 4000, 4000, 4000]);
    expect(p.urlIndex).toBe(0);
  });

  it('reconnects at once after a good part and resets the backoff', () => {
    const p = new RetryPolicy(1);
    p.failed();
    p.failed();
    expect(p.succeeded()).toEqual({ urlIndex: 0, delayMs: 0, switched: false, wrapped: false });
    expect(p.failed().delayMs).toBe(500);
    expect(p.failures).toBe(1);
  });

  it('fails over after maxFailuresPerUrl, quickly, then wraps around to the primary', () => {
    const p = new RetryPolicy(3, { maxFailuresPerUrl: 2 });
    const seen = Array.from({ length: 8 }, () => p.failed());
    expect(seen.map((d) => d.urlIndex)).toEqual([0, 1, 1, 2, 2, 0, 0, 1]);
    expect(seen.map((d) => d.delayMs)).toEqual([500, 500, 500, 500, 500, 1000, 1000, 1000]);
    expect(seen[1]).toMatchObject({ switched: true, wrapped: false });
    expect(seen[5]).toMatchObject({ switched: true, wrapped: true });
  });

  it('keeps the URL after a success and never goes below one failure per URL', () => {
    const p = new RetryPolicy(2, { maxFailuresPerUrl: 0 });
    expect(p.failed()).toMatchObject({ urlIndex: 1, switched: true });
    expect(p.succeeded().urlIndex).toBe(1);
    expect(() => new RetryPolicy(0)).toThrow();
  });
});
