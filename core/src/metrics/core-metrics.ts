import type { Database } from '../db/database';
import { MetricsRepository } from '../db/metrics-repository';
import { liveMetricsSource, type LiveMetricsDeps } from './live-metrics';
import type { MetricsReadPort } from './metrics-port';

/**
 * The core's metrics port: recordings, slots and free disk from the running engine (no query),
 * sessions, transfers, the alert outbox and deliveries from the database, read at scrape time.
 */
export function coreMetricsPort(deps: LiveMetricsDeps & { db: Database }): MetricsReadPort {
  const stored = new MetricsRepository(deps.db);
  return {
    ...liveMetricsSource(deps),
    sessionsByStatus: () => stored.sessionsByStatus(),
    transfers: () => stored.transfers(),
    alertOutboxLength: () => stored.alertOutboxLength(),
    lastDeliveries: () => stored.lastDeliveries(),
  };
}
