import { describe, expect, it } from 'vitest';
import { CALENDAR_MAX_RUNS_PER_SCHEDULE } from '../../contract/operations/calendar';
import { upcomingRuns } from './upcoming-runs';

const from = Date.parse('2026-03-02T00:00:00Z'); // a Monday
const day = 86_400_000;

function schedule(id: string, streamId: string, cronExpression: string, minutes: number) {
  return {
    id,
    streamId,
    cronExpression,
    timeZone: 'Europe/Berlin',
    durationSeconds: minutes * 60,
    padBeforeSeconds: 60,
    padAfterSeconds: 120,
  };
}

describe('upcomingRuns', () => {
  it('lists each run in the span with its window (pads included), in start order', async () => {
    const { runs, truncated } = await upcomingRuns(
      [schedule('s1', 'x', '0 6 * * 1-5', 30)],
      { from, to: from + 7 * day },
      2,
    );
    expect(truncated).toBe(false);
    // Monday to Friday at 06:00 Berlin (05:00 UTC in winter)
    expect(runs.map((r) => new Date(r.scheduledAt).toISOString())).toEqual([
      '2026-03-02T05:00:00.000Z',
      '2026-03-03T05:00:00.000Z',
      '2026-03-04T05:00:00.000Z',
      '2026-03-05T05:00:00.000Z',
      '2026-03-06T05:00:00.000Z',
    ]);
    expect(new Date(runs[0]!.start).toISOString()).toBe('2026-03-02T04:59:00.000Z');
    expect(new Date(runs[0]!.end).toISOString()).toBe('2026-03-02T05:32:00.000Z');
    expect(runs.every((r) => !r.sameStreamClash && !r.overLimit)).toBe(true);
  });

  it('marks clashes across schedules: same stream, and over the recording limit', async () => {
    const { runs } = await upcomingRuns(
      [
        schedule('morning', 'x', '0 6 * * *', 60),
        schedule('overlap', 'x', '30 6 * * *', 60),
        schedule('other', 'y', '45 6 * * *', 10),
      ],
      { from, to: from + day },
      2,
    );
    expect(runs.map((r) => [r.scheduleId, r.sameStreamClash, r.overLimit])).toEqual([
      ['morning', true, true],
      ['overlap', true, true],
      ['other', false, true],
    ]);
  });

  it('an every-minute schedule is cut at the per-schedule cap and says so', async () => {
    const { runs, truncated } = await upcomingRuns(
      [schedule('often', 'x', '* * * * *', 1), schedule('daily', 'y', '0 12 * * *', 5)],
      { from, to: from + 7 * day },
      10,
    );
    expect(truncated).toBe(true);
    expect(runs.filter((r) => r.scheduleId === 'often')).toHaveLength(
      CALENDAR_MAX_RUNS_PER_SCHEDULE,
    );
    // the other schedule's runs are all there
    expect(runs.filter((r) => r.scheduleId === 'daily')).toHaveLength(7);
  });

  it('no schedules: no runs', async () => {
    expect(await upcomingRuns([], { from, to: from + day }, 1)).toEqual({
      runs: [],
      truncated: false,
    });
  });
});
