import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract';
import { Database } from '../db/database';
import { createEventBus } from '../events/event-bus';
import { SessionStore, type NewSession } from './session-store';
import { seedStream, testDatabase, fakeClock } from './test-fixtures';

let db: Database;
beforeEach(async () => {
  db = await testDatabase();
  await seedStream(db, { id: 's1' });
});
afterEach(() => db.close());

/** A store at `now` whose session events are collected in `seen`. */
function storeAt(now: number) {
  const events = createEventBus();
  const seen: SessionDto[] = [];
  events.on('session', (s) => seen.push(s));
  return { store: new SessionStore(db, events, fakeClock(now)), seen };
}

/** Creates an unscheduled session of `s1`: 20 s from 06:00 unless `over` says otherwise. */
function create(store: SessionStore, over: Partial<NewSession> = {}) {
  return store.create({
    streamId: 's1',
    scheduleId: null,
    startTime: '2026-11-24T06:00:00.000Z',
    plannedDurationSeconds: 20,
    ...over,
  });
}

describe('SessionStore', () => {
  it('persists each change and announces it as a session event', async () => {
    const { store, seen } = storeAt(Date.parse('2026-11-24T06:00:00Z'));
    const s = await create(store);
    await store.update(s.id, { status: 'RECORDING' });
    await store.update(s.id, {
      status: 'PROCESSING',
      gaps: [{ at: '2026-11-24T06:00:05.000Z', seconds: 5 }],
    });
    const final = await store.update(s.id, { status: 'COMPLETED', durationSeconds: 20.01 });
    expect(seen.map((e) => e.status)).toEqual([
      'SCHEDULED',
      'RECORDING',
      'PROCESSING',
      'COMPLETED',
    ]);
    expect(seen[3]).toEqual(
      expect.objectContaining({ id: s.id, gaps: [{ at: '2026-11-24T06:00:05.000Z', seconds: 5 }] }),
    );
    expect(Object.keys(seen[0]!)).not.toContain('partsDir');
    expect(await store.get(s.id)).toEqual(final);
  });

  it("keeps the station's titles (tracks) as plain text, [] for a new session", async () => {
    const { store, seen } = storeAt(Date.parse('2026-11-24T06:00:00Z'));
    const s = await create(store);
    expect(s.tracks).toEqual([]);
    const tracks = [
      { at: '2026-11-24T06:00:00.000Z', title: 'Björk – Jóga' },
      { at: '2026-11-24T06:00:12.500Z', title: '<b>not markup</b> & more' },
    ];
    await store.update(s.id, { status: 'RECORDING' });
    const updated = await store.update(s.id, { status: 'PROCESSING', tracks });
    expect(updated.tracks).toEqual(tracks);
    expect(seen[seen.length - 1]!.tracks).toEqual(tracks);
    expect((await store.get(s.id))?.tracks).toEqual(tracks);
  });

  it('stores and announces error messages without URL credentials', async () => {
    const { store, seen } = storeAt(Date.parse('2026-11-24T06:00:00Z'));
    const s = await create(store);
    const message = 'ffmpeg: http://dj:on-air-secret@radio.example/live: 401 Unauthorized';
    await store.update(s.id, { status: 'FAILED', errorMessage: message });
    const again = await store.updateIf(s.id, () => true, { errorMessage: `again: ${message}` });
    const stored = await store.get(s.id);
    expect(stored.errorMessage).toBe(`again: ${message.replace('dj:on-air-secret', '[redacted]')}`);
    expect(again?.errorMessage).toBe(stored.errorMessage);
    expect(JSON.stringify(seen)).not.toContain('on-air-secret');
    const rows = await db.reader.query(`SELECT * FROM sessions`);
    expect(JSON.stringify(rows)).not.toContain('on-air-secret');
  });

  it('refuses an impossible move and changes nothing', async () => {
    const { store } = storeAt(0);
    const s = await create(store, {
      startTime: new Date(0).toISOString(),
      plannedDurationSeconds: 5,
    });
    await expect(store.update(s.id, { status: 'COMPLETED', title: 'x' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await store.get(s.id)).toMatchObject({ status: 'SCHEDULED', title: null });
    await expect(store.get('missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      field: 'id',
      message: 'This recording does not exist (any more): it may have been deleted.',
    });
  });

  it('lists only completed sessions whose transfer is pending and due', async () => {
    const now = Date.parse('2026-11-24T06:00:00Z');
    const { store } = storeAt(now);
    const make = async (
      nextTransferAt: string | null,
      transferStatus: 'PENDING' | 'SKIPPED' = 'PENDING',
    ) => {
      const s = await create(store, {
        startTime: '2026-11-24T05:00:00.000Z',
        plannedDurationSeconds: 5,
      });
      await store.update(s.id, { status: 'RECORDING' });
      await store.update(s.id, { status: 'PROCESSING' });
      return store.update(s.id, { status: 'COMPLETED', nextTransferAt, transferStatus });
    };
    const due = await make('2026-11-24T05:59:00.000Z');
    const later = await make('2026-11-24T07:00:00.000Z');
    await make(null, 'SKIPPED');
    const list = await store.dueTransfers(now);
    expect(list.map((s) => s.id)).toEqual([due.id]);
    expect(await store.nextDueAt()).toBe(Date.parse(due.nextTransferAt!));
    expect(later.id).not.toBe(due.id);
  });
});
