import { describe, expect, it, vi } from 'vitest';
import { offsetChanges, utcOffsetMinutes } from '../dst';
import { dstWarnings, formatOffset, runDstWarnings } from './dst-warnings';

const at = (iso: string) => Date.parse(iso);
// mid-January 2026: the coming year holds the 2026 changes of both hemispheres' north
const JAN = at('2026-01-15T12:00:00Z');

describe('offsets', () => {
  it('finds the two changes of Europe/Berlin in 2026, to the minute', () => {
    expect(offsetChanges('Europe/Berlin', JAN, at('2027-01-15T12:00:00Z'))).toEqual([
      { at: at('2026-03-29T01:00:00Z'), offsetBefore: 60, offsetAfter: 120 },
      { at: at('2026-10-25T01:00:00Z'), offsetBefore: 120, offsetAfter: 60 },
    ]);
    expect(utcOffsetMinutes('America/New_York', at('2026-07-01T00:00:00Z'))).toBe(-240);
    expect(formatOffset(-210)).toBe('UTC−03:30');
    expect(formatOffset(120)).toBe('UTC+02:00');
  });
});

describe('DST warnings', () => {
  it('Europe/Berlin 02:30 daily: the spring gap runs at 03:00, the autumn overlap once', () => {
    const { analyzable, warnings } = dstWarnings('30 2 * * *', 'Europe/Berlin', JAN);
    expect(analyzable).toBe(true);
    expect(warnings).toHaveLength(2);
    const [spring, autumn] = warnings;
    expect(spring).toMatchObject({
      kind: 'gap',
      action: 'runs-after-gap',
      date: '2026-03-29',
      clockFrom: '02:00',
      clockTo: '03:00',
      times: ['02:30'],
      changeAt: '2026-03-29T01:00:00.000Z',
    });
    expect(spring!.message).toBe(
      'On Sunday 29 March 2026 the clocks in Europe/Berlin go forward from 02:00 to 03:00, so ' +
        '02:30 does not exist that day. The recorder runs this schedule once at 03:00, the ' +
        'first valid time after the gap, for its full duration.',
    );
    expect(autumn).toMatchObject({
      kind: 'overlap',
      action: 'runs-first-pass',
      date: '2026-10-25',
      clockFrom: '03:00',
      clockTo: '02:00',
      times: ['02:30'],
    });
    expect(autumn!.message).toMatch(/Sunday 25 October 2026 .* go back from 03:00 to 02:00/);
    expect(autumn!.message).toMatch(/once, on the first pass/);
  });

  it('an interval schedule skips the gap and runs twice in the overlap', () => {
    const { warnings } = dstWarnings('*/15 * * * *', 'Europe/Berlin', JAN);
    expect(warnings.map((w) => [w.action, w.times])).toEqual([
      ['skips', ['02:00', '02:15', '02:30', '02:45']],
      ['runs-both-passes', ['02:00', '02:15', '02:30', '02:45']],
    ]);
    expect(warnings[1]!.message).toMatch(/on both passes, an hour apart/);
    expect(dstWarnings('* * * * *', 'Europe/Berlin', JAN).warnings[0]!.message).toMatch(
      /the 60 times from 02:00 to 02:59 do not exist/,
    );
  });

  it('times away from the change, or on other days, get no warning', () => {
    expect(dstWarnings('30 6 * * *', 'Europe/Berlin', JAN).warnings).toEqual([]);
    expect(dstWarnings('0 3 * * *', 'Europe/Berlin', JAN).warnings).toEqual([]);
    // the changes are on Sundays: a Monday schedule at 02:30 is never in one
    expect(dstWarnings('30 2 * * 1', 'Europe/Berlin', JAN).warnings).toEqual([]);
    // weekdays at 02:30: neither change is on a weekday
    expect(dstWarnings('30 2 * * 1-5', 'Europe/Berlin', JAN).warnings).toEqual([]);
    // only the spring change is in March
    expect(dstWarnings('30 2 * 3 *', 'Europe/Berlin', JAN).warnings.map((w) => w.kind)).toEqual([
      'gap',
    ]);
  });

  it('America/New_York: 02:30 is skipped in March only; 01:30 is repeated in November', () => {
    // what each warning says: kind, day, clock change, times, action (one warning each)
    const told = (cron: string) =>
      dstWarnings(cron, 'America/New_York', JAN).warnings.map((w) => [
        w.kind,
        w.date,
        `${w.clockFrom}→${w.clockTo}`,
        w.times,
        w.action,
      ]);
    expect(told('30 2 * * *')).toEqual([
      ['gap', '2026-03-08', '02:00→03:00', ['02:30'], 'runs-after-gap'],
    ]);
    expect(told('30 1 * * *')).toEqual([
      ['overlap', '2026-11-01', '02:00→01:00', ['01:30'], 'runs-first-pass'],
    ]);
  });

  it('looks one year ahead from the given time', () => {
    // from November 2026 the next changes are those of 2027
    const w = dstWarnings('30 2 * * *', 'Europe/Berlin', at('2026-11-24T06:00:00Z')).warnings;
    expect(w.map((x) => x.date)).toEqual(['2027-03-28', '2027-10-31']);
    // from the day after the autumn change, within a shorter horizon, none
    expect(dstWarnings('30 2 * * *', 'Europe/Berlin', at('2026-10-26T00:00:00Z'), 30)).toEqual({
      analyzable: true,
      warnings: [],
    });
  });

  it('a zone without DST (Asia/Tokyo, UTC) never warns', () => {
    for (const expression of ['30 2 * * *', '* * * * *', '0 1 * * 0']) {
      expect(dstWarnings(expression, 'Asia/Tokyo', JAN)).toEqual({
        analyzable: true,
        warnings: [],
      });
      expect(dstWarnings(expression, 'UTC', JAN).warnings).toEqual([]);
    }
  });

  it('a half-hour change (Australia/Lord_Howe) is found too', () => {
    // 2026-04-05: 02:00 → 01:30 (01:30–01:59 twice); 2026-10-04: 02:00 → 02:30 (skipped)
    const repeated = dstWarnings('45 1 * * *', 'Australia/Lord_Howe', JAN).warnings;
    expect(repeated.map((x) => [x.kind, x.date, x.clockFrom, x.clockTo, x.times])).toEqual([
      ['overlap', '2026-04-05', '02:00', '01:30', ['01:45']],
    ]);
    const skipped = dstWarnings('15 2 * * *', 'Australia/Lord_Howe', JAN).warnings;
    expect(skipped.map((x) => [x.kind, x.date, x.clockFrom, x.clockTo, x.action])).toEqual([
      ['gap', '2026-10-04', '02:00', '02:30', 'runs-after-gap'],
    ]);
    expect(dstWarnings('*/15 1 * * *', 'Australia/Lord_Howe', JAN).warnings[0]!.message).toMatch(
      /01:30 and 01:45 happen twice .* on both passes, 30 minutes apart/,
    );
  });

  it('says when it cannot tell (syntax the browser does not read, unknown zone)', () => {
    expect(dstWarnings('0 2 L * *', 'Europe/Berlin', JAN)).toEqual({
      analyzable: false,
      warnings: [],
    });
    expect(dstWarnings('30 2 * * *', 'Mars/Olympus', JAN).analyzable).toBe(false);
  });
});

