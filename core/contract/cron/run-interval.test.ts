import { describe, expect, it } from 'vitest';
import { minutesInWords, selfOverlapProblem, shortestRunInterval } from './run-interval';

describe('shortestRunInterval', () => {
  it.each([
    ['*/15 * * * *', 15, '00:00', '00:15', false],
    ['0 6,18 * * *', 720, '06:00', '18:00', false],
    ['0 1,22 * * *', 180, '22:00', '01:00', true],
    ['0 6 * * *', 1440, '06:00', '06:00', true],
    ['0 22 * * 1-5', 1440, '22:00', '22:00', true],
    ['@hourly', 60, '00:00', '01:00', false],
    // the last day of a month and the 1st of the next
    ['0 1,23 1,L * *', 120, '23:00', '01:00', true],
    // a Sunday the 31st, then Monday the 1st
    ['0 1,23 31 * 1', 120, '23:00', '01:00', true],
  ])('%s: %i minutes, from %s to %s (next day: %s)', (expression, minutes, from, to, nextDay) => {
    expect(shortestRunInterval(expression)).toEqual({ minutes, from, to, nextDay });
  });

  it('is null when runs are more than a day apart, or the expression cannot be read', () => {
    expect(shortestRunInterval('0 6 * * 1,3,5')).toBeNull();
    expect(shortestRunInterval('0 6 1 * *')).toBeNull();
    expect(shortestRunInterval('0 6 29 2 *')).toBeNull();
    // last day and first day, but only in March: never two days in a row
    expect(shortestRunInterval('0 1,23 1,L 3 *')).toMatchObject({ minutes: 1320 });
    expect(shortestRunInterval('0 30 6 * * *')).toBeNull();
  });
});

describe('selfOverlapProblem', () => {
  it('refuses a duration longer than the shortest interval, saying both in words', () => {
    expect(selfOverlapProblem('*/30 * * * *', 45)).toBe(
      'A run of 45 minutes is longer than the shortest time between two runs of "*/30 * * * *": ' +
        '30 minutes (from 00:00 to 00:30). Each run would still be recording when the next one ' +
        'is due, and the next one would be skipped. Record for at most 30 minutes, or run the ' +
        'schedule less often.',
    );
    expect(selfOverlapProblem('0 1,22 * * *', 181)).toMatch(
      /A run of 3 hours 1 minute .*: 3 hours \(from 22:00 to 01:00 the next day\)/,
    );
  });

  it('accepts a duration up to the interval', () => {
    expect(selfOverlapProblem('*/30 * * * *', 30)).toBeNull();
    expect(selfOverlapProblem('0 6 * * *', 1440)).toBeNull();
    expect(selfOverlapProblem('0 6 * * 1,3,5', 1440)).toBeNull();
  });

  it('says minutes in words', () => {
    expect([1, 45, 60, 61, 90, 120, 1440].map(minutesInWords)).toEqual([
      '1 minute',
      '45 minutes',
      '1 hour',
      '1 hour 1 minute',
      '1 hour 30 minutes',
      '2 hours',
      '24 hours',
    ]);
  });
});
