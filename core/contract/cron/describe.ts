// A cron expression in plain English ("At 06:30, Monday through Friday"), with cronstrue: the one
// describer, for the schedule editor and list and for the preview's `description`. In the UI the
// views load with their route, so cronstrue (about 7 kB gzipped) comes with the schedule screens.
import cronstrue from 'cronstrue';
import { cronFieldsProblem } from './cron-fields';

export type CronDescription = { ok: true; text: string } | { ok: false; error: string };

const plainNumber = (field: string, max: number) => /^\d{1,2}$/.test(field) && Number(field) <= max;
const everyDay = (field: string) => field === '*' || field === '?';

/** True for `M H * * *` (one time of day, every day): cronstrue says only "At 06:00" for it. */
function onceEveryDay(expression: string): boolean {
  const fields = expression.split(' ');
  if (fields.length !== 5) return false;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  return (
    plainNumber(minute, 59) &&
    plainNumber(hour, 23) &&
    everyDay(dom) &&
    month === '*' &&
    everyDay(dow)
  );
}

/**
 * What `expression` means, or what is wrong with it as far as the shape rule and cronstrue can
 * tell (the calendar, cron-calendar.ts, has the last word on validity: it is what runs).
 */
export function describeCron(expression: string): CronDescription {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { ok: false, error: 'Enter a cron expression.' };
  // the contract's shape rule (5 fields or a nickname), as the validation's
  const shape = cronFieldsProblem(trimmed);
  if (shape) return { ok: false, error: `The expression ${shape}.` };
  try {
    const text = cronstrue.toString(trimmed, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      verbose: false,
    });
    return { ok: true, text: onceEveryDay(trimmed) ? `${text}, every day` : text };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const reason = raw.replace(/^Error:\s*/, '').replace(/\.$/, '');
    return { ok: false, error: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` };
  }
}
