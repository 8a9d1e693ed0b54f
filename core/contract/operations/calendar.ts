import { z } from 'zod';
import { operationAt } from '../operation';
import { instant, queryInteger, textAnswer } from './common';

/** How many days ahead the calendar looks (`days`). */
export const CALENDAR_MAX_DAYS = 31;
export const CALENDAR_DEFAULT_DAYS = 7;
/** At most this many runs of one schedule are listed (an every-minute schedule has 44,640). */
export const CALENDAR_MAX_RUNS_PER_SCHEDULE = 200;
/** At most this many runs in all. */
export const CALENDAR_MAX_RUNS = 2000;

export const calendarInput = z.object({
  days: queryInteger(1, CALENDAR_MAX_DAYS, CALENDAR_DEFAULT_DAYS),
});

export const calendarRunSchema = z.strictObject({
  scheduleId: z.string(),
  streamId: z.string(),
  /** What the run is called: its schedule's name when it has one, else its stream's name. */
  title: z.string(),
  /** The name of the stream it records. */
  streamName: z.string(),
  /** The cron time of the run. */
  scheduledAt: instant,
  /** The recording window: from (scheduledAt − pad before) to (+ duration + pad after). */
  start: instant,
  end: instant,
  /** Another run of the same stream overlaps this one. */
  sameStreamClash: z.boolean(),
  /** More runs than the recording limit would be open at some moment of this window. */
  overLimit: z.boolean(),
});
export type CalendarRunDto = z.output<typeof calendarRunSchema>;

/** The answer of `GET /api/calendar`. */
export const calendarDtoSchema = z.strictObject({
  from: instant,
  to: instant,
  /** The app's time zone (each schedule's runs are computed in its own). */
  timezone: z.string(),
  /** The recording limit the clashes were judged against. */
  maxConcurrentRecordings: z.number().int(),
  /** Oldest first. */
  items: z.array(calendarRunSchema),
  /** Some schedule had more runs than are listed (CALENDAR_MAX_RUNS_PER_SCHEDULE, _MAX_RUNS). */
  truncated: z.boolean(),
});
export type CalendarDto = z.output<typeof calendarDtoSchema>;

export const upcomingRuns = operationAt('GET /api/calendar', 'calendar.upcoming', {
  input: calendarInput,
  output: calendarDtoSchema,
  summary:
    'The runs of the active schedules in the next `days` (1..31, default 7), oldest first, each with its recording window and whether it clashes (same stream overlapping, or more runs at once than the recording limit).',
});

export const calendarIcs = operationAt('GET /api/calendar.ics', 'calendar.ics', {
  input: calendarInput,
  output: textAnswer,
  summary:
    'The same runs as an iCalendar (RFC 5545) feed, `text/calendar`: one event per run with a stable UID, for the user’s own calendar app (with the API key).',
});

export const calendarOperationSpecs = [upcomingRuns, calendarIcs] as const;
