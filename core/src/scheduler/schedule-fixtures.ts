// Test-only: the one builder of schedule rows (and of the scheduler's specs) for the core's tests,
// and its insert. A row's fields are the stored ones a backup carries too, so the defaults are the
// contract's backup fixture (core/contract/testing/backup-fixtures.ts). A test passes in `over`
// only what it is about.
import { backupSchedule } from '../../contract/testing/backup-fixtures';
import type { Database } from '../db/database';
import type { ScheduleRecord } from '../db/records';
import { createRepositories } from '../db/repositories';
import type { ScheduleSpec } from './schedule-spec';

/** A schedule row `sch-1` of `stream-1`: active, daily at 06:00 server time, for an hour. */
export function scheduleRecord(over: Partial<ScheduleRecord> = {}): ScheduleRecord {
  const { id = 'sch-1', streamId = 'stream-1', ...patch } = over;
  const row = backupSchedule(id, streamId, patch);
  return { ...row, name: row.name ?? null };
}

/** Inserts a schedule row as it is (no checks, no re-arming): the setup of a test. */
export async function insertSchedule(
  db: Database,
  over: Partial<ScheduleRecord> = {},
): Promise<ScheduleRecord> {
  const record = scheduleRecord(over);
  await createRepositories(db).schedules.insert(record);
  return record;
}

/** The scheduler's view of `scheduleRecord()` in UTC (durations in seconds, times in ms). */
export function scheduleSpec(over: Partial<ScheduleSpec> = {}): ScheduleSpec {
  return {
    id: 'sch-1',
    streamId: 'stream-1',
    cronExpression: '0 6 * * *',
    timeZone: 'UTC',
    durationSeconds: 3600,
    padBeforeSeconds: 0,
    padAfterSeconds: 0,
    maxRetries: 3,
    isActive: true,
    lastRunTime: null,
    updatedAt: 0,
    ...over,
  };
}
