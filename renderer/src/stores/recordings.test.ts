import { beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, SessionDto } from '@contract';
import { sessionMatchesFilters as matchesFilters } from '@contract/operations';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { useRecordingsStore } from './recordings';
import { newestFirst } from './session-order';
import { useSessionsStore } from './sessions';
import { useStreamsStore } from './streams';
import { completedSession } from '../testing/sessions';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const day = (d: number, hour = 6) => new Date(Date.UTC(2026, 10, d, hour)).toISOString(); // November 2026

const app = storeTest();
let client: FakeClient;
/** The server's sessions; the fake answers sessions.list like the core (filters, page). */
let stored: SessionDto[];
let logLines: LogEntry[];
const streamNames: Record<string, string> = { 'stream-1': 'Morning Radio', 'stream-2': 'Jazz FM' };

beforeEach(() => {
  client = app.client;
  stored = [
    completedSession('a', {
      startTime: day(24),
      status: 'FAILED',
      errorMessage: 'Missed: app was off',
    }),
    completedSession('b', { startTime: day(23), streamId: 'stream-2' }),
    completedSession('c', { startTime: day(22) }),
    completedSession('d', { startTime: day(21), status: 'FAILED' }),
  ];
  logLines = [];
  client.handle('sessions.list', (input) => {
    const filters = {
      ...(input.streamId ? { streamId: String(input.streamId) } : {}),
      ...(input.status ? { status: input.status as SessionDto['status'] } : {}),
      ...(input.from ? { from: String(input.from) } : {}),
      ...(input.to ? { to: String(input.to) } : {}),
      ...(input.q ? { q: String(input.q) } : {}),
    };
    const all = stored
      .filter((s) => matchesFilters(s, filters, streamNames[s.streamId]))
      .sort(newestFirst);
    const offset = Number(input.offset ?? 0);
    return { items: all.slice(offset, offset + Number(input.limit)), total: all.length };
  });
  client.handle('sessions.get', (input) => {
    const found = stored.find((s) => s.id === input.id);
    if (!found) throw new Error(`Session ${String(input.id)} does not exist.`);
    return found;
  });
  client.handle('streams.list', () => ({
    items: Object.entries(streamNames).map(([id, name]) => ({ id, name })),
    total: 2,
  }));
  client.handle('logs.list', (input) => ({
    items: logLines.filter((l) => l.sessionId === input.sessionId).reverse(),
  }));
});

const ids = (store: ReturnType<typeof useRecordingsStore>) => store.items.map((s) => s.id);

