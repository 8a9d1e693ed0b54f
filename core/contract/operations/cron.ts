import { z } from 'zod';
import { cronFieldsProblem } from '../cron/cron-fields';
import { operationAt } from '../operation';
import { instant, queryInteger, queryOptional } from './common';

/** Longest cron expression accepted. */
export const CRON_EXPRESSION_MAX_LENGTH = 120;
/** Longest time zone name accepted (IANA names are far shorter). */
export const TIME_ZONE_MAX_LENGTH = 64;
/** How many runs the preview may list. */
export const CRON_PREVIEW_MAX = 50;
export const CRON_PREVIEW_DEFAULT = 5;
/**
 * How far ahead the preview looks: runs later than this many years from now are not listed (a
 * sparse expression such as `0 0 29 2 *` lists only the leap days within it).
 */
export const CRON_PREVIEW_YEARS = 5;
export const CRON_PREVIEW_SPAN_MS = CRON_PREVIEW_YEARS * 366 * 24 * 3_600_000;

/** Zone names seen, with their IANA spelling (null: unknown); a bounded memo. */
const zones = new Map<string, string | null>();

/**
 * The IANA spelling of `timeZone`, or null when the JavaScript runtime does not know it. Building
 * an Intl.DateTimeFormat costs about a millisecond, and every schedule and preview asks: the
 * answers are kept (at most 500 names).
 */
function resolveTimeZone(timeZone: string): string | null {
  let known = zones.get(timeZone);
  if (known === undefined) {
    try {
      known = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
    } catch {
      known = null;
    }
    if (zones.size >= 500) zones.clear();
    zones.set(timeZone, known);
  }
  return known;
}

/** True when the JavaScript runtime knows `timeZone` as an IANA time zone (e.g. Europe/Berlin). */
export function isKnownTimeZone(timeZone: string): boolean {
  return resolveTimeZone(timeZone) !== null;
}

/** The IANA spelling of a known zone (`europe/berlin` → `Europe/Berlin`). */
export function canonicalTimeZone(timeZone: string): string {
  const known = resolveTimeZone(timeZone);
  if (known === null) throw new RangeError(`Invalid time zone specified: ${timeZone}`);
  return known;
}

/**
 * A cron expression: 5 fields (minute hour day-of-month month day-of-week) or a nickname such as
 * `@daily` (cronFieldsProblem: a seconds field is refused). Its meaning is checked by the core
 * (field `cronExpression` or `expression`), which names what is wrong.
 *
 * Daylight saving time, in the schedule's zone: a fixed-time schedule (no `*` and no step in its
 * second, minute and hour fields, e.g. `30 2 * * *` or `0 6,18 * * 1-5`) runs once, at the first
 * valid time after the gap (03:00), when its time is skipped in spring, and once, on the first
 * pass, when its time happens twice in autumn. An interval schedule (`0 * * * *`, `*\/15 * * * *`)
 * keeps its real-time rhythm: it skips times that do not exist and runs on both passes of the
 * repeated hour. The preview warns about runs at such a change.
 */
export const cronExpressionSchema = z
  .string({ error: 'must be a cron expression (text), e.g. "0 6 * * 1-5"' })
  .trim()
  .min(1, 'must not be empty')
  .max(CRON_EXPRESSION_MAX_LENGTH, `must be at most ${CRON_EXPRESSION_MAX_LENGTH} characters`)
  .superRefine((value, ctx) => {
    const problem = cronFieldsProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => value.replace(/\s+/g, ' '));

/** An IANA time zone name, answered in its canonical spelling. */
export const timeZoneSchema = z
  .string({ error: 'must be an IANA time zone name (text), e.g. Europe/Berlin' })
  .trim()
  .min(1, 'must not be empty')
  .max(TIME_ZONE_MAX_LENGTH, `must be at most ${TIME_ZONE_MAX_LENGTH} characters`)
  .refine(isKnownTimeZone, 'is not a known IANA time zone (e.g. Europe/Berlin, America/New_York)')
  .transform(canonicalTimeZone);

export const cronPreviewInput = z.object({
  expression: cronExpressionSchema,
  /** Missing or empty: the app's time zone (TZ). */
  timezone: queryOptional(timeZoneSchema),
  count: queryInteger(1, CRON_PREVIEW_MAX, CRON_PREVIEW_DEFAULT),
});

export type CronPreviewInput = z.input<typeof cronPreviewInput>;

/** The answer of `GET /api/cron/preview`. */
export const cronPreviewDtoSchema = z.strictObject({
  /** The next runs within CRON_PREVIEW_YEARS (5) years, ISO-8601 UTC, oldest first. */
  nextRuns: z.array(instant),
  /** The time zone the runs were computed in. */
  timezone: z.string(),
  /** The expression in words (describeCron, as the UI shows it: "At 06:00, Monday through Friday"). */
  description: z.string().optional(),
  /** Runs that fall in or next to a daylight-saving change (a skipped or repeated hour). */
  warnings: z.array(z.string()),
});
export type CronPreviewDto = z.output<typeof cronPreviewDtoSchema>;

export const previewCron = operationAt('GET /api/cron/preview', 'cron.preview', {
  input: cronPreviewInput,
  output: cronPreviewDtoSchema,
  summary:
    'The next `count` (1..50, default 5) runs of a cron expression in a time zone within the next 5 years (later runs are not listed), with warnings for runs at a daylight-saving change; 400 naming what is wrong with an invalid expression (field expression) or zone (field timezone).',
});

export const cronOperationSpecs = [previewCron] as const;
