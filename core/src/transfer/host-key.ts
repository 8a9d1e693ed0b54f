import { createHash } from 'node:crypto';
import { AppError } from '../../contract';

/**
 * The SHA-256 fingerprint of an SSH public key blob (the wire format ssh2 hands to a host
 * verifier), written exactly as OpenSSH prints it: `SHA256:` + base64 without `=` padding.
 */
export function fingerprintOf(key: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const SHA256_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** True for a fingerprint in OpenSSH's `SHA256:<43 base64 characters>` form. */
export function isSha256Fingerprint(value: string): boolean {
  return SHA256_FINGERPRINT.test(normalizeFingerprint(value));
}

/**
 * A pinned fingerprint as typed or pasted: surrounding blanks, `=` padding and a missing or
 * lower-case `sha256:` prefix are tolerated. The base64 part stays case-sensitive.
 */
export function normalizeFingerprint(value: string): string {
  const trimmed = value.trim().replace(/=+$/, '');
  const body = /^sha256:/i.test(trimmed) ? trimmed.slice('sha256:'.length) : trimmed;
  return `SHA256:${body}`;
}

/** Checks the host key presented during the handshake against a destination's pinned one. */
export interface HostKeyCheck {
  /** For ssh2's `hostVerifier`: accepts the key when nothing is pinned or the pin matches. */
  readonly verify: (key: Buffer) => boolean;
  /** The pinned fingerprint (normalised), or undefined when the first connection will pin. */
  readonly expected: string | undefined;
  /** The fingerprint the server presented, once the handshake got that far. */
  observed(): string | undefined;
  /** True when the server presented a key other than the pinned one. */
  mismatched(): boolean;
}

/**
 * With a pinned fingerprint, only an equal one is accepted; without one, any key is accepted and
 * its fingerprint is reported through `observed()` so that the caller can pin it (the first
 * successful connection pins).
 */
export function createHostKeyCheck(pinned?: string | null): HostKeyCheck {
  const expected = pinned && pinned.trim() !== '' ? normalizeFingerprint(pinned) : undefined;
  let observed: string | undefined;
  let mismatch = false;
  return {
    expected,
    verify: (key) => {
      observed = fingerprintOf(key);
      mismatch = expected !== undefined && observed !== expected;
      return !mismatch;
    },
    observed: () => observed,
    mismatched: () => mismatch,
  };
}

/** The error for a host key that differs from the pinned one: what happened and what to do. */
export function hostKeyMismatchError(
  where: string,
  expected: string,
  actual: string | undefined,
): AppError {
  return new AppError(
    'HOST_KEY_MISMATCH',
    `The SSH server at ${where} presented host key ${actual ?? '(unknown)'}, but ${expected} ` +
      'is pinned for this destination, so nothing was sent. If the server’s key really changed, ' +
      'clear the pinned fingerprint of the destination to accept the new one.',
    { field: 'hostKeyFingerprint' },
  );
}
