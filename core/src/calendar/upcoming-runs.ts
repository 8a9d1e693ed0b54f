import { markClashes, type PlannedRun, type PlannedRunWithClashes } from '../../contract/calendar';
import { cronerCalendar, type CronCalendar } from '../../contract/cron/cron-calendar';
import {
  CALENDAR_MAX_RUNS,
  CALENDAR_MAX_RUNS_PER_SCHEDULE,
} from '../../contract/operations/calendar';
import { runWindow } from '../scheduler/run-window';
import type { ScheduleSpec } from '../scheduler/schedule-spec';

/** Runs are computed this many at a time, with the event loop free in between. */
const RUNS_PER_SLICE = 20;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface UpcomingRuns {
  runs: PlannedRunWithClashes[];
  /** A schedule had more runs in the span than are listed, or all of them more than the cap. */
  truncated: boolean;
}

type Timing = Pick<
  ScheduleSpec,
  | 'id'
  | 'streamId'
  | 'cronExpression'
  | 'timeZone'
  | 'durationSeconds'
  | 'padBeforeSeconds'
  | 'padAfterSeconds'
>;

/** The runs of one schedule scheduled in (from, to], at most `cap`, computed in slices. */
async function runsOf(
  spec: Timing,
  from: number,
  to: number,
  cap: number,
  calendar: CronCalendar,
): Promise<{ runs: PlannedRun[]; truncated: boolean }> {
  const runs: PlannedRun[] = [];
  let after = from;
  for (;;) {
    const want = Math.min(RUNS_PER_SLICE, cap + 1 - runs.length);
    const slice = calendar.between(spec.cronExpression, spec.timeZone, after, to, want);
    for (const scheduledAt of slice) {
      const { windowStart, windowEnd } = runWindow(spec, scheduledAt);
      runs.push({
        scheduleId: spec.id,
        streamId: spec.streamId,
        scheduledAt,
        start: windowStart,
        end: windowEnd,
      });
    }
    if (runs.length > cap) return { runs: runs.slice(0, cap), truncated: true };
    if (slice.length < want) return { runs, truncated: false };
    after = slice.at(-1)!;
    await nextTurn();
  }
}

/**
 * The runs of the active `schedules` scheduled in (from, to] — the same calendar the scheduler
 * runs on — with their clashes (markClashes, judged against `maxConcurrent`). Bounded work:
 * at most CALENDAR_MAX_RUNS_PER_SCHEDULE runs of each schedule and CALENDAR_MAX_RUNS in all,
 * computed a slice at a time so that a large calendar never holds the event loop.
 */
export async function upcomingRuns(
  schedules: readonly Timing[],
  span: { from: number; to: number },
  maxConcurrent: number,
  calendar: CronCalendar = cronerCalendar,
): Promise<UpcomingRuns> {
  const all: PlannedRun[] = [];
  let truncated = false;
  for (const spec of schedules) {
    const some = await runsOf(spec, span.from, span.to, CALENDAR_MAX_RUNS_PER_SCHEDULE, calendar);
    all.push(...some.runs);
    truncated ||= some.truncated;
  }
  const marked = markClashes(all, maxConcurrent);
  if (marked.length > CALENDAR_MAX_RUNS) {
    return { runs: marked.slice(0, CALENDAR_MAX_RUNS), truncated: true };
  }
  return { runs: marked, truncated };
}
