/*
 * Frames for unit tests: headers that parse, bodies of a recognisable byte (0x55 never starts a
 * sync word).
 */

/** An ADTS header (no CRC) for AAC-LC, `rateIndex`, `channels`, `length` bytes in all. */
export function adtsHeader(length: number, rateIndex = 4, channels = 2): number[] {
  return [
    0xff,
    0xf1,
    (1 << 6) | (rateIndex << 2) | (channels >> 2),
    ((channels & 0x3) << 6) | ((length >> 11) & 0x3),
    (length >> 3) & 0xff,
    ((length & 0x7) << 5) | 0x1f,
    0xfc,
  ];
}

/** One ADTS frame of `length` bytes at 44.1 kHz stereo. */
export function adtsFrame(length = 300, rateIndex = 4): Buffer {
  return Buffer.concat([
    Buffer.from(adtsHeader(length, rateIndex)),
    Buffer.alloc(length - 7, 0x55),
  ]);
}

/** One MPEG-1 Layer III frame, 128 kb/s, 44.1 kHz stereo: 417 bytes (418 with padding). */
export function mp3Frame(padding = false): Buffer {
  const header = Buffer.from([0xff, 0xfb, padding ? 0x92 : 0x90, 0x64]);
  return Buffer.concat([header, Buffer.alloc((padding ? 418 : 417) - 4, 0x55)]);
}

/** One MPEG-1 Layer III frame at `kbps` (VBR streams change it frame by frame), 44.1 kHz. */
export function mp3FrameAt(kbps: 64 | 128 | 192 | 320): Buffer {
  const index = { 64: 5, 128: 9, 192: 11, 320: 14 }[kbps];
  const length = Math.floor((144 * kbps * 1000) / 44100);
  return Buffer.concat([
    Buffer.from([0xff, 0xfb, index << 4, 0x64]),
    Buffer.alloc(length - 4, 0x55),
  ]);
}

/** One MPEG-2 Layer III frame, 64 kb/s, 22.05 kHz mono: 208 bytes, 576 samples. */
export function mp3Mpeg2Frame(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xf3, 0x80, 0xc0]), Buffer.alloc(204, 0x55)]);
}
