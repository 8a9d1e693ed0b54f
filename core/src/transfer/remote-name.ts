import { posix } from 'node:path';
import { AppError } from '../../contract';

/** Suffix of the temporary name a file is uploaded under before the rename into place. */
export const PART_SUFFIX = '.part';

/**
 * The `n`-th candidate for `fileName` in a directory: 1 → `show.mp3`, 2 → `show (2).mp3`,
 * 3 → `show (3).mp3`… (the counter goes before the extension; a name without one gets it at the
 * end). Existing files are never overwritten: the uploader takes the first free candidate.
 */
export function candidateName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const ext = posix.extname(fileName);
  const stem = ext ? fileName.slice(0, -ext.length) : fileName;
  return `${stem} (${n})${ext}`;
}

/** The temporary name `name` is uploaded under. */
export function partNameOf(name: string): string {
  return `${name}${PART_SUFFIX}`;
}

/** `dir/name` on the server (always `/`, whatever the local platform). */
export function remoteJoin(dir: string, name: string): string {
  return posix.join(dir, name);
}

/** Refuses names that would leave the remote directory or cannot be a file name. */
export function assertPlainFileName(fileName: string): void {
  if (
    fileName === '' ||
    fileName === '.' ||
    fileName === '..' ||
    fileName.includes('/') ||
    fileName.includes('\\') ||
    fileName.includes('\0')
  ) {
    throw new AppError(
      'VALIDATION_FAILED',
      `“${fileName}” is not a plain file name: it must not be empty or contain / or \\.`,
      { field: 'fileName' },
    );
  }
}
