// The server's side of the schedule-overlap rule (core/contract/schedule-overlap.ts): after a
// schedule of a stream is saved, its runs in the coming week are compared with those of the
// stream's other active schedules, and an overlap is logged as a warning (the editor showed it
// before saving; the schedule is saved either way).
import { cronerCalendar } from '../../contract/cron/cron-calendar';
import { formatWallWords } from '../../contract/dst';
import {
  firstOverlap,
  OVERLAP_HORIZON_MS,
  overlapWarning,
  type PlannedRuns,
} from '../../contract/schedule-overlap';
import type { ScheduleRecord } from '../db/records';

/** At most this many runs per schedule are compared (an every-minute schedule has 10080 a week). */
const MAX_RUNS = 500;

function runsOf(s: ScheduleRecord, appZone: string, from: number): number[] {
  const zone = s.timezone ?? appZone;
  try {
    return cronerCalendar.between(
      s.cronExpression,
      zone,
      from,
      from + OVERLAP_HORIZON_MS,
      MAX_RUNS,
    );
  } catch {
    return []; // an expression the calendar cannot read has no runs to compare
  }
}

/** How a schedule is named in the warning: its name, else its expression. */
export function scheduleLabel(s: Pick<ScheduleRecord, 'name' | 'cronExpression'>): string {
  return s.name ? `“${s.name}”` : `“${s.cronExpression}”`;
}

/**
 * The warning for `saved` when one of its runs in the coming week overlaps a run of another
 * active schedule of its stream (`siblings`: the stream's schedules, `saved` among them or not),
 * or null.
 */
export function scheduleOverlapWarning(
  saved: ScheduleRecord,
  siblings: readonly ScheduleRecord[],
  appZone: string,
  now: number,
): string | null {
  if (!saved.isActive) return null;
  const others: PlannedRuns<ScheduleRecord>[] = siblings
    .filter((s) => s.id !== saved.id && s.isActive && s.streamId === saved.streamId)
    .map((s) => ({ shape: s, runs: runsOf(s, appZone, now), ref: s }));
  if (others.length === 0) return null;
  const found = firstOverlap({ shape: saved, runs: runsOf(saved, appZone, now) }, others);
  if (!found) return null;
  return overlapWarning(
    scheduleLabel(found.other),
    formatWallWords(saved.timezone ?? appZone, found.at),
  );
}
