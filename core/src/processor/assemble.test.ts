import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { AppError } from '../../contract';
import { assembleMp3 } from './assemble';

let dir: string;
tempDirEachTest('assemble-', (d) => (dir = d));

describe('assembleMp3', () => {
  it('writes the tag, then the audio, and leaves no temp file', async () => {
    const audio = join(dir, 'audio.mp3');
    const body = Buffer.alloc(3 * 1024 * 1024 + 17, 0xab);
    await writeFile(audio, body);
    const tag = Buffer.from('ID3 fake tag bytes');
    const finalPath = join(dir, 'out.mp3');
    const result = await assembleMp3({ tag, audioPath: audio, finalPath });
    expect(result).toEqual({ path: finalPath, sizeBytes: tag.length + body.length });
    const written = await readFile(finalPath);
    expect(written.subarray(0, tag.length).equals(tag)).toBe(true);
    expect(written.subarray(tag.length).equals(body)).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['audio.mp3', 'out.mp3']);
    // the audio input stays
    expect((await readFile(audio)).length).toBe(body.length);
  });

  it('never overwrites an existing file', async () => {
    const audio = join(dir, 'audio.mp3');
    await writeFile(audio, 'new audio');
    const finalPath = join(dir, 'taken.mp3');
    await writeFile(finalPath, 'precious');
    await expect(
      assembleMp3({ tag: Buffer.from('ID3'), audioPath: audio, finalPath }),
    ).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'CONFLICT');
    expect(await readFile(finalPath, 'utf8')).toBe('precious');
    expect((await readdir(dir)).sort()).toEqual(['audio.mp3', 'taken.mp3']);
  });

  it('removes the temp file when reading the audio fails', async () => {
    const notAFile = join(dir, 'folder');
    await mkdir(notAFile);
    const finalPath = join(dir, 'out.mp3');
    await expect(
      assembleMp3({ tag: Buffer.from('ID3'), audioPath: notAFile, finalPath }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await readdir(dir)).toEqual(['folder']);
  });

  it('fails cleanly when the audio is missing or the folder does not exist', async () => {
    await expect(
      assembleMp3({
        tag: Buffer.from('ID3'),
        audioPath: join(dir, 'missing.mp3'),
        finalPath: join(dir, 'out.mp3'),
      }),
    ).rejects.toBeInstanceOf(AppError);
    const audio = join(dir, 'audio.mp3');
    await writeFile(audio, 'x');
    await expect(
      assembleMp3({
        tag: Buffer.from('ID3'),
        audioPath: audio,
        finalPath: join(dir, 'no', 'out.mp3'),
      }),
    ).rejects.toBeInstanceOf(AppError);
    expect(await readdir(dir)).toEqual(['audio.mp3']);
  });
});
