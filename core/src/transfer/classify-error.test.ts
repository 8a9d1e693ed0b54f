import { describe, expect, it } from 'vitest';
import { AppError } from '../../contract';
import { classifyTransferError, redact, type FailureContext } from './classify-error';
import { createHostKeyCheck } from './host-key';
import { TEST_HOST_KEY, TEST_HOST_KEY_FINGERPRINT, sftpError } from './testing/fake-sftp-client';
import { OperationTimeoutError } from './time-limits';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIEsecretsecret\n-----END RSA PRIVATE KEY-----';

const ctx = (extra: Partial<FailureContext> = {}): FailureContext => ({
  host: 'h.example',
  port: 22,
  username: 'rec',
  phase: 'connect',
  hostKey: createHostKeyCheck(null),
  secrets: [KEY, 'pass-phrase'],
  ...extra,
});

describe('classifyTransferError', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused'],
    ['ETIMEDOUT', 'connection timed out'],
    ['EHOSTUNREACH', 'no route to host'],
    ['ENOTFOUND', 'host name not found'],
  ])('%s while connecting → SSH_UNREACHABLE', (code, words) => {
    const err = classifyTransferError(sftpError(`getConnection: ${code}`, code), ctx());
    expect(err.code).toBe('SSH_UNREACHABLE');
    expect(err.message).toContain(`h.example:22 is unreachable (${words})`);
    expect(err.message).toMatch(code === 'ENOTFOUND' ? /host name/ : /firewall/);
  });

  it('a handshake timeout or lost connection before it → SSH_UNREACHABLE', () => {
    const timeout = sftpError('Timed out while waiting for handshake', 'X', 'client-timeout');
    expect(classifyTransferError(timeout, ctx()).code).toBe('SSH_UNREACHABLE');
    const lost = new Error('getConnection: Connection lost before handshake');
    expect(classifyTransferError(lost, ctx()).code).toBe('SSH_UNREACHABLE');
    const ours = new OperationTimeoutError('connecting', 20_000);
    expect(classifyTransferError(ours, ctx()).message).toMatch(/no SSH session within 20 s/);
  });

  it('authentication failures and unreadable keys → SSH_AUTH_FAILED, field privateKey', () => {
    const refused = classifyTransferError(
      sftpError('All configured authentication methods failed', 'X', 'client-authentication'),
      ctx(),
    );
    expect(refused.code).toBe('SSH_AUTH_FAILED');
    expect(refused.field).toBe('privateKey');
    expect(refused.message).toMatch(/refused the key for user “rec”.*username/);

    const unreadable = classifyTransferError(
      new Error('Encrypted private OpenSSH key detected, but no passphrase given'),
      ctx(),
    );
    expect(unreadable.code).toBe('SSH_AUTH_FAILED');
    expect(unreadable.message).toMatch(/could not be used.*passphrase is right/);
  });

  it('a pinned key that does not match → HOST_KEY_MISMATCH, whatever the raw error says', () => {
    const hostKey = createHostKeyCheck('SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k');
    hostKey.verify(TEST_HOST_KEY);
    const err = classifyTransferError(
      new Error('Host denied (verification failed)'),
      ctx({ hostKey }),
    );
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.message).toContain(TEST_HOST_KEY_FINGERPRINT);
  });

  it('errors after connecting → TRANSFER_FAILED naming host, path and a hint', () => {
    const err = classifyTransferError(
      sftpError('_put: Write stream error: Permission denied /srv/a.mp3.part', 3),
      ctx({ phase: 'transfer', remotePath: '/srv/a.mp3' }),
    );
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(err.message).toBe(
      'SFTP transfer on h.example:22 failed (/srv/a.mp3): Write stream error: Permission denied ' +
        '/srv/a.mp3.part (permission denied: check that the user may write to the remote directory).',
    );
    const stalled = classifyTransferError(
      new OperationTimeoutError('fastPut', 60_000),
      ctx({ phase: 'transfer', remotePath: '/srv/a.mp3' }),
    );
    expect(stalled.message).toMatch(
      /stopped answering: fastPut timed out after 60 s \(\/srv\/a\.mp3\)/,
    );
  });

  it('an unknown error while connecting is TRANSFER_FAILED, not unreachable', () => {
    const err = classifyTransferError(new Error('Handshake failed: no matching cipher'), ctx());
    expect(err.code).toBe('TRANSFER_FAILED');
    expect(err.message).toContain('Could not open an SFTP session with h.example:22');
  });

  it('passes AppErrors through and keeps the cause', () => {
    const app = new AppError('TRANSFER_SIZE_MISMATCH', 'x');
    expect(classifyTransferError(app, ctx())).toBe(app);
    const raw = sftpError('ECONNREFUSED', 'ECONNREFUSED');
    expect(classifyTransferError(raw, ctx()).cause).toBe(raw);
  });

  it('never lets key material or the passphrase into a message', () => {
    const err = classifyTransferError(
      new Error(`Cannot parse privateKey: ${KEY} with pass-phrase`),
      ctx(),
    );
    expect(err.message).not.toContain('MIIE');
    expect(err.message).not.toContain('pass-phrase');
  });
});

describe('redact', () => {
  it('removes PEM blocks (even unterminated) and secrets', () => {
    expect(redact(`a ${KEY} b`, [])).toBe('a [redacted key] b');
    expect(redact('x -----BEGIN OPENSSH PRIVATE KEY-----\nAAAA', [])).toBe('x [redacted key]');
    expect(
      redact('the pass-phrase is buf-secret', ['pass-phrase', Buffer.from('buf-secret')]),
    ).toBe('the [redacted] is [redacted]');
    expect(redact('short ab', ['ab'])).toBe('short ab');
  });
});
