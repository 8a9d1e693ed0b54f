import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import ssh2 from 'ssh2';
import { AppError } from '../../contract';
import { PRIVATE_KEY_MAX_LENGTH } from '../../contract/operations/destinations';

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

/**
 * Reads the key file a destination points at (`privateKeyPath`): an absolute path to a readable
 * file of at most 64 KB. Refuses with VALIDATION_FAILED (field privateKeyPath).
 */
export async function readKeyFile(path: string): Promise<Buffer> {
  const field = 'privateKeyPath';
  if (!isAbsolute(path)) {
    throw new AppError('VALIDATION_FAILED', `The key file path must be absolute: ${path}`, {
      field,
    });
  }
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new AppError('VALIDATION_FAILED', `${path} is not a file.`, { field });
    }
    if (info.size > PRIVATE_KEY_MAX_LENGTH) {
      throw new AppError('VALIDATION_FAILED', `${path} is too large to be a private key.`, {
        field,
      });
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read by the app (permissions)'
          : 'cannot be read';
    throw new AppError('VALIDATION_FAILED', `The key file ${path} ${why}.`, { field });
  }
}
