// Daylight-saving warnings, computed with Intl alone (no tables of ours): THE rule on which runs
// of a schedule a clock change touches and what the recorder does with them, for the schedule
// editor and list (`dstWarnings`: the schedule's times in each skipped or repeated hour of the
// coming year) and for the cron preview (`runDstWarnings`: each listed run in or next to a
// change). Both read a change the same way (`readClockChange`). The policy is the calendar's
// (README "Scheduling", DST; cron-calendar.ts, croner with fixedTimeRule 'no-wildcard'):
// - a fixed-time schedule (no `*` or step in its second, minute and hour fields) whose time is
//   skipped runs ONCE at the first valid time after the gap (02:30 Europe/Berlin → 03:00 CEST);
//   whose time is repeated runs ONCE, on the first pass;
// - an interval schedule keeps real time: its skipped times do not run, its repeated times run on
//   both passes.
import { formatWall, offsetChanges, offsetChangesNear, type OffsetChange } from '../dst';
import { parseCron, type CronMatcher } from './cron-matcher';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

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
  /** False when the expression uses syntax parseCron does not read (L, W, #...). */
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

/** One clock change as the warnings read it: the same for the editor's and the preview's. */
interface ClockChangeReading {
  kind: 'gap' | 'overlap';
  /** How far the clocks move, in minutes (60, or 30 at Lord Howe). */
  shiftMinutes: number;
  /** The wall clock (as ms whose UTC fields are the wall clock) just before and just after. */
  wallBefore: number;
  wallAfter: number;
  /** `HH:MM` of those: `02:00` → `03:00` (forward), `03:00` → `02:00` (back). */
  clockFrom: string;
  clockTo: string;
}

function readClockChange(change: OffsetChange): ClockChangeReading {
  const wallBefore = change.at + change.offsetBefore * MINUTE;
  const wallAfter = change.at + change.offsetAfter * MINUTE;
  return {
    kind: change.offsetAfter > change.offsetBefore ? 'gap' : 'overlap',
    shiftMinutes: Math.abs(change.offsetAfter - change.offsetBefore),
    wallBefore,
    wallAfter,
    clockFrom: hhmm(wallBefore),
    clockTo: hhmm(wallAfter),
  };
}

/** What the recorder does at a change with the times of a fixed-time or an interval schedule. */
function dstAction(kind: 'gap' | 'overlap', fixedTime: boolean): DstAction {
  if (kind === 'gap') return fixedTime ? 'runs-after-gap' : 'skips';
  return fixedTime ? 'runs-first-pass' : 'runs-both-passes';
}

/** The warnings of a schedule read by `matcher` for the given clock changes. */
export function warningsFor(
  matcher: CronMatcher,
  timeZone: string,
  changes: readonly OffsetChange[],
): DstWarning[] {
  const warnings: DstWarning[] = [];
  for (const change of changes) {
    const { kind, shiftMinutes, wallBefore, wallAfter, clockFrom, clockTo } =
      readClockChange(change);
    // the wall-clock minutes that are skipped (gap) or happen twice (overlap)
    const start = Math.min(wallBefore, wallAfter);
    const end = Math.max(wallBefore, wallAfter);
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
    const warning = {
      kind,
      action: dstAction(kind, matcher.fixedTime),
      date: ymd(start),
      clockFrom,
      clockTo,
      times,
      changeAt: new Date(change.at).toISOString(),
    } as const;
    warnings.push({ ...warning, message: sentence(warning, timeZone, shiftMinutes) });
  }
  return warnings;
}

/** Clock changes by zone and hour of `from` (they are the same all that hour). */
const changeCache = new Map<string, OffsetChange[]>();

function changesWithin(timeZone: string, from: number, days: number): OffsetChange[] {
  const key = `${timeZone}|${Math.floor(from / HOUR)}|${days}`;
  let changes = changeCache.get(key);
  if (!changes) {
    // sampled every 6 hours (no zone changes twice within 6 hours): quick enough for a year
    changes = offsetChanges(timeZone, from, from + days * DAY, 6 * HOUR);
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

/** The change as the preview words it, with both policies (it does not tell the kinds apart). */
function describeChangeForRuns(timeZone: string, change: OffsetChange): string {
  const { kind, clockFrom: from, clockTo: to } = readClockChange(change);
  const day = formatWall(timeZone, change.at).slice(0, 10);
  if (kind === 'gap') {
    return (
      `on ${day} the clocks in ${timeZone} go forward from ${from} to ${to}, so times from ` +
      `${from} to ${to} do not exist that day: a fixed-time schedule in that gap runs once, at ` +
      `${to}; an interval schedule skips the missing times`
    );
  }
  return (
    `on ${day} the clocks in ${timeZone} go back from ${from} to ${to}, so times from ${to} to ` +
    `${from} happen twice that day: a fixed-time schedule runs once, on the first pass; an ` +
    `interval schedule runs on both passes`
  );
}

/**
 * The preview's warnings: one per run that falls in or next to a daylight-saving change of
 * `timeZone` (within the size of the shift, e.g. one hour, of the change): the skipped or
 * repeated hour. Works for every expression the calendar runs (L, W, # too), from its runs. Only
 * the hours around each run are looked at (shifts are at most 3 hours), so the cost grows with
 * the number of runs, not with the years between them.
 */
export function runDstWarnings(timeZone: string, runs: readonly number[]): string[] {
  if (runs.length === 0) return [];
  const changes = offsetChangesNear(timeZone, runs, 3 * HOUR);
  const warnings: string[] = [];
  for (const run of runs) {
    const change = changes.find((c) => {
      const shift = readClockChange(c).shiftMinutes * MINUTE;
      return run >= c.at - shift && run <= c.at + shift;
    });
    if (!change) continue;
    warnings.push(
      `The run at ${formatWall(timeZone, run)} (${new Date(run).toISOString()}) is at a ` +
        `daylight-saving change: ${describeChangeForRuns(timeZone, change)}.`,
    );
  }
  return warnings;
}
