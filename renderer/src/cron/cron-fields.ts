// "Does this schedule run at that wall-clock minute?" for the DST check (dst.ts), answered by the
// contract's reader of cron expressions (core/contract/cron/cron-fields.ts: the same rule on the
// shape, 5 fields or a nickname, as the server's validation). Expressions with the day syntax
// this check does not handle (L, W, #, +) answer null and the editor falls back to the server's
// preview warnings. The server (croner) stays the judge of what is valid.
import {
  fieldValues,
  readCron,
  type CalendarMonth,
  type WallMinute,
} from '@contract/cron/cron-fields';

export { fieldValues, type WallMinute };

export interface CronMatcher {
  /** True for a fixed-time schedule: no `*` and no step in its minute and hour fields. */
  fixedTime: boolean;
  /** Whether the schedule runs at this wall-clock minute. */
  matches(wall: WallMinute): boolean;
}

/** Reads a 5-field expression or a nickname; null for other shapes or L, W, #, +. */
export function parseCron(expression: string): CronMatcher | null {
  const reading = readCron(expression);
  if (!reading?.plain) return null;
  const times = new Set(reading.times);
  return {
    fixedTime: reading.fixedTime,
    matches(wall) {
      if (!times.has(wall.hour * 60 + wall.minute)) return false;
      // plain day fields need only the month, the day and its weekday (not the month's length)
      const month: CalendarMonth = {
        year: 0,
        month: wall.month,
        length: 31,
        firstWeekday: (((wall.weekday - (wall.day - 1)) % 7) + 7) % 7,
      };
      return reading.runsOn(month, wall.day);
    },
  };
}
