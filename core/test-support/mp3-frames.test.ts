import { describe, expect, it } from 'vitest';
import { mp3FrameDurationMs, Mp3FrameSplitter } from './mp3-frames';

/** A Layer III frame of `len` bytes whose header is `header` (4 bytes), zero-filled. */
function frame(header: number[], len: number): Buffer {
  const b = Buffer.alloc(len);
  Buffer.from(header).copy(b);
  return b;
}

// MPEG-1 Layer III, 128 kb/s, 44.1 kHz, no CRC: 417 bytes, 418 with padding
const h128 = [0xff, 0xfb, 0x90, 0x64];
const h128pad = [0xff, 0xfb, 0x92, 0x64];

describe('mp3FrameDurationMs', () => {
  it('is 1152 samples for MPEG-1 and 576 for MPEG-2', () => {
    expect(mp3FrameDurationMs(Buffer.from(h128))).toBeCloseTo(26.122, 3);
    expect(mp3FrameDurationMs(Buffer.from([0xff, 0xf3, 0x80, 0x00]))).toBeCloseTo(26.122, 3);
    expect(mp3FrameDurationMs(Buffer.from([0, 0, 0, 0]))).toBe(0);
  });
});

describe('Mp3FrameSplitter', () => {
  it('returns whole frames across chunk borders and skips leading garbage', () => {
    const stream = Buffer.concat([
      Buffer.from([1, 2, 3]),
      frame(h128, 417),
      frame(h128pad, 418),
      frame(h128, 417),
    ]);
    const splitter = new Mp3FrameSplitter();
    const frames = [
      ...splitter.push(stream.subarray(0, 300)),
      ...splitter.push(stream.subarray(300, 900)),
      ...splitter.push(stream.subarray(900)),
    ];
    // the last frame is complete but not yet confirmed by a following header: still trusted
    expect(frames.map((f) => f.length)).toEqual([417, 418, 417]);
    expect(frames[1]![2]).toBe(0x92);
  });

  it('skips a false sync inside garbage', () => {
    const garbage = Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0]); // header, then no frame
    const splitter = new Mp3FrameSplitter();
    const stream = Buffer.concat([garbage, Buffer.alloc(500), frame(h128, 417), frame(h128, 417)]);
    const frames = splitter.push(stream);
    expect(frames.length).toBe(2);
    expect(frames.every((f) => f[0] === 0xff && f.length === 417)).toBe(true);
  });
});
