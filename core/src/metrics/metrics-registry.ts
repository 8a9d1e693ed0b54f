// The Prometheus metrics of the engine (issue 13, item 5): one registry of its own (never
// prom-client's global one), whose gauges read the MetricsReadPort when scraped.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { SESSION_STATUSES } from '../../contract';
import type { MetricsReadPort } from './metrics-port';

export const METRIC_PREFIX = 'asr_';

export interface MetricsRegistryOptions {
  /** Also Node's process metrics (CPU, memory, event loop lag, handles), prefixed `asr_`. */
  processMetrics?: boolean;
  /**
   * Told when a read of the port fails: that metric then answers NaN (no labels) or no sample
   * (labels) in this scrape; the others are answered as usual.
   */
  onReadError?: (metric: string, error: unknown) => void;
}

/**
 * A registry with the engine's gauges, each computed at scrape time from `port`:
 *   asr_sessions{status}                        sessions per status (every status, 0 included)
 *   asr_recordings_running                      recordings capturing now
 *   asr_recording_slots_used / _total / _waiting
 *   asr_transfer_queue_length                   transfers waiting or running
 *   asr_transfers_failed                        transfers failed for good (after their retries)
 *   asr_alert_outbox_length                     alerts not yet delivered to every channel
 *   asr_disk_free_bytes                         free space where the recordings are kept
 *                                               (NaN when it cannot be read)
 *   asr_stream_last_delivery_timestamp_seconds{stream_id,stream}
 *                                               Unix time of a stream's last delivery (streams
 *                                               that never delivered have no sample)
 * `await registry.metrics()` is the text format; `registry.contentType` its content type.
 */
export function buildMetricsRegistry(
  port: MetricsReadPort,
  options: MetricsRegistryOptions = {},
): Registry {
  const registry = new Registry();
  const name = (n: string) => `${METRIC_PREFIX}${n}`;

  /** A gauge whose samples `read` sets on each scrape (cleared first: no stale label sets). */
  const gauge = <L extends string>(
    metric: string,
    help: string,
    labelNames: readonly L[],
    read: (g: Gauge<L>) => Promise<void>,
  ) =>
    new Gauge<L>({
      name: name(metric),
      help,
      labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          await read(this);
        } catch (error) {
          this.reset();
          // a gauge without labels always has a sample: NaN says "unknown" (no alarm on 0)
          if (labelNames.length === 0) (this as Gauge<never>).set(Number.NaN);
          options.onReadError?.(name(metric), error);
        }
      },
    });

  gauge('sessions', 'Sessions per status.', ['status'], async (g) => {
    const counts = await port.sessionsByStatus();
    for (const status of SESSION_STATUSES) g.set({ status }, counts[status] ?? 0);
  });
  gauge('recordings_running', 'Recordings capturing audio now.', [], async (g) => {
    g.set(await port.recordingsRunning());
  });
  const slots = (pick: 'used' | 'total' | 'waiting') => async (g: Gauge<never>) => {
    g.set((await port.slots())[pick]);
  };
  gauge('recording_slots_used', 'Recording slots taken now.', [], slots('used'));
  gauge(
    'recording_slots_total',
    'Recording slots in all (maxConcurrentRecordings).',
    [],
    slots('total'),
  );
  gauge(
    'recording_slots_waiting',
    'Scheduled runs waiting for a recording slot.',
    [],
    slots('waiting'),
  );
  const transfers = (pick: 'queued' | 'failed') => async (g: Gauge<never>) => {
    g.set((await port.transfers())[pick]);
  };
  gauge('transfer_queue_length', 'Transfers waiting or running.', [], transfers('queued'));
  gauge(
    'transfers_failed',
    'Recordings whose transfer failed for good (after its retries).',
    [],
    transfers('failed'),
  );
  gauge(
    'alert_outbox_length',
    'Alerts in the outbox not yet delivered to every channel.',
    [],
    async (g) => {
      g.set(await port.alertOutboxLength());
    },
  );
  gauge('disk_free_bytes', 'Free bytes where the recordings are kept.', [], async (g) => {
    g.set((await port.diskFreeBytes()) ?? Number.NaN);
  });
  gauge(
    'stream_last_delivery_timestamp_seconds',
    'Unix time of the last recording of a stream delivered to its destination.',
    ['stream_id', 'stream'],
    async (g) => {
      for (const d of await port.lastDeliveries()) {
        g.set({ stream_id: d.streamId, stream: d.streamName }, d.deliveredAt.getTime() / 1000);
      }
    },
  );

  if (options.processMetrics) collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}
