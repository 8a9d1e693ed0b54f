// Test-only: the one builder of session rows for tests (any state), and its insert.
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/records';
import { SessionRepository } from '../db/session-repository';

let n = 0;

/** A session row: a completed hour of "Test Radio" kept locally, unless `over` says otherwise. */
export function sessionRecord(over: Partial<SessionRecord> = {}): SessionRecord {
  n += 1;
  const t = '2026-11-24T06:00:00.000Z';
  return {
    id: `session-${n}`,
    streamId: 'stream-1',
    scheduleId: null,
    status: 'COMPLETED',
    transferStatus: 'SKIPPED',
    startTime: t,
    endTime: '2026-11-24T07:00:00.000Z',
    plannedDurationSeconds: 3600,
    durationSeconds: 3600,
    title: '2026-11-24 Test Radio',
    trackNumber: 2519,
    outputFilePath: null,
    remotePath: null,
    fileSizeBytes: null,
    gaps: [],
    partial: false,
    attempts: 0,
    errorMessage: null,
    stopReason: null,
    silences: [],
    deadAir: false,
    partsDir: null,
    nextTransferAt: null,
    createdAt: t,
    updatedAt: t,
    ...over,
  };
}

/** Inserts a session row as it is (no state checks, no event): the setup of a test. */
export async function insertSession(
  db: Database,
  over: Partial<SessionRecord> = {},
): Promise<SessionRecord> {
  const record = sessionRecord(over);
  await new SessionRepository(db).insert(record);
  return record;
}
