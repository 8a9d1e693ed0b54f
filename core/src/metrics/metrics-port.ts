import type { SessionStatus } from '../../contract';

/** May answer at once or after a query. */
export type Answer<T> = T | Promise<T>;

/** The time of the last delivered recording of one stream. */
export interface StreamDelivery {
  streamId: string;
  streamName: string;
  /** When the last recording of the stream reached its destination. */
  deliveredAt: Date;
}

/**
 * What /metrics reads, at scrape time (issue 13, item 5). The engine's live state answers some
 * (LiveMetricsSource: recordings, slots, disk); the stored part (StoredMetricsSource: sessions,
 * transfers, alert outbox, deliveries) is implemented over the repositories.
 */
export interface MetricsReadPort {
  /** Sessions per status (a status left out counts 0). */
  sessionsByStatus(): Answer<Partial<Record<SessionStatus, number>>>;
  /** Recordings capturing audio now. */
  recordingsRunning(): Answer<number>;
  /** Recording slots taken, in all (maxConcurrentRecordings), and scheduled runs waiting for one. */
  slots(): Answer<{ used: number; total: number; waiting: number }>;
  /** Transfers waiting or running (`queued`); transfers that failed for good (`failed`). */
  transfers(): Answer<{ queued: number; failed: number }>;
  /** Alerts in the outbox not yet delivered to every channel. */
  alertOutboxLength(): Answer<number>;
  /** Free bytes of the file system that holds the recordings; undefined when unreadable. */
  diskFreeBytes(): Answer<number | undefined>;
  /** Per stream that has delivered at least once: the time of the last delivery. */
  lastDeliveries(): Answer<readonly StreamDelivery[]>;
}

/** The part of the port the running engine answers from memory and the file system. */
export type LiveMetricsSource = Pick<
  MetricsReadPort,
  'recordingsRunning' | 'slots' | 'diskFreeBytes'
>;

/** The part of the port the database answers (implemented over the repositories). */
export type StoredMetricsSource = Omit<MetricsReadPort, keyof LiveMetricsSource>;
