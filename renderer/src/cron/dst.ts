// Daylight-saving warnings for a schedule, computed in the browser with Intl alone: the clock
// changes of the schedule's zone in the coming year, and which of the schedule's times fall in a
// skipped hour (clocks go forward) or a repeated hour (clocks go back), with what the recorder
// does then. The policy is the core's (README "Scheduling", DST; core/src/scheduler/
// cron-calendar.ts, croner with fixedTimeRule 'no-wildcard'):
// - a fixed-time schedule (no `*` or step in its second, minute and hour fields) whose time is
//   skipped runs ONCE at the first valid time after the gap (02:30 Europe/Berlin → 03:00 CEST);
//   whose time is repeated runs ONCE, on the first pass;
// - an interval schedule keeps real time: its skipped times do not run, its repeated times run on
//   both passes.
import {
  offsetChanges as zoneOffsetChanges,
  utcOffsetMinutes,
  type OffsetChange,
} from '@contract/dst';
import { parseCron, type CronMatcher } from './cron-fields';

/** The zone's offset changes in [from, to], sampled every 6 hours (quick enough for a year). */
export function offsetChanges(timeZone: string, from: number, to: number): OffsetChange[] {
  return zoneOffsetChanges(timeZone, from, to, 6 * HOUR);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export { utcOffsetMinutes, type OffsetChange };

/** What the recorder does with the schedule's times at one clock change. */
export type DstAction =
  /** fixed time in the skipped hour: one run at the first valid time after it */
  | 'runs-after-gap'
  /** interval schedule: the skipped times do not run */
  | 'skips'
  /** fixed time in the repeated hour: one run, on the first pass */
  | 'runs-first-pass'
  /** interval schedule: the repeated times run on both passes */
  | 'runs-both-passes';

export interface DstWarning {
  kind: 'gap' | 'overlap';
  action: DstAction;
  /** The local date of the change in the schedule's zone, `YYYY-MM-DD`. */
  date: string;
  /** The wall clock just before the change and just after it (`02:00` → `03:00`). */
  clockFrom: string;
  clockTo: string;
  /** The schedule's local times that are skipped or repeated that day (`HH:MM`). */
  times: string[];
  /** The instant of the change (ISO-8601 UTC). */
  changeAt: string;
  /** The same in a sentence, saying what the recorder will do. */
  message: string;
}

export interface DstCheck {
  /** False when the expression uses syntax the browser cannot read (L, W, #...). */
  analyzable: boolean;
  warnings: DstWarning[];
}

const two = (n: number) => String(n).padStart(2, '0');
/** `HH:MM` of a "wall epoch" (ms whose UTC fields are the wall clock). */
const hhmm = (wall: number) => {
  const d = new Date(wall);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
};
const ymd = (wall: number) => new Date(wall).toISOString().slice(0, 10);
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `Sunday 29 March 2026` for `2026-03-29` (the same words in every browser). */
function longDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${DAY_NAMES[d.getUTCDay()]} ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `UTC+02:00`, `UTC−03:30`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '−' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

function formatShift(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? 'an hour' : `${minutes / 60} hours`;
  return minutes < 60 ? `${minutes} minutes` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** "02:30", "02:00 and 02:30", "02:00, 02:15, 02:30 and 02:45", or a range when there are many. */
function listTimes(times: readonly string[]): string {
  if (times.length === 1) return times[0]!;
  if (times.length > 6) return `the ${times.length} times from ${times[0]} to ${times.at(-1)}`;
  return `${times.slice(0, -1).join(', ')} and ${times.at(-1)}`;
}

function sentence(w: Omit<DstWarning, 'message'>, timeZone: string, shift: number): string {
  const day = longDate(w.date);
  const times = listTimes(w.times);
  const one = w.times.length === 1;
  if (w.kind === 'gap') {
    const head = `On ${day} the clocks in ${timeZone} go forward from ${w.clockFrom} to ${w.clockTo}, so ${times} ${one ? 'does' : 'do'} not exist that day.`;
    return w.action === 'runs-after-gap'
      ? `${head} The recorder runs this schedule once at ${w.clockTo}, the first valid time after the gap, for its full duration.`
      : `${head} This interval schedule keeps real time: ${one ? 'that run is' : 'those runs are'} skipped.`;
  }
  const head = `On ${day} the clocks in ${timeZone} go back from ${w.clockFrom} to ${w.clockTo}, so ${times} ${one ? 'happens' : 'happen'} twice that day.`;
  return w.action === 'runs-first-pass'
    ? `${head} The recorder runs this schedule once, on the first pass (before the clocks go back); the second pass is not recorded.`
    : `${head} This interval schedule keeps real time: ${one ? 'it runs' : 'they run'} on both passes, ${formatShift(shift)} apart.`;
}

/** The warnings of a schedule read by `matcher` for the given clock changes. */
export function warningsFor(
  matcher: CronMatcher,
  timeZone: string,
  changes: readonly OffsetChange[],
): DstWarning[] {
  const warnings: DstWarning[] = [];
  for (const change of changes) {
    const kind = change.offsetAfter > change.offsetBefore ? 'gap' : 'overlap';
    const before = change.at + change.offsetBefore * MINUTE; // wall clock just before
    const after = change.at + change.offsetAfter * MINUTE; // wall clock just after
    // the wall-clock minutes that are skipped (gap) or happen twice (overlap)
    const start = Math.min(before, after);
    const end = Math.max(before, after);
    const times: string[] = [];
    for (let wall = start; wall < end; wall += MINUTE) {
      const d = new Date(wall);
      const hit = matcher.matches({
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        weekday: d.getUTCDay(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
      });
      if (hit) times.push(hhmm(wall));
    }
    if (times.length === 0) continue;
    const action: DstAction =
      kind === 'gap'
        ? matcher.fixedTime
          ? 'runs-after-gap'
          : 'skips'
        : matcher.fixedTime
          ? 'runs-first-pass'
          : 'runs-both-passes';
    const warning = {
      kind,
      action,
      date: ymd(start),
      clockFrom: hhmm(before),
      clockTo: hhmm(after),
      times,
      changeAt: new Date(change.at).toISOString(),
    } as const;
    const shift = Math.abs(change.offsetAfter - change.offsetBefore);
    warnings.push({ ...warning, message: sentence(warning, timeZone, shift) });
  }
  return warnings;
}

/** Clock changes by zone and hour of `from` (they are the same all that hour). */
const changeCache = new Map<string, OffsetChange[]>();

function changesWithin(timeZone: string, from: number, days: number): OffsetChange[] {
  const key = `${timeZone}|${Math.floor(from / HOUR)}|${days}`;
  let changes = changeCache.get(key);
  if (!changes) {
    changes = offsetChanges(timeZone, from, from + days * DAY);
    if (changeCache.size > 50) changeCache.clear();
    changeCache.set(key, changes);
  }
  return changes.filter((c) => c.at > from);
}

/**
 * The DST warnings of `expression` in `timeZone` for the `days` (default 366) after `from`:
 * one per clock change at which the schedule has a time that is skipped or repeated.
 */
export function dstWarnings(
  expression: string,
  timeZone: string,
  from: number = Date.now(),
  days = 366,
): DstCheck {
  const matcher = parseCron(expression);
  if (!matcher) return { analyzable: false, warnings: [] };
  let changes: OffsetChange[];
  try {
    changes = changesWithin(timeZone, from, days);
  } catch {
    // an unknown zone: the form says so on its own field
    return { analyzable: false, warnings: [] };
  }
  return { analyzable: true, warnings: warningsFor(matcher, timeZone, changes) };
}
