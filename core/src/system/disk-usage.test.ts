import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskUsage } from './disk-usage';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('diskUsage', () => {
  it('answers the free and total bytes of the folder, as df sees them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'disk-'));
    const usage = await diskUsage(dir);
    expect(usage.path).toBe(dir);
    expect(usage.totalBytes).toBeGreaterThan(0);
    expect(usage.freeBytes).toBeGreaterThan(0);
    expect(usage.freeBytes).toBeLessThanOrEqual(usage.totalBytes);
    // df -B1: 1-byte blocks; columns: size, used, avail
    const line = execFileSync('df', ['-B1', '--output=size,avail', dir], { encoding: 'utf8' })
      .trim()
      .split('\n')[1];
    const [size, avail] = (line ?? '').trim().split(/\s+/).map(Number);
    expect(usage.totalBytes).toBe(size);
    // other processes write meanwhile: allow 64 MB of drift
    expect(Math.abs(usage.freeBytes - (avail ?? 0))).toBeLessThan(64 * 1024 * 1024);
  });

  it('a missing folder is an AppError naming it', async () => {
    await expect(diskUsage('/nonexistent/recordings')).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('/nonexistent/recordings') as string,
    });
  });
});
