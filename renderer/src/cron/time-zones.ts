// Time zones for the schedule editor, and run times shown in a given zone (Intl only).
import { wallClockFormatter } from '@contract/dst';

/** The browser's (the user's) IANA time zone. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** True when the runtime knows `timeZone`. */
export function isKnownZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

let supported: string[] | undefined;

/**
 * Every IANA zone the browser knows (`Intl.supportedValuesOf`), with UTC (some engines leave it
 * out) and any `extra` known zones (the browser's, a schedule's), sorted and without repeats.
 */
export function timeZoneNames(extra: readonly (string | null | undefined)[] = []): string[] {
  supported ??=
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const names = new Set(supported);
  names.add('UTC');
  for (const zone of extra) if (zone && isKnownZone(zone)) names.add(zone);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** The zone's current offset as `UTC+01:00` (the browser's own words for it). */
export function currentOffsetLabel(timeZone: string, at: Date = new Date()): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!part) return '';
    return part === 'GMT' ? 'UTC+00:00' : part.replace(/^GMT/, 'UTC');
  } catch {
    return '';
  }
}

/** `Europe/Berlin` → `Europe/Berlin (UTC+01:00)`, computed once per zone and day. */
const labels = new Map<string, string>();
export function timeZoneLabel(timeZone: string, at: Date = new Date()): string {
  const key = `${timeZone}|${at.toISOString().slice(0, 10)}`;
  let label = labels.get(key);
  if (label === undefined) {
    const offset = currentOffsetLabel(timeZone, at);
    label = offset ? `${timeZone.replace(/_/g, ' ')} (${offset})` : timeZone.replace(/_/g, ' ');
    labels.set(key, label);
  }
  return label;
}

/**
 * A run time on the clock of `timeZone`, with the weekday and the zone's short name:
 * "Wed, Nov 25, 06:30 GMT+1" (in the user's locale).
 */
export function formatRunInZone(iso: string, timeZone: string, locale?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** Whether two zones read the same wall clock at `iso` (then a second time is not worth it). */
export function sameClock(a: string, b: string, iso: string): boolean {
  if (a === b) return true;
  const date = new Date(iso);
  return wallClockFormatter(a).format(date) === wallClockFormatter(b).format(date);
}