describe('recordings store: the filtered page', () => {
  it('loads a page for the filters and sends them as sessions.list input', async () => {
    const store = useRecordingsStore();
    await store.setQuery({});
    expect(client.calls.at(-1)).toEqual({
      op: 'sessions.list',
      input: { limit: 25, offset: 0 },
    });
    expect(ids(store)).toEqual(['a', 'b', 'c', 'd']);
    expect(store.total).toBe(4);

    await store.setQuery({
      status: 'FAILED',
      from: day(21, 0),
      to: day(24, 0),
      streamId: 'stream-1',
    });
    expect(client.calls.at(-1)?.input).toEqual({
      status: 'FAILED',
      from: day(21, 0),
      to: day(24, 0),
      streamId: 'stream-1',
      limit: 25,
      offset: 0,
    });
    expect(ids(store)).toEqual(['d']);
    expect(store.hasFilters).toBe(true);
  });

  it('asks for the page it shows', async () => {
    stored = Array.from({ length: 30 }, (_, i) =>
      completedSession(`s${String(i).padStart(2, '0')}`, { startTime: day(1 + (i % 28), i % 24) }),
    );
    const store = useRecordingsStore();
    await store.setQuery({}, 2);
    expect(client.calls.at(-1)?.input).toEqual({ limit: 25, offset: 25 });
    expect(store.items).toHaveLength(5);
    expect(store.total).toBe(30);
  });

  it('does not load again for the same query, unless forced', async () => {
    const store = useRecordingsStore();
    await store.setQuery({ status: 'FAILED' });
    await store.setQuery({ status: 'FAILED' });
    expect(client.calls).toHaveLength(1);
    await store.setQuery({ status: 'FAILED' }, 1, true);
    expect(client.calls).toHaveLength(2);
  });

  it('a session event updates the row it shows', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({});
    client.emit('session', { ...stored[2]!, transferStatus: 'FAILED', errorMessage: 'refused' });
    expect(store.items.find((s) => s.id === 'c')).toMatchObject({
      transferStatus: 'FAILED',
      errorMessage: 'refused',
    });
    expect(ids(store)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('adds a new session that matches the filters on the first page', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({ streamId: 'stream-1' });
    expect(ids(store)).toEqual(['a', 'c', 'd']);
    client.emit('session', completedSession('new', { startTime: day(25), status: 'RECORDING' }));
    expect(ids(store)).toEqual(['new', 'a', 'c', 'd']);
    expect(store.total).toBe(4);
  });

  it('searches (q), and adds a new session only when its title or stream name matches', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await useStreamsStore().ensureLoaded();
    await store.setQuery({ q: 'jazz' });
    expect(client.calls.at(-1)?.input).toMatchObject({ q: 'jazz' });
    expect(ids(store)).toEqual(['b']);
    client.emit('session', completedSession('other', { startTime: day(25) }));
    client.emit(
      'session',
      completedSession('by-title', { startTime: day(26), title: 'Jazz night' }),
    );
    client.emit(
      'session',
      completedSession('by-stream', { startTime: day(27), streamId: 'stream-2', title: 'Late' }),
    );
    expect(ids(store)).toEqual(['by-stream', 'by-title', 'b']);
    expect(store.hasFilters).toBe(true);
  });

  it('does not add a session outside the filters (stream, status or dates)', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({ streamId: 'stream-1', status: 'RECORDING', to: day(25, 0) });
    expect(ids(store)).toEqual([]);
    client.emit(
      'session',
      completedSession('other-stream', {
        streamId: 'stream-2',
        status: 'RECORDING',
        startTime: day(24, 8),
      }),
    );
    client.emit('session', completedSession('completed', { startTime: day(24, 8) }));
    client.emit(
      'session',
      completedSession('too-late', { status: 'RECORDING', startTime: day(25, 1) }),
    );
    expect(ids(store)).toEqual([]);
    expect(store.total).toBe(0);
    client.emit(
      'session',
      completedSession('fits', { status: 'RECORDING', startTime: day(24, 9) }),
    );
    expect(ids(store)).toEqual(['fits']);
  });

  it('on another page it does not add a new session but counts it', async () => {
    stored = Array.from({ length: 30 }, (_, i) =>
      completedSession(`s${String(i).padStart(2, '0')}`, { startTime: day(1 + (i % 28), i % 24) }),
    );
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({}, 2);
    const shown = ids(store);
    client.emit('session', completedSession('new', { startTime: day(29), status: 'RECORDING' }));
    expect(ids(store)).toEqual(shown);
    expect(store.newElsewhere).toBe(1);
  });

  it('keeps a full first page at its size when a session is added', async () => {
    stored = Array.from({ length: 25 }, (_, i) =>
      completedSession(`s${i}`, { startTime: day(1, i % 24) }),
    );
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({});
    client.emit('session', completedSession('new', { startTime: day(29) }));
    expect(store.items).toHaveLength(25);
    expect(store.items[0]?.id).toBe('new');
    expect(store.total).toBe(26);
  });

  it('follows a transfer: bytes of total, forgotten when it ends', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({});
    client.emit('session', { ...stored[1]!, transferStatus: 'IN_PROGRESS' });
    client.emit('transfer-progress', { sessionId: 'b', bytes: 400, totalBytes: 1000 });
    expect(store.progress.b).toEqual({ sessionId: 'b', bytes: 400, totalBytes: 1000 });
    client.emit('transfer-progress', { sessionId: 'b', bytes: 900, totalBytes: 1000 });
    expect(store.progress.b?.bytes).toBe(900);
    // progress of a session the page does not show is not kept
    client.emit('transfer-progress', { sessionId: 'elsewhere', bytes: 1, totalBytes: 2 });
    expect(store.progress.elsewhere).toBeUndefined();
    client.emit('session', { ...stored[1]!, transferStatus: 'COMPLETED' });
    expect(store.progress.b).toBeUndefined();
  });

  it('loads again what it shows when the event stream reopens', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({ status: 'FAILED' });
    await store.openDetail('a');
    const before = client.calls.length;
    stored.push(completedSession('missed', { startTime: day(25), status: 'FAILED' }));
    client.setConnection('connecting');
    client.setConnection('open');
    await flush();
    expect(
      client.calls
        .slice(before)
        .map((c) => c.op)
        .sort(),
    ).toEqual(['logs.list', 'sessions.get', 'sessions.list']);
    expect(client.calls.slice(before).find((c) => c.op === 'sessions.list')?.input).toMatchObject({
      status: 'FAILED',
    });
    expect(ids(store)).toEqual(['missed', 'a', 'd']);
  });

  it('keeps an event that overtook a slower list answer, and adds a session it announced', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const recording = completedSession('r', { status: 'RECORDING', startTime: day(24, 9) });
    stored.push(recording);
    client.handle('sessions.list', async () => {
      await gate;
      return { items: [recording, ...stored.slice(0, 4)], total: 5 };
    });
    const store = useRecordingsStore();
    store.subscribe();
    const loading = store.setQuery({});
    client.emit('session', { ...recording, status: 'PROCESSING' });
    client.emit(
      'session',
      completedSession('started', { status: 'RECORDING', startTime: day(24, 10) }),
    );
    release();
    await loading;
    expect(store.items.find((s) => s.id === 'r')?.status).toBe('PROCESSING');
    expect(ids(store)[0]).toBe('started');
    expect(store.total).toBe(6);
  });
});

