// The dashboard's "Next runs": the runs of all active schedules in the coming days, grouped as
// today and the rest of the week on the user's calendar.
import { dayKey } from '../format/format';

/** One run of one schedule. */
export interface UpcomingRun {
  scheduleId: string;
  streamId: string;
  /** The scheduled instant (ISO-8601 UTC); recording starts padBeforeSeconds earlier. */
  at: string;
  durationMinutes: number;
  /** The schedule's zone (null: the app's). */
  timezone: string | null;
}

export interface UpcomingGroups {
  today: UpcomingRun[];
  /** After today, within the horizon. */
  week: UpcomingRun[];
}

/** How far ahead the dashboard looks. */
export const UPCOMING_HORIZON_MS = 7 * 24 * 3_600_000;

/**
 * The runs after `now` and within `horizonMs` of it, oldest first, split into those on today's
 * date in `timeZone` (default: the user's) and the later ones.
 */
export function groupUpcoming(
  runs: readonly UpcomingRun[],
  now: number,
  timeZone?: string,
  horizonMs = UPCOMING_HORIZON_MS,
): UpcomingGroups {
  const today = dayKey(new Date(now), timeZone);
  const groups: UpcomingGroups = { today: [], week: [] };
  const sorted = runs
    .filter((r) => {
      const t = Date.parse(r.at);
      return t > now && t <= now + horizonMs;
    })
    .sort((a, b) => a.at.localeCompare(b.at) || a.scheduleId.localeCompare(b.scheduleId));
  for (const run of sorted) {
    (dayKey(new Date(run.at), timeZone) === today ? groups.today : groups.week).push(run);
  }
  return groups;
}
