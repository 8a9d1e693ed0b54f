import { describe, expect, it } from 'vitest';
import { cronerCalendar } from '../../contract/cron/cron-calendar';
import { planDueRuns, type DuePlanOptions } from './due-runs';
import { scheduleSpec } from './schedule-fixtures';
import type { ScheduleSpec } from './schedule-spec';

const at = (s: string) => Date.parse(s);
const iso = (ms: number[]) => ms.map((t) => new Date(t).toISOString());

function spec(over: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return scheduleSpec({ id: 'sch', updatedAt: at('2026-01-01T00:00:00Z'), ...over });
}

const opts: DuePlanOptions = { leadMs: 5000, maxReported: 10, countCap: 1000, reopenLatest: false };

/** The plan for `s` of the runs after `from`, at `now` (ISO times). */
const planAt = (s: ScheduleSpec, from: string, now: string, options = opts) =>
  planDueRuns(cronerCalendar, s, at(from), at(now), options);

describe('planDueRuns', () => {
  it('nothing is due before the lead; the run is due within it', () => {
    const s = spec();
    const before = planAt(s, '2026-11-23T06:00:00Z', '2026-11-24T05:59:54Z');
    expect(before).toMatchObject({ start: null, missed: [], missedTotal: 0 });
    const due = planAt(s, '2026-11-23T06:00:00Z', '2026-11-24T05:59:55Z');
    expect(due.start).toBe(at('2026-11-24T06:00:00Z'));
    expect(due.handledUpTo).toBe(at('2026-11-24T06:00:00Z'));
    // dealt with: not due again
    expect(
      planDueRuns(cronerCalendar, s, due.handledUpTo, at('2026-11-24T05:59:58Z'), opts).start,
    ).toBeNull();
  });

  it('padBefore moves the start earlier', () => {
    const s = spec({ padBeforeSeconds: 120 });
    const due = planAt(s, '2026-11-23T06:00:00Z', '2026-11-24T05:57:55Z');
    expect(due.start).toBe(at('2026-11-24T06:00:00Z'));
  });

  it('a run whose window is still open starts late; windows that passed are missed', () => {
    const s = spec({ lastRunTime: at('2026-11-20T06:00:00Z') });
    const plan = planAt(s, '2026-11-20T06:00:00Z', '2026-11-24T06:20:00Z');
    expect(plan.start).toBe(at('2026-11-24T06:00:00Z'));
    expect(iso(plan.missed)).toEqual([
      '2026-11-21T06:00:00.000Z',
      '2026-11-22T06:00:00.000Z',
      '2026-11-23T06:00:00.000Z',
    ]);
    expect(plan.missedTotal).toBe(3);
  });

  it('padAfter keeps the window open longer', () => {
    const s = spec({ padAfterSeconds: 600 });
    const plan = planAt(s, '2026-11-23T07:00:00Z', '2026-11-24T07:05:00Z');
    expect(plan.start).toBe(at('2026-11-24T06:00:00Z'));
    const closed = planAt(s, '2026-11-23T07:00:00Z', '2026-11-24T07:10:00Z');
    expect(closed.start).toBeNull();
    expect(iso(closed.missed)).toEqual(['2026-11-24T06:00:00.000Z']);
  });

  it('lists at most maxReported missed runs, the newest, and counts the rest', () => {
    const s = spec({ cronExpression: '*/5 * * * *', durationSeconds: 60 });
    const plan = planAt(s, '2026-11-24T00:00:00Z', '2026-11-24T10:02:00Z');
    expect(plan.start).toBeNull();
    expect(plan.missed).toHaveLength(10);
    expect(new Date(plan.missed.at(-1)!).toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(plan.missedTotal).toBe(120);
    expect(plan.missedCapped).toBe(false);
    const capped = planAt(s, '2026-01-01T00:00:00Z', '2026-11-24T10:02:00Z');
    expect(capped.missedCapped).toBe(true);
    expect(capped.missedTotal).toBe(1000);
    expect(capped.handledUpTo).toBe(at('2026-11-24T10:00:00Z'));
  });

  it('overlapping open windows: the newest starts, older ones are superseded', () => {
    const s = spec({ cronExpression: '*/10 * * * *', durationSeconds: 1800 });
    const plan = planAt(s, '2026-11-24T05:00:00Z', '2026-11-24T06:25:00Z');
    expect(plan.start).toBe(at('2026-11-24T06:20:00Z'));
    expect(iso(plan.superseded)).toEqual(['2026-11-24T06:00:00.000Z', '2026-11-24T06:10:00.000Z']);
  });

  it('catch-up offers the newest open window again even when it was dealt with', () => {
    const s = spec({ lastRunTime: at('2026-11-24T06:00:00Z') });
    const now = at('2026-11-24T06:30:00Z');
    expect(planDueRuns(cronerCalendar, s, s.lastRunTime!, now, opts).start).toBeNull();
    const again = planDueRuns(cronerCalendar, s, s.lastRunTime!, now, {
      ...opts,
      reopenLatest: true,
    });
    expect(again).toMatchObject({ start: at('2026-11-24T06:00:00Z'), reopened: true, missed: [] });
    // not once the window closed
    expect(
      planDueRuns(cronerCalendar, s, s.lastRunTime!, at('2026-11-24T07:00:00Z'), {
        ...opts,
        reopenLatest: true,
      }).start,
    ).toBeNull();
  });

  it('runs in the schedule zone across DST (Berlin, skipped hour)', () => {
    const s = spec({
      cronExpression: '30 2 * * *',
      timeZone: 'Europe/Berlin',
      durationSeconds: 600,
    });
    const plan = planAt(s, '2026-03-28T12:00:00Z', '2026-03-29T00:59:56Z');
    expect(new Date(plan.start!).toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});
