// Every error the server answers has the contract's body `{"error": {code, message, field?}}`,
// also where fastify or Node's HTTP server would answer by themselves (a malformed URL, an
// over-long path parameter, HTTP that does not parse, a request while closing), and every /api
// answer says `Cache-Control: no-store`. Raw requests over a real socket, so that nothing in
// between tidies them up.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../contract';
import { startTestServer, TEST_API_KEY, type TestServer } from './test-server';

let server: TestServer;
let port: number;

beforeAll(async () => {
  server = await startTestServer({ host: '127.0.0.1' });
  const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
  port = Number(new URL(address).port);
});

afterAll(async () => {
  await server?.close();
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Splits what came back on a connection into its HTTP answers (bodies by Content-Length). */
function parseAnswers(raw: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1 ')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd === -1) break;
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    const bodyStart = headEnd + 4;
    const bodyBytes = Buffer.from(rest.slice(bodyStart), 'utf8').subarray(0, length);
    const body = bodyBytes.toString('utf8');
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body });
    rest = rest.slice(bodyStart + body.length);
  }
  return answers;
}

/**
 * Writes `text`, reads until the server closes (or 5 s pass), answers what came back.
 * `then(write)` runs once connected, for a test that writes more later.
 */
function rawExchange(
  text: string | Buffer,
  then?: (write: (more: string) => void) => void,
): Promise<RawAnswer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => socket.destroy(), 5000);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (out += chunk));
    socket.on('connect', () => {
      socket.write(text);
      then?.((more) => socket.write(more));
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseAnswers(out));
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // the server may reset after answering a request it refused: the answer counts
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
  });
}

const request = (line: string, headers: string[] = [], body = '') =>
  [line, 'Host: localhost', ...headers, 'Connection: close', '', body].join('\r\n');

const KEY = `X-Api-Key: ${TEST_API_KEY}`;

function expectEnvelope(answer: RawAnswer | undefined, status: number, code: string): void {
  expect(answer, `an answer with ${status}`).toBeDefined();
  expect(answer!.status).toBe(status);
  expect(answer!.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer!.headers['cache-control']).toBe('no-store');
  const body = JSON.parse(answer!.body) as { error: Record<string, unknown> };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.code).toBe(code);
  expect(ERROR_CODES[code as keyof typeof ERROR_CODES]).toBe(status);
  expect(body.error.message).toEqual(expect.any(String));
  expect(Object.keys(body.error).every((k) => ['code', 'message', 'field'].includes(k))).toBe(true);
}

describe('errors fastify used to answer by itself', () => {
  it('an id over 100 characters: 400 naming the field (was fastify`s 414 text)', async () => {
    const [answer] = await rawExchange(
      request(`GET /api/things/${'a'.repeat(101)} HTTP/1.1`, [KEY]),
    );
    expectEnvelope(answer, 400, 'VALIDATION_FAILED');
    expect(JSON.parse(answer!.body).error.field).toBe('id');
    // past what is routed at all, still the contract's body
    const [huge] = await rawExchange(
      request(`GET /api/things/${'a'.repeat(3000)} HTTP/1.1`, [KEY]),
    );
    expectEnvelope(huge, 400, 'VALIDATION_FAILED');
  });

  it('a malformed URL, under /api or not', async () => {
    for (const path of ['/api/things/%zz', '/%zz', '/assets/%E0%A4%A']) {
      const [answer] = await rawExchange(request(`GET ${path} HTTP/1.1`, [KEY]));
      expectEnvelope(answer, 400, 'VALIDATION_FAILED');
    }
  });

  it('HTTP that does not parse: a bad request line, an unknown method, headers too large', async () => {
    expectEnvelope((await rawExchange('GARBAGE\r\n\r\n'))[0], 400, 'VALIDATION_FAILED');
    expectEnvelope(
      (await rawExchange(request('FOO /api/things HTTP/1.1', [KEY])))[0],
      400,
      'VALIDATION_FAILED',
    );
    expectEnvelope(
      (await rawExchange(request('GET /api/health HTTP/1.1', [`X-Big: ${'a'.repeat(20_000)}`])))[0],
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectEnvelope(
      (await rawExchange(request(`GET /api/things?q=${'a'.repeat(20_000)} HTTP/1.1`)))[0],
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('bad JSON, a wrong content type, a body over the limit, an unknown route', async () => {
    const post = (type: string, body: string, length = Buffer.byteLength(body)) =>
      rawExchange(
        request(
          'POST /api/things HTTP/1.1',
          [KEY, `Content-Type: ${type}`, `Content-Length: ${length}`],
          body,
        ),
      );
    expectEnvelope((await post('application/json', '{x'))[0], 400, 'VALIDATION_FAILED');
    expectEnvelope((await post('text/plain', 'abc'))[0], 415, 'UNSUPPORTED_MEDIA_TYPE');
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024) });
    expectEnvelope((await post('application/json', big))[0], 413, 'PAYLOAD_TOO_LARGE');
    expectEnvelope(
      (await rawExchange(request('GET /api/nothing HTTP/1.1', [KEY])))[0],
      404,
      'NOT_FOUND',
    );
    expectEnvelope(
      (await rawExchange(request('GET /api/things/a HTTP/1.1')))[0],
      401,
      'UNAUTHORIZED',
    );
  });
});

describe('Cache-Control: no-store', () => {
  it('on every /api answer, successes included; pages keep their own', async () => {
    const [ok] = await rawExchange(request('GET /api/things/a HTTP/1.1', [KEY]));
    expect(ok!.status).toBe(200);
    expect(ok!.headers['cache-control']).toBe('no-store');
    const [health] = await rawExchange(request('GET /api/health HTTP/1.1'));
    expect(health!.headers['cache-control']).toBe('no-store');
    const [session] = await rawExchange(request('GET /api/auth/session HTTP/1.1'));
    expect(session!.status).toBe(200);
    expect(session!.headers['cache-control']).toBe('no-store');
    const [page] = await rawExchange(request('GET / HTTP/1.1'));
    expect(page!.status).toBe(200);
    expect(page!.headers['cache-control']).toBe('no-cache');
  });
});

describe('while the server closes', () => {
  it('a request arriving on an open connection gets 503 in the contract`s body', async () => {
    let release!: () => void;
    server.gate.wait = new Promise((r) => (release = r));
    const first = ['GET /api/things/held HTTP/1.1', 'Host: localhost', KEY, '', ''].join('\r\n');
    const second = request('GET /api/things/late HTTP/1.1', [KEY]);
    let closed: Promise<void> | undefined;
    const answers = await rawExchange(first, (write) => {
      // once the first request is held in its handler: close the server, send the second
      // request on the same connection, then let the first one go
      server.gate.entered = () => {
        closed = server.app.close();
        write(second);
        setTimeout(release, 500);
      };
    });
    await closed;
    expect(answers[0]).toMatchObject({ status: 200, body: '{"id":"held"}' });
    expectEnvelope(answers[1], 503, 'SERVICE_UNAVAILABLE');
    expect(answers[1]!.headers.connection).toBe('close');
  });
});