describe('recordings store: one copy of each session, in the sessions store', () => {
  it("shows the sessions store's copy; the page's sessions stay off the dashboard and go with the page", async () => {
    const dashboard = useSessionsStore();
    dashboard.apply(stored[0]!);
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({ status: 'FAILED' });
    expect(ids(store)).toEqual(['a', 'd']);
    expect(store.items[0]).toBe(dashboard.byId.a);
    expect(dashboard.all.map((s) => s.id)).toEqual(['a']);

    client.emit('session', { ...stored[0]!, errorMessage: 'changed' });
    expect(store.items[0]?.errorMessage).toBe('changed');
    expect(dashboard.all[0]?.errorMessage).toBe('changed');

    await store.setQuery({ streamId: 'stream-2' });
    expect(ids(store)).toEqual(['b']);
    expect(Object.keys(dashboard.byId).sort()).toEqual(['a', 'b']);
    expect(dashboard.all.map((s) => s.id)).toEqual(['a']);
  });
});

describe('recordings store: actions', () => {
  it('stop applies the answer, but never takes a session back', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    stored.push(completedSession('r', { status: 'RECORDING', startTime: day(25) }));
    await store.setQuery({});
    client.handle('sessions.stop', () =>
      completedSession('r', { status: 'PROCESSING', startTime: day(25) }),
    );
    await store.stop('r');
    expect(client.calls.at(-1)).toEqual({ op: 'sessions.stop', input: { id: 'r' } });
    expect(store.items[0]?.status).toBe('PROCESSING');
    // the event "completed" arrived before the answer of a second stop
    client.emit('session', completedSession('r', { status: 'COMPLETED', startTime: day(25) }));
    await store.stop('r');
    expect(store.items[0]?.status).toBe('COMPLETED');
  });

  it('retryTransfer takes the answer (FAILED → PENDING) unless an event moved it on', async () => {
    stored[2] = completedSession('c', { startTime: day(22), transferStatus: 'FAILED' });
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({});
    client.handle('sessions.retryTransfer', () =>
      completedSession('c', { startTime: day(22), transferStatus: 'PENDING' }),
    );
    await store.retryTransfer('c');
    expect(client.calls.at(-1)).toEqual({ op: 'sessions.retryTransfer', input: { id: 'c' } });
    expect(store.items.find((s) => s.id === 'c')?.transferStatus).toBe('PENDING');

    client.emit(
      'session',
      completedSession('c', { startTime: day(22), transferStatus: 'IN_PROGRESS' }),
    );
    await store.retryTransfer('c');
    expect(store.items.find((s) => s.id === 'c')?.transferStatus).toBe('IN_PROGRESS');
  });

  it('remove deletes on the server, drops the row here and on the dashboard, refills the page', async () => {
    const dashboard = useSessionsStore();
    dashboard.apply(stored[1]!);
    const store = useRecordingsStore();
    await store.setQuery({});
    client.handle('sessions.delete', (input) => {
      stored = stored.filter((s) => s.id !== input.id);
      return undefined;
    });
    await store.remove('b');
    expect(client.calls.some((c) => c.op === 'sessions.delete' && c.input.id === 'b')).toBe(true);
    expect(ids(store)).toEqual(['a', 'c', 'd']);
    expect(store.total).toBe(3);
    expect(dashboard.byId.b).toBeUndefined();
  });

  it('a refused delete keeps the row', async () => {
    const store = useRecordingsStore();
    await store.setQuery({});
    client.handle('sessions.delete', () => {
      throw new Error('Session b is being transferred');
    });
    await expect(store.remove('b')).rejects.toThrow('being transferred');
    expect(ids(store)).toContain('b');
    expect(store.total).toBe(4);
  });
});

