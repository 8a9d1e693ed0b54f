import { statfs } from 'node:fs/promises';
import { AppError } from '../../contract';

export interface DiskUsage {
  path: string;
  /** Bytes an unprivileged process may still write. */
  freeBytes: number;
  totalBytes: number;
}

/** Free and total space of the file system that holds `path` (statfs). */
export async function diskUsage(path: string): Promise<DiskUsage> {
  let s: Awaited<ReturnType<typeof statfs>>;
  try {
    s = await statfs(path);
  } catch (error) {
    throw new AppError(
      'INTERNAL',
      `The free space of ${path} cannot be read (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error },
    );
  }
  return { path, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
}
