import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeStaleTemps, staleTempNames } from './stale-temps';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('staleTempNames', () => {
  it('matches only our own temp names', () => {
    expect(
      staleTempNames(
        [
          '2026-11-24 Show.mp3',
          '2026-11-24 Show.mp3.tmp-0123456789ab',
          'x.mp3.tmp-mine',
          'notes.tmp',
        ],
        'recordings',
      ),
    ).toEqual(['2026-11-24 Show.mp3.tmp-0123456789ab']);
    expect(
      staleTempNames(
        [
          'part-001.mka',
          'part-001.pid',
          'join-0123456789ab.mp3',
          'join-0123456789ab-seg2.mka',
          'join-0123456789ab.ffconcat',
          'part-001.mka.cut-0123456789ab',
          'join-x.mp3',
        ],
        'work',
      ),
    ).toEqual([
      'join-0123456789ab.mp3',
      'join-0123456789ab-seg2.mka',
      'join-0123456789ab.ffconcat',
      'part-001.mka.cut-0123456789ab',
    ]);
  });
});

describe('removeStaleTemps', () => {
  it('removes them and leaves recordings and parts alone', async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-stale-'));
    const rec = join(dir, 'rec');
    const work = join(dir, 'parts', 's1');
    await mkdir(rec);
    await mkdir(work, { recursive: true });
    await writeFile(join(rec, 'a.mp3'), 'x');
    await writeFile(join(rec, 'a.mp3.tmp-00000000000f'), 'x');
    await writeFile(join(work, 'part-001.mka'), 'x');
    await writeFile(join(work, 'join-00000000000f.mp3'), 'x');
    const removed = await removeStaleTemps(rec, [work, join(dir, 'missing')]);
    expect(removed).toEqual([
      join(rec, 'a.mp3.tmp-00000000000f'),
      join(work, 'join-00000000000f.mp3'),
    ]);
    expect(await readdir(rec)).toEqual(['a.mp3']);
    expect(await readdir(work)).toEqual(['part-001.mka']);
  });
});
