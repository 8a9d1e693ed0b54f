// A small reader of cron expressions, enough to ask "does this schedule run at that wall-clock
// minute?" for the DST check (dst.ts). It reads the syntax the core accepts for common schedules
// (numbers, names, lists, ranges, steps, `*`, `?`, nicknames); anything else (L, W, #) answers
// null and the editor falls back to the server's preview warnings. The server (croner) stays the
// judge of what is valid.

export interface CronMatcher {
  /** True for a fixed-time schedule: no `*` and no step in its second, minute and hour fields. */
  fixedTime: boolean;
  /** Whether the schedule runs at some second of this wall-clock minute. */
  matches(wall: WallMinute): boolean;
}

/** A minute on a wall clock (month 1..12, day 1..31, weekday 0 = Sunday). */
export interface WallMinute {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface FieldSpec {
  min: number;
  max: number;
  names?: readonly string[];
  /** First value the names stand for (months: 1). */
  nameBase?: number;
}

const SECOND: FieldSpec = { min: 0, max: 59 };
const MINUTE: FieldSpec = { min: 0, max: 59 };
const HOUR: FieldSpec = { min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { min: 1, max: 31 };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS, nameBase: 1 };
// 7 is Sunday too (folded to 0 below)
const DAY_OF_WEEK: FieldSpec = { min: 0, max: 7, names: DAYS, nameBase: 0 };

function value(token: string, spec: FieldSpec): number | null {
  const lower = token.toLowerCase();
  const named = spec.names?.indexOf(lower) ?? -1;
  if (named >= 0) return named + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(lower)) return null;
  const n = Number(lower);
  return n >= spec.min && n <= spec.max ? n : null;
}

/** The values a field allows, or null when it uses syntax this reader does not know. */
export function fieldValues(field: string, spec: FieldSpec): Set<number> | null {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(item);
    if (!match) return null;
    const [, base, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) return null;
    let from: number;
    let to: number;
    if (base === '*' || base === '?') {
      from = spec.min;
      to = spec.max;
    } else {
      const range = /^(\w+)-(\w+)$/.exec(base!);
      if (range) {
        const a = value(range[1]!, spec);
        const b = value(range[2]!, spec);
        if (a === null || b === null || b < a) return null;
        from = a;
        to = b;
      } else {
        const a = value(base!, spec);
        if (a === null) return null;
        from = a;
        // `5/10`: from 5 to the end in steps of 10; plain `5`: just 5
        to = stepText === undefined ? a : spec.max;
      }
    }
    for (let n = from; n <= to; n += step) out.add(n);
  }
  return out;
}

const isWildcard = (field: string) => field === '*' || field === '?';
const isInterval = (field: string) => field.includes('*') || field.includes('/');

/** Reads a 5-field or 6-field (seconds first) expression or a nickname; null when it cannot. */
export function parseCron(expression: string): CronMatcher | null {
  const trimmed = expression.trim();
  const expanded = NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
  if (expanded.startsWith('@')) return null;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return null;
  const [secondField, ...rest] = fields.length === 6 ? fields : ['0', ...fields];
  const [minuteField, hourField, domField, monthField, dowField] = rest as [
    string,
    string,
    string,
    string,
    string,
  ];
  const seconds = fieldValues(secondField!, SECOND);
  const minutes = fieldValues(minuteField, MINUTE);
  const hours = fieldValues(hourField, HOUR);
  const daysOfMonth = fieldValues(domField, DAY_OF_MONTH);
  const months = fieldValues(monthField, MONTH);
  const daysOfWeekRaw = fieldValues(dowField, DAY_OF_WEEK);
  if (!seconds || !minutes || !hours || !daysOfMonth || !months || !daysOfWeekRaw) return null;
  if (seconds.size === 0) return null;
  const daysOfWeek = new Set([...daysOfWeekRaw].map((d) => d % 7));
  const domAny = isWildcard(domField);
  const dowAny = isWildcard(dowField);
  return {
    fixedTime: !isInterval(secondField!) && !isInterval(minuteField) && !isInterval(hourField),
    matches(wall) {
      if (!minutes.has(wall.minute) || !hours.has(wall.hour) || !months.has(wall.month)) {
        return false;
      }
      const dom = daysOfMonth.has(wall.day);
      const dow = daysOfWeek.has(wall.weekday);
      // like cron (and croner's default): both restricted means either day may match
      return domAny || dowAny ? dom && dow : dom || dow;
    },
  };
}
