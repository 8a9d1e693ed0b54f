// The one place pre-flight reads the scheduler's run times: the cron calendar (moving to
// core/contract/cron with issue 12; only this import changes) and the run window.
import { cronerCalendar, type CronCalendar } from '../scheduler/cron-calendar';
import { runWindow } from '../scheduler/run-window';
import type { ScheduleSpec } from '../scheduler/schedule-spec';

/** What pre-flight needs of the calendar: the first run strictly after a time. */
export type NextRunTime = Pick<CronCalendar, 'next'>;

export const defaultCalendar: NextRunTime = cronerCalendar;

export interface UpcomingRun {
  /** The scheduled instant (the cron time), ms. */
  scheduledAt: number;
  /** When the run starts recording (scheduled instant − padBefore), ms. */
  windowStart: number;
  /** When its check is due: windowStart − the pre-flight lead. */
  checkAt: number;
}

type RunSpec = Pick<
  ScheduleSpec,
  'cronExpression' | 'timeZone' | 'durationSeconds' | 'padBeforeSeconds' | 'padAfterSeconds'
>;

/**
 * The runs of `spec` that have not started recording at `now` (window start after `now`), oldest
 * first: every one whose check is due (checkAt <= now), then the first one whose check is still
 * ahead, at most `limit` in all. Pure: the calendar only computes.
 */
export function upcomingRuns(
  spec: RunSpec,
  now: number,
  leadMs: number,
  limit: number,
  calendar: NextRunTime = defaultCalendar,
): UpcomingRun[] {
  const runs: UpcomingRun[] = [];
  // a run scheduled after now + padBefore opens its window after now
  let cursor = now + spec.padBeforeSeconds * 1000;
  while (runs.length < limit) {
    const scheduledAt = calendar.next(spec.cronExpression, spec.timeZone, cursor);
    if (scheduledAt === null) break;
    const { windowStart } = runWindow(spec, scheduledAt);
    const checkAt = windowStart - leadMs;
    runs.push({ scheduledAt, windowStart, checkAt });
    if (checkAt > now) break;
    cursor = scheduledAt;
  }
  return runs;
}

/** True when `scheduledAt` is (still) a run time of `spec`: its schedule did not move it. */
export function isRunOf(
  spec: Pick<ScheduleSpec, 'cronExpression' | 'timeZone'>,
  scheduledAt: number,
  calendar: NextRunTime = defaultCalendar,
): boolean {
  try {
    return calendar.next(spec.cronExpression, spec.timeZone, scheduledAt - 1) === scheduledAt;
  } catch {
    return false;
  }
}
