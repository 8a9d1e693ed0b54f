import { describe, expect, it } from 'vitest';
import { calendarMonth, cronFieldsProblem, expandNickname, readCron } from './cron-fields';

describe('cronFieldsProblem (the shape rule of the server and the form)', () => {
  it('accepts 5 fields and the nicknames croner knows', () => {
    for (const ok of ['0 6 * * 1-5', ' 30  2 * *  * ', '@daily', '@HOURLY', '@annually']) {
      expect(cronFieldsProblem(ok)).toBeNull();
    }
  });

  it('refuses a seconds field, saying which 5 fields to write', () => {
    expect(cronFieldsProblem('0 30 6 * * *')).toBe(
      'has 6 fields: the first is seconds, and schedules start on the minute. Use the 5 fields ' +
        'minute hour day-of-month month day-of-week: write it as "30 6 * * *"',
    );
    expect(cronFieldsProblem('*/10 * * * * *')).toMatch(/e\.g\. "\* \* \* \* \*" \(at second 0\)$/);
  });

  it('refuses other counts and unknown nicknames', () => {
    expect(cronFieldsProblem('* * *')).toMatch(/^has 3 fields, not 5\. Use the 5 fields/);
    expect(cronFieldsProblem('0 0 0 1 1 * 2030')).toMatch(/^has 7 fields, not 5/);
    expect(cronFieldsProblem('')).toMatch(/^has 0 fields/);
    expect(cronFieldsProblem('daily')).toMatch(/^has 1 field, not 5/);
    expect(cronFieldsProblem('@reboot')).toMatch(/^is not a nickname the recorder knows \(@yearly/);
  });

  it('expands nicknames', () => {
    expect(expandNickname(' @Weekly ')).toBe('0 0 * * 0');
    expect(expandNickname('0  6 * * *')).toBe('0 6 * * *');
  });
});

describe('readCron', () => {
  const feb2028 = calendarMonth(2028, 2); // 29 days, the 1st is a Tuesday
  const runDays = (expression: string, m = feb2028) =>
    Array.from({ length: m.length }, (_, i) => i + 1).filter((d) =>
      readCron(expression)!.runsOn(m, d),
    );

  it('reads the times of a day, ascending, and fixed-time or interval', () => {
    expect(readCron('30 6,2 * * *')).toMatchObject({ times: [150, 390], fixedTime: true });
    expect(readCron('*/20 1 * * *')).toMatchObject({ times: [60, 80, 100], fixedTime: false });
    expect(readCron('@hourly')!.times).toHaveLength(24);
    expect(readCron('0 6 * * * *')).toBeNull();
  });

  it('reads the days as croner does: L, LW, W, #, L in day-of-week, +, names', () => {
    expect(runDays('0 0 L * *')).toEqual([29]);
    expect(runDays('0 0 LW * *')).toEqual([29]); // a Tuesday
    expect(runDays('0 0 5W,L * *')).toEqual([4, 29]); // the 5th is a Saturday: Friday the 4th
    expect(runDays('0 0 * * 2#1,5L')).toEqual([1, 25]);
    expect(runDays('0 0 * * TUE#L')).toEqual([29]);
    expect(runDays('0 0 1 * sun')).toEqual([1, 6, 13, 20, 27]); // either
    expect(runDays('0 0 1 * +sun')).toEqual([]); // both
    expect(runDays('0 0 * * sat-sun')).toEqual([5, 6, 12, 13, 19, 20, 26, 27]);
    expect(runDays('0 0 * mar *')).toEqual([]);
    expect(readCron('0 0 L * *')!.plain).toBe(false);
    expect(readCron('0 0 * * mon-fri')!.plain).toBe(true);
  });
});
