import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { nextPartPath, partFileName } from './part-files';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('nextPartPath', () => {
  it('names parts part-001.mka, part-002.mka, ... past the highest existing one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'asr-parts-'));
    const parts = join(dir, 'session', 'parts');
    expect(await nextPartPath(parts)).toBe(join(parts, 'part-001.mka'));
    await writeFile(join(parts, 'part-001.mka'), '');
    await writeFile(join(parts, 'part-007.mka'), '');
    await writeFile(join(parts, 'part-9.txt'), '');
    expect(await nextPartPath(parts)).toBe(join(parts, 'part-008.mka'));
    // native parts (frames only) count too
    await writeFile(join(parts, 'part-008.mp3'), '');
    await writeFile(join(parts, 'part-009.aac'), '');
    expect(await nextPartPath(parts)).toBe(join(parts, 'part-010.mka'));
  });

  it('keeps counting past 999', () => {
    expect(partFileName(1)).toBe('part-001.mka');
    expect(partFileName(1000)).toBe('part-1000.mka');
  });
});
