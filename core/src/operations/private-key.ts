import { readFile, stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { AppError } from '../../contract';
import {
  PRIVATE_KEY_MAX_KDF_ROUNDS,
  PRIVATE_KEY_MAX_LENGTH,
} from '../../contract/operations/destinations';
import { OffThread } from '../event-loop/off-thread';

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
