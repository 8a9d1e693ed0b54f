// GET /metrics through the real server build (fastify inject), over a metrics registry whose
// port the test changes between scrapes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../src/events/event-bus';
import type { MetricsReadPort } from '../../src/metrics/metrics-port';
import { buildMetricsRegistry } from '../../src/metrics/metrics-registry';
import { OperationTable } from '../../src/operations/operation-table';
import { memoryLogger } from '../../src/ports/logger';
import { createAuthService } from '../auth/auth-service';
import { Credentials } from '../auth/credentials';
import { LoginSessions } from '../auth/login-sessions';
import { buildServer, type ServerCore } from '../build-server';
import { authorizeScrape } from './metrics-route';

const API_KEY = 'metrics-test-api-key';
const TOKEN = 'scrape-token-0123456789';
const dirs: string[] = [];
const state = { completed: 3, running: 1 };
const port: MetricsReadPort = {
  sessionsByStatus: () => ({ COMPLETED: state.completed }),
  recordingsRunning: () => state.running,
  slots: () => ({ used: state.running, total: 2, waiting: 0 }),
  transfers: () => ({ queued: 0, failed: 0 }),
  alertOutboxLength: () => 0,
  diskFreeBytes: () => 5e9,
  lastDeliveries: () => [],
};

async function server(withMetrics: boolean): Promise<FastifyInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-metrics-route-'));
  dirs.push(dir);
  const credentials = await Credentials.load({
    configDir: dir,
    apiKey: API_KEY,
    adminPassword: 'right password',
    announce: () => undefined,
    info: () => undefined,
  });
  const sessions = await LoginSessions.open({ load: async () => [], save: async () => undefined });
  const core = {
    operations: new OperationTable<unknown>([]),
    context: { version: 't' },
    events: createEventBus(),
    logger: memoryLogger(),
    settings: { configDir: dir, host: '127.0.0.1', trustProxy: [], allowedHosts: [] },
  } as unknown as ServerCore;
  const app = await buildServer(core, {
    rendererDir: join(dir, 'no-ui'),
    auth: createAuthService({ credentials, sessions, secureCookies: false }),
    ...(withMetrics ? { metrics: { registry: buildMetricsRegistry(port), token: TOKEN } } : {}),
  });
  await app.ready();
  return app;
}

let app: FastifyInstance;
let plain: FastifyInstance;

beforeAll(async () => {
  [app, plain] = await Promise.all([server(true), server(false)]);
});

afterAll(async () => {
  await Promise.all([app?.close(), plain?.close()]);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('authorizeScrape', () => {
  const deps = { checkApiKey: (k: string) => k === API_KEY, token: TOKEN };

  it('takes the API key (header or bearer) and METRICS_TOKEN (bearer)', () => {
    expect(authorizeScrape({ apiKey: API_KEY }, deps)).toEqual({ ok: true, via: 'apiKey' });
    expect(authorizeScrape({ authorization: `Bearer ${TOKEN}` }, deps)).toEqual({
      ok: true,
      via: 'metricsToken',
    });
    expect(authorizeScrape({ authorization: `bearer  ${API_KEY}` }, deps)).toEqual({
      ok: true,
      via: 'apiKey',
    });
  });

  it('refuses wrong credentials (counted) and missing ones (not counted)', () => {
    const refused = (input: Parameters<typeof authorizeScrape>[0], d = deps) => {
      const r = authorizeScrape(input, d);
      if (r.ok) throw new Error('expected a refusal');
      expect(r.error.code).toBe('UNAUTHORIZED');
      return r;
    };
    expect(refused({ apiKey: TOKEN }).wrongCredential).toBe(true); // the token is no API key
    expect(refused({ authorization: 'Bearer nope' }).wrongCredential).toBe(true);
    expect(refused({ authorization: `Basic ${TOKEN}` }).wrongCredential).toBe(true);
    // a wrong X-Api-Key is not rescued by a right bearer token
    expect(refused({ apiKey: 'x', authorization: `Bearer ${TOKEN}` }).wrongCredential).toBe(true);
    expect(refused({}).wrongCredential).toBe(false);
    // without METRICS_TOKEN (or a blank one) only the API key passes
    const noToken = { checkApiKey: deps.checkApiKey, token: '  ' };
    expect(refused({ authorization: 'Bearer  ' }, noToken).wrongCredential).toBe(true);
    expect(refused({ authorization: `Bearer ${TOKEN}` }, noToken).wrongCredential).toBe(true);
  });
});

describe('GET /metrics', () => {
  it('answers the Prometheus text to the API key and to METRICS_TOKEN, moving with the engine', async () => {
    const byKey = await app.inject({ url: '/metrics', headers: { 'x-api-key': API_KEY } });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(byKey.headers['cache-control']).toBe('no-store');
    expect(byKey.body).toContain('asr_sessions{status="COMPLETED"} 3\n');
    expect(byKey.body).toContain('asr_recordings_running 1\n');

    state.completed = 4;
    state.running = 0;
    const byToken = await app.inject({
      url: '/metrics',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(byToken.statusCode).toBe(200);
    expect(byToken.body).toContain('asr_sessions{status="COMPLETED"} 4\n');
    expect(byToken.body).toContain('asr_recordings_running 0\n');
  });

  it('answers 401 in the contract error shape without credentials or with wrong ones', async () => {
    const none = await app.inject({ url: '/metrics' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    expect(none.body).not.toContain('asr_');
    const wrong = await app.inject({
      url: '/metrics',
      headers: { authorization: 'Bearer wrong' },
      remoteAddress: '10.0.0.7',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      error: { code: 'UNAUTHORIZED', message: expect.stringMatching(/METRICS_TOKEN/) },
    });
  });

  it('slows down a client guessing tokens: 429 with Retry-After', async () => {
    const guess = () =>
      app.inject({
        url: '/metrics',
        headers: { authorization: 'Bearer guess' },
        remoteAddress: '10.0.0.8',
      });
    let answer = await guess();
    for (let i = 0; i < 10 && answer.statusCode !== 429; i++) answer = await guess();
    expect(answer.statusCode).toBe(429);
    expect(answer.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('is not served when the server has no metrics', async () => {
    const res = await plain.inject({ url: '/metrics', headers: { 'x-api-key': API_KEY } });
    expect(res.body).not.toContain('asr_');
    expect(res.headers['content-type']).not.toContain('version=0.0.4');
  });
});
