// The headless server as users run it: `node dist/server/main.js` (built here with
// scripts/build-server.mjs) in its own process, over real HTTP, recording from a real Icecast
// and delivering to a real OpenSSH server; files checked with ffprobe/ffmpeg.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../contract';
import { operationSpecs, type CalendarDto } from '../contract/operations';
import { probe } from '../src/ffmpeg/probe';
import { runToCompletion, spawnRunner } from '../src/ffmpeg/process';
import { buildServerOnce } from '../test-support/build-once';
import { freePort } from '../test-support/free-port';
import { parseICalendar } from '../test-support/icalendar-parser';
import { startIcecast, type IcecastServer } from '../test-support/icecast';
import { parsePrometheusText, sampleValue } from '../test-support/prometheus-parser';
import { spawnTracked, type TrackedChild } from '../test-support/processes';
import { serverEnv } from '../test-support/server-env';
import { startSshd, type SshdServer } from '../test-support/sshd';
import { sleep, waitForHealthy, waitUntil } from '../test-support/wait';

const repoRoot = resolve(import.meta.dirname, '../..');
const bundle = join(repoRoot, 'dist/server/main.js');
const API_KEY = 'integration-api-key-0123456789';
const PASSWORD = 'integration password';
const K = { 'x-api-key': API_KEY };

let icecast: IcecastServer;
let sshd: SshdServer;
let dir: string;
let dataDir: string;
let port: number;
let base: string;
let server: ServerProcess;
let coldStartMs: number;

interface ServerProcess {
  tracked: TrackedChild;
  output(): string;
  /** Resolves with the exit code once the process is gone. */
  exit(): Promise<number | null>;
}

function spawnServer(env: Record<string, string>): ServerProcess {
  let out = '';
  const tracked = spawnTracked(process.execPath, [bundle], {
    cwd: repoRoot,
    env: serverEnv({ TZ: 'Europe/Berlin', ...env }),
    onStdout: (chunk) => {
      out += chunk.toString('utf8');
    },
  });
  return {
    tracked,
    output: () => `${out}\n${tracked.log()}`,
    exit: async () => {
      await tracked.exited;
      return tracked.child.exitCode;
    },
  };
}

async function startServer(): Promise<{ proc: ServerProcess; ms: number }> {
  const started = Date.now();
  const proc = spawnServer({
    DATA_DIR: dataDir,
    WEB_PORT: String(port),
    API_KEY,
    ADMIN_PASSWORD: PASSWORD,
  });
  try {
    await waitForHealthy(base, () => (proc.tracked.hasExited ? proc.output() : undefined));
  } catch (error) {
    await proc.tracked.stop();
    throw error;
  }
  return { proc, ms: Date.now() - started };
}

async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = K,
): Promise<{ status: number; json: T; text: string; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, json: json as T, text, headers: res.headers };
}

