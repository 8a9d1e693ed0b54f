import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SessionDto } from '@contract';
import type { OperationSpec } from '@contract/operation';
import { operationSpecs, OPERATION_NAMES } from '@contract/operations';
import { ApiError, errorFromBody } from './api-error';
import type { EventSourceLike } from './event-stream';
import { buildRequest } from './http-request';
import { HttpTransport, uploadContentType } from './http-transport';

const specs = operationSpecs as readonly OperationSpec[];

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  credentials: RequestCredentials | undefined;
}

function json(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
}

/** The server's refusal: the contract's error body with `status`. */
function refusal(status: number, code: string, message: string, field?: string): Response {
  return json(status, { error: { code, message, ...(field ? { field } : {}) } });
}

/** A fetch that records what is sent and answers with `reply` (default: 200 {}). */
function fakeFetch(reply: (sent: Sent) => Response | Promise<Response> = () => json(200, {})) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    const request: Sent = {
      url: String(url),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body,
      credentials: init?.credentials,
    };
    sent.push(request);
    return reply(request);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

const noEvents = () => new FakeEventSource();

/** An input for a spec: every path parameter (with characters that need encoding) and one more field. */
function sampleInput(spec: OperationSpec): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [, name] of spec.http.path.matchAll(/:(\w+)/g)) input[name!] = `${name} 1/ä`;
  if (spec.http.rawBody) input.body = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]);
  else input.extra = 'x y';
  return input;
}

function expectedPath(spec: OperationSpec): string {
  return spec.http.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(`${name} 1/ä`));
}

describe('buildRequest: every operation of the contract', () => {
  it('covers the whole table', () => {
    expect(specs.map((s) => s.name)).toEqual(OPERATION_NAMES);
    expect(specs.length).toBeGreaterThan(30);
  });

  for (const spec of specs) {
    it(`${spec.name} → ${spec.http.method} ${spec.http.path}`, () => {
      const request = buildRequest(spec, sampleInput(spec));
      expect(request.method).toBe(spec.http.method);
      const url = new URL(request.url, 'http://host');
      expect(url.pathname).toBe(expectedPath(spec));
      if (spec.http.method === 'GET' || spec.http.method === 'DELETE') {
        expect(url.searchParams.get('extra')).toBe('x y');
        expect(request.body).toBeUndefined();
      } else if (spec.http.rawBody) {
        expect(url.search).toBe('');
        expect(request.body).toBeInstanceOf(Uint8Array);
        expect(request.headers['Content-Type']).toBe('image/png');
      } else {
        expect(url.search).toBe('');
        expect(request.headers['Content-Type']).toBe('application/json');
        expect(JSON.parse(request.body as string)).toEqual({ extra: 'x y' });
      }
      // path parameters never travel twice
      for (const [, name] of spec.http.path.matchAll(/:(\w+)/g)) {
        expect(url.searchParams.has(name!)).toBe(false);
        if (typeof request.body === 'string')
          expect(JSON.parse(request.body)).not.toHaveProperty(name!);
      }
    });
  }

  it('leaves absent query values out and repeats arrays', () => {
    const list = specs.find((s) => s.name === 'sessions.list')!;
    const request = buildRequest(list, { status: 'RECORDING', streamId: undefined, limit: 5 });
    expect(request.url).toBe('/api/sessions?status=RECORDING&limit=5');
    expect(buildRequest(list, {}).url).toBe('/api/sessions');
    const deleteStream = specs.find((s) => s.name === 'streams.delete')!;
    expect(buildRequest(deleteStream, { id: 's1', cascade: true }).url).toBe(
      '/api/streams/s1?cascade=true',
    );
  });

  it('sends no body when only path parameters are given', () => {
    const stop = specs.find((s) => s.name === 'sessions.stop')!;
    const request = buildRequest(stop, { id: 'abc' });
    expect(request).toMatchObject({ method: 'POST', url: '/api/sessions/abc/stop' });
    expect(request.body).toBeUndefined();
    expect(request.headers['Content-Type']).toBeUndefined();
  });

  it('refuses a missing path parameter with the field named', () => {
    const get = specs.find((s) => s.name === 'streams.get')!;
    expect(() => buildRequest(get, {})).toThrow(ApiError);
    try {
      buildRequest(get, {});
    } catch (error) {
      expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'id' });
    }
  });
});

