// The schedule presets of the editor ("daily at", "weekdays at", "weekly on") as 5-field cron
// expressions, and back: an existing schedule whose expression has one of these shapes opens
// with its preset; anything else is "custom" (free cron text).

export type PresetKind = 'daily' | 'weekdays' | 'weekly';
export type ScheduleMode = PresetKind | 'custom';

/** Day of the week as cron numbers it: 0 Sunday … 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface Preset {
  kind: PresetKind;
  /** Local time in the schedule's zone, `HH:MM` (24 h). */
  time: string;
  /** Only for `weekly`. */
  weekday: Weekday;
}

export const WEEKDAY_NAMES = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** Monday first, as people read a week. */
export const WEEKDAYS_MONDAY_FIRST: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 0];

const SHORT_DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** `HH:MM` (or `H:MM`) as hour and minute, or null when it is not a time of day. */
export function parseTime(time: string): { hour: number; minute: number } | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

const two = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` from hour and minute. */
export function formatTime(hour: number, minute: number): string {
  return `${two(hour)}:${two(minute)}`;
}

/** The 5-field cron expression of a preset (`daily 06:30` → `30 6 * * *`); throws on a bad time. */
export function presetToCron(preset: Preset): string {
  const t = parseTime(preset.time);
  if (!t) throw new Error(`"${preset.time}" is not a time of day (HH:MM).`);
  const days =
    preset.kind === 'daily' ? '*' : preset.kind === 'weekdays' ? '1-5' : String(preset.weekday);
  return `${t.minute} ${t.hour} * * ${days}`;
}

/** A whole number written plainly (`6`, `06`), within [min, max]; else null. */
function plainNumber(field: string, min: number, max: number): number | null {
  if (!/^\d{1,2}$/.test(field)) return null;
  const n = Number(field);
  return n >= min && n <= max ? n : null;
}

/** One day-of-week token (`1`, `mon`, `7` = Sunday) as 0..6, else null. */
function dayToken(token: string): Weekday | null {
  const lower = token.toLowerCase();
  const byName = SHORT_DAYS.indexOf(lower);
  if (byName >= 0) return byName as Weekday;
  const n = plainNumber(lower, 0, 7);
  return n === null ? null : ((n % 7) as Weekday);
}

/**
 * The preset an expression is, or null for anything else (`30 6 * * 1-5` → weekdays at 06:30).
 * Only 5-field expressions with one minute, one hour, every day of the month and every month.
 */
export function cronToPreset(expression: string): Preset | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minuteField, hourField, dom, month, dow] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const minute = plainNumber(minuteField, 0, 59);
  const hour = plainNumber(hourField, 0, 23);
  if (minute === null || hour === null) return null;
  if ((dom !== '*' && dom !== '?') || month !== '*') return null;
  const time = formatTime(hour, minute);
  if (dow === '*' || dow === '?') return { kind: 'daily', time, weekday: 1 };
  const range = /^(\w+)-(\w+)$/.exec(dow);
  if (range) {
    const from = dayToken(range[1]!);
    const to = range[2]!.toLowerCase() === '5' || range[2]!.toLowerCase() === 'fri' ? 5 : null;
    return from === 1 && to === 5 ? { kind: 'weekdays', time, weekday: 1 } : null;
  }
  const day = dayToken(dow);
  return day === null ? null : { kind: 'weekly', time, weekday: day };
}

/** The editor's mode for an expression: its preset's kind, or `custom`. */
export function modeOf(expression: string): ScheduleMode {
  return cronToPreset(expression)?.kind ?? 'custom';
}
