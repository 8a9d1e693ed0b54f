// How times, durations and sizes read in the UI: in the user's own time zone and locale (Intl).

import { wallClock } from '@contract/dst';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** A number in two digits at least: 3 → "03". */
const two = (n: number) => String(n).padStart(2, '0');

/** A byte count as people read it: 0 B, 950 B, 1.5 MB, 12 GB (powers of 1000, like disks). */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${Math.max(0, Math.round(bytes))} B`;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A duration in seconds, to the nearest second: 45 s, 5 min 03 s, 1 h 05 min, 2 d 3 h. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return `${h} h ${two(m)} min`;
  if (m > 0) return `${m} min ${two(s)} s`;
  return `${s} s`;
}

/** A clock-like duration for something running: 0:07, 12:34, 1:02:03. */
export function formatClock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

export interface DateFormatOptions {
  /** Default: the user's (the browser's) time zone. */
  timeZone?: string;
  /** Default: the user's locale. */
  locale?: string;
  /** For "today"/"yesterday" (default: now). */
  now?: Date;
  /** Show the seconds too ("Today 14:05:09"), where lines seconds apart must read apart (logs). */
  seconds?: boolean;
}

let userZone: string | undefined;

/** `YYYY-MM-DD` of `date` in `timeZone` (undefined: the user's), read off the zone's wall clock. */
export function dayKey(date: Date, timeZone: string | undefined): string {
  // no zone: the one Intl reads the user's clock in (as formatDateTime's times are), read once as
  // a formatter made without a zone keeps the one it was made in
  const zone = timeZone ?? (userZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone);
  const { year, month, day } = wallClock(zone, date.getTime());
  return `${year}-${two(month)}-${two(day)}`;
}

/** The moment `iso` names, or null when there is none or it cannot be read. */
function instantOf(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A point in time as people say it, on the user's clock (the one formatter of the UI for a
 * moment): "Today 14:05", "Yesterday 23:00", "Tomorrow 06:00", else the weekday and date
 * ("Mon 7 Dec, 07:00"), with the year when it is not this one; with `seconds`, to the second
 * ("Today 14:05:09", for log lines). Never ISO or UTC text.
 */
export function formatDateTime(
  iso: string | null | undefined,
  options: DateFormatOptions = {},
): string {
  const date = instantOf(iso);
  if (!date) return '—';
  const { timeZone, locale } = options;
  const now = options.now ?? new Date();
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    ...(options.seconds ? { second: '2-digit' } : {}),
  }).format(date);
  const day = dayKey(date, timeZone);
  const dayOf = (offset: number) => dayKey(new Date(now.getTime() + offset * 86_400_000), timeZone);
  if (day === dayOf(0)) return `Today ${time}`;
  if (day === dayOf(-1)) return `Yesterday ${time}`;
  if (day === dayOf(1)) return `Tomorrow ${time}`;
  const sameYear = day.slice(0, 4) === dayOf(0).slice(0, 4);
  const dateText = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
  return `${dateText}, ${time}`;
}

/** A point in time in full, for a tooltip: "Tuesday, 24 November 2026 at 14:05:09 CET". */
export function formatFullDateTime(
  iso: string | null | undefined,
  options: DateFormatOptions = {},
): string {
  const date = instantOf(iso);
  if (!date) return '';
  return new Intl.DateTimeFormat(options.locale, {
    timeZone: options.timeZone,
    dateStyle: 'full',
    timeStyle: 'long',
  }).format(date);
}

/** Seconds since `iso` at `now` (0 when it is in the future or missing). */
export function secondsSince(iso: string | null | undefined, now: number): number {
  const start = instantOf(iso);
  return start ? Math.max(0, (now - start.getTime()) / 1000) : 0;
}

/**
 * How far ahead `iso` is at `now`, as people say it: "in 8 s", "in 3 min", "in 2 h 05 min";
 * "now" when it is due (or passed).
 */
export function formatIn(iso: string | null | undefined, now: number): string {
  const at = instantOf(iso);
  if (!at) return '—';
  const seconds = Math.ceil((at.getTime() - now) / 1000);
  if (seconds <= 0) return 'now';
  if (seconds < 60) return `in ${seconds} s`;
  if (seconds < 3600) return `in ${Math.round(seconds / 60)} min`;
  return `in ${formatDuration(seconds)}`;
}

/** A bit rate: "128 kb/s" ("—" when unknown). */
export function formatBitRate(kbps: number | null | undefined): string {
  if (kbps === null || kbps === undefined || !Number.isFinite(kbps)) return '—';
  return `${Math.round(kbps)} kb/s`;
}
