import { describe, expect, it } from 'vitest';
import { secondsWithin110 } from './ratio-row';

describe('secondsWithin110', () => {
  it('shows both times, the ratio and whether it is at most 1.10×', () => {
    expect(secondsWithin110('processing', '1 h: wall time', 10.5, 10, 1)).toEqual({
      section: 'processing',
      measure: '1 h: wall time',
      app: '10.5 s',
      baseline: '10.0 s',
      ratio: '1.05×',
      goal: '≤ 1.10×',
      met: true,
      values: { app: 10.5, baseline: 10, ratio: 1.05, unit: 's' },
    });
    expect(secondsWithin110('s', 'm', 12, 10, 2)).toMatchObject({ app: '12.00 s', met: false });
  });

  it('misses the goal when there is no ratio', () => {
    expect(secondsWithin110('s', 'm', 5, 0, 2)).toMatchObject({ ratio: 'n/a', met: false });
  });
});
