import type { CalendarRunDto } from '@contract/operations';
import { dayKey } from '../format/format';

/** One day of the calendar in the user's time zone, with the runs that start on it. */
export interface CalendarDay {
  /** `YYYY-MM-DD` in the user's zone. */
  key: string;
  /** "Today", "Tomorrow", else "Wednesday 9 December" (the user's locale). */
  label: string;
  runs: CalendarRunDto[];
}

const DAY_MS = 86_400_000;
const STEP_MS = 6 * 3_600_000;

/** "Today", "Tomorrow" or the weekday and date of `date`. */
function dayLabel(date: Date, now: Date, timeZone: string | undefined, locale?: string): string {
  const key = dayKey(date, timeZone);
  if (key === dayKey(now, timeZone)) return 'Today';
  if (key === dayKey(new Date(now.getTime() + DAY_MS), timeZone)) return 'Tomorrow';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(date);
}

/**
 * The `count` days from `now`'s day on (the week view's columns), each with the runs that start
 * on it in `timeZone`, in start order; days without runs are kept (an empty column). Runs that
 * start before the first day (already recording) belong to the first day.
 */
export function calendarDays(
  runs: readonly CalendarRunDto[],
  options: { now: Date; count: number; timeZone?: string; locale?: string },
): CalendarDay[] {
  const { now, count, timeZone, locale } = options;
  const days: CalendarDay[] = [];
  // 6-hour steps: every local day is met (a day of 23 or 25 hours too), each once
  for (let at = now.getTime(); days.length < count; at += STEP_MS) {
    const date = new Date(at);
    const key = dayKey(date, timeZone);
    if (days.at(-1)?.key === key) continue;
    days.push({ key, label: dayLabel(date, now, timeZone, locale), runs: [] });
  }
  const byKey = new Map(days.map((d) => [d.key, d]));
  const sorted = [...runs].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  for (const run of sorted) {
    const key = dayKey(new Date(run.start), timeZone);
    const day = byKey.get(key) ?? (key < days[0]!.key ? days[0] : undefined);
    day?.runs.push(run);
  }
  return days;
}

/** The days that have runs (the agenda view). */
export function agendaDays(
  runs: readonly CalendarRunDto[],
  options: { now: Date; count: number; timeZone?: string; locale?: string },
): CalendarDay[] {
  return calendarDays(runs, options).filter((d) => d.runs.length > 0);
}

/** Why a run is marked as a clash, in words (null: no clash). */
export function clashText(run: CalendarRunDto, maxConcurrent: number): string | null {
  if (run.sameStreamClash) return 'Overlaps another recording of this stream';
  if (run.overLimit) {
    return `More than ${maxConcurrent} recording${maxConcurrent === 1 ? '' : 's'} at once: one waits for a free slot`;
  }
  return null;
}
