import type { SessionRecord } from '../db/records';
import type { SessionStore } from '../pipeline/session-store';
import type { Logger } from '../ports/logger';
import { formatWall } from '../../contract/dst';
import { runWindow } from './run-window';
import { scheduleWords, type ScheduleSpec } from './schedule-spec';

/** Every missed run is a FAILED session whose errorMessage starts with this. */
export const MISSED_PREFIX = 'Missed: ';

export interface MissedRunDeps {
  sessions: Pick<SessionStore, 'ofScheduleStartingAt' | 'create' | 'update'>;
  logger: Logger;
}

/** `2026-11-24 06:00 Europe/Berlin`: the schedule's own wall clock (no UTC text for people). */
export function describeRunTime(spec: Pick<ScheduleSpec, 'timeZone'>, scheduledAt: number): string {
  return `${formatWall(spec.timeZone, scheduledAt)} ${spec.timeZone}`;
}

/**
 * Makes a run that did not record visible: a FAILED session (transfer SKIPPED) for its window,
 * with errorMessage `Missed: <reason>`, and a warning in the log. A run already listed (a session
 * of this schedule starting at the same window start) is not listed twice. Answers the new
 * session, or null.
 */
export async function reportMissedRun(
  deps: MissedRunDeps,
  spec: ScheduleSpec,
  scheduledAt: number,
  reason: string,
): Promise<SessionRecord | null> {
  const { windowStart, windowEnd } = runWindow(spec, scheduledAt);
  const startTime = new Date(windowStart).toISOString();
  const existing = await deps.sessions.ofScheduleStartingAt(spec.id, startTime);
  if (existing) return null;
  const created = await deps.sessions.create({
    streamId: spec.streamId,
    scheduleId: spec.id,
    startTime,
    plannedDurationSeconds: Math.round((windowEnd - windowStart) / 1000),
    transferStatus: 'SKIPPED',
  });
  const failed = await deps.sessions.update(created.id, {
    status: 'FAILED',
    errorMessage: `${MISSED_PREFIX}${reason}`,
    stopReason: 'missed',
  });
  deps.logger.warn(
    `Missed the run of ${scheduleWords(spec)} planned for ${describeRunTime(spec, scheduledAt)}: ${reason}`,
    { sessionId: failed.id },
  );
  return failed;
}
