import { In, LessThan, LessThanOrEqual } from 'typeorm';
import type { AlertOutbox, OutboxItem } from '../alerts/outbox';
import type { Database } from './database';
import { AlertOutboxEntity } from './entities/alert-schemas';

/**
 * The alert outbox in the database (table alert_outbox): what the delivery engine has not yet
 * delivered survives a restart. Each change is its own serialized transaction.
 */
export class SqliteAlertOutbox implements AlertOutbox {
  constructor(private readonly db: Database) {}

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.db.write(async (m) => {
      const ids = items.map((item) => item.id);
      if (await m.existsBy(AlertOutboxEntity, { id: In(ids) })) {
        throw new Error(`an outbox item with one of the ids ${ids.join(', ')} exists already`);
      }
      await m.insert(AlertOutboxEntity, [...items]);
    });
  }

  due(now: number, limit: number): Promise<OutboxItem[]> {
    if (limit <= 0) return Promise.resolve([]);
    return this.db.reader.find(AlertOutboxEntity, {
      where: { nextAttemptAt: LessThanOrEqual(now) },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: limit,
    });
  }

  async nextAttemptAt(): Promise<number | null> {
    const first = await this.db.reader.findOne(AlertOutboxEntity, {
      where: {},
      order: { nextAttemptAt: 'ASC' },
      select: { id: true, nextAttemptAt: true },
    });
    return first ? first.nextAttemptAt : null;
  }

  async markDelivered(id: string): Promise<void> {
    await this.remove(id);
  }

  async recordFailure(
    id: string,
    failure: { attempts: number; nextAttemptAt: number; error: string },
  ): Promise<void> {
    await this.db.write((m) =>
      m.update(
        AlertOutboxEntity,
        { id },
        {
          attempts: failure.attempts,
          nextAttemptAt: failure.nextAttemptAt,
          lastError: failure.error,
        },
      ),
    );
  }

  async remove(id: string): Promise<void> {
    await this.db.write((m) => m.delete(AlertOutboxEntity, { id }));
  }

  dropExpired(createdBefore: number): Promise<OutboxItem[]> {
    return this.db.write(async (m) => {
      const expired = await m.find(AlertOutboxEntity, {
        where: { createdAt: LessThan(createdBefore) },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      if (expired.length > 0) {
        await m.delete(AlertOutboxEntity, { createdAt: LessThan(createdBefore) });
      }
      return expired;
    });
  }

  size(): Promise<number> {
    return this.db.reader.count(AlertOutboxEntity);
  }
}
