import { describe, expect, it } from 'vitest';
import { fieldValues } from './cron-fields';
import { parseCron } from './cron-matcher';

const wall = (month: number, day: number, weekday: number, hour: number, minute: number) => ({
  month,
  day,
  weekday,
  hour,
  minute,
});

describe('cron fields', () => {
  it('reads lists, ranges, steps and names', () => {
    const minute = { min: 0, max: 59 };
    expect([...fieldValues('*/15', minute)!]).toEqual([0, 15, 30, 45]);
    expect([...fieldValues('5/20', minute)!]).toEqual([5, 25, 45]);
    expect([...fieldValues('1-3,10', minute)!]).toEqual([1, 2, 3, 10]);
    expect([...fieldValues('10-20/5', minute)!]).toEqual([10, 15, 20]);
    expect(fieldValues('61', minute)).toBeNull();
    expect(fieldValues('L', minute)).toBeNull();
    expect(fieldValues('5-1', minute)).toBeNull();
  });

  it('tells fixed-time schedules from interval ones, as the core does', () => {
    expect(parseCron('30 2 * * *')?.fixedTime).toBe(true);
    expect(parseCron('0 6,18 * * 1-5')?.fixedTime).toBe(true);
    expect(parseCron('0 2-4 * * *')?.fixedTime).toBe(true);
    expect(parseCron('@daily')?.fixedTime).toBe(true);
    expect(parseCron('0 * * * *')?.fixedTime).toBe(false);
    expect(parseCron('*/15 * * * *')?.fixedTime).toBe(false);
    expect(parseCron('@hourly')?.fixedTime).toBe(false);
  });

  it('matches wall-clock minutes; day of month and day of week either when both are set', () => {
    const weekdays = parseCron('30 6 * * MON-FRI')!;
    expect(weekdays.matches(wall(3, 30, 1, 6, 30))).toBe(true);
    expect(weekdays.matches(wall(3, 29, 0, 6, 30))).toBe(false);
    expect(weekdays.matches(wall(3, 30, 1, 6, 31))).toBe(false);
    const sundays = parseCron('0 0 * * 7')!;
    expect(sundays.matches(wall(3, 29, 0, 0, 0))).toBe(true);
    const either = parseCron('0 12 1 * 1')!;
    expect(either.matches(wall(5, 1, 5, 12, 0))).toBe(true); // the 1st, a Friday
    expect(either.matches(wall(5, 4, 1, 12, 0))).toBe(true); // a Monday
    expect(either.matches(wall(5, 5, 2, 12, 0))).toBe(false);
    const march = parseCron('0 0 * mar *')!;
    expect(march.matches(wall(3, 2, 1, 0, 0))).toBe(true);
    expect(march.matches(wall(4, 2, 4, 0, 0))).toBe(false);
  });

  it('answers null for what it cannot read', () => {
    expect(parseCron('0 0 L * *')).toBeNull();
    expect(parseCron('0 0 * * 5#3')).toBeNull();
    expect(parseCron('* * *')).toBeNull();
    // a seconds field: schedules have 5 fields (the contract's rule)
    expect(parseCron('0 30 2 * * *')).toBeNull();
    expect(parseCron('@reboot')).toBeNull();
  });
});
