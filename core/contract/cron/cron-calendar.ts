// The run times of cron expressions, and THE rule on what a valid expression is (`validate`):
// croner, with the options the scheduler runs with. Pure computation: a croner job made without a
// function starts no timer (croner schedules only when it is given one to call), so the
// scheduler, the operations and the UI can all use it.
import { Cron, type CronOptions } from 'croner';
import { AppError } from '../errors';
import { isKnownTimeZone } from '../operations/cron';
import { cronFieldsProblem } from './cron-fields';

/**
 * How croner reads our expressions. A schedule's expression has 5 fields (minute precision) or is
 * a nickname such as `@daily` (`validate` enforces the contract's cronFieldsProblem); croner still
 * reads 6 (seconds first) so that schedules stored before that rule keep running as they did.
 *
 * DST (croner 11, verified in cron-calendar.test.ts): a *fixed-time* schedule — no wildcard and
 * no step in its second, minute and hour fields, e.g. `30 2 * * *` or `0 6,18 * * 1-5` — runs
 * ONCE in the repeated hour when the clocks go back (at the first occurrence), and when its time
 * falls in the hour skipped when the clocks go forward it runs ONCE at the first valid time after
 * the gap (02:30 Europe/Berlin on the last Sunday of March runs at 03:00 CEST). `no-wildcard`
 * makes lists and ranges of hours fixed-time too: croner's default (`single-value`) would run
 * `30 2,14 * * *` twice in the repeated hour. An *interval* schedule (a wildcard or step in those
 * fields, e.g. `0 * * * *`, `*\/15 * * * *`) keeps its real-time rhythm: it runs on both passes
 * of the repeated hour and skips the times that do not exist.
 */
export const CRON_OPTIONS = {
  mode: '5-or-6-parts',
  fixedTimeRule: 'no-wildcard',
} as const satisfies CronOptions;

/** The run times of cron expressions in a time zone: pure computation, no timers. */
export interface CronCalendar {
  /**
   * Throws VALIDATION_FAILED naming `cronExpression` or `timezone` when the pair is unusable (a
   * seconds field included: schedules have 5 fields).
   */
  validate(expression: string, timeZone: string): void;
  /** The first run strictly after `after` (ms), or null when there is none. */
  next(expression: string, timeZone: string, after: number): number | null;
  /** Up to `limit` runs in (after, upTo], oldest first. */
  between(
    expression: string,
    timeZone: string,
    after: number,
    upTo: number,
    limit: number,
  ): number[];
  /** Up to `count` runs at or before `upTo`, newest first. */
  latest(expression: string, timeZone: string, upTo: number, count: number): number[];
}

function cleanMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.replace(/^Cron(Pattern|Date|Options)?:\s*/, '').replace(/\.$/, '');
}

const FIELD_HINT = 'Use 5 fields: minute hour day-of-month month day-of-week, e.g. "0 6 * * 1-5"';

/** A job that only computes (no function: croner starts no timer for it). */
function job(expression: string, timeZone: string): Cron {
  return new Cron(expression, { ...CRON_OPTIONS, timezone: timeZone, paused: true });
}

type Check =
  { field: 'cronExpression'; problem: string } | { field: 'timezone'; message: string } | null;

function check(expression: string, timeZone: string): Check {
  const shape = cronFieldsProblem(expression);
  if (shape) return { field: 'cronExpression', problem: shape };
  let cron: Cron;
  try {
    cron = job(expression, timeZone);
  } catch (error) {
    return {
      field: 'cronExpression',
      problem: `is not valid: ${cleanMessage(error)}. ${FIELD_HINT}`,
    };
  }
  let first: Date | null;
  try {
    first = cron.nextRun(new Date(0));
  } catch (error) {
    return { field: 'timezone', message: `The time zone cannot be used: ${cleanMessage(error)}.` };
  }
  if (!first) {
    return {
      field: 'cronExpression',
      problem: 'never runs: no date matches it (e.g. the 31st of a month that has 30 days)',
    };
  }
  return null;
}

export const cronerCalendar: CronCalendar = {
  validate(expression, timeZone) {
    if (!isKnownTimeZone(timeZone)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `"${timeZone}" is not a known IANA time zone (e.g. Europe/Berlin).`,
        { field: 'timezone' },
      );
    }
    const found = check(expression, timeZone);
    if (found?.field === 'cronExpression') {
      throw new AppError(
        'VALIDATION_FAILED',
        `The cron expression "${expression}" ${found.problem}.`,
        { field: 'cronExpression' },
      );
    }
    if (found) throw new AppError('VALIDATION_FAILED', found.message, { field: 'timezone' });
  },

  next(expression, timeZone, after) {
    return job(expression, timeZone).nextRun(new Date(after))?.getTime() ?? null;
  },

  between(expression, timeZone, after, upTo, limit) {
    const out: number[] = [];
    if (upTo <= after) return out;
    const cron = job(expression, timeZone);
    let cursor = new Date(after);
    while (out.length < limit) {
      const next = cron.nextRun(cursor);
      if (!next || next.getTime() > upTo) break;
      out.push(next.getTime());
      cursor = next;
    }
    return out;
  },

  latest(expression, timeZone, upTo, count) {
    // previousRuns is strictly before its reference: + 1 ms includes a run exactly at upTo
    return job(expression, timeZone)
      .previousRuns(count, new Date(upTo + 1))
      .map((d) => d.getTime());
  },
};
