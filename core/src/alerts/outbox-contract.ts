import { afterEach, describe, expect, it } from 'vitest';
import type { AlertOutbox, OutboxItem } from './outbox';

/** An outbox under test and how to let it go. */
export interface OutboxUnderTest {
  outbox: AlertOutbox;
  close?: () => Promise<void>;
}

export function outboxItem(id: string, createdAt: number, nextAttemptAt = createdAt): OutboxItem {
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

/**
 * What every AlertOutbox does (the memory one of the tests and the SQLite one of the app): run
 * by each implementation's test file with its own factory.
 */
export function describeOutboxContract(name: string, create: () => Promise<OutboxUnderTest>): void {
  describe(`${name} (AlertOutbox contract)`, () => {
    const open: OutboxUnderTest[] = [];
    const make = async () => {
      const made = await create();
      open.push(made);
      return made.outbox;
    };
    afterEach(async () => {
      for (const made of open.splice(0)) await made.close?.();
    });

    it('answers due items oldest first, up to a limit, and the next attempt time', async () => {
      const outbox = await make();
      expect(await outbox.nextAttemptAt()).toBeNull();
      await outbox.enqueue([outboxItem('b', 20), outboxItem('a', 10), outboxItem('c', 30, 500)]);
      expect((await outbox.due(100, 10)).map((i) => i.id)).toEqual(['a', 'b']);
      expect((await outbox.due(100, 1)).map((i) => i.id)).toEqual(['a']);
      expect(await outbox.due(100, 0)).toEqual([]);
      expect(await outbox.nextAttemptAt()).toBe(10);
      await outbox.recordFailure('a', { attempts: 1, nextAttemptAt: 1000, error: 'refused' });
      await outbox.markDelivered('b');
      expect(await outbox.nextAttemptAt()).toBe(500);
      expect((await outbox.due(1000, 10)).find((i) => i.id === 'a')).toEqual({
        ...outboxItem('a', 10),
        attempts: 1,
        nextAttemptAt: 1000,
        lastError: 'refused',
      });
      expect(await outbox.size()).toBe(2);
    });

    it('drops and answers what was queued before a time', async () => {
      const outbox = await make();
      await outbox.enqueue([outboxItem('a', 10), outboxItem('b', 20)]);
      expect(await outbox.dropExpired(20)).toEqual([outboxItem('a', 10)]);
      expect((await outbox.due(100, 10)).map((i) => i.id)).toEqual(['b']);
      await outbox.remove('b');
      expect(await outbox.nextAttemptAt()).toBeNull();
      expect(await outbox.size()).toBe(0);
    });

    it('keeps snapshots (as rows) and refuses a duplicate id, adding none of its batch', async () => {
      const outbox = await make();
      const a = outboxItem('a', 10);
      await outbox.enqueue([a]);
      a.payload.message = 'changed';
      expect((await outbox.due(10, 1))[0]?.payload.message).toBe('m');
      await expect(outbox.enqueue([outboxItem('z', 5), outboxItem('a', 11)])).rejects.toThrow(
        /exists/,
      );
      expect(await outbox.size()).toBe(1);
    });
  });
}
