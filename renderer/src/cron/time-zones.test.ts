import { describe, expect, it } from 'vitest';
import {
  currentOffsetLabel,
  formatRunInZone,
  sameClock,
  timeZoneLabel,
  timeZoneNames,
} from './time-zones';

describe('time zones', () => {
  it('lists the zones the runtime knows, with UTC, sorted, without repeats or unknown ones', () => {
    const names = timeZoneNames(['Europe/Berlin', 'UTC', 'Mars/Olympus', null]);
    expect(names).toContain('Europe/Berlin');
    expect(names).toContain('America/New_York');
    expect(names).toContain('UTC');
    expect(names).not.toContain('Mars/Olympus');
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
  });

  it('labels a zone with its offset on that day', () => {
    expect(currentOffsetLabel('Europe/Berlin', new Date('2026-01-15T12:00:00Z'))).toBe('UTC+01:00');
    expect(currentOffsetLabel('Europe/Berlin', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+02:00');
    expect(currentOffsetLabel('UTC', new Date('2026-07-15T12:00:00Z'))).toBe('UTC+00:00');
    expect(timeZoneLabel('America/New_York', new Date('2026-01-15T12:00:00Z'))).toBe(
      'America/New York (UTC-05:00)',
    );
  });

  it('shows a run on the clock of the given zone', () => {
    const run = '2026-11-25T05:30:00.000Z';
    expect(formatRunInZone(run, 'Europe/Berlin', 'en-GB')).toMatch(/Wed.*25 Nov.*06:30/);
    expect(formatRunInZone(run, 'Asia/Tokyo', 'en-GB')).toMatch(/Wed.*25 Nov.*14:30/);
    expect(formatRunInZone('nonsense', 'UTC')).toBe('—');
  });

  it('knows when two zones read the same clock', () => {
    const winter = '2026-01-15T12:00:00Z';
    expect(sameClock('Europe/Berlin', 'Europe/Paris', winter)).toBe(true);
    expect(sameClock('Europe/Berlin', 'Europe/London', winter)).toBe(false);
  });
});
