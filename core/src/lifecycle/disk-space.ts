import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Free space of the file system that holds a folder. */
export interface DiskSpace {
  /** Bytes an unprivileged writer may still use, and the file system's size. */
  free(dir: string): Promise<{ freeBytes: number; totalBytes: number }>;
}

/** fs.statfs of the folder, or of its nearest existing parent when it does not exist yet. */
export const statfsDiskSpace: DiskSpace = {
  async free(dir) {
    let path = dir;
    for (;;) {
      try {
        const s = await statfs(path);
        return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
      } catch (err) {
        const parent = dirname(path);
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || parent === path) throw err;
        path = parent;
      }
    }
  },
};

export interface DiskCheck {
  dir: string;
  freeMb: number;
  minFreeMb: number;
  /** Free space is at least minFreeMb (always true when minFreeMb is 0: the guard is off). */
  ok: boolean;
}

const MB = 1024 * 1024;

/** Whether `dir`'s file system has at least `minFreeMb` MB free. */
export async function checkDiskSpace(
  dir: string,
  minFreeMb: number,
  disk: DiskSpace = statfsDiskSpace,
): Promise<DiskCheck> {
  const { freeBytes } = await disk.free(dir);
  const freeMb = freeBytes / MB;
  return { dir, freeMb, minFreeMb, ok: minFreeMb <= 0 || freeMb >= minFreeMb };
}

/** "0.42 MB" / "2.5 MB" / "12 MB" / "3.2 GB". */
export function formatMb(mb: number): string {
  if (mb >= 1024) return `${(mb / 1024).toFixed(1)} GB`;
  if (mb < 1) return `${mb.toFixed(2)} MB`;
  return mb < 10 ? `${mb.toFixed(1)} MB` : `${Math.floor(mb)} MB`;
}
