import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { insertSession } from '../pipeline/session-fixtures';
import { seedStream } from '../pipeline/test-fixtures';
import { testDatabasePerTest } from '../pipeline/test-database';
import { coreMetricsPort } from './core-metrics';

let db: Database | undefined;
const openDatabase = testDatabasePerTest();

describe('coreMetricsPort', () => {
  it('answers the engine’s live state and the database’s counts, each read when asked', async () => {
    db = await openDatabase();
    await seedStream(db);
    const active = { count: 1 };
    const slots = { inUse: 1, capacity: 3, waiting: 0 };
    const port = coreMetricsPort({ db, active, slots, diskPath: tmpdir() });
    await insertSession(db, { status: 'RECORDING', transferStatus: 'PENDING' });
    expect(await port.sessionsByStatus()).toEqual({ RECORDING: 1 });
    expect(port.recordingsRunning()).toBe(1);
    expect(port.slots()).toEqual({ used: 1, total: 3, waiting: 0 });
    expect(await port.diskFreeBytes()).toBeGreaterThan(0);
    expect(await port.transfers()).toEqual({ queued: 0, failed: 0 });
    expect(await port.alertOutboxLength()).toBe(0);
    expect(await port.lastDeliveries()).toEqual([]);
    await insertSession(db, { status: 'COMPLETED', transferStatus: 'PENDING' });
    active.count = 0;
    expect(await port.sessionsByStatus()).toEqual({ RECORDING: 1, COMPLETED: 1 });
    expect(await port.transfers()).toEqual({ queued: 1, failed: 0 });
    expect(port.recordingsRunning()).toBe(0);
  });
});