/** An EventSource-like reader over node:http (sends the API key header). */
function openEvents() {
  const events: { event: string; data: unknown }[] = [];
  let raw = '';
  const req = httpRequest(`${base}/api/events`, { headers: K }, (res) => {
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      raw += text;
      buffer += text;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const event = /^event: (.+)$/m.exec(block)?.[1];
        const data = /^data: (.+)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, raw: () => raw, close: () => req.destroy() };
}

async function decodesFully(file: string): Promise<boolean> {
  const run = await runToCompletion(spawnRunner, 'ffmpeg', [
    ...['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'],
  ]);
  return run.code === 0;
}

const streamBody = (name: string, extra: object = {}) => ({
  name,
  streamUrl: icecast.url('/live.mp3'),
  artist: 'Artist',
  album: 'Album',
  albumArtist: 'Album Artist',
  ...extra,
});

beforeAll(async () => {
  buildServerOnce();
  dir = mkdtempSync(join(tmpdir(), 'asr-server-'));
  dataDir = join(dir, 'data');
  [icecast, sshd] = await Promise.all([startIcecast(), startSshd()]);
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Server FM' });
  port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const started = await startServer();
  server = started.proc;
  coldStartMs = started.ms;
  console.log(`cold start to healthy: ${coldStartMs} ms`);
});

afterAll(async () => {
  await server?.tracked.stop(30_000);
  await Promise.allSettled([icecast?.stop(), sshd?.dispose()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * PUTs `size` bytes with node:http and answers the response even when the server refused the
 * body early and closed (fetch would fail the whole request with EPIPE while still sending).
 */
function oversizedPut(
  url: string,
  size: number,
  type: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, {
      method: 'PUT',
      headers: { ...K, 'content-type': type, 'content-length': String(size) },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    // the server may close while we still write: the answer it sent first is what counts
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(
        () => reject(new Error(`no answer before the connection closed: ${error.code}`)),
        2000,
      ).unref();
    });
    req.end(Buffer.alloc(size));
  });
}

describe('security', () => {
  it('needs authentication on every /api route but health and login', async () => {
    const routes = [
      ...operationSpecs.map((s) => ({ method: s.http.method, path: s.http.path, name: s.name })),
      { method: 'GET', path: '/api/events', name: 'events' },
      { method: 'POST', path: '/api/auth/logout', name: 'auth.logout' },
      { method: 'POST', path: '/api/auth/password', name: 'auth.password' },
      { method: 'GET', path: '/api/auth/api-key', name: 'auth.apiKey' },
      { method: 'POST', path: '/api/auth/api-key/regenerate', name: 'auth.regenerate' },
      { method: 'GET', path: '/api/no-such-route', name: 'unknown' },
    ];
    for (const route of routes) {
      const path = route.path.replace(/:[a-zA-Z]+/g, 'x');
      const body = route.method === 'POST' || route.method === 'PUT' ? {} : undefined;
      const res = await api(route.method, path, body, {});
      if (route.name === 'health') {
        expect(res.status, route.name).toBe(200);
        continue;
      }
      expect(res.status, `${route.method} ${path}`).toBe(401);
      expect(res.json, route.name).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    }
    const login = await api('POST', '/api/auth/login', {}, {});
    expect(login.status).toBe(400); // public: validated, not refused
    // "who is logged in?" answers a visitor without an error (a browser logs failed requests)
    const session = await api('GET', '/api/auth/session', undefined, {});
    expect(session.status).toBe(200);
    expect(session.json).toEqual({ authenticated: false });
    const wrongKey = await api('GET', '/api/streams', undefined, { 'x-api-key': 'wrong' });
    expect(wrongKey.status).toBe(401);
  });

  it('serves GET /metrics (Prometheus text, the core’s metrics) with the API key; 401 without', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    const res = await fetch(`${base}/metrics`, { headers: K });
    expect(res.status).toBe(200);
    const families = await parsePrometheusText(await res.text());
    expect(sampleValue(families, 'asr_recording_slots_total')).toBe('3.0');
    expect(sampleValue(families, 'asr_recordings_running')).toBe('0.0');
  });

  it('browser logins: HttpOnly SameSite=Strict cookie; changes need X-CSRF-Token (403 without)', async () => {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = { cookie: setCookie.split(';')[0]! };
    expect((await api('GET', '/api/settings', undefined, cookie)).status).toBe(200);
    const session = await api<{ csrfToken: string }>('GET', '/api/auth/session', undefined, cookie);
    expect(session.json.csrfToken).toBe(csrfToken);
    const noToken = await api('PUT', '/api/settings', { retentionDays: 10 }, cookie);
    expect(noToken.status).toBe(403);
    expect(noToken.json).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const withToken = await api(
      'PUT',
      '/api/settings',
      { retentionDays: 10 },
      {
        ...cookie,
        'x-csrf-token': csrfToken,
      },
    );
    expect(withToken.status).toBe(200);
    // the API key is shown to logged-in users (Settings)
    const key = await api<{ apiKey: string }>('GET', '/api/auth/api-key', undefined, cookie);
    expect(key.json).toEqual({ apiKey: API_KEY, lockedByEnv: true });
  });

  it('artwork: 11 MB → 413, not an image → 422, wrong content type → 415; a real PNG is stored', async () => {
    const created = await api<{ id: string }>('POST', '/api/streams', streamBody('Art FM'));
    const url = `${base}/api/streams/${created.json.id}/artwork`;
    const put = (body: Uint8Array | string, type: string) =>
      fetch(url, { method: 'PUT', headers: { ...K, 'content-type': type }, body });
    const big = await oversizedPut(url, 11 * 1024 * 1024, 'image/jpeg');
    expect(big.status).toBe(413);
    expect(JSON.parse(big.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    const notImage = await put('this is not an image', 'image/png');
    expect(notImage.status).toBe(422);
    expect(await notImage.json()).toMatchObject({ error: { code: 'INVALID_IMAGE' } });
    expect((await put('{}', 'application/json')).status).toBe(415);
    expect((await put('GIF89a', 'image/gif')).status).toBe(415);

    const png = await sharp({
      create: { width: 300, height: 200, channels: 3, background: '#c33' },
    })
      .png()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'cover.png');
    const stored = await fetch(url, { method: 'PUT', headers: K, body: form });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toEqual({ artworkUrl: `/api/streams/${created.json.id}/artwork` });
    const jpeg = await fetch(url, { headers: K });
    expect(jpeg.status).toBe(200);
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(await jpeg.arrayBuffer())).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 200 }); // square
    expect((await api('DELETE', `/api/streams/${created.json.id}/artwork`)).status).toBe(204);
    expect((await api('DELETE', `/api/streams/${created.json.id}`)).status).toBe(204);
  });

  it('a stored <script> comes back as JSON data, escaped, with the CSP header', async () => {
    const name = '<script>alert("x")</script>';
    const created = await api<{ id: string; name: string }>(
      'POST',
      '/api/streams',
      streamBody(name),
    );
    expect(created.status).toBe(201);
    const res = await api<{ name: string }>('GET', `/api/streams/${created.json.id}`);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.text).not.toContain('<script>');
    expect(res.json.name).toBe(name);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect((await api('DELETE', `/api/streams/${created.json.id}`)).status).toBe(204);
  });

  it('wrong passwords cost a short growing delay (429 + Retry-After); then the right one works', async () => {
    const attempt = (password: string) => api('POST', '/api/auth/login', { password }, {});
    // wrong passwords, waiting as told, until the delay is a few seconds long
    let delay = 0;
    for (let i = 0; i < 20 && delay < 4; i++) {
      const res = await attempt('wrong password');
      if (res.status === 401) continue;
      expect(res.status).toBe(429);
      delay = Number(res.headers.get('retry-after'));
      if (delay < 4) await sleep(delay * 1000 + 50);
    }
    expect(delay).toBeGreaterThanOrEqual(4);
    // during the delay even the right password waits
    const early = await attempt(PASSWORD);
    expect(early.status).toBe(429);
    expect(early.json).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    const wait = Number(early.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(30);
    await sleep(wait * 1000 + 100);
    expect((await attempt(PASSWORD)).status).toBe(200);
    // the right API key was never refused meanwhile
    expect((await api('GET', '/api/settings')).status).toBe(200);
  });

  it('answers only to the loopback names while listening on 127.0.0.1 (DNS rebinding): 421', async () => {
    const withHost = (host: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(`${base}/api/health`, { headers: { host } }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
    expect((await withHost(`localhost:${port}`)).status).toBe(200);
    expect((await withHost('[::1]')).status).toBe(200);
    const foreign = await withHost(`attacker.example:${port}`);
    expect(foreign.status).toBe(421);
    expect(JSON.parse(foreign.body)).toMatchObject({ error: { code: 'MISDIRECTED_REQUEST' } });
  });

  it('answers every error in the contract`s body, with Cache-Control: no-store on /api', async () => {
    const longId = await api('GET', `/api/streams/${'x'.repeat(101)}`);
    expect(longId.status).toBe(400);
    expect(longId.json).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'id' } });
    expect(longId.headers.get('cache-control')).toBe('no-store');
    const badUrl = await api('GET', '/api/streams/%zz');
    expect(badUrl.status).toBe(400);
    expect(badUrl.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const ok = await api('GET', '/api/settings');
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });
});

