import type { AlertPayload } from '../../contract/alerts';

/** One alert waiting for one channel: delivered at least once, or dropped after its time. */
export interface OutboxItem {
  id: string;
  channelId: string;
  payload: AlertPayload;
  /** When it was queued (ms since the epoch). */
  createdAt: number;
  /** Failed attempts so far. */
  attempts: number;
  /** When the next attempt is due (ms since the epoch). */
  nextAttemptAt: number;
  /** Why the last attempt failed (plain words, no secrets), or null. */
  lastError: string | null;
}

/**
 * Where undelivered alerts are kept (persisted in the database, so a restart loses none). The
 * delivery engine is its only user; the SQLite repository implements it with issue 12's
 * repositories, MemoryAlertOutbox in tests.
 */
export interface AlertOutbox {
  /** Adds items (one per alert and channel). */
  enqueue(items: readonly OutboxItem[]): Promise<void>;
  /** Items due at `now` (nextAttemptAt <= now), oldest first, at most `limit`. */
  due(now: number, limit: number): Promise<OutboxItem[]>;
  /** The earliest nextAttemptAt of any item, or null when the outbox is empty. */
  nextAttemptAt(): Promise<number | null>;
  /** The receiver took it: it leaves the outbox. */
  markDelivered(id: string): Promise<void>;
  /** An attempt failed: counts it and sets the next attempt. */
  recordFailure(
    id: string,
    failure: { attempts: number; nextAttemptAt: number; error: string },
  ): Promise<void>;
  /** Removes an item that can no longer be delivered (its channel was deleted or turned off). */
  remove(id: string): Promise<void>;
  /** Removes and answers the items queued before `createdBefore`. */
  dropExpired(createdBefore: number): Promise<OutboxItem[]>;
  /** How many items wait (for /metrics). */
  size(): Promise<number>;
}

/** An outbox in memory: for tests (share one between two engines to play a restart). */
export class MemoryAlertOutbox implements AlertOutbox {
  private readonly items = new Map<string, OutboxItem>();

  /** Copies of what is kept, oldest first. */
  get all(): OutboxItem[] {
    return [...this.items.values()].map(copy).sort(byAge);
  }

  async enqueue(items: readonly OutboxItem[]): Promise<void> {
    for (const item of items) {
      if (this.items.has(item.id)) throw new Error(`outbox item ${item.id} exists already`);
    }
    for (const item of items) this.items.set(item.id, copy(item));
  }

  async due(now: number, limit: number): Promise<OutboxItem[]> {
    return this.all.filter((item) => item.nextAttemptAt <= now).slice(0, Math.max(0, limit));
  }

  async nextAttemptAt(): Promise<number | null> {
    let next: number | null = null;
    for (const item of this.items.values()) {
      if (next === null || item.nextAttemptAt < next) next = item.nextAttemptAt;
    }
    return next;
  }

  async markDelivered(id: string): Promise<void> {
    this.items.delete(id);
  }

  async recordFailure(
    id: string,
    failure: { attempts: number; nextAttemptAt: number; error: string },
  ): Promise<void> {
    const item = this.items.get(id);
    if (!item) return;
    item.attempts = failure.attempts;
    item.nextAttemptAt = failure.nextAttemptAt;
    item.lastError = failure.error;
  }

  async remove(id: string): Promise<void> {
    this.items.delete(id);
  }

  async dropExpired(createdBefore: number): Promise<OutboxItem[]> {
    const expired = this.all.filter((item) => item.createdAt < createdBefore);
    for (const item of expired) this.items.delete(item.id);
    return expired;
  }

  async size(): Promise<number> {
    return this.items.size;
  }
}

function copy(item: OutboxItem): OutboxItem {
  // a stored item is a snapshot, as a database row would be
  return { ...item, payload: structuredClone(item.payload) };
}

function byAge(a: OutboxItem, b: OutboxItem): number {
  return a.createdAt - b.createdAt || a.id.localeCompare(b.id);
}
