// GET /metrics of the real server over the real core (createCore + buildServer with the endpoint
// main.ts passes, over HTTP on loopback), read by the Prometheus Python client's parser, while
// two real recordings from a real Icecast run: one delivered to the real OpenSSH server, one to a
// destination that refuses its key (its transfer fails for good, and its alert waits in the
// outbox for a receiver that is down). The counters move with them.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import { detectCapabilities } from '../src/ffmpeg/capabilities';
import { spawnRunner } from '../src/ffmpeg/process';
import { freePort } from '../test-support/free-port';
import { startIcecast, type IcecastServer } from '../test-support/icecast';
import {
  parsePrometheusText,
  sampleValue,
  type MetricFamily,
} from '../test-support/prometheus-parser';
import { generateClientKey, startSshd, type SshdServer } from '../test-support/sshd';
import { tempDirForFile } from '../test-support/temp-dir';
import { waitUntil } from '../test-support/wait';
import { buildServer } from './build-server';
import { coreMetricsEndpoint } from './startup/metrics-endpoint';

const API_KEY = 'metrics-integration-key-0123456789';
const METRICS_TOKEN = 'scrape-token-abcdef0123456789';
const K = { 'x-api-key': API_KEY };

let icecast: IcecastServer;
let sshd: SshdServer;
let core: Core;
let app: FastifyInstance;
let dir: string;
let base: string;

tempDirForFile('asr-metrics-', (made) => (dir = made));

