import { describe, expect, it } from 'vitest';
import type { CalendarRunDto } from '@contract/operations';
import { agendaDays, calendarDays, clashText } from './calendar-days';

function run(id: string, start: string, extra: Partial<CalendarRunDto> = {}): CalendarRunDto {
  return {
    scheduleId: id,
    streamId: 's',
    title: id,
    streamName: 's',
    scheduledAt: start,
    start,
    end: new Date(Date.parse(start) + 3_600_000).toISOString(),
    sameStreamClash: false,
    overLimit: false,
    ...extra,
  };
}

const now = new Date('2026-03-27T10:00:00Z'); // Friday; Berlin changes clocks on Sunday 29 March

describe('calendarDays', () => {
  it('seven days from today in the user zone, runs on their local day, in start order', () => {
    const days = calendarDays(
      [
        run('late', '2026-03-27T23:30:00Z'), // Saturday 00:30 in Berlin
        run('first', '2026-03-27T12:00:00Z'),
        run('sunday', '2026-03-29T07:00:00Z'),
      ],
      { now, count: 7, timeZone: 'Europe/Berlin', locale: 'en-GB' },
    );
    expect(days.map((d) => d.key)).toEqual([
      '2026-03-27',
      '2026-03-28',
      '2026-03-29',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
    ]);
    expect(days[0]!.label).toBe('Today');
    expect(days[1]!.label).toBe('Tomorrow');
    expect(days[2]!.label).toBe('Sunday 29 March');
    expect(days.map((d) => d.runs.map((r) => r.title))).toEqual([
      ['first'],
      ['late'],
      ['sunday'],
      [],
      [],
      [],
      [],
    ]);
  });

  it('a spring-forward day is not skipped when today starts late in the evening', () => {
    // 23:30 in Berlin on Saturday 28 March; Sunday 29 March has 23 hours
    const late = new Date('2026-03-28T22:30:00Z');
    const days = calendarDays([], { now: late, count: 3, timeZone: 'Europe/Berlin' });
    expect(days.map((d) => d.key)).toEqual(['2026-03-28', '2026-03-29', '2026-03-30']);
  });

  it('a run already recording (started yesterday) shows on today', () => {
    const days = calendarDays([run('ongoing', '2026-03-26T23:00:00Z')], {
      now,
      count: 2,
      timeZone: 'UTC',
    });
    expect(days[0]!.runs.map((r) => r.title)).toEqual(['ongoing']);
  });

  it('the agenda keeps only days with runs', () => {
    const days = agendaDays([run('x', '2026-03-30T08:00:00Z')], {
      now,
      count: 7,
      timeZone: 'UTC',
    });
    expect(days.map((d) => d.key)).toEqual(['2026-03-30']);
  });
});

describe('clashText', () => {
  it('names the kind of clash', () => {
    expect(clashText(run('a', '2026-03-30T08:00:00Z'), 2)).toBeNull();
    expect(clashText(run('a', '2026-03-30T08:00:00Z', { sameStreamClash: true }), 2)).toMatch(
      /this stream/,
    );
    expect(clashText(run('a', '2026-03-30T08:00:00Z', { overLimit: true }), 1)).toBe(
      'More than 1 recording at once: one waits for a free slot',
    );
  });
});
