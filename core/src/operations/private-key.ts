import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../../contract';
import {
  PRIVATE_KEY_MAX_KDF_ROUNDS,
  PRIVATE_KEY_MAX_LENGTH,
} from '../../contract/operations/destinations';
import { OffThread } from '../event-loop/off-thread';
import { isInside } from './paths';

export type KeyField = 'privateKey' | 'privateKeyPath';

const FORMATS = 'OpenSSH, PEM (RSA, EC, DSA) or PuTTY';

/** What ssh2 made of a key (computed in a worker thread). */
type ParsedKey = { error: string } | { isPrivate: boolean };

/**
 * ssh2's parseKey, off the main thread: opening an encrypted OpenSSH key runs its bcrypt KDF
 * synchronously, about 15 ms per round here (a default key has 16 rounds), which would hold the
 * event loop for the whole check.
 */
const keyParser = new OffThread<{ key: string | Uint8Array; passphrase?: string }, ParsedKey>({
  name: 'SSH key check',
  packages: ['ssh2'],
  source: `function job(input, packages) {
  const key = typeof input.key === 'string' ? input.key : Buffer.from(input.key);
  const parsed = packages.ssh2.utils.parseKey(key, input.passphrase);
  if (parsed instanceof Error) return [{ error: parsed.message }, []];
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  return [{ isPrivate: Boolean(first && first.isPrivateKey()) }, []];
}`,
});

/**
 * The bcrypt rounds an encrypted OpenSSH key asks for (`ssh-keygen -a`), read from its header
 * without opening it; 0 for any other key.
 */
export function keyKdfRounds(key: string | Buffer): number {
  const text = typeof key === 'string' ? key : key.toString('latin1');
  const body =
    /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(
      text,
    )?.[1];
  if (!body) return 0;
  const data = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  const magic = 'openssh-key-v1\0';
  if (data.toString('latin1', 0, magic.length) !== magic) return 0;
  let at = magic.length;
  const field = (): Buffer | null => {
    if (at + 4 > data.length) return null;
    const length = data.readUInt32BE(at);
    if (at + 4 + length > data.length) return null;
    at += 4 + length;
    return data.subarray(at - length, at);
  };
  const [_cipher, kdf, options] = [field(), field(), field()];
  if (kdf?.toString('latin1') !== 'bcrypt' || !options || options.length < 4) return 0;
  const saltLength = options.readUInt32BE(0);
  return 4 + saltLength + 4 <= options.length ? options.readUInt32BE(4 + saltLength) : 0;
}

/**
 * Checks that `key` is an SSH private key that ssh2 (the transfer's SSH library) can use, opening
 * it with `passphrase` when it is encrypted (in a worker thread: see keyParser). An encrypted
 * OpenSSH key asking for more than PRIVATE_KEY_MAX_KDF_ROUNDS bcrypt rounds is refused before
 * any work. Refuses with VALIDATION_FAILED naming the field; the messages never quote the key or
 * the passphrase.
 */
export async function assertPrivateKey(
  key: string | Buffer,
  passphrase: string | null | undefined,
  field: KeyField,
): Promise<void> {
  const what = field === 'privateKey' ? 'The private key' : 'The key file';
  const rounds = keyKdfRounds(key);
  if (rounds > PRIVATE_KEY_MAX_KDF_ROUNDS) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} is encrypted with ${rounds} bcrypt rounds; at most ${PRIVATE_KEY_MAX_KDF_ROUNDS} are accepted (each use would hold the app for that long): encrypt it again with fewer, e.g. ssh-keygen -p -a 100 -f <file>.`,
      { field },
    );
  }
  const parsed = await keyParser.run({ key, passphrase: passphrase || undefined });
  if ('error' in parsed) {
    const reason = parsed.error;
    if (/no passphrase given/i.test(reason)) {
      throw new AppError('VALIDATION_FAILED', `${what} is encrypted: give its passphrase.`, {
        field: 'passphrase',
      });
    }
    if (/bad passphrase/i.test(reason)) {
      throw new AppError('VALIDATION_FAILED', `The passphrase does not open ${lower(what)}.`, {
        field: 'passphrase',
      });
    }
    const text = typeof key === 'string' ? key : key.toString('latin1', 0, 200);
    const hint = /-----BEGIN (ENCRYPTED )?PRIVATE KEY-----/.test(text)
      ? ' PKCS#8 keys ("BEGIN PRIVATE KEY") are not supported: convert it with ssh-keygen -p -m PEM -f <file>.'
      : '';
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} is not an SSH private key in a supported format (${FORMATS}).${hint}`,
      { field },
    );
  }
  if (!parsed.isPrivate) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} is a public key: give the private key (the file without .pub).`,
      { field },
    );
  }
}

function lower(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Folders under CONFIG_DIR that hold the app's own secrets: never a destination's key file. */
const APP_SECRET_FOLDERS = ['keys', 'auth'];

/**
 * The one refusal of a key path that is not a readable key file inside CONFIG_DIR. Whatever the
 * path is (missing, a folder, unreadable, elsewhere on the system, a link out of CONFIG_DIR), the
 * code and text are the same: the answer tells nothing about the machine's files.
 */
export function keyPathRefused(configDir: string): AppError {
  return new AppError(
    'VALIDATION_FAILED',
    `The key file must be a readable file inside the app's configuration folder ${configDir} ` +
      `(CONFIG_DIR), e.g. ${join(configDir, 'ssh', 'id_ed25519')}: put the key there, or paste the key instead.`,
    { field: 'privateKeyPath' },
  );
}

/**
 * Reads the key file a destination points at (`privateKeyPath`). Only a regular file of at most
 * 64 KB inside CONFIG_DIR is read, judged on the real path (so a symbolic link out of CONFIG_DIR is
 * refused too) and outside the app's own secret folders (keys/, auth/). Anything else is refused
 * with keyPathRefused. Used when a destination is created, updated or restored, and again each
 * time its key is used.
 */
export async function readKeyFile(configDir: string, path: string): Promise<Buffer> {
  if (!isAbsolute(path)) throw keyPathRefused(configDir);
  let handle: FileHandle | undefined;
  try {
    const [root, real] = await Promise.all([realpath(configDir), realpath(path)]);
    const inside = isInside(root, real);
    const ownSecret = APP_SECRET_FOLDERS.some((f) => isInside(join(root, f), real));
    if (!inside || ownSecret) throw keyPathRefused(configDir);
    // never blocks on a FIFO, never follows a link swapped in since realpath
    handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
    const info = await handle.stat();
    if (!info.isFile() || info.size > PRIVATE_KEY_MAX_LENGTH) throw keyPathRefused(configDir);
    return await handle.readFile();
  } catch {
    throw keyPathRefused(configDir);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
