import { dayKey, type DateFormatOptions } from '../../format/format';

/**
 * When a log line was written, in the user's time zone, to the second: "14:05:09" today,
 * "23 Nov, 14:05:09" on another day (with the year when it is another year).
 */
export function formatLogTime(iso: string, options: DateFormatOptions = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const { timeZone, locale } = options;
  const now = options.now ?? new Date();
  const time: Intl.DateTimeFormatOptions = {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  };
  if (dayKey(date, timeZone) === dayKey(now, timeZone)) {
    return new Intl.DateTimeFormat(locale, time).format(date);
  }
  const sameYear = dayKey(date, timeZone).slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  return new Intl.DateTimeFormat(locale, {
    ...time,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}
