import { describe, expect, it, vi } from 'vitest';
import { isAppError } from '../errors';
import { cronerCalendar as cal } from './cron-calendar';

const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString());
const at = (s: string) => Date.parse(s);
/** The runs of `expr` in `tz` from `from` to `to` (at most 9), as ISO times. */
const runs = (expr: string, tz: string, from: string, to: string) =>
  iso(cal.between(expr, tz, at(from), at(to), 9));

function validationOf(expr: string, tz: string) {
  try {
    cal.validate(expr, tz);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { field: error.field, message: error.message, code: error.code };
  }
  return undefined;
}

describe('cronerCalendar', () => {
  it('computes runs in the schedule time zone', () => {
    // 06:00 in Berlin in winter is 05:00 UTC; in New York 11:00 UTC
    expect(iso([cal.next('0 6 * * *', 'Europe/Berlin', at('2026-11-24T06:00:00Z'))!])).toEqual([
      '2026-11-25T05:00:00.000Z',
    ]);
    expect(iso([cal.next('0 6 * * *', 'America/New_York', at('2026-11-24T06:00:00Z'))!])).toEqual([
      '2026-11-24T11:00:00.000Z',
    ]);
  });

  it('next is strictly after; latest includes a run exactly at upTo; between is (after, upTo]', () => {
    const t = at('2026-11-24T05:00:00Z');
    expect(cal.next('0 6 * * *', 'Europe/Berlin', t)).toBe(at('2026-11-25T05:00:00Z'));
    expect(cal.next('0 6 * * *', 'Europe/Berlin', t - 1)).toBe(t);
    expect(iso(cal.latest('0 6 * * *', 'Europe/Berlin', t, 2))).toEqual([
      '2026-11-24T05:00:00.000Z',
      '2026-11-23T05:00:00.000Z',
    ]);
    expect(
      iso(cal.between('0 6 * * *', 'Europe/Berlin', t - 86_400_000, t + 86_400_000, 10)),
    ).toEqual(['2026-11-24T05:00:00.000Z', '2026-11-25T05:00:00.000Z']);
    expect(cal.between('* * * * *', 'UTC', t, t + 3_600_000, 5)).toHaveLength(5);
    expect(cal.between('* * * * *', 'UTC', t, t, 5)).toEqual([]);
  });

  it('computes a seconds field (6 fields: schedules stored before the 5-field rule) and nicknames', () => {
    const t = at('2026-11-24T05:00:10Z');
    expect(iso(cal.between('0,30 * * * * *', 'UTC', t, t + 60_000, 5))).toEqual([
      '2026-11-24T05:00:30.000Z',
      '2026-11-24T05:01:00.000Z',
    ]);
    expect(cal.next('@daily', 'UTC', t)).toBe(at('2026-11-25T00:00:00Z'));
  });

  describe('DST, Europe/Berlin (documented in CRON_OPTIONS)', () => {
    const tz = 'Europe/Berlin';
    it('spring forward: a run in the skipped hour runs once, at 03:00 CEST', () => {
      // 2026-03-29: 02:00 CET → 03:00 CEST (01:00 UTC)
      expect(runs('30 2 * * *', tz, '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
        '2026-03-29T01:00:00.000Z',
        '2026-03-30T00:30:00.000Z',
      ]);
      // a list of times in the gap also runs once
      expect(runs('0,30 2 * * *', tz, '2026-03-28T12:00:00Z', '2026-03-29T12:00:00Z')).toEqual([
        '2026-03-29T01:00:00.000Z',
      ]);
    });

    it('fall back: a run in the repeated hour runs once, on the first pass (CEST)', () => {
      // 2026-10-25: 03:00 CEST → 02:00 CET (01:00 UTC)
      expect(runs('30 2 * * *', tz, '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
        '2026-10-25T00:30:00.000Z',
        '2026-10-26T01:30:00.000Z',
      ]);
      // hour lists are fixed times too (croner's default would run 02:30 twice)
      expect(runs('30 2,14 * * *', tz, '2026-10-24T20:00:00Z', '2026-10-25T20:00:00Z')).toEqual([
        '2026-10-25T00:30:00.000Z',
        '2026-10-25T13:30:00.000Z',
      ]);
    });

    it('interval schedules keep their real-time rhythm through both changes', () => {
      expect(runs('0 * * * *', tz, '2026-10-24T23:30:00Z', '2026-10-25T02:30:00Z')).toEqual([
        '2026-10-25T00:00:00.000Z', // 02:00 CEST
        '2026-10-25T01:00:00.000Z', // 02:00 CET, the repeated hour
        '2026-10-25T02:00:00.000Z',
      ]);
      expect(runs('0 * * * *', tz, '2026-03-28T23:30:00Z', '2026-03-29T02:30:00Z')).toEqual([
        '2026-03-29T00:00:00.000Z', // 01:00 CET
        '2026-03-29T01:00:00.000Z', // 03:00 CEST: 02:00 does not exist
        '2026-03-29T02:00:00.000Z',
      ]);
    });
  });

  describe('DST, America/New_York', () => {
    const tz = 'America/New_York';
    it('spring forward (2026-03-08): 02:30 runs once, at 03:00 EDT', () => {
      expect(runs('30 2 * * *', tz, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z')).toEqual([
        '2026-03-08T07:00:00.000Z',
        '2026-03-09T06:30:00.000Z',
      ]);
    });
    it('fall back (2026-11-01): 01:30 runs once, at 01:30 EDT', () => {
      expect(runs('30 1 * * *', tz, '2026-10-31T12:00:00Z', '2026-11-02T12:00:00Z')).toEqual([
        '2026-11-01T05:30:00.000Z',
        '2026-11-02T06:30:00.000Z',
      ]);
    });
  });

  describe('validate', () => {
    it('accepts good pairs', () => {
      expect(validationOf('0 6 * * 1-5', 'Europe/Berlin')).toBeUndefined();
      expect(validationOf('@hourly', 'America/New_York')).toBeUndefined();
    });

    it.each([
      ['* * *', /has 3 fields, not 5/],
      ['61 * * * *', /minute: 61/],
      ['*/0 * * * *', /stepping: 0/],
      ['0 0 0 1 1 * 2030', /has 7 fields, not 5/],
      // a seconds field: refused, though the calendar still computes stored ones (above)
      ['*/10 * * * * *', /has 6 fields: the first is seconds/],
      ['hello world', /has 2 fields/],
      ['hello world x y z', /not valid/],
      ['0 25 * * *', /hour/],
      ['0 0 31 2 *', /never runs/],
    ])('refuses %s naming cronExpression', (expr, message) => {
      const v = validationOf(expr, 'UTC');
      expect(v).toMatchObject({ code: 'VALIDATION_FAILED', field: 'cronExpression' });
      expect(v?.message).toMatch(message);
    });

    it('refuses an unknown zone naming timezone', () => {
      expect(validationOf('0 6 * * *', 'Mars/Olympus')).toMatchObject({ field: 'timezone' });
    });
  });

  it('only computes: no timer is started, so the UI may use it too', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const setIntervalSpy = vi.spyOn(globalThis, 'setInterval');
    try {
      const t = at('2026-11-24T05:00:00Z');
      cal.validate('0 6 * * 1-5', 'Europe/Berlin');
      cal.next('0 6 * * *', 'Europe/Berlin', t);
      cal.between('*/5 * * * *', 'UTC', t, t + 3_600_000, 20);
      cal.latest('@daily', 'UTC', t, 3);
      expect(() => cal.validate('0 0 31 2 *', 'UTC')).toThrow(/never runs/);
      expect(setTimeoutSpy).not.toHaveBeenCalled();
      expect(setIntervalSpy).not.toHaveBeenCalled();
    } finally {
      setTimeoutSpy.mockRestore();
      setIntervalSpy.mockRestore();
    }
  });
});
