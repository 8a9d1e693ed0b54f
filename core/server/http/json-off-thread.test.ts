import Fastify, { type FastifyInstance } from 'fastify';
import { request, type ClientRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorReply } from './error-reply';
import { useOffThreadJson } from './json-off-thread';
import { watchStalls } from '../../test-support/event-loop-stalls';

const MB = 1024 * 1024;
let app: FastifyInstance;
let port = 0;
let received: unknown;

beforeAll(async () => {
  app = Fastify({ bodyLimit: 1024 });
  app.setErrorHandler((error, _request, reply) => {
    const answer = toErrorReply(error);
    return reply.code(answer.status).send(answer.body);
  });
  await app.register(async (scope) => {
    useOffThreadJson(scope, {
      base64Fields: [['items', '*', 'data']],
      maxTextBytes: 2 * MB,
      notBase64: 'must be base64',
    });
    scope.post('/doc', { bodyLimit: 64 * MB }, async (req) => {
      received = req.body;
      return { ok: true };
    });
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});
afterAll(async () => {
  await app.close();
});

const post = (payload: string, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/doc',
    payload,
    headers: { 'content-type': 'application/json', ...headers },
  });

/** POSTs JSON to /doc over a real socket, `send` writing the body; resolves with the status. */
function postDoc(
  headers: Record<string, string | number>,
  send: (req: ClientRequest) => void,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/doc',
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    send(req);
  });
}

describe('JSON bodies parsed off the main thread', () => {
  it('answers the document, with its base64 fields as the bytes they encode', async () => {
    const bytes = Buffer.from('any bytes at all \u0000\u00ff', 'latin1');
    const doc = { items: [{ data: bytes.toString('base64'), name: 'é' }, { data: null }], n: 1 };
    const reply = await post(JSON.stringify(doc));
    expect(reply.statusCode).toBe(200);
    const body = received as { items: { data: unknown; name?: string }[]; n: number };
    expect(body.items[0]!.data).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(body.items[0]!.data as Uint8Array).equals(bytes)).toBe(true);
    expect(body).toMatchObject({ items: [{ name: 'é' }, { data: null }], n: 1 });
  });

  it('refuses a field that is not base64, naming it', async () => {
    const reply = await post(
      JSON.stringify({ items: [{ data: 'QQ==' }, { data: 'not base64!' }] }),
    );
    expect(reply.statusCode).toBe(400);
    expect(reply.json()).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'items.1.data: must be base64',
        field: 'items.1.data',
      },
    });
  });

  it('refuses bad JSON and prototype poisoning as the default parser does', async () => {
    expect((await post('{"a": ')).json().error).toMatchObject({ code: 'VALIDATION_FAILED' });
    const poisoned = await post('{"__proto__": {"polluted": true}}');
    expect(poisoned.statusCode).toBe(400);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('refuses more text besides the base64 fields than allowed (413)', async () => {
    const reply = await post(JSON.stringify({ items: [], text: 'x'.repeat(3 * MB) }));
    expect(reply.statusCode).toBe(413);
    expect(reply.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body over the route limit sent without a length (413)', async () => {
    const status = await postDoc({}, (req) => {
      const chunk = Buffer.alloc(MB, 0x20);
      for (let i = 0; i < 66; i++) req.write(chunk);
      req.end('{}');
    });
    expect(status).toBe(413);
  });

  it('parses a body of tens of megabytes without holding the event loop', async () => {
    // about what JSON.parse would hold the main thread for a few hundred ms with
    const data = Buffer.alloc(40 * MB, 7).toString('base64');
    const body = Buffer.from(JSON.stringify({ items: [{ data }], note: 'n'.repeat(MB) }));
    const watch = watchStalls();
    const status = await postDoc({ 'content-length': body.length }, (req) => {
      for (let at = 0; at < body.length; at += 256 * 1024)
        req.write(body.subarray(at, at + 256 * 1024));
      req.end();
    });
    const stalls = watch.stop();
    expect(status).toBe(200);
    expect((received as { items: { data: Uint8Array }[] }).items[0]!.data.byteLength).toBe(40 * MB);
    expect(stalls.cpuMs).toBeLessThan(150);
  }, 120_000);
});
