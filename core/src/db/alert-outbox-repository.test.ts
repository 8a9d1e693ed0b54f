import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOutboxContract, outboxItem } from '../alerts/outbox-contract';
import { SqliteAlertOutbox } from './alert-outbox-repository';
import { Database } from './database';

describeOutboxContract('SqliteAlertOutbox', async () => {
  const db = await Database.open({ path: ':memory:' });
  return { outbox: new SqliteAlertOutbox(db), close: () => db.close() };
});

describe('SqliteAlertOutbox', () => {
  it('keeps what waits across a reopening of the database file (a restart)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asr-outbox-'));
    try {
      const path = join(dir, 'recorder.sqlite');
      const first = await Database.open({ path });
      await new SqliteAlertOutbox(first).enqueue([outboxItem('a', 10, 50)]);
      await first.close();
      const second = await Database.open({ path });
      try {
        const outbox = new SqliteAlertOutbox(second);
        expect(await outbox.due(50, 10)).toEqual([outboxItem('a', 10, 50)]);
        expect(await outbox.nextAttemptAt()).toBe(50);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
