import { describe, expect, it } from 'vitest';
import { assertTimeZone, formatLocalDate, formatLocalTime, localDateTime } from './local-time';

describe('localDateTime', () => {
  it('reads the wall clock of the time zone', () => {
    const t = localDateTime(new Date('2026-07-01T22:05:09Z'), 'Europe/Berlin');
    expect(t).toEqual({ year: 2026, month: 7, day: 2, hour: 0, minute: 5, second: 9 });
    expect(formatLocalDate(t)).toBe('2026-07-02');
    expect(formatLocalTime(t)).toBe('00-05-09');
  });

  it('prints midnight as 00, never 24', () => {
    const t = localDateTime(new Date('2026-01-01T00:00:00Z'), 'UTC');
    expect(formatLocalTime(t)).toBe('00-00-00');
  });

  it('accepts known zones and refuses unknown ones', () => {
    expect(() => assertTimeZone('America/New_York')).not.toThrow();
    expect(() => assertTimeZone('Europe/Atlantis')).toThrow(/Unknown time zone/);
  });
});
