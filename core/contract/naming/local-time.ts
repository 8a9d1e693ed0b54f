import { wallClockFormatter } from '../dst';
import { AppError } from '../errors';

/** A wall-clock reading in one time zone: numeric calendar fields (Gregorian, 24-hour). */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** An Intl formatter for `timeZone`; AppError VALIDATION_FAILED (field `timezone`) when unknown. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') {
    throw new AppError(
      'VALIDATION_FAILED',
      'A time zone is required (an IANA name such as Europe/Berlin).',
      {
        field: 'timezone',
      },
    );
  }
  try {
    return wallClockFormatter(timeZone);
  } catch {
    throw new AppError(
      'VALIDATION_FAILED',
      `Unknown time zone "${timeZone}": use an IANA name such as Europe/Berlin.`,
      { field: 'timezone' },
    );
  }
}

/** Throws VALIDATION_FAILED (field `timezone`) unless `timeZone` is a time zone Intl knows. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

/** The calendar date and time that `instant` reads as on a wall clock in `timeZone` (IANA). */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const formatter = formatterFor(timeZone);
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new AppError('VALIDATION_FAILED', 'The start time is not a valid date.', {
      field: 'startTime',
    });
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    // some engines print midnight as 24 even with h23; normalise
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD`. */
export function formatLocalDate(t: LocalDateTime): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

/** `HH-MM-SS` (24-hour, no colons: colons are illegal in Windows file names). */
export function formatLocalTime(t: LocalDateTime): string {
  return `${pad(t.hour)}-${pad(t.minute)}-${pad(t.second)}`;
}
