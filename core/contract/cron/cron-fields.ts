// The cron expressions of a schedule, read field by field: the one rule on their shape (5 fields
// or a nickname) used by the server's validation and the UI's form, and a reader of the fields
// for the checks that need their values (the schedule's shortest interval, the UI's DST check).
// It reads croner's syntax (numbers, names, lists, ranges, `*`/`?`, steps; in day-of-month `L`,
// `LW`, `15W`; in day-of-week `5L`, `5#2`, `5#L`, a leading `+`) with croner's meaning: a day
// matches when day-of-month OR day-of-week does while both are restricted (a leading `+` makes it
// AND), and only the restricted one counts when the other is `*`. croner (the scheduler's
// calendar) stays the judge of what is valid: this reader is used on expressions it accepted, or
// answers null when it cannot read one.

/** The nicknames croner reads, as 5-field expressions. */
export const CRON_NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIELDS_IN_WORDS = 'minute hour day-of-month month day-of-week';

/** The expression with a nickname replaced by its 5 fields; otherwise trimmed, spaces collapsed. */
export function expandNickname(expression: string): string {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  return CRON_NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
}

/**
 * THE rule on the shape of a schedule's cron expression: 5 fields (minute hour day-of-month month
 * day-of-week; schedules start on the minute) or one of CRON_NICKNAMES. Answers what is wrong as
 * a phrase that follows the expression ("has 6 fields: …"), or null. A seconds field (6 fields)
 * is refused: stored schedules that have one keep running (the scheduler still reads them), but
 * saving one asks for 5 fields.
 */
export function cronFieldsProblem(expression: string): string | null {
  const trimmed = expression.trim();
  if (trimmed.startsWith('@')) {
    if (CRON_NICKNAMES[trimmed.toLowerCase()]) return null;
    return `is not a nickname the recorder knows (${Object.keys(CRON_NICKNAMES).join(', ')})`;
  }
  const fields = trimmed === '' ? [] : trimmed.split(/\s+/);
  if (fields.length === 5) return null;
  if (fields.length === 6) {
    const rest = fields.slice(1).join(' ');
    const atZero = fields[0] === '0' ? `write it as "${rest}"` : `e.g. "${rest}" (at second 0)`;
    return (
      `has 6 fields: the first is seconds, and schedules start on the minute. Use the 5 fields ` +
      `${FIELDS_IN_WORDS}: ${atZero}`
    );
  }
  return (
    `has ${fields.length} field${fields.length === 1 ? '' : 's'}, not 5. Use the 5 fields ` +
    `${FIELDS_IN_WORDS} (e.g. "0 6 * * 1-5"), or a nickname such as @daily`
  );
}

/** A wall-clock minute (month 1..12, day 1..31, weekday 0 = Sunday). */
export interface WallMinute {
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

export interface FieldSpec {
  min: number;
  max: number;
}

const MINUTE: FieldSpec = { min: 0, max: 59 };
const HOUR: FieldSpec = { min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { min: 1, max: 31 };
const MONTH: FieldSpec = { min: 1, max: 12 };
// 7 is Sunday too (folded to 0)
const DAY_OF_WEEK: FieldSpec = { min: 0, max: 7 };

const MONTH_NAMES = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
];
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Month and day names as numbers (`mon-fri` → `1-5`; `sat-sun` → `6-7`, as croner reads it). */
function withNumbers(field: string, names: readonly string[], base: number): string {
  let out = field.toLowerCase();
  if (names === DAY_NAMES) out = out.replace(/-sun/g, '-7');
  names.forEach((name, i) => {
    out = out.replaceAll(name, String(i + base));
  });
  return out;
}

function number(token: string, spec: FieldSpec): number | null {
  if (!/^\d+$/.test(token)) return null;
  const n = Number(token);
  return n >= spec.min && n <= spec.max ? n : null;
}

/** The values one list item allows (`5`, `1-5`, `*`, `*\/15`, `10-20/5`, `5/20`), or null. */
function itemValues(item: string, spec: FieldSpec): number[] | null {
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
    const range = /^(\d+)-(\d+)$/.exec(base!);
    if (range) {
      const a = number(range[1]!, spec);
      const b = number(range[2]!, spec);
      if (a === null || b === null || b < a) return null;
      from = a;
      to = b;
    } else {
      const a = number(base!, spec);
      if (a === null) return null;
      from = a;
      // `5/10`: from 5 to the end in steps of 10; plain `5`: just 5
      to = stepText === undefined ? a : spec.max;
    }
  }
  const out: number[] = [];
  for (let n = from; n <= to; n += step) out.push(n);
  return out;
}

