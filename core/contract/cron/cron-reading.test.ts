// The contract's reader of cron fields (core/contract/cron) against croner, the scheduler's own
// calendar: the same run days over 28 years (every month layout of the calendar), and the same
// shortest interval between runs as croner's runs show.
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { calendarMonth, readCron } from './cron-fields';
import { shortestRunInterval } from './run-interval';
import { CRON_OPTIONS } from './cron-calendar';

const FROM = Date.UTC(2001, 0, 1);
const TO = Date.UTC(2029, 0, 1);
const DAY = 86_400_000;

/** Days (ms at 00:00 UTC) on which croner runs `0 0 <day fields>`, in [FROM, TO). */
function cronerRunDays(dayFields: string): number[] {
  const job = new Cron(`0 0 ${dayFields}`, { ...CRON_OPTIONS, timezone: 'UTC', paused: true });
  const days: number[] = [];
  for (let next = job.nextRun(new Date(FROM - 1)); next && next.getTime() < TO;) {
    days.push(next.getTime());
    next = job.nextRun(next);
  }
  return days;
}

function readerRunDays(dayFields: string): number[] {
  const reading = readCron(`0 0 ${dayFields}`)!;
  const days: number[] = [];
  for (let t = FROM; t < TO; t += DAY) {
    const d = new Date(t);
    const m = calendarMonth(d.getUTCFullYear(), d.getUTCMonth() + 1);
    if (reading.runsOn(m, d.getUTCDate())) days.push(t);
  }
  return days;
}

const DAY_FIELDS = [
  '* * *',
  '* * 1-5',
  '1 * *',
  '31 * *',
  '1,15 * 5',
  '13 * +5',
  '*/2 * *',
  '10-20/5 * *',
  'L * *',
  'L 2 *',
  'LW * *',
  '15W * *',
  '1W * *',
  '31W * *',
  '1W,L * *',
  'L * 1',
  '? * 5L',
  '* * 1#2',
  '* * 5#L',
  '* * 0#5',
  '* * 6-7#1',
  '* * MON-FRI/2',
  '* jan,dec sun',
  '* * sat-sun',
  '29 2 *',
  '28-31 2 *',
  '1 * +mon',
  '* */3 7',
];

// 10,000 days through croner each: slow on a busy machine, not a measure of anything
const SLOW = { timeout: 60_000 };

describe('the contract reader of cron days agrees with croner', () => {
  it.each(DAY_FIELDS)('%s: the same run days, 2001-2028', SLOW, (dayFields) => {
    expect(readerRunDays(dayFields)).toEqual(cronerRunDays(dayFields));
  });
});

/** The shortest gap between croner's consecutive runs (UTC), up to 24 h; null above. */
function cronerShortestMinutes(expression: string): number | null {
  const job = new Cron(expression, { ...CRON_OPTIONS, timezone: 'UTC', paused: true });
  let best = Infinity;
  let previous = job.nextRun(new Date(FROM - 1));
  // dense expressions show their shortest gap within the first day, sparse ones over years
  for (let n = 0; previous && previous.getTime() < TO && n < 1500; n += 1) {
    const next = job.nextRun(previous);
    if (!next) break;
    best = Math.min(best, (next.getTime() - previous.getTime()) / 60_000);
    previous = next;
  }
  return best <= 1440 ? best : null;
}

describe('shortestRunInterval agrees with croner', () => {
  it.each([
    '*/7 * * * *',
    '0,45 */3 * * *',
    '0 6,18 * * *',
    '0 1,22 * * *',
    '0 6 * * 1-5',
    '0 6 * * 1,3,5',
    '0 1,23 L * *',
    '0 1,23 1,L * *',
    '0 1,23 L * 1',
    '0 1,23 31 * 1',
    '30 0,23 * * 5L',
    '0 0,12 LW * *',
    '0 2,20 15W,16W * *',
    '0 3,21 * * 1#1,0#5',
    '0 5,19 29 2 *',
  ])('%s', SLOW, (expression) => {
    expect(shortestRunInterval(expression)?.minutes ?? null).toBe(
      cronerShortestMinutes(expression),
    );
  });
});
