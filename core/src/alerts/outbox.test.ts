import { describe, expect, it } from 'vitest';
import { MemoryAlertOutbox } from './outbox';
import { describeOutboxContract, outboxItem } from './outbox-contract';

describeOutboxContract('MemoryAlertOutbox', async () => ({ outbox: new MemoryAlertOutbox() }));

describe('MemoryAlertOutbox', () => {
  it('shows copies of what it keeps, oldest first', async () => {
    const outbox = new MemoryAlertOutbox();
    await outbox.enqueue([outboxItem('b', 20), outboxItem('a', 10)]);
    expect(outbox.all.map((i) => i.id)).toEqual(['a', 'b']);
    outbox.all[0]!.payload.message = 'changed';
    expect(outbox.all[0]?.payload.message).toBe('m');
  });
});
