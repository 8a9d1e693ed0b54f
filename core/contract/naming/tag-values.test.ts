import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { computeTagValues, daysSince2020 } from './tag-values';

const base = {
  streamName: 'Morning Show',
  artist: 'Radio X',
  album: 'Morning Show',
  albumArtist: 'Radio X',
};

const at = (iso: string, timeZone: string) =>
  computeTagValues({ ...base, startTime: new Date(iso), timeZone });

describe('computeTagValues', () => {
  it('counts 2020-01-01 as track 0', () => {
    const t = at('2020-01-01T00:00:00.000Z', 'UTC');
    expect(t).toEqual({
      title: '2020-01-01 Morning Show',
      trackNumber: 0,
      date: '2020-01-01',
      year: '2020',
      artist: 'Radio X',
      album: 'Morning Show',
      albumArtist: 'Radio X',
    });
  });

  it('gives 2519 for 2026-11-24 (the contract example)', () => {
    const t = at('2026-11-24T06:00:00.000Z', 'Europe/Berlin');
    expect(t.trackNumber).toBe(2519);
    expect(t.title).toBe('2026-11-24 Morning Show');
    expect(t.year).toBe('2026');
  });

  it('counts leap days', () => {
    expect(daysSince2020(2020, 2, 29)).toBe(59);
    expect(daysSince2020(2020, 3, 1)).toBe(60);
    expect(daysSince2020(2021, 1, 1)).toBe(366);
    expect(daysSince2020(2024, 2, 29)).toBe(1520);
    expect(daysSince2020(2024, 12, 31)).toBe(1826);
    expect(daysSince2020(2025, 1, 1)).toBe(1827);
    expect(at('2024-02-29T12:00:00Z', 'UTC').trackNumber).toBe(1520);
  });

  it('takes the local date: 23:30 UTC is the next day in Berlin', () => {
    const t = at('2026-11-23T23:30:00Z', 'Europe/Berlin');
    expect(t.date).toBe('2026-11-24');
    expect(t.trackNumber).toBe(2519);
    expect(at('2026-11-23T23:30:00Z', 'UTC').trackNumber).toBe(2518);
  });

  it('takes the local date: early UTC morning is the previous day in New York', () => {
    const t = at('2026-11-24T03:30:00Z', 'America/New_York');
    expect(t.date).toBe('2026-11-23');
    expect(t.trackNumber).toBe(2518);
    expect(at('2026-11-24T05:00:00Z', 'America/New_York').date).toBe('2026-11-24');
  });

  // Each change day: the last second of the day before, the first and last second of the day,
  // the first second of the day after (UTC instants), and the day's local date and track number.
  it.each([
    // spring forward 2026-03-29 (CET +1 until 01:00 UTC, then CEST +2)
    ['Europe/Berlin', '2026-03-28T22:59:59Z', '2026-03-29T22:00:00Z', '2026-03-29', 2279],
    // fall back 2026-10-25 (CEST +2 until 01:00 UTC, then CET +1)
    ['Europe/Berlin', '2026-10-24T21:59:59Z', '2026-10-25T23:00:00Z', '2026-10-25', 2489],
    // spring forward 2026-03-08 (EST -5 until 07:00 UTC, then EDT -4)
    ['America/New_York', '2026-03-08T04:59:59Z', '2026-03-09T04:00:00Z', '2026-03-08', 2258],
    // fall back 2026-11-01 (EDT -4 until 06:00 UTC, then EST -5)
    ['America/New_York', '2026-11-01T03:59:59Z', '2026-11-02T05:00:00Z', '2026-11-01', 2496],
  ])('handles the DST change days in %s (%s to %s)', (zone, before, after, date, track) => {
    const second = 1000;
    const day = 24 * 3600 * second;
    const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const instants = [before, Date.parse(before) + second, Date.parse(after) - second, after];
    const tags = instants.map((i) => at(new Date(i).toISOString(), zone));
    expect(tags.map((t) => t.date)).toEqual([
      dateOf(Date.parse(date) - day),
      date,
      date,
      dateOf(Date.parse(date) + day),
    ]);
    expect(tags.map((t) => t.trackNumber)).toEqual([track - 1, track, track, track + 1]);
  });

  it('includes the genre only when set', () => {
    const withGenre = computeTagValues({
      ...base,
      genre: ' Talk ',
      startTime: new Date('2026-01-01T12:00:00Z'),
      timeZone: 'UTC',
    });
    expect(withGenre.genre).toBe('Talk');
    expect('genre' in at('2026-01-01T12:00:00Z', 'UTC')).toBe(false);
    const blank = computeTagValues({
      ...base,
      genre: '  ',
      startTime: new Date('2026-01-01T12:00:00Z'),
      timeZone: 'UTC',
    });
    expect('genre' in blank).toBe(false);
  });

  it('never gives a negative track for dates before 2020', () => {
    expect(at('2019-12-31T12:00:00Z', 'UTC').trackNumber).toBe(0);
  });

  it('refuses an unknown time zone with VALIDATION_FAILED on field timezone', () => {
    for (const tz of ['Mars/Olympus_Mons', '', 'not a zone']) {
      let err: unknown;
      try {
        at('2026-01-01T00:00:00Z', tz);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('VALIDATION_FAILED');
      expect((err as AppError).field).toBe('timezone');
    }
  });

  it('refuses an invalid start time', () => {
    expect(() => at('nonsense', 'UTC')).toThrow(AppError);
  });
});
