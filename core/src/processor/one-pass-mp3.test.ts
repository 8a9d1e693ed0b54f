import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import NodeID3 from 'node-id3';
import { describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import {
  mp3FrameFormat,
  mp3FrameHeaderBytes,
  mp3FrameInfo,
} from '../audio-frames/mp3-frame-header';
import { byteRangesFrom, scanMp3Part } from './mp3-part-scan';
import { headFramesToDrop, planOnePass, writeOnePass, type OnePassPlan } from './one-pass-mp3';

// MPEG-1, 44.1 kHz, joint stereo
const format = mp3FrameFormat(Buffer.from([0xff, 0xfb, 0x90, 0x44]))!;

/** A frame of the bitrate index whose body is `fill` (never 0xff: no false headers inside). */
function frame(bitrateIndex: number, fill: number): Buffer {
  const header = mp3FrameHeaderBytes(format, bitrateIndex);
  const out = Buffer.alloc(mp3FrameInfo(header)!.length, fill);
  header.copy(out);
  return out;
}

function frames(n: number, bitrateIndex = 9, fill = 1): Buffer {
  return Buffer.concat(Array.from({ length: n }, () => frame(bitrateIndex, fill)));
}

/** Walks the written file: ID3 size, then every frame by its header. */
function parseBack(file: Buffer) {
  expect(file.toString('latin1', 0, 3)).toBe('ID3');
  const tagSize = 10 + ((file[6]! << 21) | (file[7]! << 14) | (file[8]! << 7) | file[9]!);
  const lengths: number[] = [];
  let pos = tagSize;
  while (pos < file.length) {
    const info = mp3FrameInfo(file, pos);
    if (!info) throw new Error(`no frame header at ${pos}`);
    lengths.push(info.length);
    pos += info.length;
  }
  expect(pos).toBe(file.length);
  const xingAt = tagSize + 4 + 32;
  return {
    tagSize,
    lengths,
    xing: {
      id: file.toString('latin1', xingAt, xingAt + 4),
      frames: file.readUInt32BE(xingAt + 8),
      bytes: file.readUInt32BE(xingAt + 12),
    },
  };
}

let dir: string;
tempDirEachTest('one-pass-', (d) => (dir = d));

const frameSeconds = 1152 / 44100;
const tag = NodeID3.create({ title: 'T' }) as Buffer;

async function plan(parts: { path: string; keepSeconds?: number }[]): Promise<OnePassPlan> {
  const result = await planOnePass(parts);
  if (!('plan' in result)) throw new Error(result.mixed);
  return result.plan;
}

describe('scanMp3Part', () => {
  it('drops a partial frame at the head and tail and a damaged stretch, finding runs', async () => {
    const whole = frames(10);
    const path = join(dir, 'a.mp3');
    await writeFile(
      path,
      Buffer.concat([
        whole.subarray(300, 417),
        whole,
        Buffer.from('junk'),
        frames(5, 10, 2),
        whole.subarray(0, 200),
      ]),
    );
    const scan = (await scanMp3Part(path))!;
    // the frame before the junk is not followed by a header: it is not trusted either
    expect(scan.lengths.length).toBe(14);
    expect(scan.runs).toEqual([
      { firstFrame: 0, offset: 117 },
      { firstFrame: 9, offset: 117 + 4170 + 4 },
    ]);
    expect(scan.skippedBytes).toBe(117 + 417 + 4 + 200);
    expect(scan.bitrateMask).toBe((1 << 9) | (1 << 10));
    expect(byteRangesFrom(scan, 8)).toEqual([
      [117 + 8 * 417, 117 + 9 * 417],
      [117 + 4174, 117 + 4174 + 5 * 522],
    ]);
    expect(byteRangesFrom(scan, 11)).toEqual([[117 + 4174 + 2 * 522, 117 + 4174 + 5 * 522]]);
  });

  it('answers undefined for a file without a whole frame', async () => {
    const path = join(dir, 'empty.mp3');
    await writeFile(path, frames(1).subarray(0, 300));
    expect(await scanMp3Part(path)).toBeUndefined();
  });
});

describe('headFramesToDrop', () => {
  it('keeps the frames of keepSeconds at the end', () => {
    expect(headFramesToDrop(100, 0.026, undefined)).toBe(0);
    expect(headFramesToDrop(100, 0.026, 0.26)).toBe(90);
    expect(headFramesToDrop(100, 0.026, 60)).toBe(0);
  });
});

describe('planOnePass and writeOnePass', () => {
  it('writes tag, Info frame and the kept frames of each part in order, read back by our parser', async () => {
    const a = join(dir, 'a.mp3');
    const b = join(dir, 'b.mp3');
    await writeFile(a, Buffer.concat([frames(50), frames(1).subarray(0, 99)]));
    await writeFile(b, frames(40, 9, 3));
    const p = await plan([{ path: a, keepSeconds: 30 * frameSeconds }, { path: b }]);
    expect(p.frames).toBe(70);
    expect(p.vbr).toBe(false);
    expect(p.durationSeconds).toBeCloseTo(70 * frameSeconds, 9);
    const out = join(dir, 'out.mp3');
    const written = await writeOnePass(p, tag, out);
    const file = await readFile(out);
    expect(written.sizeBytes).toBe(file.length);
    const back = parseBack(file);
    expect(back.lengths).toEqual(new Array(71).fill(417));
    expect(back.xing).toEqual({ id: 'Info', frames: 70, bytes: 71 * 417 });
    // the audio is a's last 30 frames then b's frames, byte for byte
    const audio = file.subarray(back.tagSize + 417);
    expect(audio.equals(Buffer.concat([frames(30), frames(40, 9, 3)]))).toBe(true);
  });

  it('marks mixed bitrates as Xing (VBR)', async () => {
    const a = join(dir, 'a.mp3');
    await writeFile(a, Buffer.concat([frames(5, 9), frames(5, 11)]));
    const p = await plan([{ path: a }]);
    expect(p.vbr).toBe(true);
    const out = join(dir, 'out.mp3');
    await writeOnePass(p, tag, out);
    const back = parseBack(await readFile(out));
    expect(back.xing).toMatchObject({ id: 'Xing', frames: 10 });
  });

  it('answers mixed for parts of another sample rate, and refuses parts without audio', async () => {
    const a = join(dir, 'a.mp3');
    const b = join(dir, 'b.mp3');
    await writeFile(a, frames(5));
    const other = mp3FrameHeaderBytes({ ...format, rateIndex: 1 }, 9);
    const f48 = Buffer.alloc(mp3FrameInfo(other)!.length, 1);
    other.copy(f48);
    await writeFile(b, Buffer.concat([f48, f48, f48]));
    expect(await planOnePass([{ path: a }, { path: b }])).toEqual({ mixed: expect.any(String) });
    await expect(planOnePass([{ path: a, keepSeconds: 0 }])).rejects.toMatchObject({
      code: 'RECORDING_EMPTY',
    });
  });
});
