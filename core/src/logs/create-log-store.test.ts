import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import type { LogEntry } from '../../contract';
import { createLogStore } from './create-log-store';

let dir: string;
tempDirEachTest('logstore-', (d) => (dir = d));

const at = (i: number) => new Date(Date.UTC(2026, 10, 24, 6, 0, i)).toISOString();
const entry = (i: number, over: Partial<LogEntry> = {}): LogEntry => ({
  time: at(i),
  level: 'info',
  message: `message ${i}`,
  ...over,
});

describe('createLogStore', () => {
  it('keeps the last `capacity` entries, newest first', () => {
    const store = createLogStore({ capacity: 3 });
    for (let i = 1; i <= 5; i++) store.append(entry(i));
    expect(store.list({}).map((e) => e.message)).toEqual(['message 5', 'message 4', 'message 3']);
  });

  it('filters by level (at or above) and by session, then limits', () => {
    const store = createLogStore();
    store.append(entry(1, { level: 'debug' }));
    store.append(entry(2, { level: 'info', sessionId: 's1' }));
    store.append(entry(3, { level: 'warn', sessionId: 's2' }));
    store.append(entry(4, { level: 'error', sessionId: 's1' }));
    store.append(entry(5, { level: 'info' }));
    const msgs = (q: Parameters<typeof store.list>[0]) => store.list(q).map((e) => e.message);
    expect(msgs({ level: 'warn' })).toEqual(['message 4', 'message 3']);
    expect(msgs({ sessionId: 's1' })).toEqual(['message 4', 'message 2']);
    expect(msgs({ level: 'error', sessionId: 's2' })).toEqual([]);
    expect(msgs({ limit: 2 })).toEqual(['message 5', 'message 4']);
    expect(msgs({ level: 'debug' })).toHaveLength(5);
  });

  it('answers copies: a caller cannot change what is kept', () => {
    const store = createLogStore();
    store.append(entry(1));
    const [first] = store.list({});
    if (first) first.message = 'changed';
    expect(store.list({})[0]?.message).toBe('message 1');
  });

  it('writes JSON lines to recorder.log, redacted, and rotates them', () => {
    const store = createLogStore({ file: { dir, maxBytes: 200, keep: 2 } });
    store.append(entry(1, { message: 'passphrase=hunter2', sessionId: 's1' }));
    const lines = readFileSync(join(dir, 'recorder.log'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      { time: at(1), level: 'info', message: 'passphrase=[redacted]', sessionId: 's1' },
    ]);
    expect(store.list({})[0]?.message).toBe('passphrase=[redacted]');
    for (let i = 2; i <= 10; i++) store.append(entry(i));
    store.rotate();
    store.append(entry(11));
    store.close();
    expect(readdirSync(dir).sort()).toEqual(['recorder.log', 'recorder.log.1', 'recorder.log.2']);
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(200);
      for (const line of text.trim().split('\n'))
        expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    expect(readFileSync(join(dir, 'recorder.log'), 'utf8')).toContain('message 11');
    // the ring still holds everything
    expect(store.list({ limit: 1000 })).toHaveLength(11);
  });

  it('stores only the entry fields, nothing a caller smuggled in', () => {
    const store = createLogStore();
    store.append({ ...entry(1), extra: 'x' } as LogEntry);
    expect(store.list({})[0]).toEqual(entry(1));
  });

  it('never throws into the caller, even when the log folder cannot be made', () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, 'a file where the folder should be');
    const errors: unknown[] = [];
    const store = createLogStore({
      file: { dir: join(blocker, 'logs'), onError: (e) => errors.push(e) },
    });
    expect(() => store.append(entry(1))).not.toThrow();
    expect(() => store.rotate()).not.toThrow();
    expect(store.list({})).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });
});