describe('recordings store: the detail view', () => {
  it('opens a session with its log lines, oldest first, and appends its live lines only', async () => {
    logLines = [
      { time: day(24, 6), level: 'info', message: 'Recording started.', sessionId: 'a' },
      { time: day(24, 7), level: 'warn', message: 'Gap of 4 s.', sessionId: 'a' },
      { time: day(24, 7), level: 'info', message: 'another session', sessionId: 'b' },
    ];
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({});
    await store.openDetail('a');
    expect(client.calls.find((c) => c.op === 'logs.list')?.input).toEqual({
      sessionId: 'a',
      limit: 500,
    });
    expect(store.detail?.id).toBe('a');
    expect(store.detailLogs.map((l) => l.message)).toEqual(['Recording started.', 'Gap of 4 s.']);

    client.emit('log', { time: day(24, 8), level: 'info', message: 'Saved.', sessionId: 'a' });
    client.emit('log', { time: day(24, 8), level: 'info', message: 'other', sessionId: 'b' });
    client.emit('log', { time: day(24, 8), level: 'info', message: 'no session' });
    expect(store.detailLogs.map((l) => l.message)).toEqual([
      'Recording started.',
      'Gap of 4 s.',
      'Saved.',
    ]);
  });

  it('opens a session the page does not show (a link), and follows its events', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.setQuery({ status: 'RECORDING' });
    await store.openDetail('d');
    expect(store.detail?.id).toBe('d');
    client.emit('session', { ...stored[3]!, errorMessage: 'changed' });
    expect(store.detail?.errorMessage).toBe('changed');
    client.emit('session', { ...stored[3]!, transferStatus: 'IN_PROGRESS' });
    client.emit('transfer-progress', { sessionId: 'd', bytes: 5, totalBytes: 10 });
    expect(store.progress.d).toEqual({ sessionId: 'd', bytes: 5, totalBytes: 10 });
  });

  it('says when the session does not exist; closing forgets it', async () => {
    const store = useRecordingsStore();
    store.subscribe();
    await store.openDetail('gone');
    expect(store.detail).toBeNull();
    expect(store.detailError).toBe('Session gone does not exist.');
    store.closeDetail();
    expect(store.detailId).toBeNull();
    expect(store.detailError).toBeNull();
    client.emit('log', { time: day(24), level: 'info', message: 'x', sessionId: 'gone' });
    expect(store.detailLogs).toEqual([]);
  });
});

describe('matchesFilters', () => {
  it('reads from as inclusive and to as exclusive', () => {
    const s = completedSession('x', { startTime: '2026-11-24T06:00:00.000Z' });
    expect(matchesFilters(s, { from: '2026-11-24T06:00:00.000Z' })).toBe(true);
    expect(matchesFilters(s, { to: '2026-11-24T06:00:00.000Z' })).toBe(false);
    expect(matchesFilters(s, { to: '2026-11-24T06:00:00.001Z' })).toBe(true);
    expect(matchesFilters(s, { from: '2026-11-24T06:00:00.001Z' })).toBe(false);
  });
});
