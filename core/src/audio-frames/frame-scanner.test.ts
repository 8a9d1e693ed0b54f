import { describe, expect, it } from 'vitest';
import { FrameScanner, framesSeconds, type ScannedFrame } from './frame-scanner';
import { adtsFrame, mp3Frame, mp3FrameAt, mp3Mpeg2Frame } from './test-frames';

/** Feeds `data` in chunks of `size` bytes; returns every frame and whether the format changed. */
function scan(scanner: FrameScanner, data: Buffer, size: number) {
  const frames: ScannedFrame[] = [];
  let formatChanged = false;
  for (let i = 0; i < data.length; i += size) {
    const r = scanner.push(data.subarray(i, i + size));
    frames.push(...r.frames);
    formatChanged ||= r.formatChanged === true;
  }
  return { frames, formatChanged };
}

describe('FrameScanner', () => {
  it('hands out whole MP3 frames whatever the chunk size, and skips a head cut mid-frame', () => {
    const frames = Array.from({ length: 10 }, (_, i) => mp3Frame(i % 3 === 0));
    const stream = Buffer.concat([mp3Frame().subarray(100), ...frames]);
    for (const size of [1, 7, 417, 5000]) {
      const scanner = new FrameScanner();
      const out = scan(scanner, stream, size).frames;
      expect(out.map((f) => f.data.length)).toEqual(frames.map((f) => f.length));
      expect(Buffer.concat(out.map((f) => f.data)).equals(Buffer.concat(frames))).toBe(true);
      expect(scanner.kind).toBe('mp3');
      expect(scanner.skippedBytes).toBe(317);
    }
  });

  it('never hands out a frame cut by the end of the data', () => {
    const scanner = new FrameScanner();
    const data = Buffer.concat([mp3Frame(), mp3Frame(), mp3Frame(), mp3Frame().subarray(0, 200)]);
    expect(scanner.push(data).frames).toHaveLength(3);
  });

  it('follows VBR (the bitrate changes frame by frame) and MPEG-2 at 22.05 kHz', () => {
    const vbr = ([64, 320, 128, 192, 64, 320] as const).map(mp3FrameAt);
    const out = scan(new FrameScanner(), Buffer.concat(vbr), 333).frames;
    expect(out.map((f) => f.data.length)).toEqual(vbr.map((f) => f.length));
    const mpeg2 = new FrameScanner();
    const frames2 = scan(
      mpeg2,
      Buffer.concat(Array.from({ length: 50 }, mp3Mpeg2Frame)),
      64,
    ).frames;
    expect(frames2).toHaveLength(50);
    expect(mpeg2.format).toBe('mp3/2/22050/1');
    expect(framesSeconds(frames2)).toBeCloseTo((50 * 576) / 22050, 6);
  });

  it('finds ADTS frames and their duration', () => {
    const scanner = new FrameScanner();
    const out = scan(scanner, Buffer.concat(Array.from({ length: 43 }, () => adtsFrame())), 100);
    expect(out.frames).toHaveLength(43);
    expect(scanner.kind).toBe('adts');
    expect(framesSeconds(out.frames)).toBeCloseTo((43 * 1024) / 44100, 6);
  });

  it('rejects a false sync: a lone valid-looking header in garbage is not a frame', () => {
    // one MP3 header followed by garbage, then an ADTS header followed by garbage
    const junk = Buffer.concat([
      Buffer.from([0xff, 0xfb, 0x90, 0x64]),
      Buffer.alloc(600, 0x55),
      adtsFrame(),
      Buffer.alloc(600, 0x00),
    ]);
    const real = Array.from({ length: 5 }, () => mp3Frame());
    const scanner = new FrameScanner();
    const out = scan(scanner, Buffer.concat([junk, ...real]), 256).frames;
    expect(out).toHaveLength(5);
    expect(scanner.skippedBytes).toBe(junk.length);
  });

  it('loses the lock on a broken header and locks again on the next run of frames', () => {
    const scanner = new FrameScanner();
    const data = Buffer.concat([
      mp3Frame(),
      mp3Frame(),
      mp3Frame(),
      Buffer.alloc(50, 0x11),
      mp3Frame(),
      mp3Frame(),
      mp3Frame(),
    ]);
    expect(scan(scanner, data, 128).frames).toHaveLength(6);
    expect(scanner.lostSync).toBe(1);
    expect(scanner.skippedBytes).toBe(50);
  });

  it('says so when the stream locks again onto another format', () => {
    const scanner = new FrameScanner();
    const data = Buffer.concat([
      ...Array.from({ length: 4 }, () => mp3Frame()),
      ...Array.from({ length: 4 }, mp3Mpeg2Frame),
    ]);
    const out = scan(scanner, data, 10_000);
    expect(out.frames).toHaveLength(4);
    expect(out.formatChanged).toBe(true);
  });

  it('reads only the kinds it is given', () => {
    const scanner = new FrameScanner(['mp3']);
    const out = scan(scanner, Buffer.concat(Array.from({ length: 5 }, () => adtsFrame())), 512);
    expect(out.frames).toHaveLength(0);
  });
});
