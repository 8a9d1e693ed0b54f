import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDiskSpace, formatMb, statfsDiskSpace, type DiskSpace } from './disk-space';

const MB = 1024 * 1024;
const disk = (freeMb: number): DiskSpace => ({
  free: async () => ({ freeBytes: freeMb * MB, totalBytes: 100 * MB }),
});

describe('checkDiskSpace', () => {
  it('is ok at or above the minimum, not below it, and always with a minimum of 0', async () => {
    expect(await checkDiskSpace('/rec', 500, disk(500))).toEqual({
      dir: '/rec',
      freeMb: 500,
      minFreeMb: 500,
      ok: true,
    });
    expect((await checkDiskSpace('/rec', 500, disk(499.9))).ok).toBe(false);
    expect((await checkDiskSpace('/rec', 0, disk(0))).ok).toBe(true);
  });

  it('reads the real file system, also for a folder not created yet', async () => {
    const real = await statfsDiskSpace.free(join(tmpdir(), 'asr-not-there', 'deeper'));
    expect(real.freeBytes).toBeGreaterThan(0);
    expect(real.totalBytes).toBeGreaterThanOrEqual(real.freeBytes);
    expect((await checkDiskSpace(tmpdir(), 1)).freeMb).toBeGreaterThan(0);
  });
});

describe('formatMb', () => {
  it('says sizes the way people read them', () => {
    expect(formatMb(0.421)).toBe('0.42 MB');
    expect(formatMb(2.54)).toBe('2.5 MB');
    expect(formatMb(512.7)).toBe('512 MB');
    expect(formatMb(3277)).toBe('3.2 GB');
  });
});
