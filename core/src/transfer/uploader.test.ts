import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appErrorOf } from '../../test-support/app-error-code';
import { memoryLogger } from '../ports/logger';
import type { SftpDestination } from './connection';
import { FakeSftpServer, TEST_HOST_KEY_FINGERPRINT, sftpError } from './testing/fake-sftp-client';
import { uploadFile, type UploadRequest } from './uploader';

const SECRET_KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1tYXRlcmlhbA==\n-----END OPENSSH PRIVATE KEY-----\n';
const PASSPHRASE = 'hunter2-passphrase';
const SIZE = 200_000;

let dir: string;
let localPath: string;
let server: FakeSftpServer;
let logger: ReturnType<typeof memoryLogger>;

const destination = (extra: Partial<SftpDestination> = {}): SftpDestination => ({
  id: 'd1',
  host: 'sftp.example',
  port: 2222,
  username: 'rec',
  remoteDir: '/srv/shows',
  privateKey: SECRET_KEY,
  passphrase: PASSPHRASE,
  ...extra,
});

// roomy limits, so that a loaded machine never trips them; the tests of the limits pass short ones
const roomyTimeouts = { connectMs: 10_000, operationMs: 10_000, stallMs: 10_000, endMs: 5_000 };
const shortTimeouts = { connectMs: 100, operationMs: 100, stallMs: 100, endMs: 50 };

function upload(extra: Partial<UploadRequest> = {}, dest: Partial<SftpDestination> = {}) {
  return uploadFile(
    {
      destination: destination(dest),
      localPath,
      fileName: 'show.mp3',
      timeouts: roomyTimeouts,
      ...extra,
    },
    { clientFactory: server.factory, logger },
  );
}

function expectNoSecrets(text: string) {
  expect(text).not.toContain('c2VjcmV0');
  expect(text).not.toContain('PRIVATE KEY');
  expect(text).not.toContain(PASSPHRASE);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asr-uploader-'));
  localPath = join(dir, 'show.mp3');
  await writeFile(localPath, Buffer.alloc(SIZE, 7));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  server = new FakeSftpServer();
  logger = memoryLogger();
});

