import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { PRIVATE_KEY_MAX_KDF_ROUNDS } from '../../contract/operations/destinations';
import { testKeyPair } from '../../test-support/ssh-keys';
import { assertPrivateKey, keyKdfRounds } from './private-key';

/** `pem` with the bcrypt rounds in its header replaced (the key itself no longer opens). */
function withRounds(pem: string, rounds: number): string {
  const [head, body, tail] = /^(-----BEGIN OPENSSH PRIVATE KEY-----\n)([\s\S]*?)(-----END.*)$/m
    .exec(pem)!
    .slice(1);
  const data = Buffer.from(body!.replace(/\s+/g, ''), 'base64');
  let at = 'openssh-key-v1\0'.length;
  for (let i = 0; i < 2; i++) at += 4 + data.readUInt32BE(at); // cipher, kdf name
  const saltLength = data.readUInt32BE(at + 4);
  data.writeUInt32BE(rounds, at + 8 + saltLength);
  return `${head}${data.toString('base64').replace(/.{70}/g, '$&\n')}\n${tail}`;
}

describe('keyKdfRounds', () => {
  it('reads the bcrypt rounds of an encrypted OpenSSH key, 0 for any other', () => {
    const key = testKeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 3 }).private;
    expect(keyKdfRounds(key)).toBe(3);
    expect(keyKdfRounds(Buffer.from(key))).toBe(3);
    expect(keyKdfRounds(withRounds(key, 4_000_000_000))).toBe(4_000_000_000);
    expect(keyKdfRounds(testKeyPair().private)).toBe(0);
    expect(keyKdfRounds('not a key')).toBe(0);
  });
});

describe('assertPrivateKey', () => {
  it('refuses a key asking for more bcrypt rounds than allowed, at once', async () => {
    const key = testKeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 2 }).private;
    const started = performance.now();
    await expect(
      assertPrivateKey(withRounds(key, 4_000_000_000), 'pw', 'privateKey'),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'privateKey',
      message: expect.stringContaining(`at most ${PRIVATE_KEY_MAX_KDF_ROUNDS}`) as string,
    });
    // opening it would have taken years
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('opens an encrypted key off the main thread: the event loop keeps turning', async () => {
    const rounds = 16; // ssh-keygen's default: a quarter of a second of bcrypt here
    const key = testKeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds }).private;
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      longest = Math.max(longest, performance.now() - last);
      last = performance.now();
    }, 5);
    const started = performance.now();
    try {
      await assertPrivateKey(key, 'pw', 'privateKey');
    } finally {
      clearInterval(timer);
    }
    const took = performance.now() - started;
    expect(longest).toBeLessThan(Math.max(100, took / 2));
    await expect(assertPrivateKey(key, 'wrong', 'privateKey')).rejects.toMatchObject({
      field: 'passphrase',
    });
  }, 60_000);
});
