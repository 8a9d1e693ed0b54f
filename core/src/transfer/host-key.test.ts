import { describe, expect, it } from 'vitest';
import {
  createHostKeyCheck,
  fingerprintOf,
  hostKeyMismatchError,
  isSha256Fingerprint,
  normalizeFingerprint,
} from './host-key';
import { TEST_HOST_KEY, TEST_HOST_KEY_FINGERPRINT } from './testing/fake-sftp-client';

// `ssh-keygen -lf` of this ecdsa key printed SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k
const ECDSA_BLOB = Buffer.from(
  'AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBPFrHtFKAn/tNKWVhrucw6bmbZrQdCunbn/vq5B5IICVpAozrMgh9mEYbx2wx3EXZC1010OVIBwe3wD/q444aFI=',
  'base64',
);
const ECDSA_FINGERPRINT = 'SHA256:I4VPtWmK+iIT5GRoiSJHFv221YPlXhh2UPJhkvNv43k';

describe('fingerprintOf', () => {
  it('prints SHA256:<base64 without padding> exactly as ssh-keygen -lf', () => {
    expect(fingerprintOf(TEST_HOST_KEY)).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(fingerprintOf(ECDSA_BLOB)).toBe(ECDSA_FINGERPRINT);
    expect(fingerprintOf(ECDSA_BLOB)).not.toContain('=');
  });
});

describe('normalizeFingerprint / isSha256Fingerprint', () => {
  it('tolerates blanks, padding and a lower-case or missing prefix', () => {
    const body = TEST_HOST_KEY_FINGERPRINT.slice('SHA256:'.length);
    expect(normalizeFingerprint(`  sha256:${body}=  `)).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(normalizeFingerprint(body)).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(isSha256Fingerprint(TEST_HOST_KEY_FINGERPRINT)).toBe(true);
  });

  it('rejects MD5 fingerprints and garbage', () => {
    expect(isSha256Fingerprint('MD5:16:27:ac:a5:76:28:2d:36:63:1b:56:4d:eb:df:a6:48')).toBe(false);
    expect(isSha256Fingerprint('SHA256:short')).toBe(false);
  });
});

describe('createHostKeyCheck', () => {
  it('without a pin accepts any key and reports it for pinning', () => {
    const check = createHostKeyCheck(null);
    expect(check.expected).toBeUndefined();
    expect(check.observed()).toBeUndefined();
    expect(check.verify(TEST_HOST_KEY)).toBe(true);
    expect(check.observed()).toBe(TEST_HOST_KEY_FINGERPRINT);
    expect(check.mismatched()).toBe(false);
  });

  it('an empty pin counts as none', () => {
    expect(createHostKeyCheck('  ').verify(ECDSA_BLOB)).toBe(true);
  });

  it('with a pin accepts only an equal key', () => {
    const check = createHostKeyCheck(
      TEST_HOST_KEY_FINGERPRINT.toLowerCase().replace('sha256:', ''),
    );
    // the base64 body is case-sensitive: lower-casing it makes a different fingerprint
    expect(check.verify(TEST_HOST_KEY)).toBe(false);

    const exact = createHostKeyCheck(TEST_HOST_KEY_FINGERPRINT);
    expect(exact.verify(TEST_HOST_KEY)).toBe(true);
    expect(exact.verify(ECDSA_BLOB)).toBe(false);
    expect(exact.mismatched()).toBe(true);
    expect(exact.observed()).toBe(ECDSA_FINGERPRINT);
  });
});

describe('hostKeyMismatchError', () => {
  it('names both fingerprints and what to do', () => {
    const err = hostKeyMismatchError('h:22', TEST_HOST_KEY_FINGERPRINT, ECDSA_FINGERPRINT);
    expect(err.code).toBe('HOST_KEY_MISMATCH');
    expect(err.message).toContain(`${ECDSA_FINGERPRINT}, but ${TEST_HOST_KEY_FINGERPRINT}`);
    expect(err.message).toContain('clear the pinned fingerprint of the destination');
  });
});
