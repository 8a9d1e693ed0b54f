import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, TEST_API_KEY, type TestServer } from '../test-server';
import { allowedHostNames, hostHeaderName, isLoopbackListenAddress } from './host-check';

describe('isLoopbackListenAddress', () => {
  it('knows the loopback addresses from the others', () => {
    for (const host of [
      '127.0.0.1',
      '127.1.2.3',
      'localhost',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ]) {
      expect(isLoopbackListenAddress(host), host).toBe(true);
    }
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'recorder.lan', '128.0.0.1']) {
      expect(isLoopbackListenAddress(host), host).toBe(false);
    }
  });
});

describe('hostHeaderName', () => {
  it('drops the port and the case, and keeps the brackets of an IPv6 address', () => {
    expect(hostHeaderName('LocalHost:8666')).toBe('localhost');
    expect(hostHeaderName('127.0.0.1')).toBe('127.0.0.1');
    expect(hostHeaderName('[::1]:8666')).toBe('[::1]');
    expect(hostHeaderName('[::1')).toBeUndefined();
    expect(hostHeaderName('')).toBeUndefined();
    expect(hostHeaderName(undefined)).toBeUndefined();
  });
});

describe('allowedHostNames', () => {
  it('is the loopback names and ALLOWED_HOSTS on loopback, and anything (null) elsewhere', () => {
    expect([...allowedHostNames('127.0.0.1', ['recorder.lan'])!]).toEqual([
      'localhost',
      '127.0.0.1',
      '[::1]',
      'recorder.lan',
    ]);
    expect(allowedHostNames('0.0.0.0', ['recorder.lan'])).toBeNull();
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const get = (s: TestServer, host: string | undefined, url = '/api/things/a') =>
  s.app.inject({
    url,
    headers: { 'x-api-key': TEST_API_KEY, ...(host === undefined ? {} : { host }) },
  });

describe('DNS rebinding guard', () => {
  it('listening on loopback: answers localhost, 127.0.0.1 and [::1] on any port, refuses other names with 421', async () => {
    server = await startTestServer({ host: '127.0.0.1' });
    for (const host of ['localhost:8666', '127.0.0.1:9', '[::1]:8666', 'LOCALHOST', '127.0.0.1']) {
      expect((await get(server, host)).statusCode, host).toBe(200);
    }
    for (const host of [
      'evil.example',
      'evil.example:8666',
      '127.0.0.1.nip.io',
      'localhost.evil',
    ]) {
      const res = await get(server, host);
      expect(res.statusCode, host).toBe(421);
      expect(res.json()).toEqual({
        error: { code: 'MISDIRECTED_REQUEST', message: expect.stringContaining('ALLOWED_HOSTS') },
      });
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    }
    // pages and the health check too, before any authentication
    expect((await get(server, 'evil.example', '/')).statusCode).toBe(421);
    expect(
      (await server.app.inject({ url: '/api/health', headers: { host: 'evil' } })).statusCode,
    ).toBe(421);
  });

  it('adds the names of ALLOWED_HOSTS', async () => {
    server = await startTestServer({ host: '127.0.0.1', allowedHosts: ['recorder.lan'] });
    expect((await get(server, 'Recorder.LAN:8666')).statusCode).toBe(200);
    expect((await get(server, 'other.lan')).statusCode).toBe(421);
  });

  it('listening on all addresses: takes any Host', async () => {
    server = await startTestServer({ host: '0.0.0.0' });
    for (const host of ['evil.example', 'recorder.lan:8666', '192.168.1.20']) {
      expect((await get(server, host)).statusCode, host).toBe(200);
    }
  });
});
