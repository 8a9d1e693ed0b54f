/** Clock changes of a time zone (daylight saving time), computed with Intl: no tables of ours. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function wallClock(
  timeZone: string,
  instant: number,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Minutes the zone is ahead of UTC at `instant` (Berlin in summer: 120). */
export function utcOffsetMinutes(timeZone: string, instant: number): number {
  const w = wallClock(timeZone, instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const whole = Math.floor(instant / 1000) * 1000;
  return Math.round((asUtc - whole) / 60_000);
}

/** One change of the zone's UTC offset. */
export interface OffsetChange {
  /** The first instant (ms, minute precision) with the new offset. */
  at: number;
  offsetBefore: number;
  offsetAfter: number;
}

/** `YYYY-MM-DD HH:MM` on the zone's wall clock. */
export function formatWall(timeZone: string, instant: number): string {
  const w = wallClock(timeZone, instant);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
}

/**
 * Offset changes in [from, to], found on a grid (hourly unless `stepMs` says otherwise; no zone
 * changes twice within 6 hours) and narrowed to the minute.
 */
export function offsetChanges(
  timeZone: string,
  from: number,
  to: number,
  stepMs = 3_600_000,
): OffsetChange[] {
  const minute = 60_000;
  const changes: OffsetChange[] = [];
  const end = Math.ceil(to / minute) * minute;
  let lo = Math.floor(from / minute) * minute;
  let loOffset = utcOffsetMinutes(timeZone, lo);
  while (lo < end) {
    const hi = Math.min(lo + stepMs, end);
    const hiOffset = utcOffsetMinutes(timeZone, hi);
    if (hiOffset !== loOffset) {
      // the change lies in (a, b]: halve it down to one minute
      let a = lo;
      let b = hi;
      while (b - a > minute) {
        const mid = a + Math.floor((b - a) / 2 / minute) * minute;
        if (utcOffsetMinutes(timeZone, mid) === loOffset) a = mid;
        else b = mid;
      }
      changes.push({ at: b, offsetBefore: loOffset, offsetAfter: hiOffset });
    }
    lo = hi;
    loOffset = hiOffset;
  }
  return changes;
}
