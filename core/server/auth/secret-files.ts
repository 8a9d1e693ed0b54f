import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomToken } from './tokens';

/** The folder under CONFIG_DIR that holds the server's credentials (0700; files 0600). */
export function authDir(configDir: string): string {
  return join(configDir, 'auth');
}

/** The text of `file`, or undefined when it does not exist. */
export async function readSecret(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Writes `text` to `file` readable by the owner only (0600), atomically: a temporary file is
 * written and renamed into place, so a crash never leaves half a secret.
 */
export async function writeSecret(file: string, text: string): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700).catch(() => undefined);
  const temp = `${file}.${randomToken(6)}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await rename(temp, file);
}
