// The HTTP host over a small fake operation table (fastify inject and one real socket for SSE):
// route generation, input merging, statuses, file streaming with Range, raw and multipart bodies,
// error shapes, auth, CSRF, login rate limit and security headers. The real engine behind a real
// server process is covered by server.integration.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../contract';
import { noAnswer, operationAt, type OperationSpec, type Route } from '../contract/operation';
import { fileAnswer } from '../contract/operations/common';
import { createEventBus } from '../src/events/event-bus';
import { implement, OperationTable } from '../src/operations/operation-table';
import { memoryLogger } from '../src/ports/logger';
import { createAuthService } from './auth/auth-service';
import { Credentials } from './auth/credentials';
import { LoginSessions, type LoginSession } from './auth/login-sessions';
import { buildServer, type ServerCore } from './build-server';

const dir = mkdtempSync(join(tmpdir(), 'asr-server-unit-'));
const audio = join(dir, 'show.mp3');
writeFileSync(audio, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
const KEY = { 'x-api-key': 'test-key' };
const received: unknown[] = [];

/** A fake operation of the table at `route` (no summary). */
function op<const Name extends string, Input extends z.ZodType, Output extends z.ZodType>(
  route: Route,
  name: Name,
  input: Input,
  output: Output,
  http: Omit<OperationSpec['http'], 'method' | 'path'> = {},
): OperationSpec<Name, Input, Output> {
  return operationAt(route, name, { input, output, http, summary: '' });
}

const specs = {
  health: op(
    'GET /api/health',
    'health',
    z.object({}),
    z.object({ status: z.literal('ok'), version: z.string() }),
  ),
  list: op(
    'GET /api/things',
    'things.list',
    z.object({ limit: z.coerce.number().int().default(5) }),
    z.object({ items: z.array(z.object({ name: z.string() })), total: z.number() }),
  ),
  create: op(
    'POST /api/things',
    'things.create',
    z.object({ name: z.string().min(1) }),
    z.object({ id: z.string(), name: z.string() }),
    { status: 201 },
  ),
  remove: op(
    'DELETE /api/things/:id',
    'things.delete',
    z.object({ id: z.string(), cascade: z.string().optional() }),
    noAnswer,
    { status: 204 },
  ),
  upload: op(
    'PUT /api/things/:id/image',
    'things.upload',
    z.object({ id: z.string(), body: z.instanceof(Uint8Array) }),
    z.object({ size: z.number() }),
    { rawBody: { maxBytes: 1000, contentTypes: ['image/png', 'image/jpeg'] } },
  ),
  file: op('GET /api/things/:id/audio', 'things.audio', z.object({ id: z.string() }), fileAnswer),
  broken: op('GET /api/broken', 'things.broken', z.object({}), noAnswer),
  conflict: op('POST /api/conflict', 'things.conflict', z.object({}), noAnswer),
};

const table = new OperationTable<unknown>([
  implement(specs.health, async () => ({ status: 'ok' as const, version: 't' })),
  implement(specs.list, async (input) => ({
    items: [{ name: '<script>x</script>' }],
    total: input.limit,
  })),
  implement(specs.create, async (input) => ({ id: 'n1', name: input.name })),
  implement(specs.remove, async (input) => {
    received.push(input);
  }),
  implement(specs.upload, async (input) => {
    received.push(input);
    return { size: input.body.length };
  }),
  implement(specs.file, async (input) => {
    if (input.id !== 'x') throw new AppError('NOT_FOUND', 'No such thing.', { field: 'id' });
    return { filePath: audio, contentType: 'audio/mpeg' };
  }),
  implement(specs.broken, async () => {
    throw new Error('ENOENT /very/secret/path');
  }),
  implement(specs.conflict, async () => {
    throw new AppError('CONFLICT', 'Busy.');
  }),
]);

const events = createEventBus();
const logger = memoryLogger();
/** The core both servers of this file are built on: the table above, on loopback. */
const core = {
  operations: table,
  context: { version: 't' },
  events,
  logger,
  settings: { configDir: dir, host: '127.0.0.1', trustProxy: [], allowedHosts: [] },
} as unknown as ServerCore;
let app: FastifyInstance;
let login: { cookie: string; csrfToken: string };

/** The API key `test-key` and the admin password, kept in `dir`, announced to no one. */
function quietCredentials(adminPassword: string) {
  return Credentials.load({
    configDir: dir,
    apiKey: 'test-key',
    adminPassword,
    announce: () => undefined,
    info: () => undefined,
  });
}

beforeAll(async () => {
  const credentials = await quietCredentials('right password');
  let saved: LoginSession[] = [];
  const sessions = await LoginSessions.open({
    load: async () => saved,
    save: async (s) => {
      saved = [...s];
    },
  });
  app = await buildServer(core, {
    rendererDir: join(dir, 'no-ui'),
    auth: createAuthService({ credentials, sessions, secureCookies: false }),
    sseHeartbeatMs: 100,
  });
  await app.ready();
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { password: 'right password' },
  });
  login = {
    cookie: String(res.headers['set-cookie']).split(';')[0]!,
    csrfToken: res.json<{ csrfToken: string }>().csrfToken,
  };
});

afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('routes from the operation table', () => {
  it('answers with the spec status and merges query, params and body', async () => {
    const list = await app.inject({ url: '/api/things?limit=7', headers: KEY });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [{ name: '<script>x</script>' }], total: 7 });
    expect(list.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(list.body).not.toContain('<script>');

    const created = await app.inject({
      method: 'POST',
      url: '/api/things',
      headers: KEY,
      payload: { name: 'a' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ id: 'n1', name: 'a' });

    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/things/t1?cascade=true',
      headers: KEY,
    });
    expect(removed.statusCode).toBe(204);
    expect(removed.body).toBe('');
    expect(received.at(-1)).toEqual({ id: 't1', cascade: 'true' });
  });

  it('answers validation failures, app errors and unknown routes in the error shape', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/things', headers: KEY, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'name' } });
    const conflict = await app.inject({ method: 'POST', url: '/api/conflict', headers: KEY });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: { code: 'CONFLICT', message: 'Busy.' } });
    const missing = await app.inject({ url: '/api/nothing', headers: KEY });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('hides an unexpected failure behind a generic 500 and logs the detail', async () => {
    const res = await app.inject({ url: '/api/broken', headers: KEY });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(res.body).not.toContain('secret');
    expect(logger.entries.some((e) => e.message.includes('/very/secret/path'))).toBe(true);
  });
});