let streamId: string;

describe('every route answers the contract shape', () => {
  it('destinations, streams, schedules, cron, sessions, settings, backup, system, logs', async () => {
    const dest = await api<Record<string, unknown>>('POST', '/api/destinations', {
      name: 'Test SFTP',
      host: sshd.host,
      port: sshd.port,
      username: sshd.username,
      remoteDir: sshd.remoteRoot,
      privateKey: sshd.privateKey,
      hostKeyFingerprint: sshd.hostKeyFingerprint,
    });
    expect(dest.status).toBe(201);
    expect(dest.json).toMatchObject({ hasPrivateKey: true, hasPassphrase: false, port: sshd.port });
    expect(dest.text).not.toMatch(/PRIVATE KEY|privateKey"/);
    const destId = dest.json.id as string;
    const tested = await api<{ ok: boolean }>('POST', `/api/destinations/${destId}/test`);
    expect(tested.json).toMatchObject({ ok: true });
    expect((await api('GET', '/api/destinations')).json).toMatchObject({ total: 1 });

    const stream = await api<{ id: string; artworkUrl: null; createdAt: string }>(
      'POST',
      '/api/streams',
      streamBody('Server FM', { destinationId: destId }),
    );
    expect(stream.status).toBe(201);
    expect(stream.json).toMatchObject({ artworkUrl: null, destinationId: destId });
    streamId = stream.json.id;
    const updated = await api('PUT', `/api/streams/${streamId}`, {
      ...streamBody('Server FM', { destinationId: destId }),
      genre: 'Test',
    });
    expect(updated.json).toMatchObject({ genre: 'Test' });
    expect((await api('GET', `/api/streams/${streamId}`)).json).toMatchObject({ genre: 'Test' });
    const list = await api<{ items: unknown[]; total: number }>('GET', '/api/streams');
    expect(list.json.total).toBe(list.json.items.length);
    const probed = await api('POST', '/api/streams/probe', { streamUrl: icecast.url('/live.mp3') });
    expect(probed.json).toMatchObject({ ok: true, codec: 'mp3', name: 'Server FM' });

    const schedule = await api<{ id: string; nextRunTime: string }>('POST', '/api/schedules', {
      streamId,
      cronExpression: '0 6 * * 1-5',
      durationMinutes: 60,
    });
    expect(schedule.status).toBe(201);
    expect(schedule.json.nextRunTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    // the calendar of upcoming runs, as JSON and as iCalendar read by a parser that is not ours
    const calendar = await api<CalendarDto>('GET', '/api/calendar?days=7');
    expect(calendar.json.items.length).toBeGreaterThanOrEqual(4);
    expect(calendar.json.items[0]).toMatchObject({ scheduleId: schedule.json.id, streamId });
    const ics = await fetch(`${base}/api/calendar.ics?days=7`, {
      headers: { 'x-api-key': API_KEY },
    });
    expect(ics.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const parsed = await parseICalendar(await ics.text());
    expect(parsed.version).toBe('2.0');
    expect(parsed.events.map((e) => Date.parse(e.start))).toEqual(
      calendar.json.items.map((r) => Date.parse(r.start)),
    );
    expect(parsed.events[0]!.summary).toBe(`Recording: ${calendar.json.items[0]!.title}`);
    expect((await fetch(`${base}/api/calendar.ics`)).status).toBe(401);

    const paused = await api('PUT', `/api/schedules/${schedule.json.id}`, { isActive: false });
    expect(paused.json).toMatchObject({ isActive: false, nextRunTime: null });
    expect((await api<CalendarDto>('GET', '/api/calendar')).json.items).toEqual([]);
    expect((await api('GET', '/api/schedules')).json).toMatchObject({ total: 1 });
    expect((await api('GET', `/api/schedules/${schedule.json.id}`)).status).toBe(200);

    const preview = await api<{ nextRuns: string[] }>(
      'GET',
      '/api/cron/preview?expression=0%206%20*%20*%20*&timezone=Europe/Berlin&count=3',
    );
    expect(preview.json.nextRuns).toHaveLength(3);
    const badCron = await api('GET', '/api/cron/preview?expression=99%20*%20*%20*%20*');
    expect(badCron.status).toBe(400);
    expect(badCron.json).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });

    expect((await api('GET', '/api/sessions?limit=5')).json).toMatchObject({
      items: [],
      total: 0,
    });
    const settings = await api('PUT', '/api/settings', { cleanupAfterTransfer: false });
    expect(settings.json).toMatchObject({
      cleanupAfterTransfer: false,
      lockedByEnv: ['minFreeDiskMb', 'logLevel'],
    });
    expect((await api('GET', '/api/settings')).json).toMatchObject({ cleanupAfterTransfer: false });

    const backup = await api<Record<string, unknown[]>>('GET', '/api/backup');
    expect(backup.json.streams).toHaveLength(1);
    const restored = await api('POST', '/api/restore', backup.json);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ destinations: 1, streams: 1, schedules: 1 });

    expect((await api('DELETE', `/api/schedules/${schedule.json.id}`)).status).toBe(204);
    const system = await api('GET', '/api/system');
    expect(system.json).toMatchObject({
      version: expect.any(String),
      ffmpeg: { version: expect.any(String) },
      disk: { freeBytes: expect.any(Number) },
      memory: { rssBytes: expect.any(Number) },
      activeRecordings: 0,
    });
    const logs = await api<{ items: { message: string }[] }>('GET', '/api/logs?limit=500');
    expect(logs.json.items.some((e) => e.message.includes('Server FM'))).toBe(true);
  });
});