beforeAll(async () => {
  [icecast, sshd] = await Promise.all([startIcecast(), startSshd()]);
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Metrics FM' });
  const settings = loadSettings({
    DATA_DIR: join(dir, 'data'),
    TZ: 'Europe/Berlin',
    API_KEY,
    ADMIN_PASSWORD: 'metrics test password',
    METRICS_TOKEN,
  });
  core = await createCore(settings, {
    env: { MIN_FREE_DISK_MB: '0' },
    retryDelayMs: () => 200, // the refused transfer fails for good within seconds
  });
  await detectCapabilities(spawnRunner, core.context.ffmpeg.ffmpeg);
  app = await buildServer(core, {
    rendererDir: join(dir, 'no-ui'),
    metrics: coreMetricsEndpoint(core),
  });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await core?.stop();
  await Promise.all([icecast?.stop(), sshd?.dispose()]);
});

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? K : { ...K, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** GET /metrics with a scraper's bearer token, parsed by prometheus_client. */
async function scrape(): Promise<MetricFamily[]> {
  const res = await fetch(`${base}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return parsePrometheusText(await res.text());
}

const num = (families: MetricFamily[], name: string, labels: Record<string, string> = {}) => {
  const value = sampleValue(families, name, labels);
  return value === undefined ? undefined : Number(value);
};

/** Scrapes until the metric `name` (no labels) reads `value` (30 s at most); answers that scrape. */
function scrapeWhen(what: string, name: string, value: number): Promise<MetricFamily[]> {
  return waitUntil(
    what,
    async () => {
      const m = await scrape();
      return num(m, name) === value ? m : undefined;
    },
    { timeoutMs: 30_000, intervalMs: 250 },
  );
}

describe('GET /metrics of the running server', () => {
  it('answers the API key or METRICS_TOKEN, and 401 to anything else', async () => {
    const status = async (headers: Record<string, string>) =>
      (await fetch(`${base}/metrics`, { headers })).status;
    expect(await status({})).toBe(401);
    expect(await status({ authorization: 'Bearer not-the-token-0123456789' })).toBe(401);
    expect(await status({ 'x-api-key': 'wrong-api-key-0123456789' })).toBe(401);
    expect(await status(K)).toBe(200);
    expect(await status({ authorization: `Bearer ${API_KEY}` })).toBe(200);
    const res = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    // the token reads /metrics only
    expect(
      (
        await fetch(`${base}/api/sessions`, {
          headers: { authorization: `Bearer ${METRICS_TOKEN}` },
        })
      ).status,
    ).toBe(401);
  });

  it('the counters move with two real recordings, a delivery and a failed transfer', async () => {
    const before = await scrape();
    expect(num(before, 'asr_sessions', { status: 'COMPLETED' })).toBe(0);
    expect(num(before, 'asr_recordings_running')).toBe(0);
    expect(num(before, 'asr_recording_slots_used')).toBe(0);
    expect(num(before, 'asr_recording_slots_total')).toBe(3);
    expect(num(before, 'asr_transfers_failed')).toBe(0);
    expect(num(before, 'asr_alert_outbox_length')).toBe(0);
    expect(num(before, 'asr_disk_free_bytes')).toBeGreaterThan(0);
    expect(before.find((f) => f.name === 'asr_process_resident_memory_bytes')).toBeDefined();

    const good = await api<{ id: string }>('POST', '/api/destinations', {
      name: 'Archive',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      remoteDir: join(sshd.remoteRoot, 'metrics'),
      privateKey: sshd.privateKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
    });
    const stranger = await generateClientKey(dir, 'stranger');
    const refused = await api<{ id: string }>('POST', '/api/destinations', {
      name: 'Refuses the key',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      remoteDir: join(sshd.remoteRoot, 'metrics'),
      privateKey: stranger.privateKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
    });
    // the alert of the failed transfer waits for a receiver that is down
    await api('POST', '/api/notification-channels', {
      name: 'Down',
      kind: 'webhook',
      url: `http://127.0.0.1:${await freePort()}/hook`,
      secret: 'whsec-metrics-0123456789',
      events: ['transfer.failed'],
    });
    const stream = (name: string, destinationId: string) =>
      api<{ id: string }>('POST', '/api/streams', {
        name,
        streamUrl: icecast.url('/live.mp3'),
        artist: 'Radio X',
        album: 'Shows',
        albumArtist: 'Radio X',
        destinationId,
      });
    const delivered = await stream('Morning "Show"', good.id);
    const failing = await stream('Evening', refused.id);
    const startedAt = Date.now();
    const sessions = await Promise.all(
      [delivered, failing].map((s) =>
        api<SessionDto>('POST', `/api/streams/${s.id}/record`, { durationSeconds: 8 }),
      ),
    );

    const during = await scrapeWhen(
      'both recordings counted as running',
      'asr_recordings_running',
      2,
    );
    expect(num(during, 'asr_recording_slots_used')).toBe(2);
    expect(num(during, 'asr_sessions', { status: 'RECORDING' })).toBe(2);

    const finished = await waitUntil(
      'one delivered, one transfer failed for good',
      async () => {
        const [a, b] = await Promise.all(
          sessions.map((s) => api<SessionDto>('GET', `/api/sessions/${s.id}`)),
        );
        return a!.transferStatus === 'COMPLETED' && b!.transferStatus === 'FAILED'
          ? [a!, b!]
          : undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500 },
    );
    expect(finished.map((s) => s.status)).toEqual(['COMPLETED', 'COMPLETED']);
    const after = await scrapeWhen(
      'the failed transfer’s alert in the outbox',
      'asr_alert_outbox_length',
      1,
    );
    expect(num(after, 'asr_sessions', { status: 'COMPLETED' })).toBe(2);
    expect(num(after, 'asr_sessions', { status: 'RECORDING' })).toBe(0);
    expect(num(after, 'asr_recordings_running')).toBe(0);
    expect(num(after, 'asr_recording_slots_used')).toBe(0);
    expect(num(after, 'asr_transfer_queue_length')).toBe(0);
    expect(num(after, 'asr_transfers_failed')).toBe(1);
    const deliveredAt = num(after, 'asr_stream_last_delivery_timestamp_seconds', {
      stream_id: delivered.id,
      stream: 'Morning "Show"',
    });
    expect(deliveredAt).toBeGreaterThan(startedAt / 1000);
    expect(deliveredAt).toBeLessThanOrEqual(Date.now() / 1000);
    // the stream whose transfer failed has no delivery sample
    const deliveries = after.find((f) => f.name === 'asr_stream_last_delivery_timestamp_seconds');
    expect(deliveries?.samples.map((s) => s.labels.stream_id)).toEqual([delivered.id]);
  }, 240_000);
});
