// Alerts through the built server as users run it: a webhook channel created over HTTP, a
// recording that fails (its stream URL answers 404) and the real webhook receiver gets
// `recording.failed`, signed with the channel's secret, linking to the session (PUBLIC_URL).
import type { Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertPayload, NotificationChannelDto } from '../contract/alerts';
import type { SessionDto } from '../contract';
import { WebhookReceiver } from '../test-support/alert-receivers';
import { apiFetch } from '../test-support/api-fetch';
import { buildServerOnce } from '../test-support/build-once';
import { startBuiltServer } from '../test-support/built-server';
import type { TrackedChild } from '../test-support/processes';
import { serveDirectory } from '../test-support/static-server';
import { waitUntil } from '../test-support/wait';

const API_KEY = 'alerts-test-api-key-0123456789abcdef';
const SECRET = 'webhook-secret-for-the-alerts-test';
const PUBLIC_URL = 'https://recorder.example.org';

let root: string;
let base: string;
let server: TrackedChild;
let receiver: WebhookReceiver;
let missing: { server: Server; port: number };

async function api<T = unknown>(method: string, path: string, body?: unknown) {
  const { status, text } = await apiFetch(base, API_KEY, method, path, body);
  return { status, json: (text ? JSON.parse(text) : undefined) as T };
}

beforeAll(async () => {
  buildServerOnce();
  root = mkdtempSync(join(tmpdir(), 'asr-alerts-'));
  // an empty folder served over HTTP: every stream URL on it answers 404
  mkdirSync(join(root, 'empty'));
  missing = await serveDirectory(join(root, 'empty'));
  receiver = await WebhookReceiver.start(SECRET);
  ({ base, process: server } = await startBuiltServer({
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    TZ: 'UTC',
    MIN_FREE_DISK_MB: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'data'),
    API_KEY,
    ADMIN_PASSWORD: 'alerts test password',
    PUBLIC_URL,
  }));
});

afterAll(async () => {
  await server?.stop(30_000);
  await receiver?.stop();
  await new Promise((r) => (missing ? missing.server.close(r) : r(undefined)));
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('alerts through the server', () => {
  it('a failed recording reaches a webhook channel created over HTTP, signed with its secret', async () => {
    const channel = await api<NotificationChannelDto>('POST', '/api/notification-channels', {
      name: 'Ops hook',
      kind: 'webhook',
      url: receiver.url,
      secret: SECRET,
      events: ['recording.failed'],
    });
    expect(channel.status).toBe(201);
    expect(channel.json).toMatchObject({ kind: 'webhook', hasSecret: true });
    expect(JSON.stringify(channel.json)).not.toContain(SECRET);
    const bad = await api<{ error: { code: string; field: string } }>(
      'POST',
      '/api/notification-channels',
      { name: 'Bad', kind: 'webhook', url: receiver.url, secret: 'short' },
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'secret' });

    // the Test button: the receiver takes it (its answer is shown), the signature is right
    expect((await api('POST', `/api/notification-channels/${channel.json.id}/test`)).json).toEqual({
      ok: true,
      answer: 'HTTP 204',
    });
    expect(receiver.verified).toHaveLength(1);

    const stream = await api<{ id: string }>('POST', '/api/streams', {
      name: 'Gone FM',
      streamUrl: `http://127.0.0.1:${missing.port}/live.mp3`,
      artist: 'Artist',
      album: 'Album',
      albumArtist: 'Album Artist',
    });
    expect(stream.status).toBe(201);
    const run = await api<SessionDto>('POST', `/api/streams/${stream.json.id}/record`, {
      durationSeconds: 5,
    });
    expect(run.status).toBe(202);
    const alert = await waitUntil(
      'the recording.failed alert',
      async () =>
        receiver.received.find(
          (r) => (r.json as AlertPayload | undefined)?.event === 'recording.failed',
        ),
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    const session = (await api<SessionDto>('GET', `/api/sessions/${run.json.id}`)).json;
    expect(session.status).toBe('FAILED');
    expect(alert.signatureValid).toBe(true);
    expect(alert.headers['content-type']).toMatch(/^application\/json/);
    const payload = alert.json as AlertPayload;
    expect(payload).toMatchObject({
      event: 'recording.failed',
      stream: { id: stream.json.id, name: 'Gone FM' },
      session: { id: run.json.id, status: 'FAILED' },
      url: `${PUBLIC_URL}/recordings?session=${run.json.id}`,
    });
    expect(payload.message).toMatch(/failed: /);
    expect(JSON.stringify(payload)).not.toContain(SECRET);
    // once: a later change of the session (none here) or another look sends no second one
    await new Promise((r) => setTimeout(r, 1000));
    expect(
      receiver.received.filter(
        (r) => (r.json as AlertPayload | undefined)?.event === 'recording.failed',
      ),
    ).toHaveLength(1);
  });
});
