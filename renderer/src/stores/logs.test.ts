import { beforeEach, describe, expect, it } from 'vitest';
import type { LogEntry, LogLevel } from '@contract';
import type { FakeClient } from '../testing/fake-client';
import { storeTest } from '../testing/store-test';
import { LOG_BUFFER_LIMIT, levelAtLeast, mergeLines, toLines, useLogsStore } from './logs';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

let seconds = 0;
function entry(message: string, level: LogLevel = 'info', sessionId?: string): LogEntry {
  seconds += 1;
  const time = new Date(Date.UTC(2026, 10, 24, 6, 0, seconds)).toISOString();
  return sessionId ? { time, level, message, sessionId } : { time, level, message };
}

const app = storeTest();
let client: FakeClient;
/** What the server holds, oldest first (it answers newest first, filtered like the core). */
let serverLog: LogEntry[];

beforeEach(() => {
  seconds = 0;
  client = app.client;
  serverLog = [entry('started'), entry('probing', 'debug'), entry('disk low', 'warn', 's1')];
  client.handle('logs.list', (input) => {
    const level = (input.level as LogLevel | undefined) ?? 'debug';
    const items = serverLog
      .filter((e) => levelAtLeast(e.level, level))
      .filter((e) => !input.sessionId || e.sessionId === input.sessionId)
      .reverse()
      .slice(0, Number(input.limit));
    return { items };
  });
});

const messages = (store: ReturnType<typeof useLogsStore>) => store.lines.map((l) => l.message);

describe('logs store', () => {
  it('loads the latest lines at or above the level, oldest first', async () => {
    const store = useLogsStore();
    await store.setFilters({ level: 'info', sessionId: null });
    expect(client.calls.at(-1)).toEqual({ op: 'logs.list', input: { level: 'info', limit: 500 } });
    expect(messages(store)).toEqual(['started', 'disk low']);
    expect(store.loaded).toBe(true);
  });

  it('appends live lines and drops those under the level (debug under info)', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    client.emit('log', entry('connecting to the stream', 'debug'));
    client.emit('log', entry('recording started'));
    client.emit('log', entry('transfer failed', 'error', 's2'));
    expect(messages(store)).toEqual([
      'started',
      'disk low',
      'recording started',
      'transfer failed',
    ]);

    await store.setFilters({ level: 'error', sessionId: null });
    client.emit('log', entry('a warning', 'warn'));
    client.emit('log', entry('an error', 'error'));
    expect(store.lines.map((l) => l.level)).toEqual(['error']);
    expect(messages(store)).toEqual(['an error']);
  });

  it('shows debug lines when the level is debug', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'debug', sessionId: null });
    expect(messages(store)).toEqual(['started', 'probing', 'disk low']);
    client.emit('log', entry('ffmpeg said something', 'debug'));
    expect(messages(store).at(-1)).toBe('ffmpeg said something');
  });

  it('filters by session, on load and live', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: 's1' });
    expect(client.calls.at(-1)?.input).toEqual({ level: 'info', sessionId: 's1', limit: 500 });
    expect(messages(store)).toEqual(['disk low']);
    client.emit('log', entry('other session', 'info', 's2'));
    client.emit('log', entry('no session'));
    client.emit('log', entry('this session', 'info', 's1'));
    expect(messages(store)).toEqual(['disk low', 'this session']);
  });

  it('searches the messages, on load (q) and live', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null, search: 'Disk' });
    expect(client.calls.at(-1)?.input).toEqual({ level: 'info', q: 'Disk', limit: 500 });
    client.emit('log', entry('Disk is full now'));
    client.emit('log', entry('recording started'));
    client.emit('log', entry('full disk', 'info', 's2'));
    expect(messages(store).slice(-2)).toEqual(['Disk is full now', 'full disk']);
    expect(messages(store)).not.toContain('recording started');
  });

  it('keeps collecting while paused (following off)', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    store.setFollowing(false);
    client.emit('log', entry('while paused'));
    expect(store.following).toBe(false);
    expect(messages(store).at(-1)).toBe('while paused');
  });

  it(`keeps at most ${LOG_BUFFER_LIMIT} lines, dropping the oldest`, async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    for (let i = 0; i < LOG_BUFFER_LIMIT + 5; i++) client.emit('log', entry(`line ${i}`));
    expect(store.lines).toHaveLength(LOG_BUFFER_LIMIT);
    expect(messages(store)[0]).toBe('line 5');
    expect(messages(store).at(-1)).toBe(`line ${LOG_BUFFER_LIMIT + 4}`);
  });

  it('clear empties the view; new lines come; a reload does not bring the cleared ones back', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    store.clear();
    expect(store.lines).toEqual([]);
    const after = entry('after clearing');
    serverLog.push(after);
    client.emit('log', after);
    expect(messages(store)).toEqual(['after clearing']);
    client.setConnection('connecting');
    client.setConnection('open');
    await flush();
    expect(messages(store)).toEqual(['after clearing']);
  });

  it('loads again when the event stream reopens, without doubling lines', async () => {
    const store = useLogsStore();
    store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    const before = client.calls.length;
    serverLog.push(entry('missed while offline'));
    client.setConnection('connecting');
    client.setConnection('open');
    await flush();
    expect(client.calls.length).toBe(before + 1);
    expect(messages(store)).toEqual(['started', 'disk low', 'missed while offline']);
  });

  it('keeps a line that arrived while the list was on its way, once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const inList = entry('in the list and live');
    const onlyLive = entry('only live');
    serverLog.push(inList);
    client.handle('logs.list', async () => {
      await gate;
      return { items: [...serverLog].reverse() };
    });
    const store = useLogsStore();
    store.subscribe();
    const loading = store.setFilters({ level: 'debug', sessionId: null });
    client.emit('log', inList);
    client.emit('log', onlyLive);
    release();
    await loading;
    expect(messages(store)).toEqual([
      'started',
      'probing',
      'disk low',
      'in the list and live',
      'only live',
    ]);
  });

  it('says why loading failed', async () => {
    client.handle('logs.list', () => {
      throw new Error('boom');
    });
    const store = useLogsStore();
    await store.setFilters({ level: 'info', sessionId: null });
    expect(store.error).toBe('boom');
    expect(store.loaded).toBe(false);
  });

  it('stops listening when unsubscribed', async () => {
    const store = useLogsStore();
    const off = store.subscribe();
    await store.setFilters({ level: 'info', sessionId: null });
    off();
    client.emit('log', entry('late'));
    expect(messages(store)).not.toContain('late');
  });
});

describe('log helpers', () => {
  it('levelAtLeast orders debug < info < warn < error', () => {
    expect(levelAtLeast('debug', 'info')).toBe(false);
    expect(levelAtLeast('info', 'info')).toBe(true);
    expect(levelAtLeast('error', 'warn')).toBe(true);
    expect(levelAtLeast('warn', 'error')).toBe(false);
  });

  it('mergeLines keeps two equal lines when both are real', () => {
    const same = entry('same');
    const loaded = toLines([same, same]);
    const live = toLines([same, same, same]);
    expect(mergeLines(loaded, live, 10)).toHaveLength(3);
    expect(mergeLines(loaded, live, 2)).toHaveLength(2);
  });
});
