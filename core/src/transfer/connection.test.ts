import { describe, expect, it } from 'vitest';
import { systemClock } from '../ports/clock';
import { memoryLogger } from '../ports/logger';
import { openConnection } from './connection';
import {
  fakeDestination,
  FakeSftpServer,
  sftpError,
  TEST_HOST_KEY_FINGERPRINT,
} from './testing/fake-sftp-client';

const destination = fakeDestination({ passphrase: '' });
// roomy, so that a loaded machine never trips them; a test about a limit passes a short one
const roomy = { connectMs: 10_000, operationMs: 10_000, stallMs: 10_000, endMs: 10_000 };

function open(server: FakeSftpServer, timeouts: Partial<typeof roomy> = {}) {
  return openConnection(
    destination,
    { ...roomy, ...timeouts },
    {
      clientFactory: server.factory,
      logger: memoryLogger(),
      clock: systemClock,
    },
  );
}

describe('openConnection', () => {
  it('connects with readyTimeout and a host verifier, without an empty passphrase', async () => {
    const server = new FakeSftpServer();
    const conn = await open(server);
    const config = server.clients[0]?.config;
    expect(config).toMatchObject({ host: 'h', port: 22, username: 'u', readyTimeout: 10_000 });
    expect(config && 'passphrase' in config).toBe(false);
    expect(conn.hostKey.observed()).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(conn.where).toBe('h:22');
    await conn.close();
    expect(server.clients[0]?.ended).toBe(true);
  });

  it('a call that hangs times out, destroys the client and marks the connection dead', async () => {
    const server = new FakeSftpServer();
    const conn = await open(server, { operationMs: 50 });
    const err = await conn.call('stat /x', () => new Promise(() => undefined)).catch((e) => e);
    expect(err).toMatchObject({ name: 'OperationTimeoutError', operation: 'stat /x' });
    expect(conn.alive).toBe(false);
    expect(server.clients[0]?.destroyed).toBe(true);
    await conn.close(); // no end() on a dead connection
    expect(server.calls).not.toContain('end');
  });

  it('an SFTP status error keeps the connection alive; a lost connection does not', async () => {
    const server = new FakeSftpServer();
    const conn = await open(server);
    await conn.call('x', () => Promise.reject(sftpError('Permission denied', 3))).catch(() => 0);
    expect(conn.alive).toBe(true);
    await conn.call('y', () => Promise.reject(sftpError('reset', 'ECONNRESET'))).catch(() => 0);
    expect(conn.alive).toBe(false);
  });

  it('close() never hangs on end()', async () => {
    const server = new FakeSftpServer();
    server.behaviour.endHangs = true;
    const conn = await open(server, { endMs: 50 });
    await conn.close();
    expect(server.clients[0]?.destroyed).toBe(true);
  });
});
