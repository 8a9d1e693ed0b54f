// A cron expression in plain English ("At 06:30, Monday through Friday"), with cronstrue. The
// views load with their route, so cronstrue (about 7 kB gzipped) comes with the schedule screens.
import cronstrue from 'cronstrue';
import { cronFieldsProblem } from '@contract/cron/cron-fields';
import { modeOf } from './presets';

export type CronDescription = { ok: true; text: string } | { ok: false; error: string };

/**
 * What `expression` means, or what is wrong with it as far as the browser can tell (the server's
 * preview has the last word: it runs the scheduler's own calendar).
 */
export function describeCron(expression: string): CronDescription {
  const trimmed = expression.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { ok: false, error: 'Enter a cron expression.' };
  // the contract's shape rule (5 fields or a nickname), as the server's
  const shape = cronFieldsProblem(trimmed);
  if (shape) return { ok: false, error: `The expression ${shape}.` };
  try {
    const text = cronstrue.toString(trimmed, {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      verbose: false,
    });
    // cronstrue says only "At 06:00" for a daily time
    return { ok: true, text: modeOf(trimmed) === 'daily' ? `${text}, every day` : text };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const reason = raw.replace(/^Error:\s*/, '').replace(/\.$/, '');
    return { ok: false, error: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}.` };
  }
}
