import { describe, expect, it } from 'vitest';
import { defaultCalendar } from './upcoming-runs';
import { planChecks, planChecksInTurns, runKey } from './plan';
import { scheduleSpec } from './test-fakes';
import { isRunOf, upcomingRuns } from './upcoming-runs';

const MIN = 60_000;
// '0 7 * * *' Europe/Berlin: 06:00 UTC on 2026-11-24; padBefore 30 s
const RUN = Date.parse('2026-11-24T06:00:00.000Z');
const WINDOW_START = RUN - 30_000;

describe('upcomingRuns', () => {
  it('gives the runs not started yet: the due ones, then the first whose check is ahead', () => {
    const spec = scheduleSpec({
      cronExpression: '*/5 * * * *',
      timeZone: 'UTC',
      padBeforeSeconds: 0,
    });
    const now = Date.parse('2026-11-24T06:01:00.000Z');
    const runs = upcomingRuns(spec, now, 12 * MIN, 100);
    expect(runs.map((r) => new Date(r.scheduledAt).toISOString())).toEqual([
      '2026-11-24T06:05:00.000Z',
      '2026-11-24T06:10:00.000Z',
      '2026-11-24T06:15:00.000Z', // check 06:03: ahead
    ]);
    expect(runs[0]).toEqual({
      scheduledAt: Date.parse('2026-11-24T06:05:00.000Z'),
      windowStart: Date.parse('2026-11-24T06:05:00.000Z'),
      checkAt: Date.parse('2026-11-24T05:53:00.000Z'),
    });
  });

  it('counts a run as started once its window (scheduled time − padBefore) opened', () => {
    const spec = scheduleSpec();
    expect(upcomingRuns(spec, WINDOW_START - 1, 10 * MIN, 5)[0]?.scheduledAt).toBe(RUN);
    expect(upcomingRuns(spec, WINDOW_START, 10 * MIN, 5)[0]?.scheduledAt).toBe(
      RUN + 24 * 3_600_000,
    );
  });

  it('isRunOf: true only for a run time of the schedule as it is', () => {
    expect(isRunOf(scheduleSpec(), RUN)).toBe(true);
    expect(isRunOf(scheduleSpec({ cronExpression: '30 7 * * *' }), RUN)).toBe(false);
    expect(isRunOf(scheduleSpec({ timeZone: 'Not/AZone' }), RUN)).toBe(false);
  });
});

describe('planChecks', () => {
  it('lists due runs not checked yet, earliest start first, and the next check time', () => {
    const specs = [
      scheduleSpec({ id: 'late', cronExpression: '30 7 * * *' }),
      scheduleSpec({ id: 'early' }),
      scheduleSpec({ id: 'later', cronExpression: '0 9 * * *' }),
      scheduleSpec({ id: 'paused', isActive: false }),
    ];
    const now = Date.parse('2026-11-24T06:00:00.000Z') - 20 * MIN; // 05:40 UTC
    const plan = planChecks(specs, now, 60 * MIN, new Set([runKey('late', RUN + 30 * MIN)]));
    expect(plan.due.map((c) => c.key)).toEqual(['early@2026-11-24T06:00:00.000Z']);
    expect(plan.nextCheckAt).toBe(Date.parse('2026-11-24T08:00:00.000Z') - 30_000 - 60 * MIN);
    expect(plan.errors).toEqual([]);
  });

  it('nothing due and no next check without schedules', () => {
    expect(planChecks([], 0, 10 * MIN, new Set())).toEqual({
      due: [],
      nextCheckAt: null,
      errors: [],
    });
  });

  it('a schedule whose runs cannot be computed is reported, the others planned', () => {
    const plan = planChecks(
      [scheduleSpec({ id: 'bad', timeZone: 'Not/AZone' }), scheduleSpec()],
      WINDOW_START - MIN,
      10 * MIN,
      new Set(),
    );
    expect(plan.errors.map((e) => e.scheduleId)).toEqual(['bad']);
    expect(plan.due.map((c) => c.spec.id)).toEqual(['sched-1']);
  });
});

describe('planChecksInTurns', () => {
  it('plans what planChecks plans, offering the event loop a turn after each schedule', async () => {
    const specs = Array.from({ length: 30 }, (_, i) =>
      scheduleSpec({
        id: `s${i}`,
        cronExpression: `${i % 60} * * * *`,
        timeZone: 'UTC',
        padBeforeSeconds: 0,
        isActive: i % 7 !== 0,
      }),
    );
    const now = Date.parse('2026-11-24T06:01:00.000Z');
    const checked = new Set([runKey('s3', Date.parse('2026-11-24T06:03:00.000Z'))]);
    let turns = 0;
    const inTurns = await planChecksInTurns(specs, now, 20 * MIN, checked, defaultCalendar, () => {
      turns++;
      return Promise.resolve();
    });
    expect(turns).toBe(specs.length);
    const atOnce = planChecks(specs, now, 20 * MIN, checked);
    expect(inTurns).toEqual(atOnce);
    expect(inTurns.due.length).toBeGreaterThan(5);
    expect(inTurns.due.map((c) => c.key)).not.toContain(
      runKey('s3', Date.parse('2026-11-24T06:03:00.000Z')),
    );
  });
});
