import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** A file written under a temporary name beside where it belongs, not yet in place. */
export interface StagedFile {
  temp: string;
  final: string;
}

/** Writes `bytes` to a new temporary file next to `final` (never touching `final` itself). */
export async function stageFile(
  final: string,
  bytes: Uint8Array | string,
  options: { mode?: number; dirMode?: number } = {},
): Promise<StagedFile> {
  const dir = dirname(final);
  await mkdir(dir, { recursive: true, ...(options.dirMode ? { mode: options.dirMode } : {}) });
  if (options.dirMode) await chmod(dir, options.dirMode);
  const temp = join(dir, `.${basename(final)}.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(temp, bytes, { flag: 'wx', mode: options.mode ?? 0o644 });
  // the umask may have narrowed or the platform ignored the mode: set it as asked
  if (options.mode) await chmod(temp, options.mode);
  return { temp, final };
}

/** Removes the temporary files (after a failure). Never throws. */
export async function discardStaged(files: readonly StagedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(f.temp, { force: true }).catch(() => undefined)));
}

/** Renames each temporary file into place (replacing what was there). Answers the ones that
 * failed, after trying all. */
export async function commitStaged(files: readonly StagedFile[]): Promise<StagedFile[]> {
  const failed: StagedFile[] = [];
  for (const f of files) {
    try {
      await rename(f.temp, f.final);
    } catch {
      failed.push(f);
    }
  }
  return failed;
}
