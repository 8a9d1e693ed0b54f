/*
 * ADTS (AAC in Audio Data Transport Stream) frame headers: the length of each frame and the
 * format it carries, so that the native capture finds whole AAC frames in a byte stream.
 */

import type { FrameInfo } from './frame-info';

const sampleRates = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

/** An ADTS frame's header, read (see FrameInfo). */
export type AdtsFrameInfo = FrameInfo;

/**
 * The ADTS frame whose header starts at `offset`, or undefined when the bytes there are not a
 * valid ADTS header (or not all there): sync word 0xFFF, layer 0, a known sample rate, and a
 * frame length that holds at least its own header.
 */
export function adtsFrameInfo(buf: Uint8Array, offset = 0): AdtsFrameInfo | undefined {
  if (offset < 0 || offset + 7 > buf.length) return undefined;
  const b1 = buf[offset + 1]!;
  const b2 = buf[offset + 2]!;
  const b3 = buf[offset + 3]!;
  if (buf[offset] !== 0xff || (b1 & 0xf6) !== 0xf0) return undefined; // sync, layer 00
  const protectionAbsent = b1 & 0x1;
  const profile = b2 >> 6;
  const rateIndex = (b2 >> 2) & 0xf;
  if (rateIndex >= sampleRates.length) return undefined;
  const channels = ((b2 & 0x1) << 2) | (b3 >> 6);
  const length = ((b3 & 0x3) << 11) | (buf[offset + 4]! << 3) | (buf[offset + 5]! >> 5);
  const headerLength = protectionAbsent ? 7 : 9;
  if (length <= headerLength) return undefined;
  const blocks = (buf[offset + 6]! & 0x3) + 1;
  const sampleRate = sampleRates[rateIndex]!;
  return {
    length,
    sampleRate,
    samples: 1024 * blocks,
    channels,
    format: `adts/${profile}/${sampleRate}/${channels}`,
  };
}
