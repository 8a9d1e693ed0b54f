import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SessionRecord } from '../db/records';
import type { SessionStore } from '../pipeline/session-store';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';

const DAY_MS = 86_400_000;

/** Transfer states whose local file is only a local copy: no delivery waits for it. */
const KEPT_LOCALLY = ['SKIPPED', 'COMPLETED'] as const;

export interface RetentionDeps {
  sessions: Pick<SessionStore, 'updateIf' | 'localFilesEndedBefore'>;
  clock: Clock;
  logger: Logger;
  /** The runtime setting; 0 keeps recordings forever. */
  retentionDays: () => number;
  removeFile?: (path: string) => Promise<void>;
}

/**
 * Whether retention may remove this session's local file now: a finished recording (COMPLETED)
 * with a local file, ended more than `retentionDays` ago, that no delivery waits for (no
 * destination: SKIPPED; or delivered: COMPLETED). Never a PENDING, IN_PROGRESS or FAILED transfer.
 */
export function isExpired(
  s: Pick<SessionRecord, 'status' | 'transferStatus' | 'outputFilePath' | 'endTime' | 'startTime'>,
  now: number,
  retentionDays: number,
): boolean {
  if (!(retentionDays > 0)) return false;
  if (s.status !== 'COMPLETED' || !s.outputFilePath) return false;
  if (!(KEPT_LOCALLY as readonly string[]).includes(s.transferStatus)) return false;
  const ended = Date.parse(s.endTime ?? s.startTime);
  return Number.isFinite(ended) && ended < now - retentionDays * DAY_MS;
}

export interface RetentionResult {
  removed: { sessionId: string; path: string }[];
}

/**
 * Removes the local recordings older than retentionDays that are kept only locally (see
 * isExpired), sets their sessions' outputFilePath to null, and logs each. The session itself
 * (its history) stays. retentionDays 0: nothing is removed.
 */
export async function runRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const days = deps.retentionDays();
  const result: RetentionResult = { removed: [] };
  if (!(days > 0)) return result;
  const now = deps.clock.now();
  const candidates = await deps.sessions.localFilesEndedBefore(now - days * DAY_MS, KEPT_LOCALLY);
  const remove = deps.removeFile ?? ((p: string) => rm(p, { force: true }));
  for (const candidate of candidates) {
    const meta = { sessionId: candidate.id };
    try {
      // claim the file in one serialized write: a retry-transfer that queued it meanwhile wins
      const path = candidate.outputFilePath;
      const s = await deps.sessions.updateIf(
        candidate.id,
        (current) => current.outputFilePath === path && isExpired(current, now, days),
        { outputFilePath: null },
      );
      if (!s || !path) continue;
      try {
        await remove(path);
      } catch (err) {
        // the file is still there: give the session its path back
        await deps.sessions.updateIf(s.id, (c) => c.outputFilePath === null, {
          outputFilePath: path,
        });
        throw err;
      }
      deps.logger.info(
        `Retention: removed ${basename(path)} (recorded ${s.startTime.slice(0, 10)}, older than ${days} day(s)${s.transferStatus === 'COMPLETED' ? ', delivered' : ''}).`,
        meta,
      );
      result.removed.push({ sessionId: s.id, path });
    } catch (err) {
      deps.logger.warn(`Retention could not remove the recording: ${(err as Error).message}`, meta);
    }
  }
  if (result.removed.length > 0) {
    deps.logger.info(
      `Retention: ${result.removed.length} recording(s) older than ${days} day(s) removed.`,
    );
  }
  return result;
}
