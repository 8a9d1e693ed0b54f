import { describe, expect, it } from 'vitest';
import { formatWall, offsetChanges, utcOffsetMinutes, wallClock } from './dst';

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
});