describe('HttpTransport.invoke', () => {
  it('sends every operation to its method and path, with the cookie', async () => {
    const { fetch, sent } = fakeFetch((request) =>
      request.url.endsWith('/api/auth/session')
        ? json(200, { authenticated: true, via: 'session', csrfToken: 't' })
        : json(200, {}),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    for (const spec of specs) {
      sent.length = 0;
      await transport.invoke(spec.name as never, sampleInput(spec));
      const request = sent.at(-1)!;
      expect(request.method).toBe(spec.http.method);
      expect(new URL(request.url, 'http://host').pathname).toBe(expectedPath(spec));
      expect(request.credentials).toBe('same-origin');
    }
  });

  it('prefixes a base URL', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { items: [], total: 0 }));
    const transport = new HttpTransport({
      fetch,
      baseUrl: 'http://127.0.0.1:8666/',
      eventSource: noEvents,
    });
    await transport.invoke('streams.list', {});
    expect(sent[0]!.url).toBe('http://127.0.0.1:8666/api/streams');
  });

  it('answers the parsed JSON, and nothing for 204', async () => {
    const { fetch } = fakeFetch((request) =>
      request.method === 'DELETE' ? new Response(null, { status: 204 }) : json(201, { id: 's1' }),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(transport.invoke('streams.create', { name: 'x' })).resolves.toEqual({ id: 's1' });
    await expect(transport.invoke('streams.delete', { id: 's1' })).resolves.toBeUndefined();
  });
});

describe('raw body (streams.setArtwork)', () => {
  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]);
  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]);
  // "RIFF" + length + "WEBP" + "VP8 "
  const WEBP = new Uint8Array([
    0x52, 0x49, 0x46, 0x46, 0x24, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20,
  ]);
  const GIF = new TextEncoder().encode('GIF89a....');

  function server(reply?: (sent: Sent) => Response) {
    return fakeFetch((request) => {
      if (request.url === '/api/auth/session') {
        return json(200, { authenticated: true, via: 'session', csrfToken: 'tok-raw' });
      }
      return reply?.(request) ?? json(200, { artworkUrl: '/api/streams/s%201/artwork' });
    });
  }

  it('PUTs the bytes themselves to the path, typed from their content, with the CSRF token', async () => {
    const cases: [Uint8Array, string][] = [
      [JPEG, 'image/jpeg'],
      [PNG, 'image/png'],
      [WEBP, 'image/webp'],
    ];
    for (const [bytes, type] of cases) {
      const { fetch, sent } = server();
      const transport = new HttpTransport({ fetch, eventSource: noEvents });
      await expect(
        transport.invoke('streams.setArtwork', { id: 's 1', body: bytes }),
      ).resolves.toEqual({ artworkUrl: '/api/streams/s%201/artwork' });
      const put = sent.at(-1)!;
      expect(put).toMatchObject({ method: 'PUT', url: '/api/streams/s%201/artwork' });
      // the very bytes: not JSON, not a copy turned into text
      expect(put.body).toBe(bytes);
      expect(put.headers['Content-Type']).toBe(type);
      expect(put.headers['X-CSRF-Token']).toBe('tok-raw');
    }
  });

  it('sends anything that is not JPEG, PNG or WebP as application/octet-stream', async () => {
    const { fetch, sent } = server();
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await transport.invoke('streams.setArtwork', { id: 's1', body: GIF });
    expect(sent.at(-1)!.headers['Content-Type']).toBe('application/octet-stream');
    // half a signature is no signature
    expect(uploadContentType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).toBe(
      'application/octet-stream',
    );
    expect(uploadContentType(new TextEncoder().encode('RIFF....WAVE'))).toBe(
      'application/octet-stream',
    );
    expect(uploadContentType(new Uint8Array([0xff, 0xd8]))).toBe('application/octet-stream');
    expect(uploadContentType(new Uint8Array())).toBe('application/octet-stream');
  });

  it("hands the server's refusal (415) back with its message", async () => {
    const { fetch } = server(() =>
      refusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'The artwork must be a JPEG, PNG or WebP image.'),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(
      transport.invoke('streams.setArtwork', { id: 's1', body: GIF }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      message: 'The artwork must be a JPEG, PNG or WebP image.',
    });
  });

  it('refuses a body that is not bytes before sending anything', async () => {
    const { fetch, sent } = server();
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(
      transport.invoke('streams.setArtwork', { id: 's1', body: 'not bytes' } as never),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'body' });
    expect(sent).toEqual([]);
  });
});