/** The values a plain field allows (numbers, ranges, steps, `*`), or null when it has others. */
export function fieldValues(field: string, spec: FieldSpec): Set<number> | null {
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const values = itemValues(item, spec);
    if (!values) return null;
    for (const v of values) out.add(v);
  }
  return out;
}

const isWildcard = (field: string) => field === '*' || field === '?';
const isInterval = (field: string) => field.includes('*') || field.includes('/');

/** One month of a calendar: its year, number (1..12), length and the weekday of its 1st. */
export interface CalendarMonth {
  year: number;
  month: number;
  length: number;
  firstWeekday: number;
}

export function calendarMonth(year: number, month: number): CalendarMonth {
  return {
    year,
    month,
    length: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    firstWeekday: new Date(Date.UTC(year, month - 1, 1)).getUTCDay(),
  };
}

const weekdayOf = (m: CalendarMonth, day: number) => (m.firstWeekday + day - 1) % 7;

/** croner's "nearest weekday" of `day` within the month (`15W`), or -1 past its end. */
function nearestWeekday(m: CalendarMonth, day: number): number {
  if (day > m.length) return -1;
  const w = weekdayOf(m, day);
  if (w === 0) return day === m.length ? day - 2 : day + 1;
  if (w === 6) return day === 1 ? day + 2 : day - 1;
  return day;
}

function lastWeekday(m: CalendarMonth): number {
  const w = weekdayOf(m, m.length);
  return w === 0 ? m.length - 2 : w === 6 ? m.length - 1 : m.length;
}

/** Which occurrences of a weekday in its month count: `#1`..`#5`, `L` (the last), or any. */
interface Nth {
  any: boolean;
  numbers: Set<number>;
  last: boolean;
}

interface DayRules {
  /** `*` (or `?`) in day-of-month: it does not restrict. */
  starDom: boolean;
  starDow: boolean;
  and: boolean;
  days: Set<number>;
  nearest: number[];
  lastDay: boolean;
  lastWeekday: boolean;
  weekdays: Map<number, Nth>;
}

function readDayOfMonth(field: string, rules: DayRules): boolean {
  if (isWildcard(field)) {
    rules.starDom = true;
    return true;
  }
  if (field.toUpperCase() === 'LW') {
    rules.lastWeekday = true;
    return true;
  }
  for (const item of field.split(',')) {
    const upper = item.toUpperCase();
    if (upper === 'L') {
      rules.lastDay = true;
      continue;
    }
    const w = /^(\d+)W$/.exec(upper);
    if (w) {
      const day = number(w[1]!, DAY_OF_MONTH);
      if (day === null) return false;
      rules.nearest.push(day);
      continue;
    }
    const values = itemValues(item, DAY_OF_MONTH);
    if (!values) return false;
    for (const v of values) rules.days.add(v);
  }
  return true;
}

