import { describe, expect, it } from 'vitest';
import { outboxItem } from '../alerts/outbox-contract';
import { insertSession } from '../pipeline/session-fixtures';
import { seedStream } from '../pipeline/test-fixtures';
import { testDatabasePerTest } from '../pipeline/test-database';
import { SqliteAlertOutbox } from './alert-outbox-repository';
import type { Database } from './database';
import { TransferAttemptEntity } from './entities/schemas';
import { MetricsRepository } from './metrics-repository';

let db: Database | undefined;
const openDatabase = testDatabasePerTest();

let attempts = 0;
async function attempt(d: Database, sessionId: string, ok: boolean, finishedAt: string | null) {
  attempts += 1;
  await d.write((m) =>
    m.insert(TransferAttemptEntity, {
      id: `attempt-${attempts}`,
      sessionId,
      destinationId: null,
      startedAt: '2026-11-24T06:00:00.000Z',
      finishedAt,
      ok,
      bytes: ok ? 1000 : null,
      mode: 'fastPut',
      error: ok ? null : 'refused',
    }),
  );
}

describe('MetricsRepository', () => {
  it('counts nothing in an empty database', async () => {
    db = await openDatabase();
    const metrics = new MetricsRepository(db);
    expect(await metrics.sessionsByStatus()).toEqual({});
    expect(await metrics.transfers()).toEqual({ queued: 0, failed: 0 });
    expect(await metrics.alertOutboxLength()).toBe(0);
    expect(await metrics.lastDeliveries()).toEqual([]);
  });

  it('counts sessions by status, the transfer queue, failed transfers and the outbox', async () => {
    db = await openDatabase();
    await seedStream(db);
    await insertSession(db, { status: 'RECORDING', transferStatus: 'PENDING' });
    await insertSession(db, { status: 'PROCESSING', transferStatus: 'PENDING' }); // not ready
    await insertSession(db, { status: 'COMPLETED', transferStatus: 'PENDING' });
    await insertSession(db, { status: 'COMPLETED', transferStatus: 'IN_PROGRESS' });
    await insertSession(db, { status: 'COMPLETED', transferStatus: 'COMPLETED' });
    await insertSession(db, { status: 'COMPLETED', transferStatus: 'FAILED' });
    await insertSession(db, { status: 'FAILED', transferStatus: 'SKIPPED' });
    await new SqliteAlertOutbox(db).enqueue([outboxItem('a', 1, 2), outboxItem('b', 1, 2)]);
    const metrics = new MetricsRepository(db);
    expect(await metrics.sessionsByStatus()).toEqual({
      RECORDING: 1,
      PROCESSING: 1,
      COMPLETED: 4,
      FAILED: 1,
    });
    expect(await metrics.transfers()).toEqual({ queued: 2, failed: 1 });
    expect(await metrics.alertOutboxLength()).toBe(2);
  });

  it('per stream, the end of its last successful transfer; failed attempts do not count', async () => {
    db = await openDatabase();
    await seedStream(db, { id: 'morning', name: 'Morning Show' });
    await seedStream(db, { id: 'evening', name: 'Evening' });
    await seedStream(db, { id: 'never', name: 'Never delivered' });
    const m1 = await insertSession(db, { streamId: 'morning', transferStatus: 'COMPLETED' });
    const m2 = await insertSession(db, { streamId: 'morning', transferStatus: 'COMPLETED' });
    const e1 = await insertSession(db, { streamId: 'evening', transferStatus: 'FAILED' });
    const n1 = await insertSession(db, { streamId: 'never', transferStatus: 'FAILED' });
    await attempt(db, m1.id, true, '2026-11-30T07:01:00.000Z');
    await attempt(db, m2.id, false, '2026-12-01T07:01:00.000Z');
    await attempt(db, m2.id, true, '2026-12-01T07:02:30.250Z');
    await attempt(db, e1.id, true, '2026-11-29T19:00:00.000Z');
    await attempt(db, e1.id, false, '2026-11-30T19:00:00.000Z');
    await attempt(db, n1.id, false, '2026-12-01T19:00:00.000Z');
    await attempt(db, n1.id, false, null);
    expect(await new MetricsRepository(db).lastDeliveries()).toEqual([
      {
        streamId: 'evening',
        streamName: 'Evening',
        deliveredAt: new Date('2026-11-29T19:00:00.000Z'),
      },
      {
        streamId: 'morning',
        streamName: 'Morning Show',
        deliveredAt: new Date('2026-12-01T07:02:30.250Z'),
      },
    ]);
  });
});
