import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testKeyPair } from '../../test-support/ssh-keys';
import { validateDestinationKey } from './destination-validation';
import { keyPathRefused, readKeyFile } from './private-key';

const plainKey = testKeyPair();
const PASSPHRASE = 'correct horse battery staple';
const encryptedKey = testKeyPair({ passphrase: PASSPHRASE, cipher: 'aes256-ctr', rounds: 2 });

let root: string;
let configDir: string;
let outside: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'asr-keypath-'));
  configDir = join(root, 'config');
  outside = join(root, 'elsewhere');
  mkdirSync(join(configDir, 'ssh'), { recursive: true });
  mkdirSync(join(configDir, 'keys'), { recursive: true });
  mkdirSync(join(configDir, 'auth'), { recursive: true });
  mkdirSync(join(outside, 'folder'), { recursive: true });
  writeFileSync(join(configDir, 'ssh', 'id_ed25519'), plainKey.private, { mode: 0o600 });
  writeFileSync(join(configDir, 'ssh', 'id_enc'), encryptedKey.private, { mode: 0o600 });
  writeFileSync(join(configDir, 'ssh', 'notes.txt'), 'just text');
  writeFileSync(join(configDir, 'keys', 'other.pem'), plainKey.private, { mode: 0o600 });
  writeFileSync(join(configDir, 'auth', 'api-key'), 'k\n', { mode: 0o600 });
  // a real, readable key outside CONFIG_DIR (as the server's own host key would be)
  writeFileSync(join(outside, 'ssh_host_ed25519_key'), plainKey.private, { mode: 0o600 });
  writeFileSync(join(outside, 'unreadable'), plainKey.private, { mode: 0o000 });
  chmodSync(join(outside, 'unreadable'), 0o000);
  symlinkSync(join(outside, 'ssh_host_ed25519_key'), join(configDir, 'ssh', 'link-out'));
  symlinkSync(join(configDir, 'ssh', 'id_ed25519'), join(configDir, 'ssh', 'link-in'));
  symlinkSync(outside, join(configDir, 'mounted-out'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const check = (privateKeyPath: string, passphrase: string | null = null) =>
  validateDestinationKey(configDir, { privateKeyPath, passphrase });

describe('privateKeyPath: only a readable file inside CONFIG_DIR', () => {
  it('accepts a key file inside CONFIG_DIR, and a link to one that stays inside', async () => {
    await expect(check(join(configDir, 'ssh', 'id_ed25519'))).resolves.toBeUndefined();
    await expect(check(join(configDir, 'ssh', 'link-in'))).resolves.toBeUndefined();
    await expect(check(join(configDir, 'ssh', 'id_enc'), PASSPHRASE)).resolves.toBeUndefined();
    const read = await readKeyFile(configDir, join(configDir, 'ssh', 'id_ed25519'));
    expect(read.toString('utf8')).toBe(plainKey.private);
  });

  it.each([
    ['a relative path', 'ssh/id_ed25519'],
    ['a missing file outside', '/nonexistent/id_ed25519'],
    ['a readable key outside (the host key)', '@elsewhere/ssh_host_ed25519_key'],
    ['an unreadable file outside', '@elsewhere/unreadable'],
    ['a folder outside', '@elsewhere/folder'],
    ['the system host key', '/etc/ssh/ssh_host_ed25519_key'],
    ['/etc/shadow', '/etc/shadow'],
    ['a link inside pointing outside', '@config/ssh/link-out'],
    ['a path through a linked folder', '@config/mounted-out/ssh_host_ed25519_key'],
    ['a dot-dot escape', '@config/ssh/../../elsewhere/ssh_host_ed25519_key'],
    ['a missing file inside', '@config/ssh/nope'],
    ['a folder inside', '@config/ssh'],
    ['CONFIG_DIR itself', '@config'],
    ["another destination's stored key", '@config/keys/other.pem'],
    ["the app's credentials", '@config/auth/api-key'],
  ])('%s: one refusal that says nothing about it', async (_what, path) => {
    const absolute = path.startsWith('@') ? join(root, path.slice(1)) : path;
    const error = await check(absolute).then(
      () => undefined,
      (e: unknown) => e,
    );
    const expected = keyPathRefused(configDir);
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'privateKeyPath',
      message: expected.message,
    });
    if (absolute.startsWith('/') && !absolute.startsWith(configDir))
      expect((error as Error).message).not.toContain(absolute);
  });

  it('a file inside that is not a key, or a key without its passphrase: told so', async () => {
    await expect(check(join(configDir, 'ssh', 'notes.txt'))).rejects.toMatchObject({
      field: 'privateKeyPath',
      message: expect.stringMatching(/not an SSH private key/),
    });
    await expect(check(join(configDir, 'ssh', 'id_enc'))).rejects.toMatchObject({
      field: 'passphrase',
    });
    await expect(check(join(configDir, 'ssh', 'id_enc'), 'wrong')).rejects.toMatchObject({
      field: 'passphrase',
    });
  });

  it('a pasted key is checked against its passphrase', async () => {
    const paste = (privateKey: string, passphrase: string | null) =>
      validateDestinationKey(configDir, { privateKey, privateKeyPath: null, passphrase });
    await expect(paste(encryptedKey.private, PASSPHRASE)).resolves.toBeUndefined();
    await expect(paste(encryptedKey.private, 'wrong')).rejects.toMatchObject({
      field: 'passphrase',
    });
    await expect(paste('garbage', null)).rejects.toMatchObject({ field: 'privateKey' });
  });
});
