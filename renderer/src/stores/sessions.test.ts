import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionDto } from '@contract';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { useSessionsStore } from './sessions';
import { completedSession } from '../testing/sessions';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

/** The sessions store following the server, once its first load has settled. */
async function following() {
  const store = useSessionsStore();
  store.subscribe();
  await flush();
  return store;
}

const app = storeTest();
let client: FakeClient;
let listed: SessionDto[];

beforeEach(() => {
  client = app.client;
  listed = [
    completedSession('old', { startTime: '2026-11-23T06:00:00.000Z' }),
    completedSession('older', { startTime: '2026-11-22T06:00:00.000Z', status: 'FAILED' }),
  ];
  client.handle('sessions.list', (input) => {
    const items = input.status ? listed.filter((s) => s.status === input.status) : listed;
    return { items, total: items.length };
  });
});

describe('sessions store', () => {
  it('loads the latest sessions, those recording and their live phases when it subscribes', async () => {
    const store = await following();
    expect(client.calls.map((c) => [c.op, c.input])).toEqual([
      ['sessions.live', {}],
      ['sessions.list', { limit: 20 }],
      ['sessions.list', { status: 'RECORDING', limit: 100 }],
    ]);
    expect(store.loaded).toBe(true);
    expect(store.recent.map((s) => s.id)).toEqual(['old', 'older']);
    expect(store.total).toBe(2);
  });

  it('applies session events live: a new recording, then its end', async () => {
    const store = await following();

    const started = completedSession('new', {
      status: 'RECORDING',
      transferStatus: 'PENDING',
      startTime: '2026-11-24T08:00:00.000Z',
      plannedDurationSeconds: 6,
    });
    client.emit('session', started);
    expect(store.inProgress.map((s) => s.id)).toEqual(['new']);
    expect(store.recent.map((s) => s.id)).toEqual(['old', 'older']);
    expect(store.total).toBe(3);

    client.emit('session', { ...started, status: 'PROCESSING' });
    expect(store.inProgress.map((s) => s.status)).toEqual(['PROCESSING']);

    client.emit('session', {
      ...started,
      status: 'COMPLETED',
      transferStatus: 'SKIPPED',
      durationSeconds: 6,
      fileSizeBytes: 96_000,
    });
    expect(store.inProgress).toEqual([]);
    expect(store.recent.map((s) => s.id)).toEqual(['new', 'old', 'older']);
    expect(store.byId.new?.fileSizeBytes).toBe(96_000);
    expect(store.total).toBe(3);
  });

  it('follows a transfer and forgets its progress when it ends', async () => {
    const store = await following();
    client.emit(
      'session',
      completedSession('old', {
        startTime: '2026-11-23T06:00:00.000Z',
        transferStatus: 'IN_PROGRESS',
      }),
    );
    client.emit('transfer-progress', { sessionId: 'old', bytes: 500, totalBytes: 1000 });
    expect(store.progress.old).toEqual({ sessionId: 'old', bytes: 500, totalBytes: 1000 });
    client.emit(
      'session',
      completedSession('old', {
        startTime: '2026-11-23T06:00:00.000Z',
        transferStatus: 'COMPLETED',
      }),
    );
    expect(store.progress.old).toBeUndefined();
  });

  it('loads again when the event stream opens again (events may have been missed)', async () => {
    const store = await following();
    client.setConnection('open');
    await flush();
    const before = client.calls.length;
    listed = [completedSession('missed', { startTime: '2026-11-24T07:00:00.000Z' }), ...listed];
    client.setConnection('connecting');
    client.setConnection('open');
    await flush();
    expect(client.calls.length).toBe(before + 3);
    expect(store.recent.map((s) => s.id)).toEqual(['missed', 'old', 'older']);
  });

  it('keeps an event that overtook a slower list answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    listed = [
      completedSession('r', { status: 'RECORDING', startTime: '2026-11-24T08:00:00.000Z' }),
    ];
    client.handle('sessions.list', async (input) => {
      await gate;
      const items = input.status ? listed.filter((s) => s.status === input.status) : listed;
      return { items, total: items.length };
    });
    const store = useSessionsStore();
    const loading = store.load();
    // while the list is on its way, the recording ends (an event)
    store.apply(
      completedSession('r', { status: 'COMPLETED', startTime: '2026-11-24T08:00:00.000Z' }),
    );
    release();
    await loading;
    expect(store.byId.r?.status).toBe('COMPLETED');
  });

  it('keeps a later state announced before the answer of the action that caused it', async () => {
    const store = await following();
    const answer = completedSession('now', {
      status: 'SCHEDULED',
      startTime: '2026-11-24T08:00:00.000Z',
    });
    // the recording starts at once: its event overtakes the 202 answer of "record now"
    client.emit('session', { ...answer, status: 'RECORDING' });
    store.applyAnswer(answer);
    expect(store.byId.now?.status).toBe('RECORDING');
    expect(store.inProgress.map((s) => s.id)).toEqual(['now']);
    // an answer that is news is taken
    store.applyAnswer(
      completedSession('fresh', { status: 'SCHEDULED', startTime: '2026-11-24T09:00:00.000Z' }),
    );
    expect(store.byId.fresh?.status).toBe('SCHEDULED');
  });

  it('stops listening when unsubscribed', async () => {
    const store = useSessionsStore();
    const off = store.subscribe();
    await flush();
    off();
    client.emit('session', completedSession('late', { startTime: '2026-11-24T09:00:00.000Z' }));
    expect(store.byId.late).toBeUndefined();
  });

  it('stop() applies the answer at once', async () => {
    client.handle('sessions.stop', (input) =>
      completedSession(String(input.id), {
        status: 'PROCESSING',
        startTime: '2026-11-24T08:00:00.000Z',
      }),
    );
    const store = useSessionsStore();
    await store.stop('r1');
    expect(client.calls.at(-1)).toEqual({ op: 'sessions.stop', input: { id: 'r1' } });
    expect(store.inProgress.map((s) => s.id)).toEqual(['r1']);
  });
});
