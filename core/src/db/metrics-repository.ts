import type { SessionStatus } from '../../contract';
import type { StoredMetricsSource, StreamDelivery } from '../metrics/metrics-port';
import type { Database } from './database';
import { AlertOutboxEntity } from './entities/alert-schemas';
import { SessionEntity, StreamEntity, TransferAttemptEntity } from './entities/schemas';

/**
 * What GET /metrics reads from the database (the stored part of the MetricsReadPort): counts and
 * the last delivery per stream, each one query on a read snapshot, at scrape time.
 */
export class MetricsRepository implements StoredMetricsSource {
  constructor(private readonly db: Database) {}

  async sessionsByStatus(): Promise<Partial<Record<SessionStatus, number>>> {
    const rows = await this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .select('s.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('s.status')
      .getRawMany<{ status: SessionStatus; n: number | string }>();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /**
   * `queued`: recordings ready to deliver whose transfer waits (or waits for its retry) or runs;
   * `failed`: recordings whose transfer failed for good.
   */
  async transfers(): Promise<{ queued: number; failed: number }> {
    const row = await this.db.reader
      .createQueryBuilder(SessionEntity, 's')
      .select(
        `SUM(CASE WHEN s.status = 'COMPLETED' AND s.transferStatus IN ('PENDING', 'IN_PROGRESS') THEN 1 ELSE 0 END)`,
        'queued',
      )
      .addSelect(`SUM(CASE WHEN s.transferStatus = 'FAILED' THEN 1 ELSE 0 END)`, 'failed')
      .getRawOne<{ queued: number | string | null; failed: number | string | null }>();
    return { queued: Number(row?.queued ?? 0), failed: Number(row?.failed ?? 0) };
  }

  alertOutboxLength(): Promise<number> {
    return this.db.reader.count(AlertOutboxEntity);
  }

  /** Per stream, the end of its last successful transfer (streams that never delivered: none). */
  async lastDeliveries(): Promise<StreamDelivery[]> {
    const rows = await this.db.reader
      .createQueryBuilder(TransferAttemptEntity, 't')
      .innerJoin(SessionEntity.options.name, 's', 's.id = t.sessionId')
      .innerJoin(StreamEntity.options.name, 'st', 'st.id = s.streamId')
      .select('s.streamId', 'streamId')
      .addSelect('st.name', 'streamName')
      .addSelect('MAX(t.finishedAt)', 'deliveredAt')
      .where('t.ok = 1 AND t.finishedAt IS NOT NULL')
      .groupBy('s.streamId')
      .addGroupBy('st.name')
      .orderBy('s.streamId', 'ASC')
      .getRawMany<{ streamId: string; streamName: string; deliveredAt: string }>();
    return rows.map((r) => ({
      streamId: r.streamId,
      streamName: r.streamName,
      deliveredAt: new Date(r.deliveredAt),
    }));
  }
}
