import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import { DEFAULT_TRANSFER_TIMEOUTS } from './connection';
import { openOneOffConnection } from './one-off-connection';
import { fakeDestination, FakeSftpServer } from './testing/fake-sftp-client';

const destination = fakeDestination();

describe('openOneOffConnection', () => {
  it('connects with the default time limits when none are given', async () => {
    const server = new FakeSftpServer();
    const conn = await openOneOffConnection(destination, {
      clientFactory: server.factory,
      logger: memoryLogger(),
    });
    expect(server.clients[0]?.config).toMatchObject({
      host: 'h',
      readyTimeout: DEFAULT_TRANSFER_TIMEOUTS.connectMs,
    });
    await conn.close();
  });

  it('takes the time limits it is given over the defaults', async () => {
    const server = new FakeSftpServer();
    const conn = await openOneOffConnection(destination, {
      clientFactory: server.factory,
      logger: memoryLogger(),
      timeouts: { connectMs: 12_345 },
    });
    expect(server.clients[0]?.config).toMatchObject({ readyTimeout: 12_345 });
    await conn.close();
  });
});