describe('recording through the server', () => {
  it('announces the session over SSE while it records, processes and is delivered; audio with Range', async () => {
    const sse = openEvents();
    try {
      await waitUntil('event stream open', () => sse.raw().includes(': connected'));
      const started = await api<SessionDto>('POST', `/api/streams/${streamId}/record`, {
        durationSeconds: 6,
      });
      expect(started.status).toBe(202);
      const id = started.json.id;
      const mine = () =>
        sse.events
          .filter((e) => e.event === 'session' && (e.data as SessionDto).id === id)
          .map((e) => e.data as SessionDto);
      const done = await waitUntil(
        'delivered',
        () => mine().find((s) => s.transferStatus === 'COMPLETED' || s.transferStatus === 'FAILED'),
        { timeoutMs: 45_000 },
      );
      expect(done).toMatchObject({ status: 'COMPLETED', transferStatus: 'COMPLETED' });
      const statuses = mine()
        .map((s) => s.status)
        .filter((s, i, all) => s !== all[i - 1]);
      expect(statuses).toEqual(expect.arrayContaining(['RECORDING', 'PROCESSING', 'COMPLETED']));
      expect(statuses.indexOf('RECORDING')).toBeLessThan(statuses.indexOf('PROCESSING'));
      expect(statuses.indexOf('PROCESSING')).toBeLessThan(statuses.indexOf('COMPLETED'));
      const progress = sse.events.filter(
        (e) =>
          e.event === 'transfer-progress' && (e.data as { sessionId: string }).sessionId === id,
      );
      expect(progress.length).toBeGreaterThan(0);
      const last = progress.at(-1)!.data as { bytes: number; totalBytes: number };
      expect(last.bytes).toBe(last.totalBytes);
      expect(sse.events.some((e) => e.event === 'log')).toBe(true);

      // the local file is kept (cleanup off): stream it with a Range
      const range = await fetch(`${base}/api/sessions/${id}/audio`, {
        headers: { ...K, range: 'bytes=0-99' },
      });
      expect(range.status).toBe(206);
      expect(range.headers.get('content-range')).toBe(`bytes 0-99/${done.fileSizeBytes}`);
      expect(range.headers.get('accept-ranges')).toBe('bytes');
      expect((await range.arrayBuffer()).byteLength).toBe(100);

      const delivered = sshd.localPathOf(done.remotePath!);
      expect(statSync(delivered).size).toBe(done.fileSizeBytes);
      const info = await probe(spawnRunner, 'ffprobe', delivered);
      expect(Number(info.format.duration)).toBeGreaterThan(5.5);
      expect(info.format.tags?.title).toMatch(/^\d{4}-\d\d-\d\d Server FM$/);
    } finally {
      sse.close();
    }
  });
});

