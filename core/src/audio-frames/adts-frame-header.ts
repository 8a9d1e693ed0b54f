/*
 * ADTS (AAC in Audio Data Transport Stream) frame headers: the length of each frame and the
 * format it carries, so that the native capture finds whole AAC frames in a byte stream.
 */

const sampleRates = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
];

export interface AdtsFrameInfo {
  /** Bytes in the frame, header included. */
  length: number;
  sampleRate: number;
  /** Samples per channel in the frame: 1024 per raw data block. */
  samples: number;
  /** Channel configuration (1-7; 0 = described in the stream, still one format). */
  channels: number;
  /** What every frame of one stream shares (profile, sample rate, channels). */
  format: string;
}

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
