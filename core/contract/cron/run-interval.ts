// The shortest time between two consecutive runs of a schedule, from its fields alone (no
// enumeration of runs), and the rule built on it: a run may not last longer than that, or it
// would still be recording when the next one is due (the scheduler skips a run while the
// previous one of its schedule records).
//
// Every run day of a 5-field expression has the same times, so the shortest interval is the
// smaller of (a) the shortest gap between two of its times on one day and (b), when it runs on
// two consecutive days, the gap from its last time to its first time the next day. A run lasts
// at most a day (MAX_DURATION_MINUTES), so nothing longer than 24 hours matters: days further
// apart are not looked at. Whether it runs on two consecutive days is decided on the 14 kinds of
// year (leap or not × the weekday of 1 January), which hold every month layout of the calendar:
// at most 14 × 366 day checks, well under a millisecond.
//
// DST: the interval is read on the wall clock of the schedule's zone, as the user writes it. On
// the day the clocks go forward the real time between two runs around the change can be shorter
// by the shift (usually an hour); a schedule that fills its interval exactly (daily for 24 hours)
// overlaps then, and the scheduler skips that one run and lists it as missed. Refusing such
// schedules in every zone with DST would refuse the common "24 hours every day", so the rule
// stays on the wall clock and the preview warns about runs at a clock change.
import { calendarMonth, readCron, type CalendarMonth } from './cron-fields';

const DAY_MINUTES = 24 * 60;

/** The shortest interval between two consecutive runs, and two runs that far apart. */
export interface RunInterval {
  minutes: number;
  /** `HH:MM` of the earlier run and of the later one. */
  from: string;
  to: string;
  /** The later run is on the next day. */
  nextDay: boolean;
}

const two = (n: number) => String(n).padStart(2, '0');
const hhmm = (minuteOfDay: number) =>
  `${two(Math.floor(minuteOfDay / 60))}:${two(minuteOfDay % 60)}`;

/** One year of each kind (leap or not, weekday of 1 January), all within 2001..2028. */
const YEAR_KINDS: readonly number[] = (() => {
  const kinds = new Map<string, number>();
  for (let year = 2001; kinds.size < 14; year += 1) {
    const leap = new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1;
    const key = `${leap}|${new Date(Date.UTC(year, 0, 1)).getUTCDay()}`;
    if (!kinds.has(key)) kinds.set(key, year);
  }
  return [...kinds.values()];
})();

/** True when some day and the day after it are both run days (Dec 31 → Jan 1 included). */
function runsOnConsecutiveDays(runsOn: (m: CalendarMonth, day: number) => boolean): boolean {
  for (const year of YEAR_KINDS) {
    let previous = false;
    for (let month = 1; month <= 13; month += 1) {
      // month 13: January of the next year, for the turn of the year
      const m = month === 13 ? calendarMonth(year + 1, 1) : calendarMonth(year, month);
      const days = month === 13 ? 1 : m.length;
      for (let day = 1; day <= days; day += 1) {
        const runs = runsOn(m, day);
        if (runs && previous) return true;
        previous = runs;
      }
    }
  }
  return false;
}

/**
 * The shortest wall-clock interval between two consecutive runs of a 5-field expression (or
 * nickname), when it is at most 24 hours; null when runs are always more than a day apart, or
 * when the expression cannot be read (not 5 fields: see cronFieldsProblem).
 */
export function shortestRunInterval(expression: string): RunInterval | null {
  const reading = readCron(expression);
  if (!reading || reading.times.length === 0) return null;
  const { times } = reading;
  let best: RunInterval | null = null;
  for (let i = 1; i < times.length; i += 1) {
    const minutes = times[i]! - times[i - 1]!;
    if (!best || minutes < best.minutes) {
      best = { minutes, from: hhmm(times[i - 1]!), to: hhmm(times[i]!), nextDay: false };
    }
  }
  const first = times[0]!;
  const last = times.at(-1)!;
  const overnight = DAY_MINUTES - (last - first);
  if ((!best || overnight < best.minutes) && runsOnConsecutiveDays(reading.runsOn)) {
    best = { minutes: overnight, from: hhmm(last), to: hhmm(first), nextDay: true };
  }
  return best;
}

/** `90` → `1 hour 30 minutes`; `1440` → `24 hours`. */
export function minutesInWords(total: number): string {
  const hours = Math.floor(total / 60);
  const minutes = total % 60;
  const parts: string[] = [];
  if (hours > 0) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes > 0 || hours === 0) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/**
 * THE self-overlap rule of a schedule: its runs may not last longer than the shortest interval
 * between two of them. Answers the refusal (for the field durationMinutes), or null. Pads may
 * overlap the next run: the scheduler records both (README, "Scheduling").
 */
export function selfOverlapProblem(expression: string, durationMinutes: number): string | null {
  const interval = shortestRunInterval(expression);
  if (!interval || durationMinutes <= interval.minutes) return null;
  const when = `from ${interval.from} to ${interval.to}${interval.nextDay ? ' the next day' : ''}`;
  return (
    `A run of ${minutesInWords(durationMinutes)} is longer than the shortest time between two ` +
    `runs of "${expression.trim()}": ${minutesInWords(interval.minutes)} (${when}). Each run ` +
    `would still be recording when the next one is due, and the next one would be skipped. ` +
    `Record for at most ${interval.minutes} minutes, or run the schedule less often.`
  );
}
