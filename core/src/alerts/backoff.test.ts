import { describe, expect, it } from 'vitest';
import { alertRetryDelayMs } from './backoff';

describe('alertRetryDelayMs', () => {
  it('starts at 30 s and doubles up to 15 min', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 50].map((n) => alertRetryDelayMs(n) / 1000);
    expect(delays).toEqual([30, 60, 120, 240, 480, 900, 900, 900]);
  });

  it('takes other bounds', () => {
    expect(alertRetryDelayMs(1, { baseMs: 100, maxMs: 250 })).toBe(100);
    expect(alertRetryDelayMs(2, { baseMs: 100, maxMs: 250 })).toBe(200);
    expect(alertRetryDelayMs(3, { baseMs: 100, maxMs: 250 })).toBe(250);
  });

  it('a receiver down for an hour gets tried again within 15 min of coming back', () => {
    let elapsed = 0;
    let failures = 0;
    while (elapsed < 3_600_000) elapsed += alertRetryDelayMs(++failures);
    expect(elapsed - 3_600_000).toBeLessThanOrEqual(15 * 60_000);
    expect(failures).toBeLessThan(12);
  });
});
