// The metrics text read by an independent parser: the official Prometheus Python client's
// (Debian's python3-prometheus-client, installed by `npm run test:setup`).
import { describe, expect, it } from 'vitest';
import { parsePrometheusText as parse } from '../../test-support/prometheus-parser';
import type { MetricsReadPort } from './metrics-port';
import { buildMetricsRegistry } from './metrics-registry';

const port: MetricsReadPort = {
  sessionsByStatus: () => ({ COMPLETED: 12, FAILED: 2, RECORDING: 1 }),
  recordingsRunning: () => 1,
  slots: () => ({ used: 1, total: 4, waiting: 0 }),
  transfers: async () => ({ queued: 3, failed: 2 }),
  alertOutboxLength: async () => 5,
  diskFreeBytes: () => undefined,
  lastDeliveries: () => [
    {
      streamId: 'b5f3',
      streamName: 'Morning "Show" \\ Früh\nzwei',
      deliveredAt: new Date('2026-12-01T05:00:00.250Z'),
    },
    { streamId: 'c7a1', streamName: 'Evening', deliveredAt: new Date('2026-11-30T18:00:00Z') },
  ],
};

describe('metrics text, read by the Prometheus Python client parser', () => {
  it('parses, with every family a gauge and the values and labels as given', async () => {
    const families = await parse(await buildMetricsRegistry(port).metrics());
    const byName = new Map(families.map((f) => [f.name, f]));
    expect([...byName.keys()]).toEqual([
      'asr_sessions',
      'asr_recordings_running',
      'asr_recording_slots_used',
      'asr_recording_slots_total',
      'asr_recording_slots_waiting',
      'asr_transfer_queue_length',
      'asr_transfers_failed',
      'asr_alert_outbox_length',
      'asr_disk_free_bytes',
      'asr_stream_last_delivery_timestamp_seconds',
    ]);
    expect(families.every((f) => f.type === 'gauge' && f.help.length > 0)).toBe(true);
    const value = (name: string, labels: Record<string, string> = {}) =>
      byName.get(name)?.samples.find((s) => JSON.stringify(s.labels) === JSON.stringify(labels))
        ?.value;
    expect(value('asr_sessions', { status: 'COMPLETED' })).toBe('12.0');
    expect(value('asr_sessions', { status: 'SCHEDULED' })).toBe('0.0');
    expect(value('asr_recording_slots_total')).toBe('4.0');
    expect(value('asr_transfer_queue_length')).toBe('3.0');
    expect(value('asr_transfers_failed')).toBe('2.0');
    expect(value('asr_alert_outbox_length')).toBe('5.0');
    expect(value('asr_disk_free_bytes')).toBe('nan');
    // label values with quotes, a backslash, a newline and non-ASCII come back as they were
    expect(
      value('asr_stream_last_delivery_timestamp_seconds', {
        stream_id: 'b5f3',
        stream: 'Morning "Show" \\ Früh\nzwei',
      }),
    ).toBe(String(Date.parse('2026-12-01T05:00:00.250Z') / 1000));
    expect(byName.get('asr_stream_last_delivery_timestamp_seconds')!.samples).toHaveLength(2);
  });

  it('parses with the process metrics too', async () => {
    const text = await buildMetricsRegistry(port, { processMetrics: true }).metrics();
    const families = await parse(text);
    const names = families.map((f) => f.name);
    expect(names).toContain('asr_process_cpu_seconds');
    expect(names).toContain('asr_nodejs_eventloop_lag_seconds');
    expect(names).toContain('asr_recordings_running');
  });
});
