import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DestinationRecord } from '../db/records';
import { isInside } from './paths';

/**
 * The secrets of destinations and notification channels live here, never in the database:
 * uploaded private keys as `<destination id>.pem`, passphrases as `<destination id>.passphrase`
 * and a channel's secret (webhook secret, ntfy token, SMTP password) as
 * `channel-<channel id>.secret`, each 0600 in a 0700 folder. The database keeps only their paths.
 */
export function keysDir(configDir: string): string {
  return join(configDir, 'keys');
}

const fileStem = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, '_');

/** The file an uploaded key of destination `id` is stored in. */
export function keyFilePath(configDir: string, id: string): string {
  return join(keysDir(configDir), `${fileStem(id)}.pem`);
}

/** The file the passphrase of destination `id` is stored in (exactly as given, no newline). */
export function passphraseFilePath(configDir: string, id: string): string {
  return join(keysDir(configDir), `${fileStem(id)}.passphrase`);
}

/** The file the secret of notification channel `id` is stored in (exactly as given). */
export function channelSecretFilePath(configDir: string, id: string): string {
  return join(keysDir(configDir), `channel-${fileStem(id)}.secret`);
}

/** A secret written next to its final place, not yet in use: commit() moves it in, discard() drops it. */
export interface StagedKey {
  readonly path: string;
  commit(): Promise<string>;
  discard(): Promise<void>;
}

/**
 * Writes `text` to a temporary file beside `path`, readable by the owner only (created with mode
 * 0600, so that no other user can ever read it, whatever the umask) and flushed to disk. Nothing
 * refers to it until commit().
 */
export async function stageSecret(
  configDir: string,
  path: string,
  text: string,
): Promise<StagedKey> {
  const dir = keysDir(configDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return {
    path,
    async commit() {
      await rename(temp, path);
      return path;
    },
    async discard() {
      await rm(temp, { force: true });
    },
  };
}

/** Stages the uploaded PEM of destination `id` (see stageSecret). */
export function stageKey(configDir: string, id: string, pem: string): Promise<StagedKey> {
  const text = pem.endsWith('\n') ? pem : `${pem}\n`;
  return stageSecret(configDir, keyFilePath(configDir, id), text);
}

/** Stages the passphrase of destination `id`, exactly as given (see stageSecret). */
export function stagePassphrase(
  configDir: string,
  id: string,
  passphrase: string,
): Promise<StagedKey> {
  return stageSecret(configDir, passphraseFilePath(configDir, id), passphrase);
}

/** Writes the passphrase of destination `id` in place at once (0600); answers its path. */
export async function writePassphrase(
  configDir: string,
  id: string,
  passphrase: string,
): Promise<string> {
  return (await stagePassphrase(configDir, id, passphrase)).commit();
}

/**
 * The passphrase of a destination (null when it has none), read from its file. Throws when the
 * file cannot be read: the caller says what that means where it happens.
 */
export async function readPassphrase(
  d: Pick<DestinationRecord, 'passphraseFile'>,
): Promise<string | null> {
  if (!d.passphraseFile) return null;
  return readFile(d.passphraseFile, 'utf8');
}

/** Deletes a stored key or passphrase file (gone already is fine); paths outside the keys folder are kept. */
export async function removeKeyFile(configDir: string, path: string | null): Promise<void> {
  if (path && isInside(keysDir(configDir), path)) await rm(path, { force: true });
}
