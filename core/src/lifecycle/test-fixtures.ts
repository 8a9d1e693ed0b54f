// Shared by the lifecycle tests: session rows in any state, inserted directly.
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/entities/records';
import { SessionEntity } from '../db/entities/schemas';

let n = 0;

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
    partsDir: null,
    nextTransferAt: null,
    createdAt: t,
    updatedAt: t,
    ...over,
  };
}

export async function insertSession(
  db: Database,
  over: Partial<SessionRecord> = {},
): Promise<SessionRecord> {
  const record = sessionRecord(over);
  await db.write((m) => m.insert(SessionEntity, record));
  return record;
}