function readDayOfWeek(raw: string, rules: DayRules): boolean {
  let field = withNumbers(raw, DAY_NAMES, 0);
  if (field.startsWith('+')) {
    rules.and = true;
    field = field.slice(1);
  }
  if (isWildcard(field)) {
    rules.starDow = true;
    return true;
  }
  for (const item of field.split(',')) {
    let base = item;
    let nth: number | 'last' | undefined;
    const hash = /^(.+)#(\d|l)$/.exec(item);
    if (hash) {
      base = hash[1]!;
      nth = hash[2] === 'l' ? 'last' : Number(hash[2]);
      if (nth !== 'last' && (nth < 1 || nth > 5)) return false;
    } else if (item.endsWith('l')) {
      base = item.slice(0, -1);
      nth = 'last';
    }
    const values = itemValues(base, DAY_OF_WEEK);
    if (!values) return false;
    for (const v of values) {
      const day = v % 7;
      const entry = rules.weekdays.get(day) ?? { any: false, numbers: new Set(), last: false };
      if (nth === undefined) entry.any = true;
      else if (nth === 'last') entry.last = true;
      else entry.numbers.add(nth);
      rules.weekdays.set(day, entry);
    }
  }
  return true;
}

function weekdayMatches(rules: DayRules, m: CalendarMonth, day: number): boolean {
  const nth = rules.weekdays.get(weekdayOf(m, day));
  if (!nth) return false;
  if (nth.any) return true;
  if (nth.numbers.has(Math.ceil(day / 7))) return true;
  return nth.last && day + 7 > m.length;
}

function dayMatches(rules: DayRules, m: CalendarMonth, day: number): boolean {
  let dom =
    rules.starDom ||
    rules.days.has(day) ||
    (rules.lastDay && day === m.length) ||
    (rules.lastWeekday && day === lastWeekday(m)) ||
    rules.nearest.some((d) => nearestWeekday(m, d) === day);
  if (!rules.starDow) {
    const dow = weekdayMatches(rules, m, day);
    // like croner (and cron): both restricted means either may match, unless `+` asks for both
    dom = rules.and ? dom && dow : rules.starDom ? dow : dom || dow;
  }
  return dom;
}

/** A 5-field expression (or nickname) read field by field. */
export interface CronReading {
  /** Minutes of the day (0..1439) at which it runs, ascending. */
  times: number[];
  /** True for a fixed-time schedule: no `*` and no step in its minute and hour fields. */
  fixedTime: boolean;
  /** False when it uses the day syntax the UI's DST check does not handle (L, W, #, +). */
  plain: boolean;
  /** Whether it runs on that day (month 1..12). */
  runsOn(m: CalendarMonth, day: number): boolean;
}

/** Reads a 5-field expression or a nickname; null when it has another shape or unknown syntax. */
export function readCron(expression: string): CronReading | null {
  if (cronFieldsProblem(expression) !== null) return null;
  const fields = expandNickname(expression).split(' ');
  const [minuteField, hourField, domField, monthField, dowField] = fields as [
    string,
    string,
    string,
    string,
    string,
  ];
  const minutes = fieldValues(minuteField, MINUTE);
  const hours = fieldValues(hourField, HOUR);
  const months = fieldValues(withNumbers(monthField, MONTH_NAMES, 1), MONTH);
  const rules: DayRules = {
    starDom: false,
    starDow: false,
    and: false,
    days: new Set(),
    nearest: [],
    lastDay: false,
    lastWeekday: false,
    weekdays: new Map(),
  };
  if (!minutes || !hours || !months) return null;
  if (!readDayOfMonth(domField, rules) || !readDayOfWeek(dowField, rules)) return null;
  const times: number[] = [];
  for (const h of [...hours].sort((a, b) => a - b)) {
    for (const m of [...minutes].sort((a, b) => a - b)) times.push(h * 60 + m);
  }
  return {
    times,
    fixedTime: !isInterval(minuteField) && !isInterval(hourField),
    plain: !/[lw#+]/i.test(withNumbers(`${domField} ${dowField}`, DAY_NAMES, 0)),
    runsOn: (m, day) => months.has(m.month) && dayMatches(rules, m, day),
  };
}
