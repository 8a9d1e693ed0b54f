/** Clock changes of a time zone (daylight saving time), computed with Intl: no tables of ours. */

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The Intl formatter of `timeZone`'s wall clock (numeric Gregorian fields, Latin digits, 24-hour),
 * made once per zone. Throws a RangeError for a zone Intl does not know.
 */
export function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
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
  for (const p of wallClockFormatter(timeZone).formatToParts(new Date(instant))) {
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
 * `Mon 7 Dec, 07:30` on the zone's wall clock: a moment as the UI's formatDateTime words a day
 * that is not today, yesterday or tomorrow (for text the server sends: warnings, e-mails).
 */
export function formatWallWords(timeZone: string, instant: number): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(new Date(instant))
    .replace(/ at /, ', ');
}

/** The longest span `offsetChanges` scans (a little over a year): its cost grows with the span. */
export const MAX_SCAN_SPAN_MS = 400 * 24 * 3_600_000;

/**
 * Offset changes in [from, to], found on a grid (hourly unless `stepMs` says otherwise; no zone
 * changes twice within 6 hours) and narrowed to the minute. The span is at most MAX_SCAN_SPAN_MS
 * (a RangeError beyond): for changes near many instants far apart use `offsetChangesNear`.
 */
export function offsetChanges(
  timeZone: string,
  from: number,
  to: number,
  stepMs = 3_600_000,
): OffsetChange[] {
  if (to - from > MAX_SCAN_SPAN_MS) {
    throw new RangeError(
      `offsetChanges scans at most ${MAX_SCAN_SPAN_MS / 86_400_000} days, not ${Math.ceil((to - from) / 86_400_000)}.`,
    );
  }
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

/**
 * The offset changes within `radiusMs` (at most 3 hours) of any of `instants`, oldest first, each
 * once. The cost grows with the number of instants, not with the time between them: around each
 * instant the offsets at both ends are compared (no zone changes twice within 6 hours), and only
 * where they differ is the stretch scanned hourly and narrowed to the minute, as by
 * `offsetChanges`.
 */
export function offsetChangesNear(
  timeZone: string,
  instants: readonly number[],
  radiusMs: number,
): OffsetChange[] {
  if (!(radiusMs >= 0 && radiusMs <= 3 * 3_600_000)) {
    throw new RangeError(`radiusMs must be from 0 to 3 hours, not ${radiusMs}.`);
  }
  const found = new Map<number, OffsetChange>();
  let scannedTo = -Infinity;
  for (const instant of [...instants].sort((a, b) => a - b)) {
    const from = Math.max(instant - radiusMs, scannedTo);
    const to = instant + radiusMs;
    if (to <= from) continue;
    scannedTo = to;
    if (utcOffsetMinutes(timeZone, from) === utcOffsetMinutes(timeZone, to)) continue;
    for (const change of offsetChanges(timeZone, from, to)) found.set(change.at, change);
  }
  return [...found.values()].sort((a, b) => a.at - b.at);
}
