import { describe, expect, it } from 'vitest';
import { formatRunDay } from './run-day';

const now = new Date('2026-12-02T16:00:00Z');
const opts = { now, timeZone: 'Europe/Berlin', locale: 'en-GB' };

describe('formatRunDay', () => {
  it('always says the day of a run', () => {
    expect(formatRunDay('2026-12-02T18:30:00Z', opts)).toBe('Today 19:30');
    expect(formatRunDay('2026-12-03T06:00:00Z', opts)).toBe('Tomorrow 07:00');
    expect(formatRunDay('2026-12-07T06:00:00Z', opts)).toBe('Mon 7 Dec, 07:00');
    expect(formatRunDay('2027-01-04T06:00:00Z', opts)).toBe('Mon, 4 Jan 2027, 07:00');
  });

  it('reads the day on the given clock', () => {
    // 23:30 UTC on the 2nd is already the 3rd in Berlin
    expect(formatRunDay('2026-12-02T23:30:00Z', opts)).toBe('Tomorrow 00:30');
    expect(formatRunDay(null, opts)).toBe('—');
  });
});
