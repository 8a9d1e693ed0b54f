import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { createSftpClientFactory } from './sftp-client';

// The real client against local sockets that are not SSH servers: quick checks that errors keep
// the code and ssh2's level that classification relies on. The real server is in
// uploader.integration.test.ts.

let server: Server | undefined;
const sockets = new Set<Socket>();

afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets.clear();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

function listen(onConnection: (socket: Socket) => void): Promise<number> {
  return new Promise((resolve) => {
    server = createServer((socket) => {
      sockets.add(socket);
      onConnection(socket);
    });
    server.listen(0, '127.0.0.1', () => {
      const address = server?.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

const config = (port: number) => ({
  host: '127.0.0.1',
  port,
  username: 'nobody',
  privateKey: 'not a key',
  readyTimeout: 300,
  hostVerifier: () => true,
});

describe('the ssh2-sftp-client adapter', () => {
  it('a refused connection rejects with code ECONNREFUSED', async () => {
    const port = await listen(() => undefined);
    await new Promise<void>((r) => server?.close(() => r()));
    server = undefined;
    const client = createSftpClientFactory(memoryLogger())();
    const err = await client
      .connect({ ...config(port), privateKey: undefined as never })
      .catch((e) => e);
    expect(err).toMatchObject({ code: 'ECONNREFUSED' });
    client.destroy();
  });

  it('a server that never speaks SSH: readyTimeout with level client-timeout', async () => {
    const port = await listen(() => undefined);
    const client = createSftpClientFactory(memoryLogger())();
    const started = Date.now();
    const err = await client
      .connect({ ...config(port), privateKey: undefined as never })
      .catch((e) => e);
    expect(err.message).toMatch(/Timed out while waiting for handshake/);
    expect(err.level).toBe('client-timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    client.destroy();
  });

  it('an unreadable private key rejects without connecting', async () => {
    let connections = 0;
    const port = await listen(() => connections++);
    const client = createSftpClientFactory(memoryLogger())();
    const err = await client.connect(config(port)).catch((e) => e);
    expect(err.message).toMatch(/Cannot parse privateKey/);
    expect(err.message).not.toContain('not a key');
    expect(connections).toBe(0);
    client.destroy();
  });

  it('end() and destroy() on a client that never connected are harmless', async () => {
    const client = createSftpClientFactory()();
    await expect(client.end()).resolves.toBeUndefined();
    expect(() => client.destroy()).not.toThrow();
  });
});
