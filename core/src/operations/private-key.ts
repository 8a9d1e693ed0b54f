import { constants } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../../contract';
import { PRIVATE_KEY_MAX_LENGTH } from '../../contract/operations/destinations';
import { isInside } from './paths';

export type KeyField = 'privateKey' | 'privateKeyPath';

const FORMATS = 'OpenSSH, PEM (RSA, EC, DSA) or PuTTY';

/**
 * Checks that `key` is an SSH private key that ssh2 (the transfer's SSH library) can use, opening
 * it with `passphrase` when it is encrypted. Refuses with VALIDATION_FAILED naming the field; the
 * messages never quote the key or the passphrase.
 */
export function assertPrivateKey(
  key: string | Buffer,
  passphrase: string | null | undefined,
  field: KeyField,
): void {
  const what = field === 'privateKey' ? 'The private key' : 'The key file';
  const parsed = ssh2.utils.parseKey(key, passphrase || undefined);
  if (parsed instanceof Error) {
    const reason = parsed.message;
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
  const first = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!first || !first.isPrivateKey()) {
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