describe('uploadFile', () => {
  it('creates the directory, uploads to .part with fastPut and renames into place', async () => {
    const progress: number[] = [];
    const result = await upload({ onProgress: (bytes, total) => progress.push(bytes, total) });

    expect(result).toEqual({
      remotePath: '/srv/shows/show.mp3',
      bytes: SIZE,
      hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
      transferMode: 'fastPut',
    });
    expect(server.files.get('/srv/shows/show.mp3')).toBe(SIZE);
    expect(server.partFiles()).toEqual([]);
    expect(server.calls).toContain('mkdir /srv/shows -p');
    expect(server.calls).toContain('fastPut /srv/shows/show.mp3.part');
    expect(server.calls).toContain('rename /srv/shows/show.mp3.part -> /srv/shows/show.mp3');
    expect(server.calls.at(-1)).toBe('end');
    expect(server.clients[0]?.config?.readyTimeout).toBe(10_000);
    expect(progress.at(-2)).toBe(SIZE);
  });

  it('reports progress forwards only, ending at totalBytes, also across a fallback', async () => {
    server.behaviour.fastPutError = sftpError('fastPut: Failure', 4);
    const seen: Array<[number, number]> = [];
    await upload({ onProgress: (bytes, total) => seen.push([bytes, total]) });

    const bytes = seen.map(([b]) => b);
    expect(bytes[0]).toBe(0);
    expect(bytes.at(-1)).toBe(SIZE);
    for (let i = 1; i < bytes.length; i++) expect(bytes[i]).toBeGreaterThan(bytes[i - 1]!);
    expect(seen.every(([, total]) => total === SIZE)).toBe(true);
  });

  it('never overwrites: a taken name becomes "name (2).mp3", then "(3)"', async () => {
    server.files.set('/srv/shows/show.mp3', 1);
    const second = await upload();
    expect(second.remotePath).toBe('/srv/shows/show (2).mp3');
    const third = await upload();
    expect(third.remotePath).toBe('/srv/shows/show (3).mp3');
    expect(server.files.get('/srv/shows/show.mp3')).toBe(1);
  });

  it('takes the next free name when the target appears between upload and rename', async () => {
    server.behaviour.beforeRename = (_from, to) => {
      if (to === '/srv/shows/show.mp3') server.files.set(to, 5);
    };
    const result = await upload();
    expect(result.remotePath).toBe('/srv/shows/show (2).mp3');
    expect(server.files.get('/srv/shows/show.mp3')).toBe(5);
    expect(server.files.get('/srv/shows/show (2).mp3')).toBe(SIZE);
    expect(server.partFiles()).toEqual([]);
  });

  it('falls back to a streamed put when the server refuses fastPut, and says so', async () => {
    server.behaviour.fastPutError = sftpError('fastPut: Failure Local: x Remote: y', 4);
    const result = await upload();
    expect(result.transferMode).toBe('put');
    expect(server.calls).toContain('put /srv/shows/show.mp3.part');
    expect(server.files.get('/srv/shows/show.mp3')).toBe(SIZE);
    expect(logger.entries.some((e) => e.level === 'warn' && /fastPut/.test(e.message))).toBe(true);
  });

  it("goes straight to put when the destination's transferMode is 'put'", async () => {
    const result = await upload({}, { transferMode: 'put' });
    expect(result.transferMode).toBe('put');
    expect(server.calls.some((c) => c.startsWith('fastPut'))).toBe(false);
  });

  it('does not fall back on "permission denied": TRANSFER_FAILED naming the path, no .part', async () => {
    server.behaviour.fastPutError = sftpError('fastPut: Permission denied', 3);
    const err = await appErrorOf(upload());
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(err.message).toContain('/srv/shows/show.mp3');
    expect(err.message).toContain('sftp.example:2222');
    expect(err.message).toMatch(/permission denied/i);
    expect(server.calls.some((c) => c.startsWith('put'))).toBe(false);
    expect(server.partFiles()).toEqual([]);
  });

  it('a wrong size deletes the .part and throws TRANSFER_SIZE_MISMATCH (after trying put)', async () => {
    server.behaviour.partSizeDelta = -1;
    const err = await appErrorOf(upload());
    expect(err.code).toBe('TRANSFER_SIZE_MISMATCH');
    expect(server.calls).toContain('put /srv/shows/show.mp3.part');
    expect(server.calls).toContain('delete /srv/shows/show.mp3.part');
    expect(server.partFiles()).toEqual([]);
    expect(server.files.has('/srv/shows/show.mp3')).toBe(false);
  });

  it('a hanging end() is cut short: the result still resolves and the socket is destroyed', async () => {
    server.behaviour.endHangs = true;
    const started = Date.now();
    // end() is given 2 s, everything else 60 s: the upload ends long before the other limits
    const result = await upload({
      timeouts: { connectMs: 60_000, operationMs: 60_000, stallMs: 60_000, endMs: 2_000 },
    });
    expect(result.remotePath).toBe('/srv/shows/show.mp3');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(server.clients[0]?.destroyed).toBe(true);
  });

  it('a stalled fastPut is abandoned after stallMs with TRANSFER_FAILED', async () => {
    server.behaviour.fastPutHangs = true;
    const err = await appErrorOf(upload({ timeouts: shortTimeouts }));
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(err.message).toMatch(/stopped answering.*fastPut/);
    expect(server.clients[0]?.destroyed).toBe(true);
  });

  it('uses a new client for every attempt', async () => {
    await upload();
    await upload();
    expect(server.clients).toHaveLength(2);
  });

  it('refuses a pinned fingerprint that differs, before touching anything', async () => {
    const pinned = 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k';
    const err = await appErrorOf(upload({}, { hostKeyFingerprint: pinned }));
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.message).toContain(pinned);
    expect(err.message).toContain(TEST_HOST_KEY_FINGERPRINT);
    expect(err.message).toMatch(/clear the pinned fingerprint/);
    expect(server.calls).toEqual(['connect']);
  });

  it('accepts an equal pinned fingerprint', async () => {
    const result = await upload({}, { hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT });
    expect(result.hostKeyFingerprint).toBe(TEST_HOST_KEY_FINGERPRINT);
  });

  it.each([
    [
      'ECONNREFUSED',
      sftpError('getConnection: connect ECONNREFUSED', 'ECONNREFUSED'),
      'SSH_UNREACHABLE',
    ],
    [
      'handshake timeout',
      sftpError(
        'getConnection: Timed out while waiting for handshake',
        'ERR_GENERIC_CLIENT',
        'client-timeout',
      ),
      'SSH_UNREACHABLE',
    ],
    [
      'key refused',
      sftpError(
        'getConnection: All configured authentication methods failed',
        'ERR_GENERIC_CLIENT',
        'client-authentication',
      ),
      'SSH_AUTH_FAILED',
    ],
    [
      'bad passphrase',
      new Error(
        `Cannot parse privateKey: OpenSSH key integrity check failed -- bad passphrase? ${PASSPHRASE}`,
      ),
      'SSH_AUTH_FAILED',
    ],
  ])('classifies %s while connecting', async (_name, error, code) => {
    server.behaviour.connect = () => Promise.reject(error);
    const err = await appErrorOf(upload());
    expect(err.code).toBe(code);
    expect(err.message).toContain('sftp.example:2222');
    expectNoSecrets(err.message);
    for (const entry of logger.entries) expectNoSecrets(entry.message);
    expect(server.clients[0]?.destroyed).toBe(true);
  });

  it('a connect that never answers is SSH_UNREACHABLE after the connect time limit', async () => {
    server.behaviour.connect = () => new Promise(() => undefined);
    const err = await appErrorOf(upload({ timeouts: shortTimeouts }));
    expect(err.code).toBe('SSH_UNREACHABLE');
    expect(err.message).toMatch(/sftp\.example:2222 is unreachable.*firewall/);
  });

  it('refuses a fileName that would leave the directory', async () => {
    const err = await appErrorOf(upload({ fileName: '../escape.mp3' }));
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(server.calls).toEqual([]);
  });

  it('a missing local file is TRANSFER_FAILED without connecting', async () => {
    const err = await appErrorOf(upload({ localPath: join(dir, 'missing.mp3') }));
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(server.calls).toEqual([]);
  });
});
