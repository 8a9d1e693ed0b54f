import { describe, expect, it } from 'vitest';
import {
  dayKey,
  formatBitRate,
  formatBytes,
  formatClock,
  formatDateTime,
  formatDuration,
  formatIn,
  secondsSince,
} from './format';

describe('formatBytes', () => {
  it('reads like a disk size', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.5 KB');
    expect(formatBytes(96_000)).toBe('96 KB');
    expect(formatBytes(1_234_567)).toBe('1.2 MB');
    expect(formatBytes(250_000_000_000)).toBe('250 GB');
    expect(formatBytes(null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('names the two largest units', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(6)).toBe('6 s');
    expect(formatDuration(5.97)).toBe('6 s');
    expect(formatDuration(303)).toBe('5 min 03 s');
    expect(formatDuration(3600)).toBe('1 h 00 min');
    expect(formatDuration(3900)).toBe('1 h 05 min');
    expect(formatDuration(86_400 + 3 * 3600)).toBe('1 d 3 h');
    expect(formatDuration(undefined)).toBe('—');
  });
  it('formats a running clock', () => {
    expect(formatClock(7)).toBe('0:07');
    expect(formatClock(754)).toBe('12:34');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});

describe('dayKey', () => {
  it("is the date in the given zone (the user's when none), the same on every call", () => {
    const late = new Date('2026-11-24T23:30:00Z');
    expect(dayKey(late, 'UTC')).toBe('2026-11-24');
    expect(dayKey(late, 'Europe/Berlin')).toBe('2026-11-25');
    expect(dayKey(late, 'Europe/Berlin')).toBe('2026-11-25');
    expect(dayKey(late, undefined)).toBe(
      dayKey(late, Intl.DateTimeFormat().resolvedOptions().timeZone),
    );
  });
});

describe('formatDateTime', () => {
  const now = new Date('2026-11-24T12:00:00Z');
  const options = { timeZone: 'Europe/Berlin', locale: 'en-GB', now };
  it('says today, yesterday and tomorrow with the time, in the given time zone', () => {
    expect(formatDateTime('2026-11-24T06:00:00.000Z', options)).toBe('Today 07:00');
    expect(formatDateTime('2026-11-23T20:30:00.000Z', options)).toBe('Yesterday 21:30');
    expect(formatDateTime('2026-11-25T05:00:00.000Z', options)).toBe('Tomorrow 06:00');
  });
  it('uses the local date: 23:30 UTC is already the next day in Berlin', () => {
    expect(formatDateTime('2026-11-23T23:30:00.000Z', options)).toBe('Today 00:30');
    expect(formatDateTime('2026-11-24T23:30:00.000Z', options)).toBe('Tomorrow 00:30');
  });
  it('shows the weekday and date further away, with the year only when it is another', () => {
    expect(formatDateTime('2026-11-01T08:00:00.000Z', options)).toBe('Sun 1 Nov, 09:00');
    expect(formatDateTime('2026-12-07T06:00:00.000Z', options)).toBe('Mon 7 Dec, 07:00');
    expect(formatDateTime('2027-01-04T06:00:00.000Z', options)).toBe('Mon, 4 Jan 2027, 07:00');
  });
  it('never answers ISO or UTC text', () => {
    const text = formatDateTime('2026-12-02T02:10:08.213Z', { ...options, timeZone: 'UTC' });
    expect(text).toBe('Wed 2 Dec, 02:10');
    expect(text).not.toMatch(/T\d\d:|Z$|UTC/);
  });
  it('shows the seconds when asked (log lines), in the same words', () => {
    const seconds = { ...options, seconds: true };
    expect(formatDateTime('2026-11-24T06:00:09.000Z', seconds)).toBe('Today 07:00:09');
    expect(formatDateTime('2026-11-23T20:30:05.000Z', seconds)).toBe('Yesterday 21:30:05');
    expect(formatDateTime('2026-12-07T06:00:00.000Z', seconds)).toBe('Mon 7 Dec, 07:00:00');
  });
  it('copes with nothing', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
  it('counts seconds since a start', () => {
    expect(secondsSince('2026-11-24T11:59:50.000Z', now.getTime())).toBe(10);
    expect(secondsSince('2026-11-24T12:00:10.000Z', now.getTime())).toBe(0);
  });
});

describe('formatIn', () => {
  const now = Date.parse('2026-12-02T02:10:00.000Z');
  it('says how far ahead a time is, never as ISO text', () => {
    expect(formatIn('2026-12-02T02:10:08.213Z', now)).toBe('in 9 s');
    expect(formatIn('2026-12-02T02:13:00.000Z', now)).toBe('in 3 min');
    expect(formatIn('2026-12-02T04:15:00.000Z', now)).toBe('in 2 h 05 min');
    expect(formatIn('2026-12-02T02:09:00.000Z', now)).toBe('now');
    expect(formatIn(null, now)).toBe('—');
  });
});

describe('formatBitRate', () => {
  it('reads kb/s', () => {
    expect(formatBitRate(127.6)).toBe('128 kb/s');
    expect(formatBitRate(null)).toBe('—');
  });
});
