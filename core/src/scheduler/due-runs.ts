import type { CronCalendar } from '../../contract/cron/cron-calendar';
import { runWindow } from './run-window';
import type { ScheduleSpec } from './schedule-spec';

export interface DuePlanOptions {
  /** Runs are started this long before their window opens. */
  leadMs: number;
  /** At most this many missed runs are listed (the newest). */
  maxReported: number;
  /** Missed runs are counted up to this many. */
  countCap: number;
  /**
   * Catch-up (start-up, waking from sleep): also offer the newest run whose window is still open
   * when it was dealt with before (it may have died with the process or during sleep).
   */
  reopenLatest: boolean;
}

export interface DuePlan {
  /** The run to start now (its window is open or opens within the lead), or null. */
  start: number | null;
  /** True when `start` was dealt with before (see `reopenLatest`). */
  reopened: boolean;
  /** Older runs whose windows are still open, left for the newer `start` (overlap protection). */
  superseded: number[];
  /** Runs whose windows passed entirely: the newest `maxReported`, oldest first. */
  missed: number[];
  /** How many runs were missed in all (counted up to `countCap`). */
  missedTotal: number;
  /** missedTotal reached the cap: there were more. */
  missedCapped: boolean;
  /** The newest scheduled instant now dealt with. */
  handledUpTo: number;
}

/**
 * What is due for `spec` at `now`, given that its runs up to `handledUpTo` were dealt with: every
 * run whose start time (window start − lead) has come. Pure: the calendar only computes.
 */
export function planDueRuns(
  calendar: CronCalendar,
  spec: ScheduleSpec,
  handledUpTo: number,
  now: number,
  options: DuePlanOptions,
): DuePlan {
  const { cronExpression: expr, timeZone: tz } = spec;
  const horizon = now + spec.padBeforeSeconds * 1000 + options.leadMs;
  const isOpen = (s: number) => runWindow(spec, s).windowEnd > now;
  const recent = calendar.latest(expr, tz, horizon, options.maxReported + 2);
  const fresh = recent.filter((s) => s > handledUpTo).reverse();
  const open = fresh.filter(isOpen);
  const closed = fresh.filter((s) => !isOpen(s));

  let start = open.at(-1) ?? null;
  let reopened = false;
  const newest = recent[0];
  if (start === null && options.reopenLatest && newest !== undefined && isOpen(newest)) {
    start = newest;
    reopened = true;
  }

  let missedTotal = closed.length;
  let missedCapped = false;
  if (recent.length > 0 && fresh.length === recent.length) {
    // every run listed is new: older ones may be missed too, count them
    const all = calendar.between(expr, tz, handledUpTo, horizon, options.countCap + 1);
    missedCapped = all.length > options.countCap;
    missedTotal = missedCapped ? options.countCap : all.filter((s) => !isOpen(s)).length;
  }

  return {
    start,
    reopened,
    superseded: open.slice(0, -1),
    missed: closed.slice(-options.maxReported),
    missedTotal,
    missedCapped,
    handledUpTo: Math.max(handledUpTo, fresh.at(-1) ?? handledUpTo),
  };
}