describe('process lifecycle', () => {
  it('SIGTERM during a recording: exits within 30 s; the recording is delivered, not corrupt', async () => {
    const started = await api<SessionDto>('POST', `/api/streams/${streamId}/record`, {
      durationSeconds: 60,
    });
    const id = started.json.id;
    // 3 s of audio, however long connecting took on a busy machine
    await waitUntil(
      'audio',
      async () =>
        (
          await api<{ items: { message: string }[] }>('GET', `/api/logs?sessionId=${id}&limit=100`)
        ).json.items.some((l) => /Audio is arriving/.test(l.message)),
      { timeoutMs: 30_000 },
    );
    await sleep(3000);
    const t0 = Date.now();
    server.tracked.child.kill('SIGTERM');
    const code = await server.exit();
    const stopMs = Date.now() - t0;
    console.log(`SIGTERM to exit: ${stopMs} ms (code ${code})`);
    expect(stopMs).toBeLessThan(30_000);
    expect(code).toBe(0);
    expect(server.output()).toMatch(/SIGTERM: stopping/);

    // the next start delivers what was captured (the transfer queue survives restarts)
    server = (await startServer()).proc;
    const done = await waitUntil(
      'delivered after restart',
      async () => {
        const s = (await api<SessionDto>('GET', `/api/sessions/${id}`)).json;
        return ['COMPLETED', 'FAILED'].includes(s.transferStatus) ? s : undefined;
      },
      { timeoutMs: 45_000 },
    );
    expect(done).toMatchObject({ status: 'COMPLETED', transferStatus: 'COMPLETED' });
    expect(done.durationSeconds).toBeGreaterThan(2);
    expect(done.durationSeconds).toBeLessThan(30);
    const delivered = sshd.localPathOf(done.remotePath!);
    expect(await decodesFully(delivered)).toBe(true);
  });

  it('refuses an API_KEY shorter than 16 characters: exit code 1, a clear message', async () => {
    const otherData = join(dir, 'short-key');
    const proc = spawnServer({
      DATA_DIR: otherData,
      WEB_PORT: String(await freePort()),
      API_KEY: 'short-key',
    });
    expect(await proc.exit()).toBe(1);
    expect(proc.output()).toContain(
      'Audio Stream Recorder cannot start: API_KEY must be at least 16 characters long (it has 9)',
    );
    expect(existsSync(join(otherData, 'recorder.sqlite'))).toBe(false);
  });

  it('refuses to start a second instance on a port in use: exit code 1, a clear message', async () => {
    const otherData = join(dir, 'second');
    const second = spawnServer({ DATA_DIR: otherData, WEB_PORT: String(port), API_KEY });
    expect(await second.exit()).toBe(1);
    expect(second.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    // it stopped before touching a data folder, and the first instance still answers
    expect(existsSync(join(otherData, 'recorder.sqlite'))).toBe(false);
    expect((await fetch(`${base}/api/health`)).ok).toBe(true);
  });
});
