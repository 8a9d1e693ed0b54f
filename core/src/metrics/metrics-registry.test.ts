import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { MetricsReadPort, StreamDelivery } from './metrics-port';
import { buildMetricsRegistry } from './metrics-registry';

/** A port whose answers the test changes between scrapes. */
function fakePort() {
  const state = {
    sessions: { COMPLETED: 3, FAILED: 1 } as Partial<Record<string, number>>,
    running: 1,
    slots: { used: 1, total: 2, waiting: 0 },
    transfers: { queued: 2, failed: 1 },
    outbox: 0,
    disk: 123_456_789_012 as number | undefined,
    deliveries: [
      {
        streamId: 's1',
        streamName: 'Morning "Show"',
        deliveredAt: new Date('2026-12-01T10:00:00Z'),
      },
    ] as StreamDelivery[],
    reads: 0,
  };
  const port: MetricsReadPort = {
    sessionsByStatus: () => (state.reads++, state.sessions),
    recordingsRunning: () => state.running,
    slots: () => state.slots,
    transfers: async () => state.transfers,
    alertOutboxLength: async () => state.outbox,
    diskFreeBytes: () => state.disk,
    lastDeliveries: () => state.deliveries,
  };
  return { state, port };
}

/** The sample lines (no comments, no blank lines). */
async function samples(registry: { metrics(): Promise<string> }): Promise<string[]> {
  return (await registry.metrics()).split('\n').filter((l) => l && !l.startsWith('#'));
}

describe('buildMetricsRegistry', () => {
  it('answers every gauge from the port at scrape time', async () => {
    const { port } = fakePort();
    const registry = buildMetricsRegistry(port);
    expect(await samples(registry)).toEqual([
      'asr_sessions{status="SCHEDULED"} 0',
      'asr_sessions{status="RECORDING"} 0',
      'asr_sessions{status="PROCESSING"} 0',
      'asr_sessions{status="COMPLETED"} 3',
      'asr_sessions{status="FAILED"} 1',
      'asr_recordings_running 1',
      'asr_recording_slots_used 1',
      'asr_recording_slots_total 2',
      'asr_recording_slots_waiting 0',
      'asr_transfer_queue_length 2',
      'asr_transfers_failed 1',
      'asr_alert_outbox_length 0',
      'asr_disk_free_bytes 123456789012',
      'asr_stream_last_delivery_timestamp_seconds{stream_id="s1",stream="Morning \\"Show\\""} 1796119200',
    ]);
    const text = await registry.metrics();
    expect(text).toContain('# TYPE asr_sessions gauge');
    expect(text).toContain('# HELP asr_disk_free_bytes Free bytes where the recordings are kept.');
    expect(registry.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('moves with the port, and drops label sets that are gone', async () => {
    const { state, port } = fakePort();
    const registry = buildMetricsRegistry(port);
    await registry.metrics();
    state.sessions = { COMPLETED: 4 };
    state.running = 0;
    state.slots = { used: 0, total: 3, waiting: 0 };
    state.deliveries = [
      { streamId: 's2', streamName: 'Evening', deliveredAt: new Date(1_800_000_000_500) },
    ];
    state.disk = undefined;
    const lines = await samples(registry);
    expect(lines).toContain('asr_sessions{status="COMPLETED"} 4');
    expect(lines).toContain('asr_sessions{status="FAILED"} 0');
    expect(lines).toContain('asr_recordings_running 0');
    expect(lines).toContain('asr_recording_slots_total 3');
    expect(lines.filter((l) => l.startsWith('asr_stream_last_delivery'))).toEqual([
      'asr_stream_last_delivery_timestamp_seconds{stream_id="s2",stream="Evening"} 1800000000.5',
    ]);
    // an unreadable disk: NaN (prom-client writes "Nan", which parsers read) rather than a made-up number (0 would raise a "disk full" alarm)
    expect(lines).toContain('asr_disk_free_bytes Nan');
    expect(state.reads).toBe(2);
  });

  it('answers the other metrics when one read fails, and tells which one failed', async () => {
    const { port } = fakePort();
    const failed: string[] = [];
    let deliveriesFail = false;
    const registry = buildMetricsRegistry(
      {
        ...port,
        transfers: async () => {
          throw new Error('database is locked');
        },
        lastDeliveries: () => {
          if (deliveriesFail) throw new Error('no such table');
          return port.lastDeliveries();
        },
      },
      { onReadError: (metric, error) => failed.push(`${metric}: ${(error as Error).message}`) },
    );
    const lines = await samples(registry);
    expect(lines).toContain('asr_recordings_running 1');
    expect(lines).toContain('asr_transfer_queue_length Nan');
    expect(lines).toContain('asr_transfers_failed Nan');
    expect(failed.sort()).toEqual([
      'asr_transfer_queue_length: database is locked',
      'asr_transfers_failed: database is locked',
    ]);
    expect(lines.filter((l) => l.startsWith('asr_stream_last'))).toHaveLength(1);
    // a labelled gauge whose read fails has no sample left from the scrape before
    deliveriesFail = true;
    const after = await samples(registry);
    expect(after.some((l) => l.startsWith('asr_stream_last'))).toBe(false);
    expect(after).toContain('asr_recordings_running 1');
  });

  it("uses a registry of its own, never prom-client's global one", async () => {
    const before = await globalRegistry.metrics();
    const a = buildMetricsRegistry(fakePort().port);
    const b = buildMetricsRegistry(fakePort().port); // a second one: no duplicate-name clash
    expect(await globalRegistry.metrics()).toBe(before);
    expect(await a.metrics()).toBe(await b.metrics());
  });

  it('adds the process metrics only when asked', async () => {
    const plain = await buildMetricsRegistry(fakePort().port).metrics();
    expect(plain).not.toContain('asr_process_cpu');
    const withProcess = await buildMetricsRegistry(fakePort().port, {
      processMetrics: true,
    }).metrics();
    expect(withProcess).toMatch(/^asr_process_cpu_seconds_total \d/m);
    expect(withProcess).toMatch(/^asr_process_resident_memory_bytes \d/m);
    expect(withProcess).toContain('asr_recordings_running 1');
  });
});
