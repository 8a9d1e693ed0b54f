import { describe, expect, it } from 'vitest';
import { calendarIcs } from './ics';

const run = {
  scheduleId: 'sched-1',
  streamId: 'stream-1',
  title: 'Jazz, "late"; night\\show',
  streamName: 'Jazz, "late"; night\\show',
  scheduledAt: '2026-03-02T05:00:00.000Z',
  start: '2026-03-02T04:59:00.000Z',
  end: '2026-03-02T05:32:00.000Z',
  sameStreamClash: false,
  overLimit: true,
};

/** The unfolded content lines of an iCalendar text. */
const lines = (text: string) => text.replace(/\r\n[ \t]/g, '').split('\r\n');

describe('calendarIcs', () => {
  const text = calendarIcs([run], {
    now: Date.parse('2026-03-01T12:00:00Z'),
    hostName: 'rec.example',
    maxConcurrent: 2,
  });

  it('one VEVENT per run, with a stable UID, the window in UTC and escaped station text', () => {
    const l = lines(text);
    expect(l[0]).toBe('BEGIN:VCALENDAR');
    expect(l.filter((x) => x === 'BEGIN:VEVENT')).toHaveLength(1);
    expect(l).toContain('UID:sched-1-1772427600000@rec.example');
    expect(l).toContain('DTSTART:20260302T045900Z');
    expect(l).toContain('DTEND:20260302T053200Z');
    expect(l).toContain('DTSTAMP:20260301T120000Z');
    // RFC 5545 escapes , ; and \ in text values
    expect(l).toContain('SUMMARY:⚠ Recording: Jazz\\, "late"\\; night\\\\show');
    expect(l.find((x) => x.startsWith('DESCRIPTION:'))).toContain('limit (2)');
  });

  it('the same runs give the same events (UIDs do not change between fetches)', () => {
    const again = calendarIcs([run], {
      now: Date.parse('2026-03-01T13:00:00Z'),
      hostName: 'rec.example',
      maxConcurrent: 2,
    });
    const uids = (t: string) => lines(t).filter((x) => x.startsWith('UID:'));
    expect(uids(again)).toEqual(uids(text));
  });

  it('a run of a named schedule is called by that name and says which stream it records', () => {
    const named = { ...run, title: 'Morning Show', streamName: 'Radio One', overLimit: false };
    const l = lines(calendarIcs([named], { now: 0, hostName: 'h', maxConcurrent: 2 }));
    expect(l).toContain('SUMMARY:Recording: Morning Show');
    expect(l).toContain('DESCRIPTION:“Morning Show”: records “Radio One”.');
    expect(l.join('\n')).not.toContain('sched-1)');
  });

  it('no runs: a valid empty calendar', () => {
    const empty = lines(calendarIcs([], { now: 0, hostName: 'h', maxConcurrent: 1 }));
    expect(empty[0]).toBe('BEGIN:VCALENDAR');
    expect(empty).toContain('END:VCALENDAR');
    expect(empty).not.toContain('BEGIN:VEVENT');
  });
});