describe('CSRF token', () => {
  function server() {
    return fakeFetch((request) => {
      if (request.url === '/api/auth/login') {
        return json(200, { csrfToken: 'tok-1', expiresAt: '2026-12-01T00:00:00.000Z' });
      }
      if (request.url === '/api/auth/session') {
        return json(200, { authenticated: true, via: 'session', csrfToken: 'tok-2' });
      }
      return json(200, {});
    });
  }

  it('is sent on POST, PUT and DELETE after login, never on GET', async () => {
    const { fetch, sent } = server();
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await transport.auth.login('secret');
    expect(sent[0]!.headers['X-CSRF-Token']).toBeUndefined();
    expect(JSON.parse(sent[0]!.body as string)).toEqual({ password: 'secret' });
    sent.length = 0;
    await transport.invoke('streams.list', {});
    await transport.invoke('streams.record', { id: 's1', durationSeconds: 6 });
    await transport.invoke('settings.update', { retentionDays: 3 });
    await transport.invoke('sessions.delete', { id: 'x' });
    expect(sent.map((r) => [r.method, r.headers['X-CSRF-Token']])).toEqual([
      ['GET', undefined],
      ['POST', 'tok-1'],
      ['PUT', 'tok-1'],
      ['DELETE', 'tok-1'],
    ]);
  });

  it('passes on whether ADMIN_PASSWORD sets the password (login and session answers)', async () => {
    const { fetch } = fakeFetch((request) =>
      request.url === '/api/auth/login'
        ? json(200, { csrfToken: 't', expiresAt: 'x', passwordSetByEnv: true })
        : json(200, { authenticated: true, via: 'session', passwordSetByEnv: false }),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    expect(await transport.auth.login('pw')).toMatchObject({ passwordSetByEnv: true });
    expect(await transport.auth.session()).toMatchObject({ passwordSetByEnv: false });
  });

  it('is fetched from the session first when the page was reloaded', async () => {
    const { fetch, sent } = server();
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await transport.invoke('sessions.stop', { id: 'a' });
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/auth/session',
      'POST /api/sessions/a/stop',
    ]);
    expect(sent[1]!.headers['X-CSRF-Token']).toBe('tok-2');
  });

  it('is forgotten at logout', async () => {
    const { fetch, sent } = fakeFetch((request) =>
      request.url === '/api/auth/login'
        ? json(200, { csrfToken: 'tok-1', expiresAt: 'x' })
        : request.url === '/api/auth/session'
          ? refusal(401, 'UNAUTHORIZED', 'Log in.')
          : new Response(null, { status: 204 }),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await transport.auth.login('pw');
    await transport.auth.logout();
    expect(sent[1]).toMatchObject({ method: 'POST', url: '/api/auth/logout' });
    expect(sent[1]!.headers['X-CSRF-Token']).toBe('tok-1');
    sent.length = 0;
    await expect(transport.invoke('streams.delete', { id: 's' })).resolves.toBeUndefined();
    const del = sent.find((r) => r.method === 'DELETE')!;
    expect(del.headers['X-CSRF-Token']).toBeUndefined();
  });
});

