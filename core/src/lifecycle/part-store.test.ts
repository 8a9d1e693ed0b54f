import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeProcess } from '../ffmpeg/fake-runner';
import { BoundedLog, type ProcessRunner, type RunningProcess } from '../ffmpeg/process';
import { cutPartTail, listPartFiles, nodeOrphanFiles } from './part-store';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** An "ffmpeg" that writes `out` to its last argument and exits with `code`. */
function fakeFfmpeg(code: number, out = 'cut'): ProcessRunner & { args: string[][] } {
  const args: string[][] = [];
  return {
    args,
    start(_bin, a): RunningProcess {
      args.push([...a]);
      const exited = writeFile(a[a.length - 1]!, out).then(() => ({ code, signal: null }));
      const stderr = new BoundedLog();
      if (code !== 0) stderr.push('Invalid data found when processing input\n');
      return fakeProcess(exited, stderr);
    },
  };
}

describe('listPartFiles', () => {
  it('lists the part files with number, size and last write, and nothing else', async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-store-'));
    await writeFile(join(dir, 'part-002.mka'), 'abc');
    await writeFile(join(dir, 'part-002.pid'), '1');
    await writeFile(join(dir, 'join-0123456789ab.mp3'), 'x');
    await utimes(join(dir, 'part-002.mka'), 1000, 1000);
    expect(await listPartFiles(dir)).toEqual([
      { path: join(dir, 'part-002.mka'), number: 2, size: 3, mtimeMs: 1_000_000 },
    ]);
    expect(await listPartFiles(join(dir, 'missing'))).toEqual([]);
    expect(await nodeOrphanFiles.list(join(dir, 'missing'))).toEqual([]);
    expect(await nodeOrphanFiles.readText(join(dir, 'part-002.pid'))).toBe('1');
  });
});

describe('cutPartTail', () => {
  it('replaces the part with its first seconds, dated to the given end', async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-store-'));
    const part = join(dir, 'part-001.mka');
    await writeFile(part, 'original');
    const runner = fakeFfmpeg(0);
    await cutPartTail(runner, 'ffmpeg', part, 24, 1_700_000_000_000);
    expect(await readFile(part, 'utf8')).toBe('cut');
    expect((await stat(part)).mtimeMs).toBe(1_700_000_000_000);
    expect(runner.args[0]).toEqual(
      expect.arrayContaining(['-i', part, '-c', 'copy', '-t', '24.000']),
    );
    expect(await readdir(dir)).toEqual(['part-001.mka']);
  });

  it('keeps the original and leaves no temp file when ffmpeg fails', async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-store-'));
    const part = join(dir, 'part-001.mka');
    await writeFile(part, 'original');
    await expect(cutPartTail(fakeFfmpeg(1), 'ffmpeg', part, 5, 0)).rejects.toMatchObject({
      code: 'FFMPEG_FAILED',
    });
    expect(await readFile(part, 'utf8')).toBe('original');
    expect(await readdir(dir)).toEqual(['part-001.mka']);
  });
});