describe('runDstWarnings (the preview: its runs at a change)', () => {
  it.each([
    {
      run: 'moved out of the skipped hour (Berlin, March)',
      runs: ['2026-03-28T01:30:00Z', '2026-03-29T01:00:00Z'],
      at: '2026-03-29 03:00',
      says: [/go forward from 02:00 to 03:00/, /runs once, at 03:00/],
    },
    {
      run: 'in the repeated hour (Berlin, October)',
      runs: ['2026-10-25T00:30:00Z', '2026-10-26T01:30:00Z'],
      at: '2026-10-25 02:30',
      says: [/go back from 03:00 to 02:00/, /happen twice/],
    },
  ])('warns for a run $run', ({ runs, at: when, says }) => {
    const w = runDstWarnings('Europe/Berlin', runs.map(at));
    expect(w).toHaveLength(1);
    expect(w[0]).toContain(when);
    for (const words of says) expect(w[0]).toMatch(words);
  });

  it('warns in New York too, and not for ordinary runs or zones without DST', () => {
    expect(runDstWarnings('America/New_York', [at('2026-11-01T05:30:00Z')])[0]).toMatch(
      /go back from 02:00 to 01:00/,
    );
    expect(runDstWarnings('America/New_York', [at('2026-03-08T07:00:00Z')])[0]).toMatch(
      /go forward from 02:00 to 03:00/,
    );
    expect(runDstWarnings('Europe/Berlin', [at('2026-06-01T04:00:00Z')])).toEqual([]);
    expect(runDstWarnings('UTC', [at('2026-03-29T01:00:00Z')])).toEqual([]);
    expect(runDstWarnings('Europe/Berlin', [])).toEqual([]);
    // three hours away from the change: no warning
    expect(runDstWarnings('Europe/Berlin', [at('2026-03-29T04:00:00Z')])).toEqual([]);
  });

  it('looks only around the runs: 50 leap days (200 years) cost as little as 50 days in a row', () => {
    // 0 0 29 2 * in Berlin: the preview of 50 runs spans two centuries
    const leapDays: number[] = [];
    for (let year = 2028; leapDays.length < 50; year += 4) {
      if (year % 100 !== 0 || year % 400 === 0) leapDays.push(Date.UTC(year, 1, 28, 23));
    }
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      expect(runDstWarnings('Europe/Berlin', leapDays)).toEqual([]);
      // two offset reads per run (before and after it); the old scan read every hour: 1.75 million
      expect(spy.mock.calls.length).toBeLessThanOrEqual(100);
    } finally {
      spy.mockRestore();
    }
  });
});
