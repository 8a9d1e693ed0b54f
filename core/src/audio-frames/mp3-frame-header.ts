/*
 * MPEG audio Layer III frame headers: enough to tell how long a frame is, so that a packet cut
 * short (the connection closed inside a frame) can be told from a whole one, and so that the
 * native capture finds whole frames in a byte stream (frame-scanner.ts). The one reader of them.
 */

import type { FrameInfo } from './frame-info';

const bitratesV1L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const bitratesV2L3 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const sampleRates: Record<number, number[]> = {
  3: [44100, 48000, 32000], // MPEG-1
  2: [22050, 24000, 16000], // MPEG-2
  0: [11025, 12000, 8000], // MPEG-2.5
};

/** A Layer III frame's header, read (see FrameInfo). */
export type Mp3FrameInfo = FrameInfo;

/**
 * The MPEG audio Layer III frame whose header starts at `offset`, or undefined when the 4 bytes
 * there are not a valid Layer III frame header (or not all there). Free-format frames (bitrate
 * index 0) have no length in their header and are not recognized.
 */
export function mp3FrameInfo(buf: Uint8Array, offset = 0): Mp3FrameInfo | undefined {
  if (offset < 0 || offset + 4 > buf.length) return undefined;
  const b1 = buf[offset + 1]!;
  const b2 = buf[offset + 2]!;
  if (buf[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const version = (b1 >> 3) & 0x3;
  const layer = (b1 >> 1) & 0x3;
  if (version === 1 || layer !== 1) return undefined; // reserved version, or not Layer III
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 0x3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined;
  const kbps = (version === 3 ? bitratesV1L3 : bitratesV2L3)[bitrateIndex]!;
  const rate = sampleRates[version]![rateIndex]!;
  const padding = (b2 >> 1) & 0x1;
  const coefficient = version === 3 ? 144 : 72;
  const channels = buf[offset + 3]! >> 6 === 3 ? 1 : 2;
  return {
    length: Math.floor((coefficient * kbps * 1000) / rate) + padding,
    sampleRate: rate,
    samples: version === 3 ? 1152 : 576,
    channels,
    format: `mp3/${version}/${rate}/${channels}`,
  };
}

/** Length in bytes of the Layer III frame at `offset` (see mp3FrameInfo), or undefined. */
export function mp3FrameLength(buf: Uint8Array, offset = 0): number | undefined {
  return mp3FrameInfo(buf, offset)?.length;
}

/** The fields of a Layer III frame header that say what format the audio is in. */
export interface Mp3FrameFormat {
  /** The header's version bits: 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5. */
  versionBits: number;
  /** Index of the sample rate in its version's table (0..2). */
  rateIndex: number;
  /** 0 stereo, 1 joint stereo, 2 dual channel, 3 mono. */
  channelMode: number;
  bitrateIndex: number;
  bitrateKbps: number;
  /** Bytes of side information after the header (and CRC): where a Xing/Info tag starts. */
  sideInfoBytes: number;
  /** True when a 16-bit CRC follows the header. */
  crc: boolean;
}

/** The format fields of the Layer III frame header at `offset` (undefined as for mp3FrameInfo). */
export function mp3FrameFormat(buf: Uint8Array, offset = 0): Mp3FrameFormat | undefined {
  if (!mp3FrameInfo(buf, offset)) return undefined;
  const b1 = buf[offset + 1]!;
  const b2 = buf[offset + 2]!;
  const b3 = buf[offset + 3]!;
  const versionBits = (b1 >> 3) & 0x3;
  const channelMode = b3 >> 6;
  const bitrateIndex = b2 >> 4;
  const mono = channelMode === 3;
  return {
    versionBits,
    rateIndex: (b2 >> 2) & 0x3,
    channelMode,
    bitrateIndex,
    bitrateKbps: (versionBits === 3 ? bitratesV1L3 : bitratesV2L3)[bitrateIndex]!,
    sideInfoBytes: versionBits === 3 ? (mono ? 17 : 32) : mono ? 9 : 17,
    crc: (b1 & 0x1) === 0,
  };
}

/**
 * A 4-byte Layer III header of `format`'s version, sample rate and channel mode with the given
 * bitrate index, no CRC, no padding, not copyrighted, original.
 */
export function mp3FrameHeaderBytes(
  format: Pick<Mp3FrameFormat, 'versionBits' | 'rateIndex' | 'channelMode'>,
  bitrateIndex: number,
): Buffer {
  return Buffer.from([
    0xff,
    0xe0 | (format.versionBits << 3) | (1 << 1) | 0x1, // Layer III, no CRC
    (bitrateIndex << 4) | (format.rateIndex << 2),
    (format.channelMode << 6) | 0x04, // original
  ]);
}

/**
 * The hot path of a frame scan: the length of the Layer III frame at `offset` (as mp3FrameInfo)
 * when its version, sample rate and mono-ness give `key` (mp3FormatKey), else 0. No allocation.
 */
export function mp3FrameLengthIf(buf: Uint8Array, offset: number, key: number): number {
  if (offset + 4 > buf.length || buf[offset] !== 0xff) return 0;
  const b1 = buf[offset + 1]!;
  if ((b1 & 0xe6) !== 0xe2) return 0; // sync bits and Layer III
  if (mp3FormatKey(buf, offset) !== key) return 0;
  const b2 = buf[offset + 2]!;
  const bitrateIndex = b2 >> 4;
  if (bitrateIndex === 0 || bitrateIndex === 15) return 0;
  const version = (b1 >> 3) & 0x3;
  const kbps = (version === 3 ? bitratesV1L3 : bitratesV2L3)[bitrateIndex]!;
  const rate = sampleRates[version]![(b2 >> 2) & 0x3]!;
  return Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + ((b2 >> 1) & 0x1);
}

/** Version bits, sample-rate index and mono-ness of the header at `offset`, as one number. */
export function mp3FormatKey(buf: Uint8Array, offset: number): number {
  const version = (buf[offset + 1]! >> 3) & 0x3;
  const rate = (buf[offset + 2]! >> 2) & 0x3;
  const mono = buf[offset + 3]! >> 6 === 3 ? 1 : 0;
  return (version << 3) | (rate << 1) | mono;
}
