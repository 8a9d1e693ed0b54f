import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirsOfEachTest } from '../../test-support/temp-dir';
import { adtsFrameInfo, scanAdtsPart } from './adts-scan';

/** An ADTS frame (AAC LC, 44.1 kHz, stereo, no CRC) of `length` bytes, body filled with 1. */
function adts(length: number): Buffer {
  const f = Buffer.alloc(length, 1);
  f[0] = 0xff;
  f[1] = 0xf1;
  f[2] = (1 << 6) | (4 << 2); // LC, 44.1 kHz
  f[3] = (2 << 6) | ((length >> 11) & 0x3);
  f[4] = (length >> 3) & 0xff;
  f[5] = ((length & 0x7) << 5) | 0x1f;
  f[6] = 0xfc; // one raw data block
  return f;
}

describe('adtsFrameInfo', () => {
  it('reads length, rate and samples; refuses what is not ADTS', () => {
    expect(adtsFrameInfo(adts(300))).toEqual({ length: 300, sampleRate: 44100, samples: 1024 });
    expect(adtsFrameInfo(Buffer.from([0xff, 0xfb, 0x90, 0x44, 0, 0, 0]))).toBeUndefined();
    expect(adtsFrameInfo(adts(300).subarray(0, 6))).toBeUndefined();
  });
});

describe('scanAdtsPart', () => {
  const newDir = tempDirsOfEachTest('adts-');

  it('counts whole frames only: a partial one at the head and the tail is not counted', async () => {
    const dir = newDir();
    const path = join(dir, 'p.aac');
    const frames = Array.from({ length: 43 }, (_, i) => adts(200 + i));
    await writeFile(
      path,
      Buffer.concat([adts(250).subarray(100), ...frames, adts(300).subarray(0, 120)]),
    );
    const scan = await scanAdtsPart(path);
    expect(scan).toEqual({ frames: 43, sampleRate: 44100, seconds: (43 * 1024) / 44100 });
  });
});
