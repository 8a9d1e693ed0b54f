import { describe, expect, it } from 'vitest';
import { groupUpcoming, type UpcomingRun } from './upcoming';

const run = (at: string, scheduleId = 's1'): UpcomingRun => ({
  scheduleId,
  streamId: 'st1',
  at,
  durationMinutes: 60,
  timezone: 'Europe/Berlin',
});

describe('groupUpcoming', () => {
  const now = Date.parse('2026-11-24T20:00:00Z'); // 21:00 in Berlin, 05:00 next day in Tokyo

  it('splits today from the rest of the week on the user calendar, oldest first', () => {
    const runs = [
      run('2026-11-25T05:00:00.000Z', 'b'),
      run('2026-11-24T22:30:00.000Z', 'a'), // 23:30 Berlin: today
      run('2026-11-24T19:00:00.000Z'), // already past
      run('2026-12-02T05:00:00.000Z'), // beyond 7 days
      run('2026-11-24T23:30:00.000Z', 'c'), // 00:30 Berlin: tomorrow
    ];
    const berlin = groupUpcoming(runs, now, 'Europe/Berlin');
    expect(berlin.today.map((r) => r.scheduleId)).toEqual(['a']);
    expect(berlin.week.map((r) => r.scheduleId)).toEqual(['c', 'b']);
    // in Tokyo it is already the 25th: 07:30 and 08:30 and 14:00 are all today
    const tokyo = groupUpcoming(runs, now, 'Asia/Tokyo');
    expect(tokyo.today.map((r) => r.scheduleId)).toEqual(['a', 'c', 'b']);
    expect(tokyo.week).toEqual([]);
  });

  it('is empty without runs', () => {
    expect(groupUpcoming([], now, 'UTC')).toEqual({ today: [], week: [] });
  });
});
