import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isInside } from './paths';

/** Uploaded private keys live here, one `<destination id>.pem` each (0600; the folder 0700). */
export function keysDir(configDir: string): string {
  return join(configDir, 'keys');
}

/** The file an uploaded key of destination `id` is stored in. */
export function keyFilePath(configDir: string, id: string): string {
  return join(keysDir(configDir), `${id.replace(/[^A-Za-z0-9_-]/g, '_')}.pem`);
}

/** A key written next to its final place, not yet in use: commit() moves it in, discard() drops it. */
export interface StagedKey {
  readonly path: string;
  commit(): Promise<string>;
  discard(): Promise<void>;
}

/**
 * Writes `pem` to a temporary file readable by the owner only (created with mode 0600, so that no
 * other user can ever read it, whatever the umask). Nothing refers to it until commit().
 */
export async function stageKey(configDir: string, id: string, pem: string): Promise<StagedKey> {
  const dir = keysDir(configDir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const path = keyFilePath(configDir, id);
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  const text = pem.endsWith('\n') ? pem : `${pem}\n`;
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await chmod(temp, 0o600);
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

/** Deletes a stored key file (gone already is fine); paths outside the keys folder are kept. */
export async function removeKeyFile(configDir: string, path: string | null): Promise<void> {
  if (path && isInside(keysDir(configDir), path)) await rm(path, { force: true });
}
