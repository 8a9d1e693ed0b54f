import { beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../test-support/app-error-code';
import { memoryLogger } from '../ports/logger';
import type { SftpDestination } from './connection';
import { replaceRemoteFiles } from './replace-remote-files';
import { FakeSftpServer, TEST_HOST_KEY_FINGERPRINT, sftpError } from './testing/fake-sftp-client';

const destination: SftpDestination = {
  id: 'd1',
  host: 'sftp.example',
  port: 2222,
  username: 'rec',
  remoteDir: '/srv/shows',
  privateKey: 'key',
  hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
};
const roomy = { connectMs: 10_000, operationMs: 10_000, stallMs: 10_000, endMs: 5_000 };
const feed = { name: 'feed.xml', bytes: Buffer.from('<rss>new</rss>') };

let server: FakeSftpServer;
let logger: ReturnType<typeof memoryLogger>;
const replace = (files = [feed]) =>
  replaceRemoteFiles(destination, files, {
    clientFactory: server.factory,
    logger,
    timeouts: roomy,
  });

beforeEach(() => {
  server = new FakeSftpServer();
  logger = memoryLogger();
});

describe('replaceRemoteFiles', () => {
  it('writes <name>.part, checks its size, and moves it over the old file atomically', async () => {
    server.files.set('/srv/shows/feed.xml', 3);
    expect(await replace()).toEqual(['/srv/shows/feed.xml']);
    expect(server.files.get('/srv/shows/feed.xml')).toBe(feed.bytes.length);
    expect(server.partFiles()).toEqual([]);
    expect(server.calls).toEqual([
      'connect',
      'mkdir /srv/shows -p',
      'put /srv/shows/feed.xml.part',
      'stat /srv/shows/feed.xml.part',
      'posixRename /srv/shows/feed.xml.part -> /srv/shows/feed.xml',
      'end',
    ]);
  });

  it('without posix-rename: removes the old file, then renames', async () => {
    server.behaviour.noPosixRename = true;
    server.files.set('/srv/shows/feed.xml', 3);
    await replace();
    expect(server.files.get('/srv/shows/feed.xml')).toBe(feed.bytes.length);
    expect(server.calls.slice(4, -1)).toEqual([
      'posixRename /srv/shows/feed.xml.part -> /srv/shows/feed.xml',
      'exists /srv/shows/feed.xml',
      'delete /srv/shows/feed.xml',
      'rename /srv/shows/feed.xml.part -> /srv/shows/feed.xml',
    ]);
  });

  it('a failed write leaves no .part and the old file as it was; the error says what failed', async () => {
    server.files.set('/srv/shows/feed.xml', 3);
    server.behaviour.putError = sftpError('Write failed: disk full', 4);
    const error = await appErrorOf(replace());
    expect(error.code).toBe('TRANSFER_FAILED');
    expect(server.partFiles()).toEqual([]);
    expect(server.files.get('/srv/shows/feed.xml')).toBe(3);
  });

  it('a wrong size after the write replaces nothing', async () => {
    server.behaviour.partSizeDelta = -1;
    await expect(replace()).rejects.toThrow();
    expect(server.files.has('/srv/shows/feed.xml')).toBe(false);
    expect(server.partFiles()).toEqual([]);
  });

  it('refuses a name with a slash before connecting', async () => {
    await expect(replace([{ name: '../feed.xml', bytes: Buffer.from('x') }])).rejects.toThrow(
      /plain file name/,
    );
    expect(server.calls).toEqual([]);
  });
});
