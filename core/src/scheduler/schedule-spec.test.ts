import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { ScheduleRecord } from '../db/records';
import { ScheduleEntity } from '../db/entities/schemas';
import { seedStream } from '../pipeline/test-fixtures';
import { testDatabasePerTest } from '../pipeline/test-database';
import { scheduleRecord } from './schedule-fixtures';
import { capital, databaseScheduleSource, scheduleWords, toScheduleSpec } from './schedule-spec';

let db: Database | undefined;
const openDatabase = testDatabasePerTest();

const row = (over: Partial<ScheduleRecord> = {}): ScheduleRecord =>
  scheduleRecord({
    id: 'a',
    durationMinutes: 90,
    padBeforeSeconds: 10,
    padAfterSeconds: 20,
    maxRetries: 2,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    ...over,
  });

describe('schedule specs', () => {
  it('converts a row: zone defaults to the app one, minutes to seconds, times to ms', () => {
    expect(toScheduleSpec(row(), 'Europe/Berlin')).toEqual({
      id: 'a',
      name: null,
      streamId: 'stream-1',
      cronExpression: '0 6 * * *',
      timeZone: 'Europe/Berlin',
      durationSeconds: 5400,
      padBeforeSeconds: 10,
      padAfterSeconds: 20,
      maxRetries: 2,
      isActive: true,
      lastRunTime: null,
      updatedAt: Date.parse('2026-11-02T00:00:00.000Z'),
    });
    expect(toScheduleSpec(row({ timezone: 'UTC' }), 'Europe/Berlin').timeZone).toBe('UTC');
  });

  it('lists active schedules and moves lastRunTime only forward', async () => {
    db = await openDatabase();
    await seedStream(db);
    await db.write((m) => m.insert(ScheduleEntity, [row(), row({ id: 'b', isActive: false })]));
    const source = databaseScheduleSource(db, 'UTC');
    expect((await source.active()).map((s) => s.id)).toEqual(['a']);
    expect(await source.get('b')).toMatchObject({ id: 'b', isActive: false });
    expect(await source.get('nope')).toBeNull();
    await source.markRun('a', Date.parse('2026-11-24T06:00:00Z'));
    await source.markRun('a', Date.parse('2026-11-23T06:00:00Z'));
    const a = await db.reader.findOneByOrFail(ScheduleEntity, { id: 'a' });
    expect(a.lastRunTime).toBe('2026-11-24T06:00:00.000Z');
    expect(a.updatedAt).toBe('2026-11-02T00:00:00.000Z');
  });
});

describe('scheduleWords', () => {
  it('names a schedule by its name, else by its times, never by its id', () => {
    expect(scheduleWords({ name: 'Breakfast', cronExpression: '0 6 * * *' })).toBe(
      'schedule “Breakfast”',
    );
    expect(scheduleWords({ name: null, cronExpression: '0 6 * * *' })).toBe('schedule “0 6 * * *”');
    expect(capital(scheduleWords({ cronExpression: '0 6 * * *' }))).toBe('Schedule “0 6 * * *”');
  });
});