describe('account (API key and password)', () => {
  function server(reply: (sent: Sent) => Response | undefined = () => undefined) {
    return fakeFetch((request) => {
      if (request.url === '/api/auth/session') {
        return json(200, { authenticated: true, via: 'session', csrfToken: 'tok-acc' });
      }
      return reply(request) ?? json(200, { apiKey: 'k-1', lockedByEnv: false });
    });
  }

  it('reads the API key with a GET, without the CSRF token', async () => {
    const { fetch, sent } = server();
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(transport.auth.account!.apiKey()).resolves.toEqual({
      apiKey: 'k-1',
      lockedByEnv: false,
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'GET', url: '/api/auth/api-key' });
    expect(sent[0]!.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('regenerates the key with a POST that carries the CSRF token', async () => {
    const { fetch, sent } = server((request) =>
      request.url === '/api/auth/api-key/regenerate'
        ? json(200, { apiKey: 'k-2', lockedByEnv: false })
        : undefined,
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(transport.auth.account!.regenerateApiKey()).resolves.toEqual({
      apiKey: 'k-2',
      lockedByEnv: false,
    });
    const post = sent.at(-1)!;
    expect(post).toMatchObject({ method: 'POST', url: '/api/auth/api-key/regenerate' });
    expect(post.headers['X-CSRF-Token']).toBe('tok-acc');
  });

  it('changes the password: both passwords as JSON, 204, the CSRF token', async () => {
    const { fetch, sent } = server((request) =>
      request.url === '/api/auth/password' ? new Response(null, { status: 204 }) : undefined,
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(
      transport.auth.account!.changePassword('old secret', 'new secret!'),
    ).resolves.toBeUndefined();
    const post = sent.at(-1)!;
    expect(post).toMatchObject({ method: 'POST', url: '/api/auth/password' });
    expect(post.headers['Content-Type']).toBe('application/json');
    expect(post.headers['X-CSRF-Token']).toBe('tok-acc');
    expect(JSON.parse(post.body as string)).toEqual({
      currentPassword: 'old secret',
      newPassword: 'new secret!',
    });
  });

  it('puts a wrong current password on its field, without ending the login', async () => {
    const { fetch } = server((request) =>
      request.url === '/api/auth/password'
        ? refusal(400, 'VALIDATION_FAILED', 'The current password is wrong.', 'currentPassword')
        : undefined,
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    const expired = vi.fn();
    transport.auth.onExpired(expired);
    await expect(
      transport.auth.account!.changePassword('nope', 'new secret!'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'currentPassword',
      message: 'The current password is wrong.',
    });
    expect(expired).not.toHaveBeenCalled();
  });
});

describe('errors', () => {
  it('reads the contract error body into code, message and field', async () => {
    const { fetch } = fakeFetch(() =>
      refusal(
        400,
        'VALIDATION_FAILED',
        'durationSeconds: must be a whole number from 1 to 86400',
        'durationSeconds',
      ),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    const error = await transport
      .invoke('streams.record', { id: 's', durationSeconds: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'durationSeconds',
      status: 400,
      message: 'durationSeconds: must be a whole number from 1 to 86400',
    });
  });

  it('falls back to the status when the body is not the contract one', () => {
    expect(errorFromBody(404, '<html>')).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(errorFromBody(409, '')).toMatchObject({ code: 'CONFLICT' });
    expect(errorFromBody(502, 'Bad Gateway')).toMatchObject({ code: 'NETWORK_ERROR', status: 502 });
    expect(errorFromBody(500, '')).toMatchObject({ code: 'INTERNAL' });
    expect(errorFromBody(418, '')).toMatchObject({ code: 'BAD_RESPONSE' });
    // an unknown code keeps the message but gets the status's code
    expect(
      errorFromBody(422, JSON.stringify({ error: { code: 'NEW_THING', message: 'm' } })),
    ).toMatchObject({ code: 'INTERNAL', message: 'm' });
    expect(
      errorFromBody(429, JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Wait.' } })),
    ).toMatchObject({ code: 'RATE_LIMITED', message: 'Wait.' });
  });

  it('turns a failed connection into NETWORK_ERROR', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(transport.invoke('streams.list', {})).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
  });

  it('says when a 2xx answer is not JSON it can read', async () => {
    const { fetch } = fakeFetch(
      () => new Response('{oops', { status: 200, headers: { 'Content-Type': 'application/json' } }),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    await expect(transport.invoke('streams.list', {})).rejects.toMatchObject({
      code: 'BAD_RESPONSE',
    });
  });

  it('reports an expired login (401) once, and answers "nobody" to session()', async () => {
    const { fetch } = fakeFetch(() =>
      refusal(401, 'UNAUTHORIZED', 'Your login has expired: log in again.'),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    const expired = vi.fn();
    transport.auth.onExpired(expired);
    await expect(transport.auth.session()).resolves.toBeNull();
    expect(expired).not.toHaveBeenCalled();
    await expect(transport.invoke('streams.list', {})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(expired).toHaveBeenCalledTimes(1);
  });

  it('answers "nobody" to session() when the server says {authenticated: false}, forgetting the CSRF token', async () => {
    let loggedIn = true;
    const { fetch, sent } = fakeFetch((request) =>
      request.url === '/api/auth/session'
        ? json(
            200,
            loggedIn
              ? { authenticated: true, via: 'session', csrfToken: 'tok' }
              : {
                  authenticated: false,
                },
          )
        : json(200, {}),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    const expired = vi.fn();
    transport.auth.onExpired(expired);
    await expect(transport.auth.session()).resolves.toMatchObject({ authenticated: true });
    loggedIn = false;
    await expect(transport.auth.session()).resolves.toBeNull();
    expect(expired).not.toHaveBeenCalled();
    // the token of the ended login is not sent any more: it is asked for again
    sent.length = 0;
    await transport.invoke('streams.create', { name: 'x' });
    expect(sent.map((r) => r.url)).toEqual(['/api/auth/session', '/api/streams']);
    expect(sent[1]!.headers['X-CSRF-Token']).toBeUndefined();
  });

  it('puts a wrong password on the password field', async () => {
    const { fetch } = fakeFetch(() =>
      refusal(401, 'UNAUTHORIZED', 'The password is wrong.', 'password'),
    );
    const transport = new HttpTransport({ fetch, eventSource: noEvents });
    const expired = vi.fn();
    transport.auth.onExpired(expired);
    await expect(transport.auth.login('nope')).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      field: 'password',
      message: 'The password is wrong.',
    });
    expect(expired).not.toHaveBeenCalled();
  });
});

/** A stand-in for the browser's EventSource, driven by the test. */
class FakeEventSource implements EventSourceLike {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  private readonly handlers = new Map<string, ((event: MessageEvent) => void)[]>();

  constructor(readonly url = '') {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
    this.readyState = 2;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  emit(type: string, data: unknown): void {
    const event = new MessageEvent(type, { data: JSON.stringify(data) });
    for (const handler of this.handlers.get(type) ?? []) handler(event);
  }
  fail(giveUp: boolean): void {
    this.readyState = giveUp ? 2 : 0;
    this.onerror?.(new Event('error'));
  }
}

describe('events (Server-Sent Events)', () => {
  beforeEach(() => {
    FakeEventSource.instances = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const session = { id: 's1', status: 'RECORDING' } as SessionDto;

  function setup() {
    const { fetch } = fakeFetch((request) =>
      request.url === '/api/auth/session'
        ? json(200, { authenticated: true, via: 'session', csrfToken: 't' })
        : json(200, {}),
    );
    return new HttpTransport({
      fetch,
      eventSource: (url) => new FakeEventSource(url),
      reconnectDelaysMs: [1000, 5000],
    });
  }

  it('opens /api/events with the first listener and hands each event to its listeners', () => {
    const transport = setup();
    expect(FakeEventSource.instances).toHaveLength(0);
    const sessions: unknown[] = [];
    const progress: unknown[] = [];
    transport.on('session', (s) => sessions.push(s));
    transport.on('transfer-progress', (p) => progress.push(p));
    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events');
    source.open();
    source.emit('session', session);
    source.emit('transfer-progress', { sessionId: 's1', bytes: 1, totalBytes: 2 });
    expect(sessions).toEqual([session]);
    expect(progress).toEqual([{ sessionId: 's1', bytes: 1, totalBytes: 2 }]);
  });

  it('closes when the last listener goes', () => {
    const transport = setup();
    const off1 = transport.on('session', () => undefined);
    const off2 = transport.on('system', () => undefined);
    off1();
    off1();
    expect(FakeEventSource.instances[0]!.closed).toBe(false);
    off2();
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
  });

  it('reconnects by itself with a back-off when the browser gives up, and reports the state', async () => {
    const transport = setup();
    const states: string[] = [];
    transport.onConnection((state) => states.push(state));
    const received: unknown[] = [];
    transport.on('session', (s) => received.push(s));
    FakeEventSource.instances[0]!.open();
    // a dropped connection the browser retries itself: no new EventSource
    FakeEventSource.instances[0]!.fail(false);
    expect(FakeEventSource.instances).toHaveLength(1);
    FakeEventSource.instances[0]!.open();
    // the browser gives up (the server answered 502 during a restart, say)
    FakeEventSource.instances[0]!.fail(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]!.fail(true);
    await vi.advanceTimersByTimeAsync(4999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(3);
    FakeEventSource.instances[2]!.open();
    FakeEventSource.instances[2]!.emit('session', session);
    // events of a replaced connection are ignored
    FakeEventSource.instances[0]!.emit('session', { id: 'old' });
    expect(received).toEqual([session]);
    expect(states).toEqual([
      'closed',
      'connecting',
      'open',
      'connecting',
      'open',
      'connecting',
      'open',
    ]);
  });

  it('stops and reports the end of the login when the stream is refused for that reason', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { authenticated: false }));
    const transport = new HttpTransport({
      fetch,
      eventSource: (url) => new FakeEventSource(url),
      reconnectDelaysMs: [1000],
    });
    const expired = vi.fn();
    transport.auth.onExpired(expired);
    const states: string[] = [];
    transport.onConnection((state) => states.push(state));
    transport.on('session', () => undefined);
    FakeEventSource.instances[0]!.fail(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent.map((r) => r.url)).toEqual(['/api/auth/session']);
    expect(expired).toHaveBeenCalledTimes(1);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(states.at(-1)).toBe('closed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('ignores an event that is not JSON', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const transport = setup();
    const received: unknown[] = [];
    transport.on('log', (entry) => received.push(entry));
    const source = FakeEventSource.instances[0]!;
    source.open();
    for (const handler of (
      source as unknown as { handlers: Map<string, ((e: MessageEvent) => void)[]> }
    ).handlers.get('log')!) {
      handler(new MessageEvent('log', { data: '{not json' }));
    }
    expect(received).toEqual([]);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
