// The failure limits over HTTP (fastify inject with chosen client addresses): the right API key
// always works, wrong passwords cost a short growing delay per client, and behind a trusted
// reverse proxy (TRUST_PROXY) the client is the forwarded address, not the proxy's. Each password
// check is a real scrypt hash (a few hundred ms on a busy machine, seconds on a loaded one): hence
// the long timeouts, which catch a hang, not a slow machine.
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_API_KEY, TEST_PASSWORD, type TestServer } from '../test-server';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const PROXY = '10.0.0.1';

function client(
  s: TestServer,
  remoteAddress: string,
  forwardedFor?: string,
): {
  login(password: string): Promise<LightMyRequestResponse>;
  get(apiKey: string): Promise<LightMyRequestResponse>;
} {
  const forwarded = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  return {
    login: (password) =>
      s.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { password },
        headers: forwarded,
        remoteAddress,
      }),
    get: (apiKey) =>
      s.app.inject({
        url: '/api/things/a',
        headers: { ...forwarded, 'x-api-key': apiKey },
        remoteAddress,
      }),
  };
}

describe('wrong API keys', { timeout: 120_000 }, () => {
  it('never refuse the right key: after 9 wrong keys from an address, the right one still works', async () => {
    server = await startTestServer();
    const c = client(server, '192.0.2.7');
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await c.get('wrong-key')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    // past 5, a wrong key answers 429 with Retry-After while the client must wait
    const refused = await c.get('wrong-key');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const right = await c.get(TEST_API_KEY);
    expect(right.statusCode).toBe(200);
    expect(right.json()).toEqual({ id: 'a' });
  });
});

describe('wrong passwords (no proxy)', { timeout: 120_000 }, () => {
  it('cost a short growing delay with Retry-After; the right password works once it passed', async () => {
    server = await startTestServer();
    const s = server;
    const c = client(s, '192.0.2.8');
    for (let i = 0; i < 5; i++) expect((await c.login('wrong')).statusCode).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      expect((await c.login('wrong')).statusCode).toBe(401);
      // during the delay even the right password is not looked at
      const early = await c.login(TEST_PASSWORD);
      expect(early.statusCode).toBe(429);
      expect(early.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      const wait = Number(early.headers['retry-after']);
      waits.push(wait);
      s.clock.now += wait * 1000;
    }
    expect(waits).toEqual([1, 2, 4, 8]);
    // 9 failures in all: the owner waited 8 s, and is in
    const owner = await c.login(TEST_PASSWORD);
    expect(owner.statusCode).toBe(200);
    expect(owner.json()).toHaveProperty('csrfToken');
    // another address was never delayed
    expect((await client(s, '192.0.2.9').login(TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('takes no X-Forwarded-For from an address that is not a trusted proxy', async () => {
    server = await startTestServer({ trustProxy: [PROXY] });
    // an attacker varying the header is still one client: its own address
    for (let i = 0; i < 6; i++) {
      await client(server, '192.0.2.10', `198.51.100.${i}`).login('wrong');
    }
    const next = await client(server, '192.0.2.10', '198.51.100.99').login(TEST_PASSWORD);
    expect(next.statusCode).toBe(429);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('behind a trusted reverse proxy (TRUST_PROXY)', { timeout: 120_000 }, () => {
  it('limits the forwarded client: an attacker behind the proxy does not lock the owner out', async () => {
    server = await startTestServer({ trustProxy: [PROXY] });
    const attacker = client(server, PROXY, '203.0.113.5');
    for (let i = 0; i < 9; i++) await attacker.login('wrong');
    expect((await attacker.login(TEST_PASSWORD)).statusCode).toBe(429);
    for (let i = 0; i < 9; i++) await attacker.get('wrong-key');

    const owner = client(server, PROXY, '198.51.100.7');
    expect((await owner.login(TEST_PASSWORD)).statusCode).toBe(200);
    expect((await owner.get(TEST_API_KEY)).statusCode).toBe(200);
    // the log names the real client
    const failed = server.logger.entries.filter((e) => /Failed login/.test(e.message));
    expect(failed.at(-1)?.message).toContain('203.0.113.5');
  });

  it('trusts a proxy given as a CIDR; the client is the last address not of a trusted proxy', async () => {
    server = await startTestServer({ trustProxy: ['10.0.0.0/8'] });
    // spoofed first entry, then the real client, then a second trusted proxy hop
    const attacker = client(server, '10.1.2.3', '192.0.2.1, 203.0.113.5, 10.9.9.9');
    for (let i = 0; i < 9; i++) await attacker.login('wrong');
    expect((await client(server, '10.1.2.3', '203.0.113.5').login(TEST_PASSWORD)).statusCode).toBe(
      429,
    );
    expect((await client(server, '10.1.2.3', '192.0.2.1').login(TEST_PASSWORD)).statusCode).toBe(
      200,
    );
  });
});
