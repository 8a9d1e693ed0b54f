import { describe, expect, it, vi } from 'vitest';
import {
  formatWall,
  formatWallWords,
  MAX_SCAN_SPAN_MS,
  offsetChanges,
  offsetChangesNear,
  utcOffsetMinutes,
  wallClock,
} from './dst';

const at = (s: string) => Date.parse(s);

describe('dst', () => {
  it('reads offsets and wall clocks', () => {
    expect(utcOffsetMinutes('Europe/Berlin', at('2026-01-10T12:00:00Z'))).toBe(60);
    expect(utcOffsetMinutes('Europe/Berlin', at('2026-07-10T12:00:00Z'))).toBe(120);
    expect(utcOffsetMinutes('America/New_York', at('2026-07-10T12:00:00Z'))).toBe(-240);
    expect(utcOffsetMinutes('Asia/Kolkata', at('2026-07-10T12:00:00.500Z'))).toBe(330);
    expect(wallClock('Europe/Berlin', at('2026-10-24T22:00:00Z'))).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 0,
      minute: 0,
      second: 0,
    });
    expect(formatWall('America/New_York', at('2026-11-24T05:00:00Z'))).toBe('2026-11-24 00:00');
  });

  it('words a moment as the UI does, on the zone\'s wall clock ("Tue 24 Nov, 07:30")', () => {
    expect(formatWallWords('Europe/Berlin', at('2026-11-24T06:30:00Z'))).toBe('Tue 24 Nov, 07:30');
    // past midnight UTC is still the day before in New York; 24-hour clock
    expect(formatWallWords('America/New_York', at('2026-11-25T03:05:00Z'))).toBe(
      'Tue 24 Nov, 22:05',
    );
  });

  it('finds the changes of a year to the minute', () => {
    const changes = offsetChanges(
      'Europe/Berlin',
      at('2026-01-01T00:00:00Z'),
      at('2027-01-01T00:00:00Z'),
    );
    expect(changes).toEqual([
      { at: at('2026-03-29T01:00:00Z'), offsetBefore: 60, offsetAfter: 120 },
      { at: at('2026-10-25T01:00:00Z'), offsetBefore: 120, offsetAfter: 60 },
    ]);
    expect(
      offsetChanges('America/New_York', at('2026-03-08T00:00:00Z'), at('2026-03-09T00:00:00Z')),
    ).toEqual([{ at: at('2026-03-08T07:00:00Z'), offsetBefore: -300, offsetAfter: -240 }]);
    // Lord Howe shifts by 30 minutes
    const lh = offsetChanges(
      'Australia/Lord_Howe',
      at('2026-01-01T00:00:00Z'),
      at('2027-01-01T00:00:00Z'),
    );
    expect(lh.map((c) => Math.abs(c.offsetAfter - c.offsetBefore))).toEqual([30, 30]);
    expect(offsetChanges('UTC', at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'))).toEqual(
      [],
    );
  });

  it('scans at most a little over a year at once', () => {
    const from = at('2026-01-01T00:00:00Z');
    expect(() => offsetChanges('Europe/Berlin', from, from + MAX_SCAN_SPAN_MS + 60_000)).toThrow(
      RangeError,
    );
    expect(offsetChanges('Europe/Berlin', from, from + MAX_SCAN_SPAN_MS)).toHaveLength(2);
  });

  it('finds the changes near given instants: the same as a full scan, each once', () => {
    const hour = 3_600_000;
    for (const tz of ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'UTC']) {
      const from = at('2026-01-01T00:00:00Z');
      const all = offsetChanges(tz, from, at('2027-01-01T00:00:00Z'));
      // instants at, next to and far from each change, some within 3 h of each other
      const instants = all.flatMap((c) => [c.at - 5 * hour, c.at - 2 * hour, c.at, c.at + hour]);
      instants.push(at('2026-06-15T12:00:00Z'), at('2026-06-15T13:00:00Z'));
      const expected = all.filter((c) => instants.some((t) => Math.abs(t - c.at) <= 3 * hour));
      expect(offsetChangesNear(tz, instants, 3 * hour)).toEqual(expected);
      // one instant 3 h 1 min away sees nothing
      expect(
        offsetChangesNear(
          tz,
          all.map((c) => c.at - 3 * hour - 60_000),
          3 * hour,
        ),
      ).toEqual([]);
    }
  });

  it('looks only around the instants: 50 instants 200 years apart cost a few hundred reads', () => {
    const reads = countOffsetReads(() =>
      offsetChangesNear(
        'Europe/Berlin',
        Array.from(
          { length: 50 },
          (_, i) => at('2028-02-29T00:00:00Z') + i * 4 * 365.25 * 86_400_000,
        ),
        3 * 3_600_000,
      ),
    );
    expect(reads).toBeLessThanOrEqual(50 * 2);
  });
});

/** How many wall-clock reads (Intl formatToParts calls) `work` makes. */
function countOffsetReads(work: () => unknown): number {
  const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
  try {
    work();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}
