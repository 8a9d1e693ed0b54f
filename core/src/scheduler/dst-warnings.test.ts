import { describe, expect, it, vi } from 'vitest';
import { dstWarnings } from './dst-warnings';

const at = (s: string) => Date.parse(s);

describe('dstWarnings', () => {
  it('warns for a run moved out of the skipped hour (Berlin, March)', () => {
    const w = dstWarnings('Europe/Berlin', [
      at('2026-03-28T01:30:00Z'),
      at('2026-03-29T01:00:00Z'),
    ]);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('2026-03-29 03:00');
    expect(w[0]).toMatch(/go forward from 02:00 to 03:00/);
    expect(w[0]).toMatch(/runs once, at 03:00/);
  });

  it('warns for a run in the repeated hour (Berlin, October)', () => {
    const w = dstWarnings('Europe/Berlin', [
      at('2026-10-25T00:30:00Z'),
      at('2026-10-26T01:30:00Z'),
    ]);
    expect(w).toHaveLength(1);
    expect(w[0]).toContain('2026-10-25 02:30');
    expect(w[0]).toMatch(/go back from 03:00 to 02:00/);
    expect(w[0]).toMatch(/happen twice/);
  });

  it('warns in New York too, and not for ordinary runs or zones without DST', () => {
    expect(dstWarnings('America/New_York', [at('2026-11-01T05:30:00Z')])[0]).toMatch(
      /go back from 02:00 to 01:00/,
    );
    expect(dstWarnings('America/New_York', [at('2026-03-08T07:00:00Z')])[0]).toMatch(
      /go forward from 02:00 to 03:00/,
    );
    expect(dstWarnings('Europe/Berlin', [at('2026-06-01T04:00:00Z')])).toEqual([]);
    expect(dstWarnings('UTC', [at('2026-03-29T01:00:00Z')])).toEqual([]);
    expect(dstWarnings('Europe/Berlin', [])).toEqual([]);
    // three hours away from the change: no warning
    expect(dstWarnings('Europe/Berlin', [at('2026-03-29T04:00:00Z')])).toEqual([]);
  });

  it('looks only around the runs: 50 leap days (200 years) cost as little as 50 days in a row', () => {
    // 0 0 29 2 * in Berlin: the preview of 50 runs spans two centuries
    const leapDays: number[] = [];
    for (let year = 2028; leapDays.length < 50; year += 4) {
      if (year % 100 !== 0 || year % 400 === 0) leapDays.push(Date.UTC(year, 1, 28, 23));
    }
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      expect(dstWarnings('Europe/Berlin', leapDays)).toEqual([]);
      // two offset reads per run (before and after it); the old scan read every hour: 1.75 million
      expect(spy.mock.calls.length).toBeLessThanOrEqual(100);
    } finally {
      spy.mockRestore();
    }
  });
});
