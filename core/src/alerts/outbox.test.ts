import { describe, expect, it } from 'vitest';
import { MemoryAlertOutbox, type OutboxItem } from './outbox';

function item(id: string, createdAt: number, nextAttemptAt = createdAt): OutboxItem {
  return {
    id,
    channelId: 'c',
    payload: { event: 'disk.low', at: new Date(createdAt).toISOString(), message: 'm' },
    createdAt,
    attempts: 0,
    nextAttemptAt,
    lastError: null,
  };
}

describe('MemoryAlertOutbox', () => {
  it('answers due items oldest first, up to a limit, and the next attempt time', async () => {
    const outbox = new MemoryAlertOutbox();
    await outbox.enqueue([item('b', 20), item('a', 10), item('c', 30, 500)]);
    expect((await outbox.due(100, 10)).map((i) => i.id)).toEqual(['a', 'b']);
    expect((await outbox.due(100, 1)).map((i) => i.id)).toEqual(['a']);
    expect(await outbox.nextAttemptAt()).toBe(10);
    await outbox.recordFailure('a', { attempts: 1, nextAttemptAt: 1000, error: 'refused' });
    await outbox.markDelivered('b');
    expect(await outbox.nextAttemptAt()).toBe(500);
    expect(outbox.all.find((i) => i.id === 'a')).toMatchObject({
      attempts: 1,
      lastError: 'refused',
    });
    expect(await outbox.size()).toBe(2);
  });

  it('drops and answers what was queued before a time', async () => {
    const outbox = new MemoryAlertOutbox();
    await outbox.enqueue([item('a', 10), item('b', 20)]);
    expect((await outbox.dropExpired(20)).map((i) => i.id)).toEqual(['a']);
    expect(outbox.all.map((i) => i.id)).toEqual(['b']);
    await outbox.remove('b');
    expect(await outbox.nextAttemptAt()).toBeNull();
  });

  it('keeps snapshots (as rows) and refuses a duplicate id', async () => {
    const outbox = new MemoryAlertOutbox();
    const a = item('a', 10);
    await outbox.enqueue([a]);
    a.payload.message = 'changed';
    expect(outbox.all[0]?.payload.message).toBe('m');
    await expect(outbox.enqueue([item('a', 11)])).rejects.toThrow(/exists/);
  });
});
