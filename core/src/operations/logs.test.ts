import { describe, expect, it } from 'vitest';
import { createLogStore } from '../logs/create-log-store';
import type { OperationContext } from './context';
import { logsOperations } from './logs';
import { checkedInvoke } from './resource-test-context';

function setup(count: number) {
  const logs = createLogStore();
  for (let i = 0; i < count; i++) {
    logs.append({
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      level: i % 2 === 0 ? 'info' : 'error',
      message: `m${i}`,
      ...(i % 3 === 0 ? { sessionId: 'abc' } : {}),
    });
  }
  const invoke = checkedInvoke(logsOperations, { logs } as unknown as OperationContext);
  return (input: unknown) => invoke('logs.list', input) as Promise<{ items: unknown[] }>;
}

describe('logs.list', () => {
  it('answers the latest 200 by default, newest first', async () => {
    const list = setup(300);
    const { items } = await list({});
    expect(items).toHaveLength(200);
    expect(items[0]).toEqual({ time: '2026-01-01T00:04:59.000Z', level: 'error', message: 'm299' });
  });

  it('takes query strings as HTTP sends them', async () => {
    const list = setup(20);
    const { items } = await list({ level: 'error', sessionId: 'abc', limit: '2' });
    expect(items).toEqual([
      { time: '2026-01-01T00:00:15.000Z', level: 'error', message: 'm15', sessionId: 'abc' },
      { time: '2026-01-01T00:00:09.000Z', level: 'error', message: 'm9', sessionId: 'abc' },
    ]);
    expect((await list({ level: '', sessionId: '' })).items).toHaveLength(20);
  });

  it('searches the messages: every word, without case (?q=)', async () => {
    const list = setup(30);
    expect((await list({ q: 'M2' })).items.map((e) => (e as { message: string }).message)).toEqual([
      'm29',
      'm28',
      'm27',
      'm26',
      'm25',
      'm24',
      'm23',
      'm22',
      'm21',
      'm20',
      'm2',
    ]);
    const both = await list({ q: 'm1', level: 'error', sessionId: 'abc' });
    expect(both.items).toEqual([
      { time: '2026-01-01T00:00:15.000Z', level: 'error', message: 'm15', sessionId: 'abc' },
    ]);
    expect((await list({ q: 'm2 m9' })).items).toEqual([]);
    expect((await list({ q: ' ' })).items).toHaveLength(30);
  });

  it.each([
    [{ q: 'x'.repeat(101) }, 'q'],
    [{ limit: 0 }, 'limit'],
    [{ limit: 1001 }, 'limit'],
    [{ limit: 'many' }, 'limit'],
    [{ limit: 2.5 }, 'limit'],
    [{ level: 'fatal' }, 'level'],
  ])('refuses %j naming %s', async (input, field) => {
    await expect(setup(1)(input)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field });
  });
});
