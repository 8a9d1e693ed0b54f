import { describe, expect, it } from 'vitest';
import type { MetricsReadPort } from '../../src/metrics/metrics-port';
import { memoryLogger } from '../../src/ports/logger';
import { coreMetricsEndpoint } from './metrics-endpoint';

const port: MetricsReadPort = {
  sessionsByStatus: () => ({ COMPLETED: 2 }),
  recordingsRunning: () => 0,
  slots: () => ({ used: 0, total: 3, waiting: 0 }),
  transfers: async () => {
    throw new Error('database is locked');
  },
  alertOutboxLength: () => 0,
  diskFreeBytes: () => 1e9,
  lastDeliveries: () => [],
};

describe('coreMetricsEndpoint', () => {
  it('serves the core’s port with the process metrics and METRICS_TOKEN; a failed read is logged', async () => {
    const logger = memoryLogger();
    const endpoint = coreMetricsEndpoint({
      metrics: port,
      logger,
      settings: { metricsToken: 'scrape-token-0123456789' },
    });
    expect(endpoint.token).toBe('scrape-token-0123456789');
    const text = await endpoint.registry.metrics();
    expect(text).toContain('asr_sessions{status="COMPLETED"} 2');
    expect(text).toContain('asr_recording_slots_total 3');
    expect(text).toContain('asr_process_resident_memory_bytes');
    expect(text).toContain('asr_transfers_failed Nan'); // prom-client's spelling; parsers read it
    expect(logger.entries.map((e) => [e.level, e.message])).toContainEqual([
      'warn',
      'Metrics: asr_transfers_failed could not be read: database is locked',
    ]);
  });

  it('without METRICS_TOKEN only the API key reads it', () => {
    const endpoint = coreMetricsEndpoint({ metrics: port, logger: memoryLogger(), settings: {} });
    expect(endpoint.token).toBeUndefined();
  });
});
