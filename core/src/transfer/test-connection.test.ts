import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../ports/logger';
import type { SftpDestination } from './connection';
import { testDestination } from './test-connection';
import {
  fakeDestination,
  FakeSftpServer,
  TEST_HOST_KEY_FINGERPRINT,
  sftpError,
} from './testing/fake-sftp-client';

const destination = (extra: Partial<SftpDestination> = {}): SftpDestination =>
  fakeDestination({ remoteDir: '/srv/in', ...extra });

function run(server: FakeSftpServer, extra: Partial<SftpDestination> = {}) {
  return testDestination(destination(extra), {
    clientFactory: server.factory,
    logger: memoryLogger(),
    // roomy: none of these tests is about a time limit, and a loaded machine must not trip one
    timeouts: { connectMs: 10_000, operationMs: 10_000, stallMs: 10_000, endMs: 10_000 },
  });
}

describe('testDestination', () => {
  it('connects, creates the directory, writes and deletes a probe: ok + fingerprint', async () => {
    const server = new FakeSftpServer();
    const result = await run(server);
    expect(result).toEqual({ ok: true, hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT });
    expect(server.calls).toContain('mkdir /srv/in -p');
    expect(server.calls.some((c) => /^put \/srv\/in\/\.asr-write-test-/.test(c))).toBe(true);
    expect(server.calls.some((c) => /^delete \/srv\/in\/\.asr-write-test-/.test(c))).toBe(true);
    expect(server.files.size).toBe(0);
  });

  it('an unwritable directory: not ok, a sentence naming the directory and the reason', async () => {
    const server = new FakeSftpServer();
    server.behaviour.putError = sftpError('_put: Write stream error: Permission denied', 3);
    const result = await run(server);
    expect(result.ok).toBe(false);
    expect(result.code).toBe('TRANSFER_FAILED');
    expect(result.error).toMatch(
      /Writing a test file to \/srv\/in on h:22 failed.*permission denied/i,
    );
    expect(result.hostKeyFingerprint).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(server.files.size).toBe(0); // the probe was cleaned up
  });

  it('a changed host key: not ok, HOST_KEY_MISMATCH, and the key the server shows now', async () => {
    const server = new FakeSftpServer();
    const pinned = 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k';
    const result = await run(server, { hostKeyFingerprint: pinned });
    expect(result).toMatchObject({
      ok: false,
      code: 'HOST_KEY_MISMATCH',
      hostKeyFingerprint: TEST_HOST_KEY_FINGERPRINT,
    });
    expect(server.calls).toEqual(['connect']);
  });

  it('an unreachable server: not ok, SSH_UNREACHABLE, no fingerprint', async () => {
    const server = new FakeSftpServer();
    server.behaviour.connect = () =>
      Promise.reject(sftpError('connect ECONNREFUSED', 'ECONNREFUSED'));
    const result = await run(server);
    expect(result).toMatchObject({ ok: false, code: 'SSH_UNREACHABLE' });
    expect(result.hostKeyFingerprint).toBeUndefined();
    expect(result.error).toMatch(/h:22 is unreachable/);
  });
});
