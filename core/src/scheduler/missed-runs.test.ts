import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { SessionEntity } from '../db/entities/schemas';
import { createEventBus } from '../events/event-bus';
import { SessionStore } from '../pipeline/session-store';
import { fakeClock, seedStream } from '../pipeline/test-fixtures';
import { testDatabasePerTest } from '../pipeline/test-database';
import { memoryLogger } from '../ports/logger';
import { describeRunTime, reportMissedRun } from './missed-runs';
import { insertSchedule, scheduleSpec } from './schedule-fixtures';

let db: Database | undefined;
const openDatabase = testDatabasePerTest();

const spec = scheduleSpec({ timeZone: 'Europe/Berlin', padBeforeSeconds: 60 });

describe('reportMissedRun', () => {
  it('lists a missed run once, as a FAILED session with a "Missed: " reason and a warning', async () => {
    db = await openDatabase();
    await seedStream(db);
    const t = new Date().toISOString();
    await insertSchedule(db, {
      timezone: 'Europe/Berlin',
      padBeforeSeconds: 60,
      createdAt: t,
      updatedAt: t,
    });
    const events = createEventBus();
    const logger = memoryLogger();
    const deps = { db, sessions: new SessionStore(db, events, fakeClock(0)), logger };
    const s = Date.parse('2026-11-24T05:00:00Z');
    const first = await reportMissedRun(deps, spec, s, 'the app was not running at that time.');
    expect(first).toMatchObject({
      status: 'FAILED',
      transferStatus: 'SKIPPED',
      scheduleId: 'sch-1',
      startTime: '2026-11-24T04:59:00.000Z',
      plannedDurationSeconds: 3660,
      errorMessage: 'Missed: the app was not running at that time.',
    });
    expect(logger.entries.at(-1)).toMatchObject({ level: 'warn', sessionId: first!.id });
    expect(logger.entries.at(-1)!.message).toContain('2026-11-24 06:00 Europe/Berlin');
    expect(await reportMissedRun(deps, spec, s, 'again')).toBeNull();
    expect(await db.reader.count(SessionEntity)).toBe(1);
  });

  it('describes a run time on the schedule wall clock and in UTC', () => {
    expect(
      describeRunTime({ timeZone: 'America/New_York' }, Date.parse('2026-11-24T11:00:00Z')),
    ).toBe('2026-11-24 06:00 America/New_York');
  });
});