describe('files', () => {
  it('streams a file whole, or a Range as 206 with Content-Range', async () => {
    const whole = await app.inject({ url: '/api/things/x/audio', headers: KEY });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/mpeg');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['cache-control']).toBe('no-store');
    expect(whole.rawPayload.length).toBe(1000);

    const part = await app.inject({
      url: '/api/things/x/audio',
      headers: { ...KEY, range: 'bytes=0-99' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 0-99/1000');
    expect(part.rawPayload.length).toBe(100);
    expect([...part.rawPayload.subarray(0, 3)]).toEqual([0, 1, 2]);

    const tail = await app.inject({
      url: '/api/things/x/audio',
      headers: { ...KEY, range: 'bytes=-10' },
    });
    expect(tail.statusCode).toBe(206);
    expect([...tail.rawPayload]).toEqual([222, 223, 224, 225, 226, 227, 228, 229, 230, 231]); // bytes 990..999

    const outside = await app.inject({
      url: '/api/things/x/audio',
      headers: { ...KEY, range: 'bytes=5000-' },
    });
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe('bytes */1000');

    const head = await app.inject({ method: 'HEAD', url: '/api/things/x/audio', headers: KEY });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe('1000');
    expect(head.rawPayload.length).toBe(0);

    const etag = whole.headers.etag as string;
    const cached = await app.inject({
      url: '/api/things/x/audio',
      headers: { ...KEY, 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('passes a file operation error through', async () => {
    const res = await app.inject({ url: '/api/things/y/audio', headers: KEY });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND', field: 'id' } });
  });
});

describe('raw bodies', () => {
  const url = '/api/things/t1/image';

  it('hands the raw bytes of an accepted content type to the operation', async () => {
    const res = await app.inject({
      method: 'PUT',
      url,
      headers: { ...KEY, 'content-type': 'image/png' },
      payload: Buffer.from([1, 2, 3]),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ size: 3 });
    const input = received.at(-1) as { id: string; body: Uint8Array };
    expect(input.id).toBe('t1');
    expect([...input.body]).toEqual([1, 2, 3]);
  });

  it('takes the multipart field "file"', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([9, 8])], { type: 'image/jpeg' }), 'a.jpg');
    const request = new Request('http://x', { method: 'PUT', body: form });
    const res = await app.inject({
      method: 'PUT',
      url,
      headers: { ...KEY, 'content-type': request.headers.get('content-type')! },
      payload: Buffer.from(await request.arrayBuffer()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ size: 2 });
  });

  it('refuses another content type (415) and a body over the limit (413)', async () => {
    const json = await app.inject({
      method: 'PUT',
      url,
      headers: { ...KEY, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    const big = await app.inject({
      method: 'PUT',
      url,
      headers: { ...KEY, 'content-type': 'image/png' },
      payload: Buffer.alloc(1001),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('refuses JSON bodies on other routes over 1 MB (413) and other content types (415)', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/things',
      headers: { ...KEY, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    const text = await app.inject({
      method: 'POST',
      url: '/api/things',
      headers: { ...KEY, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    expect(text.statusCode).toBe(415);
  });
});

describe('authentication', () => {
  it('lets only the public routes through without credentials', async () => {
    expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
    for (const url of ['/api/things', '/api/things/x/audio', '/api/events']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json(), url).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    const wrong = await app.inject({ url: '/api/things', headers: { 'x-api-key': 'nope' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('answers "who is logged in?" with 200 {authenticated: false} to a visitor, not 401', async () => {
    const anonymous = await app.inject({ url: '/api/auth/session' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ authenticated: false });
    expect(anonymous.headers['set-cookie']).toBeUndefined();
    // a cookie of a login that ended: the same answer, and the cookie is dropped
    const expired = await app.inject({
      url: '/api/auth/session',
      headers: { cookie: 'asr_session=ended-login' },
    });
    expect(expired.statusCode).toBe(200);
    expect(expired.json()).toEqual({ authenticated: false });
    expect(String(expired.headers['set-cookie'])).toMatch(
      /^asr_session=;.*Expires=Thu, 01 Jan 1970/,
    );
    // credentials that are wrong are still refused
    const wrongKey = await app.inject({ url: '/api/auth/session', headers: { 'x-api-key': 'no' } });
    expect(wrongKey.statusCode).toBe(401);
    const byKey = await app.inject({ url: '/api/auth/session', headers: KEY });
    expect(byKey.json()).toEqual({ authenticated: true, via: 'apiKey' });
  });

  it('sets an HttpOnly, SameSite=Strict cookie and needs the CSRF token for changes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { password: 'right password' },
    });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);

    const read = await app.inject({ url: '/api/things', headers: { cookie: login.cookie } });
    expect(read.statusCode).toBe(200);
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/things', headers, payload: { name: 'a' } });
    expect((await post({ cookie: login.cookie })).statusCode).toBe(403);
    expect((await post({ cookie: login.cookie, 'x-csrf-token': 'wrong' })).statusCode).toBe(403);
    expect((await post({ cookie: login.cookie, 'x-csrf-token': login.csrfToken })).statusCode).toBe(
      201,
    );
    const session = await app.inject({
      url: '/api/auth/session',
      headers: { cookie: login.cookie },
    });
    expect(session.json()).toMatchObject({
      authenticated: true,
      via: 'session',
      csrfToken: login.csrfToken,
      // ADMIN_PASSWORD (here adminPassword) sets the password: the UI says so
      passwordSetByEnv: true,
    });
  });

  it('logs out: the cookie no longer works', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { password: 'right password' },
    });
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    const csrf = res.json<{ csrfToken: string }>().csrfToken;
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(out.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/things', headers: { cookie } })).statusCode).toBe(401);
  });

  it('answers 429 with Retry-After once a client failed too often (failure-limits.test.ts has more)', async () => {
    const attempt = (password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { password },
        remoteAddress: '10.0.0.9',
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    let refused = await attempt('wrong');
    for (let i = 0; i < 5 && refused.statusCode !== 429; i++) refused = await attempt('wrong');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  }, 30_000); // real scrypt checks, slow on a busy machine
});

describe('headers and pages', () => {
  it('sends the security headers on API answers and pages', async () => {
    for (const url of ['/api/health', '/', '/streams/abc']) {
      const res = await app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('serves the placeholder page while the UI is not built; missing files are 404', async () => {
    const page = await app.inject({ url: '/settings' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('not been built');
    expect((await app.inject({ url: '/assets/app.js' })).statusCode).toBe(404);
  });
});

describe('built UI', () => {
  it('serves its files, falls back to index.html for pages, and keeps /api and missing files 404', async () => {
    const ui = join(dir, 'ui');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(ui, 'assets'), { recursive: true });
    writeFileSync(join(ui, 'index.html'), '<!doctype html><div id="app"></div>');
    writeFileSync(join(ui, 'assets', 'app-1234.js'), 'console.log(1)');
    const credentials = await quietCredentials('x');
    const sessions = await LoginSessions.open({
      load: async () => [],
      save: async () => undefined,
    });
    const withUi = await buildServer(core, {
      rendererDir: ui,
      auth: createAuthService({ credentials, sessions, secureCookies: true }),
    });
    try {
      const index = await withUi.inject({ url: '/' });
      expect(index.statusCode).toBe(200);
      expect(index.body).toContain('id="app"');
      expect(index.headers['cache-control']).toBe('no-cache');
      const deep = await withUi.inject({ url: '/streams/abc' });
      expect(deep.statusCode).toBe(200);
      expect(deep.body).toContain('id="app"');
      const asset = await withUi.inject({ url: '/assets/app-1234.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toContain('immutable');
      expect((await withUi.inject({ url: '/assets/gone.js' })).statusCode).toBe(404);
      expect((await withUi.inject({ url: '/api/nope' })).statusCode).toBe(401);
      // while the UI is being rebuilt (index.html gone for a moment): the placeholder, not a
      // bare "404 Not Found" text of the framework
      rmSync(join(ui, 'index.html'));
      const rebuilding = await withUi.inject({ url: '/streams/abc' });
      expect(rebuilding.statusCode).toBe(200);
      expect(rebuilding.body).toContain('not been built');
    } finally {
      await withUi.close();
    }
  });
});

describe('event stream', () => {
  it('sends retry, contract events and heartbeats to an authenticated client', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const text = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${address}/api/events`, { headers: KEY }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        expect(res.headers['cache-control']).toBe('no-store, no-transform');
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
          if (body.includes(': connected') && !body.includes('event: transfer-progress')) {
            events.emit('transfer-progress', { sessionId: 's', bytes: 1, totalBytes: 2 });
          }
          if (body.includes(': heartbeat')) {
            req.destroy();
            resolve(body);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
    expect(text.startsWith('retry: 3000\n\n')).toBe(true);
    expect(text).toContain(
      'event: transfer-progress\ndata: {"sessionId":"s","bytes":1,"totalBytes":2}\n\n',
    );
  });
});
