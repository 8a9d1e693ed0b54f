// Test-only: the one builder of session rows for tests (any state), and its insert. The announced
// fields start from the contract's session fixture (core/contract/testing/session-fixtures.ts).
import { sessionDto } from '../../contract/testing/session-fixtures';
import type { Database } from '../db/database';
import type { SessionRecord } from '../db/records';
import { SessionRepository } from '../db/session-repository';

let n = 0;

/** A session row: a completed hour of "Test Radio" kept locally, unless `over` says otherwise. */
export function sessionRecord(over: Partial<SessionRecord> = {}): SessionRecord {
  n += 1;
  const t = '2026-11-24T06:00:00.000Z';
  return {
    ...sessionDto({
      id: `session-${n}`,
      status: 'COMPLETED',
      transferStatus: 'SKIPPED',
      startTime: t,
      endTime: '2026-11-24T07:00:00.000Z',
      durationSeconds: 3600,
      title: '2026-11-24 Test Radio',
      trackNumber: 2519,
    }),
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
