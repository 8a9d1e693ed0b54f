import { describe, expect, it } from 'vitest';
import { assertDiskSpace, tightestDiskCheck } from './disk-guard';
import type { DiskSpace } from './disk-space';

const MB = 1024 * 1024;
function disk(freeMbByDir: Record<string, number>): DiskSpace & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    free: async (dir) => {
      calls.push(dir);
      return { freeBytes: (freeMbByDir[dir] ?? 0) * MB, totalBytes: 1000 * MB };
    },
  };
}
const folders = { recordingsDir: '/rec', partsDir: '/data/parts' };

describe('assertDiskSpace', () => {
  it('lets a recording start with enough space on both folders', async () => {
    await expect(
      assertDiskSpace({
        folders,
        minFreeDiskMb: () => 200,
        disk: disk({ '/rec': 300, '/data/parts': 200 }),
      }),
    ).resolves.toBeUndefined();
  });

  it('refuses with DISK_FULL naming free space, folder, setting and what to do', async () => {
    const err = await assertDiskSpace({
      folders,
      minFreeDiskMb: () => 200,
      disk: disk({ '/rec': 5000, '/data/parts': 12.4 }),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DISK_FULL' });
    const message = (err as Error).message;
    expect(message).toContain('Only 12 MB free on the disk of /data/parts');
    expect(message).toContain('the minimum is 200 MB, setting minFreeDiskMb');
    expect(message).toContain('the recording was not started');
    expect(message).toMatch(/Free some space .* or lower minFreeDiskMb/);
  });

  it('is off when minFreeDiskMb is 0 (does not even look)', async () => {
    const d = disk({});
    await assertDiskSpace({ folders, minFreeDiskMb: () => 0, disk: d });
    expect(d.calls).toEqual([]);
  });
});

describe('tightestDiskCheck', () => {
  it('reports the folder with the least space', async () => {
    const check = await tightestDiskCheck({
      folders,
      minFreeDiskMb: () => 10,
      disk: disk({ '/rec': 3, '/data/parts': 50 }),
    });
    expect(check).toEqual({ dir: '/rec', freeMb: 3, minFreeMb: 10, ok: false });
  });
});
