// A planned run's time that always says the day ("Today 07:00", "Tomorrow 07:00",
// "Mon 7 Dec, 07:00"): a bare "07:00" beside "Next:" does not tell whether it is today.
import { dayKey } from './format';

export interface RunDayOptions {
  now?: Date;
  timeZone?: string;
  locale?: string;
}

/** `iso` with its day: today, tomorrow, or weekday and date (and year when not this one). */
export function formatRunDay(iso: string | null | undefined, options: RunDayOptions = {}): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  const { timeZone, locale } = options;
  const now = options.now ?? new Date();
  const time = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
  const day = dayKey(date, timeZone);
  if (day === dayKey(now, timeZone)) return `Today ${time}`;
  if (day === dayKey(new Date(now.getTime() + 86_400_000), timeZone)) return `Tomorrow ${time}`;
  const sameYear = day.slice(0, 4) === dayKey(now, timeZone).slice(0, 4);
  const dateText = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
  return `${dateText}, ${time}`;
}
